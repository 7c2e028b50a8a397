import Database from 'better-sqlite3-multiple-ciphers';
import { readFileSync, statSync } from 'node:fs';
import { APPLICATION_ID, type Db } from '../../src/main/db/open';
import { join } from 'node:path';
import { repoRoot } from './repo';
import { insertCustomer } from '../../src/main/db/repositories/customer-repo';

/**
 * Every row of every table (sqlite_sequence included), the schema and the header pragmas, as one string:
 * two dumps are equal exactly when nothing was written. Read through its own read-only connection (keyed
 * with `passphrase` for an encrypted file, the way any SQLCipher tool opens it). `identity: false` leaves
 * out the file's random id (file_identity), to compare two files' contents.
 */
export function dumpDb(path: string, passphrase?: string, options: { identity?: boolean } = {}): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    if (passphrase !== undefined) {
      db.pragma("cipher = 'sqlcipher'");
      db.pragma('legacy = 4');
      db.pragma(`key = '${passphrase.replaceAll("'", "''")}'`);
    }
    db.defaultSafeIntegers(true);
    const schema = db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name').all() as { type: string; name: string }[];
    const tables: Record<string, unknown[]> = {};
    for (const { type, name } of schema) {
      if (type === 'table' && (name !== 'file_identity' || options.identity !== false)) tables[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
    }
    const pragmas = {
      user_version: db.pragma('user_version', { simple: true }),
      application_id: db.pragma('application_id', { simple: true }),
    };
    return JSON.stringify({ schema, tables, pragmas }, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  } finally {
    db.close();
  }
}

/** Inserts `count` customers through the real repository, in one transaction (fast fixtures for big files). */
export function seedCustomers(db: Db, count: number, now = '2026-11-22T10:00:00.000Z'): void {
  db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      insertCustomer(
        db,
        {
          name: `Client ${String(i).padStart(4, '0')}`,
          kind: 'business',
          siren: null,
          vat_number: null,
          email: `client${i}@example.fr`,
          phone: null,
          address_line1: `${i} rue des Tests`,
          address_line2: null,
          postcode: '75011',
          city: 'Paris',
          country: 'FR',
          payment_terms_days: 30,
          credit_limit_cents: BigInt(i) * 100n,
          notes: `Notes du client ${i} : `.padEnd(400, '·'),
        },
        now,
      );
    }
  })();
}

/** Bytes and modification time of a file, to prove an open did not touch it. */
export function fileSnapshot(path: string): { bytes: Buffer; mtimeMs: number } {
  return { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
}

/**
 * A company file as an older build wrote it, from a SQL dump in test/fixtures/older-files (see its
 * README), stamped with that build's schema version and our application id.
 */
export function loadOlderFile(path: string, dump: string, schemaVersion: number): void {
  const db = new Database(path);
  try {
    db.exec(readFileSync(join(repoRoot, 'test/fixtures/older-files', dump), 'utf8'));
    db.pragma(`user_version = ${schemaVersion}`);
    db.pragma(`application_id = ${APPLICATION_ID}`);
  } finally {
    db.close();
  }
}
