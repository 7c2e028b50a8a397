import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * What each validated invoice still owes, kept in `invoice_balance` by triggers (migration 0007) as its
 * ledger lines are linked and lettered, so that lists and reports over 100 000 invoices read one row per
 * invoice instead of walking every invoice's lines. The ledger stays the truth: the SQL below derives the
 * same figures from the lines (the view `invoice_ledger_line`, read in its two parts), fills the table when
 * it is created or when the customer accounts change, and lets tests and `ledger.verify` compare the two.
 */

/** The accounts the balances are kept on, as the triggers read them: the company's, else the defaults. */
export const CUSTOMER_ACCOUNT_SQL = "(SELECT account FROM account_role WHERE role = 'customers')";
export const DOUBTFUL_ACCOUNT_SQL = "(SELECT account FROM account_role WHERE role = 'doubtfulCustomers')";

/**
 * Whose unlinked lettered lines: every invoice, one customer's (@customerId), a list (@ids, JSON), or the
 * ids a subquery of the caller's gives (`{ in: 'SELECT id FROM …' }`).
 */
export type InvoiceScope = 'all' | 'customer' | 'ids' | { in: string };

/**
 * The second part of `invoice_ledger_line`: (invoice_id, line_id, lettered_on) for each line lettered with
 * an invoice's own line (role 'invoice', or its opening line in a year after a closing, role 'opening')
 * that no invoice link claims. Counted as a payment.
 */
export function unlinkedLetteredLines(scope: InvoiceScope): string {
  if (scope === 'all') {
    // From the lettering side: each lettered line is checked once, in line order, against the links.
    return `SELECT k.invoice_id, other.line_id, lt.date AS lettered_on
              FROM lettering_line other
              CROSS JOIN lettering lt ON lt.id = other.lettering_id
              CROSS JOIN lettering_line mine ON mine.lettering_id = other.lettering_id
              CROSS JOIN invoice_link k ON k.line_id = mine.line_id
             WHERE k.role IN ('invoice', 'opening') AND NOT EXISTS (SELECT 1 FROM invoice_link x WHERE x.line_id = other.line_id)`;
  }
  const invoices = scope === 'customer' ? 'SELECT id FROM invoice WHERE customer_id = @customerId' : scope === 'ids' ? 'SELECT value FROM json_each(@ids)' : scope.in;
  return `SELECT k.invoice_id, other.line_id, lt.date AS lettered_on
            FROM invoice_link k
            CROSS JOIN lettering_line mine ON mine.line_id = k.line_id
            CROSS JOIN lettering lt ON lt.id = mine.lettering_id
            CROSS JOIN lettering_line other ON other.lettering_id = mine.lettering_id
           WHERE k.invoice_id IN (${invoices}) AND k.role IN ('invoice', 'opening') AND NOT EXISTS (SELECT 1 FROM invoice_link x WHERE x.line_id = other.line_id)`;
}

/**
 * One row per validated invoice with the columns of `invoice_balance`, computed from the ledger lines on
 * the customer accounts: the linked lines by role (opening lines aside: they repeat the closed year's),
 * plus the unlinked lettered lines as payments. `last_move`
 * is the latest date of a line counted (its entry's date, or its lettering's when later).
 */
export const BALANCES_FROM_LEDGER_SQL = `
  SELECT i.id AS invoice_id, i.gross_cents,
         coalesce(sum(x.amount), 0) AS outstanding_cents, coalesce(sum(x.paid), 0) AS paid_cents,
         coalesce(sum(x.credited), 0) AS credited_cents, coalesce(sum(x.doubtful), 0) AS doubtful_cents,
         coalesce(max(x.written_off), 0) AS written_off, coalesce(max(x.moved), '') AS last_move
    FROM invoice i
    LEFT JOIN (
      SELECT k.invoice_id, l.debit_cents - l.credit_cents AS amount,
             CASE WHEN k.role IN ('payment', 'advance', 'recovery') THEN l.credit_cents - l.debit_cents ELSE 0 END AS paid,
             CASE WHEN k.role IN ('credit_note', 'escompte') THEN l.credit_cents - l.debit_cents ELSE 0 END AS credited,
             CASE WHEN l.account = ${DOUBTFUL_ACCOUNT_SQL} THEN l.debit_cents - l.credit_cents ELSE 0 END AS doubtful,
             k.role = 'writeoff' AS written_off, e.date AS moved
        FROM invoice_link k CROSS JOIN entry_line l ON l.id = k.line_id CROSS JOIN entry e ON e.id = l.entry_id
       WHERE l.account IN (${CUSTOMER_ACCOUNT_SQL}, ${DOUBTFUL_ACCOUNT_SQL}) AND k.role <> 'opening'
      UNION ALL
      SELECT u.invoice_id, l.debit_cents - l.credit_cents, l.credit_cents - l.debit_cents, 0,
             CASE WHEN l.account = ${DOUBTFUL_ACCOUNT_SQL} THEN l.debit_cents - l.credit_cents ELSE 0 END,
             0, max(e.date, u.lettered_on)
        FROM (${unlinkedLetteredLines('all')}) u CROSS JOIN entry_line l ON l.id = u.line_id CROSS JOIN entry e ON e.id = l.entry_id
       WHERE l.account IN (${CUSTOMER_ACCOUNT_SQL}, ${DOUBTFUL_ACCOUNT_SQL})
    ) x ON x.invoice_id = i.id
   WHERE i.state = 'validated'
   GROUP BY i.id`;

const COLUMNS = 'invoice_id, gross_cents, outstanding_cents, paid_cents, credited_cents, doubtful_cents, written_off, last_move';

/**
 * Refills `invoice_balance` from the ledger (in the caller's transaction). Used when the table is created
 * and when the customer or doubtful-customer account changes (the triggers count lines on those accounts).
 * The company's accounts are written to account_role first, so that the triggers read them.
 */
export function rebuildInvoiceBalances(db: Database, accounts: { customers: string; doubtfulCustomers: string }): void {
  const role = db.prepare('INSERT INTO account_role (role, account) VALUES (?, ?) ON CONFLICT (role) DO NOTHING');
  role.run('customers', accounts.customers);
  role.run('doubtfulCustomers', accounts.doubtfulCustomers);
  db.prepare('DELETE FROM invoice_balance').run();
  db.prepare(`INSERT INTO invoice_balance (${COLUMNS}) SELECT ${COLUMNS} FROM (${BALANCES_FROM_LEDGER_SQL})`).run();
}

export interface BalanceDrift {
  invoiceId: number;
  kept: Record<string, unknown> | null;
  ledger: Record<string, unknown> | null;
}

/** The invoices whose kept balance differs from the ledger's (none, unless the file was altered). */
export function balanceDrift(db: Database, limit = 10): BalanceDrift[] {
  const rows = db
    .prepare(
      `WITH ledger AS (${BALANCES_FROM_LEDGER_SQL})
       SELECT coalesce(l.invoice_id, b.invoice_id) AS id,
              json_object('gross', b.gross_cents, 'outstanding', b.outstanding_cents, 'paid', b.paid_cents, 'credited', b.credited_cents, 'doubtful', b.doubtful_cents, 'writtenOff', b.written_off, 'lastMove', b.last_move) AS kept,
              json_object('gross', l.gross_cents, 'outstanding', l.outstanding_cents, 'paid', l.paid_cents, 'credited', l.credited_cents, 'doubtful', l.doubtful_cents, 'writtenOff', l.written_off, 'lastMove', l.last_move) AS ledger,
              b.invoice_id IS NULL AS missing, l.invoice_id IS NULL AS extra
         FROM ledger l FULL JOIN invoice_balance b ON b.invoice_id = l.invoice_id
        WHERE b.invoice_id IS NULL OR l.invoice_id IS NULL
           OR b.gross_cents <> l.gross_cents OR b.outstanding_cents <> l.outstanding_cents OR b.paid_cents <> l.paid_cents
           OR b.credited_cents <> l.credited_cents OR b.doubtful_cents <> l.doubtful_cents OR b.written_off <> l.written_off
           OR b.last_move < l.last_move
        ORDER BY id LIMIT ?`,
    )
    .all(limit) as { id: number; kept: string; ledger: string; missing: number; extra: number }[];
  return rows.map((r) => ({ invoiceId: r.id, kept: r.missing ? null : (JSON.parse(r.kept) as Record<string, unknown>), ledger: r.extra ? null : (JSON.parse(r.ledger) as Record<string, unknown>) }));
}
