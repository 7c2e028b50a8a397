import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AccountMap } from '../../../shared/accounts';
import { addDays, daysBetween, formatDateShort } from '../../../shared/dates';
import { AppError, fieldError } from '../../../shared/errors';
import { provisionTarget } from '../../../shared/invoice-math';
import { centsToString } from '../../../shared/money';
import type { Db } from '../../db/open';
import { invoiceBalance, readInvoiceRow, readInvoiceVat, type InvoiceRow } from '../../db/repositories/invoice-repo';
import { stmt } from '../../db/statements';
import { accountMap } from '../ledger/accounts';
import { openFiscalYearFor } from '../ledger/fiscal-years';
import { credit, debit } from '../ledger/lines';
import { postEntry, type PostingLine } from '../ledger/post';
import { settleIfPaid } from '../receivables/credit-notes';
import { openInvoice, pendingVatOf } from '../receivables/invoice-state';
import { letterSettledInvoice } from '../receivables/lettering';
import { paymentPlanBroken } from '../dunning/payment-plans';
import { planWriteOff, splitOutstanding, type InvoiceEvent, type OutstandingInvoice, type RateAmounts, type WriteOffTerms } from './write-off-plan';

function customerOf(db: Db, inv: InvoiceRow) {
  return stmt(db, 'SELECT id, code, name, kind FROM customer WHERE id = ?').get(inv.customer_id) as { id: number; code: string; name: string; kind: 'business' | 'consumer' };
}

/** The provision currently held on an invoice: the credit balance of its 491 lines. */
export function currentProvision(db: Db, invoiceId: number, accounts: AccountMap): bigint {
  return stmt(db, `SELECT coalesce(sum(l.credit_cents - l.debit_cents), 0) FROM invoice_link k CROSS JOIN entry_line l ON l.id = k.line_id WHERE k.invoice_id = ? AND l.account = ?`)
    .pluck().safeIntegers(true).get(invoiceId, accounts.provisionAllowance) as bigint;
}

/** 411 → 416 for the outstanding TTC of each invoice (accounting.md §5): no effect on VAT or result. */
export function classify(db: Db, invoiceIds: number[], date: string, reason: 'doubtful' | 'disputed', note: string | undefined, now: Date) {
  const accounts = accountMap(db);
  return invoiceIds.map((id, i) => {
    const open = openInvoice(db, id, null, accounts, 'de la classer en douteuse');
    if (open.balance.doubtful > 0n) throw new AppError('CONFLICT', `La facture ${open.row.number} est déjà classée en douteuse.`, { [`invoiceIds.${i}`]: 'Déjà douteuse.' });
    if (date < open.row.date) throw fieldError('date', `La date précède celle de la facture ${open.row.number}.`);
    const customer = customerOf(db, open.row);
    const label = `${reason === 'disputed' ? 'Créance litigieuse' : 'Créance douteuse'} ${open.row.number} ${customer.name}`;
    const link = { invoiceId: id, role: 'reclass' } as const;
    const entry = postEntry(db, {
      journal: 'OD', date, label, pieceRef: open.row.number ?? `F${id}`,
      lines: [
        debit(accounts.doubtfulCustomers, open.balance.outstanding, { aux: customer.code, link }),
        credit(accounts.customers, open.balance.outstanding, { aux: customer.code, link }),
      ],
      source: { kind: 'doubtful', id },
    }, now);
    stmt(db, 'INSERT INTO doubtful_classification (invoice_id, date, reason, note, entry_id, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, date, reason, note ?? null, entry.id, now.toISOString());
    // 411 now nets to zero for the invoice: lettered (year by year, see ledger/lettering.ts).
    letterSettledInvoice(db, id, date, [accounts.customers], now);
    return { invoiceId: id, entryId: entry.id, amount: centsToString(open.balance.outstanding) };
  });
}

/**
 * Provision by variation (§6): target = outstanding HT × risk × (1 − insured), the HT being what is left
 * at each rate less its VAT (the write-off split); posts only the difference
 * with what is already provisioned (dotation 68174/491 or reprise 491/78174), nothing if equal. Every
 * estimate is kept with its justification.
 */
export function provision(db: Db, req: { invoiceId: number; date: string; riskPercent: string; insuredPercent?: string | undefined; justification?: string | undefined }, now: Date) {
  const accounts = accountMap(db);
  const inv = readInvoiceRow(db, req.invoiceId);
  if (!inv) throw new AppError('NOT_FOUND', `Facture n° ${req.invoiceId} introuvable.`);
  const balance = invoiceBalance(db, inv.id, { customers: accounts.customers, doubtful: accounts.doubtfulCustomers });
  if (balance.doubtful <= 0n && balance.outstanding > 0n) throw new AppError('CONFLICT', `Classez d’abord la facture ${inv.number} en créance douteuse : une dépréciation repose sur un risque identifié.`);
  if (balance.writtenOff) throw new AppError('CONFLICT', `La facture ${inv.number} est passée en perte : sa dépréciation a été reprise.`);
  // An estimate rests on the events known at its date: never before the classification, nor before the last estimate.
  const classifiedOn = stmt(db, 'SELECT max(date) FROM doubtful_classification WHERE invoice_id = ?').pluck().get(inv.id) as string | null;
  if (classifiedOn && req.date < classifiedOn) throw fieldError('date', `La dépréciation ne peut pas précéder le classement de la facture ${inv.number} en créance douteuse, le ${formatDateShort(classifiedOn)}.`);
  const lastEstimate = stmt(db, 'SELECT max(date) FROM provision_estimate WHERE invoice_id = ?').pluck().get(inv.id) as string | null;
  if (lastEstimate && req.date < lastEstimate) throw fieldError('date', `La facture ${inv.number} a déjà une estimation au ${formatDateShort(lastEstimate)} : la nouvelle ne peut pas être antérieure.`);
  const insured = req.insuredPercent ?? '0';
  const target = balance.outstanding > 0n ? provisionTarget(outstandingHt(db, inv, balance.outstanding, accounts), req.riskPercent, insured) : 0n;
  const previous = currentProvision(db, inv.id, accounts);
  const delta = target - previous;
  let entryId: number | null = null;
  if (delta !== 0n) {
    const customer = customerOf(db, inv);
    const dotation = delta > 0n;
    const label = `${dotation ? 'Dotation' : 'Reprise'} dépréciation ${inv.number} ${customer.name}`;
    const abs = dotation ? delta : -delta;
    // The 491 line is the invoice's: its balance is the provision held.
    const allowance = { aux: customer.code, link: { invoiceId: inv.id, role: 'provision' } } as const;
    const lines: PostingLine[] = dotation
      ? [debit(accounts.provisionCharge, abs), credit(accounts.provisionAllowance, abs, allowance)]
      : [debit(accounts.provisionAllowance, abs, allowance), credit(accounts.provisionReversal, abs)];
    const entry = postEntry(db, { journal: 'OD', date: req.date, label, pieceRef: inv.number ?? `F${inv.id}`, lines, source: { kind: 'provision', id: inv.id } }, now);
    entryId = entry.id;
  }
  stmt(db, `INSERT INTO provision_estimate (invoice_id, date, risk_percent, insured_percent, outstanding_cents, target_cents, previous_cents, delta_cents, justification, entry_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(inv.id, req.date, req.riskPercent, insured, balance.outstanding, target, previous, delta, req.justification ?? null, entryId, now.toISOString());
  return { target: centsToString(target), previous: centsToString(previous), delta: centsToString(delta), entryId };
}

/** Limitation: 5 years between businesses, 2 years against consumers, from the due date. */
export function prescriptionDate(dueDate: string, kind: 'business' | 'consumer'): string {
  const years = kind === 'consumer' ? 2 : 5;
  return `${Number(dueDate.slice(0, 4)) + years}${dueDate.slice(4)}`;
}

export interface WriteOffRequest extends WriteOffTerms {
  invoiceId: number;
  note?: string | undefined;
}

/**
 * The invoice as the write-off split reads it: its rates as issued, then what moved on its customer
 * accounts (411/416), entry by entry in date order: a credit note with its parts per rate, any other
 * movement as money received (a reclassification nets to nothing and is skipped).
 */
export function outstandingInvoice(db: Db, inv: InvoiceRow, outstanding: bigint, accounts: AccountMap, asOf = '9999-12-31'): OutstandingInvoice {
  const rates = readInvoiceVat(db, inv.id).map((v) => ({ rate: v.rate, base: v.base_cents, vat: v.vat_cents, pending: v.pending_cents }));
  const pendingVat = asOf === '9999-12-31' ? pendingVatOf(db, inv.id, accounts) : linkedBalance(db, inv.id, [accounts.vatPending], asOf, -1n);
  // Without a credit note, the receipts all come in a row: they settle the rates as one, which is what
  // ratesLeft does with the difference between the invoice and its outstanding. No need to read them.
  const credited = stmt(db, `SELECT count(*) FROM credit_note WHERE invoice_id = ? AND state = 'validated' AND date <= ?`).pluck().get(inv.id, asOf) as number;
  if (credited === 0) return { outstanding, pendingVat, rates, history: [] };
  const moves = stmt(db, `SELECT l.entry_id AS entry, sum(l.credit_cents - l.debit_cents) AS amount, max(k.role IN ('credit_note', 'escompte')) AS credit, max(k.role = 'invoice') AS issue
      FROM invoice_ledger_line k CROSS JOIN entry_line l ON l.id = k.line_id CROSS JOIN entry e ON e.id = l.entry_id
     WHERE k.invoice_id = ? AND l.account IN (?, ?) AND e.date <= ? GROUP BY l.entry_id ORDER BY e.date, e.seq, l.entry_id`)
    .safeIntegers(true).all(inv.id, accounts.customers, accounts.doubtfulCustomers, asOf) as { entry: bigint; amount: bigint; credit: bigint; issue: bigint }[];
  const parts = stmt(db, `SELECT p.rate, sum(p.base_cents) AS base, sum(p.vat_cents) AS vat, sum(p.pending_cents) AS pending
      FROM credit_note c JOIN credit_note_part p ON p.credit_note_id = c.id WHERE c.invoice_id = ? AND c.entry_id = ? AND c.state = 'validated' GROUP BY p.rate`).safeIntegers(true);
  const history: InvoiceEvent[] = [];
  for (const m of moves) {
    if (m.issue === 1n || m.amount === 0n) continue;
    const credited = m.credit === 1n ? (parts.all(inv.id, m.entry) as RateAmounts[]) : [];
    history.push(credited.length > 0 ? { kind: 'credit', parts: credited } : { kind: 'receipt', amount: m.amount });
  }
  return { outstanding, pendingVat, rates, history };
}

/**
 * The balance of the ledger lines linked to an invoice on some accounts, up to a date: debit − credit
 * (sign 1n), or credit − debit (-1n). What a customer owed on a past day (411/416), or the VAT still
 * pending then (44574).
 */
export function linkedBalance(db: Db, invoiceId: number, accountList: readonly string[], asOf: string, sign: 1n | -1n): bigint {
  const total = stmt(db, `SELECT coalesce(sum(l.debit_cents - l.credit_cents), 0) FROM invoice_ledger_line k CROSS JOIN entry_line l ON l.id = k.line_id CROSS JOIN entry e ON e.id = l.entry_id
     WHERE k.invoice_id = ? AND l.account IN (SELECT value FROM json_each(?)) AND e.date <= ?`).pluck().safeIntegers(true).get(invoiceId, JSON.stringify(accountList), asOf) as bigint;
  return total * sign;
}

/** What is left owed on the invoice net of VAT, rate by rate: the provision base (§6). */
export function outstandingHt(db: Db, inv: InvoiceRow, outstanding: bigint, accounts: AccountMap): bigint {
  return splitOutstanding(outstandingInvoice(db, inv, outstanding, accounts)).ht;
}

/**
 * Irrecoverable debt (§7): the outstanding split by what is left at each rate into HT and VAT; D 6541/6544
 * the HT, D 44571 the VAT collected (regularisation) or D 44574 the VAT still pending, C 416 (or 411);
 * the whole provision reversed (D 491 / C 78174).
 */
export function writeOff(db: Db, req: WriteOffRequest, now: Date) {
  const accounts = accountMap(db);
  const open = openInvoice(db, req.invoiceId, null, accounts, 'de la passer en perte');
  const inv = open.row;
  const customer = customerOf(db, inv);
  if (req.date < inv.date) throw fieldError('date', `La date précède celle de la facture ${inv.number}.`);
  if (req.reason === 'liquidation') {
    if (!req.judgmentDate) throw fieldError('judgmentDate', 'Indiquez la date du jugement de liquidation.');
    if (req.judgmentDate > req.date) throw fieldError('judgmentDate', 'Le jugement ne peut pas être postérieur au passage en perte.');
  }
  if (req.reason === 'prescription') {
    const prescribed = prescriptionDate(inv.due_date, customer.kind);
    if (req.date < prescribed) throw new AppError('CONFLICT', `La créance ne sera prescrite que le ${formatDateShort(prescribed)} (${customer.kind === 'consumer' ? '2 ans contre un particulier' : '5 ans entre professionnels'} après l’échéance).`, { date: `Prescrite le ${formatDateShort(prescribed)}.` });
  }

  const plan = planWriteOff(outstandingInvoice(db, inv, open.balance.outstanding, accounts), req, currentProvision(db, inv.id, accounts));

  const fy = openFiscalYearFor(db, req.date);
  const lossAccount = inv.date >= fy.start_date ? accounts.lossCurrentYear : accounts.lossPriorYear;
  const label = `Créance irrécouvrable ${inv.number} ${customer.name}`;
  const writtenOff = { invoiceId: inv.id, role: 'writeoff' } as const;
  const provisionHeld = plan.provisionReversed;
  const lines: PostingLine[] = [debit(lossAccount, plan.loss, { label })];
  if (plan.vatRegularised > 0n) lines.push(debit(accounts.vatCollected, plan.vatRegularised, { label: `Régularisation TVA ${inv.number} (art. 272 CGI)` }));
  if (plan.pendingVat > 0n) lines.push(debit(accounts.vatPending, plan.pendingVat, { label: `TVA non encaissée ${inv.number}`, link: writtenOff }));
  lines.push(credit(open.creditAccount, open.balance.outstanding, { aux: customer.code, label, link: writtenOff }));
  if (provisionHeld > 0n) {
    lines.push(debit(accounts.provisionAllowance, provisionHeld, { aux: customer.code, label: `Reprise dépréciation ${inv.number}`, link: { invoiceId: inv.id, role: 'provision' } }));
    lines.push(credit(accounts.provisionReversal, provisionHeld, { label: `Reprise dépréciation ${inv.number}` }));
  }
  // No HT line when the outstanding is all VAT.
  const entry = postEntry(db, { journal: 'OD', date: req.date, label, pieceRef: inv.number ?? `F${inv.id}`, lines: lines.filter((l) => (l.debit ?? 0n) + (l.credit ?? 0n) > 0n), source: { kind: 'writeoff', id: inv.id } }, now);
  stmt(db, `INSERT INTO write_off (invoice_id, date, reason, judgment_date, note, loss_account, loss_cents, vat_regularised_cents, vat_pending_cents, vat_as_loss_cents, provision_reversed_cents, recovery_deadline, entry_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    inv.id, req.date, req.reason, req.judgmentDate ?? null, req.note ?? null, lossAccount, plan.loss, plan.vatRegularised, plan.pendingVat, plan.vatAsLoss, provisionHeld, plan.recoveryDeadline, entry.id, now.toISOString(),
  );
  settleIfPaid(db, inv.id, req.date, accounts, now);
  return {
    entries: [entry.id],
    loss: centsToString(plan.loss),
    vatRegularised: centsToString(plan.vatRegularised),
    vatPending: centsToString(plan.pendingVat),
    vatAsLoss: centsToString(plan.vatAsLoss),
    provisionReversed: centsToString(provisionHeld),
    lossAccount,
    vatByRate: plan.vatByRate.map((r) => ({ rate: r.rate, vat: centsToString(r.vat) })),
    ...(plan.recoveryDeadline ? { vatRecoveryDeadline: plan.recoveryDeadline } : {}),
  };
}

/** What is known of a write-off: for money received afterwards (§8) and for the Article 272 duplicate. */
export function writeOffOf(db: Db, invoiceId: number) {
  return stmt(db, 'SELECT * FROM write_off WHERE invoice_id = ?').safeIntegers(true).get(invoiceId) as
    | { invoice_id: bigint; date: string; reason: string; loss_cents: bigint; vat_regularised_cents: bigint; vat_pending_cents: bigint; vat_as_loss_cents: bigint; entry_id: bigint }
    | undefined;
}

/** The folder beside the company file where evidence files are copied: « <name> - pièces ». */
export function evidenceFolder(companyFile: string): string {
  return join(dirname(companyFile), `${basename(companyFile, '.encours')} - pièces`);
}

/** The validated invoice evidence is added to, or NOT_FOUND. */
export function requireEvidenceInvoice(db: Db, invoiceId: number) {
  const inv = readInvoiceRow(db, invoiceId);
  if (!inv || inv.state !== 'validated') throw new AppError('NOT_FOUND', `Facture validée n° ${invoiceId} introuvable.`);
}

/**
 * Records evidence kept with an invoice (in the channel's write transaction); its file, if any, already
 * copied into the company's folder and hashed (files/stored-copy.ts), never modified afterwards.
 */
export function addEvidence(db: Db, req: { invoiceId: number; kind: string; date: string; note: string }, stored: { name: string; path: string; sha256: string } | null, now: Date) {
  requireEvidenceInvoice(db, req.invoiceId);
  const id = Number(stmt(db, 'INSERT INTO evidence (invoice_id, kind, date, note, file_name, stored_path, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    req.invoiceId, req.kind, req.date, req.note, stored?.name ?? null, stored?.path ?? null, stored?.sha256 ?? null, now.toISOString(),
  ).lastInsertRowid);
  return readEvidence(db, req.invoiceId).find((e) => e.id === id) as ReturnType<typeof readEvidence>[number];
}

export function readEvidence(db: Db, invoiceId: number) {
  const rows = stmt(db, 'SELECT id, invoice_id, kind, date, note, file_name, stored_path, sha256, created_at FROM evidence WHERE invoice_id = ? ORDER BY date, id').all(invoiceId) as {
    id: number; invoice_id: number; kind: string; date: string; note: string; file_name: string | null; stored_path: string | null; sha256: string | null; created_at: string;
  }[];
  return rows.map((e) => ({
    id: e.id, invoiceId: e.invoice_id, kind: e.kind, date: e.date, note: e.note, createdAt: e.created_at,
    ...(e.file_name ? { file: { name: e.file_name, path: e.stored_path ?? '', sha256: e.sha256 ?? '', intact: e.stored_path ? existsSync(e.stored_path) && createHash('sha256').update(readFileSync(e.stored_path)).digest('hex') === e.sha256 : false } } : {}),
  }));
}

/** Open invoices overdue by at least `minDays` as of a date, with what points to a risk. */
export function candidates(db: Db, asOf: string, minDays: number) {
  const accounts = accountMap(db);
  // Only what is owed and not yet doubtful, from the balances the database keeps (the loop checks again).
  const rows = stmt(
    db,
    `SELECT i.id FROM invoice_balance b CROSS JOIN invoice i ON i.id = b.invoice_id
      WHERE b.outstanding_cents <> 0 AND b.outstanding_cents > 0 AND b.doubtful_cents <= 0 AND i.state = 'validated' AND i.due_date <= ?
      ORDER BY i.due_date, i.number`,
  ).pluck().all(addDays(asOf, -minDays)) as number[];
  const out = [];
  for (const id of rows) {
    const inv = readInvoiceRow(db, id) as InvoiceRow;
    const b = invoiceBalance(db, id, { customers: accounts.customers, doubtful: accounts.doubtfulCustomers });
    if (b.outstanding <= 0n || b.doubtful > 0n) continue;
    const customer = customerOf(db, inv);
    const ev = stmt(db, `SELECT kind, count(*) AS n FROM evidence WHERE invoice_id = ? AND date <= ? GROUP BY kind`).all(id, asOf) as { kind: string; n: number }[];
    const count = (k: string) => ev.find((e) => e.kind === k)?.n ?? 0;
    const procedure = (stmt(db, `SELECT count(*) FROM evidence e JOIN invoice i ON i.id = e.invoice_id WHERE i.customer_id = ? AND e.kind = 'court' AND e.date <= ?`).pluck().get(customer.id, asOf) as number) > 0;
    out.push({
      invoiceId: id, number: inv.number ?? '', customerId: customer.id, customerName: customer.name, customerKind: customer.kind, date: inv.date, dueDate: inv.due_date,
      gross: centsToString(inv.gross_cents), outstanding: centsToString(b.outstanding), daysOverdue: daysBetween(inv.due_date, asOf),
      signals: { reminders: count('reminder'), formalNotices: count('formal_notice'), courtDecisions: count('court'), procedure, paymentPlanBroken: paymentPlanBroken(db, id, asOf) },
      prescriptionDate: prescriptionDate(inv.due_date, customer.kind),
    });
  }
  return out;
}

/**
 * The provision matrix (an aid, posts nothing): rates by bucket of days overdue applied to each invoice's
 * outstanding HT. Each provision must still rest on its own event: the screen says so.
 */
export function provisionMatrix(db: Db, asOf: string, buckets: { fromDays: number; toDays?: number | undefined; percent: string }[]) {
  const accounts = accountMap(db);
  const ids = stmt(
    db,
    `SELECT i.id FROM invoice_balance b CROSS JOIN invoice i ON i.id = b.invoice_id
      WHERE b.outstanding_cents <> 0 AND b.outstanding_cents > 0 AND b.written_off = 0 AND i.state = 'validated' AND i.date <= ?
      ORDER BY i.due_date, i.number`,
  ).pluck().all(asOf) as number[];
  const rows = [];
  let total = 0n;
  for (const id of ids) {
    const inv = readInvoiceRow(db, id) as InvoiceRow;
    const b = invoiceBalance(db, id, { customers: accounts.customers, doubtful: accounts.doubtfulCustomers });
    if (b.outstanding <= 0n || b.writtenOff) continue;
    const days = Math.max(0, daysBetween(inv.due_date, asOf));
    const bucket = buckets.find((k) => days >= k.fromDays && (k.toDays === undefined || days <= k.toDays));
    if (!bucket) continue;
    const ht = outstandingHt(db, inv, b.outstanding, accounts);
    const suggested = provisionTarget(ht, bucket.percent);
    total += suggested;
    rows.push({ invoiceId: id, number: inv.number ?? '', customerName: customerOf(db, inv).name, daysOverdue: days, outstandingHt: centsToString(ht), percent: bucket.percent, suggested: centsToString(suggested), current: centsToString(currentProvision(db, id, accounts)) });
  }
  return { rows, total: centsToString(total) };
}

/**
 * X and Y of the Article 272 mention: the unpaid price net of VAT and the VAT regularised — from the
 * write-off once done, else what a write-off today would regularise. CONFLICT when there is no VAT to
 * recover (franchise; services under VAT on receipts, whose VAT was never paid to the State).
 */
export function unpaid272(db: Db, invoiceId: number): { net: bigint; vat: bigint; number: string } {
  const accounts = accountMap(db);
  const inv = readInvoiceRow(db, invoiceId);
  if (!inv || inv.state !== 'validated') throw new AppError('NOT_FOUND', `Facture validée n° ${invoiceId} introuvable.`);
  const number = inv.number ?? '';
  if (inv.vat_regime === 'franchise') throw new AppError('CONFLICT', `La facture ${number} a été émise en franchise de TVA : aucune TVA à récupérer, le duplicata n’a pas lieu d’être.`);
  const w = writeOffOf(db, invoiceId);
  let net: bigint;
  let vat: bigint;
  if (w) {
    net = w.loss_cents - w.vat_as_loss_cents;
    vat = w.vat_regularised_cents;
  } else {
    const b = invoiceBalance(db, invoiceId, { customers: accounts.customers, doubtful: accounts.doubtfulCustomers });
    if (b.outstanding <= 0n) throw new AppError('CONFLICT', `La facture ${number} est soldée : elle n’est pas demeurée impayée.`);
    const split = splitOutstanding(outstandingInvoice(db, inv, b.outstanding, accounts));
    vat = split.collectedVat;
    net = split.ht;
  }
  if (vat <= 0n) {
    throw new AppError('CONFLICT', `La facture ${number} n’a pas de TVA à récupérer : ${readInvoiceVat(db, invoiceId).some((v) => v.pending_cents > 0n) ? 'sa TVA sur les encaissements n’a jamais été reversée, rien à régulariser.' : 'la TVA a été passée en perte ou la facture est à 0 %.'}`);
  }
  return { net, vat, number };
}
