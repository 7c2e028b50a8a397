import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { migration0001 } from '../../../src/main/db/migrations/0001-company-customers';
import type { Migration } from '../../../src/main/db/migrations/types';
import { APPLICATION_ID, openCompanyDb, SCHEMA_VERSION, type Db } from '../../../src/main/db/open';
import { CompanyFile } from '../../../src/main/db/company-file';
import { fixedClock } from '../../helpers/context';
import { fileSnapshot, seedCustomers } from '../../helpers/db';
import { tempDir } from '../../helpers/temp';

/** Runs `fn`, expects an AppError, returns it. */
function appErrorOf(fn: () => unknown): AppError {
  try {
    const value = fn();
    if (value && typeof (value as Db).close === 'function') (value as Db).close();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  return expect.fail('expected an AppError, but the call succeeded');
}

/** A fresh company file with the current schema, closed, its WAL folded back. */
function createCompanyFile(path: string, fill?: (db: Db) => void, migrations?: readonly Migration[]) {
  const db = openCompanyDb(path, { create: true, ...(migrations ? { migrations } : {}) });
  fill?.(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** A raw look at a file, bypassing openCompanyDb. */
function raw<T>(path: string, fn: (db: Db) => T): T {
  const db = new Database(path, { fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const tableNames = (db: Db) => (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[]);

const migration2: Migration = {
  version: 2,
  name: 'test-reminders',
  up(db) {
    db.exec(`
      CREATE TABLE reminder (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customer(id), note TEXT NOT NULL) STRICT;
      ALTER TABLE customer ADD COLUMN segment TEXT;
    `);
  },
};

describe('refusing files that are not usable company files', () => {
  it('refuses a missing file with NOT_FOUND and creates nothing', () => {
    const dir = tempDir();
    const path = join(dir, 'absent.encours');
    const err = appErrorOf(() => openCompanyDb(path));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain('introuvable');
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a file in a missing folder with NOT_FOUND and creates no folder', () => {
    const dir = tempDir();
    const err = appErrorOf(() => openCompanyDb(join(dir, 'sous-dossier', 'absent.encours')));
    expect(err.code).toBe('NOT_FOUND');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a file of random bytes with DB_CORRUPT and leaves it untouched', () => {
    const path = join(tempDir(), 'bruit.encours');
    writeFileSync(path, randomBytes(8192));
    const before = fileSnapshot(path);
    expect(appErrorOf(() => openCompanyDb(path)).code).toBe('DB_CORRUPT');
    expect(fileSnapshot(path)).toEqual(before);
  });

  it('refuses an empty (0-byte) file with DB_CORRUPT, whether opened or asked to be created, and leaves it empty', () => {
    const path = join(tempDir(), 'vide.encours');
    writeFileSync(path, '');
    for (const open of [() => openCompanyDb(path), () => openCompanyDb(path, { create: true })]) {
      const err = appErrorOf(open);
      expect(err.code).toBe('DB_CORRUPT');
      expect(err.message).toContain('vide (0 octet)');
    }
    expect(fileSnapshot(path).bytes.length).toBe(0);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a text file with DB_CORRUPT and a French message', () => {
    const path = join(tempDir(), 'notes.encours');
    writeFileSync(path, 'Bonjour, ceci est un fichier texte.\n'.repeat(100));
    const err = appErrorOf(() => openCompanyDb(path));
    expect(err.code).toBe('DB_CORRUPT');
    expect(err.message).toContain('endommagé');
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a file with a SQLite header followed by garbage with DB_CORRUPT', () => {
    const path = join(tempDir(), 'tronque.encours');
    writeFileSync(path, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4080, 0x5a)]));
    expect(appErrorOf(() => openCompanyDb(path)).code).toBe('DB_CORRUPT');
  });

  it('refuses the SQLite database of another application (application_id 0) with DB_CORRUPT, without modifying it', () => {
    const path = join(tempDir(), 'autre-appli.db');
    const other = new Database(path);
    other.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('Alice'), ('Bob');");
    other.close();
    const before = fileSnapshot(path);
    const err = appErrorOf(() => openCompanyDb(path));
    expect(err.code).toBe('DB_CORRUPT');
    expect(err.message).toContain('pas un dossier Encours');
    // Not even switched to WAL: a refused file is not ours to change.
    expect(fileSnapshot(path)).toEqual(before);
    expect(raw(path, (db) => db.pragma('journal_mode', { simple: true }))).toBe('delete');
  });

  it('refuses a SQLite database stamped with another application id', () => {
    const path = join(tempDir(), 'fossil.db');
    const other = new Database(path);
    other.pragma('application_id = 252006673');
    other.exec('CREATE TABLE blob (rid INTEGER PRIMARY KEY)');
    other.close();
    expect(appErrorOf(() => openCompanyDb(path)).code).toBe('DB_CORRUPT');
  });

  it.each(['wal', 'delete'])(
    'refuses a file written by a newer schema (journal_mode %s) with DB_FROM_FUTURE and leaves it byte for byte as it was',
    (journalMode) => {
      const dir = tempDir();
      const path = join(dir, 'futur.encours');
      createCompanyFile(path, (db) => seedCustomers(db, 3));
      raw(path, (db) => {
        db.pragma(`journal_mode = ${journalMode}`);
        db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      });
      const before = fileSnapshot(path);
      const files = readdirSync(dir);

      const err = appErrorOf(() => openCompanyDb(path));
      expect(err.code).toBe('DB_FROM_FUTURE');
      expect(err.message).toContain(`schéma ${SCHEMA_VERSION + 1}`);
      expect(fileSnapshot(path)).toEqual(before);
      expect(readdirSync(dir)).toEqual(files);
    },
  );
});

describe('a healthy company file', () => {
  it('opens in defensive mode: SQL cannot rewrite the schema, and the schema is not trusted', () => {
    const path = join(tempDir(), 'defensif.encours');
    createCompanyFile(path);
    const db = openCompanyDb(path);
    try {
      expect(db.pragma('trusted_schema', { simple: true })).toBe(0);
      expect(db.pragma('cell_size_check', { simple: true })).toBe(1);
      db.pragma('writable_schema = ON');
      expect(() => db.prepare("UPDATE sqlite_schema SET sql = 'CREATE TABLE x (y)' WHERE name = 'customer'").run()).toThrow(/may not be modified/);
    } finally {
      db.close();
    }
  });

  it('is created with WAL, synchronous FULL, foreign keys on, our application id and the latest schema', () => {
    const path = join(tempDir(), 'neuf.encours');
    const db = openCompanyDb(path, { create: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(tableNames(db)).toEqual(expect.arrayContaining(['company', 'customer', 'fiscal_year']));
    } finally {
      db.close();
    }
  });

  it('sets the same pragmas again when an existing file is reopened', () => {
    const path = join(tempDir(), 'existant.encours');
    createCompanyFile(path);
    const db = openCompanyDb(path);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it('takes no backup when the file is already up to date', () => {
    const dir = tempDir();
    const path = join(dir, 'a-jour.encours');
    createCompanyFile(path);
    openCompanyDb(path).close();
    expect(readdirSync(dir)).toEqual(['a-jour.encours']);
  });

  it('refuses a file whose data page was overwritten, through quick_check, with DB_CORRUPT', () => {
    const path = join(tempDir(), 'abime.encours');
    createCompanyFile(path, (db) => seedCustomers(db, 400));

    // Pick a leaf page that really holds customer rows, in the middle of the file.
    const { pageSize, pageCount, leaves } = raw(path, (db) => ({
      pageSize: db.pragma('page_size', { simple: true }) as number,
      pageCount: db.pragma('page_count', { simple: true }) as number,
      leaves: db.prepare("SELECT pageno FROM dbstat WHERE name = 'customer' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[],
    }));
    expect(leaves.length).toBeGreaterThan(20);
    const victim = leaves[Math.floor(leaves.length / 2)] as number;
    expect(victim).toBeGreaterThan(1);
    expect(victim).toBeLessThan(pageCount);

    const fd = openSync(path, 'r+');
    try {
      writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (victim - 1) * pageSize);
    } finally {
      closeSync(fd);
    }

    // The schema still reads (so the open itself succeeds); only a full check finds the damage.
    raw(path, (db) => {
      expect(tableNames(db)).toContain('customer');
      expect(db.pragma('quick_check', { simple: true })).not.toBe('ok');
    });
    const err = appErrorOf(() => openCompanyDb(path));
    expect(err.code).toBe('DB_CORRUPT');
  });
});

describe('migrations', () => {
  it('migrates an older file to the latest version, after taking a backup that still opens at the old version', () => {
    const dir = tempDir();
    const path = join(dir, 'ancien.encours');
    createCompanyFile(path, (db) => seedCustomers(db, 5), [migration0001]);
    expect(raw(path, (db) => db.pragma('user_version', { simple: true }))).toBe(1);

    const db = openCompanyDb(path, { migrations: [migration0001, migration2], now: fixedClock });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      expect(tableNames(db)).toContain('reminder');
      expect(db.prepare('SELECT count(*) FROM customer').pluck().get()).toBe(5);
      db.prepare("INSERT INTO reminder (customer_id, note) VALUES (1, 'Relance 1')").run();
    } finally {
      db.close();
    }

    const backups = readdirSync(dir).filter((f) => f.endsWith('.bak'));
    expect(backups).toEqual(['ancien.encours.avant-migration-v1-2026-11-22T10-00-00-000Z.bak']);
    const backup = openCompanyDb(join(dir, backups[0] as string), { migrations: [migration0001] });
    try {
      expect(backup.pragma('user_version', { simple: true })).toBe(1);
      expect(tableNames(backup)).not.toContain('reminder');
      expect(backup.prepare('SELECT count(*) FROM customer').pluck().get()).toBe(5);
    } finally {
      backup.close();
    }
  });

  it('puts the backup in backupDir when one is given', () => {
    const dir = tempDir();
    const path = join(dir, 'ancien.encours');
    const backupDir = join(dir, 'sauvegardes');
    createCompanyFile(path, undefined, [migration0001]);
    openCompanyDb(path, { migrations: [migration0001, migration2], now: fixedClock, backupDir }).close();
    expect(readdirSync(backupDir)).toEqual(['ancien.encours.avant-migration-v1-2026-11-22T10-00-00-000Z.bak']);
  });

  it('rolls a failing migration back completely: same version, no half schema, data intact', () => {
    const path = join(tempDir(), 'ancien.encours');
    createCompanyFile(path, (db) => seedCustomers(db, 5), [migration0001]);
    const failing: Migration = {
      version: 2,
      name: 'test-fails-midway',
      up(db) {
        db.exec("CREATE TABLE half_done (x TEXT) STRICT; INSERT INTO half_done VALUES ('a'); ALTER TABLE customer ADD COLUMN segment TEXT;");
        db.exec('CREATE TABLE customer (x TEXT)'); // already exists: fails
      },
    };
    expect(() => openCompanyDb(path, { migrations: [migration0001, failing] })).toThrow(/already exists/);

    raw(path, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(1);
      expect(tableNames(db)).not.toContain('half_done');
      const columns = db.prepare("SELECT name FROM pragma_table_info('customer')").pluck().all();
      expect(columns).not.toContain('segment');
      expect(db.prepare('SELECT count(*) FROM customer').pluck().get()).toBe(5);
    });
    // And the file still opens with the migrations this build knows.
    openCompanyDb(path, { migrations: [migration0001] }).close();
  });

  it('rolls back every step when a later migration of a batch fails on a new file', () => {
    const path = join(tempDir(), 'neuf.encours');
    const failing: Migration = { version: 2, name: 'test-throws', up: () => { throw new Error('étape 2 en échec'); } };
    expect(() => openCompanyDb(path, { create: true, migrations: [migration0001, failing] })).toThrow('étape 2 en échec');
    raw(path, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(0);
      expect(tableNames(db)).toEqual([]);
    });
  });
});

describe('CompanyFile', () => {
  it('commits a write whole or not at all', () => {
    const path = join(tempDir(), 'tx.encours');
    const file = new CompanyFile(path);
    try {
      file.create();
      expect(() =>
        file.write((db) => {
          seedCustomers(db, 2);
          throw new Error('abandon');
        }),
      ).toThrow('abandon');
      expect(file.db().prepare('SELECT count(*) FROM customer').pluck().get()).toBe(0);
    } finally {
      file.close();
    }
  });

  it('folds the WAL back into the file on close, so the .encours alone is complete', () => {
    const dir = tempDir();
    const path = join(dir, 'seul.encours');
    const file = new CompanyFile(path);
    file.create();
    file.write((db) => seedCustomers(db, 3));
    file.close();
    expect(readdirSync(dir)).toEqual(['seul.encours']);
    expect(raw(path, (db) => db.prepare('SELECT count(*) FROM customer').pluck().get())).toBe(3);
  });

  it('refuses to open a missing file with NOT_FOUND (only create() makes one)', () => {
    const dir = tempDir();
    const file = new CompanyFile(join(dir, 'absent.encours'));
    expect(appErrorOf(() => file.db()).code).toBe('NOT_FOUND');
    expect(file.isOpen).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
