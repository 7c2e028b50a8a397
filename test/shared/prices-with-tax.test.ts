import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeInvoice, vatOf } from '../../src/shared/invoice-math';
import { centsToString, Dec } from '../../src/shared/money';
import { pricesFromTtc } from '../../src/shared/prices-with-tax';

const RATES = ['20', '10', '5.5', '2.1'] as const;
const cents = (min: number, max: number) => fc.integer({ min, max }).map((c) => centsToString(BigInt(c)));
const line = fc.record({
  quantity: fc.oneof(fc.constant('1'), fc.integer({ min: 1, max: 40 }).map(String), cents(1, 4000)),
  unitPrice: cents(1, 999_999),
  vatRate: fc.constantFrom(...RATES),
  discountPercent: fc.option(fc.constantFrom('5', '10', '12.5'), { nil: undefined }),
});

/** Is there any base, in cents, whose base + VAT at `rate` is exactly `gross`? (brute force, for the test) */
function reachable(gross: bigint, rate: string): boolean {
  const near = BigInt(new Dec(gross.toString()).div(new Dec(1).plus(new Dec(rate).div(100))).round().toFixed(0));
  for (let b = near - 5n; b <= near + 5n; b += 1n) if (b + vatOf(b, rate) === gross) return true;
  return false;
}

describe('prices typed with tax included', () => {
  it('one line of 120,00 € TTC at 20 % is 100,00 € HT and 20,00 € of VAT', () => {
    const r = pricesFromTtc([{ quantity: '1', unitPrice: '120', vatRate: '20' }]);
    expect(r.lines[0]?.unitPrice).toBe('100');
    expect(r).toMatchObject({ typedGross: 12000n, difference: 0n });
  });

  it('three hours at 45,00 € TTC and a 10 % rate give 135,00 € TTC exactly: 122,73 € HT + 12,27 € VAT', () => {
    const r = pricesFromTtc([{ quantity: '3', unitPrice: '45', vatRate: '10' }]);
    const t = computeInvoice(r.lines);
    expect([t.net, t.vat, t.gross]).toEqual([12273n, 1227n, 13500n]);
    expect(r.difference).toBe(0n);
  });

  it('120,03 € TTC at 20 % cannot be reached (100,02 € HT gives 120,02 €, 100,03 € gives 120,04 €): the cent is said, never hidden', () => {
    const r = pricesFromTtc([{ quantity: '1', unitPrice: '120.03', vatRate: '20' }]);
    expect(Math.abs(Number(r.difference))).toBe(1);
    expect(reachable(12003n, '20')).toBe(false);
    // Its neighbours are reached exactly.
    for (const price of ['120.02', '120.04']) expect(pricesFromTtc([{ quantity: '1', unitPrice: price, vatRate: '20' }]).difference).toBe(0n);
  });

  it('under the franchise the TTC price is the price, nothing derived', () => {
    const r = pricesFromTtc([{ quantity: '2', unitPrice: '99.99', vatRate: '0' }], { noVat: true });
    expect(r.lines[0]?.unitPrice).toBe('99.99');
    expect(r.difference).toBe(0n);
  });

  it('for random lines, rates and discounts: the invoice’s TTC is what was typed whenever a base reaches each rate’s total, else it is off by at most a cent per rate, and said', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        const r = pricesFromTtc(lines);
        const t = computeInvoice(r.lines);
        // What is reported is what the invoice will be.
        expect(t.gross - r.typedGross).toBe(r.difference);
        // Each rate's typed total: reached exactly when some base reaches it.
        const typedByRate = new Map<string, bigint>();
        lines.forEach((l) => {
          const single = pricesFromTtc([l]).typedGross;
          typedByRate.set(l.vatRate, (typedByRate.get(l.vatRate) ?? 0n) + single);
        });
        for (const rt of t.byRate) {
          const typed = typedByRate.get(rt.rate) ?? 0n;
          const got = rt.base + rt.vat;
          const off = got - typed;
          if (reachable(typed, rt.rate)) expect(off).toBe(0n);
          else expect(off === 1n || off === -1n).toBe(true);
        }
        // HT unit prices have at most four decimals and are never negative.
        for (const l of r.lines) expect(l.unitPrice).toMatch(/^\d+(\.\d{1,4})?$/);
      }),
      { numRuns: 500 },
    );
  });
});
