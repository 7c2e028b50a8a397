/**
 * What the ledger says about many invoices at once, in SQL. The lines that concern an invoice are those of
 * the view `invoice_ledger_line`: the lines linked to it when posted, plus the lines lettered with its
 * invoice line that no invoice claims (a bank entry typed by hand and lettered with it). Over a whole file
 * the view is slow to join (it weighs its lettering part invoice by invoice), so these queries read it in
 * its two parts: the links invoice by invoice through the (invoice, role, line) index, and the unlinked
 * lettered lines, found once from the lettering side. The results are the view's, to the cent.
 */

/** Whose unlinked lettered lines: every invoice, one customer's (@customerId), or a list (@ids, JSON). */
export type InvoiceScope = 'all' | 'customer' | 'ids';

/**
 * The second part of `invoice_ledger_line`: (invoice_id, line_id, lettered_on) for each line lettered with
 * an invoice's own line (role 'invoice') that no invoice link claims. Counted as a payment.
 */
export function unlinkedLetteredLines(scope: InvoiceScope): string {
  if (scope === 'all') {
    // From the lettering side: each lettered line is checked once, in line order, against the links.
    return `SELECT k.invoice_id, other.line_id, lt.date AS lettered_on
              FROM lettering_line other
              CROSS JOIN lettering lt ON lt.id = other.lettering_id
              CROSS JOIN lettering_line mine ON mine.lettering_id = other.lettering_id
              CROSS JOIN invoice_link k ON k.line_id = mine.line_id
             WHERE k.role = 'invoice' AND NOT EXISTS (SELECT 1 FROM invoice_link x WHERE x.line_id = other.line_id)`;
  }
  const invoices = scope === 'customer' ? 'SELECT id FROM invoice WHERE customer_id = @customerId' : 'SELECT value FROM json_each(@ids)';
  return `SELECT k.invoice_id, other.line_id, lt.date AS lettered_on
            FROM invoice_link k
            CROSS JOIN lettering_line mine ON mine.line_id = k.line_id
            CROSS JOIN lettering lt ON lt.id = mine.lettering_id
            CROSS JOIN lettering_line other ON other.lettering_id = mine.lettering_id
           WHERE k.invoice_id IN (${invoices}) AND k.role = 'invoice' AND NOT EXISTS (SELECT 1 FROM invoice_link x WHERE x.line_id = other.line_id)`;
}

/**
 * `WITH … st AS (…)`: one row per invoice of `invoices` (a `FROM invoice i … WHERE …` fragment, where the
 * links and lines are joined as `k` and `l`) with the columns of invoiceBalance (outstanding, paid,
 * credited, doubtful, written_off) and its status, derived exactly as readInvoice derives it. Parameters:
 * @c and @d, the customer and doubtful-customer accounts, plus those of the fragment.
 */
export function invoiceStatusCte(invoices: { from: string; where: string }, scope: InvoiceScope): string {
  return `WITH unlinked AS (
      SELECT u.invoice_id, sum(l.debit_cents - l.credit_cents) AS outstanding, sum(l.credit_cents - l.debit_cents) AS paid,
             sum(CASE WHEN l.account = @d THEN l.debit_cents - l.credit_cents ELSE 0 END) AS doubtful
        FROM (${unlinkedLetteredLines(scope)}) u CROSS JOIN entry_line l ON l.id = u.line_id
       WHERE l.account IN (@c, @d)
       GROUP BY u.invoice_id
    ),
    linked AS (
      SELECT i.id, i.date, i.state, i.gross_cents,
             coalesce(sum(l.debit_cents - l.credit_cents), 0) AS outstanding,
             coalesce(sum(CASE WHEN k.role IN ('payment', 'advance', 'recovery') THEN l.credit_cents - l.debit_cents END), 0) AS paid,
             coalesce(sum(CASE WHEN k.role IN ('credit_note', 'escompte') THEN l.credit_cents - l.debit_cents END), 0) AS credited,
             coalesce(sum(CASE WHEN l.account = @d THEN l.debit_cents - l.credit_cents END), 0) AS doubtful,
             coalesce(max(CASE WHEN l.id IS NOT NULL THEN k.role = 'writeoff' END), 0) AS written_off
        ${invoices.from}
        LEFT JOIN invoice_link k ON k.invoice_id = i.id
        LEFT JOIN entry_line l ON l.id = k.line_id AND l.account IN (@c, @d)
        ${invoices.where}
       GROUP BY i.id
    ),
    balance AS (
      SELECT b.id, b.date, b.state, b.gross_cents, b.outstanding + coalesce(u.outstanding, 0) AS outstanding, b.paid + coalesce(u.paid, 0) AS paid,
             b.credited, b.doubtful + coalesce(u.doubtful, 0) AS doubtful, b.written_off
        FROM linked b LEFT JOIN unlinked u ON u.invoice_id = b.id
    ),
    st AS (
      SELECT *, CASE
          WHEN state = 'draft' THEN 'draft'
          WHEN written_off = 1 AND outstanding = 0 THEN 'written_off'
          WHEN outstanding <= 0 THEN CASE WHEN paid = 0 AND credited >= gross_cents THEN 'cancelled' ELSE 'paid' END
          WHEN doubtful > 0 THEN 'doubtful'
          WHEN paid > 0 OR credited > 0 THEN 'partial'
          ELSE 'open' END AS status
        FROM balance
    )`;
}
