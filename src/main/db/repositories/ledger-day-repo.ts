import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * Debit and credit per account and day of the validated entries, kept in `ledger_day` by a trigger on
 * validation (migration 0007): the trial balance without customers and the receivables at a date (DSO)
 * read a few hundred rows instead of every line joined to its entry. Validated entries never change, so
 * the table only grows; the lines stay the truth, and `ledgerDayDrift` compares the two.
 */
export const LEDGER_DAYS_FROM_LINES_SQL = `
  SELECT l.account, e.date, sum(l.debit_cents) AS debit_cents, sum(l.credit_cents) AS credit_cents
    FROM entry_line l CROSS JOIN entry e ON e.id = l.entry_id
   WHERE e.validated_at IS NOT NULL
   GROUP BY l.account, e.date`;

/** Fills `ledger_day` from the validated lines (in the caller's transaction). */
export function rebuildLedgerDays(db: Database): void {
  db.prepare('DELETE FROM ledger_day').run();
  db.prepare(`INSERT INTO ledger_day (account, date, debit_cents, credit_cents) ${LEDGER_DAYS_FROM_LINES_SQL}`).run();
}

/** The (account, day) pairs whose kept totals differ from the lines' (none, unless the file was altered). */
export function ledgerDayDrift(db: Database, limit = 10): { account: string; date: string; kept: [number, number] | null; lines: [number, number] | null }[] {
  const rows = db
    .prepare(
      `WITH lines AS (${LEDGER_DAYS_FROM_LINES_SQL})
       SELECT coalesce(l.account, k.account) AS account, coalesce(l.date, k.date) AS date,
              k.debit_cents AS kd, k.credit_cents AS kc, l.debit_cents AS ld, l.credit_cents AS lc
         FROM lines l FULL JOIN ledger_day k ON k.account = l.account AND k.date = l.date
        WHERE k.account IS NULL OR l.account IS NULL OR k.debit_cents <> l.debit_cents OR k.credit_cents <> l.credit_cents
        ORDER BY 1, 2 LIMIT ?`,
    )
    .all(limit) as { account: string; date: string; kd: number | null; kc: number | null; ld: number | null; lc: number | null }[];
  return rows.map((r) => ({ account: r.account, date: r.date, kept: r.kd === null ? null : [r.kd, r.kc as number], lines: r.ld === null ? null : [r.ld, r.lc as number] }));
}
