import type { AccountMap } from '../../../shared/accounts';
import { AppError } from '../../../shared/errors';
import { formatDateShort } from '../../../shared/dates';
import { formatEuro } from '../../../shared/money';
import { PAYMENT_METHOD_LABELS } from '../../../shared/domain/payment';
import type { Db } from '../../db/open';
import { invoiceBalance } from '../../db/repositories/invoice-repo';
import { stmt } from '../../db/statements';
import { accountMap } from '../ledger/accounts';
import { credit, debit } from '../ledger/lines';
import { postEntry, type PostingLine } from '../ledger/post';
import { openingBalanceOf } from '../ledger/scope';
import { saveCreditNote, settleIfPaid, validateCreditNote } from './credit-notes';
import { escompteTerms } from './escompte';
import { openInvoice, payable, pendingVatOf, refuseAboveOutstanding, type OpenInvoice } from './invoice-state';
import { INVOICED_DEPOSIT_LINE } from './invoices';
import { planLateDifference, planPayment, vatReceiptShare, type AllocationTarget, type PaymentInvoice, type WrittenOffInvoice } from './payment-plan';

export type PaymentMethod = 'transfer' | 'check' | 'card' | 'cash' | 'direct_debit';


export interface PaymentRequest {
  customerId: number;
  date: string;
  amount: bigint;
  method: PaymentMethod;
  reference?: string | undefined;
  allocations?: { invoiceId: number; amount: bigint }[] | undefined;
  escompte?: { invoiceId: number }[] | undefined;
  /** Settle the small difference the receipt leaves (écart de règlement), up to this threshold (the company's). */
  settleDifference?: { threshold: bigint } | undefined;
}

/** What recordPayment hands the planner about an open invoice, and gets back with each allocation. */
type Payable = PaymentInvoice & { open: OpenInvoice };

function payableOf(db: Db, open: OpenInvoice, escompteIds: ReadonlySet<number>): Payable {
  return { ...payable(open), open, ...(escompteIds.has(open.row.id) ? { escompte: escompteTerms(db, open.row) } : {}) };
}

/**
 * The customer's owed invoices the plan can reach, oldest due first: those named for escompte, then the
 * others dated by the payment, in order, until their outstanding covers the amount. The kept balances (invoice_balance, equal to
 * the ledger) choose them, so a customer with thousands of invoices costs a few reads, not thousands;
 * each one chosen is then read in full from the ledger (openInvoice). `+i.date` keeps SQLite on the
 * customer's index (customer, state, due date) rather than scanning every invoice by date.
 */
function reachableInvoices(db: Db, customerId: number, date: string, amount: bigint, escompteIds: ReadonlySet<number>, accounts: AccountMap): OpenInvoice[] {
  const owed = stmt(
    db,
    `SELECT i.id, b.outstanding_cents AS outstanding FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id
      WHERE i.customer_id = ? AND i.state = 'validated' AND +i.date <= ? AND b.outstanding_cents > 0 ORDER BY i.due_date, i.number`,
  ).safeIntegers(true).iterate(customerId, date) as Iterable<{ id: bigint; outstanding: bigint }>;
  const ids: number[] = [];
  let covered = 0n;
  for (const o of owed) {
    const id = Number(o.id);
    if (escompteIds.has(id)) ids.push(id);
    else if (covered < amount) {
      ids.push(id);
      covered += o.outstanding;
    }
  }
  const out: OpenInvoice[] = [];
  for (const id of ids) {
    try {
      out.push(openInvoice(db, id, customerId, accounts, 'un règlement'));
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
    }
  }
  return out;
}

/** What an allocation names: an open invoice, a written-off one (money recovered), or a refusal the planner throws in its turn. */
function allocationTarget(db: Db, invoiceId: number, customerId: number, accounts: AccountMap, escompteIds: ReadonlySet<number>): AllocationTarget<Payable> {
  try {
    const writeOff = writtenOff(db, invoiceId, customerId);
    if (writeOff) return { kind: 'written_off', writeOff };
    return { kind: 'open', invoice: payableOf(db, openInvoice(db, invoiceId, customerId, accounts, 'd’y imputer un règlement'), escompteIds) };
  } catch (err) {
    if (err instanceof AppError) return { kind: 'refused', error: err };
    throw err;
  }
}

/**
 * Records a receipt (accounting.md §2, §4): D 512 (53 for cash) / C 411 (416 for a doubtful invoice) per
 * allocation, C 4191 for what is left over; under VAT on receipts D 44574 / C 44571 for each invoice's VAT
 * share (the settling receipt moves what is left). An escompte taken issues its financial credit note.
 * Settled invoices are lettered with what settled them. The amounts come from planPayment.
 */
export function recordPayment(db: Db, req: PaymentRequest, now: Date) {
  const accounts = accountMap(db);
  const customer = stmt(db, 'SELECT id, code, name FROM customer WHERE id = ?').get(req.customerId) as { id: number; code: string; name: string } | undefined;
  if (!customer) throw new AppError('NOT_FOUND', `Client n° ${req.customerId} introuvable.`);
  const escompte = new Set((req.escompte ?? []).map((e) => e.invoiceId));
  const escompteNumbers = new Map(
    [...escompte].map((id) => [id, (stmt(db, 'SELECT number FROM invoice WHERE id = ?').pluck().get(id) as string | null | undefined) ?? `n° ${id}`] as const),
  );
  const base = { date: req.date, amount: req.amount, escompte, escompteNumbers, settleDifference: req.settleDifference };
  const { allocations, recoveries, advance, surplus } = planPayment<Payable>(
    req.allocations && req.allocations.length > 0
      ? { ...base, allocations: req.allocations.map((a) => ({ ...a, target: allocationTarget(db, a.invoiceId, req.customerId, accounts, escompte) })) }
      : { ...base, openInvoices: reachableInvoices(db, req.customerId, req.date, req.amount, escompte, accounts).map((o) => payableOf(db, o, escompte)) },
  );

  const cash = req.method === 'cash';
  const label = `Règlement ${customer.name}${req.reference ? ` ${req.reference}` : ''}`;
  const pieceRef = req.reference || `REG-${req.date}`;
  const posting: PostingLine[] = [debit(cash ? accounts.cash : accounts.bank, req.amount, { label: `${PAYMENT_METHOD_LABELS[req.method]} ${customer.name}` })];
  for (const a of allocations) {
    const inv = a.invoice;
    posting.push(credit(inv.open.creditAccount, a.amount, { aux: customer.code, label: `${label} — ${inv.number}`, link: { invoiceId: inv.id, role: 'payment' } }));
    if (a.vatShare > 0n) posting.push(...vatReceived(accounts, inv.id, inv.number, a.vatShare));
    if (a.difference > 0n) posting.push(...differenceSettled(accounts, inv, customer.code, a));
  }
  // Money received on a written-off invoice (§8): C 7583 for the HT part, C 44571 for the VAT owed again.
  for (const r of recoveries) {
    const link = { invoiceId: r.invoiceId, role: 'recovery' } as const;
    posting.push(credit(accounts.recoveryAfterWriteOff, r.amount - r.vat, { label: `Rentrée sur créance amortie ${r.number}`, link }));
    if (r.vat > 0n) posting.push(credit(accounts.vatCollected, r.vat, { label: `TVA sur rentrée ${r.number}`, link }));
  }
  if (advance > 0n) posting.push(credit(accounts.customerAdvances, advance, { aux: customer.code, label: `Avance ${customer.name}` }));
  if (surplus > 0n) posting.push(credit(accounts.paymentDifferenceProduct, surplus, { label: `Écart de règlement (trop-perçu) ${customer.name}` }));

  // The payment's id is known before its row exists: we are inside an IMMEDIATE transaction.
  const paymentId = ((stmt(db, 'SELECT max(id) FROM payment').pluck().get() as number | null) ?? 0) + 1;
  const entry = postEntry(db, { journal: cash ? 'CA' : 'BQ', date: req.date, label, pieceRef, pieceDate: req.date, lines: posting, source: { kind: 'payment', id: paymentId } }, now);
  stmt(db, 'INSERT INTO payment (id, customer_id, date, amount_cents, method, reference, advance_cents, surplus_cents, entry_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    paymentId, req.customerId, req.date, req.amount, req.method, req.reference ?? null, advance, surplus, entry.id, now.toISOString(),
  );
  for (const a of allocations) {
    const inv = a.invoice.open.row;
    let creditNoteId: number | null = null;
    if (a.escompte) {
      // The financial credit note settles the rest: D 665 / D 44571 (or 44574) / C 411.
      creditNoteId = saveCreditNote(db, { invoiceId: inv.id, date: req.date, reason: `Escompte pour paiement anticipé (${inv.escompte_percent} %)`, kind: 'escompte', escomptePercent: inv.escompte_percent ?? '0' }, now);
      validateCreditNote(db, creditNoteId, now);
      moveRemainingPendingVat(db, inv.id, req.date, accounts, now);
    }
    stmt(db, 'INSERT INTO payment_allocation (payment_id, invoice_id, amount_cents, escompte_credit_note_id, difference_cents) VALUES (?, ?, ?, ?, ?)').run(paymentId, inv.id, a.amount, creditNoteId, a.difference);
    settleIfPaid(db, inv.id, req.date, accounts, now);
  }
  return { paymentId, entryId: entry.id };
}

/**
 * The écart de règlement on an invoice (what the receipt left unpaid, the owner settling it): D 658 for
 * the charge, D 44574 for the VAT on receipts never received (not due), C 411 (or 416) linked to the
 * invoice as part of its payment, which then settles it.
 */
function differenceSettled(accounts: AccountMap, inv: Payable, aux: string, a: { difference: bigint; differenceVat: bigint }): PostingLine[] {
  const label = `Écart de règlement ${inv.number}`;
  const lines: PostingLine[] = [];
  if (a.difference > a.differenceVat) lines.push(debit(accounts.paymentDifferenceCharge, a.difference - a.differenceVat, { label }));
  if (a.differenceVat > 0n) lines.push(debit(accounts.vatPending, a.differenceVat, { label: `TVA non encaissée ${inv.number}`, link: { invoiceId: inv.id, role: 'vat_receipt' } }));
  lines.push(credit(inv.open.creditAccount, a.difference, { aux, label, link: { invoiceId: inv.id, role: 'payment' } }));
  return lines;
}

/**
 * payment.settleDifference: the écart de règlement a payment left, settled afterwards in one OD entry of
 * its own (source `payment_difference`, reversed with the payment if it is cancelled): what its invoices
 * still owe, each to 658 with the VAT never received cleared from 44574 (they are then paid), or else the
 * small advance it left, D 4191 / C 758. Within the company's threshold (planLateDifference).
 */
export function settleDifferenceLater(db: Db, req: { id: number; date: string; threshold: bigint }, now: Date): void {
  const accounts = accountMap(db);
  const p = stmt(
    db,
    `SELECT p.customer_id, p.date, p.reference, p.advance_cents, c.code, c.name, x.date AS cancelled
       FROM payment p JOIN customer c ON c.id = p.customer_id LEFT JOIN payment_cancellation x ON x.payment_id = p.id WHERE p.id = ?`,
  ).safeIntegers(true).get(req.id) as { customer_id: bigint; date: string; reference: string | null; advance_cents: bigint; code: string; name: string; cancelled: string | null } | undefined;
  if (!p) throw new AppError('NOT_FOUND', `Règlement n° ${req.id} introuvable.`);
  if (p.cancelled) throw new AppError('CONFLICT', 'Ce règlement est annulé : il n’a plus d’écart à solder.');
  if (req.date < p.date) throw new AppError('VALIDATION', `L’écart ne peut pas être soldé avant le règlement (${formatDateShort(p.date)}).`, { date: 'Date antérieure au règlement.' });
  const customerId = Number(p.customer_id);
  const ids = stmt(db, 'SELECT invoice_id FROM payment_allocation WHERE payment_id = ? ORDER BY rowid').pluck().all(req.id) as number[];
  const owed = ids
    .filter((id) => invoiceBalance(db, id, { customers: accounts.customers, doubtful: accounts.doubtfulCustomers }).outstanding > 0n && !writtenOff(db, id, customerId))
    .map((id) => payableOf(db, openInvoice(db, id, customerId, accounts, 'd’y solder un écart'), new Set()));
  const left = advanceBalance(db, p.code, accounts);
  const { allocations, surplus } = planLateDifference(owed, left < p.advance_cents ? left : p.advance_cents, req.threshold);
  const lines: PostingLine[] = [];
  for (const a of allocations) {
    if (a.vatShare > 0n) lines.push(...vatReceived(accounts, a.invoice.id, a.invoice.number, a.vatShare));
    if (a.difference > 0n) lines.push(...differenceSettled(accounts, a.invoice, p.code, a));
  }
  if (surplus > 0n) {
    const label = `Écart de règlement (trop-perçu) ${p.name}`;
    lines.push(debit(accounts.customerAdvances, surplus, { aux: p.code, label }), credit(accounts.paymentDifferenceProduct, surplus, { label }));
  }
  postEntry(db, {
    journal: 'OD', date: req.date, label: `Écart de règlement ${p.name}${p.reference ? ` ${p.reference}` : ''}`, pieceRef: p.reference || `REG-${p.date}`, pieceDate: req.date,
    lines, source: { kind: 'payment_difference', id: req.id },
  }, now);
  const addDifference = stmt(db, 'UPDATE payment_allocation SET difference_cents = difference_cents + ? WHERE payment_id = ? AND invoice_id = ?');
  for (const a of allocations) {
    addDifference.run(a.difference, req.id, a.invoice.id);
    settleIfPaid(db, a.invoice.id, req.date, accounts, now);
  }
  // The advance it left is a product now: no longer the customer's (the cancellation's check reads it).
  if (surplus > 0n) stmt(db, 'UPDATE payment SET surplus_cents = surplus_cents + ?, advance_cents = advance_cents - ? WHERE id = ?').run(surplus, surplus, req.id);
}

/** D 44574 / C 44571: VAT on receipts that falls due, the 44574 line linked to its invoice. */
function vatReceived(accounts: AccountMap, invoiceId: number, number: string | null, cents: bigint): PostingLine[] {
  const label = `TVA encaissée ${number}`;
  return [debit(accounts.vatPending, cents, { label, link: { invoiceId, role: 'vat_receipt' } }), credit(accounts.vatCollected, cents, { label })];
}

/** A written-off invoice of this customer, as the planner needs it; null for other invoices. */
export function writtenOff(db: Db, invoiceId: number, customerId: number): WrittenOffInvoice | null {
  const w = stmt(db, `SELECT w.loss_cents, w.vat_regularised_cents, w.vat_pending_cents, w.vat_as_loss_cents, i.number, i.customer_id
      FROM write_off w JOIN invoice i ON i.id = w.invoice_id WHERE w.invoice_id = ?`).safeIntegers(true).get(invoiceId) as
    | { loss_cents: bigint; vat_regularised_cents: bigint; vat_pending_cents: bigint; vat_as_loss_cents: bigint; number: string; customer_id: bigint }
    | undefined;
  if (!w) return null;
  if (Number(w.customer_id) !== customerId) throw new AppError('CONFLICT', `La facture ${w.number} est celle d’un autre client.`);
  // Net of the recoveries of cancelled payments (their reversal debits the same lines).
  const recovered = stmt(db, `SELECT coalesce(sum(l.credit_cents - l.debit_cents), 0) FROM invoice_link k JOIN entry_line l ON l.id = k.line_id WHERE k.invoice_id = ? AND k.role = 'recovery'`).pluck().safeIntegers(true).get(invoiceId) as bigint;
  const vat = w.vat_regularised_cents + w.vat_pending_cents;
  return { invoiceId, number: w.number, amount: w.loss_cents + vat, vat, recovered };
}

/**
 * After an escompte settles a services invoice under VAT on receipts, the VAT still pending on it was
 * received with the payment: it moves to 44571 in an OD entry of its own.
 */
function moveRemainingPendingVat(db: Db, invoiceId: number, date: string, accounts: AccountMap, now: Date) {
  const pending = pendingVatOf(db, invoiceId, accounts);
  if (pending <= 0n) return;
  const number = stmt(db, 'SELECT number FROM invoice WHERE id = ?').pluck().get(invoiceId) as string;
  postEntry(db, {
    journal: 'OD', date, label: `TVA encaissée ${number}`, pieceRef: number, pieceDate: date,
    lines: [debit(accounts.vatPending, pending, { link: { invoiceId, role: 'vat_receipt' } }), credit(accounts.vatCollected, pending)],
    source: { kind: 'invoice', id: invoiceId },
  }, now);
}

/** advance.apply: D 4191 / C 411 — an advance the customer paid settles (part of) an invoice. */
export function applyAdvance(db: Db, req: { customerId: number; invoiceId: number; amount: bigint; date: string }, now: Date) {
  const accounts = accountMap(db);
  const customer = stmt(db, 'SELECT code, name FROM customer WHERE id = ?').get(req.customerId) as { code: string; name: string } | undefined;
  if (!customer) throw new AppError('NOT_FOUND', `Client n° ${req.customerId} introuvable.`);
  const available = advanceBalance(db, customer.code, accounts);
  if (req.amount > available) throw new AppError('VALIDATION', `L’avance disponible de ${customer.name} est de ${formatEuro(available)}.`, { amount: `Au plus ${formatEuro(available)}.` });
  const open = openInvoice(db, req.invoiceId, req.customerId, accounts, 'd’y imputer une avance');
  const inv = payable(open);
  refuseAboveOutstanding(inv, req.amount, 'amount', 'L’imputation');
  const label = `Imputation de l’avance sur ${inv.number} ${customer.name}`;
  const lines: PostingLine[] = [
    debit(accounts.customerAdvances, req.amount, { aux: customer.code, label }),
    credit(open.creditAccount, req.amount, { aux: customer.code, label, link: { invoiceId: inv.id, role: 'advance' } }),
  ];
  const vatShare = vatReceiptShare(inv, req.amount);
  if (vatShare > 0n) lines.push(...vatReceived(accounts, inv.id, inv.number, vatShare));
  const entry = postEntry(db, { journal: 'OD', date: req.date, label, pieceRef: inv.number ?? `F${req.invoiceId}`, lines, source: { kind: 'advance', id: req.invoiceId } }, now);
  settleIfPaid(db, req.invoiceId, req.date, accounts, now);
  return { entryId: entry.id };
}

/** advance.refund: D 4191 / C 512 (53 in cash) — the customer gets their advance back. */
export function refundAdvance(db: Db, req: { customerId: number; amount: bigint; date: string; method: PaymentMethod }, now: Date) {
  const accounts = accountMap(db);
  const customer = stmt(db, 'SELECT code, name FROM customer WHERE id = ?').get(req.customerId) as { code: string; name: string } | undefined;
  if (!customer) throw new AppError('NOT_FOUND', `Client n° ${req.customerId} introuvable.`);
  const available = advanceBalance(db, customer.code, accounts);
  if (req.amount > available) throw new AppError('VALIDATION', `L’avance disponible de ${customer.name} est de ${formatEuro(available)}.`, { amount: `Au plus ${formatEuro(available)}.` });
  const cash = req.method === 'cash';
  const label = `Remboursement de l’avance ${customer.name}`;
  const entry = postEntry(db, {
    journal: cash ? 'CA' : 'BQ', date: req.date, label, pieceRef: `REMB-${req.date}`,
    lines: [debit(accounts.customerAdvances, req.amount, { aux: customer.code }), credit(cash ? accounts.cash : accounts.bank, req.amount)],
    source: { kind: 'advance_refund', id: req.customerId },
  }, now);
  return { entryId: entry.id };
}

/** What the customer has paid in advance and not yet used: the credit balance of 4191, opening lines aside. */
export function advanceBalance(db: Db, code: string, accounts: AccountMap): bigint {
  const all = stmt(db, `SELECT coalesce(sum(credit_cents - debit_cents), 0) FROM entry_line l WHERE account = ? AND aux = ? AND NOT ${INVOICED_DEPOSIT_LINE}`).pluck().safeIntegers(true).get(accounts.customerAdvances, code) as bigint;
  return all + openingBalanceOf(db, code, [accounts.customerAdvances]);
}
