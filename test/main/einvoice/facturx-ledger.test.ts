import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centsToString, Dec, toCents } from '../../../src/shared/money';
import { callOk } from '../../helpers/context';
import { facturxCorpus, type CorpusDocument } from './facturx-corpus';

/**
 * The XML's totals are the ledger's: for each document of the corpus, its entry in the sales journal
 * (411 for the amount with VAT, 445xx per rate for the VAT, the rest for the amount without VAT) gives
 * the very numbers the XML states — GrandTotal, TaxTotal, TaxBasisTotal, DuePayable and the breakdown
 * per rate — to the cent.
 */

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false });
type X = { [k: string]: X | X[] | string };
const one = (x: X | X[] | string | undefined): X => (Array.isArray(x) ? x[0]! : (x as X));
const text = (x: X | X[] | string | undefined): string => (typeof x === 'string' ? x : String(one(x)['#text'] ?? ''));
const list = (x: X | X[] | string | undefined): X[] => (x === undefined ? [] : Array.isArray(x) ? x : [x as X]);

function xmlTotals(xml: string) {
  const settlement = one(one(one(parser.parse(xml) as X).CrossIndustryInvoice).SupplyChainTradeTransaction).ApplicableHeaderTradeSettlement as X;
  const sum = one(settlement.SpecifiedTradeSettlementHeaderMonetarySummation);
  const byRate = new Map<string, string>();
  for (const t of list(settlement.ApplicableTradeTax)) {
    const rate = t.RateApplicablePercent === undefined ? '0' : new Dec(text(t.RateApplicablePercent)).toFixed();
    byRate.set(rate, centsToString((byRate.has(rate) ? toCents(byRate.get(rate)!) : 0n) + toCents(text(t.CalculatedAmount))));
  }
  return { basis: text(sum.TaxBasisTotalAmount), tax: text(sum.TaxTotalAmount), grand: text(sum.GrandTotalAmount), due: text(sum.DuePayableAmount), byRate };
}

async function ledgerTotals(d: CorpusDocument) {
  const entryId = d.kind === 'invoice' ? (await callOk(d.ctx, 'invoice.get', { id: d.id })).entryId : (await callOk(d.ctx, 'creditNote.get', { id: d.id })).entryId;
  const { entry } = await callOk(d.ctx, 'ledger.entry', { id: entryId! });
  // An invoice credits its revenue and VAT; a credit note debits them: read each line on its own side.
  const sign = d.kind === 'invoice' ? 1n : -1n;
  const amountOf = (l: { debit: string; credit: string }) => sign * (toCents(l.credit) - toCents(l.debit));
  let grand = 0n;
  let tax = 0n;
  let basis = 0n;
  const byRate = new Map<string, bigint>();
  for (const l of entry.lines) {
    if (l.account.startsWith('411')) grand -= amountOf(l);
    else if (l.account.startsWith('445')) {
      tax += amountOf(l);
      const rate = new Dec(/TVA ([\d,]+) %/.exec(l.label)![1]!.replace(',', '.')).toFixed();
      byRate.set(rate, (byRate.get(rate) ?? 0n) + amountOf(l));
    } else basis += amountOf(l);
  }
  return { grand: centsToString(grand), tax: centsToString(tax), basis: centsToString(basis), byRate };
}

describe('Factur-X totals equal the ledger entry of the same document', () => {
  let docs: CorpusDocument[];
  let dispose = () => {};
  beforeAll(async () => {
    ({ docs, dispose } = await facturxCorpus());
  }, 60_000);
  afterAll(() => dispose());

  it('TaxBasisTotal, TaxTotal, GrandTotal and DuePayable are the entry’s amounts, and the VAT per rate its VAT lines', async () => {
    expect(docs.length).toBeGreaterThanOrEqual(10);
    for (const d of docs) {
      const xml = xmlTotals(d.xml);
      const ledger = await ledgerTotals(d);
      expect({ name: d.name, basis: xml.basis, tax: xml.tax, grand: xml.grand, due: xml.due }).toEqual({ name: d.name, basis: ledger.basis, tax: ledger.tax, grand: ledger.grand, due: ledger.grand });
      // Each rate the ledger carries VAT on is in the XML with that VAT; the XML's other rates carry none.
      for (const [rate, vat] of ledger.byRate) expect({ name: d.name, rate, vat: xml.byRate.get(rate) }).toEqual({ name: d.name, rate, vat: centsToString(vat) });
      for (const [rate, vat] of xml.byRate) if (!ledger.byRate.has(rate)) expect({ name: d.name, rate, vat }).toEqual({ name: d.name, rate, vat: '0.00' });
    }
  });
});
