/**
 * What the ledger says about many invoices at once. Each validated invoice's balance is kept by the
 * database (invoice_balance, migration 0007: triggers add each line linked to the invoice and each line
 * lettered with it that no invoice claims — the view `invoice_ledger_line`), so a list or a report reads
 * one row per invoice. What an invoice owed at a past date is still read from its lines (reports.ts).
 */

/**
 * `WITH st AS (…)`: one row per invoice of `invoices` (a `FROM invoice i … WHERE …` fragment) with the
 * columns of invoiceBalance (outstanding, paid, credited, doubtful, written_off) and its status, as
 * readInvoice derives them.
 */
export function invoiceStatusCte(invoices: { from: string; where: string }): string {
  return `WITH st AS (
      SELECT i.id, i.date, i.state, i.gross_cents,
             coalesce(b.outstanding_cents, 0) AS outstanding, coalesce(b.paid_cents, 0) AS paid, coalesce(b.credited_cents, 0) AS credited,
             coalesce(b.doubtful_cents, 0) AS doubtful, coalesce(b.written_off, 0) AS written_off,
             CASE WHEN i.state = 'draft' THEN 'draft' ELSE b.status END AS status
        ${invoices.from}
        LEFT JOIN invoice_balance b ON b.invoice_id = i.id
        ${invoices.where}
    )`;
}
