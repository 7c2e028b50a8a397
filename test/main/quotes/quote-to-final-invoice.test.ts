import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../src/main/core/context';
import { callErr, callOk, testCompany } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { companyInit, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { importLines } from '../bank/matching-helpers';

/**
 * accounting.md §11 and issue 19, figures by hand. A quote of 10 000,00 HT of works at 20 % (12 000,00 TTC);
 * a deposit of 30 % = 3 000,00 HT + 600,00 VAT = 3 600,00; the final invoice: 12 000,00 − 3 600,00 = 8 400,00
 * (7 000,00 HT + 1 400,00 VAT).
 */

type Regime = 'debits' | 'encaissements' | 'franchise';

async function acceptedQuote(regime: Regime, rate = '20', kind: 'goods' | 'services' = 'services') {
  const { ctx, path } = testCompany();
  await callOk(ctx, 'company.init', { ...companyInit, vatRegime: regime });
  await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  const quote = await callOk(ctx, 'quote.create', {
    customerId: 1, date: '2026-09-01', validate: true, depositPercent: '30',
    lines: [
      { description: 'Main-d’œuvre', quantity: '80', unit: 'HUR', unitPrice: '75', vatRate: regime === 'franchise' ? '0' : rate, kind },
      { description: 'Plan de travail', quantity: '1', unitPrice: '4000', vatRate: regime === 'franchise' ? '0' : rate, kind },
    ],
  });
  await callOk(ctx, 'quote.setStatus', { id: quote.id, status: 'accepted', date: '2026-09-03' });
  return { ctx, path, quote };
}

async function linesOf(ctx: ServiceContext, entryId: number | undefined) {
  const e = await callOk(ctx, 'ledger.entry', { id: entryId ?? 0 });
  return e.entry.lines.map((l) => `${l.debit !== '0.00' ? 'D' : 'C'} ${l.account}${l.aux ? `/${l.aux}` : ''} ${l.debit !== '0.00' ? l.debit : l.credit}`);
}

async function balance(ctx: ServiceContext, account: string): Promise<string> {
  const tb = await callOk(ctx, 'report.trialBalance', {});
  return tb.rows.find((r) => r.account === account)?.balance ?? '0.00';
}

async function pay(ctx: ServiceContext, invoiceId: number, amount: string, date: string) {
  return callOk(ctx, 'payment.record', { customerId: 1, date, amount, method: 'transfer', allocations: [{ invoiceId, amount }] });
}

describe('a quote', () => {
  it('is numbered in its own gapless series, posts nothing, and computes its totals as an invoice does', async () => {
    const { ctx, quote } = await acceptedQuote('debits');
    expect(quote.number).toBe('D2026-00001');
    expect(quote.totals).toMatchObject({ net: '10000.00', vat: '2000.00', gross: '12000.00' });
    expect(quote.validUntil).toBe('2026-10-01');
    expect((await callOk(ctx, 'ledger.entries', {})).total).toBe(0);
    const draft = await callOk(ctx, 'quote.create', { customerId: 1, date: '2026-09-05', lines: [{ description: 'Petite réparation', quantity: '1', unitPrice: '90', vatRate: '10', kind: 'services' }] });
    expect(draft.number).toBeUndefined();
    expect((await callOk(ctx, 'quote.setStatus', { id: draft.id, status: 'sent' })).number).toBe('D2026-00002');
  });

  it('reads expired after its validity date and invoiced once its final invoice exists; its status never goes back', async () => {
    const { ctx, quote } = await acceptedQuote('debits');
    const sent = await callOk(ctx, 'quote.create', { customerId: 1, date: '2026-09-01', validUntil: '2026-09-30', validate: true, lines: [{ description: 'Dépannage', quantity: '1', unitPrice: '90', vatRate: '10', kind: 'services' }] });
    // The tests' clock says 22 November 2026.
    expect((await callOk(ctx, 'quote.get', { id: sent.id })).status).toBe('expired');
    expect((await callOk(ctx, 'quote.list', { status: 'expired' })).rows.map((r) => r.id)).toEqual([sent.id]);
    await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'final', date: '2026-11-20', validate: true });
    expect((await callOk(ctx, 'quote.get', { id: quote.id })).status).toBe('invoiced');
    expectFrench((await callErr(ctx, 'quote.setStatus', { id: quote.id, status: 'refused' })).message);
  });

  it('is invoiced only once accepted, and an issued quote is neither edited nor deleted', async () => {
    const { ctx } = await acceptedQuote('debits');
    const sent = await callOk(ctx, 'quote.create', { customerId: 1, date: '2026-10-01', validate: true, lines: [{ description: 'Dépannage', quantity: '1', unitPrice: '90', vatRate: '10', kind: 'services' }] });
    const before = dumpDb(ctx.file.path);
    const e = await callErr(ctx, 'quote.invoice', { quoteId: sent.id, kind: 'deposit', percent: '30', date: '2026-10-02', validate: true });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/pas accepté/);
    expect((await callErr(ctx, 'quote.update', { id: sent.id, notes: 'x' })).code).toBe('CONFLICT');
    expect((await callErr(ctx, 'quote.delete', { id: sent.id })).code).toBe('CONFLICT');
    expect(dumpDb(ctx.file.path)).toEqual(before);
  });
});

describe('a quote’s terms', () => {
  it('for a consumer’s repair work, needs the place of the work, and keeps what the quote prints', async () => {
    const { ctx } = await acceptedQuote('debits');
    const lines = [{ description: 'Remplacement du chauffe-eau', quantity: '1', unitPrice: '850', vatRate: '10', kind: 'services' as const }];
    const e = await callErr(ctx, 'quote.create', { customerId: 1, date: '2026-10-01', consumerWork: true, lines });
    expect(e.fieldErrors?.workSite).toBeDefined();
    expectFrench(e.message);
    const q = await callOk(ctx, 'quote.create', { customerId: 1, date: '2026-10-01', consumerWork: true, workSite: '12 rue des Lilas, 69003 Lyon', travelCosts: '35,00 € forfait', paymentTerms: 'À réception', lines });
    expect(q).toMatchObject({ consumerWork: true, workSite: '12 rue des Lilas, 69003 Lyon', travelCosts: '35,00 € forfait', paymentTerms: 'À réception', status: 'draft' });
    expect((await callOk(ctx, 'quote.list', { search: 'generale' })).total).toBe(2);
    // The total TTC as the owner types it: 850,00 HT + 10 % = 935,00.
    expect((await callOk(ctx, 'quote.list', { search: '935,00 €' })).rows.map((r) => r.id)).toEqual([q.id]);
  });

  it('takes prices typed TTC, as an invoice does: the quote’s TTC is what was typed', async () => {
    const { ctx } = await acceptedQuote('debits');
    const q = await callOk(ctx, 'quote.create', { customerId: 1, date: '2026-10-01', pricesIncludeTax: true, lines: [{ description: 'Forfait entretien', quantity: '1', unitPrice: '150', vatRate: '10', kind: 'services' }] });
    // 150,00 TTC at 10 %: 136,36 HT + 13,64 of VAT = 150,00.
    expect(q.totals).toMatchObject({ net: '136.36', vat: '13.64', gross: '150.00' });
    expect(q.lines[0]?.unitPrice).toBe('136.36');
  });
});

describe('deposit and final invoices, under VAT on debits', () => {
  it('posts the deposit for works D 411 3 600 / C 4191 3 000 / C 44571 600 (services, option for debits: taxed on the invoice)', async () => {
    const { ctx, quote } = await acceptedQuote('debits');
    const deposit = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'deposit', percent: '30', date: '2026-09-05', validate: true });
    expect(deposit.quote).toEqual({ id: quote.id, number: 'D2026-00001', role: 'deposit' });
    expect(deposit.totals).toMatchObject({ net: '3000.00', vat: '600.00', gross: '3600.00' });
    expect(deposit.lines).toMatchObject([{ description: 'Acompte de 30 % sur le devis D2026-00001 du 01/09/2026', unitPrice: '3000.00', account: '4191' }]);
    expect(await linesOf(ctx, deposit.entryId)).toEqual(['D 411/C00001 3600.00', 'C 4191/C00001 3000.00', 'C 44571 600.00']);
  });

  it('keeps a deposit on goods on 44574 until it is received (CGI art. 269-2-a since 2023), then moves it to 44571', async () => {
    const { ctx, quote } = await acceptedQuote('debits', '20', 'goods');
    const deposit = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'deposit', percent: '30', date: '2026-09-05', validate: true });
    expect(await linesOf(ctx, deposit.entryId)).toEqual(['D 411/C00001 3600.00', 'C 4191/C00001 3000.00', 'C 44574 600.00']);
    await pay(ctx, deposit.id, '1800.00', '2026-09-10');
    expect(await balance(ctx, '44574')).toBe('-300.00');
    await pay(ctx, deposit.id, '1800.00', '2026-09-20');
    expect(await balance(ctx, '44574')).toBe('0.00');
    expect(await balance(ctx, '44571')).toBe('-600.00');
    // Goods are taxed on delivery: the final invoice's 1 400,00 on 44571 at once (707 for goods).
    const final = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'final', date: '2026-10-15', validate: true });
    expect(await linesOf(ctx, final.entryId)).toEqual(['D 411/C00001 8400.00', 'D 4191/C00001 3000.00', 'C 707 10000.00', 'C 44571 1400.00']);
  });

  it('takes a goods deposit’s VAT back from 44574 when a credit note by lines reduces it before it is paid', async () => {
    const { ctx, quote } = await acceptedQuote('debits', '20', 'goods');
    const deposit = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'deposit', percent: '30', date: '2026-09-05', validate: true });
    const cn = await callOk(ctx, 'creditNote.create', {
      invoiceId: deposit.id, date: '2026-09-06', reason: 'Acompte ramené à 20 %', kind: 'rebate', validate: true,
      lines: [{ description: 'Acompte réduit', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }],
    });
    expect(await linesOf(ctx, cn.entryId)).toEqual(['D 4191/C00001 1000.00', 'D 44574 200.00', 'C 411/C00001 1200.00']);
    await pay(ctx, deposit.id, '2400.00', '2026-09-10');
    expect(await balance(ctx, '44574')).toBe('0.00');
    expect(await balance(ctx, '44571')).toBe('-400.00');
    const final = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'final', date: '2026-10-15', validate: true });
    expect(final.deductions?.map((d) => [d.net, d.vat])).toEqual([['2000.00', '400.00']]);
    expect(final.totals.gross).toBe('9600.00');
  });

  it('posts the final invoice D 411 8 400 / D 4191 3 000 / C 706 10 000 / C 44571 1 400, and the chain leaves 4191 and 411 at 0', async () => {
    const { ctx, quote } = await acceptedQuote('debits');
    const deposit = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'deposit', percent: '30', date: '2026-09-05', validate: true });
    await pay(ctx, deposit.id, '3600.00', '2026-09-10');
    const final = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'final', date: '2026-10-15', validate: true });
    expect(await linesOf(ctx, final.entryId)).toEqual(['D 411/C00001 8400.00', 'D 4191/C00001 3000.00', 'C 706 10000.00', 'C 44571 1400.00']);
    expect(final.totals).toMatchObject({ net: '7000.00', vat: '1400.00', gross: '8400.00' });
    expect(final.totalsBeforeDeductions).toMatchObject({ net: '10000.00', vat: '2000.00', gross: '12000.00' });
    expect(final.deductions).toEqual([
      { invoiceId: deposit.id, number: deposit.number, date: '2026-09-05', net: '3000.00', vat: '600.00', gross: '3600.00', byRate: [{ rate: '20', base: '3000.00', vat: '600.00' }] },
    ]);
    expect(final.lines.map((l) => l.net)).toEqual(['6000.00', '4000.00']);
    await pay(ctx, final.id, '8400.00', '2026-11-02');
    expect(await balance(ctx, '4191')).toBe('0.00');
    expect(await balance(ctx, '411')).toBe('0.00');
    expect(await balance(ctx, '44571')).toBe('-2000.00');
    expect(await balance(ctx, '706')).toBe('-10000.00');
    expect((await callOk(ctx, 'quote.get', { id: quote.id })).invoices.map((i) => [i.role, i.gross])).toEqual([['deposit', '3600.00'], ['final', '8400.00']]);
  });

  it('asks an amount HT shared over the quote’s rates in their proportions, the shares adding up to the cent', async () => {
    const { ctx } = await acceptedQuote('debits');
    const q = await callOk(ctx, 'quote.create', {
      customerId: 1, date: '2026-09-01', validate: true,
      lines: [
        { description: 'Pose', quantity: '1', unitPrice: '1000', vatRate: '10', kind: 'services' },
        { description: 'Carrelage', quantity: '1', unitPrice: '2000', vatRate: '20', kind: 'goods' },
      ],
    });
    await callOk(ctx, 'quote.setStatus', { id: q.id, status: 'accepted' });
    // 1 000,00 HT over 1 000 : 2 000 → 333,33 at 10 % and 666,67 at 20 % (running total, rounded once).
    const d = await callOk(ctx, 'quote.invoice', { quoteId: q.id, kind: 'deposit', amount: '1000', date: '2026-09-05', validate: true });
    expect(d.lines.map((l) => [l.vatRate, l.net])).toEqual([['10', '333.33'], ['20', '666.67']]);
    // VAT: 33,33 + 133,33 = 166,66; the goods' (20 %) pending until received, the services' taxed at once.
    expect(d.totals).toMatchObject({ net: '1000.00', vat: '166.66', gross: '1166.66' });
    expect(await linesOf(ctx, d.entryId)).toEqual(['D 411/C00001 1166.66', 'C 4191/C00001 1000.00', 'C 44574 133.33', 'C 44571 33.33']);
    // The final invoice: 20 %: 400,00 − 133,33 = 266,67 of VAT; 10 %: 100,00 − 33,33 = 66,67.
    const f = await callOk(ctx, 'quote.invoice', { quoteId: q.id, kind: 'final', date: '2026-10-01', validate: true });
    expect(f.totals.byRate).toEqual([{ rate: '20', base: '1333.33', vat: '266.67' }, { rate: '10', base: '666.67', vat: '66.67' }]);
    expect(f.totals.gross).toBe('2333.34');
  });

  it('refuses deposits that would reach the quote’s total (the balance is the final invoice’s), and changes nothing', async () => {
    const { ctx, quote } = await acceptedQuote('debits');
    await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'deposit', percent: '60', date: '2026-09-05', validate: true });
    const before = dumpDb(ctx.file.path);
    const e = await callErr(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'deposit', amount: '4000', date: '2026-09-06', validate: true });
    expect(e.fieldErrors?.amount).toMatch(/10\s000,00\s€\sHT/);
    expectFrench(e.message);
    expect(dumpDb(ctx.file.path)).toEqual(before);
  });

  it('deducts a deposit net of its credit note; a deposit credited in full deducts nothing', async () => {
    const { ctx, quote } = await acceptedQuote('debits');
    const d1 = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'deposit', percent: '30', date: '2026-09-05', validate: true });
    const d2 = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'deposit', percent: '10', date: '2026-09-06', validate: true });
    // The second deposit was asked by mistake: cancelled by a credit note, back to 4191 (not to sales).
    const cn = await callOk(ctx, 'creditNote.create', { invoiceId: d2.id, date: '2026-09-07', reason: 'Acompte demandé par erreur', kind: 'cancellation', validate: true });
    expect(await linesOf(ctx, cn.entryId)).toEqual(['D 4191/C00001 1000.00', 'D 44571 200.00', 'C 411/C00001 1200.00']);
    const final = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'final', date: '2026-10-15', validate: true });
    expect(final.deductions?.map((d) => d.number)).toEqual([d1.number]);
    expect(final.totals.gross).toBe('8400.00');
    await pay(ctx, d1.id, '3600.00', '2026-09-10');
    await pay(ctx, final.id, '8400.00', '2026-11-02');
    expect(await balance(ctx, '4191')).toBe('0.00');
    expect(await balance(ctx, '411')).toBe('0.00');
    expect(await balance(ctx, '44574')).toBe('0.00');
  });

  it('keeps an invoiced deposit out of the customer’s cash advances: nothing to apply to another invoice', async () => {
    const { ctx, quote } = await acceptedQuote('debits');
    const d = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'deposit', percent: '30', date: '2026-09-05', validate: true });
    await pay(ctx, d.id, '3600.00', '2026-09-10');
    const other = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-09-12', validate: true, lines: [{ description: 'Autre', quantity: '1', unitPrice: '100', vatRate: '20', kind: 'services' }] });
    const e = await callErr(ctx, 'advance.apply', { customerId: 1, invoiceId: other.id, amount: '120.00', date: '2026-09-13' });
    expectFrench(e.message);
  });
});

describe('a deposit invoice as a receivable', () => {
  it('is aged, dunned and matched to the bank like any invoice, for the 3 600,00 it asks', async () => {
    const { ctx, quote } = await acceptedQuote('debits');
    const d = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'deposit', percent: '30', date: '2026-09-05', validate: true });
    // Due on its date (payable at the order): late by 22 November, the tests' day.
    expect(d.dueDate).toBe('2026-09-05');
    const aging = await callOk(ctx, 'report.aging', { asOf: '2026-11-22' });
    expect(aging.totals.total).toBe('3600.00');
    expect((await callOk(ctx, 'dunning.due', { asOf: '2026-11-22' })).rows.map((r) => [r.number, r.gross])).toEqual([[d.number, '3600.00']]);
    expect((await callOk(ctx, 'invoice.list', { overdue: true })).rows.map((r) => r.id)).toEqual([d.id]);
    await importLines(ctx, [{ date: '2026-11-20', amount: '3600.00', name: 'SOCIETE GENERALE', remittance: `Acompte ${d.number}` }]);
    await callOk(ctx, 'bank.autoMatch', {});
    expect((await callOk(ctx, 'invoice.get', { id: d.id })).status).toBe('paid');
    expect(await balance(ctx, '44574')).toBe('0.00');
  });
});

describe('deposit and final invoices, under VAT on receipts', () => {
  it('posts the deposit’s VAT on 44574 and the final invoice’s services VAT on 44574, each moved to 44571 when paid', async () => {
    const { ctx, quote } = await acceptedQuote('encaissements');
    const deposit = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'deposit', percent: '30', date: '2026-09-05', validate: true });
    expect(await linesOf(ctx, deposit.entryId)).toEqual(['D 411/C00001 3600.00', 'C 4191/C00001 3000.00', 'C 44574 600.00']);
    await pay(ctx, deposit.id, '3600.00', '2026-09-10');
    const final = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'final', date: '2026-10-15', validate: true });
    expect(await linesOf(ctx, final.entryId)).toEqual(['D 411/C00001 8400.00', 'D 4191/C00001 3000.00', 'C 706 10000.00', 'C 44574 1400.00']);
    expect(await balance(ctx, '44574')).toBe('-1400.00');
    await pay(ctx, final.id, '8400.00', '2026-11-02');
    expect(await balance(ctx, '44574')).toBe('0.00');
    expect(await balance(ctx, '44571')).toBe('-2000.00');
    expect(await balance(ctx, '4191')).toBe('0.00');
    expect(await balance(ctx, '411')).toBe('0.00');
  });
});

describe('deposit and final invoices, for a franchise seller', () => {
  it('posts the same without VAT: D 411 3 000 / C 4191 3 000, then D 411 7 000 / D 4191 3 000 / C 706 10 000', async () => {
    const { ctx, quote } = await acceptedQuote('franchise');
    const deposit = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'deposit', percent: '30', date: '2026-09-05', validate: true });
    expect(await linesOf(ctx, deposit.entryId)).toEqual(['D 411/C00001 3000.00', 'C 4191/C00001 3000.00']);
    await pay(ctx, deposit.id, '3000.00', '2026-09-10');
    const final = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'final', date: '2026-10-15', validate: true });
    expect(await linesOf(ctx, final.entryId)).toEqual(['D 411/C00001 7000.00', 'D 4191/C00001 3000.00', 'C 706 10000.00']);
    await pay(ctx, final.id, '7000.00', '2026-11-02');
    expect(await balance(ctx, '4191')).toBe('0.00');
    expect(await balance(ctx, '411')).toBe('0.00');
  });
});

describe('drafts made from a quote', () => {
  it('are validated only while what they were made from still holds', async () => {
    const { ctx, quote } = await acceptedQuote('debits');
    const d1 = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'deposit', percent: '30', date: '2026-09-05', validate: true });
    const finalDraft = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'final', date: '2026-10-15' });
    expect(finalDraft.status).toBe('draft');
    expect((await callErr(ctx, 'invoice.update', { id: finalDraft.id, notes: 'x' })).code).toBe('CONFLICT');
    // The deposit is credited after the draft was made: the draft no longer says what to deduct.
    await callOk(ctx, 'creditNote.create', { invoiceId: d1.id, date: '2026-09-07', reason: 'Annulé', kind: 'cancellation', validate: true });
    const e = await callErr(ctx, 'invoice.validate', { id: finalDraft.id });
    expect(e.message).toMatch(/ont changé/);
    await callOk(ctx, 'invoice.delete', { id: finalDraft.id });
    const final = await callOk(ctx, 'quote.invoice', { quoteId: quote.id, kind: 'final', date: '2026-10-15', validate: true });
    expect(final.totals.gross).toBe('12000.00');
    expect(final.deductions).toEqual([]);
  });
});
