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
