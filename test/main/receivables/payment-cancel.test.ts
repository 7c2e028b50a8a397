import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../src/main/core/context';
import { balanceDrift } from '../../../src/main/db/repositories/invoice-balance-repo';
import { AFTER_2026, at, callErr, callOk, testCompany } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { companyInit, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';

/*
 * payment.cancel (issue 14): a recorded payment is reversed by new entries, line for line, never deleted;
 * its lettering is undone, its invoices owe again, and the money can be recorded anew, allocated otherwise.
 * Today is 22 November 2026 (the test clock).
 */

const goods = (unitPrice: string) => ({ description: 'Marchandise', quantity: '1', unitPrice, vatRate: '20', kind: 'goods' as 'goods' | 'services' });
const services = (unitPrice: string) => ({ description: 'Prestation', quantity: '1', unitPrice, vatRate: '20', kind: 'services' as 'goods' | 'services' });

async function setup(vatRegime: 'debits' | 'encaissements' = 'debits') {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', { ...companyInit, vatRegime });
  await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  return tc;
}

async function invoice(ctx: ServiceContext, date: string, lines: ReturnType<typeof goods>[], extra: Record<string, unknown> = {}) {
  return callOk(ctx, 'invoice.create', { customerId: 1, date, lines, validate: true, ...extra });
}

async function lines(ctx: ServiceContext, entryId: number) {
  const { entry } = await callOk(ctx, 'ledger.entry', { id: entryId });
  return { journal: entry.journal, date: entry.date, lines: entry.lines.map((l) => [l.account, l.aux ?? '', l.debit, l.credit]) };
}

async function balance(ctx: ServiceContext, account: string, aux?: string) {
  const tb = await callOk(ctx, 'report.trialBalance', { byAux: true });
  return tb.rows.filter((r) => r.account === account && (aux === undefined || r.aux === aux)).reduce((s, r) => s + BigInt(r.balance.replace('.', '')), 0n);
}

/** The lettering codes of the customer's 411 lines, in ledger order ('' for an open line). */
async function lettering411(ctx: ServiceContext, account = '411') {
  const gl = await callOk(ctx, 'report.generalLedger', { account, aux: 'C00001' });
  return gl.rows.map((r) => [r.label, r.lettering ?? '']);
}

async function expectBooksTrue(ctx: ServiceContext) {
  expect(balanceDrift(ctx.file.db())).toEqual([]);
  expect(await callOk(ctx, 'ledger.verify', {})).toMatchObject({ ok: true });
}

describe('payment.cancel: a reversal, never a deletion', () => {
  it('reverses a payment today, the invoice owing again, and the money is recorded anew on another invoice', async () => {
    const { ctx } = await setup();
    const a = await invoice(ctx, '2026-03-01', [goods('1000')]); // 1 200,00
    const b = await invoice(ctx, '2026-04-01', [goods('500')]); // 600,00
    const pay = await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-04-10', amount: '600', method: 'check', reference: 'CHQ-118' });
    expect(pay.allocations.map((x) => [x.invoiceId, x.amount])).toEqual([[a.id, '600.00']]);

    const cancelled = await callOk(ctx, 'payment.cancel', { id: pay.id, reason: 'Chèque impayé' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellation: { date: '2026-11-22', reason: 'Chèque impayé', entryIds: [cancelled.cancellation?.entryId] } });
    // The mirror of D 512 600,00 / C 411 600,00, in the bank journal, dated today.
    expect(await lines(ctx, cancelled.cancellation?.entryId as number)).toEqual({ journal: 'BQ', date: '2026-11-22', lines: [['512', '', '0.00', '600.00'], ['411', 'C00001', '600.00', '0.00']] });
    expect(await callOk(ctx, 'invoice.get', { id: a.id })).toMatchObject({ status: 'open', outstanding: '1200.00', paid: '0.00' });
    // The cheque and its cancellation cancel out: lettered together; the invoices stay open.
    expect((await lettering411(ctx)).map(([, code]) => code)).toEqual(['', '', 'A', 'A']);
    expect(await balance(ctx, '512')).toBe(0n);

    // Recorded again, on the other invoice this time.
    const again = await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-11-22', amount: '600', method: 'transfer', allocations: [{ invoiceId: b.id, amount: '600' }] });
    expect(again.status).toBe('recorded');
    expect(await callOk(ctx, 'invoice.get', { id: b.id })).toMatchObject({ status: 'paid', outstanding: '0.00' });
    expect(await callOk(ctx, 'invoice.get', { id: a.id })).toMatchObject({ status: 'open', outstanding: '1200.00' });
    expect(await balance(ctx, '411', 'C00001')).toBe(120000n);
    const list = await callOk(ctx, 'payment.list', { customerId: 1 });
    expect(list.rows.map((p) => [p.id, p.status])).toEqual([[again.id, 'recorded'], [pay.id, 'cancelled']]);
    expect((await callOk(ctx, 'payment.list', { status: 'cancelled' })).rows.map((p) => p.id)).toEqual([pay.id]);
    expect((await callOk(ctx, 'payment.list', { search: 'chq-118' })).rows.map((p) => p.id)).toEqual([pay.id]);
    await expectBooksTrue(ctx);
  });

  it('is dated the payment’s own day when the owner asks, and undoes the lettering of the invoice it settled', async () => {
    const { ctx } = await setup();
    const a = await invoice(ctx, '2026-03-01', [goods('1000')]);
    const pay = await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-03-20', amount: '1200', method: 'transfer' });
    expect((await lettering411(ctx)).map(([, code]) => code)).toEqual(['A', 'A']);

    const cancelled = await callOk(ctx, 'payment.cancel', { id: pay.id, date: '2026-03-20', reason: 'Virement affecté au mauvais client' });
    expect(await lines(ctx, cancelled.cancellation?.entryId as number)).toEqual({ journal: 'BQ', date: '2026-03-20', lines: [['512', '', '0.00', '1200.00'], ['411', 'C00001', '1200.00', '0.00']] });
    // The invoice's line is open again; the payment is lettered with its reversal instead.
    expect((await lettering411(ctx)).map(([, code]) => code)).toEqual(['', 'A', 'A']);
    expect(await callOk(ctx, 'invoice.get', { id: a.id })).toMatchObject({ status: 'open', outstanding: '1200.00', paid: '0.00' });
    await expectBooksTrue(ctx);
  });

  it('reverses the escompte credit note and the VAT it moved with the payment (VAT on receipts): 1 176,00 + 24,00 of escompte', async () => {
    const { ctx } = await setup('encaissements');
    // 1 000,00 HT of services + 200,00 VAT waiting on 44574; 2 % escompte: 20,00 + 4,00 of VAT.
    const inv = await invoice(ctx, '2026-03-01', [services('1000')], { escompte: { percent: '2', days: 10 } });
    const pay = await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-03-08', amount: '1176', method: 'transfer', escompte: [{ invoiceId: inv.id }] });
    expect(await balance(ctx, '44574')).toBe(0n);
    expect(await balance(ctx, '44571')).toBe(-19600n);

    const cancelled = await callOk(ctx, 'payment.cancel', { id: pay.id, reason: 'Virement rejeté' });
    const [receipt, note, vat] = cancelled.cancellation?.entryIds ?? [];
    expect(await lines(ctx, receipt as number)).toEqual({ journal: 'BQ', date: '2026-11-22', lines: [['512', '', '0.00', '1176.00'], ['411', 'C00001', '1176.00', '0.00']] });
    // The financial credit note D 665 20,00 / D 44574 4,00 / C 411 24,00, reversed in the sales journal.
    expect(await lines(ctx, note as number)).toEqual({ journal: 'VT', date: '2026-11-22', lines: [['665', '', '0.00', '20.00'], ['44574', '', '0.00', '4.00'], ['411', 'C00001', '24.00', '0.00']] });
    // The 196,00 of VAT the escompte made due goes back to waiting.
    expect(await lines(ctx, vat as number)).toEqual({ journal: 'OD', date: '2026-11-22', lines: [['44574', '', '0.00', '196.00'], ['44571', '', '196.00', '0.00']] });
    expect(await callOk(ctx, 'invoice.get', { id: inv.id })).toMatchObject({ status: 'open', outstanding: '1200.00', paid: '0.00', credited: '0.00' });
    expect(await balance(ctx, '44574')).toBe(-20000n);
    expect(await balance(ctx, '44571')).toBe(0n);
    expect(await balance(ctx, '665')).toBe(0n);
    expect((await lettering411(ctx)).map(([, code]) => code)).toEqual(['', 'A', 'A', 'A', 'A']);

    // Paid again in full after the escompte's days: the whole 200,00 becomes due.
    await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-11-22', amount: '1200', method: 'transfer' });
    expect(await callOk(ctx, 'invoice.get', { id: inv.id })).toMatchObject({ status: 'paid', outstanding: '0.00' });
    expect(await balance(ctx, '44574')).toBe(0n);
    expect(await balance(ctx, '44571')).toBe(-20000n);
    await expectBooksTrue(ctx);
  });

  it('sends what an invoice reclassified as doubtful since owes again to 416, where its debt now is', async () => {
    const { ctx } = await setup();
    const inv = await invoice(ctx, '2026-01-10', [goods('1000')]);
    const pay = await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-02-01', amount: '400', method: 'check' });
    await callOk(ctx, 'doubtful.classify', { invoiceIds: [inv.id], date: '2026-05-01', reason: 'doubtful' }); // D 416 800 / C 411 800
    const cancelled = await callOk(ctx, 'payment.cancel', { id: pay.id, reason: 'Chèque impayé' });
    expect((await lines(ctx, cancelled.cancellation?.entryId as number)).lines).toEqual([['512', '', '0.00', '400.00'], ['416', 'C00001', '400.00', '0.00']]);
    expect(await callOk(ctx, 'invoice.get', { id: inv.id })).toMatchObject({ status: 'doubtful', outstanding: '1200.00' });
    expect(await balance(ctx, '411', 'C00001')).toBe(0n);
    expect(await balance(ctx, '416', 'C00001')).toBe(120000n);
    await expectBooksTrue(ctx);
  });

  it('reverses a recovery on a written-off invoice: 7583 and the VAT owed again go back, and the whole loss is recoverable again', async () => {
    const { ctx } = await setup();
    const inv = await invoice(ctx, '2026-01-10', [goods('1000')]);
    await callOk(ctx, 'doubtful.classify', { invoiceIds: [inv.id], date: '2026-03-01', reason: 'doubtful' });
    await callOk(ctx, 'doubtful.writeOff', { invoiceId: inv.id, date: '2026-09-01', reason: 'liquidation', judgmentDate: '2026-08-15' });
    const pay = await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-10-01', amount: '600', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '600' }] });
    expect(pay.recoveries).toEqual([{ invoiceId: inv.id, invoiceNumber: inv.number, amount: '600.00', vat: '100.00' }]);
    expect((await callOk(ctx, 'payment.recoverable', { customerId: 1 })).rows).toEqual([
      { invoiceId: inv.id, invoiceNumber: inv.number, writtenOffOn: '2026-09-01', writtenOff: '1200.00', recovered: '600.00', left: '600.00', vat: '200.00' },
    ]);

    const cancelled = await callOk(ctx, 'payment.cancel', { id: pay.id, reason: 'Virement du mandataire rejeté' });
    expect((await lines(ctx, cancelled.cancellation?.entryId as number)).lines).toEqual([['512', '', '0.00', '600.00'], ['7583', '', '500.00', '0.00'], ['44571', '', '100.00', '0.00']]);
    expect((await callOk(ctx, 'payment.recoverable', { customerId: 1 })).rows[0]).toMatchObject({ recovered: '0.00', left: '1200.00' });
    // The whole 1 200,00 can come in now (the cancelled 600,00 no longer counts as recovered).
    const whole = await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-11-22', amount: '1200', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '1200' }] });
    expect(whole.recoveries).toEqual([{ invoiceId: inv.id, invoiceNumber: inv.number, amount: '1200.00', vat: '200.00' }]);
    expect((await callOk(ctx, 'payment.recoverable', { customerId: 1 })).rows).toEqual([]);
    await expectBooksTrue(ctx);
  });

  it('cancels a payment of a closed year in the open one, leaving the closed year’s lettering as it was', async () => {
    const { ctx } = await setup();
    const inv = await invoice(ctx, '2026-03-01', [goods('1000')]);
    const pay = await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-03-20', amount: '1200', method: 'transfer' });
    // Closed once it has ended; then a cancellation dated 22/11/2026 (the test's today) falls in the closed year.
    await callOk(at(ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' });
    expect((await callErr(ctx, 'payment.cancel', { id: pay.id, reason: 'Erreur de client' })).code).toBe('PERIOD_LOCKED');
    const cancelled = await callOk(ctx, 'payment.cancel', { id: pay.id, date: '2027-01-15', reason: 'Erreur de client' });
    expect(await lines(ctx, cancelled.cancellation?.entryId as number)).toEqual({ journal: 'BQ', date: '2027-01-15', lines: [['512', '', '0.00', '1200.00'], ['411', 'C00001', '1200.00', '0.00']] });
    expect((await lettering411(ctx)).map(([, code]) => code)).toEqual(['A', 'A', '']);
    expect(await callOk(ctx, 'invoice.get', { id: inv.id })).toMatchObject({ outstanding: '1200.00' });
    // Paid again in 2027: lettered with the reversal, the 2026 lines untouched.
    await callOk(ctx, 'payment.record', { customerId: 1, date: '2027-01-20', amount: '1200', method: 'transfer' });
    expect((await lettering411(ctx)).map(([, code]) => code)).toEqual(['A', 'A', 'B', 'B']);
    expect(await callOk(ctx, 'invoice.get', { id: inv.id })).toMatchObject({ status: 'paid', outstanding: '0.00' });
    await expectBooksTrue(ctx);
  });
});

describe('payment.cancel refusals: in French, nothing written', () => {
  it('refuses a second cancellation, a date before the payment, and an unknown payment', async () => {
    const { ctx, path } = await setup();
    await invoice(ctx, '2026-03-01', [goods('1000')]);
    const pay = await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-03-20', amount: '1200', method: 'transfer' });
    const early = await callErr(ctx, 'payment.cancel', { id: pay.id, date: '2026-03-19', reason: 'Erreur' });
    expect(early).toMatchObject({ code: 'VALIDATION', fieldErrors: { date: expect.any(String) } });
    expectFrench(early.message);
    await callOk(ctx, 'payment.cancel', { id: pay.id, reason: 'Erreur' });
    const before = dumpDb(path);
    const twice = await callErr(ctx, 'payment.cancel', { id: pay.id, reason: 'Erreur' });
    expect(twice.code).toBe('CONFLICT');
    expect(twice.message).toContain('déjà été annulé le 22/11/2026');
    expectFrench(twice.message);
    expect((await callErr(ctx, 'payment.cancel', { id: 99, reason: 'Erreur' })).code).toBe('NOT_FOUND');
    expect(dumpDb(path)).toBe(before);
  });

  it('refuses when the advance the payment left was used since: the customer would owe it back', async () => {
    const { ctx, path } = await setup();
    await invoice(ctx, '2026-03-01', [goods('100')]); // 120,00
    const pay = await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-03-20', amount: '200', method: 'transfer' }); // 80,00 in advance
    const next = await invoice(ctx, '2026-04-01', [goods('50')]); // 60,00
    await callOk(ctx, 'advance.apply', { customerId: 1, invoiceId: next.id, amount: '50', date: '2026-04-02' });
    const before = dumpDb(path);
    const err = await callErr(ctx, 'payment.cancel', { id: pay.id, reason: 'Erreur' });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/laissé 80,00\s€ d’avance .* dont il ne reste que 30,00\s€/);
    expect(dumpDb(path)).toBe(before);
  });

  it('refuses when an invoice it paid was written off since', async () => {
    const { ctx, path } = await setup();
    const inv = await invoice(ctx, '2026-01-10', [goods('1000')]);
    const pay = await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-02-01', amount: '200', method: 'transfer' });
    await callOk(ctx, 'doubtful.classify', { invoiceIds: [inv.id], date: '2026-05-01', reason: 'doubtful' });
    await callOk(ctx, 'doubtful.writeOff', { invoiceId: inv.id, date: '2026-09-01', reason: 'certificate' });
    const before = dumpDb(path);
    const err = await callErr(ctx, 'payment.cancel', { id: pay.id, reason: 'Erreur' });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('passée en perte le 01/09/2026');
    expect(dumpDb(path)).toBe(before);
  });

  it('previews the reversal without writing anything, and the posting writes exactly that', async () => {
    const { ctx, path } = await setup();
    await invoice(ctx, '2026-03-01', [goods('1000')]);
    const pay = await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-03-20', amount: '1200', method: 'transfer' });
    const before = dumpDb(path);
    const shown = await callOk(ctx, 'preview', { channel: 'payment.cancel', request: { id: pay.id, reason: 'Erreur' } });
    expect(dumpDb(path)).toBe(before);
    expect(shown.entries.map((e) => [e.journal, e.date, e.label, e.lines.map((l) => [l.account, l.debit, l.credit])])).toEqual([
      ['BQ', '2026-11-22', 'Annulation : Règlement Société Générale', [['512', '0.00', '1200.00'], ['411', '1200.00', '0.00']]],
    ]);
    expect(shown.result).toMatchObject({ id: pay.id, status: 'cancelled' });
  });
});
