import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceDocument } from '../../../src/main/core/documents/invoice-document';
import { invoiceCii } from '../../../src/main/core/einvoice/cii-invoice';
import { ciiXml } from '../../../src/main/core/einvoice/cii-xml';
import type { Invoice } from '../../../src/shared/domain/invoice';
import { makeTempDir } from '../../helpers/temp';
import { depositInvoice, finalInvoice, setUpQuoteCompany } from '../documents/quote-fixtures';
import { makeTestCompany } from '../../helpers/context';
import { blocking, expectSchematronsPassed, missingValidators, validateFacturx, type Validation } from './facturx-validators';

/**
 * Issue 19 in Factur-X: a deposit invoice is a 386; the final invoice (cadre B4/S4/M4) deducts each
 * deposit as a negative line per rate and names the deposit invoices (BG-3), so that its VAT breakdown is
 * the balance as posted. Both pass the official Factur-X 1.09 EN 16931 XSD and schematrons (EN 16931 and
 * French CTC). Skipped, saying why, only where java or Saxon HE is missing (.ci/run installs them).
 */
const missing = await missingValidators();
if (missing) console.warn(`Factur-X : validation officielle sautée — ${missing}`);

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false, isArray: () => true });
type X = Record<string, X[] | string>;
function valuesAt(xml: string, path: string[]): string[] {
  let nodes: (X | string)[] = [parser.parse(xml) as X];
  for (const step of path) nodes = nodes.flatMap((n) => (typeof n === 'string' ? [] : ((n[step] as (X | string)[] | undefined) ?? [])));
  return nodes.map((n) => (typeof n === 'string' ? n : String((n['#text'] as string | undefined) ?? '')));
}
const ROOT = ['CrossIndustryInvoice'];
const DOC = [...ROOT, 'ExchangedDocument'];
const TRANSACTION = [...ROOT, 'SupplyChainTradeTransaction'];
const SETTLEMENT = [...TRANSACTION, 'ApplicableHeaderTradeSettlement'];
const LINE = [...TRANSACTION, 'IncludedSupplyChainTradeLineItem'];
const SUM = [...SETTLEMENT, 'SpecifiedTradeSettlementHeaderMonetarySummation'];

/** A final invoice with two deposits over two rates and a discount, for the breakdown per rate. */
function twoRatesFinal(): Invoice {
  return finalInvoice({
    discountPercent: '10',
    lines: [
      { description: 'Fenêtres', kind: 'goods', quantity: '2', unitPrice: '1000', vatRate: '20', net: '1800.00' },
      { description: 'Pose (rénovation)', kind: 'services', quantity: '1', unitPrice: '1000', vatRate: '10', net: '900.00' },
    ],
    totalsBeforeDeductions: { net: '2700.00', vat: '450.00', gross: '3150.00', byRate: [{ rate: '20', base: '1800.00', vat: '360.00' }, { rate: '10', base: '900.00', vat: '90.00' }] },
    deductions: [
      { invoiceId: 2, number: 'F2026-00002', date: '2026-10-05', net: '270.00', vat: '45.00', gross: '315.00', byRate: [{ rate: '20', base: '180.00', vat: '36.00' }, { rate: '10', base: '90.00', vat: '9.00' }] },
      { invoiceId: 4, number: 'F2026-00004', date: '2026-10-25', net: '540.00', vat: '90.00', gross: '630.00', byRate: [{ rate: '20', base: '360.00', vat: '72.00' }, { rate: '10', base: '180.00', vat: '18.00' }] },
    ],
    totals: { net: '1890.00', vat: '315.00', gross: '2205.00', byRate: [{ rate: '20', base: '1260.00', vat: '252.00' }, { rate: '10', base: '630.00', vat: '63.00' }] },
    outstanding: '2205.00',
  });
}

/**
 * The final invoice charges the operation's VAT less the deposit's (receivables/invoices.ts): 100,03 € HT
 * at 20 % is 20,01 € of VAT; a deposit of 30,01 € HT charged 6,00 €; the balance 70,02 € HT carries
 * 14,01 €, a cent more than 70,02 × 20 % rounded. EN 16931 (BR-CO-17, BR-S-09) tolerates it.
 */
function centOffFinal(): Invoice {
  return finalInvoice({
    lines: [{ description: 'Réglage', kind: 'services', quantity: '1', unitPrice: '100.03', vatRate: '20', net: '100.03' }],
    totalsBeforeDeductions: { net: '100.03', vat: '20.01', gross: '120.04', byRate: [{ rate: '20', base: '100.03', vat: '20.01' }] },
    deductions: [{ invoiceId: 2, number: 'F2026-00002', date: '2026-10-05', net: '30.01', vat: '6.00', gross: '36.01', byRate: [{ rate: '20', base: '30.01', vat: '6.00' }] }],
    totals: { net: '70.02', vat: '14.01', gross: '84.03', byRate: [{ rate: '20', base: '70.02', vat: '14.01' }] },
    outstanding: '84.03',
  });
}

describe('Factur-X of deposit and final invoices (issue 19)', () => {
  let docs: { name: string; xml: string }[];
  let dispose = () => {};
  afterAll(() => dispose());

  beforeAll(async () => {
    const tc = makeTestCompany();
    dispose = tc.dispose;
    const { company, customer } = await setUpQuoteCompany(tc);
    const xmlOf = (invoice: Invoice) => ciiXml(invoiceCii(company, customer(invoice.customerId), invoice, invoiceDocument(company, customer(invoice.customerId), invoice, { rate: '10', ecb: false })));
    docs = [
      { name: 'deposit-30', xml: xmlOf(depositInvoice()) },
      { name: 'final-worked-example', xml: xmlOf(finalInvoice()) },
      { name: 'final-two-deposits-two-rates-discount', xml: xmlOf(twoRatesFinal()) },
      { name: 'final-vat-a-cent-off', xml: xmlOf(centOffFinal()) },
      { name: 'deposit-goods-encaissements', xml: xmlOf(depositInvoice({ vatRegime: 'encaissements', lines: depositInvoice().lines.map((l) => ({ ...l, kind: 'goods' })) })) },
    ];
  });

  it('makes a deposit invoice a 386, in cadre S1, with its own totals', () => {
    const xml = docs[0]!.xml;
    expect(valuesAt(xml, [...DOC, 'TypeCode'])).toEqual(['386']);
    expect(valuesAt(xml, [...ROOT, 'ExchangedDocumentContext', 'BusinessProcessSpecifiedDocumentContextParameter', 'ID'])).toEqual(['S1']);
    expect(valuesAt(xml, [...SUM, 'DuePayableAmount'])).toEqual(['3600.00']);
    expect(valuesAt(xml, [...SETTLEMENT, 'InvoiceReferencedDocument'])).toEqual([]);
    // Its VAT falls due as the ledger keeps it: services under the option for debits on the invoice's date (5),
    // a deposit on goods when received (72), whatever the regime.
    expect(valuesAt(xml, [...SETTLEMENT, 'ApplicableTradeTax', 'DueDateTypeCode'])).toEqual(['5']);
    expect(valuesAt(docs[4]!.xml, [...SETTLEMENT, 'ApplicableTradeTax', 'DueDateTypeCode'])).toEqual(['72']);
    expect(valuesAt(xml, [...DOC, 'IncludedNote', 'Content'])).toContain('Facture d’acompte sur le devis n° D2026-00001 : l’acompte sera déduit de la facture finale.');
  });

  it('makes the worked example’s final invoice a 380 in cadre S4: the quote’s lines, the deposit as a line of −3 000,00 € at 20 %, VAT 7 000 / 1 400, 8 400,00 € due', () => {
    const xml = docs[1]!.xml;
    expect(valuesAt(xml, [...DOC, 'TypeCode'])).toEqual(['380']);
    expect(valuesAt(xml, [...ROOT, 'ExchangedDocumentContext', 'BusinessProcessSpecifiedDocumentContextParameter', 'ID'])).toEqual(['S4']);
    expect(valuesAt(xml, [...LINE, 'SpecifiedTradeProduct', 'Name'])).toEqual(['Rénovation de la salle de bains : dépose, plomberie, faïence', 'Main-d’œuvre de pose', 'Acompte F2026-00002 du 05/10/2026']);
    expect(valuesAt(xml, [...LINE, 'SpecifiedLineTradeDelivery', 'BilledQuantity'])).toEqual(['1', '40', '-1']);
    expect(valuesAt(xml, [...LINE, 'SpecifiedLineTradeAgreement', 'NetPriceProductTradePrice', 'ChargeAmount'])).toEqual(['7600', '60', '3000.00']);
    expect(valuesAt(xml, [...LINE, 'SpecifiedLineTradeSettlement', 'SpecifiedTradeSettlementLineMonetarySummation', 'LineTotalAmount'])).toEqual(['7600.00', '2400.00', '-3000.00']);
    expect(valuesAt(xml, [...SETTLEMENT, 'ApplicableTradeTax', 'BasisAmount'])).toEqual(['7000.00']);
    expect(valuesAt(xml, [...SETTLEMENT, 'ApplicableTradeTax', 'CalculatedAmount'])).toEqual(['1400.00']);
    expect(valuesAt(xml, [...SETTLEMENT, 'ApplicableTradeTax', 'RateApplicablePercent'])).toEqual(['20']);
    expect(valuesAt(xml, [...SUM, 'LineTotalAmount'])).toEqual(['7000.00']);
    expect(valuesAt(xml, [...SUM, 'TaxBasisTotalAmount'])).toEqual(['7000.00']);
    expect(valuesAt(xml, [...SUM, 'TaxTotalAmount'])).toEqual(['1400.00']);
    expect(valuesAt(xml, [...SUM, 'GrandTotalAmount'])).toEqual(['8400.00']);
    expect(valuesAt(xml, [...SUM, 'DuePayableAmount'])).toEqual(['8400.00']);
    expect(valuesAt(xml, [...SETTLEMENT, 'InvoiceReferencedDocument', 'IssuerAssignedID'])).toEqual(['F2026-00002']);
    expect(valuesAt(xml, [...SETTLEMENT, 'InvoiceReferencedDocument', 'FormattedIssueDateTime', 'DateTimeString'])).toEqual(['20261005']);
  });

  it('deducts two deposits over two rates (after an invoice discount): one line per deposit and rate, both named in BG-3, the breakdown per rate as posted', () => {
    const xml = docs[2]!.xml;
    expect(valuesAt(xml, [...ROOT, 'ExchangedDocumentContext', 'BusinessProcessSpecifiedDocumentContextParameter', 'ID'])).toEqual(['M4']);
    expect(valuesAt(xml, [...LINE, 'SpecifiedLineTradeSettlement', 'SpecifiedTradeSettlementLineMonetarySummation', 'LineTotalAmount'])).toEqual(['2000.00', '1000.00', '-180.00', '-90.00', '-360.00', '-180.00']);
    expect(valuesAt(xml, [...SETTLEMENT, 'ApplicableTradeTax', 'BasisAmount'])).toEqual(['1260.00', '630.00']);
    expect(valuesAt(xml, [...SETTLEMENT, 'ApplicableTradeTax', 'CalculatedAmount'])).toEqual(['252.00', '63.00']);
    expect(valuesAt(xml, [...SUM, 'LineTotalAmount'])).toEqual(['2190.00']);
    expect(valuesAt(xml, [...SUM, 'AllowanceTotalAmount'])).toEqual(['300.00']);
    expect(valuesAt(xml, [...SUM, 'DuePayableAmount'])).toEqual(['2205.00']);
    expect(valuesAt(xml, [...SETTLEMENT, 'InvoiceReferencedDocument', 'IssuerAssignedID'])).toEqual(['F2026-00002', 'F2026-00004']);
  });

  it('carries the VAT as posted when it is a cent off the balance’s base × rate (14,01 € on 70,02 € at 20 %)', () => {
    const xml = docs[3]!.xml;
    expect(valuesAt(xml, [...SETTLEMENT, 'ApplicableTradeTax', 'BasisAmount'])).toEqual(['70.02']);
    expect(valuesAt(xml, [...SETTLEMENT, 'ApplicableTradeTax', 'CalculatedAmount'])).toEqual(['14.01']);
    expect(valuesAt(xml, [...SUM, 'DuePayableAmount'])).toEqual(['84.03']);
  });

  describe.skipIf(missing !== null)('against the official artifacts', () => {
    let results: Validation[];
    let mutant: Validation;

    beforeAll(async () => {
      const temp = makeTempDir();
      // Beside them, proving the chain sees the deductions: the final invoice with its deposit line dropped.
      const final = docs[1]!.xml;
      const dropped = final.replace(/<ram:IncludedSupplyChainTradeLineItem>(?:(?!<\/ram:IncludedSupplyChainTradeLineItem>)[\s\S])*Acompte F2026-00002[\s\S]*?<\/ram:IncludedSupplyChainTradeLineItem>/, '');
      expect(dropped).not.toBe(final);
      const all = await validateFacturx([...docs, { name: 'mutant-no-deduction-line', xml: dropped }], temp.dir);
      mutant = all.pop()!;
      results = all;
      temp.remove();
    }, 240_000);

    it('validates the deposit and final invoices against the Factur-X EN 16931 XSD', () => {
      for (const r of results) expect({ name: r.name, errors: r.xsdErrors }).toEqual({ name: r.name, errors: [] });
    });

    it('passes both schematrons (EN 16931 and French CTC) with no fatal or error assertion', () => {
      expectSchematronsPassed(results, 'Factur-X acomptes');
    });

    it('refuses the final invoice without its deposit line: the lines no longer add up to the total (BR-CO-10)', () => {
      expect(mutant.failed.filter(blocking).map((f) => f.text).some((t) => t.startsWith('[BR-CO-10]'))).toBe(true);
    });
  });
});
