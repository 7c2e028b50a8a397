import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callErr, callOk, makeTestCompany } from '../../helpers/context';
import { companyInit } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { goods, importLines } from './matching-helpers';

const invoiceArb = fc.record({ customer: fc.integer({ min: 1, max: 3 }), net: fc.constantFrom('100', '250', '500', '1000'), escompte: fc.boolean() });
const lineArb = fc.record({
  amount: fc.constantFrom('120.00', '300.00', '600.00', '1200.00', '1176.00', '900.00', '150.00', '1300.00', '294.00'),
  remittance: fc.constantFrom('', 'F2026-00001', 'FACT 2', 'F 2026 3', 'F2026/4', 'F2026-00004 F2026-00005', 'PEN2026-00001'),
  name: fc.constantFrom('', 'SOCIETE GENERALE', 'BOULANGERIE MARTIN', 'DUPUIS ET FILS'),
  iban: fc.constantFrom(undefined, 'FR1420041010050500013M02606', 'FR7630006000011234567890189'),
});

describe('bank matching (property)', () => {
  it('accepting any suggestions, in any order, stale or fresh, never allocates more than an invoice’s outstanding nor more than the line, and the ledger balances', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(invoiceArb, { minLength: 1, maxLength: 6 }),
        fc.array(lineArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.record({ line: fc.nat(), pick: fc.nat(), fresh: fc.boolean() }), { maxLength: 8 }),
        async (invoices, lines, choices) => {
          const tc = makeTestCompany();
          try {
            const { ctx } = tc;
            await callOk(ctx, 'company.init', companyInit);
            for (const name of ['Société Générale', 'Boulangerie Martin SARL', 'Dupuis & Fils']) await callOk(ctx, 'customer.create', { name, kind: 'business' });
            for (const [i, inv] of invoices.entries()) {
              await callOk(ctx, 'invoice.create', {
                customerId: inv.customer, date: `2026-03-${String(i + 1).padStart(2, '0')}`, lines: [goods(inv.net)], validate: true,
                ...(inv.escompte ? { escompte: { percent: '2', days: 30 } } : {}),
              });
            }
            const ids = await importLines(ctx, lines.map((l) => ({ date: '2026-03-20', amount: l.amount, ...(l.name ? { name: l.name } : {}), ...(l.iban ? { iban: l.iban } : {}), ...(l.remittance ? { remittance: l.remittance } : {}) })));
            const stale = (await callOk(ctx, 'bank.lines', {})).rows;
            for (const c of choices) {
              const rows = c.fresh ? (await callOk(ctx, 'bank.lines', {})).rows : stale;
              const row = rows.find((r) => r.id === ids[c.line % ids.length])!;
              if (row.suggestions.length === 0) continue;
              const s = row.suggestions[c.pick % row.suggestions.length]!;
              const req = { lineId: row.id, allocations: s.invoiceIds.map((invoiceId, k) => ({ invoiceId, amount: s.amounts[k]! })), ...(s.escompte ? { escompte: s.escompte } : {}) };
              const before = (await callOk(ctx, 'bank.lines', {})).rows.find((r) => r.id === row.id)!;
              if (before.status === 'to_process' && JSON.stringify(before.suggestions).includes(JSON.stringify(s))) {
                // A suggestion still offered is accepted.
                expect((await callOk(ctx, 'bank.match', req)).status).toBe('matched');
              } else {
                const r = await callErr(ctx, 'bank.match', req).catch(() => null);
                if (r) {
                  expect(r.code).not.toBe('INTERNAL');
                  expectFrench(r.message);
                }
              }
            }
            if (choices.length % 2 === 0) await callOk(ctx, 'bank.autoMatch', {});
            const db = ctx.file.db();
            expect(db.prepare('SELECT count(*) FROM invoice_balance WHERE outstanding_cents < 0').pluck().get()).toBe(0);
            expect(db.prepare('SELECT coalesce(sum(debit_cents) - sum(credit_cents), 0) FROM entry_line').pluck().get()).toBe(0);
            const matched = db.prepare(
              `SELECT l.amount_cents AS line, p.amount_cents AS paid, (SELECT coalesce(sum(amount_cents), 0) FROM payment_allocation a WHERE a.payment_id = p.id) AS allocated
                 FROM bank_line l JOIN payment p ON p.id = l.payment_id WHERE l.status = 'matched'`,
            ).all() as { line: number; paid: number; allocated: number }[];
            for (const m of matched) {
              expect(m.paid).toBe(m.line);
              expect(m.allocated).toBeLessThanOrEqual(m.line);
            }
            // Each matched line brought its amount to 512, and nothing else did.
            const bank = db.prepare("SELECT coalesce(sum(debit_cents - credit_cents), 0) FROM entry_line WHERE account = '512'").pluck().get();
            expect(bank).toBe(matched.reduce((s, m) => s + m.line, 0));
          } finally {
            tc.dispose();
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
