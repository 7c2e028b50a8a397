import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callOk } from '../../helpers/context';
import { repoRoot } from '../../helpers/repo';
import { A, expectLedgerInvariants, ledgerCompany, post, receipt } from './helpers';

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
