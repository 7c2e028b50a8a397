import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../src/main/core/context';
import { balanceDrift } from '../../../src/main/db/repositories/invoice-balance-repo';
import { centsToString, toCents } from '../../../src/shared/money';
import { call, callOk, makeTestCompany } from '../../helpers/context';
import { companyInit } from '../../helpers/fixtures';

const RATES = ['20', '10', '5.5', '2.1', '0'];
const cents = (s: string) => toCents(s);

/** A random operation on the receivables of three customers. */
const op = fc.oneof(
  fc.record({
    kind: fc.constant('invoice' as const),
    customer: fc.integer({ min: 1, max: 3 }),
    lines: fc.array(
      fc.record({
        qty: fc.integer({ min: 1, max: 50 }),
        priceCents: fc.integer({ min: 1, max: 500_000 }),
        rate: fc.constantFrom(...RATES),
        kind: fc.constantFrom('goods' as const, 'services' as const),
        discount: fc.constantFrom(undefined, '5', '12.5'),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
  fc.record({ kind: fc.constant('payment' as const), customer: fc.integer({ min: 1, max: 3 }), amountCents: fc.integer({ min: 1, max: 800_000 }) }),
  fc.record({ kind: fc.constant('creditNote' as const), pick: fc.nat(), share: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ kind: fc.constant('advance' as const), customer: fc.integer({ min: 1, max: 3 }), pick: fc.nat() }),
  // Issue 14: a payment cancelled (refused when its advance was used since), and one recorded then cancelled at once.
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('recordThenCancel' as const), customer: fc.integer({ min: 1, max: 3 }), amountCents: fc.integer({ min: 1, max: 800_000 }) }),
);

/** What each invoice owes and why, as the API says it. */
async function invoiceStates(ctx: ServiceContext) {
  return (await callOk(ctx, 'invoice.list', {})).rows.map((i) => ({ id: i.id, status: i.status, outstanding: i.outstanding, paid: i.paid, credited: i.credited }));
}

async function balances(ctx: ServiceContext) {
  const tb = await callOk(ctx, 'report.trialBalance', { byAux: true });
  const by = new Map<string, bigint>();
  for (const r of tb.rows) by.set(`${r.account}/${r.aux ?? ''}`, cents(r.balance));
  return { tb, get: (account: string, aux = '') => by.get(`${account}/${aux}`) ?? 0n };
}

describe('receivables invariants (accounting.md §10), random sequences', () => {
  it('keeps each customer’s 411 + 416 equal to their invoices’ outstanding, 4191 to their unused advances, the kept invoice balances equal to the ledger’s, and the ledger sound', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), fc.constantFrom('debits' as const, 'encaissements' as const), async (ops, vatRegime) => {
        const tc = makeTestCompany();
        try {
          const { ctx } = tc;
          await callOk(ctx, 'company.init', { ...companyInit, vatRegime });
          for (const name of ['Alpha', 'Bêta', 'Gamma']) await callOk(ctx, 'customer.create', { name, kind: 'business' });
          let day = 1;
          const date = () => `2026-${String(Math.floor(day / 28) + 1).padStart(2, '0')}-${String((day % 28) + 1).padStart(2, '0')}`;
          for (const o of ops) {
            day++;
            if (o.kind === 'invoice') {
              const inv = await callOk(ctx, 'invoice.create', {
                customerId: o.customer, date: date(), validate: true,
                lines: o.lines.map((l) => ({ description: 'Article', quantity: String(l.qty), unitPrice: centsToString(BigInt(l.priceCents)), vatRate: l.rate, kind: l.kind, ...(l.discount ? { discountPercent: l.discount } : {}) })),
              });
              // Σ bases + Σ VAT = gross, each VAT rounded once on its base.
              const t = inv.totals;
              expect(t.byRate.reduce((s, r) => s + cents(r.base) + cents(r.vat), 0n)).toBe(cents(t.gross));
            } else if (o.kind === 'payment') {
              await call(ctx, 'payment.record', { customerId: o.customer, date: date(), amount: centsToString(BigInt(o.amountCents)), method: 'transfer' });
            } else if (o.kind === 'cancel') {
              const recorded = (await callOk(ctx, 'payment.list', { status: 'recorded' })).rows;
              const target = recorded[o.pick % Math.max(recorded.length, 1)];
              if (target) {
                const r = await call(ctx, 'payment.cancel', { id: target.id, date: date(), reason: 'Chèque impayé' });
                expect(r.ok || (!r.ok && r.error.code === 'CONFLICT')).toBe(true);
              }
            } else if (o.kind === 'recordThenCancel') {
              // Recorded, then cancelled at once: every invoice is as it was, and so is the customer's advance.
              const before = { invoices: await invoiceStates(ctx), advance: (await balances(ctx)).get('4191', `C0000${o.customer}`) };
              const paid = await callOk(ctx, 'payment.record', { customerId: o.customer, date: date(), amount: centsToString(BigInt(o.amountCents)), method: 'transfer' });
              await callOk(ctx, 'payment.cancel', { id: paid.id, date: date(), reason: 'Erreur de saisie' });
              expect({ invoices: await invoiceStates(ctx), advance: (await balances(ctx)).get('4191', `C0000${o.customer}`) }).toEqual(before);
            } else if (o.kind === 'creditNote') {
              const open = (await callOk(ctx, 'invoice.list', {})).rows.filter((i) => cents(i.outstanding) > 0n);
              const target = open[o.pick % Math.max(open.length, 1)];
              if (target) {
                const full = o.share === 100;
                const r = await call(ctx, 'creditNote.create', { invoiceId: target.id, date: date(), reason: 'Retour', validate: true, ...(full ? {} : { kind: 'rebate', lines: [{ description: 'Rabais', quantity: '1', unitPrice: '1.00', vatRate: (await callOk(ctx, 'invoice.get', { id: target.id })).totals.byRate[0]?.rate ?? '20', kind: 'goods' }] }) });
                expect(r.ok || (!r.ok && ['VALIDATION', 'CONFLICT'].includes(r.error.code))).toBe(true);
              }
            } else {
              const open = (await callOk(ctx, 'invoice.list', { customerId: o.customer })).rows.filter((i) => cents(i.outstanding) > 0n);
              const target = open[o.pick % Math.max(open.length, 1)];
              const { get } = await balances(ctx);
              const code = `C0000${o.customer}`;
              const available = -get('4191', code);
              if (target && available > 0n) {
                const amount = available < cents(target.outstanding) ? available : cents(target.outstanding);
                await callOk(ctx, 'advance.apply', { customerId: o.customer, invoiceId: target.id, amount: centsToString(amount), date: date() });
              }
            }
          }
          const { tb, get } = await balances(ctx);
          expect(tb.totals.debit).toBe(tb.totals.credit);
          expect(await callOk(ctx, 'ledger.verify', {})).toMatchObject({ ok: true });
          // The per-invoice balances the triggers keep are the ledger's.
          expect(balanceDrift(ctx.file.db())).toEqual([]);
          for (const id of [1, 2, 3]) {
            const code = `C0000${id}`;
            const invoices = await callOk(ctx, 'invoice.list', { customerId: id });
            const outstanding = invoices.rows.reduce((s, i) => s + cents(i.outstanding), 0n);
            expect(get('411', code) + get('416', code)).toBe(outstanding);
            expect(get('4191', code)).toBeLessThanOrEqual(0n);
            for (const i of invoices.rows) expect(cents(i.outstanding)).toBeGreaterThanOrEqual(0n);
          }
          // Nothing is left pending for an invoice that is settled.
          const settled = (await callOk(ctx, 'invoice.list', { status: 'paid' })).total + (await callOk(ctx, 'invoice.list', { status: 'cancelled' })).total;
          const all = (await callOk(ctx, 'invoice.list', {})).total;
          if (settled === all) expect(get('44574')).toBe(0n);
        } finally {
          tc.dispose();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
