import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../src/main/core/context';
import { AFTER_2026, at, callOk, testCompany } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';

const goods = (unitPrice: string) => ({ description: 'Marchandise', quantity: '1', unitPrice, vatRate: '20', kind: 'goods' as const });

/** Jan 10: 1 200, Feb 10: 2 400, Mar 10: 3 600 (TTC, 45-day terms); the January one paid on Mar 20. */
async function quarter(vatRegime: 'debits' | 'encaissements' = 'debits') {
  const tc = testCompany();
  const { ctx } = tc;
  await callOk(ctx, 'company.init', { ...companyInit, vatRegime });
  await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  for (const [date, price] of [['2026-01-10', '1000'], ['2026-02-10', '2000'], ['2026-03-10', '3000']] as const) {
    await callOk(ctx, 'invoice.create', { customerId: 1, date, lines: [goods(price)], validate: true });
  }
  await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-03-20', amount: '1200', method: 'transfer' });
  return tc;
}

async function dsoOf(ctx: ServiceContext, method: 'ratio' | 'average' | 'countback') {
  return (await callOk(ctx, 'report.dso', { from: '2026-01-01', to: '2026-03-31', method })).days;
}

describe('aged balance', () => {
  it('as of a past date counts only what was posted by then', async () => {
    const { ctx } = await quarter();
    const march = await callOk(ctx, 'report.aging', { asOf: '2026-03-15' });
    expect(march.bucketLabels).toEqual(['1–30 j', '31–60 j', '61–90 j', '> 90 j']);
    // The January invoice (due Feb 24) is 19 days late; the payment of Mar 20 did not exist yet.
    expect(march.rows[0]).toMatchObject({ code: 'C00001', notDue: '6000.00', buckets: ['1200.00', '0.00', '0.00', '0.00'], total: '7200.00' });
    const april = await callOk(ctx, 'report.aging', { asOf: '2026-04-30' });
    expect(april.rows[0]).toMatchObject({ notDue: '0.00', buckets: ['3600.00', '2400.00', '0.00', '0.00'], total: '6000.00' });
    expect(april.totals.total).toBe('6000.00');
    const custom = await callOk(ctx, 'report.aging', { asOf: '2026-04-30', buckets: [15, 45] });
    expect(custom.rows[0]?.buckets).toEqual(['3600.00', '2400.00', '0.00']);
  });

  it('as of a date before a credit note ignores it, after it counts it', async () => {
    const { ctx } = await quarter();
    await callOk(ctx, 'creditNote.create', { invoiceId: 3, date: '2026-04-05', reason: 'Retour', validate: true });
    expect((await callOk(ctx, 'report.aging', { asOf: '2026-04-04' })).totals.total).toBe('6000.00');
    expect((await callOk(ctx, 'report.aging', { asOf: '2026-04-05' })).totals.total).toBe('2400.00');
  });
});

describe('DSO, three methods on the same quarter (receivables 6 000, sales 7 200, 90 days)', () => {
  it('ratio: 6 000 / 7 200 × 90 = 75 days', async () => {
    const { ctx } = await quarter();
    expect(await dsoOf(ctx, 'ratio')).toBe(75);
  });
  it('average: month-end receivables 0, 1 200, 3 600, 6 000 → 2 700 / 7 200 × 90 = 33,8 days', async () => {
    const { ctx } = await quarter();
    expect(await dsoOf(ctx, 'average')).toBe(33.8);
  });
  it('countback: March (3 600, 31 days) then February (2 400, 28 days) = 59 days', async () => {
    const { ctx } = await quarter();
    expect(await dsoOf(ctx, 'countback')).toBe(59);
  });
});

describe('customer statement and VAT report', () => {
  it('lists the customer’s lines with running balance, lettering and open invoices', async () => {
    const { ctx } = await quarter();
    const st = await callOk(ctx, 'report.customerStatement', { customerId: 1, to: '2026-03-31' });
    expect(st.rows.map((r) => [r.date, r.debit, r.credit, r.balance, r.lettering ?? ''])).toEqual([
      ['2026-01-10', '1200.00', '0.00', '1200.00', 'A'],
      ['2026-02-10', '2400.00', '0.00', '3600.00', ''],
      ['2026-03-10', '3600.00', '0.00', '7200.00', ''],
      ['2026-03-20', '0.00', '1200.00', '6000.00', 'A'],
    ]);
    expect(st.openInvoices.map((i) => [i.number, i.outstanding, i.daysOverdue])).toEqual([['F2026-00002', '2400.00', 4], ['F2026-00003', '3600.00', 0]]);
  });

  it('reports VAT collected by rate, equal to the movement of 44571', async () => {
    const { ctx } = await quarter();
    const vat = await callOk(ctx, 'report.vat', { from: '2026-01-01', to: '2026-03-31' });
    expect(vat).toMatchObject({ collected: [{ rate: '20', base: '6000.00', vat: '1200.00' }], pending: '0.00', regularisations: [], total: '1200.00' });
  });

  it('under VAT on receipts, counts the VAT when received and shows what is pending', async () => {
    const tc = testCompany();
    await callOk(tc.ctx, 'company.init', { ...companyInit, vatRegime: 'encaissements' });
    await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
    await callOk(tc.ctx, 'invoice.create', { customerId: 1, date: '2026-03-01', lines: [{ description: 'Conseil', quantity: '1', unitPrice: '500', vatRate: '20', kind: 'services' }], validate: true });
    await callOk(tc.ctx, 'payment.record', { customerId: 1, date: '2026-03-10', amount: '150', method: 'transfer' });
    const vat = await callOk(tc.ctx, 'report.vat', { from: '2026-03-01', to: '2026-03-31' });
    expect(vat).toMatchObject({ collected: [{ rate: '20', base: '125.00', vat: '25.00' }], pending: '75.00', total: '25.00' });
  });

  it('adds invoices with nothing pending whole and prorates the others, and counts what the opening entry carries once in the next year', async () => {
    const tc = testCompany();
    await callOk(tc.ctx, 'company.init', { ...companyInit, vatRegime: 'encaissements' });
    await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
    const line = (unitPrice: string, kind: 'goods' | 'services') => ({ description: kind === 'goods' ? 'Fournitures' : 'Conseil', quantity: '1', unitPrice, vatRate: '20', kind });
    await callOk(tc.ctx, 'invoice.create', { customerId: 1, date: '2026-03-01', lines: [line('100', 'goods')], validate: true });
    await callOk(tc.ctx, 'invoice.create', { customerId: 1, date: '2026-03-02', lines: [line('100', 'goods'), line('200', 'services')], validate: true });
    expect(await callOk(tc.ctx, 'report.vat', { from: '2026-01-01', to: '2026-12-31' })).toMatchObject({
      collected: [{ rate: '20', base: '200.00', vat: '40.00' }], pending: '40.00', regularisations: [], total: '40.00',
    });
    await callOk(at(tc.ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' });
    await callOk(tc.ctx, 'invoice.create', { customerId: 1, date: '2027-02-01', lines: [line('50', 'goods')], validate: true });
    // 2027: the 40,00 carried on 44571 by the opening entry is not VAT collected in 2027.
    expect(await callOk(tc.ctx, 'report.vat', { from: '2027-01-01', to: '2027-12-31' })).toMatchObject({
      collected: [{ rate: '20', base: '50.00', vat: '10.00' }], pending: '40.00', regularisations: [], total: '10.00',
    });
    // Receivables across the closing are counted once (120 + 360 of 2026 + 60 of 2027), not again through the AN.
    expect((await callOk(tc.ctx, 'report.dso', { from: '2027-01-01', to: '2027-12-31', method: 'ratio' })).receivables).toBe('540.00');
    expect((await callOk(tc.ctx, 'report.dso', { from: '2027-01-01', to: '2027-12-31', method: 'average' })).receivables).toBe('530.77'); // (480 × 2 + 540 × 11) / 13
  });
});
