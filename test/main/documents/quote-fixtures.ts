import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestInput } from '../../../src/shared/contract';
import type { Company } from '../../../src/shared/domain/company';
import type { Customer } from '../../../src/shared/domain/customer';
import type { Invoice } from '../../../src/shared/domain/invoice';
import type { Quote } from '../../../src/shared/domain/quote';
import { centsToString, toCents } from '../../../src/shared/money';
import type { PrintedDocument } from '../../../src/main/core/documents/invoice-document';
import { renderPrintedDocument } from '../../../src/main/core/documents/invoice-pdf';
import { requireCustomer } from '../../../src/main/core/customers/customer-service';
import { callOk, fixedClock, testCompany, type TestCompany } from '../../helpers/context';
import { companyInit, jeanneMartin, societeGenerale } from '../../helpers/fixtures';
import { pdfText, squash } from './pdf-tools';

/**
 * The worked example as the DTOs the core gives (hand-built until the quotes core is there):
 * a quote of 10 000,00 € HT at 20 % (12 000,00 € TTC), a deposit of 30 % (3 000 + 600 = 3 600,00 €),
 * and the final invoice: 10 000 / 2 000 / 12 000, less the deposit, 8 400,00 € due (7 000 + 1 400).
 */

/** A company on debits (RCS, capital, IBAN) with a business customer (1) and a consumer (2), disposed after the test. */
export function quoteCompany(overrides: Partial<RequestInput<'company.init'>> = {}) {
  return setUpQuoteCompany(testCompany(), overrides);
}

/** The same on a company file the caller disposes of (beforeAll / afterAll). */
export async function setUpQuoteCompany<T extends TestCompany>(tc: T, overrides: Partial<RequestInput<'company.init'>> = {}) {
  await callOk(tc.ctx, 'company.init', { ...companyInit, rcs: 'Paris B 732 829 320', ...overrides });
  await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  await callOk(tc.ctx, 'customer.create', jeanneMartin);
  const company: Company = await callOk(tc.ctx, 'company.get', {});
  const customer = (id: number): Customer => requireCustomer(tc.ctx.file.db(), id);
  return { ...tc, company, customer };
}

const line = (description: string, quantity: string, unitPrice: string, net: string, extra: Partial<Quote['lines'][number]> = {}): Quote['lines'][number] => ({
  description,
  kind: 'services',
  quantity,
  unitPrice,
  vatRate: '20',
  net,
  ...extra,
});

export const QUOTE_LINES: Quote['lines'] = [
  line('Rénovation de la salle de bains : dépose, plomberie, faïence', '1', '7600', '7600.00'),
  line('Main-d’œuvre de pose', '40', '60', '2400.00', { unit: 'HUR' }),
];

const AT_20 = (base: string, vat: string) => ({ net: base, vat, gross: centsToString(toCents(base) + toCents(vat)), byRate: [{ rate: '20', base, vat }] });

export function workedQuote(overrides: Partial<Quote> = {}): Quote {
  return {
    id: 1,
    number: 'D2026-00001',
    status: 'sent',
    customerId: 1,
    customerName: 'Société Générale',
    customerCode: 'C00001',
    date: '2026-10-01',
    validUntil: '2026-10-31',
    depositPercent: '30',
    paymentTerms: 'solde à réception de la facture finale.',
    consumerWork: false,
    notes: 'Travaux prévus sur deux semaines à partir de la date d’acceptation.',
    vatRegime: 'debits',
    lines: QUOTE_LINES,
    totals: AT_20('10000.00', '2000.00'),
    invoices: [],
    depositsInvoiced: { net: '0.00', vat: '0.00', gross: '0.00' },
    ...overrides,
  };
}

const invoiceBase = (overrides: Partial<Invoice>): Invoice => ({
  id: 2,
  number: 'F2026-00002',
  status: 'open',
  customerId: 1,
  customerName: 'Société Générale',
  customerCode: 'C00001',
  date: '2026-10-05',
  dueDate: '2026-11-19',
  vatRegime: 'debits',
  lines: [],
  totals: AT_20('0.00', '0.00'),
  paid: '0.00',
  credited: '0.00',
  outstanding: '0.00',
  ...overrides,
});

/** The 30 % deposit invoice F2026-00002: one line at 20 %, credited to 4191. */
export function depositInvoice(overrides: Partial<Invoice> = {}): Invoice {
  return invoiceBase({
    quote: { id: 1, number: 'D2026-00001', role: 'deposit' },
    lines: [line('Acompte de 30 % sur le devis D2026-00001 du 01/10/2026', '1', '3000', '3000.00', { account: '4191' })],
    totals: AT_20('3000.00', '600.00'),
    outstanding: '3600.00',
    ...overrides,
  });
}

/** The final invoice F2026-00003: the quote's lines, less the deposit F2026-00002; 8 400,00 € due. */
export function finalInvoice(overrides: Partial<Invoice> = {}): Invoice {
  return invoiceBase({
    id: 3,
    number: 'F2026-00003',
    date: '2026-11-20',
    dueDate: '2027-01-04',
    quote: { id: 1, number: 'D2026-00001', role: 'final' },
    lines: QUOTE_LINES,
    totalsBeforeDeductions: AT_20('10000.00', '2000.00'),
    deductions: [{ invoiceId: 2, number: 'F2026-00002', date: '2026-10-05', net: '3000.00', vat: '600.00', gross: '3600.00', byRate: [{ rate: '20', base: '3000.00', vat: '600.00' }] }],
    totals: AT_20('7000.00', '1400.00'),
    outstanding: '8400.00',
    ...overrides,
  });
}

/** Draws a printed document as the channels do, into `dir`; its path, text and text on one line. */
export async function drawn(dir: string, d: PrintedDocument) {
  const { fileName, bytes } = await renderPrintedDocument(d, fixedClock());
  const path = join(dir, fileName);
  writeFileSync(path, bytes);
  const text = pdfText(path);
  return { path, fileName, text, flat: squash(text) };
}
