import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { serviceContext, silentLogger, type ServiceContext } from '../../main/core/context';
import { dispatch } from '../../main/core/dispatch';
import { handlers } from '../../main/core/service';
import { CompanyFile } from '../../main/db/company-file';
import { applyKey } from '../../main/db/encryption';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ChannelName, Response } from '../../shared/contract';

/** One line of the report: what every scenario prints, plus its own fields. */
export interface BenchResult {
  name: string;
  n: number;
  seconds: number;
  perSecond: number;
  peakRssMB: number;
  [extra: string]: unknown;
}

/** "Today" for every scenario: the last day of the fiscal year the data lives in. */
export const TODAY = '2026-12-31';
export const FISCAL_YEAR = { start: '2026-01-01', end: '2026-12-31' };
export const clock = () => new Date(`${TODAY}T17:00:00.000Z`);

export const COMPANY = {
  name: 'Banc d’essai SARL',
  siren: '732829320',
  address: { line1: '3 rue des Lilas', postcode: '69003', city: 'Lyon' },
  vatRegime: 'debits',
  fiscalYear: FISCAL_YEAR,
};

export function makeWorkDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'encours-bench-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The passphrase of the files `--encrypted` creates (SQLCipher 4, as the app encrypts a company file). */
export const BENCH_PASSPHRASE = 'banc d’essai chiffré';

/** A raw connection of the baseline keyed like a company file when the run is encrypted. */
export function keyRaw(db: Database, passphrase: string | undefined) {
  if (passphrase !== undefined && !applyKey(db, passphrase)) throw new Error('Phrase de passe du banc d’essai refusée.');
}

/** A company file and the context every door builds: the bench calls the core exactly as the app does. */
export class Company {
  readonly file: CompanyFile;
  readonly ctx: ServiceContext;

  /** `passphrase`: the file is created (or opened) encrypted with it. */
  constructor(readonly path: string, passphrase?: string) {
    this.file = new CompanyFile(path, passphrase === undefined ? {} : { passphrase });
    this.ctx = serviceContext({ file: this.file, now: clock, log: silentLogger });
  }

  /** One channel call through dispatch (zod parse, handler, one transaction); throws on a refusal. */
  async call<C extends ChannelName>(channel: C, payload: unknown): Promise<Response<C>> {
    const r = await dispatch(handlers, this.ctx, channel, payload);
    if (!r.ok) throw new Error(`${channel} a échoué : ${JSON.stringify(r.error)}`);
    return r.value as Response<C>;
  }

  /** Same, timed in milliseconds. */
  async timed<C extends ChannelName>(channel: C, payload: unknown): Promise<{ value: Response<C>; ms: number }> {
    const t0 = performance.now();
    const value = await this.call(channel, payload);
    return { value, ms: performance.now() - t0 };
  }

  close() {
    this.file.close();
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
export const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/** p50/p95/p99/max of per-operation times, and the mean of the first and the last 10 %. */
export function latencyStats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const tenth = Math.max(1, Math.floor(ms.length / 10));
  const first = mean(ms.slice(0, tenth));
  const last = mean(ms.slice(-tenth));
  return {
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
    meanMs: round(mean(ms)),
    first10pctMs: round(first),
    last10pctMs: round(last),
    lastOverFirst: round(first > 0 ? last / first : 0, 2),
    // Mean of each tenth of the run, in order: the shape of any drift, not just its two ends.
    decilesMs: Array.from({ length: 10 }, (_, d) => round(mean(ms.slice(Math.floor((d * ms.length) / 10), Math.floor(((d + 1) * ms.length) / 10))), 2)),
  };
}

/**
 * Peak resident memory, sampled every 2 ms by a worker thread: RSS is the process's, and a worker keeps
 * sampling while the main thread is busy inside a synchronous SQLite call (a timer on the main thread
 * would not fire then).
 */
export class RssSampler {
  private readonly shared = new SharedArrayBuffer(8 * 4);
  private readonly view = new Float64Array(this.shared);
  private readonly worker: Worker;

  constructor(intervalMs = 2) {
    this.worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const a = new Float64Array(workerData.sab);
       setInterval(() => {
         const r = process.memoryUsage.rss();
         a[1] = r;
         if (r > a[0]) a[0] = r;
         if (a[2] === 0 || r < a[2]) a[2] = r;
         a[3]++;
       }, workerData.intervalMs);`,
      { eval: true, workerData: { sab: this.shared, intervalMs } },
    );
    this.worker.unref();
  }

  /** Starts a new window: peak and low reset to the current RSS. */
  reset() {
    const r = process.memoryUsage.rss();
    this.view[0] = r;
    this.view[2] = r;
    this.view[3] = 0;
  }

  get peakMB(): number {
    return round(Math.max(this.view[0] as number, process.memoryUsage.rss()) / 2 ** 20, 1);
  }

  get lowMB(): number {
    return round((this.view[2] as number) / 2 ** 20, 1);
  }

  get samples(): number {
    return this.view[3] as number;
  }

  async stop() {
    await this.worker.terminate();
  }
}

export function result(name: string, n: number, seconds: number, peakRssMB: number, extra: Record<string, unknown> = {}): BenchResult {
  return { name, n, seconds: round(seconds), perSecond: round(seconds > 0 ? n / seconds : 0, 1), peakRssMB, ...extra };
}

/**
 * CPU time of the process since a mark, and the load average: with other programs on the machine, wall
 * time says how long the user waited, CPU time how much work it was (a busy 2-core machine stretches the
 * first, not the second).
 */
export function cpuMark(): NodeJS.CpuUsage {
  return process.cpuUsage();
}

export function cpuSince(mark: NodeJS.CpuUsage): { cpuSeconds: number; load1: number } {
  const d = process.cpuUsage(mark);
  return { cpuSeconds: round((d.user + d.system) / 1e6), load1: round(loadavg()[0] ?? 0, 1) };
}

export function log(message: string) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
