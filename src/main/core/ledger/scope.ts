import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';

/**
 * Shortcuts the reports take when they are exact: most reports ask about a period that holds every entry
 * of the file (the year so far, "today"), and an entry only exists unvalidated inside the transaction that
 * posts it. Then a sum needs neither the entry's date nor its validation, and reads an index alone.
 */

/** True when no entry waits unvalidated (one exists only inside the transaction that posts it). */
export function noDraftEntry(db: Db): boolean {
  return stmt(db, 'SELECT 1 FROM entry WHERE validated_at IS NULL LIMIT 1').get() === undefined;
}

/** True when every entry of the file is dated within [from, to] (either bound may be open). */
export function periodHoldsEveryEntry(db: Db, from?: string, to?: string): boolean {
  if (!from && !to) return true;
  const r = stmt(db, 'SELECT (SELECT min(date) FROM entry) AS first, (SELECT max(date) FROM entry) AS last').get() as { first: string | null; last: string | null };
  if (r.first === null || r.last === null) return true;
  return (!from || from <= r.first) && (!to || to >= r.last);
}

/**
 * Σ (debit − credit) of one customer's lines in the opening entries (AN), on the given accounts. An opening
 * line repeats what the closed year's lines already make: a balance read over every year (the advance a
 * customer has left, the exposure a credit limit weighs) takes it back out. Zero at once, from the journal
 * index, while no year has been closed.
 */
export function openingBalanceOf(db: Db, aux: string, accounts: readonly string[]): bigint {
  if (stmt(db, "SELECT 1 FROM entry WHERE journal = 'AN' LIMIT 1").get() === undefined) return 0n;
  return stmt(
    db,
    `SELECT coalesce(sum(l.debit_cents - l.credit_cents), 0) FROM entry_line l CROSS JOIN entry e ON e.id = l.entry_id
      WHERE l.aux = ? AND l.account IN (SELECT value FROM json_each(?)) AND e.journal = 'AN'`,
  )
    .pluck()
    .safeIntegers(true)
    .get(aux, JSON.stringify(accounts)) as bigint;
}
