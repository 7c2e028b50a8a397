import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/main/cli/run';
import { companyInit, societeGenerale } from '../../helpers/fixtures';
import { disk, resetDisk } from '../../helpers/failing-fs';
import { expectFrench } from '../../helpers/french';
import { tempDir } from '../../helpers/temp';

/**
 * The import, FEC-failure and backup cases of issue 15, through the CLI: the same refusals, exit 1 with a
 * French { error } on stderr (never 2, an internal error), and nothing left open or half-written.
 */

/** Breaks, on demand, the opening of a temp file or the writes, with a given system error. */
vi.mock('node:fs', async (importOriginal) => (await import('../../helpers/failing-fs')).failingFs(await importOriginal()));

beforeEach(resetDisk);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(file: string, channel: string, request?: unknown): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const argv = ['--file', file, channel, ...(request === undefined ? [] : [JSON.stringify(request)])];
  const code = await runCli(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env: { ENCOURS_TODAY: '2026-11-22' } });
  return { code, stdout, stderr };
}

async function ok<T = Record<string, unknown>>(file: string, channel: string, request?: unknown): Promise<T> {
  const run = await cli(file, channel, request);
  expect(run, `${channel}: ${run.stderr}`).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout) as T;
}

/** A refusal as the CLI gives it: exit 1, { error } on stderr, a French message. */
async function refused(file: string, channel: string, request?: unknown) {
  const run = await cli(file, channel, request);
  expect(run.stdout).toBe('');
  const { error } = JSON.parse(run.stderr) as { error: { code: string; message: string; fieldErrors?: Record<string, string> } };
  expect(run.code, run.stderr).toBe(1);
  expectFrench(error.message);
  return error;
}

/** A company file with a customer and two validated invoices, made through the CLI. */
async function company() {
  const dir = tempDir();
  const file = join(dir, 'societe.encours');
  await ok(file, 'company.init', companyInit);
  await ok(file, 'customer.create', societeGenerale);
  for (const n of [1, 2]) {
    await ok(file, 'invoice.create', {
      customerId: 1, date: '2026-03-10', validate: true, lines: [{ description: `Conseil ${n}`, quantity: '1', unitPrice: '100', vatRate: '20', kind: 'services' }],
    });
  }
  const out = join(dir, 'export');
  mkdirSync(out);
  return { dir, file, out, backupDir: join(dir, 'Sauvegardes Encours') };
}

/** Each CLI run closes the file: with no connection left, SQLite folds the WAL back and deletes it. */
function expectClosedWhole(file: string) {
  expect(existsSync(`${file}-wal`), 'a connection was left open').toBe(false);
}

describe('the CSV import through the CLI', () => {
  it('refuses customer names and invoice numbers a spreadsheet would run as formulas, importing nothing', async () => {
    const { file } = await company();
    const customers = await ok<{ created: number; errors: { line: number; field: string; message: string }[] }>(file, 'import.customers', {
      csv: 'nom;type\n=HYPERLINK("http://x.example","Cliquez");particulier\n@SUM(A1);particulier\nBoulangerie Martin;professionnel\n',
    });
    expect(customers.created).toBe(0);
    expect(customers.errors.map((e) => [e.line, e.field])).toEqual([[2, 'name'], [3, 'name']]);
    for (const e of customers.errors) expectFrench(e.message);

    const invoices = await ok<{ created: number; errors: { line: number; field: string }[] }>(file, 'import.openInvoices', {
      csv: 'numero;client;date;ttc;libelle\n=1+1;C00001;2026-01-10;100;\nFA-2;C00001;2026-01-10;100;+cmd|\' /C calc\'!A0\n',
    });
    expect(invoices.created).toBe(0);
    expect(invoices.errors.map((e) => [e.line, e.field])).toEqual([[2, 'numero'], [3, 'libelle']]);
    expect((await ok<{ total: number }>(file, 'customer.list')).total).toBe(1);
    expect((await ok<{ total: number }>(file, 'invoice.list')).total).toBe(2);
  });
});

describe('a failed FEC export through the CLI', () => {
  it('says in French that the folder cannot be written (exit 1, not an internal error) and leaves no connection open', async () => {
    const { file, out } = await company();
    disk.openFails = 'EACCES';
    const error = await refused(file, 'export.fec', { fiscalYearEnd: '2026-12-31', output: out });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/droits/);
    expect(error.fieldErrors).toHaveProperty('output');
    expect(readdirSync(out)).toEqual([]);
    expectClosedWhole(file);
  });

  it('says what failed when the disk gives an input/output error midway, leaving no temp file', async () => {
    const { file, out } = await company();
    disk.writeFails = 'EIO';
    const error = await refused(file, 'export.fec', { fiscalYearEnd: '2026-12-31', output: out });
    expect(error.message).toMatch(/a échoué \(erreur du système EIO\)/);
    expect(readdirSync(out)).toEqual([]);
    expectClosedWhole(file);
  });

  it('says a name too long for the disk is too long', async () => {
    const { file, out } = await company();
    const error = await refused(file, 'export.fec', { fiscalYearEnd: '2026-12-31', output: join(out, `${'x'.repeat(300)}.txt`) });
    expect(error.message).toMatch(/trop long/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('removes the temp file of an export killed midway on the next export', async () => {
    const { file, out } = await company();
    const stale = '.732829320FEC20261231.txt.99999999-0badc0de.partiel';
    writeFileSync(join(out, stale), 'début du FEC');
    const r = await ok<{ path: string; lines: number }>(file, 'export.fec', { fiscalYearEnd: '2026-12-31', output: out });
    expect(readdirSync(out)).toEqual(['732829320FEC20261231.txt']);
    expect(r.lines).toBe(6);
    expectClosedWhole(file);
  });
});

describe('backups through the CLI', () => {
  it('backup.create refuses in French a folder it cannot write, leaving no file in the backups folder', async () => {
    const { file, backupDir } = await company();
    disk.openFails = 'EACCES';
    const error = await refused(file, 'backup.create');
    expect(error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/droits/) as unknown });
    disk.openFails = '';
    expect(existsSync(backupDir) ? readdirSync(backupDir) : []).toEqual([]);
    expect((await ok<{ rows: unknown[] }>(file, 'backup.list')).rows).toEqual([]);
  });

  it('backup.create refuses an output inside a file, in French', async () => {
    const { file, dir } = await company();
    writeFileSync(join(dir, 'notes.txt'), 'notes');
    const error = await refused(file, 'backup.create', { output: join(dir, 'notes.txt', 'copie.encours') });
    expect(error.message).toMatch(/n’est pas un dossier/);
  });

  it('backup.list shows whole copies only and removes the temp files of killed copies', async () => {
    const { file, backupDir } = await company();
    const created = await ok<{ path: string }>(file, 'backup.create');
    const stale = '.societe-2026-11-22-120000.encours.99999999-0badc0de.partiel';
    writeFileSync(join(backupDir, stale), 'SQLite format 3');
    writeFileSync(join(backupDir, 'societe-2026-11-21-120000.encours'), '');
    const list = await ok<{ rows: { path: string }[] }>(file, 'backup.list');
    expect(list.rows.map((r) => r.path)).toEqual([created.path]);
    expect(readdirSync(backupDir)).not.toContain(stale);
  });
});

describe('a damaged company file through the CLI', () => {
  it('refuses an empty (0-byte) file with DB_CORRUPT in French, whether read or asked to be created, and leaves it empty', async () => {
    const file = join(tempDir(), 'vide.encours');
    writeFileSync(file, '');
    for (const [channel, request] of [['company.get', {}], ['company.init', companyInit]] as const) {
      const error = await refused(file, channel, request);
      expect(error.code).toBe('DB_CORRUPT');
    }
    expect(statSync(file).size).toBe(0);
    expect(readdirSync(dirname(file))).toEqual(['vide.encours']);
  });
});
