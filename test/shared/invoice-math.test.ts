import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeInvoice, creditLineParts, escompte, invoiceDiscount, lineNet, prorata, provisionTarget, vatOf } from '../../src/shared/invoice-math';
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

  it('rounds a line discount once on its line', () => {
    // 3 × 33,3333 × 0,9 = 89,99991 → 90,00
    expect(s(lineNet({ quantity: '3', unitPrice: '33.3333', vatRate: '20', discountPercent: '10' }))).toBe('90.00');
  });

  it('groups three rates with line and invoice discounts, bases + VAT = gross', () => {
    const t = computeInvoice(
      [
        { quantity: '2', unitPrice: '150', vatRate: '20', discountPercent: '10' }, // 300 → 270,00
        { quantity: '10', unitPrice: '4.99', vatRate: '5.5' }, // 49,90
        { quantity: '1', unitPrice: '80', vatRate: '10', discountPercent: '25' }, // 80 → 60,00
      ],
      { discountPercent: '5' },
    );
    // 379,90 × 5 % = 18,995 → 19,00 (line by line it came to 18,99). Shared on the running total:
    // 19 × 270 / 379,90 = 13,503… → 13,50; 19 × 319,90 / 379,90 = 15,999… → 16,00, so 2,50; then 3,00.
    expect([s(t.netBeforeDiscount), s(t.discount)]).toEqual(['379.90', '19.00']);
    expect(t.lineNets.map(s)).toEqual(['256.50', '47.40', '57.00']);
    expect(t.byRate.map((r) => [r.rate, s(r.base), s(r.vat)])).toEqual([
      ['20', '256.50', '51.30'],
      ['10', '57.00', '5.70'],
      ['5.5', '47.40', '2.61'],
    ]);
    expect(s(t.gross)).toBe('420.51');
  });

  // The invoice-wide discount, one rule: rounded once on the total HT before it, then shared over the lines.
  it.each([
    {
      // 212,33 × 3,33 % = 7,070589 → 7,07; line by line it came to 7,08 (171,42 + 33,83 = 205,25).
      // Shares: 7,07 × 177,33 / 212,33 = 5,904… → 5,90, then 1,17.
      why: '3,33 % on 212,33: 7,07, not 7,08', percent: '3.33', lines: [['177.33', '20'], ['35', '20']],
      before: '212.33', discount: '7.07', nets: ['171.43', '33.83'], net: '205.26', vat: '41.05',
    },
    {
      // 0,15 × 10 % = 0,015 → 0,02 (line by line each 0,045 rounded back to 0,05: no discount at all).
      // Shares: 0,02 × 5 / 15 = 0,0067 → 0,01; 0,02 × 10 / 15 = 0,0133 → 0,01, so 0; then 0,01.
      why: '10 % on three lines of 0,05: 0,02', percent: '10', lines: [['0.05', '10'], ['0.05', '10'], ['0.05', '10']],
      before: '0.15', discount: '0.02', nets: ['0.04', '0.05', '0.04'], net: '0.13', vat: '0.01',
    },
    {
      // 300 − 50 = 250 × 10 % = 25,00; shares 25 × 300 / 250 = 30,00 and −5,00.
      why: 'a negative line (a trade-in) takes its share back', percent: '10', lines: [['300', '20'], ['-50', '20']],
      before: '250.00', discount: '25.00', nets: ['270.00', '-45.00'], net: '225.00', vat: '45.00',
    },
    {
      why: '100 %: nothing left', percent: '100', lines: [['177.33', '20'], ['35', '5.5']],
      before: '212.33', discount: '212.33', nets: ['0.00', '0.00'], net: '0.00', vat: '0.00',
    },
    {
      why: 'no discount: the lines as they are', percent: undefined, lines: [['177.33', '20'], ['35', '20']],
      before: '212.33', discount: '0.00', nets: ['177.33', '35.00'], net: '212.33', vat: '42.47',
    },
  ])('invoice discount $why', ({ percent, lines, before, discount, nets, net, vat }) => {
    const t = computeInvoice(lines.map(([unitPrice, vatRate]) => ({ quantity: '1', unitPrice: unitPrice as string, vatRate: vatRate as string })), { discountPercent: percent });
    expect([s(t.netBeforeDiscount), s(t.discount), t.lineNets.map(s), s(t.net), s(t.vat)]).toEqual([before, discount, nets, net, vat]);
    expect(t.netBeforeDiscount - t.discount).toBe(t.net);
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
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }), (lines, hundredths) => {
        const discountPercent = hundredths === undefined ? undefined : (hundredths / 100).toFixed(2);
        const t = computeInvoice(lines, { discountPercent });
        expect(t.byRate.reduce((a, r) => a + r.base + r.vat, 0n)).toBe(t.gross);
        expect(t.lineNets.reduce((a, n) => a + n, 0n)).toBe(t.net);
        for (const r of t.byRate) expect(r.vat).toBe(vatOf(r.base, r.rate));
        // The discount printed is the one applied: the total before it × %, rounded once.
        expect(t.netBeforeDiscount - t.net).toBe(t.discount);
        expect(t.discount).toBe(invoiceDiscount(t.netBeforeDiscount, discountPercent));
        t.lineNets.forEach((n, i) => expect(n >= 0n && n <= (t.linesBeforeDiscount[i] as bigint)).toBe(true));
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
