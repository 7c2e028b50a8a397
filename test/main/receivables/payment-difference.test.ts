import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../src/main/core/context';
import { balanceDrift } from '../../../src/main/db/repositories/invoice-balance-repo';
import { callErr, callOk, testCompany } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { companyInit, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';

/*
 * The écart de règlement (issue 14): the customer pays a few cents too little or too much, and the owner
 * settles it in the same receipt, up to the threshold of the company settings (1,00 € by default): a
 * shortfall to 658 (the invoice is paid), an excess to 758 (no advance is kept).
 */

const item = (unitPrice: string, kind: 'goods' | 'services' = 'goods') => ({ description: 'Article', quantity: '1', unitPrice, vatRate: '20', kind });

async function setup(vatRegime: 'debits' | 'encaissements' = 'debits') {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', { ...companyInit, vatRegime });
  await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  // 100,00 HT + 20,00 VAT = 120,00
  const inv = await callOk(tc.ctx, 'invoice.create', { customerId: 1, date: '2026-03-01', lines: [item('100', vatRegime === 'encaissements' ? 'services' : 'goods')], validate: true });
  return { ...tc, inv };
}

async function entryLines(ctx: ServiceContext, id: number) {
  const { entry } = await callOk(ctx, 'ledger.entry', { id });
  return entry.lines.map((l) => [l.account, l.debit, l.credit]);
}

async function balance(ctx: ServiceContext, account: string) {
  const tb = await callOk(ctx, 'report.trialBalance', {});
  return tb.rows.find((r) => r.account === account)?.balance ?? '0.00';
}

const pay = (amount: string, extra: Record<string, unknown> = {}) => ({ customerId: 1, date: '2026-03-20', amount, method: 'transfer', settleDifference: true, ...extra });

describe('écart de règlement, settled with the receipt', () => {
  it('paid 0,30 too little: D 658 0,30 / C 411 0,30 linked to the invoice, which is paid and lettered', async () => {
    const { ctx, inv } = await setup();
    const p = await callOk(ctx, 'payment.record', pay('119.70'));
    expect(await entryLines(ctx, p.entryId)).toEqual([['512', '119.70', '0.00'], ['411', '0.00', '119.70'], ['658', '0.30', '0.00'], ['411', '0.00', '0.30']]);
    expect(p.allocations).toEqual([{ invoiceId: inv.id, invoiceNumber: inv.number, amount: '119.70', escompte: false, difference: '0.30' }]);
    expect(await callOk(ctx, 'invoice.get', { id: inv.id })).toMatchObject({ status: 'paid', outstanding: '0.00' });
    const gl = await callOk(ctx, 'report.generalLedger', { account: '411', aux: 'C00001' });
    expect(gl.rows.map((r) => r.lettering)).toEqual(['A', 'A', 'A']);
    expect(balanceDrift(ctx.file.db())).toEqual([]);
  });

  it('under VAT on receipts: 19,95 of VAT becomes due with the 119,70 received, the 0,05 on the 0,30 never received is cleared from 44574', async () => {
    const { ctx } = await setup('encaissements');
    const p = await callOk(ctx, 'payment.record', pay('119.70'));
    // 119,70 × 20,00 / 120,00 = 19,95; the 0,30 not received: 0,05 of VAT (not due) and 0,25 of charge.
    expect(await entryLines(ctx, p.entryId)).toEqual([
      ['512', '119.70', '0.00'], ['411', '0.00', '119.70'], ['44574', '19.95', '0.00'], ['44571', '0.00', '19.95'],
      ['658', '0.25', '0.00'], ['44574', '0.05', '0.00'], ['411', '0.00', '0.30'],
    ]);
    expect(await balance(ctx, '44574')).toBe('0.00');
    expect(await balance(ctx, '44571')).toBe('-19.95');
  });

  it('paid 0,30 too much: C 758 0,30 instead of an advance', async () => {
    const { ctx } = await setup();
    const p = await callOk(ctx, 'payment.record', pay('120.30'));
    expect(await entryLines(ctx, p.entryId)).toEqual([['512', '120.30', '0.00'], ['411', '0.00', '120.00'], ['758', '0.00', '0.30']]);
    expect(p).toMatchObject({ advance: '0.00', surplus: '0.30' });
    expect(await balance(ctx, '4191')).toBe('0.00');
  });

  it('refuses a difference above the threshold, writing nothing; a threshold raised in the settings lets it through', async () => {
    const { ctx, path, inv } = await setup();
    const before = dumpDb(path);
    const err = await callErr(ctx, 'payment.record', pay('118.00'));
    expect(err).toMatchObject({ code: 'VALIDATION', fieldErrors: { settleDifference: expect.stringMatching(/^Au plus 1,00\s€\.$/) } });
    expect(err.message).toMatch(/L’écart de règlement \(2,00\s€\) dépasse votre seuil d’écart de règlement \(1,00\s€/);
    expectFrench(err.message);
    expect(dumpDb(path)).toBe(before);
    expect((await callOk(ctx, 'company.update', { paymentDifferenceThreshold: '5,00' })).paymentDifferenceThreshold).toBe('5.00');
    const p = await callOk(ctx, 'payment.record', pay('118.00'));
    expect(p.allocations).toEqual([{ invoiceId: inv.id, invoiceNumber: inv.number, amount: '118.00', escompte: false, difference: '2.00' }]);
  });

  it('refuses when there is nothing to settle, and with a threshold of zero', async () => {
    const { ctx } = await setup();
    expect((await callErr(ctx, 'payment.record', pay('120.00'))).fieldErrors).toEqual({ settleDifference: 'Aucun écart à solder.' });
    await callOk(ctx, 'company.update', { paymentDifferenceThreshold: '0' });
    expect((await callErr(ctx, 'payment.record', pay('119.99'))).fieldErrors).toEqual({ settleDifference: expect.stringMatching(/^Au plus 0,00\s€\.$/) });
  });

  it('is reversed with its payment when the payment is cancelled: the invoice owes its 120,00 again', async () => {
    const { ctx, inv } = await setup();
    const p = await callOk(ctx, 'payment.record', pay('119.70'));
    const c = await callOk(ctx, 'payment.cancel', { id: p.id, reason: 'Virement rejeté' });
    expect(await entryLines(ctx, c.cancellation?.entryId as number)).toEqual([['512', '0.00', '119.70'], ['411', '119.70', '0.00'], ['658', '0.00', '0.30'], ['411', '0.30', '0.00']]);
    expect(await callOk(ctx, 'invoice.get', { id: inv.id })).toMatchObject({ status: 'open', outstanding: '120.00', paid: '0.00' });
    expect(await balance(ctx, '658')).toBe('0.00');
    expect(balanceDrift(ctx.file.db())).toEqual([]);
  });
});

describe('écart de règlement settled afterwards (payment.settleDifference)', () => {
  /** The OD entries, as lines. */
  async function odLines(ctx: ServiceContext) {
    const od = await callOk(ctx, 'ledger.entries', { journal: 'OD' });
    return Promise.all(od.rows.map(async (e) => ({ date: e.date, lines: await entryLines(ctx, e.id) })));
  }

  it('settles the 0,30 a payment left on its invoice in an OD entry (D 658 / C 411), and the cancellation of the payment reverses it too', async () => {
    const { ctx, inv } = await setup();
    const p = await callOk(ctx, 'payment.record', pay('119.70', { settleDifference: undefined }));
    expect(await callOk(ctx, 'invoice.get', { id: inv.id })).toMatchObject({ status: 'partial', outstanding: '0.30' });
    const settled = await callOk(ctx, 'payment.settleDifference', { id: p.id });
    expect(await odLines(ctx)).toEqual([{ date: '2026-11-22', lines: [['658', '0.30', '0.00'], ['411', '0.00', '0.30']] }]);
    expect(settled.allocations).toEqual([{ invoiceId: inv.id, invoiceNumber: inv.number, amount: '119.70', escompte: false, difference: '0.30' }]);
    expect(await callOk(ctx, 'invoice.get', { id: inv.id })).toMatchObject({ status: 'paid', outstanding: '0.00' });
    expect((await callErr(ctx, 'payment.settleDifference', { id: p.id })).message).toContain('aucun écart');

    const c = await callOk(ctx, 'payment.cancel', { id: p.id, reason: 'Virement rejeté' });
    expect(c.cancellation?.entryIds).toHaveLength(2);
    expect(await entryLines(ctx, c.cancellation?.entryIds[1] as number)).toEqual([['658', '0.00', '0.30'], ['411', '0.30', '0.00']]);
    expect(await callOk(ctx, 'invoice.get', { id: inv.id })).toMatchObject({ status: 'open', outstanding: '120.00' });
    expect(await balance(ctx, '658')).toBe('0.00');
    expect(balanceDrift(ctx.file.db())).toEqual([]);
  });

  it('keeps the 0,30 advance a payment left as a product afterwards (D 4191 / C 758); the payment can still be cancelled', async () => {
    const { ctx } = await setup();
    const p = await callOk(ctx, 'payment.record', pay('120.30', { settleDifference: undefined }));
    expect(p.advance).toBe('0.30');
    const settled = await callOk(ctx, 'payment.settleDifference', { id: p.id, date: '2026-03-31' });
    expect(await odLines(ctx)).toEqual([{ date: '2026-03-31', lines: [['4191', '0.30', '0.00'], ['758', '0.00', '0.30']] }]);
    expect(settled).toMatchObject({ advance: '0.00', surplus: '0.30' });
    expect(await balance(ctx, '4191')).toBe('0.00');
    await callOk(ctx, 'payment.cancel', { id: p.id, reason: 'Erreur de client' });
    expect(await balance(ctx, '4191')).toBe('0.00');
    expect(await balance(ctx, '758')).toBe('0.00');
  });

  it('refuses above the threshold, before the payment, or on a cancelled payment, writing nothing', async () => {
    const { ctx, path } = await setup();
    const p = await callOk(ctx, 'payment.record', pay('100.00', { settleDifference: undefined }));
    const before = dumpDb(path);
    expect((await callErr(ctx, 'payment.settleDifference', { id: p.id })).message).toMatch(/L’écart de règlement \(20,00\s€\) dépasse/);
    expect((await callErr(ctx, 'payment.settleDifference', { id: p.id, date: '2026-03-19' })).fieldErrors).toEqual({ date: 'Date antérieure au règlement.' });
    expect(dumpDb(path)).toBe(before);
    await callOk(ctx, 'payment.cancel', { id: p.id, reason: 'Erreur' });
    expect((await callErr(ctx, 'payment.settleDifference', { id: p.id })).code).toBe('CONFLICT');
  });
});
