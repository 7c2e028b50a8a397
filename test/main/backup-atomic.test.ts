import { readdirSync as readdirAll, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { backupCompanyDb, datedBackupName, looksLikeCompanyFile, rotateBackups } from '../../src/main/core/backup';
import { openCompanyDb } from '../../src/main/db/open';
import { listCustomers } from '../../src/main/db/repositories/customer-repo';
import { callErr, callOk, FIXED_NOW, testCompany } from '../helpers/context';
import { companyInit, jeanneMartin, societeGenerale } from '../helpers/fixtures';
import { expectFrench } from '../helpers/french';

/** A folder's files, without the chain-head metadata each whole copy carries (`<copy>.empreinte.json`). */
const readdirSync = (dir: string) => readdirAll(dir).filter((n) => !n.endsWith('.empreinte.json'));

async function company() {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', companyInit);
  await callOk(tc.ctx, 'customer.create', societeGenerale);
  return { ...tc, db: tc.ctx.file.db(), backupDir: tc.ctx.file.backupDir };
}

/** The customers' names in a copy, read from the file itself. */
function customersIn(path: string): string[] {
  const db = openCompanyDb(path);
  try {
    return listCustomers(db, { limit: 100, offset: 0 }).rows.map((c) => c.name);
  } finally {
    db.close();
  }
}

/** The start of a copy, as SQLite's online backup leaves it when stopped midway: a header and one page. */
function partialCopy(db: { name: string }): Buffer {
  return readFileSync(db.name).subarray(0, 4096);
}

describe('backup.create writes its copy under a temp name, renamed once whole', () => {
  it('shows nothing under the dated name while the copy is written, then the whole copy', async () => {
    const { ctx, db, backupDir } = await company();
    const realBackup = db.backup.bind(db);
    let reachedMidway!: () => void;
    const midway = new Promise<void>((resolve) => (reachedMidway = resolve));
    let goOn!: () => void;
    const released = new Promise<void>((resolve) => (goOn = resolve));
    vi.spyOn(db, 'backup').mockImplementation(async (destination, options) => {
      // Half a copy on disk, as a process killed at this point would leave it.
      writeFileSync(destination, partialCopy(db));
      reachedMidway();
      await released;
      truncateSync(destination, 0);
      return realBackup(destination, options);
    });

    const creating = callOk(ctx, 'backup.create', {});
    await midway;
    const seen = readdirSync(backupDir);
    expect(seen.filter((n) => n.endsWith('.encours')), 'a copy not yet whole under a copy’s name').toEqual([]);
    expect(seen.every((n) => n.startsWith('.') && n.endsWith('.partiel')), seen.join(', ')).toBe(true);
    expect((await callOk(ctx, 'backup.list', {})).rows).toEqual([]);
    // The temp file of a copy under way is not cleaned away by the listing.
    expect(readdirSync(backupDir)).toEqual(seen);

    goOn();
    const created = await creating;
    expect(basename(created.path)).toBe(datedBackupName('societe.encours', new Date(FIXED_NOW)));
    expect(readdirSync(backupDir)).toEqual([basename(created.path)]);
    expect((await callOk(ctx, 'backup.list', {})).rows.map((r) => r.path)).toEqual([created.path]);
    expect(looksLikeCompanyFile(created.path)).toBe(true);
    expect(customersIn(created.path)).toEqual([societeGenerale.name]);
  });

  it('lists neither temp files nor the empty copies an interrupted copy left, and removes the stale temp files', async () => {
    const { ctx, db, backupDir } = await company();
    const first = await callOk(ctx, 'backup.create', {});
    const name = basename(first.path);
    // An older version killed midway left an empty copy under a dated name; a killed copy of this version,
    // its temp file and SQLite's journal beside it; a copy under way in another process, its temp file.
    const empty = 'societe-2026-11-21-093000.encours';
    const dead = `.${name}.99999999-0badc0de.partiel`;
    const running = `.${name}.${process.ppid}-00c0ffee.partiel`;
    writeFileSync(join(backupDir, empty), '');
    writeFileSync(join(backupDir, dead), partialCopy(db));
    writeFileSync(join(backupDir, `${dead}-journal`), 'journal');
    writeFileSync(join(backupDir, running), partialCopy(db));

    const list = await callOk(ctx, 'backup.list', {});
    expect(list.rows.map((r) => r.name)).toEqual([name]);
    expect(readdirSync(backupDir).sort()).toEqual([running, empty, name].sort());
  });

  it('refuses, in French and on the output, a folder that cannot be made', async () => {
    const { ctx, dir } = await company();
    const notAFolder = join(dir, 'notes.txt');
    writeFileSync(notAFolder, 'notes');
    const err = await callErr(ctx, 'backup.create', { output: join(notAFolder, 'copie.encours') });
    expect(err.code).toBe('VALIDATION');
    expect(err.fieldErrors?.output).toBeDefined();
    expect(err.message).toMatch(/n’est pas un dossier/);
    expectFrench(err.message);
  });
});

describe('« Sauvegarder une copie » over an existing copy', () => {
  it.each([
    ['SQLITE_IOERR_WRITE', /a échoué \(erreur du système SQLITE_IOERR_WRITE\)/],
    ['SQLITE_FULL', /plein/],
  ])('keeps the old copy whole when the new one fails midway (%s), says why in French, and leaves no temp file', async (code, message) => {
    const { ctx, db, dir } = await company();
    const target = join(dir, 'copie.encours');
    await backupCompanyDb(db, target);
    const before = readFileSync(target);
    await callOk(ctx, 'customer.create', jeanneMartin);

    vi.spyOn(db, 'backup').mockImplementation(async (destination) => {
      writeFileSync(destination, partialCopy(db));
      throw Object.assign(new Error('simulated'), { code });
    });
    const err = await backupCompanyDb(db, target, { overwrite: true }).then(
      () => expect.fail('the copy should have failed'),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(message) as unknown });
    expectFrench((err as AppError).message);
    expect(readFileSync(target).equals(before), 'the old copy was damaged').toBe(true);
    expect(customersIn(target)).toEqual([societeGenerale.name]);
    expect(readdirSync(dir).filter((n) => n.includes('copie'))).toEqual(['copie.encours']);

    vi.mocked(db.backup).mockRestore();
    await backupCompanyDb(db, target, { overwrite: true });
    expect(customersIn(target).sort()).toEqual([jeanneMartin.name, societeGenerale.name].sort());
  });
});

describe('the automatic copy (rotateBackups)', () => {
  it('removes the temp files of a killed rotation and leaves only whole copies', async () => {
    const { ctx, db, backupDir, path } = await company();
    const now = new Date('2026-12-02T18:30:15.000Z');
    const dead = `.${datedBackupName(path, now)}.99999999-0badc0de.partiel`;
    rotateBackups(db, path, backupDir, new Date('2026-12-01T18:30:15.000Z'));
    writeFileSync(join(backupDir, dead), partialCopy(db));
    const r = rotateBackups(db, path, backupDir, now);
    expect(readdirSync(backupDir).sort()).toEqual([datedBackupName(path, new Date('2026-12-01T18:30:15.000Z')), basename(r.path)].sort());
    expect((await callOk(ctx, 'backup.list', {})).rows).toHaveLength(2);
  });
});
