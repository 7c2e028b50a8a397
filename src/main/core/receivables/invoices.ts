import type { AccountMap } from '../../../shared/accounts';
import { addDays, daysInMonth, formatDateShort } from '../../../shared/dates';
import type { Company } from '../../../shared/domain/company';
import type { Customer } from '../../../shared/domain/customer';
import { isFrenchBusiness, MAX_CONSUMER_TERMS_DAYS, MAX_PAYMENT_TERMS_DAYS, MISSING_SIREN_WARNING } from '../../../shared/domain/customer';
import { INVOICE_STATUSES, type Invoice, type InvoiceStatus } from '../../../shared/domain/invoice';
import { AppError, fieldError } from '../../../shared/errors';
import { computeInvoice, prorata, vatOf } from '../../../shared/invoice-math';
import { centsToString, formatEuro, toCents } from '../../../shared/money';
import type { UnitCode } from '../../../shared/units';
import type { Db } from '../../db/open';
import {
  invoiceBalance, readInvoiceLines, readInvoiceRow, readInvoiceVat, type InvoiceBalance, type InvoiceRow,
} from '../../db/repositories/invoice-repo';
import { stmt } from '../../db/statements';
import { accountMap } from '../ledger/accounts';
import { takeDocumentNumber } from '../ledger/numbering';
import { credit, debit } from '../ledger/lines';
import { postEntry, type PostingLine, type WrittenEntry } from '../ledger/post';
import { openingBalanceOf } from '../ledger/scope';
import { escompteDto } from './escompte';

export interface InvoiceDraft {
  customerId: number;
  date: string;
  dueDate?: string | undefined;
  deliveryDate?: string | undefined;
  orderRef?: string | undefined;
  notes?: string | undefined;
  discountPercent?: string | undefined;
  escompte?: { percent: string; days: number } | null | undefined;
  lines: { description: string; quantity: string; unit?: UnitCode | undefined; unitPrice: string; vatRate: string; kind: 'goods' | 'services'; discountPercent?: string | undefined; account?: string | undefined }[];
  /** Made from a quote (quotes/quote-invoicing.ts): a deposit invoice, or the final invoice. */
  quote?: { id: number; role: 'deposit' | 'final' } | undefined;
  /** A final invoice: per deposit invoice and rate, the base and VAT it deducts. */
  deductions?: readonly Deduction[] | undefined;
}

export interface Deduction {
  depositId: number;
  rate: string;
  base: bigint;
  vat: bigint;
}

/** End of the month in which `date + 45 days` falls: the other legal limit of L441-10. */
function fortyFiveDaysEndOfMonth(date: string): string {
  const d = addDays(date, 45);
  const [y, m] = d.split('-').map(Number) as [number, number];
  return `${d.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/**
 * Checks a draft against the law and the company's rules and computes its totals. Throws VALIDATION
 * with field errors; returns the warnings the owner should read (not refusals).
 */
export function prepareDraft(company: Company, customer: Customer, draft: InvoiceDraft) {
  const warnings: string[] = [];
  const dueDate = draft.dueDate ?? addDays(draft.date, customer.paymentTermsDays);
  if (dueDate < draft.date) throw fieldError('dueDate', 'L’échéance ne peut pas précéder la date de la facture.');
  // The 60-day cap and the 45-days-end-of-month limit of L441-10 bind businesses; a consumer's due date
  // is whatever was agreed (a year at most, as a guard against typing errors).
  const business = customer.kind === 'business';
  const limit = addDays(draft.date, business ? MAX_PAYMENT_TERMS_DAYS : MAX_CONSUMER_TERMS_DAYS);
  if (dueDate > limit) {
    throw fieldError(
      'dueDate',
      business
        ? `La loi limite le délai de paiement à 60 jours après la facture : échéance au plus tard le ${formatDateShort(limit)} (art. L441-10 du Code de commerce).`
        : `Échéance trop éloignée : un an au plus après la facture, soit le ${formatDateShort(limit)}.`,
    );
  }
  if (business && dueDate > fortyFiveDaysEndOfMonth(draft.date)) {
    warnings.push(`Échéance au-delà de 45 jours fin de mois : elle n’est permise que si vous comptez 60 jours à partir de la date de la facture, et si votre contrat le prévoit.`);
  }
  const noVat = company.vatRegime === 'franchise';
  if (noVat) {
    const i = draft.lines.findIndex((l) => l.vatRate !== '0');
    if (i >= 0) throw fieldError(`lines.${i}.vatRate`, 'En franchise en base de TVA, vos factures ne portent pas de TVA : taux 0 (« TVA non applicable, art. 293 B du CGI »).');
    if (draft.escompte) warnings.push('Escompte en franchise de TVA : il réduit le prix, sans TVA à régulariser.');
  }
  if (draft.deliveryDate && draft.deliveryDate > addDays(draft.date, 366)) throw fieldError('deliveryDate', 'Date de livraison trop éloignée de la facture.');
  // E-invoicing needs a French business's SIREN: said before validation, where it can still be added.
  if (isFrenchBusiness(customer) && !customer.siren) warnings.push(MISSING_SIREN_WARNING);

  const totals = computeInvoice(draft.lines, { discountPercent: draft.discountPercent, noVat });
  if (totals.gross <= 0n) throw fieldError('lines', 'Le total de la facture doit être supérieur à zéro.');
  // VAT on receipts (encaissements) applies to services: their VAT waits on 44574 until paid. A deposit on
  // goods is taxed when received too (CGI art. 269-2-a, since 2023): a deposit invoice's goods lines wait
  // on 44574 whatever the regime; its services follow the regime (on the invoice under the option for
  // debits, art. 269-2-c).
  const pendingBase = new Map<string, { base: bigint; all: boolean }>();
  draft.lines.forEach((l, i) => {
    const pending = (l.kind === 'services' && company.vatRegime === 'encaissements') || (l.kind === 'goods' && draft.quote?.role === 'deposit');
    const p = pendingBase.get(l.vatRate) ?? { base: 0n, all: true };
    pendingBase.set(l.vatRate, { base: p.base + (pending ? (totals.lineNets[i] ?? 0n) : 0n), all: p.all && pending });
  });
  // A rate wholly pending keeps its VAT rounded once; else the pending part's VAT, rounded on its base.
  const pendingOf = (r: { rate: string; vat: bigint }) => {
    const p = pendingBase.get(r.rate);
    return !p || p.base === 0n ? 0n : p.all ? r.vat : vatOf(p.base, r.rate);
  };
  const vatRows = totals.byRate.map((r) => ({ ...r, pending: pendingOf(r) }));
  const owed = draft.deductions?.length ? deductDeposits(vatRows, draft.deductions) : { rows: vatRows, net: totals.net, vat: totals.vat, gross: totals.gross, deducted: 0n };
  return {
    dueDate, warnings, totals: { ...totals, net: owed.net, vat: owed.vat, gross: owed.gross }, vatRows: owed.rows,
    vatPending: owed.rows.reduce((s, r) => s + r.pending, 0n), deducted: owed.deducted,
  };
}

/**
 * A final invoice's rates less the deposits it deducts: the operation's VAT at a rate is the VAT of its
 * whole base, rounded once, so the final invoice charges that less what the deposits charged (not the VAT
 * of the remaining base, which could differ by a cent). The VAT still to collect on receipt shrinks in
 * proportion. Deducting more than the rate holds is refused.
 */
function deductDeposits(rows: readonly { rate: string; base: bigint; vat: bigint; pending: bigint }[], deductions: readonly Deduction[]) {
  const out = rows.map((r) => {
    const d = deductions.filter((x) => x.rate === r.rate);
    const base = d.reduce((s, x) => s + x.base, 0n);
    const vat = d.reduce((s, x) => s + x.vat, 0n);
    if (base > r.base || vat > r.vat) {
      throw fieldError('deductions', `Les acomptes à ${r.rate.replace('.', ',')} % (${formatEuro(base)} HT) dépassent ce que la facture finale porte à ce taux (${formatEuro(r.base)} HT) : une facture ne déduit pas plus que ce qui a été facturé en acomptes sur ce qu’elle vend.`);
    }
    return { rate: r.rate, base: r.base - base, vat: r.vat - vat, pending: r.pending > 0n ? r.pending - prorata(vat, r.pending, r.vat) : 0n };
  });
  if (deductions.some((x) => !rows.some((r) => r.rate === x.rate))) {
    throw fieldError('deductions', 'Un acompte porte un taux de TVA que la facture finale n’a pas : une facture ne déduit que ce qui a été facturé en acomptes sur ce qu’elle vend.');
  }
  const net = out.reduce((s, r) => s + r.base, 0n);
  const vat = out.reduce((s, r) => s + r.vat, 0n);
  if (net + vat <= 0n) throw fieldError('deductions', 'Les acomptes couvrent toute la facture finale : il ne reste rien à facturer.');
  return { rows: out, net, vat, gross: net + vat, deducted: deductions.reduce((s, x) => s + x.base, 0n) };
}

export function saveDraft(db: Db, company: Company, customer: Customer, draft: InvoiceDraft, now: Date, id?: number): { id: number; warnings: string[] } {
  const p = prepareDraft(company, customer, draft);
  const values = invoiceValues(company, draft, p, now.toISOString());
  let invoiceId: number;
  if (id === undefined) {
    invoiceId = Number(
      stmt(
        db,
        `INSERT INTO invoice (customer_id, date, due_date, delivery_date, order_ref, notes, discount_percent, escompte_percent, escompte_days, vat_regime,
                              net_cents, vat_cents, gross_cents, vat_pending_cents, quote_id, quote_role, created_at, updated_at)
         VALUES (@customer_id, @date, @due_date, @delivery_date, @order_ref, @notes, @discount_percent, @escompte_percent, @escompte_days, @vat_regime,
                 @net_cents, @vat_cents, @gross_cents, @vat_pending_cents, @quote_id, @quote_role, @now, @now)`,
      ).run(values).lastInsertRowid,
    );
  } else {
    invoiceId = id;
    db.prepare(
      `UPDATE invoice SET customer_id = @customer_id, date = @date, due_date = @due_date, delivery_date = @delivery_date, order_ref = @order_ref,
              notes = @notes, discount_percent = @discount_percent, escompte_percent = @escompte_percent, escompte_days = @escompte_days,
              vat_regime = @vat_regime, net_cents = @net_cents, vat_cents = @vat_cents, gross_cents = @gross_cents,
              vat_pending_cents = @vat_pending_cents, updated_at = @now
        WHERE id = @id AND state = 'draft'`,
    ).run({ ...values, id });
    db.prepare('DELETE FROM invoice_line WHERE invoice_id = ?').run(id);
    db.prepare('DELETE FROM invoice_vat WHERE invoice_id = ?').run(id);
  }
  insertLinesAndVat(db, company, invoiceId, draft, p);
  return { id: invoiceId, warnings: p.warnings };
}

type PreparedDraft = ReturnType<typeof prepareDraft>;

function invoiceValues(company: Company, draft: InvoiceDraft, p: PreparedDraft, stamp: string) {
  return {
    customer_id: draft.customerId, date: draft.date, due_date: p.dueDate, delivery_date: draft.deliveryDate ?? null, order_ref: draft.orderRef ?? null,
    notes: draft.notes ?? null, discount_percent: draft.discountPercent ?? null, escompte_percent: draft.escompte?.percent ?? null,
    escompte_days: draft.escompte?.days ?? null, vat_regime: company.vatRegime, net_cents: p.totals.net, vat_cents: p.totals.vat,
    gross_cents: p.totals.gross, vat_pending_cents: p.vatPending, quote_id: draft.quote?.id ?? null, quote_role: draft.quote?.role ?? null, now: stamp,
  };
}

function insertLinesAndVat(db: Db, company: Company, invoiceId: number, draft: InvoiceDraft, p: PreparedDraft) {
  const insertLine = stmt(db, 'INSERT INTO invoice_line (invoice_id, line_no, description, kind, quantity, unit, unit_price, vat_rate, discount_percent, account, net_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  draft.lines.forEach((l, i) => insertLine.run(invoiceId, i + 1, l.description, l.kind, l.quantity, l.unit ?? null, l.unitPrice, company.vatRegime === 'franchise' ? '0' : l.vatRate, l.discountPercent ?? null, l.account ?? null, p.totals.lineNets[i] ?? 0n));
  const insertVat = stmt(db, 'INSERT INTO invoice_vat (invoice_id, rate, base_cents, vat_cents, pending_cents) VALUES (?, ?, ?, ?, ?)');
  for (const r of p.vatRows) insertVat.run(invoiceId, r.rate, r.base, r.vat, r.pending);
  const insertDeduction = stmt(db, 'INSERT INTO invoice_deduction (invoice_id, deposit_id, rate, base_cents, vat_cents) VALUES (?, ?, ?, ?, ?)');
  for (const d of draft.deductions ?? []) insertDeduction.run(invoiceId, d.depositId, d.rate, d.base, d.vat);
}

/**
 * invoice.create with validate: the same checks and the same entry as saveDraft then validateInvoice, but
 * the invoice is written once, validated, from what was just computed (no draft row updated right after,
 * nothing read back). Its id is known before its row exists (inside the IMMEDIATE transaction, the next
 * rowid): the entry names it as its source, then the invoice is written with its number and entry, before
 * postEntry links the entry's lines to it.
 */
export function saveValidated(db: Db, company: Company, customer: Customer, draft: InvoiceDraft, now: Date, overrideCreditLimit = false): { id: number; warnings: string[] } {
  const p = prepareDraft(company, customer, draft);
  const id = ((stmt(db, 'SELECT max(id) FROM invoice').pluck().get() as number | null) ?? 0) + 1;
  const lines = draft.lines.map((l, i) => ({ account: l.account ?? null, kind: l.kind, net_cents: p.totals.lineNets[i] ?? 0n }));
  const vat = p.vatRows.map((r) => ({ rate: r.rate, vat_cents: r.vat, pending_cents: r.pending }));
  postInvoice(db, { id, date: draft.date, gross: p.totals.gross, lines, vat, deducted: p.deducted, quoteId: draft.quote?.id ?? null }, customer, now, overrideCreditLimit, (number, entry) => {
    const stamp = now.toISOString();
    stmt(
      db,
      `INSERT INTO invoice (id, customer_id, date, due_date, delivery_date, order_ref, notes, discount_percent, escompte_percent, escompte_days, vat_regime,
                            net_cents, vat_cents, gross_cents, vat_pending_cents, quote_id, quote_role, created_at, updated_at, state, number, entry_id, validated_at)
       VALUES (@id, @customer_id, @date, @due_date, @delivery_date, @order_ref, @notes, @discount_percent, @escompte_percent, @escompte_days, @vat_regime,
               @net_cents, @vat_cents, @gross_cents, @vat_pending_cents, @quote_id, @quote_role, @now, @now, 'validated', @number, @entry_id, @now)`,
    ).run({ ...invoiceValues(company, draft, p, stamp), id, number, entry_id: entry.id });
    insertLinesAndVat(db, company, id, draft, p);
  });
  return { id, warnings: p.warnings };
}

/** Σ 411 + Σ 416 − Σ 4191 for a customer: what they owe, net of their advances (opening lines aside). */
export function customerExposure(db: Db, code: string, accounts: AccountMap): bigint {
  return exposureOverAllLines(db, code, accounts) - openingBalanceOf(db, code, [accounts.customers, accounts.doubtfulCustomers, accounts.customerAdvances]);
}

/**
 * A 4191 line that is not money received: a deposit invoiced (its invoice, its credit notes) or deducted by
 * a final invoice. Such lines wait for their quote's final invoice; they are no advance the customer can
 * use, and what the customer owes on them is on 411. SQL over an entry_line aliased `l`.
 */
export const INVOICED_DEPOSIT_LINE = `EXISTS (SELECT 1 FROM entry e WHERE e.id = l.entry_id AND e.source_kind IN ('invoice', 'credit_note'))`;

function exposureOverAllLines(db: Db, code: string, accounts: AccountMap): bigint {
  return stmt(
    db,
    `SELECT coalesce(sum(CASE WHEN account IN (@c, @d) THEN debit_cents - credit_cents WHEN account = @a AND NOT ${INVOICED_DEPOSIT_LINE} THEN debit_cents - credit_cents ELSE 0 END), 0)
       FROM entry_line l WHERE aux = @code AND account IN (@c, @d, @a)`,
  )
    .pluck()
    .safeIntegers(true)
    .get({ code, c: accounts.customers, d: accounts.doubtfulCustomers, a: accounts.customerAdvances }) as bigint;
}

/**
 * Validates a draft: credit limit, number from the gapless series, the VT entry (D 411 gross / C 706-707
 * nets / C 44571 or 44574 VAT per rate), all in the caller's transaction.
 */
export function validateInvoice(db: Db, id: number, customer: Customer, now: Date, overrideCreditLimit = false): void {
  const inv = readInvoiceRow(db, id);
  if (!inv) throw new AppError('NOT_FOUND', `Facture n° ${id} introuvable.`);
  if (inv.state !== 'draft') throw new AppError('CONFLICT', `La facture ${inv.number} est déjà validée : corrigez-la par un avoir.`);
  // The invoice takes its number and state before its entry is sealed: the seal covers what it prints.
  const deducted = stmt(db, 'SELECT coalesce(sum(base_cents), 0) FROM invoice_deduction WHERE invoice_id = ?').pluck().safeIntegers(true).get(id) as bigint;
  postInvoice(db, { id, date: inv.date, gross: inv.gross_cents, lines: readInvoiceLines(db, id), vat: readInvoiceVat(db, id), deducted, quoteId: inv.quote_id }, customer, now, overrideCreditLimit, (number, entry) => {
    stmt(db, "UPDATE invoice SET state = 'validated', number = ?, entry_id = ?, validated_at = ?, updated_at = ? WHERE id = ?").run(number, entry.id, now.toISOString(), now.toISOString(), id);
  });
}

interface InvoiceToPost {
  id: number;
  date: string;
  gross: bigint;
  lines: readonly { account: string | null; kind: 'goods' | 'services'; net_cents: bigint }[];
  vat: readonly { rate: string; vat_cents: bigint; pending_cents: bigint }[];
  /** A final invoice: the deposits' bases it takes off 4191, and its quote. */
  deducted: bigint;
  quoteId: number | null;
}

/**
 * What validating an invoice posts, whichever way it comes (a draft validated, or created validated): the
 * credit limit checked, the number taken, the VT entry posted, its customer line and pending VAT lines
 * linked to the invoice (receipts settle them later). `written` writes the invoice's row if it has none yet.
 */
function postInvoice(db: Db, inv: InvoiceToPost, customer: Customer, now: Date, overrideCreditLimit: boolean, written: (number: string, entry: WrittenEntry) => void) {
  const accounts = accountMap(db);
  if (customer.creditLimit !== undefined && !overrideCreditLimit) {
    const limit = toCents(customer.creditLimit);
    const exposure = customerExposure(db, customer.code, accounts);
    if (exposure + inv.gross > limit) {
      throw new AppError(
        'CREDIT_LIMIT',
        `Avec cette facture, ${customer.name} vous devrait ${formatEuro(exposure + inv.gross)}, au-delà de son plafond d’encours de ${formatEuro(customer.creditLimit)}. Confirmez pour valider quand même.`,
      );
    }
  }
  const number = takeDocumentNumber(db, 'F', inv.date);
  const revenue = new Map<string, bigint>();
  for (const l of inv.lines) {
    const account = l.account ?? (l.kind === 'goods' ? accounts.salesGoods : accounts.salesServices);
    revenue.set(account, (revenue.get(account) ?? 0n) + l.net_cents);
  }
  const label = `Facture ${number} ${customer.name}`;
  const link = { invoiceId: inv.id, role: 'invoice' } as const;
  const posting: PostingLine[] = [debit(accounts.customers, inv.gross, { aux: customer.code, label, link })];
  // A deposit invoice credits 4191 (its lines' account); the final invoice takes the deposits off it.
  // Both on the customer's auxiliary account, as every 41x line; not cash received (invoicedDepositLine).
  const aux = (account: string) => (account === accounts.customerAdvances ? { aux: customer.code } : {});
  if (inv.deducted > 0n) {
    const quote = stmt(db, 'SELECT number FROM quote WHERE id = ?').pluck().get(inv.quoteId) as string;
    posting.push(debit(accounts.customerAdvances, inv.deducted, { label: `Acomptes du devis ${quote} déduits par ${number}`, aux: customer.code }));
  }
  for (const [account, net] of revenue) if (net > 0n) posting.push(credit(account, net, { label, ...aux(account) }));
  // VAT lines by rate, highest first (the order readInvoiceVat gives).
  for (const v of [...inv.vat].sort((a, b) => Number(b.rate) - Number(a.rate))) {
    const collected = v.vat_cents - v.pending_cents;
    const rate = v.rate.replace('.', ',');
    if (collected > 0n) posting.push(credit(accounts.vatCollected, collected, { label: `TVA ${rate} % ${number}` }));
    if (v.pending_cents > 0n) posting.push(credit(accounts.vatPending, v.pending_cents, { label: `TVA ${rate} % en attente ${number}`, link }));
  }
  const entry = postEntry(db, { journal: 'VT', date: inv.date, label, pieceRef: number, pieceDate: inv.date, lines: posting, source: { kind: 'invoice', id: inv.id }, printed: true }, now, (e) => written(number, e));
  return { number, entry };
}

/** The status the owner sees, derived from the ledger (never stored). */
export function deriveStatus(inv: Pick<InvoiceRow, 'state' | 'gross_cents'>, b: InvoiceBalance): InvoiceStatus {
  if (inv.state === 'draft') return 'draft';
  if (b.writtenOff && b.outstanding === 0n) return 'written_off';
  if (b.outstanding <= 0n) return b.paid === 0n && b.credited >= inv.gross_cents ? 'cancelled' : 'paid';
  if (b.doubtful > 0n) return 'doubtful';
  return b.paid > 0n || b.credited > 0n ? 'partial' : 'open';
}

export function readInvoice(db: Db, id: number, warnings?: string[]): Invoice {
  const inv = readInvoiceRow(db, id);
  if (!inv) throw new AppError('NOT_FOUND', `Facture n° ${id} introuvable.`);
  const customer = stmt(db, 'SELECT code, name FROM customer WHERE id = ?').get(inv.customer_id) as { code: string; name: string };
  const accounts = accountMap(db);
  const balance = inv.state === 'draft' ? { outstanding: 0n, paid: 0n, credited: 0n, doubtful: 0n, writtenOff: false } : invoiceBalance(db, id, { customers: accounts.customers, doubtful: accounts.doubtfulCustomers });
  const s = centsToString;
  const status = deriveStatus(inv, balance);
  if (!(INVOICE_STATUSES as readonly string[]).includes(status)) throw new Error('statut inconnu');
  return {
    id: inv.id,
    ...(inv.number ? { number: inv.number } : {}),
    status,
    customerId: inv.customer_id,
    customerName: customer.name,
    customerCode: customer.code,
    date: inv.date,
    dueDate: inv.due_date,
    ...(inv.delivery_date ? { deliveryDate: inv.delivery_date } : {}),
    ...(inv.order_ref ? { orderRef: inv.order_ref } : {}),
    ...(inv.notes ? { notes: inv.notes } : {}),
    ...(inv.discount_percent ? { discountPercent: inv.discount_percent } : {}),
    ...escompteDto(db, inv),
    vatRegime: inv.vat_regime,
    lines: readInvoiceLines(db, id).map((l) => ({
      description: l.description, kind: l.kind, quantity: l.quantity, ...(l.unit ? { unit: l.unit } : {}), unitPrice: l.unit_price, vatRate: l.vat_rate,
      ...(l.discount_percent ? { discountPercent: l.discount_percent } : {}), ...(l.account ? { account: l.account } : {}), net: s(l.net_cents),
    })),
    totals: { net: s(inv.net_cents), vat: s(inv.vat_cents), gross: s(inv.gross_cents), byRate: readInvoiceVat(db, id).map((v) => ({ rate: v.rate, base: s(v.base_cents), vat: s(v.vat_cents) })) },
    paid: s(balance.paid),
    credited: s(balance.credited),
    outstanding: s(inv.state === 'draft' ? inv.gross_cents : balance.outstanding),
    ...(inv.entry_id ? { entryId: inv.entry_id } : {}),
    ...(inv.validated_at ? { validatedAt: inv.validated_at } : {}),
    ...(inv.penalty_of !== null ? { penaltyOf: { invoiceId: inv.penalty_of, number: stmt(db, 'SELECT number FROM invoice WHERE id = ?').pluck().get(inv.penalty_of) as string } } : {}),
    ...quoteDto(db, inv),
    ...(warnings && warnings.length ? { warnings } : {}),
  };
}

/**
 * What an invoice made from a quote adds: its quote and role; for a final invoice, the deposits it deducts
 * (per deposit, its rates) and the whole operation's totals, which are what is owed plus what is deducted.
 */
function quoteDto(db: Db, inv: InvoiceRow): Pick<Invoice, 'quote' | 'deductions' | 'totalsBeforeDeductions'> {
  if (inv.quote_id === null || inv.quote_role === null) return {};
  const quote = { id: inv.quote_id, number: stmt(db, 'SELECT number FROM quote WHERE id = ?').pluck().get(inv.quote_id) as string, role: inv.quote_role };
  if (inv.quote_role !== 'final') return { quote };
  const rows = stmt(
    db,
    `SELECT d.deposit_id, i.number, i.date, d.rate, d.base_cents, d.vat_cents FROM invoice_deduction d JOIN invoice i ON i.id = d.deposit_id
      WHERE d.invoice_id = ? ORDER BY i.date, i.id, CAST(d.rate AS REAL) DESC`,
  ).safeIntegers(true).all(inv.id) as { deposit_id: bigint; number: string; date: string; rate: string; base_cents: bigint; vat_cents: bigint }[];
  const s = centsToString;
  const byDeposit = new Map<number, { number: string; date: string; rates: { rate: string; base: bigint; vat: bigint }[] }>();
  for (const r of rows) {
    const d = byDeposit.get(Number(r.deposit_id)) ?? { number: r.number, date: r.date, rates: [] };
    d.rates.push({ rate: r.rate, base: r.base_cents, vat: r.vat_cents });
    byDeposit.set(Number(r.deposit_id), d);
  }
  const deductions = [...byDeposit].map(([invoiceId, d]) => {
    const net = d.rates.reduce((t, r) => t + r.base, 0n);
    const vat = d.rates.reduce((t, r) => t + r.vat, 0n);
    return { invoiceId, number: d.number, date: d.date, net: s(net), vat: s(vat), gross: s(net + vat), byRate: d.rates.map((r) => ({ rate: r.rate, base: s(r.base), vat: s(r.vat) })) };
  });
  const whole = readInvoiceVat(db, inv.id).map((v) => {
    const d = rows.filter((r) => r.rate === v.rate);
    return { rate: v.rate, base: v.base_cents + d.reduce((t, r) => t + r.base_cents, 0n), vat: v.vat_cents + d.reduce((t, r) => t + r.vat_cents, 0n) };
  });
  const net = whole.reduce((t, r) => t + r.base, 0n);
  const vat = whole.reduce((t, r) => t + r.vat, 0n);
  return {
    quote, deductions,
    totalsBeforeDeductions: { net: s(net), vat: s(vat), gross: s(net + vat), byRate: whole.map((r) => ({ rate: r.rate, base: s(r.base), vat: s(r.vat) })) },
  };
}
