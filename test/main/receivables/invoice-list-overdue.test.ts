import { describe, expect, it } from 'vitest';
import { callOk, testCompany } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';

const goods = (unitPrice: string) => ({ description: 'Marchandise', quantity: '1', unitPrice, vatRate: '20', kind: 'goods' as const });

/**
 * invoice.list { overdue }: « En retard » is computed by the main process (validated, still owed, due
 * before asOf or today), paged and counted there, oldest due date first. Today is 2026-11-22 (FIXED_NOW).
 */
describe('invoice.list overdue', () => {
  async function setup() {
    const tc = testCompany();
    const { ctx } = tc;
    await callOk(ctx, 'company.init', companyInit);
    await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
    await callOk(ctx, 'customer.create', { ...societeGenerale, name: 'Boulangerie Martin', siren: '', creditLimit: '' });
    const inv = (customerId: number, date: string, dueDate: string, price = '100', validate = true) =>
      callOk(ctx, 'invoice.create', { customerId, date, dueDate, lines: [goods(price)], validate });
    // Created in date order: the F series is chronological.
    const b = await inv(2, '2026-02-01', '2026-03-10'); // partly paid, overdue (the oldest due date)
    const a = await inv(1, '2026-03-01', '2026-04-15'); // open, overdue
    const f = await inv(1, '2026-04-01', '2026-05-20'); // fully credited: cancelled, not overdue
    const e = await inv(2, '2026-04-01', '2026-05-15', '100', false); // draft: not overdue
    const c = await inv(1, '2026-05-01', '2026-06-30'); // paid: not overdue
    const d = await inv(1, '2026-11-01', '2026-12-31'); // open, not yet due
    await callOk(ctx, 'payment.record', { customerId: 2, date: '2026-04-01', amount: '50', method: 'transfer', allocations: [{ invoiceId: b.id, amount: '50' }] });
    await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-06-01', amount: '120', method: 'transfer', allocations: [{ invoiceId: c.id, amount: '120' }] });
    await callOk(ctx, 'creditNote.create', { invoiceId: f.id, date: '2026-04-02', reason: 'Erreur de facturation', validate: true });
    return { ...tc, a, b, c, d, e, f };
  }

  it('lists the validated invoices still owed and due before today, oldest due date first, with their total', async () => {
    const { ctx, a, b } = await setup();
    const list = await callOk(ctx, 'invoice.list', { overdue: true });
    expect(list.total).toBe(2);
    expect(list.rows.map((r) => [r.id, r.status, r.outstanding])).toEqual([
      [b.id, 'partial', '70.00'],
      [a.id, 'open', '120.00'],
    ]);
  });

  it('takes asOf, combines with the other filters, and pages server-side', async () => {
    const { ctx, a, b, d } = await setup();
    // On 2027-01-15 the November invoice is due too.
    expect((await callOk(ctx, 'invoice.list', { overdue: true, asOf: '2027-01-15' })).rows.map((r) => r.id)).toEqual([b.id, a.id, d.id]);
    // Due before 2026-04-01: only b.
    expect((await callOk(ctx, 'invoice.list', { overdue: true, asOf: '2026-04-01' })).rows.map((r) => r.id)).toEqual([b.id]);
    expect((await callOk(ctx, 'invoice.list', { overdue: true, customerId: 1 })).rows.map((r) => r.id)).toEqual([a.id]);
    expect((await callOk(ctx, 'invoice.list', { overdue: true, status: 'partial' })).rows.map((r) => r.id)).toEqual([b.id]);
    expect((await callOk(ctx, 'invoice.list', { overdue: true, status: 'paid' })).total).toBe(0);
    expect((await callOk(ctx, 'invoice.list', { overdue: true, search: 'Martin' })).rows.map((r) => r.id)).toEqual([b.id]);

    const page1 = await callOk(ctx, 'invoice.list', { overdue: true, asOf: '2027-01-15', limit: 2, offset: 0 });
    const page2 = await callOk(ctx, 'invoice.list', { overdue: true, asOf: '2027-01-15', limit: 2, offset: 2 });
    expect([page1.total, page2.total]).toEqual([3, 3]);
    expect([...page1.rows, ...page2.rows].map((r) => r.id)).toEqual([b.id, a.id, d.id]);
  });

  it('agrees with the renderer rule it replaces (open or partial, due date passed) on every invoice', async () => {
    const { ctx } = await setup();
    const all = await callOk(ctx, 'invoice.list', {});
    const expected = all.rows
      .filter((r) => (r.status === 'open' || r.status === 'partial') && r.dueDate < '2026-11-22')
      .sort((x, y) => (x.dueDate < y.dueDate ? -1 : x.dueDate > y.dueDate ? 1 : x.id - y.id))
      .map((r) => r.id);
    expect((await callOk(ctx, 'invoice.list', { overdue: true })).rows.map((r) => r.id)).toEqual(expected);
  });

  it('reads the due invoices through the (state, due_date) index', async () => {
    const { ctx } = await setup();
    const plan = (ctx.file.db().prepare("EXPLAIN QUERY PLAN SELECT id FROM invoice i WHERE i.state = 'validated' AND i.due_date < ?").all('2026-11-22') as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/USING (COVERING )?INDEX invoice_by_state_due/);
  });
});
