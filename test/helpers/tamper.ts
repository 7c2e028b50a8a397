import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import { entryHash, GENESIS_HASH } from '../../src/main/core/ledger/hash';
import type { Db } from '../../src/main/db/open';

/**
 * Falsifying a company file behind the app's back with the sqlite3 shell (Debian package `sqlite3`), as
 * someone editing the .encours file by hand would. Without the shell the tests fail: they never skip.
 */
export function sqlite3(path: string, sql: string): string {
  try {
    execFileSync('sqlite3', ['-version'], { stdio: 'pipe' });
  } catch {
    return expect.fail('The sqlite3 shell is missing: install the Debian package « sqlite3 » (apt-get install -y sqlite3) to run the tamper tests.');
  }
  return execFileSync('sqlite3', ['-bail', path, sql], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * As a careful forger would: the triggers that keep validated entries immutable are dropped for the edit,
 * then put back exactly as they were, so the file's schema is the app's again (a file left without them
 * is refused on opening) and only the checks can tell.
 */
export function falsify(path: string, sql: string): string {
  const triggers = sqlite3(path, "SELECT sql || ';' FROM sqlite_schema WHERE type = 'trigger' ORDER BY name;");
  const out = sqlite3(path, sql);
  const left = new Set(sqlite3(path, "SELECT name FROM sqlite_schema WHERE type = 'trigger';").split('\n').filter(Boolean));
  const restore = triggers.split(/;\n(?=CREATE TRIGGER)/).map((t) => t.replace(/;\s*$/, '')).filter((t) => {
    const name = /CREATE TRIGGER (?:IF NOT EXISTS )?"?(\w+)/.exec(t)?.[1];
    return name !== undefined && !left.has(name);
  });
  if (restore.length > 0) sqlite3(path, restore.map((t) => `${t};`).join('\n'));
  return out;
}

interface SealedRow {
  id: number; seq: number; fiscal_year_id: number; num: number; journal: string; date: string; label: string; piece_ref: string; piece_date: string;
  validated_at: string; prev_hash: string; hash_version: number; source_kind: string | null; source_id: number | null; doc_digest: string | null;
}

/** The hash the app would give the entry of sequence `seq` as it stands in the file, chained to `prevHash`. */
export function hashAsStored(db: Db, seq: number, prevHash: string): { id: number; hash: string } {
  const row = db.prepare('SELECT * FROM entry WHERE seq = ?').get(seq) as SealedRow;
  const lines = db.prepare('SELECT account, aux, label, debit_cents, credit_cents FROM entry_line WHERE entry_id = ? ORDER BY line_no').safeIntegers(true).all(row.id) as {
    account: string; aux: string | null; label: string; debit_cents: bigint; credit_cents: bigint;
  }[];
  const hash = entryHash(
    {
      seq: row.seq, fiscalYearId: row.fiscal_year_id, num: row.num, journal: row.journal, date: row.date, label: row.label, pieceRef: row.piece_ref,
      pieceDate: row.piece_date, validatedAt: row.validated_at, lines: lines.map((l) => ({ account: l.account, aux: l.aux, label: l.label, debitCents: l.debit_cents, creditCents: l.credit_cents })),
      version: row.hash_version, sourceKind: row.source_kind, sourceId: row.source_id, docDigest: row.doc_digest,
    },
    prevHash,
  );
  return { id: row.id, hash };
}

/**
 * The SQL a forger runs after an edit to recompute every hash of the chain from entry `fromSeq` on, so
 * that the chain verifies again: computed on `db` (the file as edited), to be run with `falsify`.
 */
export function rechainSql(db: Db, fromSeq: number): string {
  const last = (db.prepare('SELECT max(seq) FROM entry').pluck().get() as number | null) ?? 0;
  let prev = fromSeq > 1 ? (db.prepare('SELECT hash FROM entry WHERE seq = ?').pluck().get(fromSeq - 1) as string) : GENESIS_HASH;
  const updates: string[] = [];
  for (let seq = fromSeq; seq <= last; seq++) {
    const { id, hash } = hashAsStored(db, seq, prev);
    updates.push(`UPDATE entry SET prev_hash = '${prev}', hash = '${hash}' WHERE id = ${id};`);
    prev = hash;
  }
  return updates.join('\n');
}

/**
 * The SQL a careful forger runs, with `falsify`, to delete the newest entries from sequence `fromSeq` on:
 * their lines and the entries, then the totals per account and day the database keeps recomputed from the
 * lines left, so that the chain (intact up to what is left) and the kept totals both still agree.
 * Meant for entries without invoice links (manual entries, a closing's).
 */
export function deleteTailSql(fromSeq: number): string {
  return `DROP TRIGGER line_of_validated_entry_no_delete; DROP TRIGGER entry_validated_is_permanent;
    DELETE FROM entry_line WHERE entry_id IN (SELECT id FROM entry WHERE seq >= ${fromSeq}); DELETE FROM entry WHERE seq >= ${fromSeq};
    DELETE FROM ledger_day;
    INSERT INTO ledger_day (account, date, debit_cents, credit_cents)
      SELECT l.account, e.date, sum(l.debit_cents), sum(l.credit_cents) FROM entry_line l JOIN entry e ON e.id = l.entry_id
       WHERE e.validated_at IS NOT NULL GROUP BY l.account, e.date;`;
}
