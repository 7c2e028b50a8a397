import { describe, expect, it } from 'vitest';
import { callErr, callOk } from '../../helpers/context';
import { dunningCompany, invoice1200 } from './setup';

describe('payment plans (échéanciers)', () => {
  it('checks the instalments: total equal to the outstanding, increasing dates, not before today, one plan at a time', async () => {
    const tc = await dunningCompany();
    const a = await invoice1200(tc, 1, '2026-08-01', '2026-08-31');
    const b = await invoice1200(tc, 1, '2026-08-15', '2026-09-14');
    const other = await invoice1200(tc, 2, '2026-08-20', '2026-09-19');
    const sum = await callErr(tc.ctx, 'paymentPlan.create', { invoiceIds: [a.id, b.id], instalments: [{ date: '2026-11-30', amount: '1200' }, { date: '2026-12-31', amount: '1199.99' }] });
    expect(sum.code).toBe('VALIDATION');
    expect(sum.message.replace(/[\u00a0\u202f]/g, ' ')).toBe('Les échéances totalisent 2 399,99 € : elles doivent égaler le reste dû, 2 400,00 €.');
    expect(sum.fieldErrors?.instalments).toBeDefined();
    const past = await callErr(tc.ctx, 'paymentPlan.create', { invoiceIds: [a.id], instalments: [{ date: '2026-11-21', amount: '1200' }] });
    expect(past.fieldErrors?.['instalments.0.date']).toBeDefined();
    const order = await callErr(tc.ctx, 'paymentPlan.create', { invoiceIds: [a.id], instalments: [{ date: '2026-12-31', amount: '600' }, { date: '2026-12-31', amount: '600' }] });
    expect(order.fieldErrors?.['instalments.1.date']).toContain('dépasser la précédente');
    const mixed = await callErr(tc.ctx, 'paymentPlan.create', { invoiceIds: [a.id, other.id], instalments: [{ date: '2026-12-31', amount: '2400' }] });
    expect(mixed.message).toContain('un seul client');

    const plan = await callOk(tc.ctx, 'paymentPlan.create', { invoiceIds: [a.id, b.id], instalments: [{ date: '2026-11-30', amount: '800' }, { date: '2026-12-31', amount: '800' }, { date: '2027-01-31', amount: '800.00' }], note: 'Accord téléphonique' });
    expect(plan).toMatchObject({ status: 'active', broken: false, total: '2400.00', paid: '0.00', date: '2026-11-22', note: 'Accord téléphonique' });
    expect(plan.invoices.map((i) => [i.invoiceId, i.amount])).toEqual([[a.id, '1200.00'], [b.id, '1200.00']]);
    expect(plan.instalments.map((i) => i.status)).toEqual(['due', 'due', 'due']);
    const twice = await callErr(tc.ctx, 'paymentPlan.create', { invoiceIds: [b.id], instalments: [{ date: '2026-12-31', amount: '1200' }] });
    expect(twice.code).toBe('CONFLICT');
    expect(twice.message).toContain('déjà un échéancier en cours');
  });

  it('instalments drive the reminders; a missed one breaks the plan and signals the doubtful-debt candidate', async () => {
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 1, '2026-08-01', '2026-08-31');
    // Before the plan: 83 days late, never reminded: the written reminder is due (no step is skipped).
    expect((await callOk(tc.ctx, 'dunning.due', { asOf: '2026-11-22' })).rows[0]?.step.key).toBe('reminder');
    await callOk(tc.ctx, 'dunning.record', { invoiceId: inv.id, step: 'reminder', date: '2026-09-10', channel: 'letter' });
    const plan = await callOk(tc.ctx, 'paymentPlan.create', { invoiceIds: [inv.id], instalments: [{ date: '2026-11-30', amount: '600' }, { date: '2026-12-31', amount: '600' }] });
    // Under the plan, nothing is due until the first instalment's courtesy reminder (30 Nov − 15 days, already passed: proposed now).
    const now = await callOk(tc.ctx, 'dunning.due', { asOf: '2026-11-22' });
    expect(now.rows[0]).toMatchObject({ basis: 'instalment', step: { key: 'courtesy' }, stepDueDate: '2026-11-15', instalment: { planId: plan.id, date: '2026-11-30', amount: '600.00', unpaid: '600.00' } });
    await callOk(tc.ctx, 'dunning.record', { invoiceId: inv.id, step: 'courtesy', date: '2026-11-22', channel: 'email' });
    expect((await callOk(tc.ctx, 'dunning.due', { asOf: '2026-12-06' })).rows).toEqual([]);
    // Instalment 1 unpaid at +7: the written reminder is due on it.
    expect((await callOk(tc.ctx, 'dunning.due', { asOf: '2026-12-07' })).rows[0]).toMatchObject({ basis: 'instalment', step: { key: 'reminder' }, stepDueDate: '2026-12-07' });
    const broken = await callOk(tc.ctx, 'paymentPlan.list', { invoiceId: inv.id, asOf: '2026-12-07' });
    expect(broken.rows[0]).toMatchObject({ broken: true, status: 'active' });
    expect(broken.rows[0]?.instalments.map((i) => i.status)).toEqual(['missed', 'due']);
    const cand = await callOk(tc.ctx, 'doubtful.candidates', { asOf: '2026-12-07', minDaysOverdue: 90 });
    expect(cand.rows[0]?.signals).toMatchObject({ paymentPlanBroken: true, reminders: 1 });
    expect((await callOk(tc.ctx, 'doubtful.candidates', { asOf: '2026-11-29', minDaysOverdue: 0 })).rows[0]?.signals.paymentPlanBroken).toBe(false);

    // Paid today (22 November): instalment 1 covered, not broken, the next reminders count from 31 December.
    await callOk(tc.ctx, 'payment.record', { customerId: 1, date: '2026-11-22', amount: '600.00', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '600.00' }] });
    const paid = await callOk(tc.ctx, 'paymentPlan.list', { customerId: 1, asOf: '2026-12-07' });
    expect(paid.rows[0]).toMatchObject({ broken: false, paid: '600.00' });
    expect(paid.rows[0]?.instalments.map((i) => [i.status, i.paid])).toEqual([['paid', '600.00'], ['due', '0.00']]);
    expect((await callOk(tc.ctx, 'dunning.due', { asOf: '2026-12-07' })).rows).toEqual([]);
    expect((await callOk(tc.ctx, 'dunning.due', { asOf: '2027-01-07' })).rows[0]).toMatchObject({ basis: 'instalment', step: { key: 'reminder' }, instalment: { date: '2026-12-31', unpaid: '600.00' } });
    expect((await callOk(tc.ctx, 'doubtful.candidates', { asOf: '2026-12-07', minDaysOverdue: 90 })).rows[0]?.signals.paymentPlanBroken).toBe(false);

    // Cancelled: the invoice's own due date drives the dunning again.
    const cancelled = await callOk(tc.ctx, 'paymentPlan.cancel', { id: plan.id });
    expect(cancelled.status).toBe('cancelled');
    expect((await callErr(tc.ctx, 'paymentPlan.cancel', { id: plan.id })).code).toBe('CONFLICT');
    expect((await callErr(tc.ctx, 'paymentPlan.cancel', { id: 99 })).code).toBe('NOT_FOUND');
    // Reminded on 10 September: the call is next (31 August + 30 days, long due), not the litigation.
    expect((await callOk(tc.ctx, 'dunning.due', { asOf: '2026-12-07' })).rows[0]).toMatchObject({ basis: 'invoice', step: { key: 'call' }, stepDueDate: '2026-09-30' });
  });
});
