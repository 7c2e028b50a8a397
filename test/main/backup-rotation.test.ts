import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  datedBackupName, listAutomaticBackups, looksLikeCompanyFile, restoreBackupCopy, restoredFileName, rotateBackups, sessionHasWrites,
} from '../../src/main/core/backup';
import { serviceContext, silentLogger } from '../../src/main/core/context';
import { CompanyFile } from '../../src/main/db/company-file';
import { migration0001 } from '../../src/main/db/migrations/0001-company-customers';
import { openCompanyDb } from '../../src/main/db/open';
import { callErr, callOk, fixedClock } from '../helpers/context';
import { dumpDb } from '../helpers/db';
import { companyInit, jeanneMartin, societeGenerale } from '../helpers/fixtures';
import { tempDir } from '../helpers/temp';
import { appErrorOf } from '../helpers/errors';

/** Day `n` of December 2026 at 18:30:15 UTC: one rotation per "session". */
const day = (n: number) => new Date(`2026-12-${String(n).padStart(2, '0')}T18:30:15.000Z`);

/**
 * A company file created by an older version (schema 1), reopened by this one: the migration leaves its
 * `.avant-migration-v1-….bak` copy in the backups folder, as in real life. Then a company and customers.
 */
async function upgradedCompany() {
  const dir = tempDir();
  const path = join(dir, 'Atelier Dupont.encours');
  openCompanyDb(path, { create: true, migrations: [migration0001] }).close();
  const file = new CompanyFile(path, { now: fixedClock });
  onTestFinished(() => file.close());
  const ctx = serviceContext({ file, now: fixedClock, log: silentLogger });
  await callOk(ctx, 'company.init', companyInit);
  await callOk(ctx, 'customer.create', societeGenerale);
  const migrationCopies = readdirSync(file.backupDir).filter((n) => n.endsWith('.bak'));
  expect(migrationCopies).toEqual(['Atelier Dupont.encours.avant-migration-v1-2026-11-22T10-00-00-000Z.bak']);
  return { dir, path, file, ctx, backupDir: file.backupDir, migrationCopy: join(file.backupDir, migrationCopies[0] as string) };
}

const automaticNames = (backupDir: string) => readdirSync(backupDir).filter((n) => n.endsWith('.encours')).sort();

describe('rotateBackups', () => {
  it('writes a dated copy that opens as a company file holding the same data, WAL included', async () => {
    const { ctx, path, backupDir } = await upgradedCompany();
    await callOk(ctx, 'customer.update', { id: 1, name: 'SG Paris' }); // still in the WAL
    const r = rotateBackups(ctx.file.db(), path, backupDir, day(1));
    expect(r).toEqual({ path: join(backupDir, 'Atelier Dupont-2026-12-01-183015.encours'), deleted: [] });
    expect(basename(r.path)).toBe(datedBackupName(path, day(1)));
    expect(dumpDb(r.path)).toBe(dumpDb(path));

    // Every door can work on the copy.
    const copy = new CompanyFile(r.path);
    onTestFinished(() => copy.close());
    const list = await callOk(serviceContext({ file: copy, now: fixedClock, log: silentLogger }), 'customer.list', {});
    expect(list.rows.map((c) => c.name)).toEqual(['SG Paris']);
  });

  it('keeps the last N automatic copies, deleting the oldest beyond N', async () => {
    const { ctx, path, backupDir } = await upgradedCompany();
    const written: string[] = [];
    const deleted: string[] = [];
    for (let n = 1; n <= 13; n++) {
      const r = rotateBackups(ctx.file.db(), path, backupDir, day(n), 10);
      written.push(r.path);
      deleted.push(...r.deleted);
    }
    expect(deleted).toEqual(written.slice(0, 3));
    expect(automaticNames(backupDir)).toEqual(written.slice(3).map((p) => basename(p)).sort());
    expect(rotateBackups(ctx.file.db(), path, backupDir, day(14), 3).deleted).toHaveLength(8);
    expect(automaticNames(backupDir)).toEqual(['12', '13', '14'].map((d) => `Atelier Dupont-2026-12-${d}-183015.encours`));
  });

  it('keeps ten copies by default', async () => {
    const { ctx, path, backupDir } = await upgradedCompany();
    for (let n = 1; n <= 12; n++) rotateBackups(ctx.file.db(), path, backupDir, day(n));
    expect(automaticNames(backupDir)).toHaveLength(10);
    expect(automaticNames(backupDir)[0]).toBe('Atelier Dupont-2026-12-03-183015.encours');
  });

  it('never deletes the copies taken before a migration, however many rotations follow', async () => {
    const { ctx, path, backupDir, migrationCopy } = await upgradedCompany();
    const before = readFileSync(migrationCopy);
    for (let n = 1; n <= 5; n++) rotateBackups(ctx.file.db(), path, backupDir, day(n), 1);
    expect(existsSync(migrationCopy)).toBe(true);
    expect(readFileSync(migrationCopy).equals(before)).toBe(true);
    // The automatic copy left has its metadata beside it (backupMetaPath: the chain head when it was taken).
    expect(readdirSync(backupDir).sort()).toEqual(
      [basename(migrationCopy), 'Atelier Dupont-2026-12-05-183015.encours', 'Atelier Dupont-2026-12-05-183015.encours.empreinte.json'].sort(),
    );
  });

  it('touches only the copies of this company file, in a folder other files share', async () => {
    const { ctx, path, backupDir, migrationCopy } = await upgradedCompany();
    const strangers = ['Atelier Dupont bis-2026-11-01-101010.encours', 'Autre-2026-11-01-101010.encours', 'Atelier Dupont-notes.encours', 'lisez-moi.txt'];
    for (const s of strangers) writeFileSync(join(backupDir, s), 'autre');
    for (let n = 1; n <= 3; n++) rotateBackups(ctx.file.db(), path, backupDir, day(n), 1);
    for (const s of strangers) expect(readFileSync(join(backupDir, s), 'utf8'), s).toBe('autre');
    expect(listAutomaticBackups(path, backupDir).map((b) => b.name)).toEqual(['Atelier Dupont-2026-12-03-183015.encours', basename(migrationCopy)]);
  });

  it('gives two copies taken in the same second two names', async () => {
    const { ctx, path, backupDir } = await upgradedCompany();
    const a = rotateBackups(ctx.file.db(), path, backupDir, day(1));
    const b = rotateBackups(ctx.file.db(), path, backupDir, day(1));
    expect(basename(b.path)).toBe('Atelier Dupont-2026-12-01-183015-2.encours');
    expect(existsSync(a.path) && existsSync(b.path)).toBe(true);
  });

  it('creates the backups folder when it does not exist yet', async () => {
    const { ctx, path, dir } = await upgradedCompany();
    const backupDir = join(dir, 'nouveau', 'sauvegardes');
    expect(existsSync(rotateBackups(ctx.file.db(), path, backupDir, day(1)).path)).toBe(true);
  });
});

describe('backup.list', () => {
  it('lists the automatic copies and the pre-migration copy of the open file, newest first, with size and date', async () => {
    const { ctx, path, backupDir, migrationCopy } = await upgradedCompany();
    writeFileSync(join(backupDir, 'Autre-2026-12-09-101010.encours'), 'autre');
    rotateBackups(ctx.file.db(), path, backupDir, day(2));
    await callOk(ctx, 'customer.create', jeanneMartin);
    rotateBackups(ctx.file.db(), path, backupDir, day(3));
    ctx.now = () => day(4);
    const created = await callOk(ctx, 'backup.create', {});

    const list = await callOk(ctx, 'backup.list', {});
    expect(list.folder).toBe(backupDir);
    expect(list.rows.map((r) => [r.name, r.createdAt])).toEqual([
      ['Atelier Dupont-2026-12-04-183015.encours', '2026-12-04T18:30:15.000Z'],
      ['Atelier Dupont-2026-12-03-183015.encours', '2026-12-03T18:30:15.000Z'],
      ['Atelier Dupont-2026-12-02-183015.encours', '2026-12-02T18:30:15.000Z'],
      [basename(migrationCopy), '2026-11-22T10:00:00.000Z'],
    ]);
    expect(list.rows[0]?.path).toBe(created.path);
    for (const r of list.rows) {
      expect(r.path).toBe(join(backupDir, r.name));
      expect(r.size).toBe(statSync(r.path).size);
      expect(looksLikeCompanyFile(r.path), r.name).toBe(true);
    }
  });

  it('answers an empty list when the backups folder does not exist yet', async () => {
    const dir = tempDir();
    const file = new CompanyFile(join(dir, 'neuf.encours'));
    onTestFinished(() => file.close());
    const ctx = serviceContext({ file, now: fixedClock, log: silentLogger });
    await callOk(ctx, 'company.init', companyInit);
    expect(await callOk(ctx, 'backup.list', {})).toEqual({ folder: join(dir, 'Sauvegardes Encours'), rows: [] });
  });

  it('refuses an unknown key', async () => {
    const { ctx } = await upgradedCompany();
    const err = await callErr(ctx, 'backup.list', { folder: '/tmp' });
    expect(err.code).toBe('VALIDATION');
    expect(err.fieldErrors).toHaveProperty('folder');
  });
});

describe('sessionHasWrites', () => {
  it('tells a session that changed the file from one that only read it', async () => {
    const { path } = await upgradedCompany();
    const reader = new CompanyFile(path);
    onTestFinished(() => reader.close());
    await callOk(serviceContext({ file: reader, now: fixedClock, log: silentLogger }), 'customer.list', {});
    expect(sessionHasWrites(reader.db())).toBe(false);
    await callOk(serviceContext({ file: reader, now: fixedClock, log: silentLogger }), 'customer.update', { id: 1, phone: '01 02 03 04 05' });
    expect(sessionHasWrites(reader.db())).toBe(true);
  });
});

describe('restoreBackupCopy', () => {
  it('copies a backup to a new company file with the backup’s data, leaving the backup as it was', async () => {
    const { ctx, path, dir, backupDir } = await upgradedCompany();
    const backup = rotateBackups(ctx.file.db(), path, backupDir, day(1)).path;
    const bytes = readFileSync(backup);
    await callOk(ctx, 'customer.create', jeanneMartin); // after the backup
    const target = join(dir, restoredFileName(backup));
    expect(restoreBackupCopy(backup, target, path)).toBe(target);
    expect(basename(target)).toBe('Atelier Dupont-2026-12-01-183015 (restauré).encours');
    expect(readFileSync(backup).equals(bytes)).toBe(true);

    const restored = new CompanyFile(target);
    onTestFinished(() => restored.close());
    const list = await callOk(serviceContext({ file: restored, now: fixedClock, log: silentLogger }), 'customer.list', {});
    expect(list.rows.map((c) => c.name)).toEqual([societeGenerale.name]);
  });

  it('replaces another file the user agreed to replace, dropping that file’s stale WAL', async () => {
    const { ctx, path, dir, backupDir } = await upgradedCompany();
    const backup = rotateBackups(ctx.file.db(), path, backupDir, day(1)).path;
    const target = join(dir, 'ancien.encours');
    writeFileSync(target, 'ancien contenu');
    writeFileSync(`${target}-wal`, 'journal périmé');
    writeFileSync(`${target}-shm`, 'mémoire partagée');
    restoreBackupCopy(backup, target, path);
    expect(existsSync(`${target}-wal`) || existsSync(`${target}-shm`)).toBe(false);
    // The same content; the restored copy is a new company file, with an id of its own.
    expect(dumpDb(target, undefined, { identity: false })).toBe(dumpDb(backup, undefined, { identity: false }));
    expect(dumpDb(target)).not.toBe(dumpDb(backup));
  });

  it('never overwrites the open file', async () => {
    const { ctx, path, backupDir } = await upgradedCompany();
    const backup = rotateBackups(ctx.file.db(), path, backupDir, day(1)).path;
    await callOk(ctx, 'customer.create', jeanneMartin);
    const before = dumpDb(path);
    const err = appErrorOf(() => restoreBackupCopy(backup, path, path));
    expect(err.code).toBe('CONFLICT');
    expect(dumpDb(path)).toBe(before);
  });

  it('restores a pre-migration copy too (it is brought up to date when opened)', async () => {
    const { path, dir, migrationCopy } = await upgradedCompany();
    const target = join(dir, restoredFileName(migrationCopy));
    expect(basename(target)).toBe('Atelier Dupont (restauré).encours');
    restoreBackupCopy(migrationCopy, target, path);
    const restored = new CompanyFile(target);
    onTestFinished(() => restored.close());
    const err = await callErr(serviceContext({ file: restored, now: fixedClock, log: silentLogger }), 'company.get', {});
    expect(err.code, 'a schema-1 file without company, migrated on opening').toBe('NOT_FOUND');
  });

  it('refuses a file that is not an Encours backup, and the backup itself as target', async () => {
    const { ctx, path, dir, backupDir } = await upgradedCompany();
    const notes = join(dir, 'notes.encours');
    writeFileSync(notes, 'pas une base');
    expect(appErrorOf(() => restoreBackupCopy(notes, join(dir, 'x.encours'), path)).code).toBe('DB_CORRUPT');
    expect(existsSync(join(dir, 'x.encours'))).toBe(false);
    const backup = rotateBackups(ctx.file.db(), path, backupDir, day(1)).path;
    const copy = join(dir, 'copie.encours');
    copyFileSync(backup, copy);
    expect(appErrorOf(() => restoreBackupCopy(copy, copy, path)).code).toBe('CONFLICT');
  });
});

