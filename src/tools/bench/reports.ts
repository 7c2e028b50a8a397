import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { ChannelName } from '../../shared/contract';
import { type Company, cpuMark, FISCAL_YEAR, result, round, TODAY, type BenchResult, type RssSampler } from './common';

const RUNS = 3;

/** A report's size, to show it did the work: rows, lines or days. */
function sizeOf(value: unknown): Record<string, unknown> {
  const v = value as { rows?: unknown[]; total?: number; days?: number; openInvoices?: unknown[] };
  return {
    ...(v.rows ? { rows: v.rows.length } : {}),
    ...(typeof v.total === 'number' ? { total: v.total } : {}),
    ...(typeof v.days === 'number' ? { days: v.days } : {}),
    ...(v.openInvoices ? { openInvoices: v.openInvoices.length } : {}),
  };
}

/**
 * Scenario 3, the reports on the full file: each channel called RUNS times through dispatch; `seconds`
 * is the median run, `firstMs` the first (colder) one.
 */
export async function reports(company: Company, invoices: number, largestCustomerId: number, rss: RssSampler): Promise<BenchResult[]> {
  const past = '2026-06-30';
  const cases: [string, ChannelName, unknown][] = [
    ['report.trialBalance', 'report.trialBalance', {}],
    ['report.trialBalance (exercice)', 'report.trialBalance', { from: FISCAL_YEAR.start, to: FISCAL_YEAR.end }],
    ['report.aging (aujourd’hui)', 'report.aging', { asOf: TODAY }],
    [`report.aging (${past})`, 'report.aging', { asOf: past }],
    ['report.dso (ratio)', 'report.dso', { from: FISCAL_YEAR.start, to: FISCAL_YEAR.end, method: 'ratio' }],
    ['report.dso (average)', 'report.dso', { from: FISCAL_YEAR.start, to: FISCAL_YEAR.end, method: 'average' }],
    ['report.dso (countback)', 'report.dso', { from: FISCAL_YEAR.start, to: FISCAL_YEAR.end, method: 'countback' }],
    ['report.customerStatement (plus gros client)', 'report.customerStatement', { customerId: largestCustomerId }],
    ['invoice.list (1re page, 100)', 'invoice.list', { limit: 100 }],
    ['invoice.list (statut partial, 100)', 'invoice.list', { status: 'partial', limit: 100 }],
    ['invoice.list (statut paid, 100)', 'invoice.list', { status: 'paid', limit: 100 }],
    ['invoice.list (dernière page, 100)', 'invoice.list', { limit: 100, offset: Math.max(0, invoices - 100) }],
  ];
  const out: BenchResult[] = [];
  for (const [name, channel, payload] of cases) {
    rss.reset();
    const times: number[] = [];
    const cpus: number[] = [];
    let size: Record<string, unknown> = {};
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const cpu = cpuMark();
      const value = await company.call(channel, payload);
      times.push(performance.now() - t0);
      const d = process.cpuUsage(cpu);
      cpus.push((d.user + d.system) / 1000);
      size = sizeOf(value);
    }
    const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number;
    const median = mid(times);
    out.push(result(name, invoices, median / 1000, rss.peakMB, { ms: round(median, 1), cpuMs: round(mid(cpus), 1), firstMs: round(times[0] as number, 1), ...size, load1: round(loadavg()[0] ?? 0, 1) }));
  }
  return out;
}
