import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeInvoice, creditLineParts, escompte, lineNet, prorata, provisionTarget, vatOf } from '../../src/shared/invoice-math';
import { centsToString, toCents } from '../../src/shared/money';

const s = (c: bigint) => centsToString(c);

describe('computing an invoice (accounting.md)', () => {
  it('reproduces the seed: 1 000,00 HT goods at 20 % → 200,00 VAT, 1 200,00 gross', () => {
    const t = computeInvoice([{ quantity: '1', unitPrice: '1000', vatRate: '20' }]);
    expect([s(t.net), s(t.vat), s(t.gross)]).toEqual(['1000.00', '200.00', '1200.00']);
  });

  it('rounds the VAT once per rate, never the sum of rounded line VATs (BR-CO-17)', () => {
    // Three lines of 0,05 at 10 %: line VATs would each round to 0,01 (0,03); the base 0,15 gives 0,02.
    const line = { quantity: '1', unitPrice: '0.05', vatRate: '10' };
    const t = computeInvoice([line, line, line]);
    expect(s(t.byRate[0]!.base)).toBe('0.15');
    expect(s(t.vat)).toBe('0.02');
  });

  it('applies line then invoice discounts before rounding the line net once', () => {
    // 3 × 33,3333 × 0,9 × 0,95 = 85,499915 → 85,50
    expect(s(lineNet({ quantity: '3', unitPrice: '33.3333', vatRate: '20', discountPercent: '10' }, '5'))).toBe('85.50');
  });

  it('groups three rates with line and invoice discounts, bases + VAT = gross', () => {
    const t = computeInvoice(
      [
        { quantity: '2', unitPrice: '150', vatRate: '20', discountPercent: '10' }, // 270 → 256,50
        { quantity: '10', unitPrice: '4.99', vatRate: '5.5' }, // 49,90 → 47,405 → 47,41
        { quantity: '1', unitPrice: '80', vatRate: '10', discountPercent: '25' }, // 60 → 57
      ],
      { discountPercent: '5' },
    );
    expect(t.byRate.map((r) => [r.rate, s(r.base), s(r.vat)])).toEqual([
      ['20', '256.50', '51.30'],
      ['10', '57.00', '5.70'],
      ['5.5', '47.41', '2.61'],
    ]);
    expect(s(t.gross)).toBe('420.52');
  });

  it('charges no VAT under the franchise, whatever the line rates', () => {
    const t = computeInvoice([{ quantity: '1', unitPrice: '500', vatRate: '20' }], { noVat: true });
    expect([s(t.vat), s(t.gross), t.byRate[0]?.rate]).toEqual(['0.00', '500.00', '0']);
  });

  it('for any lines, Σ bases + Σ VAT = gross and each VAT = base × rate rounded once', () => {
    const rate = fc.constantFrom('20', '10', '8.5', '5.5', '2.1', '1.75', '1.05', '0');
    // Decimal strings built from integers: n units of 10^-places.
    const decimal = (min: number, max: number, places: number) =>
      fc.integer({ min, max }).map((n) => `${Math.trunc(n / 10 ** places)}.${String(n % 10 ** places).padStart(places, '0')}`);
    const line = fc.record({
      quantity: decimal(1, 10_000, 2),
      unitPrice: decimal(0, 10_000_000, 4),
      vatRate: rate,
      discountPercent: fc.option(fc.integer({ min: 0, max: 100 }).map(String), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), (lines) => {
        const t = computeInvoice(lines);
        expect(t.byRate.reduce((a, r) => a + r.base + r.vat, 0n)).toBe(t.gross);
        expect(t.lineNets.reduce((a, n) => a + n, 0n)).toBe(t.net);
        for (const r of t.byRate) expect(r.vat).toBe(vatOf(r.base, r.rate));
      }),
    );
  });
});

describe('payments, escompte, provisions, write-offs', () => {
  it('moves the VAT share of a receipt (§2): 150,00 of 600,00 moves 25,00', () => {
    expect(s(prorata(toCents('150'), toCents('100'), toCents('600')))).toBe('25.00');
  });

  it('computes the escompte per rate (§4): 2 % on 1 000,00 HT at 20 % → 20,00 + 4,00, 1 176,00 due', () => {
    const e = escompte([{ rate: '20', base: toCents('1000'), vat: toCents('200') }], '2');
    expect([s(e.discountBase), s(e.discountVat), s(e.amountDue)]).toEqual(['20.00', '4.00', '1176.00']);
  });

  it('reproduces the provision seeds (§6) from the outstanding HT', () => {
    expect(s(provisionTarget(toCents('10000'), '80'))).toBe('8000.00');
    // after 7 200,00 TTC paid: 4 800,00 TTC left = 4 000,00 HT, at 100 %
    expect(s(provisionTarget(toCents('4000'), '100'))).toBe('4000.00');
    expect(s(provisionTarget(toCents('4000'), '75'))).toBe('3000.00');
    expect(s(provisionTarget(toCents('2000'), '50'))).toBe('1000.00');
    expect(s(provisionTarget(toCents('10000'), '80', '50'))).toBe('4000.00');
    // 2 828,57 HT (example A of the write-off split) × 33,33 % = 942,762… → 942,76, rounded once.
    expect(s(provisionTarget(toCents('2828.57'), '33.33'))).toBe('942.76');
  });

  it('splits an unpaid 1 200,00 into 1 000,00 HT and 200,00 VAT (§7)', () => {
    const vat = prorata(toCents('1200'), toCents('200'), toCents('1200'));
    expect([s(toCents('1200') - vat), s(vat)]).toEqual(['1000.00', '200.00']);
  });
});

describe('creditLineParts', () => {
  it('splits a credit note by rate and nature: services carry their own VAT, pending under VAT on receipts; goods the rest', () => {
    const lines = [
      { description: 'Table', kind: 'goods' as const, quantity: '1', unitPrice: '100.05', vatRate: '20' },
      { description: 'Pose', kind: 'services' as const, quantity: '1', unitPrice: '50.03', vatRate: '20' },
      { description: 'Livres', kind: 'goods' as const, quantity: '2', unitPrice: '10', vatRate: '5.5' },
    ];
    // 20 %: base 150,08 → VAT 30,02 once for the rate; services 50,03 → 10,01, goods the rest 20,01.
    const parts = creditLineParts(lines, { noVat: false, vatOnReceipts: true });
    expect(parts.map((p) => [p.rate, p.kind, centsToString(p.base), centsToString(p.vat), centsToString(p.pending), p.descriptions.join(', ')])).toEqual([
      ['20', 'goods', '100.05', '20.01', '0.00', 'Table'],
      ['20', 'services', '50.03', '10.01', '10.01', 'Pose'],
      ['5.5', 'goods', '20.00', '1.10', '0.00', 'Livres'],
    ]);
    expect(creditLineParts(lines, { noVat: false, vatOnReceipts: false }).every((p) => p.pending === 0n)).toBe(true);
    // Franchise: one part per nature at 0 %, no VAT.
    expect(creditLineParts(lines, { noVat: true, vatOnReceipts: false }).map((p) => [p.rate, p.kind, centsToString(p.base), centsToString(p.vat)])).toEqual([
      ['0', 'goods', '120.05', '0.00'],
      ['0', 'services', '50.03', '0.00'],
    ]);
  });
});
