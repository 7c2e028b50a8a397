import { describe, expect, it } from 'vitest';
import { splitInstalments } from '../../src/renderer/features/dunning/plan';

describe('payment plan split (Relances › Proposer un échéancier)', () => {
  it('splits to the cent, monthly, the last instalment taking the remainder', () => {
    expect(splitInstalments(100000n, 3, '2026-12-22')).toEqual([
      { date: '2026-12-22', amount: '333,33' },
      { date: '2027-01-22', amount: '333,33' },
      { date: '2027-02-22', amount: '333,34' },
    ]);
  });

  it('keeps the end of month (31 January → 28 February) and sums exactly whatever the count', () => {
    expect(splitInstalments(120000n, 2, '2027-01-31').map((r) => r.date)).toEqual(['2027-01-31', '2027-02-28']);
    for (const count of [1, 4, 7, 12, 120]) {
      const rows = splitInstalments(123457n, count, '2026-12-01');
      expect(rows).toHaveLength(count);
      expect(rows.reduce((s, r) => s + BigInt(r.amount.replace(',', '')), 0n)).toBe(123457n);
    }
  });

  it('gives nothing for a count that is not a positive whole number', () => {
    expect(splitInstalments(1000n, 0, '2026-12-01')).toEqual([]);
    expect(splitInstalments(1000n, 2.5, '2026-12-01')).toEqual([]);
  });
});
