import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../src/main/cli/run';
import { companyInit, invoiceDraft, manualEntry, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { deleteTailSql, falsify, sqlite3 } from '../../helpers/tamper';
import { tempDir } from '../../helpers/temp';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(argv: string[], env: CliIo['env']): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env });
  return { code, stdout, stderr };
}

/** A company file of four entries written by separate CLI runs, the chain head kept in `dataDir`. */
async function fourEntriesByCli(env: CliIo['env'], extra: string[] = []) {
  const dir = tempDir();
  const file = join(dir, 'societe.encours');
  const run = async (channel: string, payload: unknown) => {
    const r = await cli(['--file', file, ...extra, channel, JSON.stringify(payload)], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as unknown;
  };
  await run('company.init', companyInit);
  await run('customer.create', societeGenerale);
  await run('invoice.create', { ...invoiceDraft, validate: true });
  await run('invoice.create', { ...invoiceDraft, date: '2026-03-02', validate: true });
  await run('ledger.post', manualEntry);
  await run('ledger.post', { ...manualEntry, date: '2026-03-16', pieceRef: 'REL-2026-03-B' });
  expect(await run('ledger.verify', {})).toEqual({ ok: true, entries: 4 });
  return file;
}

const DELETE_TAIL = deleteTailSql(3);

describe('the CLI detects the newest entries deleted from a company file', () => {
  it('with ENCOURS_DATA_DIR: ledger.verify reports the deletion (exit 0, ok false), a write is refused with CONFLICT (exit 1), both naming the sequence', async () => {
    const data = tempDir();
    const env = { ENCOURS_TODAY: '2026-11-22', ENCOURS_DATA_DIR: data };
    const file = await fourEntriesByCli(env);
    const fileId = sqlite3(file, 'SELECT id FROM file_identity;').trim();
    expect(readdirSync(join(data, 'empreintes'))).toEqual([`${fileId}.json`]);

    falsify(file, DELETE_TAIL);

    const verify = await cli(['--file', file, 'ledger.verify'], env);
    expect(verify.code).toBe(0);
    const report = JSON.parse(verify.stdout) as { ok: boolean; entries: number; brokenAt?: { seq: number; reason: string } };
    expect(report.ok).toBe(false);
    expect(report.brokenAt?.seq).toBe(4);
    expect(report.brokenAt?.reason).toMatch(/Écritures supprimées : le journal s’arrête à l’écriture n° 2 de la séquence, alors qu’il allait jusqu’à la n° 4 sur cet ordinateur le 22\/11\/2026/);
    expectFrench(report.brokenAt?.reason);

    const write = await cli(['--file', file, 'ledger.post', JSON.stringify(manualEntry)], env);
    expect(write.code).toBe(1);
    const { error } = JSON.parse(write.stderr) as { error: { code: string; message: string } };
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/Écritures supprimées .* n° 4/);
    expectFrench(error.message);
    expect(sqlite3(file, 'SELECT max(seq) FROM entry;').trim()).toBe('2');
  });

  it('with --data-dir the same; without any data folder only the chain is checked, and says nothing of the tail', async () => {
    const data = tempDir();
    const env = { ENCOURS_TODAY: '2026-11-22' };
    const file = await fourEntriesByCli(env, ['--data-dir', data]);
    falsify(file, DELETE_TAIL);
    const withWitness = await cli(['--file', file, '--data-dir', data, 'ledger.verify'], env);
    expect(JSON.parse(withWitness.stdout)).toMatchObject({ ok: false, brokenAt: { seq: 4 } });
    // No HOME, no ENCOURS_DATA_DIR, no --data-dir: the CLI keeps nothing outside the file, so cannot tell.
    const without = await cli(['--file', file, 'ledger.verify'], env);
    expect(JSON.parse(without.stdout)).toEqual({ ok: true, entries: 2 });
  });
});
