import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import type { InvoiceRow } from '../../db/repositories/invoice-repo';
import { stmt } from '../../db/statements';

/**
 * Deposit invoices (factures d'acompte) as receivables: what a quote's final invoice deducts, and the checks
 * a draft made from a quote must still pass when validated. The quotes themselves are core/quotes, above.
 */

/**
 * The deposits invoiced on a quote and validated, per deposit and rate, net of their validated credit
 * notes: what a final invoice deducts. A deposit credited in full deducts nothing.
 */
export function depositsInvoiced(db: Db, quoteId: number): { depositId: number; rate: string; base: bigint; vat: bigint }[] {
  const rows = stmt(
    db,
    `SELECT i.id AS deposit_id, v.rate,
            v.base_cents - coalesce((SELECT sum(p.base_cents) FROM credit_note c JOIN credit_note_part p ON p.credit_note_id = c.id
                                      WHERE c.invoice_id = i.id AND c.state = 'validated' AND p.rate = v.rate), 0) AS base,
            v.vat_cents - coalesce((SELECT sum(p.vat_cents) FROM credit_note c JOIN credit_note_part p ON p.credit_note_id = c.id
                                     WHERE c.invoice_id = i.id AND c.state = 'validated' AND p.rate = v.rate), 0) AS vat
       FROM invoice i JOIN invoice_vat v ON v.invoice_id = i.id
      WHERE i.quote_id = ? AND i.quote_role = 'deposit' AND i.state = 'validated'
      ORDER BY i.date, i.id, CAST(v.rate AS REAL) DESC`,
  ).safeIntegers(true).all(quoteId) as { deposit_id: bigint; rate: string; base: bigint; vat: bigint }[];
  return rows.filter((r) => r.base > 0n || r.vat > 0n).map((r) => ({ depositId: Number(r.deposit_id), rate: r.rate, base: r.base, vat: r.vat }));
}

/**
 * Before a draft made from a quote is validated: what it was made from must still hold. A deposit must
 * not bring the deposits to the quote's total; a final invoice must deduct what the deposits are now.
 */
export function recheckQuoteInvoice(db: Db, inv: InvoiceRow): void {
  if (inv.quote_id === null || inv.quote_role === null) return;
  const q = stmt(db, 'SELECT id, number, net_cents FROM quote WHERE id = ?').safeIntegers(true).get(inv.quote_id) as { id: bigint; number: string; net_cents: bigint };
  if (inv.quote_role === 'deposit') {
    const others = depositsInvoiced(db, Number(q.id)).reduce((t, d) => t + d.base, 0n);
    if (others + inv.net_cents >= q.net_cents) {
      throw new AppError('CONFLICT', `Avec cet acompte, les acomptes atteindraient le total du devis ${q.number} : supprimez ce brouillon et facturez le solde par la facture finale.`);
    }
    const final = stmt(db, "SELECT 1 FROM invoice WHERE quote_id = ? AND quote_role = 'final'").get(q.id);
    if (final) throw new AppError('CONFLICT', `Le devis ${q.number} a déjà sa facture finale : cet acompte n’a plus lieu d’être, supprimez ce brouillon.`);
    return;
  }
  const now = depositsInvoiced(db, Number(q.id));
  const kept = stmt(db, 'SELECT deposit_id, rate, base_cents, vat_cents FROM invoice_deduction WHERE invoice_id = ? ORDER BY deposit_id, rate').safeIntegers(true).all(inv.id) as { deposit_id: bigint; rate: string; base_cents: bigint; vat_cents: bigint }[];
  const key = (d: { depositId: number; rate: string; base: bigint; vat: bigint }) => `${d.depositId}|${d.rate}|${d.base}|${d.vat}`;
  const a = now.map(key).sort().join(';');
  const b = kept.map((k) => key({ depositId: Number(k.deposit_id), rate: k.rate, base: k.base_cents, vat: k.vat_cents })).sort().join(';');
  if (a !== b) throw new AppError('CONFLICT', `Les acomptes du devis ${q.number} ont changé depuis ce brouillon : supprimez-le et refaites la facture finale.`);
}
