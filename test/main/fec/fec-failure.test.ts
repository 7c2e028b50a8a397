import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { callErr, callOk, testCompany } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';
import { disk, resetDisk } from '../../helpers/failing-fs';
import { expectFrench } from '../../helpers/french';
import { SIREN, YEAR1 } from './fixture';

/** Breaks, on demand, the opening of the export's temp file or its writes, with a given system error. */
vi.mock('node:fs', async (importOriginal) => (await import('../../helpers/failing-fs')).failingFs(await importOriginal()));

beforeEach(resetDisk);

/** A company with a few validated entries, the last ones still in the WAL. */
async function company() {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', companyInit);
  const c = await callOk(tc.ctx, 'customer.create', societeGenerale);
  for (let i = 1; i <= 5; i++) {
    await callOk(tc.ctx, 'invoice.create', {
      customerId: c.id, date: '2026-03-10', validate: true, lines: [{ description: `Conseil ${i}`, quantity: '1', unitPrice: '100', vatRate: '20', kind: 'services' }],
    });
  }
  const out = join(tc.dir, 'export');
  mkdirSync(out);
  return { ...tc, out };
}

/**
 * No connection of the export is left open: closing the company file folds the WAL back and deletes it,
 * which SQLite does only when the last connection to the file closes.
 */
function expectNoReaderLeft(tc: Awaited<ReturnType<typeof company>>) {
  tc.ctx.file.close();
  expect(existsSync(`${tc.path}-wal`), 'a connection of the export is still open').toBe(false);
}

describe('a failed FEC export says why, in French, and leaves nothing open or behind', () => {
  it.each([
    ['EACCES', /droits/],
    ['EROFS', /droits/],
    ['ENOENT', /n’existe plus/],
  ])('reports %s on opening the output as a French VALIDATION on output, and closes its reader', async (code, message) => {
    const tc = await company();
    disk.openFails = code;
    const err = await callErr(tc.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: tc.out });
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(message);
    expect(err.fieldErrors?.output).toBeDefined();
    expectFrench(err.message);
    expect(readdirSync(tc.out)).toEqual([]);
    expectNoReaderLeft(tc);
  });

  it('says what failed when the disk gives an input/output error midway, with no temp file left', async () => {
    const tc = await company();
    disk.writeFails = 'EIO';
    const err = await callErr(tc.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: tc.out });
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toMatch(/a échoué \(erreur du système EIO\)/);
    expectFrench(err.message);
    expect(readdirSync(tc.out)).toEqual([]);
    expectNoReaderLeft(tc);
  });

  it('leaves no connection open after ten failures in a row: the WAL still checkpoints whole', async () => {
    const tc = await company();
    disk.openFails = 'EACCES';
    for (let i = 0; i < 10; i++) await callErr(tc.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: tc.out });
    disk.openFails = '';
    const checkpoint = tc.ctx.file.db().pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
    expect(checkpoint[0]).toMatchObject({ busy: 0, log: 0 });
    expectNoReaderLeft(tc);
  });

  it('writes under a 250-character name: its temp file’s name stays short enough for the disk', async () => {
    const tc = await company();
    const target = join(tc.out, `${'x'.repeat(246)}.txt`);
    const r = await callOk(tc.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: target });
    expect(r).toEqual({ path: target, lines: 15 });
    expect(readdirSync(tc.out)).toEqual([`${'x'.repeat(246)}.txt`]);
  });

  it('says a name too long for the disk is too long, instead of an unexpected error', async () => {
    const tc = await company();
    const err = await callErr(tc.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: join(tc.out, `${'x'.repeat(300)}.txt`) });
    expect(err).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/trop long/) as unknown });
    expect(readdirSync(tc.out)).toEqual([]);
    expectNoReaderLeft(tc);
  });
});

describe('the temp files of an export killed midway', () => {
  it('are removed by the next export to the same folder, those of a process still running kept', async () => {
    const tc = await company();
    const name = `${SIREN}FEC20261231.txt`;
    // A process id that no longer runs (far above any pid_max), and this test's parent, which does.
    const dead = `.${name}.99999999-0badc0de.partiel`;
    const running = `.${name}.${process.ppid}-00c0ffee.partiel`;
    const mine = `.${name}.${process.pid}-0000beef.partiel`;
    for (const f of [dead, running, mine, 'notes.partiel']) writeFileSync(join(tc.out, f), 'début du FEC');
    await callOk(tc.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: tc.out });
    expect(readdirSync(tc.out).sort()).toEqual([running, name, 'notes.partiel'].sort());
  });
});
