import { addDays, daysBetween, formatDateShort } from '../../../shared/dates';
import type { Company } from '../../../shared/domain/company';
import { AppError } from '../../../shared/errors';
import { centsToString, formatEuro, formatPercent, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { requireCustomer } from '../customers/customer-service';
import { formatIban, invoiceDocument, type PrintedDocument } from '../documents/invoice-document';
import { mentionText } from '../documents/legal-mentions';
import { readInvoice } from '../receivables/invoices';
import { accountMap } from '../ledger/accounts';
import { takeDocumentNumber } from '../ledger/numbering';
import { postEntry, type PostingLine } from '../ledger/post';
import { computePenalties, printedPenaltyRate, requireDunnableInvoice } from './penalties';

/**
 * Invoicing the penalties: a « facture de pénalités » with its own number in a separate continuous,
 * chronological series (PEN2026-00001: the F series stays the series of sales), outside the scope of VAT
 * (damages for late payment are not the price of a supply), posted in the sales journal D 411 (customer) /
 * C 7631 for the interest and C 7631 for the 40 € indemnity (accounting.md maps late-payment interest to
 * 7631 and says nothing of the indemnity; both are revenue from the customer receivable).
 *
 * Interest already invoiced for the same invoice is deducted (only the new days are invoiced) and the
 * indemnity is invoiced once.
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

export function invoicePenalties(db: Db, company: Company, req: { invoiceId: number; asOf: string; date: string; includeIndemnity: boolean }, today: string, now: Date) {
  const inv = requireDunnableInvoice(db, req.invoiceId);
  if (req.date < inv.date) throw new AppError('VALIDATION', `La facture de pénalités ne peut pas précéder la facture ${inv.number} du ${formatDateShort(inv.date)}.`, { date: 'Date antérieure à la facture.' });
  if (req.date > today) throw new AppError('VALIDATION', 'La facture de pénalités ne peut pas être datée dans le futur.', { date: 'Date future.' });
  if (req.asOf > req.date) throw new AppError('VALIDATION', 'Les pénalités se facturent jusqu’à la date de la facture de pénalités au plus tard.', { asOf: `Au plus tard le ${formatDateShort(req.date)}.` });
  const p = computePenalties(db, company, req.invoiceId, req.asOf);
  const before = invoicedPenalties(db, req.invoiceId);
  if (before.asOf && req.asOf <= before.asOf) {
    throw new AppError('CONFLICT', `Les pénalités de la facture ${inv.number} sont déjà facturées jusqu’au ${formatDateShort(before.asOf)}.`, { asOf: `Après le ${formatDateShort(before.asOf)}.` });
  }
  let interest = toCents(p.interest) - before.interest;
  if (interest < 0n) interest = 0n;
  const indemnity = req.includeIndemnity && before.indemnity === 0n ? toCents(p.indemnity) : 0n;
  if (interest + indemnity <= 0n) throw new AppError('CONFLICT', `Aucune pénalité à facturer sur la facture ${inv.number} au ${formatDateShort(req.asOf)}.`);
  const accounts = accountMap(db);
  const customer = stmt(db, 'SELECT code, name FROM customer WHERE id = ?').get(inv.customer_id) as { code: string; name: string };
  const number = takeDocumentNumber(db, 'PEN', req.date);
  const label = `Pénalités de retard ${number} (facture ${inv.number}) ${customer.name}`;
  const lines: PostingLine[] = [{ account: accounts.customers, aux: customer.code, debit: interest + indemnity, label }];
  if (interest > 0n) lines.push({ account: accounts.latePaymentInterest, credit: interest, label: `Intérêts de retard facture ${inv.number}` });
  if (indemnity > 0n) lines.push({ account: accounts.latePaymentInterest, credit: indemnity, label: `Indemnité forfaitaire de recouvrement facture ${inv.number}` });
  const entry = postEntry(db, { journal: 'VT', date: req.date, label, pieceRef: number, pieceDate: req.date, lines }, now);
  const id = Number(
    stmt(
      db,
      `INSERT INTO penalty_invoice (number, invoice_id, date, as_of, rate, days, interest_cents, indemnity_cents, entry_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(number, inv.id, req.date, req.asOf, p.rate, p.days, interest, indemnity, entry.id, now.toISOString()).lastInsertRowid,
  );
  return { id, number, invoiceId: inv.id, date: req.date, interest: centsToString(interest), indemnity: centsToString(indemnity), total: centsToString(interest + indemnity), entryId: entry.id };
}

interface PenaltyInvoiceRow {
  id: number; number: string; invoice_id: number; date: string; as_of: string; rate: string; days: number; interest_cents: bigint; indemnity_cents: bigint;
}

/**
 * The « facture de pénalités » as a printed document, in the invoices' layout: its own number and date,
 * the invoice it follows from, one line for the interest of the period it covers (from the day after the
 * due date, or after the previous penalty invoice) and one for the indemnity, no VAT (with the mention
 * saying why), payable on receipt.
 */
export function penaltyInvoiceDocument(db: Db, company: Company, id: number): PrintedDocument {
  const row = stmt(db, 'SELECT id, number, invoice_id, date, as_of, rate, days, interest_cents, indemnity_cents FROM penalty_invoice WHERE id = ?').safeIntegers(true).get(id) as
    | (Omit<PenaltyInvoiceRow, 'id' | 'invoice_id' | 'days'> & { id: bigint; invoice_id: bigint; days: bigint })
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Facture de pénalités n° ${id} introuvable.`);
  const invoiceId = Number(row.invoice_id);
  const invoice = readInvoice(db, invoiceId);
  const customer = requireCustomer(db, invoice.customerId);
  const previous = stmt(db, 'SELECT max(as_of) FROM penalty_invoice WHERE invoice_id = ? AND id < ?').pluck().get(invoiceId, id) as string | null;
  const from = previous ? addDays(previous, 1) : addDays(invoice.dueDate, 1);
  const days = daysBetween(from, row.as_of) + 1;
  const base = invoiceDocument(company, customer, invoice, printedPenaltyRate(db, company, invoice.date));
  const rows: string[][] = [];
  if (row.interest_cents > 0n) {
    rows.push([`Intérêts de retard au taux annuel de ${formatPercent(row.rate)} (taux en vigueur à la date de la facture), du ${formatDateShort(from)} au ${formatDateShort(row.as_of)}, ${days} jour${days > 1 ? 's' : ''}`, formatEuro(row.interest_cents)]);
  }
  if (row.indemnity_cents > 0n) rows.push(['Indemnité forfaitaire pour frais de recouvrement', formatEuro(row.indemnity_cents)]);
  const total = row.interest_cents + row.indemnity_cents;
  const outsideVat = mentionText('penaltyOutsideVat', row.date, {}) ?? '';
  const payment = [`Payable à réception.`];
  if (company.iban) payment.push(`Règlement par virement : IBAN ${formatIban(company.iban)}${company.bic ? ` — BIC ${company.bic}` : ''}, en rappelant la référence ${row.number}.`);
  const indemnity = row.indemnity_cents > 0n ? mentionText('recoveryIndemnity', invoice.date, {}) : undefined;
  return {
    ...base,
    title: 'Facture',
    draft: false,
    meta: [['Numéro', row.number], ['Date', formatDateShort(row.date)], ['Facture d’origine', invoice.number ?? ''], ['Code client', customer.code ?? '']],
    preamble: [`Pénalités de retard sur la facture n° ${invoice.number} du ${formatDateShort(invoice.date)}, échue le ${formatDateShort(invoice.dueDate)}.`],
    columns: [
      { header: 'Désignation', width: 'flex', align: 'left' },
      { header: 'Montant', width: 96, align: 'right' },
    ],
    rows,
    vatRecap: [],
    vatNotes: [outsideVat],
    totals: [{ label: 'Net à payer', value: formatEuro(total), strong: true }],
    sections: [{ title: 'Règlement', paragraphs: [...payment, ...(indemnity ? [indemnity] : [])] }],
    runningTitle: `Facture de pénalités ${row.number} — ${company.name} — ${customer.name}`,
    fileName: `Facture ${row.number}.pdf`,
    mentions: ['penaltyOutsideVat', ...(indemnity ? (['recoveryIndemnity'] as const) : [])],
    info: { title: `Facture de pénalités ${row.number}`, author: company.name, subject: `Pénalités de retard sur la facture ${invoice.number}` },
  };
}
