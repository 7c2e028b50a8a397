import type { AccountMap } from '../../../shared/accounts';
import { formatDateShort } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { prorata } from '../../../shared/invoice-math';
import { formatEuro } from '../../../shared/money';
import { PAYMENT_METHOD_LABELS } from '../../../shared/domain/payment';
import type { Db } from '../../db/open';
import { linkLines } from '../../db/repositories/invoice-repo';
import { stmt } from '../../db/statements';
import { accountMap } from '../ledger/accounts';
import { postEntry, type PostingLine } from '../ledger/post';
import { saveCreditNote, settleIfPaid, validateCreditNote } from './credit-notes';
import { escompteTerms } from './escompte';
import { openInvoice, refuseAboveOutstanding, refuseBeforeInvoice, type OpenInvoice } from './invoice-state';

export type PaymentMethod = 'transfer' | 'check' | 'card' | 'cash' | 'direct_debit';


export interface PaymentRequest {
  customerId: number;
  date: string;
  amount: bigint;
  method: PaymentMethod;
  reference?: string | undefined;
  allocations?: { invoiceId: number; amount: bigint }[] | undefined;
  escompte?: { invoiceId: number }[] | undefined;
}

interface Allocation {
  open: OpenInvoice;
  amount: bigint;
  escompte: boolean;
}

/** The customer's invoices with something owed, oldest due first (then by number). */
function openInvoicesOldestFirst(db: Db, customerId: number, accounts: AccountMap): OpenInvoice[] {
  const ids = stmt(db, "SELECT id FROM invoice WHERE customer_id = ? AND state = 'validated' ORDER BY due_date, number").pluck().all(customerId) as number[];
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

/** The escompte an invoice allows on this date: its discounted amount due, or a French refusal. */
function escompteDue(db: Db, open: OpenInvoice, date: string) {
  const inv = open.row;
  const terms = escompteTerms(db, inv);
  if (!terms) throw new AppError('CONFLICT', `La facture ${inv.number} ne prévoit pas d’escompte.`);
  if (date > terms.deadline) throw new AppError('CONFLICT', `Le délai d’escompte de la facture ${inv.number} a expiré le ${formatDateShort(terms.deadline)} : le client doit le montant entier.`);
  if (open.balance.outstanding !== inv.gross_cents) throw new AppError('CONFLICT', `L’escompte porte sur la facture ${inv.number} entière : elle a déjà été réglée ou créditée en partie.`);
  return terms;
}

/**
 * Records a receipt (accounting.md §2, §4): D 512 (53 for cash) / C 411 (416 for a doubtful invoice) per
 * allocation, C 4191 for what is left over; under VAT on receipts D 44574 / C 44571 for each invoice's VAT
 * share (the settling receipt moves what is left). An escompte taken issues its financial credit note.
 * Settled invoices are lettered with what settled them.
 */
export function recordPayment(db: Db, req: PaymentRequest, now: Date) {
  const accounts = accountMap(db);
  const customer = stmt(db, 'SELECT id, code, name FROM customer WHERE id = ?').get(req.customerId) as { id: number; code: string; name: string } | undefined;
  if (!customer) throw new AppError('NOT_FOUND', `Client n° ${req.customerId} introuvable.`);
  if (req.amount <= 0n) throw new AppError('VALIDATION', 'Un règlement porte un montant supérieur à zéro.', { amount: 'Montant supérieur à zéro.' });
  const escompteIds = new Set((req.escompte ?? []).map((e) => e.invoiceId));

  const allocations: Allocation[] = [];
  const recoveries: Recovery[] = [];
  if (req.allocations && req.allocations.length > 0) {
    const seen = new Set<number>();
    req.allocations.forEach((a, i) => {
      if (seen.has(a.invoiceId)) throw new AppError('VALIDATION', 'Une facture ne figure qu’une fois dans la répartition.', { [`allocations.${i}.invoiceId`]: 'Facture en double.' });
      seen.add(a.invoiceId);
      const recovery = recoveryOf(db, a.invoiceId, req.customerId, a.amount, `allocations.${i}.amount`);
      if (recovery) {
        recoveries.push(recovery);
        return;
      }
      const open = openInvoice(db, a.invoiceId, req.customerId, accounts, 'd’y imputer un règlement');
      refuseBeforeInvoice(open, req.date, 'date');
      const takesEscompte = escompteIds.has(a.invoiceId);
      if (takesEscompte) {
        const { amountDue } = escompteDue(db, open, req.date);
        if (a.amount !== amountDue) throw new AppError('VALIDATION', `Avec l’escompte, la facture ${open.row.number} se règle ${formatEuro(amountDue)}.`, { [`allocations.${i}.amount`]: `${formatEuro(amountDue)} avec l’escompte.` });
      } else refuseAboveOutstanding(open, a.amount, `allocations.${i}.amount`, 'L’imputation');
      allocations.push({ open, amount: a.amount, escompte: takesEscompte });
    });
  } else {
    // The invoices named for escompte first, each at its discounted amount; then the others oldest first.
    let left = req.amount;
    const candidates = openInvoicesOldestFirst(db, req.customerId, accounts).filter((o) => o.row.date <= req.date);
    for (const open of candidates.filter((o) => escompteIds.has(o.row.id))) {
      const { amountDue } = escompteDue(db, open, req.date);
      if (left < amountDue) throw new AppError('VALIDATION', `Le règlement ne couvre pas la facture ${open.row.number} escomptée (${formatEuro(amountDue)}).`, { amount: 'Montant insuffisant.' });
      allocations.push({ open, amount: amountDue, escompte: true });
      left -= amountDue;
    }
    for (const open of candidates.filter((o) => !escompteIds.has(o.row.id))) {
      if (left <= 0n) break;
      const amount = left < open.balance.outstanding ? left : open.balance.outstanding;
      allocations.push({ open, amount, escompte: false });
      left -= amount;
    }
  }
  for (const id of escompteIds) {
    if (!allocations.some((a) => a.open.row.id === id && a.escompte)) throw new AppError('VALIDATION', `L’escompte de la facture n° ${id} suppose qu’elle soit réglée par ce règlement.`, { escompte: 'Facture non réglée ici.' });
  }
  const allocated = allocations.reduce((s, a) => s + a.amount, 0n) + recoveries.reduce((s, r) => s + r.amount, 0n);
  if (allocated > req.amount) throw new AppError('VALIDATION', `La répartition (${formatEuro(allocated)}) dépasse le montant reçu (${formatEuro(req.amount)}).`, { allocations: 'Répartition supérieure au montant.' });
  const advance = req.amount - allocated;

  const cash = req.method === 'cash';
  const label = `Règlement ${customer.name}${req.reference ? ` ${req.reference}` : ''}`;
  const pieceRef = req.reference || `REG-${req.date}`;
  const posting: PostingLine[] = [{ account: cash ? accounts.cash : accounts.bank, debit: req.amount, label: `${PAYMENT_METHOD_LABELS[req.method]} ${customer.name}` }];
  const links: { index: number; invoiceId: number; role: string }[] = [];
  for (const a of allocations) {
    links.push({ index: posting.length, invoiceId: a.open.row.id, role: 'payment' });
    posting.push({ account: a.open.creditAccount, aux: customer.code, credit: a.amount, label: `${label} — ${a.open.row.number}` });
    // VAT on receipts: this receipt's share of the invoice's pending VAT; the settling receipt takes the rest.
    if (a.open.pendingVat > 0n && !a.escompte) {
      const settles = a.amount === a.open.balance.outstanding;
      const share = settles ? a.open.pendingVat : min(prorata(a.amount, a.open.row.vat_pending_cents, a.open.row.gross_cents), a.open.pendingVat);
      if (share > 0n) {
        links.push({ index: posting.length, invoiceId: a.open.row.id, role: 'vat_receipt' });
        posting.push({ account: accounts.vatPending, debit: share, label: `TVA encaissée ${a.open.row.number}` });
        posting.push({ account: accounts.vatCollected, credit: share, label: `TVA encaissée ${a.open.row.number}` });
      }
    }
  }
  // Money received on a written-off invoice (§8): C 7583 for the HT part, C 44571 for the VAT owed again.
  for (const r of recoveries) {
    links.push({ index: posting.length, invoiceId: r.invoiceId, role: 'recovery' });
    posting.push({ account: accounts.recoveryAfterWriteOff, credit: r.amount - r.vat, label: `Rentrée sur créance amortie ${r.number}` });
    if (r.vat > 0n) {
      links.push({ index: posting.length, invoiceId: r.invoiceId, role: 'recovery' });
      posting.push({ account: accounts.vatCollected, credit: r.vat, label: `TVA sur rentrée ${r.number}` });
    }
  }
  if (advance > 0n) posting.push({ account: accounts.customerAdvances, aux: customer.code, credit: advance, label: `Avance ${customer.name}` });

  // The payment's id is known before its row exists: we are inside an IMMEDIATE transaction.
  const paymentId = ((stmt(db, 'SELECT max(id) FROM payment').pluck().get() as number | null) ?? 0) + 1;
  const entry = postEntry(db, { journal: cash ? 'CA' : 'BQ', date: req.date, label, pieceRef, pieceDate: req.date, lines: posting, source: { kind: 'payment', id: paymentId } }, now);
  for (const l of links) linkLines(db, l.invoiceId, [entry.lineIds[l.index] as number], l.role);
  stmt(db, 'INSERT INTO payment (id, customer_id, date, amount_cents, method, reference, advance_cents, entry_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    paymentId, req.customerId, req.date, req.amount, req.method, req.reference ?? null, advance, entry.id, now.toISOString(),
  );
  for (const a of allocations) {
    let creditNoteId: number | null = null;
    if (a.escompte) {
      // The financial credit note settles the rest: D 665 / D 44571 (or 44574) / C 411.
      creditNoteId = saveCreditNote(db, { invoiceId: a.open.row.id, date: req.date, reason: `Escompte pour paiement anticipé (${a.open.row.escompte_percent} %)`, kind: 'escompte', escomptePercent: a.open.row.escompte_percent ?? '0' }, now);
      validateCreditNote(db, creditNoteId, now);
      moveRemainingPendingVat(db, a.open.row.id, req.date, accounts, now);
    }
    stmt(db, 'INSERT INTO payment_allocation (payment_id, invoice_id, amount_cents, escompte_credit_note_id) VALUES (?, ?, ?, ?)').run(paymentId, a.open.row.id, a.amount, creditNoteId);
    settleIfPaid(db, a.open.row.id, req.date, accounts, now);
  }
  return { paymentId, entryId: entry.id, allocations: allocations.map((a) => ({ invoiceId: a.open.row.id, amount: a.amount, escompte: a.escompte })), advance };
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

interface Recovery {
  invoiceId: number;
  number: string;
  amount: bigint;
  vat: bigint;
}

/**
 * An allocation to a written-off invoice is money recovered after the write-off: its VAT part (what was
 * regularised, plus the VAT on receipts that falls due when paid) is owed again. Null for other invoices.
 */
function recoveryOf(db: Db, invoiceId: number, customerId: number, amount: bigint, field: string): Recovery | null {
  const w = stmt(db, `SELECT w.loss_cents, w.vat_regularised_cents, w.vat_pending_cents, w.vat_as_loss_cents, i.number, i.customer_id
      FROM write_off w JOIN invoice i ON i.id = w.invoice_id WHERE w.invoice_id = ?`).safeIntegers(true).get(invoiceId) as
    | { loss_cents: bigint; vat_regularised_cents: bigint; vat_pending_cents: bigint; vat_as_loss_cents: bigint; number: string; customer_id: bigint }
    | undefined;
  if (!w) return null;
  if (Number(w.customer_id) !== customerId) throw new AppError('CONFLICT', `La facture ${w.number} est celle d’un autre client.`);
  const writtenOff = w.loss_cents + w.vat_regularised_cents + w.vat_pending_cents;
  const recovered = stmt(db, `SELECT coalesce(sum(l.credit_cents), 0) FROM invoice_link k JOIN entry_line l ON l.id = k.line_id WHERE k.invoice_id = ? AND k.role = 'recovery'`).pluck().safeIntegers(true).get(invoiceId) as bigint;
  const left = writtenOff - recovered;
  if (amount > left) throw new AppError('VALIDATION', `Il ne reste que ${formatEuro(left)} de la créance ${w.number} passée en perte.`, { [field]: `Au plus ${formatEuro(left)}.` });
  const vat = prorata(amount, w.vat_regularised_cents + w.vat_pending_cents, writtenOff);
  return { invoiceId, number: w.number, amount, vat };
}

/**
 * After an escompte settles a services invoice under VAT on receipts, the VAT still pending on it was
 * received with the payment: it moves to 44571 in an OD entry of its own.
 */
function moveRemainingPendingVat(db: Db, invoiceId: number, date: string, accounts: AccountMap, now: Date) {
  const open = stmt(db, `SELECT coalesce(sum(l.credit_cents - l.debit_cents), 0) FROM invoice_link k JOIN entry_line l ON l.id = k.line_id WHERE k.invoice_id = ? AND l.account = ?`)
    .pluck().safeIntegers(true).get(invoiceId, accounts.vatPending) as bigint;
  if (open <= 0n) return;
  const number = stmt(db, 'SELECT number FROM invoice WHERE id = ?').pluck().get(invoiceId) as string;
  const entry = postEntry(db, {
    journal: 'OD', date, label: `TVA encaissée ${number}`, pieceRef: number, pieceDate: date,
    lines: [{ account: accounts.vatPending, debit: open }, { account: accounts.vatCollected, credit: open }],
    source: { kind: 'invoice', id: invoiceId },
  }, now);
  linkLines(db, invoiceId, [entry.lineIds[0] as number], 'vat_receipt');
}

/** advance.apply: D 4191 / C 411 — an advance the customer paid settles (part of) an invoice. */
export function applyAdvance(db: Db, req: { customerId: number; invoiceId: number; amount: bigint; date: string }, now: Date) {
  const accounts = accountMap(db);
  const customer = stmt(db, 'SELECT code, name FROM customer WHERE id = ?').get(req.customerId) as { code: string; name: string } | undefined;
  if (!customer) throw new AppError('NOT_FOUND', `Client n° ${req.customerId} introuvable.`);
  const available = advanceBalance(db, customer.code, accounts);
  if (req.amount > available) throw new AppError('VALIDATION', `L’avance disponible de ${customer.name} est de ${formatEuro(available)}.`, { amount: `Au plus ${formatEuro(available)}.` });
  const open = openInvoice(db, req.invoiceId, req.customerId, accounts, 'd’y imputer une avance');
  refuseAboveOutstanding(open, req.amount, 'amount', 'L’imputation');
  const label = `Imputation de l’avance sur ${open.row.number} ${customer.name}`;
  const lines: PostingLine[] = [
    { account: accounts.customerAdvances, aux: customer.code, debit: req.amount, label },
    { account: open.creditAccount, aux: customer.code, credit: req.amount, label },
  ];
  const vatLinks: number[] = [];
  if (open.pendingVat > 0n) {
    const share = req.amount === open.balance.outstanding ? open.pendingVat : min(prorata(req.amount, open.row.vat_pending_cents, open.row.gross_cents), open.pendingVat);
    if (share > 0n) {
      vatLinks.push(lines.length);
      lines.push({ account: accounts.vatPending, debit: share, label: `TVA encaissée ${open.row.number}` }, { account: accounts.vatCollected, credit: share, label: `TVA encaissée ${open.row.number}` });
    }
  }
  const entry = postEntry(db, { journal: 'OD', date: req.date, label, pieceRef: open.row.number ?? `F${req.invoiceId}`, lines, source: { kind: 'advance', id: req.invoiceId } }, now);
  linkLines(db, req.invoiceId, [entry.lineIds[1] as number], 'advance');
  for (const i of vatLinks) linkLines(db, req.invoiceId, [entry.lineIds[i] as number], 'vat_receipt');
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
    lines: [{ account: accounts.customerAdvances, aux: customer.code, debit: req.amount }, { account: cash ? accounts.cash : accounts.bank, credit: req.amount }],
    source: { kind: 'advance_refund', id: req.customerId },
  }, now);
  return { entryId: entry.id };
}

/** What the customer has paid in advance and not yet used: the credit balance of 4191. */
export function advanceBalance(db: Db, code: string, accounts: AccountMap): bigint {
  return stmt(db, 'SELECT coalesce(sum(credit_cents - debit_cents), 0) FROM entry_line WHERE account = ? AND aux = ?').pluck().safeIntegers(true).get(accounts.customerAdvances, code) as bigint;
}
