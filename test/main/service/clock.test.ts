import { describe, expect, it } from 'vitest';
import { clockFromEnv, serviceContext, silentLogger, type ServiceContext } from '../../../src/main/core/context';
import { callErr, callOk, testCompany } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';

const goods = { description: 'Marchandise', quantity: '1', unitPrice: '100', vatRate: '20', kind: 'goods' as const };

/** A company whose clock reads `instant`: the same file, the one clock of every door. */
function companyAt(instant: string): ServiceContext {
  const { ctx } = testCompany();
  return serviceContext({ file: ctx.file, now: () => new Date(instant), log: silentLogger });
}

/** An invoice of 30 December 2026 due on the 31st. */
async function dueOnNewYearsEve(ctx: ServiceContext) {
  await callOk(ctx, 'company.init', companyInit);
  await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  return callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-12-30', dueDate: '2026-12-31', lines: [goods], validate: true });
}

describe('one clock: the core’s today is the Paris calendar date of now()', () => {
  it('at 23:30 UTC on 31 December 2026 it is 1 January 2027: app.info says so, and the invoice due on the 31st is overdue', async () => {
    const ctx = companyAt('2026-12-31T23:30:00Z');
    const inv = await dueOnNewYearsEve(ctx);
    expect(ctx.today()).toBe('2027-01-01');
    expect((await callOk(ctx, 'app.info', {})).today).toBe('2027-01-01');
    // « En retard » by default is judged on today: the UTC date (31 December) would not list it yet.
    expect((await callOk(ctx, 'invoice.list', { overdue: true })).rows.map((r) => r.id)).toEqual([inv.id]);
  });

  it('an hour earlier (22:30 UTC, 23:30 in Paris) the same invoice is not yet overdue', async () => {
    const ctx = companyAt('2026-12-31T22:30:00Z');
    await dueOnNewYearsEve(ctx);
    expect((await callOk(ctx, 'app.info', {})).today).toBe('2026-12-31');
    expect((await callOk(ctx, 'invoice.list', { overdue: true })).total).toBe(0);
  });

  it('a reminder made on 1 January in Paris (still 31 December in UTC) is recorded, one dated the 2nd is refused as future', async () => {
    const ctx = companyAt('2026-12-31T23:30:00Z');
    const inv = await dueOnNewYearsEve(ctx);
    await callOk(ctx, 'dunning.record', { invoiceId: inv.id, step: 'courtesy', date: '2027-01-01', channel: 'email' });
    const err = await callErr(ctx, 'dunning.record', { invoiceId: inv.id, step: 'reminder', date: '2027-01-02', channel: 'email' });
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('futur');
  });

  it('on the night summer time starts, 22:30 UTC on Sunday 29 March 2026 is already Monday 30 March in Paris', async () => {
    const ctx = companyAt('2026-03-29T22:30:00Z');
    await callOk(ctx, 'company.init', companyInit);
    expect((await callOk(ctx, 'app.info', {})).today).toBe('2026-03-30');
  });
});

describe('ENCOURS_TODAY pins the clock of a door', () => {
  it('pins every now() to that date, which is the same day in Paris', () => {
    const now = clockFromEnv('2027-07-15');
    if (typeof now === 'string') throw new Error(now);
    expect(now().toISOString()).toBe('2027-07-15T12:00:00.000Z');
    expect(serviceContext({ file: testCompany().ctx.file, now, log: silentLogger }).today()).toBe('2027-07-15');
  });

  it('follows the machine’s clock when unset, and refuses in French a value that is not a real date', () => {
    const now = clockFromEnv(undefined);
    if (typeof now === 'string') throw new Error(now);
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(5_000);
    for (const bad of ['demain', '2026-02-30', '2026-13-01', '22/11/2026']) expect(clockFromEnv(bad), bad).toMatch(/^ENCOURS_TODAY doit être une date AAAA-MM-JJ/);
  });
});
