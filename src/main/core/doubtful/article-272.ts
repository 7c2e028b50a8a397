import { formatDateShort } from '../../../shared/dates';
import type { Company } from '../../../shared/domain/company';
import type { Customer } from '../../../shared/domain/customer';
import type { Invoice } from '../../../shared/domain/invoice';
import { centsToString, formatEuro, toCents } from '../../../shared/money';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { requireCustomer } from '../customers/customer-service';
import { invoiceDocument, type PrintedDocument, type PrintedPenaltyRate } from '../documents/invoice-document';
import { mentionText } from '../documents/legal-mentions';
import { printedPenaltyRate } from '../dunning/penalties';
import { readInvoice } from '../receivables/invoices';
import { unpaid272 } from './doubtful';

export interface Unpaid272 {
  /** The unpaid price, net of VAT, and the VAT regularised, as canonical amounts. */
  net: string;
  vat: string;
}

function mention(date: string, amounts: Unpaid272): string {
  return mentionText('unpaid272', date, amounts) ?? '';
}

/**
 * The Article 272 duplicate: the original invoice with all its mentions, overprinted with « Facture
 * demeurée impayée pour la somme de X € (prix net) et pour la somme de Y € (TVA correspondante)… ».
 */
export function duplicate272Document(company: Company, customer: Customer, invoice: Invoice, amounts: Unpaid272, date: string, penalty: PrintedPenaltyRate): PrintedDocument {
  const original = invoiceDocument(company, customer, invoice, penalty);
  const text = mention(date, amounts);
  return {
    ...original,
    kind: 'duplicate272',
    // A debt written off as lost: the duplicate recovers its VAT, it asks the customer for nothing.
    payByScan: undefined,
    title: 'Duplicata',
    meta: [['Duplicata de la facture', invoice.number ?? ''], ['Établi le', formatDateShort(date)], ...original.meta.filter(([label]) => label !== 'Numéro')],
    overprint: { banner: text, mark: 'FACTURE DEMEURÉE IMPAYÉE' },
    runningTitle: `Duplicata de la facture ${invoice.number} (article 272 du CGI) — ${company.name} — ${customer.name}`,
    fileName: `Duplicata article 272 ${invoice.number}.pdf`,
    info: { title: `Duplicata de la facture ${invoice.number}`, author: company.name, subject: text },
  };
}

/**
 * The summary statement (état récapitulatif) for several unpaid invoices of one customer: number,
 * description, date, HT and VAT of each, and the same mention for the totals.
 */
export function summary272Document(company: Company, customer: Customer, items: { invoice: Invoice; amounts: Unpaid272 }[], date: string, base: PrintedDocument): PrintedDocument {
  const totalNet = items.reduce((s, i) => s + toCents(i.amounts.net), 0n);
  const totalVat = items.reduce((s, i) => s + toCents(i.amounts.vat), 0n);
  const text = mention(date, { net: centsToString(totalNet), vat: centsToString(totalVat) });
  return {
    ...base,
    kind: 'summary272',
    payByScan: undefined,
    title: 'État récapitulatif',
    draft: false,
    customer: { ...base.customer, heading: 'Client' },
    meta: [['Établi le', formatDateShort(date)], ['Code client', customer.code ?? ''], ['Factures', String(items.length)]],
    preamble: [`Factures demeurées impayées de ${customer.name}, dont la TVA est régularisée (article 272 du CGI).`],
    columns: [
      { header: 'Facture', width: 84, align: 'left' },
      { header: 'Désignation', width: 'flex', align: 'left' },
      { header: 'Date', width: 60, align: 'left' },
      { header: 'Impayé HT', width: 80, align: 'right' },
      { header: 'TVA', width: 70, align: 'right' },
    ],
    rows: items.map(({ invoice, amounts }) => [invoice.number ?? '', invoice.lines.map((l) => l.description).join(', '), formatDateShort(invoice.date), formatEuro(amounts.net), formatEuro(amounts.vat)]),
    vatRecap: [],
    vatNotes: [],
    totals: [
      { label: 'Total impayé HT', value: formatEuro(totalNet) },
      { label: 'TVA correspondante', value: formatEuro(totalVat), strong: true },
    ],
    sections: [],
    overprint: { banner: text, mark: 'FACTURES DEMEURÉES IMPAYÉES' },
    runningTitle: `État récapitulatif article 272 — ${company.name} — ${customer.name}`,
    fileName: `État récapitulatif article 272 ${customer.code}.pdf`,
    mentions: ['unpaid272'],
    info: { title: `État récapitulatif article 272 — ${customer.name}`, author: company.name, subject: text },
  };
}

/**
 * Reads what the Article 272 duplicate of an invoice needs and lays it out (the file channel
 * `doubtful.duplicate272` and `document.render` share it): CONFLICT when there is no VAT to recover.
 */
export function buildDuplicate272(db: Db, company: Company, invoiceId: number, date: string): { document: PrintedDocument; amounts: Unpaid272 } {
  const { net, vat } = unpaid272(db, invoiceId);
  const invoice = readInvoice(db, invoiceId);
  const customer = requireCustomer(db, invoice.customerId);
  const amounts = { net: centsToString(net), vat: centsToString(vat) };
  return { document: duplicate272Document(company, customer, invoice, amounts, date, printedPenaltyRate(db, company, invoice.date)), amounts };
}

/**
 * The summary statement of a customer's invoices (by default every written-off invoice with VAT
 * regularised); CONFLICT when there is none, or an invoice of another customer.
 */
export function buildSummary272(db: Db, company: Company, customerId: number, invoiceIds: readonly number[] | undefined, date: string): { document: PrintedDocument; items: { invoice: Invoice; amounts: Unpaid272 }[] } {
  const customer = requireCustomer(db, customerId);
  // Without a list: every written-off invoice of the customer with VAT regularised.
  const ids = invoiceIds ?? (stmt(db, 'SELECT w.invoice_id FROM write_off w JOIN invoice i ON i.id = w.invoice_id WHERE i.customer_id = ? AND w.vat_regularised_cents > 0 ORDER BY i.date, i.number').pluck().all(customer.id) as number[]);
  if (ids.length === 0) throw new AppError('CONFLICT', `Aucune facture de ${customer.name} n’a de TVA régularisée : il n’y a pas d’état récapitulatif à établir.`);
  const items = ids.map((id) => {
    const invoice = readInvoice(db, id);
    if (invoice.customerId !== customer.id) throw new AppError('CONFLICT', `La facture ${invoice.number} est celle d’un autre client.`);
    const { net, vat } = unpaid272(db, id);
    return { invoice, amounts: { net: centsToString(net), vat: centsToString(vat) } };
  });
  const first = items[0]!.invoice;
  const base = invoiceDocument(company, customer, first, printedPenaltyRate(db, company, first.date));
  return { document: summary272Document(company, customer, items, date, base), items };
}
