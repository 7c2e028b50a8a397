import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCompanyDb } from '../../../src/main/db/open';
import { callOk, testCompany } from '../../helpers/context';
import { companyInit } from '../../helpers/fixtures';
import { repoRoot } from '../../helpers/repo';
import { A, B, expectLedgerInvariants, ledgerCompany, post, receipt, sale } from './helpers';

const CHILD = join(repoRoot, 'test/main/ledger/fixtures/post-batch.ts');
/** Far more than it can post before being killed: the kill always lands in the middle of the batch. */
const BATCH = 1_000_000;
const KILL_AFTER = 300;

/** Runs the child on `file` until it reports `KILL_AFTER` commits, then SIGKILLs it; resolves with what it reported. */
function postUntilKilled(file: string): Promise<{ reported: number; signal: NodeJS.Signals | null; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, String(BATCH)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let reported = 0;
    let pending = '';
    let stderr = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^posted (\d+) (\d+)$/.exec(line);
        if (!m) continue;
        const i = Number(m[1]);
        if (Number(m[2]) !== i) reject(new Error(`entry ${i} got number ${m[2]}`));
        reported = i;
      }
      if (reported >= KILL_AFTER && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      resolve({ reported, signal, code, stderr });
    });
  });
}

describe('a crash in the middle of a batch of postings', () => {
  it('loses no committed entry and leaves a journal that verifies, balances, has no numbering gap and carries on', async () => {
    const { ctx, path } = await ledgerCompany();
    ctx.file.close();

    const run = await postUntilKilled(path);
    expect(run.stderr).toBe('');
    expect(run.signal, `child exited with code ${run.code}`).toBe('SIGKILL');
    expect(run.reported).toBeGreaterThanOrEqual(KILL_AFTER);
    // Killed without closing: the WAL was not folded back, the reopening recovers it.
    expect(existsSync(`${path}-wal`)).toBe(true);

    const rows = await expectLedgerInvariants(ctx);
    const n = rows.length;
    expect(n).toBeGreaterThanOrEqual(run.reported);
    expect(n).toBeLessThan(BATCH);
    expect(rows.map((r) => r.num)).toEqual(rows.map((_r, i) => i + 1));
    const db = ctx.file.db();
    expect(db.prepare('SELECT count(*) FROM entry').pluck().get()).toBe(n);
    // Entry i carries piece F-i (odd) or R-i (even): the n first of the batch, in order, none twice.
    const refs = db.prepare('SELECT piece_ref FROM entry ORDER BY seq').pluck().all() as string[];
    expect(refs).toEqual(rows.map((_r, k) => `${k % 2 === 0 ? 'F' : 'R'}-${k + 1}`));

    // Amounts: each pair is a sale of 120,00 and its payment; an odd n leaves the last sale unpaid.
    const tb = await callOk(ctx, 'report.trialBalance', {});
    const balance = (account: string) => tb.rows.find((r) => r.account === account)?.balance;
    expect(balance('411')).toBe(n % 2 === 1 ? '120.00' : '0.00');
    expect(balance('707')).toBe(`-${Math.ceil(n / 2) * 100}.00`);

    // And the next posting takes the next numbers.
    expect(post(ctx, receipt(A, '1.00', '2026-12-01'))).toMatchObject({ num: n + 1, seq: n + 1 });
    await expectLedgerInvariants(ctx);
  }, 180_000);
});

const INTERRUPTED = join(repoRoot, 'test/main/ledger/fixtures/interrupted-call.ts');

/**
 * Runs one channel call in a child (interrupted-call.ts) that stops in the middle of it, and SIGKILLs the
 * child as soon as it says so: no cleanup, no closing, as when the laptop's power goes.
 */
function callUntilKilled(args: string[]): Promise<{ midway: boolean; signal: NodeJS.Signals | null; code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', INTERRUPTED, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let midway = false;
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (!midway && stdout.split('\n').includes('midway')) {
        midway = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      resolve({ midway, signal, code, stdout, stderr });
    });
  });
}

describe('a crash in the middle of backup.create', () => {
  it('leaves no copy under a copy’s name, none in backup.list, its temp file cleaned, and the company file whole', async () => {
    const { ctx, path } = await ledgerCompany();
    for (let i = 1; i <= 200; i++) post(ctx, sale(i % 2 ? A : B, '100.00', '20.00', '2026-03-10', `F-${i}`));
    const backupDir = ctx.file.backupDir;
    ctx.file.close();

    const run = await callUntilKilled([path, 'backup.create']);
    expect(run.stderr).toBe('');
    expect(run.midway, `child ended without stopping midway: ${run.stdout}`).toBe(true);
    expect(run.signal, `child exited with code ${run.code}`).toBe('SIGKILL');

    // What the killed copy left: its hidden temp file (and SQLite's journal beside it), nothing else.
    const left = readdirSync(backupDir);
    expect(left.filter((n) => !n.endsWith('.partiel') && !n.endsWith('.partiel-journal')), 'a half copy under a copy’s name').toEqual([]);
    expect(left.length).toBeGreaterThan(0);
    expect((await callOk(ctx, 'backup.list', {})).rows).toEqual([]);
    expect(readdirSync(backupDir), 'the killed copy’s temp files are removed by the listing').toEqual([]);

    // The company file opens whole, and the next copy is whole too.
    expect(await callOk(ctx, 'ledger.verify', {})).toMatchObject({ ok: true, entries: 200 });
    await expectLedgerInvariants(ctx);
    const copy = await callOk(ctx, 'backup.create', {});
    expect((await callOk(ctx, 'backup.list', {})).rows.map((r) => r.path)).toEqual([copy.path]);
    const db = openCompanyDb(copy.path);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT count(*) FROM entry').pluck().get()).toBe(200);
    } finally {
      db.close();
    }
  }, 180_000);
});

describe('a crash in the middle of a CSV import', () => {
  it('imports nothing, leaves a file that verifies, and the same import then goes through whole', async () => {
    const tc = testCompany();
    await callOk(tc.ctx, 'company.init', companyInit);
    await callOk(tc.ctx, 'import.customers', { csv: 'nom;type\nBoulangerie Martin;professionnel\nJeanne Durand;particulier\n' });
    const N = 2_000;
    const rows = Array.from({ length: N }, (_v, k) => `FA-${k + 1};C0000${(k % 2) + 1};2026-01-10;;${100 + k};;;;;Reprise ${k + 1}`);
    const csvPath = join(tc.dir, 'factures.csv');
    writeFileSync(csvPath, `numero;client;date;echeance;ttc;reste du;ht;taux;nature;libelle\n${rows.join('\n')}\n`);
    tc.ctx.file.close();

    const run = await callUntilKilled([tc.path, 'import.openInvoices', csvPath]);
    expect(run.stderr).toBe('');
    expect(run.midway, `child ended without stopping midway: ${run.stdout}`).toBe(true);
    expect(run.signal, `child exited with code ${run.code}`).toBe('SIGKILL');

    // All or nothing: killed inside its transaction, the import left nothing.
    expect((await callOk(tc.ctx, 'invoice.list', {})).total).toBe(0);
    const db = tc.ctx.file.db();
    expect(db.prepare('SELECT count(*) FROM entry').pluck().get()).toBe(0);
    expect(await callOk(tc.ctx, 'ledger.verify', {})).toMatchObject({ ok: true, entries: 0 });
    expect((await callOk(tc.ctx, 'customer.list', {})).total).toBe(2);

    const again = await callOk(tc.ctx, 'import.openInvoices', { csv: `numero;client;date;echeance;ttc;reste du;ht;taux;nature;libelle\n${rows.join('\n')}\n` });
    expect(again).toMatchObject({ created: N, errors: [] });
    expect((await callOk(tc.ctx, 'invoice.list', {})).total).toBe(N);
    await expectLedgerInvariants(tc.ctx);
  }, 180_000);
});
