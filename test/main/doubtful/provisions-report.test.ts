import { describe, expect, it } from 'vitest';
import { Dec } from '../../../src/shared/money';
import { callOk, testCompany } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';

/**
 * Issue 14, defect 2: the state of provisions shows what is owed at its date, not what was owed when the
 * provision was last estimated; it names what was paid since and a provision above the HT still owed.
 */

const d = (v: string | number) => new Dec(v);
const half = (v: Dec) => v.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);
const goods = (description: string, unitPrice: string, vatRate = '20') => ({ description, quantity: '1', unitPrice, vatRate, kind: 'goods' as const });

async function setup() {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', { ...companyInit, vatRegime: 'debits' });
  await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  return tc;
}

describe('report.provisions: what is owed at the date (issue 14)', () => {
  it('after a payment on a doubtful invoice, shows what is owed now (TTC and HT), what was paid since the estimate and the provision above the HT owed', async () => {
    const { ctx } = await setup();
    // 10 000,00 HT + 2 000,00 VAT = 12 000,00, provisioned at 80 % of the HT: 8 000,00.
    const inv = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-01-10', validate: true, lines: [goods('Charpente', '10000')] });
    await callOk(ctx, 'doubtful.classify', { invoiceIds: [inv.id], date: '2026-04-01', reason: 'doubtful' });
    await callOk(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-04-01', riskPercent: '80' });
    await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-06-01', amount: '7200', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '7200' }] });

    // By hand: 12 000 − 7 200 = 4 800,00 owed, of which 4 800 × 200 / 1 200 = 800,00 VAT: 4 000,00 HT.
    const owed = d(12000).minus(7200);
    const owedHt = owed.minus(half(owed.times(2000).div(12000)));
    const above = d(8000).minus(owedHt);
    expect([owed.toFixed(2), owedHt.toFixed(2), above.toFixed(2)]).toEqual(['4800.00', '4000.00', '4000.00']);

    const before = await callOk(ctx, 'report.provisions', { asOf: '2026-05-31' });
    expect(before.rows[0]).toMatchObject({ outstanding: '12000.00', outstandingHt: '10000.00', estimatedOutstanding: '12000.00', provision: '8000.00' });
    expect(before.rows[0]).not.toHaveProperty('settledSinceEstimate');
    expect(before.rows[0]).not.toHaveProperty('provisionAboveHt');

    const after = await callOk(ctx, 'report.provisions', { asOf: '2026-06-30' });
    expect(after.rows[0]).toMatchObject({
      outstanding: owed.toFixed(2), outstandingHt: owedHt.toFixed(2), estimatedOutstanding: '12000.00', settledSinceEstimate: '7200.00', provisionAboveHt: above.toFixed(2), provision: '8000.00', lastEstimate: '2026-04-01',
    });
    expect(after.totals).toMatchObject({ outstanding: '4800.00', outstandingHt: '4000.00', provision: '8000.00' });

    // The re-estimate the report offers: 100 % of the 4 000,00 HT left → reprise 4 000,00; nothing more to say.
    await callOk(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-06-30', riskPercent: '100', justification: 'Encaissement de 7 200,00 €' });
    const redone = await callOk(ctx, 'report.provisions', { asOf: '2026-06-30' });
    expect(redone.rows[0]).toMatchObject({ outstanding: '4800.00', outstandingHt: '4000.00', estimatedOutstanding: '4800.00', provision: '4000.00', reprises: '4000.00' });
    expect(redone.rows[0]).not.toHaveProperty('settledSinceEstimate');
    expect(redone.rows[0]).not.toHaveProperty('provisionAboveHt');
  });

  it('reads the HT owed rate by rate after a credit note on one rate', async () => {
    const { ctx } = await setup();
    // 1 000,00 HT at 20 % (1 200,00) and 1 000,00 HT at 5,5 % (1 055,00): 2 255,00. Credit note on the whole 5,5 % part.
    const inv = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-01-10', validate: true, lines: [goods('Charpente', '1000'), goods('Isolation', '1000', '5.5')] });
    await callOk(ctx, 'doubtful.classify', { invoiceIds: [inv.id], date: '2026-04-01', reason: 'doubtful' });
    await callOk(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-04-01', riskPercent: '100' });
    await callOk(ctx, 'creditNote.create', { invoiceId: inv.id, date: '2026-05-01', reason: 'Isolation non posée', kind: 'cancellation', lines: [goods('Isolation', '1000', '5.5')], validate: true });
    // Left: 1 200,00, all at 20 %: 1 000,00 HT (the invoice's proportions would say 1 200 × 2 000 / 2 255 = 1 064,30).
    expect(half(d(1200).times(2000).div(2255))).toBe('1064.30');
    const r = (await callOk(ctx, 'report.provisions', { asOf: '2026-05-31' })).rows[0];
    expect(r).toMatchObject({ outstanding: '1200.00', outstandingHt: '1000.00', provision: '2000.00', settledSinceEstimate: '1055.00', provisionAboveHt: '1000.00' });
  });

  it('a doubtful invoice paid in full with its provision still held stays in the doubtful list, so that the provision can be reversed', async () => {
    const { ctx } = await setup();
    const inv = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-01-10', validate: true, lines: [goods('Charpente', '1000')] });
    await callOk(ctx, 'doubtful.classify', { invoiceIds: [inv.id], date: '2026-04-01', reason: 'doubtful' });
    await callOk(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-04-01', riskPercent: '50' });
    await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-06-01', amount: '1200', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '1200' }] });
    expect((await callOk(ctx, 'report.provisions', { asOf: '2026-06-30' })).rows[0]).toMatchObject({ outstanding: '0.00', outstandingHt: '0.00', provision: '500.00', settledSinceEstimate: '1200.00', provisionAboveHt: '500.00' });
    expect((await callOk(ctx, 'doubtful.list', { asOf: '2026-06-30' })).rows).toMatchObject([{ invoiceId: inv.id, outstanding: '0.00', outstandingHt: '0.00', provision: '500.00', vatToRecover: '0.00' }]);
    expect(await callOk(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-06-30', riskPercent: '0' })).toMatchObject({ target: '0.00', delta: '-500.00' });
    expect((await callOk(ctx, 'doubtful.list', { asOf: '2026-06-30' })).rows).toEqual([]);
  });
});
