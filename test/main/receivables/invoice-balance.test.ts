import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../src/main/core/context';
import { balanceDrift } from '../../../src/main/db/repositories/invoice-balance-repo';
import { callOk, testCompany } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';

const line = (unitPrice: string, vatRate = '20') => ({ description: 'Prestation', quantity: '1', unitPrice, vatRate, kind: 'services' as const });

async function setup() {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', companyInit);
  await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  await callOk(tc.ctx, 'customer.create', { name: 'Boulangerie Martin', kind: 'business' });
  return tc;
}

/** The kept balances equal the ledger's, and each invoice's status is the one invoice.get derives. */
async function expectKeptBalancesTrue(ctx: ServiceContext) {
  expect(balanceDrift(ctx.file.db())).toEqual([]);
  const all = await callOk(ctx, 'invoice.list', {});
  for (const row of all.rows) {
    const got = await callOk(ctx, 'invoice.get', { id: row.id });
    expect({ id: row.id, status: row.status, outstanding: row.outstanding, paid: row.paid, credited: row.credited }).toEqual({
      id: got.id, status: got.status, outstanding: got.outstanding, paid: got.paid, credited: got.credited,
    });
    const filtered = await callOk(ctx, 'invoice.list', { status: got.status });
    expect(filtered.rows.map((r) => r.id)).toContain(got.id);
  }
}

describe('the per-invoice balance kept by the database (migration 0007)', () => {
  it('follows payments, credit notes, advances, manual bank lines lettered and unlettered, doubtful and write-off', async () => {
    const { ctx } = await setup();
    const a = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-03-01', lines: [line('1000')], validate: true });
    const b = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-03-02', lines: [line('100')], validate: true });
    const c = await callOk(ctx, 'invoice.create', { customerId: 2, date: '2026-03-03', lines: [line('50', '10')], validate: true });
    const draft = await callOk(ctx, 'invoice.create', { customerId: 2, date: '2026-03-04', lines: [line('70')] }); // a draft: no balance row
    await expectKeptBalancesTrue(ctx);
    await callOk(ctx, 'invoice.validate', { id: draft.id }); // validated later: its row, with its gross
    await expectKeptBalancesTrue(ctx);

    await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-03-10', amount: '200', method: 'transfer', allocations: [{ invoiceId: a.id, amount: '200' }] });
    await callOk(ctx, 'creditNote.create', { invoiceId: a.id, date: '2026-03-11', reason: 'Geste', kind: 'rebate', lines: [line('10')], validate: true });
    await expectKeptBalancesTrue(ctx);

    // A bank line typed by hand, lettered with invoice B: counted as a payment; unlettered: no longer.
    await callOk(ctx, 'ledger.post', { journal: 'BQ', date: '2026-03-12', label: `Virement ${b.number}`, pieceRef: `${b.number}`, lines: [{ account: '512', debit: '120' }, { account: '411', aux: 'C00001', credit: '120' }] });
    const owedByFirst = async (asOf: string) => (await callOk(ctx, 'report.aging', { asOf })).rows.find((r) => r.customerId === 1)?.total;
    expect(await owedByFirst('2026-03-31')).toBe('1108.00'); // A 1 200 − 200 − 12 + B 120: the bank line is not lettered yet
    expect(await callOk(ctx, 'lettering.auto', { customerId: 1 })).toEqual({ matched: 1 });
    expect((await callOk(ctx, 'invoice.get', { id: b.id })).status).toBe('paid');
    await expectKeptBalancesTrue(ctx);
    // The aged balance at a past date weighs B line by line (moved since): owed before the bank line, not after.
    expect(await owedByFirst('2026-03-11')).toBe('1108.00');
    expect(await owedByFirst('2026-03-31')).toBe('988.00');
    await callOk(ctx, 'lettering.unmatch', { code: 'A', aux: 'C00001' });
    expect((await callOk(ctx, 'invoice.get', { id: b.id })).status).toBe('open');
    await expectKeptBalancesTrue(ctx);

    // C paid with more than it owes: the rest is an advance, applied to D.
    const pay = await callOk(ctx, 'payment.record', { customerId: 2, date: '2026-03-15', amount: '80', method: 'check', allocations: [{ invoiceId: c.id, amount: '55' }] });
    expect(pay.advance).toBe('25.00');
    const d = await callOk(ctx, 'invoice.create', { customerId: 2, date: '2026-03-16', lines: [line('100')], validate: true });
    await callOk(ctx, 'advance.apply', { customerId: 2, invoiceId: d.id, amount: pay.advance, date: '2026-03-16' });
    expect((await callOk(ctx, 'invoice.get', { id: d.id })).status).toBe('partial');
    await expectKeptBalancesTrue(ctx);

    // A: doubtful, provisioned, written off.
    await callOk(ctx, 'doubtful.classify', { invoiceIds: [a.id], date: '2026-05-01', reason: 'doubtful' });
    await callOk(ctx, 'doubtful.provision', { invoiceId: a.id, date: '2026-05-01', riskPercent: '50' });
    expect((await callOk(ctx, 'invoice.get', { id: a.id })).status).toBe('doubtful');
    await expectKeptBalancesTrue(ctx);
    await callOk(ctx, 'doubtful.writeOff', { invoiceId: a.id, date: '2026-09-01', reason: 'liquidation', judgmentDate: '2026-08-15' });
    expect((await callOk(ctx, 'invoice.get', { id: a.id })).status).toBe('written_off');
    await expectKeptBalancesTrue(ctx);
  });

  it('is weighed again when the customer account changes', async () => {
    const { ctx } = await setup();
    await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-03-01', lines: [line('100')], validate: true });
    await callOk(ctx, 'account.create', { number: '411100', label: 'Clients France' });
    await callOk(ctx, 'account.setRole', { role: 'customers', account: '411100' });
    await expectKeptBalancesTrue(ctx);
    await callOk(ctx, 'invoice.create', { customerId: 2, date: '2026-03-02', lines: [line('40')], validate: true });
    await callOk(ctx, 'payment.record', { customerId: 2, date: '2026-03-05', amount: '10', method: 'transfer' });
    await expectKeptBalancesTrue(ctx);
    await callOk(ctx, 'account.setRole', { role: 'customers', account: '411' });
    await expectKeptBalancesTrue(ctx);
  });

  it('reports nothing but the drift when the table is altered behind the triggers’ back', async () => {
    const { ctx } = await setup();
    const a = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-03-01', lines: [line('100')], validate: true });
    const db = ctx.file.db();
    db.prepare('UPDATE invoice_balance SET outstanding_cents = outstanding_cents - 1 WHERE invoice_id = ?').run(a.id);
    expect(balanceDrift(db)).toMatchObject([{ invoiceId: a.id, kept: { outstanding: 11999 }, ledger: { outstanding: 12000 } }]);
  });
});
