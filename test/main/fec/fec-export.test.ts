import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response } from '../../../src/shared/contract';
import { call, callErr, callOk, makeTestCompany, testCompany, type TestCompany } from '../../helpers/context';
import { companyInit } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { bigLedger, readFec, SIREN, YEAR1 } from './fixture';

const ENTRIES = 12_500; // 25 000 lines: the export pauses twice and flushes a few times.

let big: TestCompany & { dispose: () => void };
beforeAll(async () => {
  big = makeTestCompany();
  await bigLedger(big.ctx, ENTRIES);
});
afterAll(() => big.dispose());

const nextTurn = () => new Promise<void>((resume) => setImmediate(resume));

describe('export.fec with a jobId', () => {
  it('reports its progress through job.status while it runs, then done = total = lines and finished', async () => {
    const out = join(big.dir, 'progress');
    mkdirSync(out);
    const exporting = call(big.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: out, jobId: 'fec-2026_a' });
    let settled = false;
    void exporting.then(() => (settled = true));
    const seen: Response<'job.status'>[] = [];
    while (!settled) {
      seen.push(await callOk(big.ctx, 'job.status', { jobId: 'fec-2026_a' }));
      await nextTurn();
    }
    const result = await exporting;
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const lines = 2 * ENTRIES;
    expect(result.ok && result.value).toEqual({ path: join(out, `${SIREN}FEC20261231.txt`), lines });

    expect(seen.length, 'job.status answered while the export ran').toBeGreaterThan(1);
    expect(seen.every((s) => s.jobId === 'fec-2026_a' && s.total === lines)).toBe(true);
    expect(seen.some((s) => !s.finished && s.done > 0 && s.done < lines), 'an intermediate state was seen').toBe(true);
    const dones = seen.map((s) => s.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(await callOk(big.ctx, 'job.status', { jobId: 'fec-2026_a' })).toEqual({ jobId: 'fec-2026_a', done: lines, total: lines, finished: true });
  });

  it('keeps the app usable meanwhile and exports one snapshot: an entry posted during the export is not in it', async () => {
    const out = join(big.dir, 'snapshot');
    mkdirSync(out);
    const exporting = callOk(big.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: out, jobId: 'snapshot' });
    while ((await callOk(big.ctx, 'job.status', { jobId: 'snapshot' })).done === 0) await nextTurn();
    const posted = await callOk(big.ctx, 'ledger.post', {
      journal: 'OD', date: '2026-12-01', label: 'Écriture passée pendant l’export', pieceRef: 'PENDANT',
      lines: [{ account: '512', debit: '1.00' }, { account: '706', credit: '1.00' }],
    });
    const result = await exporting;
    expect(result.lines).toBe(2 * ENTRIES);
    expect(readFileSync(result.path, 'utf8')).not.toContain('PENDANT');
    const after = await callOk(big.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: out });
    expect(after.lines).toBe(2 * ENTRIES + posted.lines.length);
    expect(readFec(after.path).lines.at(-1)?.get('PieceRef')).toBe('PENDANT');
  });

  it('refuses a jobId already used by an export still running', async () => {
    const out = join(big.dir, 'twice');
    mkdirSync(out);
    const first = callOk(big.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: out, jobId: 'same' });
    const err = await callErr(big.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: join(out, 'autre.txt'), jobId: 'same' });
    expect(err.code).toBe('CONFLICT');
    expectFrench(err.message);
    const done = await first;
    expect(readFec(done.path).lines).toHaveLength(done.lines);
    expect(existsSync(join(out, 'autre.txt'))).toBe(false);
  });
});

describe('job.status', () => {
  it('answers NOT_FOUND in French for an id no job carries', async () => {
    const { ctx } = testCompany();
    const err = await callErr(ctx, 'job.status', { jobId: 'inconnu-42' });
    expect(err.code).toBe('NOT_FOUND');
    expectFrench(err.message);
  });

  it('refuses an id outside 1–64 characters of letters, digits, _ and -', async () => {
    const { ctx } = testCompany();
    for (const jobId of ['', 'a'.repeat(65), 'fec 2026', 'fec/2026', 'éxport', 42]) {
      const err = await callErr(ctx, 'job.status', { jobId });
      expect(err.code, String(jobId)).toBe('VALIDATION');
      expect(err.fieldErrors, String(jobId)).toHaveProperty('jobId');
    }
    const err = await callErr(ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: '/tmp', jobId: 'fec 2026' });
    expect(err.fieldErrors).toHaveProperty('jobId');
  });

  it('marks the job finished when the export fails, so a progress bar never waits forever', async () => {
    const { ctx, dir } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    const err = await callErr(ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: join(dir, 'absent'), jobId: 'echec' });
    expect(err.code).toBe('VALIDATION');
    expect(await callOk(ctx, 'job.status', { jobId: 'echec' })).toMatchObject({ jobId: 'echec', finished: true });
  });
});

describe('export.fec refusals', () => {
  it('refuses a folder that does not exist with a French message on « output », and writes nothing', async () => {
    const { ctx, dir } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    for (const output of [join(dir, 'absent'), join(dir, 'absent', 'fec.txt')]) {
      const err = await callErr(ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output });
      expect(err.code, output).toBe('VALIDATION');
      expect(err.message).toContain('n’existe pas');
      expectFrench(err.message);
      expect(err.fieldErrors).toHaveProperty('output');
    }
    expect(readdirSync(dir).filter((f) => !f.startsWith('societe.encours'))).toEqual([]);
  });

  it('refuses an existing file that is not a .txt, leaving it untouched', async () => {
    const { ctx, dir } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    const other = join(dir, 'notes.csv');
    writeFileSync(other, 'à garder');
    const err = await callErr(ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: other });
    expect(err.code).toBe('VALIDATION');
    expectFrench(err.message);
    expect(readFileSync(other, 'utf8')).toBe('à garder');
  });

  it('answers NOT_FOUND for a fiscal year the company does not have, and writes nothing', async () => {
    const { ctx, dir } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    const err = await callErr(ctx, 'export.fec', { fiscalYearEnd: '2025-12-31', output: dir });
    expect(err.code).toBe('NOT_FOUND');
    expectFrench(err.message);
    expect(readdirSync(dir).filter((f) => f.endsWith('.txt'))).toEqual([]);
  });

  it('exports a year without entries as the header alone', async () => {
    const { ctx, dir } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    const r = await callOk(ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: dir });
    expect(r.lines).toBe(0);
    expect(readFec(r.path).lines).toEqual([]);
  });

  it('refuses a year whose numbering no longer follows the validation order (a tampered file), writing nothing', async () => {
    const { ctx, dir } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    for (const ref of ['P1', 'P2', 'P3']) {
      await callOk(ctx, 'ledger.post', { journal: 'OD', date: '2026-05-01', label: `Écriture ${ref}`, pieceRef: ref, lines: [{ account: '512', debit: '1.00' }, { account: '706', credit: '1.00' }] });
    }
    const db = ctx.file.db();
    db.exec('DROP TRIGGER entry_validated_is_immutable');
    db.exec('UPDATE entry SET num = 100 WHERE num = 2; UPDATE entry SET num = 2 WHERE num = 3; UPDATE entry SET num = 3 WHERE num = 100;');
    const err = await callErr(ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: dir });
    expect(err.code).toBe('CONFLICT');
    expectFrench(err.message);
    expect(readdirSync(dir).filter((f) => !f.startsWith('societe.encours'))).toEqual([]);
  });

  it('refuses a file that has no company yet', async () => {
    const { ctx, dir } = testCompany();
    const err = await callErr(ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: dir });
    expect(err.code).toBe('NOT_FOUND');
  });
});
