import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { AppError } from '../../shared/errors';
import type { Db } from './open';

/*
 * Encryption at rest. An encrypted company file is a SQLCipher 4 database, written by SQLite3MultipleCiphers
 * (better-sqlite3-multiple-ciphers) with SQLCipher's own defaults: AES-256-CBC and HMAC-SHA512 on every
 * 4096-byte page, the key derived from the passphrase by PBKDF2-HMAC-SHA512 (256 000 iterations) with
 * the random salt stored in the file's first 16 bytes. So `sqlcipher` 4.x, DB Browser for SQLite or any
 * SQLCipher binding opens it with the passphrase alone (`PRAGMA key = '…'`). The passphrase is never
 * written anywhere by this module; a file without one is an ordinary SQLite file, exactly as before.
 */

/** Files (company files, backups, the FEC, PDFs) readable and writable by their owner only. */
export const OWNER_ONLY = 0o600;

const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * What a file on disk is, from its first bytes alone (no connection, nothing written): an ordinary SQLite
 * database, one that may be encrypted (no SQLite header, but the size of whole pages, as every SQLCipher
 * file has), or something else. Null when there is no readable file.
 */
export function readFileKind(path: string): 'sqlite' | 'encrypted' | 'other' | null {
  let fd: number;
  try {
    if (!statSync(path).isFile()) return null;
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    if (n === 16 && head.toString('latin1') === SQLITE_HEADER) return 'sqlite';
    const size = statSync(path).size;
    return size >= 512 && size % 512 === 0 ? 'encrypted' : 'other';
  } finally {
    closeSync(fd);
  }
}

/** The bytes of the key: the passphrase in Unicode NFC (an « é » typed on macOS or Windows is the same key). */
function keyBytes(passphrase: string): Buffer {
  return Buffer.from(passphrase.normalize('NFC'), 'utf8');
}

/**
 * The connections opened with a key, and their passphrase (in memory only, as long as the connection):
 * their copies are encrypted too, and a second connection to the same file is keyed the same way.
 */
const keyed = new WeakMap<Db, string>();

export function isEncrypted(db: Db): boolean {
  return keyed.has(db);
}

/** SQLCipher 4's scheme, to be set before keying or rekeying a connection. */
function useSqlCipher4(db: Db) {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
}

/**
 * Keys a freshly opened connection. False if the passphrase does not open the file (wrong passphrase, or
 * not an encrypted file): then nothing was read or written. Temporary tables and sorts stay in memory:
 * SQLite3MultipleCiphers does not encrypt temporary files, and nothing of the file may reach the disk in clear.
 */
export function applyKey(db: Db, passphrase: string): boolean {
  useSqlCipher4(db);
  db.key(keyBytes(passphrase));
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (err) {
    if ((err as { code?: unknown }).code === 'SQLITE_NOTADB') return false;
    throw err;
  }
  db.pragma('temp_store = MEMORY');
  keyed.set(db, passphrase);
  return true;
}

/**
 * Sets, changes (a string) or removes (null) the passphrase of an open file, in place. Every page is
 * rewritten in one transaction under a rollback journal (SQLite3MultipleCiphers cannot rekey in WAL mode),
 * so a crash leaves the file whole, with its old key or its new one; then the file is back in WAL mode.
 */
export function changeKey(db: Db, passphrase: string | null): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  if (db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') {
    throw new AppError('DB_BUSY', 'Le dossier est ouvert par un autre programme : fermez-le, puis recommencez.');
  }
  try {
    db.pragma('temp_store = MEMORY');
    if (passphrase === null) {
      db.rekey(Buffer.alloc(0));
      keyed.delete(db);
    } else {
      useSqlCipher4(db);
      db.rekey(keyBytes(passphrase));
      keyed.set(db, passphrase);
    }
  } finally {
    db.pragma('journal_mode = WAL');
  }
}

/**
 * A second, read-only connection to the open file, keyed as `db` is: the FEC streams from one, so that
 * the app's own connection stays free.
 */
export function openReadOnlyTwin(db: Db): Db {
  const reader = openKeyed(db.name, { keyedAs: db }, { readonly: true });
  if (!reader) throw passphraseWrong(db.name);
  return reader;
}

/**
 * Another file (a backup, a copy being restored) opened with `passphrase` when it is encrypted; null when
 * it is encrypted and the passphrase is missing or does not open it. `keyedAs`: the passphrase of that
 * open connection instead.
 */
export function openKeyed(path: string, key: { passphrase?: string | undefined; keyedAs?: Db }, options: { readonly: boolean }): Db | null {
  const passphrase = key.passphrase ?? (key.keyedAs ? keyed.get(key.keyedAs) : undefined);
  const encrypted = readFileKind(path) === 'encrypted';
  if (encrypted && passphrase === undefined) return null;
  const db = new Database(path, { readonly: options.readonly, fileMustExist: true });
  if (encrypted && !applyKey(db, passphrase as string)) {
    db.close();
    return null;
  }
  return db;
}

/** The application id of an encrypted file read with `passphrase` (read-only), or null if it does not open. */
export function encryptedApplicationId(path: string, passphrase: string): number | null {
  const db = openKeyed(path, { passphrase }, { readonly: true });
  if (!db) return null;
  try {
    return db.pragma('application_id', { simple: true }) as number;
  } finally {
    db.close();
  }
}

/** An empty file only its owner may read, for SQLite to fill (SQLite gives its journals the file's mode). */
export function createOwnerOnlyFile(path: string): void {
  if (!existsSync(dirname(path))) return;
  try {
    closeSync(openSync(path, 'wx', OWNER_ONLY));
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'EEXIST') throw err;
  }
}

/**
 * A consistent, compact copy of the open file (WAL included) with `VACUUM INTO`, into a new owner-only
 * file. SQLite3MultipleCiphers encrypts the copy of an encrypted file with the same key: a backup is never
 * less protected than its file.
 */
export function vacuumInto(db: Db, target: string): void {
  createOwnerOnlyFile(target);
  db.prepare('VACUUM INTO ?').run(target);
}

/** The file is encrypted and no passphrase was given: the door asks for it. */
export function passphraseMissing(path: string): AppError {
  return new AppError(
    'DB_LOCKED',
    `Le dossier « ${basename(path)} » est protégé par une phrase de passe : indiquez-la pour l’ouvrir (en ligne de commande : --passphrase-file <fichier>).`,
  );
}

/** The passphrase does not open the file: it was neither read nor changed. */
export function passphraseWrong(path: string): AppError {
  return new AppError(
    'DB_LOCKED',
    `Phrase de passe incorrecte : le dossier « ${basename(path)} » reste fermé et n’a pas été modifié. Vérifiez les majuscules et la disposition du clavier ; si vous êtes sûr de la phrase, le fichier est endommagé : restaurez une sauvegarde.`,
    { passphrase: 'Phrase de passe incorrecte.' },
  );
}

/** A passphrase given for a file that has none. */
export function notEncrypted(path: string): AppError {
  return new AppError(
    'VALIDATION',
    `Le dossier « ${basename(path)} » n’est pas chiffré : il s’ouvre sans phrase de passe. Pour le protéger, définissez-en une (Paramètres › Protection, ou company.encryption.set).`,
    { passphrase: 'Ce dossier n’a pas de phrase de passe.' },
  );
}

/**
 * The passphrase a door reads from a file (the CLI's --passphrase-file, the harness's): the file's content
 * without the final line break an editor adds; a French reason when it cannot serve.
 */
export function readPassphraseFile(path: string): { passphrase: string } | { error: string } {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch {
    return { error: `impossible de lire « ${path} ». Vérifiez le chemin et vos droits sur ce fichier.` };
  }
  const passphrase = content.replace(/\r?\n$/, '');
  if (passphrase === '') return { error: `le fichier « ${path} » est vide ; il doit contenir la phrase de passe.` };
  return { passphrase };
}
