import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../src/main/core/context';
import { AFTER_2026, at, callErr, callOk, testCompany } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';

const goods = (unitPrice: string, vatRate = '20') => ({ description: 'Marchandise', quantity: '1', unitPrice, vatRate, kind: 'goods' as 'goods' | 'services' });
const services = (unitPrice: string) => ({ description: 'Prestation', quantity: '1', unitPrice, vatRate: '20', kind: 'services' as 'goods' | 'services' });

async function setup(vatRegime: 'debits' | 'encaissements' = 'debits', fiscalYear = { start: '2026-01-01', end: '2026-12-31' }) {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', { ...companyInit, vatRegime, fiscalYear });
  await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  return tc;
}

async function lines(ctx: ServiceContext, entryId: number) {
  const { entry } = await callOk(ctx, 'ledger.entry', { id: entryId });
  return entry.lines.map((l) => [l.account, l.aux ?? '', l.debit, l.credit]);
}

async function invoice(ctx: ServiceContext, date: string, l: ReturnType<typeof goods>[]) {
  return callOk(ctx, 'invoice.create', { customerId: 1, date, lines: l, validate: true });
}

describe('doubtful debt: reclassification (accounting.md §5)', () => {
  it('moves the outstanding TTC from 411 to 416; later payments and credit notes credit 416', async () => {
    const { ctx } = await setup();
    const inv = await invoice(ctx, '2026-01-10', [goods('1000')]);
    await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-02-01', amount: '200', method: 'transfer' });
    const { entries } = await callOk(ctx, 'doubtful.classify', { invoiceIds: [inv.id], date: '2026-05-01', reason: 'disputed', note: 'Conteste la livraison' });
    expect(await lines(ctx, entries[0]?.entryId as number)).toEqual([['416', 'C00001', '1000.00', '0.00'], ['411', 'C00001', '0.00', '1000.00']]);
    expect((await callOk(ctx, 'invoice.get', { id: inv.id })).status).toBe('doubtful');
    const pay = await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-05-10', amount: '100', method: 'transfer' });
    expect(await lines(ctx, pay.entryId)).toContainEqual(['416', 'C00001', '0.00', '100.00']);
    const cn = await callOk(ctx, 'creditNote.create', { invoiceId: inv.id, date: '2026-05-11', reason: 'Geste', kind: 'rebate', lines: [{ description: 'Rabais', quantity: '1', unitPrice: '50', vatRate: '20', kind: 'goods' }], validate: true });
    expect(await lines(ctx, cn.entryId as number)).toContainEqual(['416', 'C00001', '0.00', '60.00']);
    expect((await callErr(ctx, 'doubtful.classify', { invoiceIds: [inv.id], date: '2026-05-12', reason: 'doubtful' })).code).toBe('CONFLICT');
  });
});

describe('provisions by variation (§6)', () => {
  it('seed 1: 12 000 TTC at 80 % → 8 000; 7 200 paid; 100 % of the 4 000 HT left → reprise 4 000', async () => {
    const { ctx } = await setup();
    const inv = await invoice(ctx, '2026-01-10', [goods('10000')]);
    await callOk(ctx, 'doubtful.classify', { invoiceIds: [inv.id], date: '2026-04-01', reason: 'doubtful' });
    const first = await callOk(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-04-01', riskPercent: '80', justification: 'Redressement judiciaire' });
    expect(first).toMatchObject({ target: '8000.00', previous: '0.00', delta: '8000.00' });
    expect(await lines(ctx, first.entryId as number)).toEqual([['68174', '', '8000.00', '0.00'], ['491', 'C00001', '0.00', '8000.00']]);
    const pay = await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-06-01', amount: '7200', method: 'transfer' });
    expect(await lines(ctx, pay.entryId)).toEqual([['512', '', '7200.00', '0.00'], ['416', 'C00001', '0.00', '7200.00']]);
    const second = await callOk(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-06-30', riskPercent: '100' });
    expect(second).toMatchObject({ target: '4000.00', previous: '8000.00', delta: '-4000.00' });
    expect(await lines(ctx, second.entryId as number)).toEqual([['491', 'C00001', '4000.00', '0.00'], ['78174', '', '0.00', '4000.00']]);
    expect((await callOk(ctx, 'report.provisions', { asOf: '2026-06-30' })).rows[0]).toMatchObject({ provision: '4000.00', riskPercent: '100' });
  });

  it('seed 2: 4 800 TTC at 75 % → 3 000; 2 400 recovered; 50 % of 2 000 HT → reprise 2 000; the same estimate again posts nothing', async () => {
    const { ctx } = await setup();
    const inv = await invoice(ctx, '2026-01-10', [goods('4000')]);
    await callOk(ctx, 'doubtful.classify', { invoiceIds: [inv.id], date: '2026-04-01', reason: 'doubtful' });
    expect((await callOk(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-04-01', riskPercent: '75' })).target).toBe('3000.00');
    await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-05-01', amount: '2400', method: 'transfer' });
    expect(await callOk(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-05-31', riskPercent: '50' })).toMatchObject({ target: '1000.00', delta: '-2000.00' });
    expect(await callOk(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-06-30', riskPercent: '50' })).toEqual({ target: '1000.00', previous: '1000.00', delta: '0.00', entryId: null });
  });

  it('provisions only the uninsured half under a 50 % credit insurance; refuses an invoice not classified', async () => {
    const { ctx } = await setup();
    const inv = await invoice(ctx, '2026-01-10', [goods('10000')]);
    expect((await callErr(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-04-01', riskPercent: '80' })).code).toBe('CONFLICT');
    await callOk(ctx, 'doubtful.classify', { invoiceIds: [inv.id], date: '2026-04-01', reason: 'doubtful' });
    expect((await callOk(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-04-01', riskPercent: '80', insuredPercent: '50' })).target).toBe('4000.00');
  });

  it('the provision matrix seed: 0 % / 5 % / 30 % on 120 000 / 50 000 / 30 000 HT → 11 500, posting nothing', async () => {
    const { ctx } = await setup();
    await invoice(ctx, '2026-05-01', [goods('30000')]); // due 2026-06-15: 168 days late on 2026-11-30
    await invoice(ctx, '2026-08-01', [goods('50000')]); // due 2026-09-15: 76 days
    await invoice(ctx, '2026-09-20', [goods('120000')]); // due 2026-11-04: 26 days
    const before = await callOk(ctx, 'ledger.verify', {});
    const m = await callOk(ctx, 'doubtful.provisionMatrix', { asOf: '2026-11-30', buckets: [{ fromDays: 0, toDays: 30, percent: '0' }, { fromDays: 31, toDays: 90, percent: '5' }, { fromDays: 91, percent: '30' }] });
    expect(m.total).toBe('11500.00');
    expect(m.rows.map((r) => [r.daysOverdue, r.suggested])).toEqual([[168, '9000.00'], [76, '2500.00'], [26, '0.00']]);
    expect(await callOk(ctx, 'ledger.verify', {})).toEqual(before);
  });
});

describe('write-off (§7) and money received afterwards (§8)', () => {
  it('seed: 1 000 HT + 200 VAT unpaid → D 6541 1 000, D 44571 200, C 416 1 200, and the provision reversed', async () => {
    const { ctx } = await setup();
    const inv = await invoice(ctx, '2026-01-10', [goods('1000')]);
    await callOk(ctx, 'doubtful.classify', { invoiceIds: [inv.id], date: '2026-03-01', reason: 'doubtful' });
    await callOk(ctx, 'doubtful.provision', { invoiceId: inv.id, date: '2026-03-01', riskPercent: '100' });
    const w = await callOk(ctx, 'doubtful.writeOff', { invoiceId: inv.id, date: '2026-09-01', reason: 'liquidation', judgmentDate: '2026-08-15' });
    expect(w).toMatchObject({ loss: '1000.00', lossAccount: '6541', vatRegularised: '200.00', vatPending: '0.00', provisionReversed: '1000.00', vatRecoveryDeadline: '2028-12-31' });
    expect(await lines(ctx, w.entries[0] as number)).toEqual([
      ['6541', '', '1000.00', '0.00'],
      ['44571', '', '200.00', '0.00'],
      ['416', 'C00001', '0.00', '1200.00'],
      ['491', 'C00001', '1000.00', '0.00'],
      ['78174', '', '0.00', '1000.00'],
    ]);
    expect((await callOk(ctx, 'invoice.get', { id: inv.id })).status).toBe('written_off');
    // §8: 600,00 received afterwards → 500,00 to 7583 and 100,00 of VAT owed again.
    const pay = await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-10-01', amount: '600', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '600' }] });
    expect(await lines(ctx, pay.entryId)).toEqual([['512', '', '600.00', '0.00'], ['7583', '', '0.00', '500.00'], ['44571', '', '0.00', '100.00']]);
    expect((await callErr(ctx, 'payment.record', { customerId: 1, date: '2026-10-02', amount: '700', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '700' }] })).code).toBe('VALIDATION');
  });

  it('under VAT on receipts clears exactly the VAT still pending on 44574: nothing to recover', async () => {
    const { ctx } = await setup('encaissements');
    const inv = await invoice(ctx, '2026-01-10', [services('500')]);
    await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-02-01', amount: '150', method: 'transfer' }); // moves 25,00
    const w = await callOk(ctx, 'doubtful.writeOff', { invoiceId: inv.id, date: '2026-09-01', reason: 'certificate' });
    expect(w).toMatchObject({ loss: '375.00', vatRegularised: '0.00', vatPending: '75.00' });
    const tb = await callOk(ctx, 'report.trialBalance', {});
    expect(tb.rows.find((r) => r.account === '44574')?.balance ?? '0.00').toBe('0.00');
  });

  it('an invoice of a prior fiscal year goes to 6544', async () => {
    const { ctx } = await setup();
    const inv = await invoice(ctx, '2026-03-10', [goods('100')]);
    await callOk(at(ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' });
    const w = await callOk(ctx, 'doubtful.writeOff', { invoiceId: inv.id, date: '2027-03-01', reason: 'certificate' });
    expect(w.lossAccount).toBe('6544');
  });

  it('refuses the VAT regularisation outside the recovery window unless the VAT is posted as a loss', async () => {
    const { ctx } = await setup('debits', { start: '2026-01-01', end: '2027-12-31' });
    const inv = await invoice(ctx, '2026-01-10', [goods('1000')]);
    await callOk(ctx, 'fiscalYear.createNext', {});
    await callOk(ctx, 'fiscalYear.createNext', {});
    const err = await callErr(ctx, 'doubtful.writeOff', { invoiceId: inv.id, date: '2029-02-01', reason: 'liquidation', judgmentDate: '2026-06-01' });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/31\/12\/2028/);
    const w = await callOk(ctx, 'doubtful.writeOff', { invoiceId: inv.id, date: '2029-02-01', reason: 'liquidation', judgmentDate: '2026-06-01', vatTreatment: 'loss' });
    expect(w).toMatchObject({ loss: '1200.00', vatRegularised: '0.00', vatAsLoss: '200.00', lossAccount: '6544' });
  });

  it('computes prescription: 5 years between businesses from the due date', async () => {
    const { ctx } = await setup();
    const inv = await invoice(ctx, '2026-01-10', [goods('100')]);
    const err = await callErr(ctx, 'doubtful.writeOff', { invoiceId: inv.id, date: '2026-12-01', reason: 'prescription' });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/24\/02\/2031/);
    const other = await callErr(ctx, 'doubtful.writeOff', { invoiceId: inv.id, date: '2026-12-01', reason: 'other' });
    expect(other.fieldErrors?.vatTreatment).toBeDefined();
  });
});

describe('evidence and candidates', () => {
  it('keeps a copy of the file with its hash, and lists overdue invoices with their signals', async () => {
    const { ctx, dir } = await setup();
    const inv = await invoice(ctx, '2026-01-10', [goods('100')]);
    const file = join(dir, 'mise-en-demeure.pdf');
    writeFileSync(file, 'courrier recommandé');
    const ev = await callOk(ctx, 'evidence.add', { invoiceId: inv.id, kind: 'formal_notice', date: '2026-04-01', note: 'Mise en demeure AR', file });
    expect(ev.file).toMatchObject({ name: 'mise-en-demeure.pdf', intact: true, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(ev.file?.path).not.toBe(file);
    await callOk(ctx, 'evidence.add', { invoiceId: inv.id, kind: 'reminder', date: '2026-03-01', note: 'Relance téléphonique' });
    const c = await callOk(ctx, 'doubtful.candidates', { asOf: '2026-06-30' });
    expect(c.rows).toEqual([expect.objectContaining({ number: inv.number, daysOverdue: 126, signals: expect.objectContaining({ reminders: 1, formalNotices: 1 }), prescriptionDate: '2031-02-24' })]);
    expect((await callOk(ctx, 'doubtful.candidates', { asOf: '2026-04-30' })).rows).toEqual([]);
    expect((await callOk(ctx, 'evidence.list', { invoiceId: inv.id })).rows.map((e) => e.kind)).toEqual(['reminder', 'formal_notice']);
  });
});
