import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../shared/errors';
import { applyKey, createOwnerOnlyFile, notEncrypted, passphraseWrong, readFileKind, vacuumInto } from './encryption';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import type { Migration } from './migrations/types';

export type Db = Database.Database;

/** Marks a SQLite file as an Encours company file ("ENCO"). */
export const APPLICATION_ID = 0x454e434f;

export interface OpenOptions {
  /** Create the file if it does not exist (company.init only). */
  create?: boolean;
  /** Where the copy taken before a migration goes (default: beside the file). */
  backupDir?: string;
  /** Used to name backup copies; injectable for tests. */
  now?: () => Date;
  /** The migrations to run (tests pass a longer list to exercise an upgrade). */
  migrations?: readonly Migration[];
  /**
   * The passphrase of an encrypted file (SQLCipher 4, see encryption.ts), or of the file to create
   * encrypted. Kept in memory only. Without it, an encrypted file is refused as unreadable; with it, a
   * file that is not encrypted is refused (VALIDATION) and a wrong one is DB_LOCKED, the file untouched.
   */
  passphrase?: string;
}

/**
 * Opens a company file: refuses a missing, foreign, corrupted or newer file with its own error, sets the
 * durability pragmas, checks integrity and brings the schema up to date (backup first).
 */
export function openCompanyDb(path: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  const exists = existsSync(path);
  if (!exists && !options.create) {
    throw new AppError('NOT_FOUND', `Dossier introuvable : « ${path} ». Vérifiez le chemin, ou créez le dossier (company.init).`);
  }
  if (exists && statSync(path).isDirectory()) {
    throw new AppError('NOT_FOUND', `« ${path} » est un répertoire : indiquez le fichier .encours qu’il contient.`);
  }
  // An empty file is not a company file SQLite may fill: it is left as it is (a copy cut short, a wrong pick).
  if (exists && statSync(path).size === 0) {
    throw new AppError('DB_CORRUPT', `Le fichier « ${basename(path)} » est vide (0 octet) : ce n’est pas un dossier Encours. Il n’a pas été modifié ; ouvrez une sauvegarde ou créez un nouveau dossier.`);
  }
  const { passphrase } = options;
  const kind = exists ? readFileKind(path) : null;
  // An existing file we cannot read at all (its rights) is SQLite's to refuse, below.
  if (kind !== null && kind !== 'sqlite' && (passphrase === undefined || kind !== 'encrypted')) {
    throw corrupt(path, kind === 'encrypted' && passphrase === undefined);
  }
  if (kind === 'sqlite' && passphrase !== undefined) throw notEncrypted(path);
  // A new file is its owner's only (0600 on Linux and macOS): SQLite gives its WAL and journals the same mode.
  if (!exists) createOwnerOnlyFile(path);

  let db: Db;
  try {
    db = new Database(path, { fileMustExist: !options.create });
  } catch (err) {
    throw translateSqliteError(err, path);
  }
  if (passphrase !== undefined && !keyOpens(db, passphrase, path)) {
    db.close();
    throw passphraseWrong(path);
  }
  try {
    // Defensive: no SQL may write the schema or the file's raw pages (better-sqlite3's default, said here);
    // a schema is never trusted to run functions with side effects; each page's cells are bounds-checked.
    db.unsafeMode(false);
    db.pragma('trusted_schema = OFF');
    db.pragma('cell_size_check = ON');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 64 MiB of page cache (SQLite's default is a few MiB): a file of ten busy years is a few hundred MiB,
    // and the reports and the statement read its pages at random; the cache is bounded, memory stays flat.
    db.pragma('cache_size = -65536');
    checkIntegrity(db, path);
    checkOwnership(db, path);
    refuseFuture(db, migrations);
    // Only once the file is known to be ours and readable: switching to WAL rewrites the file header.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrate(db, path, migrations, options);
    checkSchema(db, path, migrations);
    return db;
  } catch (err) {
    db.close();
    throw translateSqliteError(err, path);
  }
}

/** Keys the connection; closes it on a failure other than a wrong passphrase. */
function keyOpens(db: Db, passphrase: string, path: string): boolean {
  try {
    return applyKey(db, passphrase);
  } catch (err) {
    db.close();
    throw translateSqliteError(err, path);
  }
}

function checkIntegrity(db: Db, path: string, check: 'quick_check' | 'integrity_check' = 'quick_check') {
  // quick_check reads every page and checks each b-tree and record, as integrity_check does, but does
  // not cross-check each index against its table: on a file of ten busy years (250 MB) it takes about a
  // second where integrity_check takes five, and opening the file is what the owner waits for. The full
  // check runs when the owner asks for the ledger to be checked (fullIntegrityCheck).
  const rows = db.pragma(check) as Record<string, string>[];
  if (rows.length !== 1 || rows[0]?.[check] !== 'ok') throw corrupt(path);
}

/** SQLite's full integrity_check (every index against its table too); DB_CORRUPT if anything is wrong. */
export function fullIntegrityCheck(db: Db): void {
  checkIntegrity(db, db.name, 'integrity_check');
}

function checkOwnership(db: Db, path: string) {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
  const isEmpty = version === 0 && tables.n === 0;
  if (!isEmpty && appId !== APPLICATION_ID) {
    throw new AppError('DB_CORRUPT', `« ${basename(path)} » est une base SQLite, mais pas un dossier Encours. Ouvrez un fichier .encours.`);
  }
}

/** The schema each list of migrations writes, read once from a scratch database in memory. */
const expectedSchemas = new WeakMap<readonly Migration[], string>();

function schemaOf(db: Db): string {
  const rows = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
  return JSON.stringify(rows);
}

/**
 * The file's tables, indexes, triggers and views must be exactly those the migrations write: a trigger
 * dropped (the ones that keep validated entries immutable), a column added or a table redefined behind
 * the app's back is a damaged file (DB_CORRUPT), not a query failing later as an internal error.
 */
function checkSchema(db: Db, path: string, migrations: readonly Migration[]) {
  let expected = expectedSchemas.get(migrations);
  if (expected === undefined) {
    const scratch = new Database(':memory:');
    try {
      scratch.transaction(() => {
        for (const m of migrations) m.up(scratch);
      })();
      expected = schemaOf(scratch);
    } finally {
      scratch.close();
    }
    expectedSchemas.set(migrations, expected);
  }
  if (schemaOf(db) !== expected) {
    throw new AppError('DB_CORRUPT', `La structure du dossier « ${basename(path)} » a été modifiée en dehors d’Encours : il ne peut pas être ouvert sans risque. Restaurez une sauvegarde (Fichier › Ouvrir…).`);
  }
}

function refuseFuture(db: Db, migrations: readonly Migration[]) {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new AppError(
      'DB_FROM_FUTURE',
      `Ce dossier a été enregistré par une version plus récente d’Encours (schéma ${current}, cette version connaît le schéma ${latest}). Mettez Encours à jour pour l’ouvrir : il n’a pas été modifié.`,
    );
  }
}

function migrate(db: Db, path: string, migrations: readonly Migration[], options: OpenOptions) {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  if (current > 0) backupBeforeMigration(db, path, current, options);
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
    db.pragma(`application_id = ${APPLICATION_ID}`);
  }).immediate();
}

function backupBeforeMigration(db: Db, path: string, fromVersion: number, options: OpenOptions) {
  const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const dir = options.backupDir ?? dirname(path);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `${basename(path)}.avant-migration-v${fromVersion}-${stamp}.bak`);
  // VACUUM INTO writes a consistent, compact copy, WAL included, without closing the file (encrypted
  // with the same key if the file is).
  vacuumInto(db, target);
}

function corrupt(path: string, mayBeEncrypted = false): AppError {
  return new AppError(
    'DB_CORRUPT',
    mayBeEncrypted
      ? `Le dossier « ${basename(path)} » est illisible sans phrase de passe : s’il est chiffré, indiquez sa phrase de passe ; sinon il est endommagé ou n’est pas un dossier Encours. Restaurez une sauvegarde (Fichier › Ouvrir…).`
      : `Le dossier « ${basename(path)} » est endommagé ou n’est pas un dossier Encours. Restaurez une sauvegarde (Fichier › Ouvrir…).`,
  );
}

/** SQLite's own failures, named in French; AppErrors pass through. */
export function translateSqliteError(err: unknown, path: string): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown }).code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return corrupt(path);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new AppError('DB_BUSY', 'Le dossier est occupé par une autre fenêtre ou un autre programme. Réessayez dans un instant.');
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new AppError('NOT_FOUND', `Impossible d’ouvrir « ${path} » : vérifiez le dossier et vos droits d’accès.`);
  }
  return err;
}

export { SCHEMA_VERSION };
