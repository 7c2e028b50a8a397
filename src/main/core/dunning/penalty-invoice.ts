import { addDays, formatDateShort } from '../../../shared/dates';
import type { Company } from '../../../shared/domain/company';
import { AppError } from '../../../shared/errors';
import { centsToString, formatEuro, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { readInvoiceLines } from '../../db/repositories/invoice-repo';
import { stmt } from '../../db/statements';
import { requireCustomer } from '../customers/customer-service';
import { formatIban, invoiceDocument, PAYABLE_STATUSES, payByScanOf, type PrintedDocument } from '../documents/invoice-document';
import { mentionText } from '../documents/legal-mentions';
import { accountMap } from '../ledger/accounts';
import { credit, debit } from '../ledger/lines';
import { takeDocumentNumber } from '../ledger/numbering';
import { postEntry, type PostingLine } from '../ledger/post';
import { readInvoice } from '../receivables/invoices';
import { computePenalties, periodFormula, periodSpan, printedPenaltyRate, requireDunnableInvoice, type PenaltyPeriod, type PenaltyResult } from './penalties';

/**
 * Invoicing the penalties: a « facture de pénalités » with its own number in a separate continuous,
 * chronological series (PEN2026-00001: the F series stays the series of sales), outside the scope of VAT
 * (damages for late payment are not the price of a supply), posted in the sales journal D 411 (customer) /
 * C 7631 for the interest and C 7631 for the 40 € indemnity (accounting.md maps late-payment interest to
 * 7631 and says nothing of the indemnity; both are revenue from the customer receivable).
 *
 * It is a receivable like any invoice: a row of `invoice` (its `penalty_of` names the invoice it follows
 * from), payable on receipt (due date = its date), one line per period of interest (the computation
 * written out: dates, half-year, base × rate × days / 365) and one for the indemnity, at no VAT, on 7631;
 * its 411 line is linked to it. So the invoice list, the aged balance, the statement, payments and dunning
 * see it; it bears no penalties itself. The `penalty_invoice` row keeps what it charges for which invoice.
 *
 * Each penalty invoice charges the interest of the days after the previous one (after the due date for
 * the first): the periods are cut the day after each penalty invoice, so what was invoiced and what
 * remains add up to the cent. The indemnity is invoiced once.
 */
/** The penalty invoices of an invoice, oldest first, and what they claimed in all. */
export function invoicedPenalties(db: Db, invoiceId: number) {
  const rows = stmt(db, 'SELECT id, number, date, as_of, interest_cents, indemnity_cents FROM penalty_invoice WHERE invoice_id = ? ORDER BY id')
    .safeIntegers(true)
    .all(invoiceId) as { id: bigint; number: string; date: string; as_of: string; interest_cents: bigint; indemnity_cents: bigint }[];
  const interest = rows.reduce((s, r) => s + r.interest_cents, 0n);
  const indemnity = rows.reduce((s, r) => s + r.indemnity_cents, 0n);
  return {
    interest, indemnity, asOf: rows.length > 0 ? rows[rows.length - 1]!.as_of : null,
    invoices: rows.map((r) => ({ id: Number(r.id), number: r.number, date: r.date, asOf: r.as_of, total: centsToString(r.interest_cents + r.indemnity_cents) })),
  };
}

/** `penalty.compute`: the penalties to date and what penalty invoices already claimed of them. */
export function penaltiesWithInvoiced(db: Db, company: Company, invoiceId: number, asOf: string) {
  const p = computePenalties(db, company, invoiceId, asOf);
  const before = invoicedPenalties(db, invoiceId);
  return { ...p, invoiced: { interest: centsToString(before.interest), indemnity: centsToString(before.indemnity), asOf: before.asOf, invoices: before.invoices } };
}

/** The line of a period of interest, as the penalty invoice prints it. */
function periodLine(p: PenaltyResult, period: PenaltyPeriod): string {
  const what = p.regime === 'consumer' ? 'Intérêts au taux légal' : 'Intérêts de retard';
  return `${what} ${periodSpan(period)} : ${periodFormula(period)}`;
}

export function invoicePenalties(db: Db, company: Company, req: { invoiceId: number; asOf: string; date: string; includeIndemnity: boolean }, today: string, now: Date) {
  const inv = requireDunnableInvoice(db, req.invoiceId);
  if (inv.penalty_of !== null) {
    throw new AppError('CONFLICT', `${inv.number} est une facture de pénalités : elle ne porte pas elle-même de pénalités (pas d’intérêts sur les intérêts).`, { invoiceId: 'Facture de pénalités.' });
  }
  if (req.date < inv.date) throw new AppError('VALIDATION', `La facture de pénalités ne peut pas précéder la facture ${inv.number} du ${formatDateShort(inv.date)}.`, { date: 'Date antérieure à la facture.' });
  if (req.date > today) throw new AppError('VALIDATION', 'La facture de pénalités ne peut pas être datée dans le futur.', { date: 'Date future.' });
  if (req.asOf > req.date) throw new AppError('VALIDATION', 'Les pénalités se facturent jusqu’à la date de la facture de pénalités au plus tard.', { asOf: `Au plus tard le ${formatDateShort(req.date)}.` });
  const before = invoicedPenalties(db, req.invoiceId);
  if (before.asOf && req.asOf <= before.asOf) {
    throw new AppError('CONFLICT', `Les pénalités de la facture ${inv.number} sont déjà facturées jusqu’au ${formatDateShort(before.asOf)}.`, { asOf: `Après le ${formatDateShort(before.asOf)}.` });
  }
  const p = computePenalties(db, company, req.invoiceId, req.asOf);
  // The periods not invoiced yet: the computation cut them the day after the last penalty invoice.
  const since = before.asOf ? addDays(before.asOf, 1) : '0000-01-01';
  const periods = p.periods.filter((x) => x.from >= since);
  const interest = periods.reduce((s, x) => s + toCents(x.interest), 0n);
  const indemnity = req.includeIndemnity && before.indemnity === 0n ? toCents(p.indemnity) : 0n;
  if (interest + indemnity <= 0n) throw new AppError('CONFLICT', `Aucune pénalité à facturer sur la facture ${inv.number} au ${formatDateShort(req.asOf)}.`);
  const accounts = accountMap(db);
  const customer = stmt(db, 'SELECT code, name FROM customer WHERE id = ?').get(inv.customer_id) as { code: string; name: string };
  const number = takeDocumentNumber(db, 'PEN', req.date);
  const total = interest + indemnity;
  const label = `Pénalités de retard ${number} (facture ${inv.number}) ${customer.name}`;
  // The receivable's id is known before its row exists (we are inside an IMMEDIATE transaction): the
  // entry names it, its row is written with the entry, and postEntry then links the 411 line to it.
  const id = ((stmt(db, 'SELECT max(id) FROM invoice').pluck().get() as number | null) ?? 0) + 1;
  const lines: PostingLine[] = [debit(accounts.customers, total, { aux: customer.code, label, link: { invoiceId: id, role: 'invoice' } })];
  if (interest > 0n) lines.push(credit(accounts.latePaymentInterest, interest, { label: `Intérêts de retard facture ${inv.number}` }));
  if (indemnity > 0n) lines.push(credit(accounts.latePaymentInterest, indemnity, { label: `Indemnité forfaitaire de recouvrement facture ${inv.number}` }));
  const printed: { text: string; cents: bigint }[] = periods.map((x) => ({ text: periodLine(p, x), cents: toCents(x.interest) }));
  if (indemnity > 0n) printed.push({ text: 'Indemnité forfaitaire pour frais de recouvrement', cents: indemnity });
  const stamp = now.toISOString();
  const entry = postEntry(db, { journal: 'VT', date: req.date, label, pieceRef: number, pieceDate: req.date, lines, source: { kind: 'invoice', id }, printed: true }, now, (e) => {
    stmt(
      db,
      `INSERT INTO invoice (id, customer_id, date, due_date, vat_regime, net_cents, vat_cents, gross_cents, created_at, updated_at, state, number, entry_id, validated_at, penalty_of)
       VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 'validated', ?, ?, ?, ?)`,
    ).run(id, inv.customer_id, req.date, req.date, company.vatRegime, total, total, stamp, stamp, number, e.id, stamp, inv.id);
    const line = stmt(db, "INSERT INTO invoice_line (invoice_id, line_no, description, kind, quantity, unit_price, vat_rate, account, net_cents) VALUES (?, ?, ?, 'services', '1', ?, '0', ?, ?)");
    printed.forEach((l, i) => line.run(id, i + 1, l.text, centsToString(l.cents), accounts.latePaymentInterest, l.cents));
    stmt(db, "INSERT INTO invoice_vat (invoice_id, rate, base_cents, vat_cents) VALUES (?, '0', ?, 0)").run(id, total);
  });
  const days = periods.reduce((s, x) => s + x.days, 0);
  const penaltyId = Number(
    stmt(
      db,
      `INSERT INTO penalty_invoice (number, invoice_id, date, as_of, rate, days, interest_cents, indemnity_cents, entry_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(number, inv.id, req.date, req.asOf, p.rate, days, interest, indemnity, entry.id, stamp).lastInsertRowid,
  );
  return { id: penaltyId, receivableId: id, number, invoiceId: inv.id, date: req.date, interest: centsToString(interest), indemnity: centsToString(indemnity), total: centsToString(total), entryId: entry.id };
}

/** The receivable (row of `invoice`) of a penalty invoice, by the penalty invoice's id. */
export function penaltyReceivableId(db: Db, penaltyInvoiceId: number): number {
  const id = stmt(db, 'SELECT r.id FROM penalty_invoice p JOIN invoice r ON r.number = p.number WHERE p.id = ?').pluck().get(penaltyInvoiceId) as number | undefined;
  if (id === undefined) throw new AppError('NOT_FOUND', `Facture de pénalités n° ${penaltyInvoiceId} introuvable.`);
  return id;
}

/** The penalty invoice a receivable is, if it is one (the invoice page prints it as such). */
export function penaltyInvoiceIdOf(db: Db, invoiceId: number): number | undefined {
  return (stmt(db, 'SELECT p.id FROM invoice i JOIN penalty_invoice p ON p.number = i.number WHERE i.id = ? AND i.penalty_of IS NOT NULL').pluck().get(invoiceId) as number | undefined) ?? undefined;
}

/**
 * The « facture de pénalités » as a printed document, in the invoices' layout: its own number and date,
 * the invoice it follows from, its lines (each period of interest with its computation, the indemnity),
 * no VAT (with the mention saying why), payable on receipt.
 */
export function penaltyInvoiceDocument(db: Db, company: Company, id: number): PrintedDocument {
  const row = stmt(
    db,
    `SELECT p.number, p.invoice_id, p.date, p.interest_cents, p.indemnity_cents, r.id AS receivable_id
       FROM penalty_invoice p LEFT JOIN invoice r ON r.number = p.number WHERE p.id = ?`,
  )
    .safeIntegers(true)
    .get(id) as { number: string; invoice_id: bigint; date: string; interest_cents: bigint; indemnity_cents: bigint; receivable_id: bigint | null } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Facture de pénalités n° ${id} introuvable.`);
  const invoice = readInvoice(db, Number(row.invoice_id));
  const customer = requireCustomer(db, invoice.customerId);
  const base = invoiceDocument(company, customer, invoice, printedPenaltyRate(db, company, invoice.date));
  const rows = row.receivable_id === null ? [] : readInvoiceLines(db, Number(row.receivable_id)).map((l) => [l.description, formatEuro(l.net_cents)]);
  const total = row.interest_cents + row.indemnity_cents;
  const receivable = row.receivable_id === null ? undefined : readInvoice(db, Number(row.receivable_id));
  const outsideVat = mentionText('penaltyOutsideVat', row.date, {}) ?? '';
  const payment = [`Payable à réception.`];
  if (company.iban) payment.push(`Règlement par virement : IBAN ${formatIban(company.iban)}${company.bic ? ` — BIC ${company.bic}` : ''}, en rappelant la référence ${row.number}.`);
  const computation =
    row.interest_cents > 0n
      ? [
          `Intérêts calculés jour par jour sur le reste dû de la facture ${invoice.number}, sur une base de 365 jours, chaque période à son taux. Chaque période est arrondie au centime le plus proche (un demi-centime au centime supérieur) ; les intérêts facturés, ${formatEuro(row.interest_cents)}, sont la somme des périodes.`,
        ]
      : [];
  const indemnity = row.indemnity_cents > 0n ? mentionText('recoveryIndemnity', invoice.date, {}) : undefined;
  return {
    ...base,
    title: 'Facture',
    draft: false,
    // What is left of the penalty invoice itself (a receivable like any invoice), never the original's.
    payByScan: receivable && PAYABLE_STATUSES.has(receivable.status) ? payByScanOf(company, row.number, receivable.outstanding) : undefined,
    meta: [['Numéro', row.number], ['Date', formatDateShort(row.date)], ['Facture d’origine', invoice.number ?? ''], ['Code client', customer.code ?? '']],
    preamble: [`${customer.kind === 'consumer' ? 'Intérêts de retard' : 'Pénalités de retard'} sur la facture n° ${invoice.number} du ${formatDateShort(invoice.date)}, échue le ${formatDateShort(invoice.dueDate)}.`],
    columns: [
      { header: 'Désignation', width: 'flex', align: 'left' },
      { header: 'Montant', width: 96, align: 'right' },
    ],
    rows,
    vatRecap: [],
    vatNotes: [outsideVat],
    totals: [{ label: 'Net à payer', value: formatEuro(total), strong: true }],
    sections: [
      ...(computation.length ? [{ title: 'Calcul des intérêts', paragraphs: computation }] : []),
      { title: 'Règlement', paragraphs: [...payment, ...(indemnity ? [indemnity] : [])] },
    ],
    runningTitle: `Facture de pénalités ${row.number} — ${company.name} — ${customer.name}`,
    fileName: `Facture ${row.number}.pdf`,
    mentions: ['penaltyOutsideVat', ...(indemnity ? (['recoveryIndemnity'] as const) : [])],
    mentionTexts: { penaltyOutsideVat: outsideVat, ...(indemnity ? { recoveryIndemnity: indemnity } : {}) },
    info: { title: `Facture de pénalités ${row.number}`, author: company.name, subject: `Pénalités de retard sur la facture ${invoice.number}` },
  };
}
