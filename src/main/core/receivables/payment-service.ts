import type { Handlers, Request } from '../../../shared/contract';
import type { Payment } from '../../../shared/domain/payment';
import { AppError } from '../../../shared/errors';
import { centsToString, parseAmount, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { containsPattern } from '../../db/text-search';
import type { HandlerContext } from '../context';
import { requireCustomer } from '../customers/customer-service';
import { accountMap } from '../ledger/accounts';
import { cancelPayment } from './payment-cancel';
import { settleDifferenceLater, writtenOff } from './payments';

const s = centsToString;

interface PaymentRow {
  id: bigint;
  customer_id: bigint;
  customer_code: string;
  customer_name: string;
  date: string;
  amount_cents: bigint;
  method: Payment['method'];
  reference: string | null;
  advance_cents: bigint;
  surplus_cents: bigint;
  entry_id: bigint;
  cancel_date: string | null;
  cancel_reason: string | null;
  cancel_entry_id: bigint | null;
}

/** A payment as the API gives it: its allocations, recoveries, advance or surplus, and whether it was cancelled. */
export function readPayment(db: Db, id: number): Payment {
  const p = stmt(
    db,
    `SELECT p.*, c.code AS customer_code, c.name AS customer_name, x.date AS cancel_date, x.reason AS cancel_reason, x.entry_id AS cancel_entry_id
       FROM payment p JOIN customer c ON c.id = p.customer_id LEFT JOIN payment_cancellation x ON x.payment_id = p.id WHERE p.id = ?`,
  ).safeIntegers(true).get(id) as PaymentRow | undefined;
  if (!p) throw new AppError('NOT_FOUND', `Règlement n° ${id} introuvable.`);
  const allocations = stmt(
    db,
    'SELECT a.invoice_id, i.number, a.amount_cents, a.escompte_credit_note_id, a.difference_cents FROM payment_allocation a JOIN invoice i ON i.id = a.invoice_id WHERE a.payment_id = ? ORDER BY a.rowid',
  ).safeIntegers(true).all(id) as { invoice_id: bigint; number: string; amount_cents: bigint; escompte_credit_note_id: bigint | null; difference_cents: bigint }[];
  // Recoveries live in the payment's entry only: its lines linked to a written-off invoice (7583 and the VAT owed again).
  const recoveries = stmt(
    db,
    `SELECT k.invoice_id, i.number, sum(l.credit_cents - l.debit_cents) AS amount, sum(CASE WHEN l.account = ? THEN l.credit_cents - l.debit_cents ELSE 0 END) AS vat
       FROM entry_line l CROSS JOIN invoice_link k ON k.line_id = l.id JOIN invoice i ON i.id = k.invoice_id
      WHERE l.entry_id = ? AND k.role = 'recovery' GROUP BY k.invoice_id ORDER BY min(l.id)`,
  ).safeIntegers(true).all(accountMap(db).vatCollected, p.entry_id) as { invoice_id: bigint; number: string; amount: bigint; vat: bigint }[];
  return {
    id: Number(p.id), entryId: Number(p.entry_id), customerId: Number(p.customer_id), customerCode: p.customer_code, customerName: p.customer_name,
    date: p.date, amount: s(p.amount_cents), method: p.method, ...(p.reference ? { reference: p.reference } : {}),
    allocations: allocations.map((a) => ({ invoiceId: Number(a.invoice_id), invoiceNumber: a.number, amount: s(a.amount_cents), escompte: a.escompte_credit_note_id !== null, difference: s(a.difference_cents) })),
    recoveries: recoveries.map((r) => ({ invoiceId: Number(r.invoice_id), invoiceNumber: r.number, amount: s(r.amount), vat: s(r.vat) })),
    advance: s(p.advance_cents),
    surplus: s(p.surplus_cents),
    status: p.cancel_entry_id === null ? 'recorded' : 'cancelled',
    ...(p.cancel_entry_id !== null
      ? { cancellation: { date: p.cancel_date as string, reason: p.cancel_reason as string, entryId: Number(p.cancel_entry_id), entryIds: reversalEntries(db, id) } }
      : {}),
  };
}

/** The reversal entries of a cancelled payment, in the order they were posted. */
export function reversalEntries(db: Db, paymentId: number): number[] {
  return stmt(db, "SELECT id FROM entry WHERE source_kind = 'payment_cancellation' AND source_id = ? ORDER BY seq").pluck().all(paymentId) as number[];
}

/** The payments, most recent first, filtered by customer, state, or a search on customer, reference or amount. */
export function listPayments(db: Db, q: Request<'payment.list'>): { rows: Payment[]; total: number } {
  const where: string[] = [];
  const p: Record<string, unknown> = {};
  if (q.customerId) {
    where.push('p.customer_id = @customerId');
    p.customerId = q.customerId;
  }
  if (q.status) where.push(q.status === 'cancelled' ? 'x.payment_id IS NOT NULL' : 'x.payment_id IS NULL');
  if (q.search) {
    where.push("(c.search_text LIKE @search ESCAPE '\\' OR lower(coalesce(p.reference, '')) LIKE @search ESCAPE '\\' OR printf('%d.%02d', p.amount_cents / 100, p.amount_cents % 100) = @amount)");
    p.search = containsPattern(q.search);
    // "1 200", "1200,00 €": an amount finds the payments of that amount.
    p.amount = parseAmount(q.search.replace('€', ''))?.toFixed(2) ?? '';
  }
  const from = 'FROM payment p JOIN customer c ON c.id = p.customer_id LEFT JOIN payment_cancellation x ON x.payment_id = p.id';
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = Number(stmt(db, `SELECT count(*) ${from} ${whereSql}`).pluck().get(p));
  const ids = stmt(db, `SELECT p.id ${from} ${whereSql} ORDER BY p.date DESC, p.id DESC LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...p, limit: q.limit ?? 1000, offset: q.offset ?? 0 }) as number[];
  return { total, rows: ids.map((id) => readPayment(db, id)) };
}

/** The customer's written-off invoices on which something may still be recovered (accounting.md §8). */
export function recoverableInvoices(db: Db, customerId: number) {
  const rows = stmt(db, 'SELECT w.invoice_id, w.date FROM write_off w JOIN invoice i ON i.id = w.invoice_id WHERE i.customer_id = ? ORDER BY w.date, i.number').all(customerId) as { invoice_id: number; date: string }[];
  return {
    rows: rows
      .map((r) => ({ date: r.date, w: writtenOff(db, r.invoice_id, customerId) }))
      .filter((r): r is { date: string; w: NonNullable<typeof r.w> } => r.w !== null && r.w.amount > r.w.recovered)
      .map(({ date, w }) => ({ invoiceId: w.invoiceId, invoiceNumber: w.number, writtenOffOn: date, writtenOff: s(w.amount), recovered: s(w.recovered), left: s(w.amount - w.recovered), vat: s(w.vat) })),
  };
}

export const paymentHandlers: Pick<Handlers<HandlerContext>, 'payment.cancel' | 'payment.list' | 'payment.recoverable' | 'payment.settleDifference'> = {
  'payment.cancel'({ db, now, today }, req) {
    cancelPayment(db, req, today(), now());
    return readPayment(db, req.id);
  },
  'payment.list'({ db }, req) {
    return listPayments(db, req);
  },
  'payment.settleDifference'({ db, now, today, company }, req) {
    const payment = readPayment(db, req.id);
    const date = req.date ?? (today() < payment.date ? payment.date : today());
    settleDifferenceLater(db, { id: req.id, date, threshold: toCents(company.paymentDifferenceThreshold) }, now());
    return readPayment(db, req.id);
  },
  'payment.recoverable'({ db }, req) {
    requireCustomer(db, req.customerId);
    return recoverableInvoices(db, req.customerId);
  },
};
