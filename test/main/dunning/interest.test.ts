import { describe, expect, it } from 'vitest';
import { flatRate, halfYearRates, interestPeriods } from '../../../src/main/core/dunning/interest';
import { centsToString, toCents } from '../../../src/shared/money';

/** 2026-H1 at 12,15 % (ECB 2,15 % + 10), 2026-H2 at 12,40 % (an owner's row). */
const TABLE = halfYearRates([
  { from: '2026-01-01', to: '2026-06-30', rate: '12.15' },
  { from: '2026-07-01', to: '2026-12-31', rate: '12.4' },
]);

const move = (date: string, amount: string) => ({ date, delta: toCents(amount) });
const INVOICE = move('2026-03-01', '1200.00');

interface Case {
  name: string;
  start: string;
  end: string;
  moves: { date: string; delta: bigint }[];
  rate?: ReturnType<typeof flatRate>;
  cuts?: string[];
  /** [from, to, days, base, rate, interest] per period, computed by hand in the name's comment. */
  periods: [string, string, number, string, string, string][];
}

const CASES: Case[] = [
  {
    // 1 200,00 × 12,15 % × 45 / 365 = 17,975342… → 17,98
    name: 'one run inside a half-year',
    start: '2026-04-01', end: '2026-05-15', moves: [INVOICE],
    periods: [['2026-04-01', '2026-05-15', 45, '1200.00', '12.15', '17.98']],
  },
  {
    // June: 1 200,00 × 12,15 % × 30 / 365 = 11,983561… → 11,98; July–August: 1 200,00 × 12,40 % × 62 / 365 = 25,275616… → 25,28
    name: 'split on 1 July, each half-year at its own rate',
    start: '2026-06-01', end: '2026-08-31', moves: [INVOICE],
    periods: [
      ['2026-06-01', '2026-06-30', 30, '1200.00', '12.15', '11.98'],
      ['2026-07-01', '2026-08-31', 62, '1200.00', '12.4', '25.28'],
    ],
  },
  {
    // The payment day bears interest on the old base: 1 200,00 × 12,15 % × 15 / 365 = 5,991780… → 5,99;
    // then 600,00 × 12,15 % × 30 / 365 = 5,991780… → 5,99
    name: 'a partial payment lowers the base from the day after it',
    start: '2026-04-01', end: '2026-05-15', moves: [INVOICE, move('2026-04-15', '-600.00')],
    periods: [
      ['2026-04-01', '2026-04-15', 15, '1200.00', '12.15', '5.99'],
      ['2026-04-16', '2026-05-15', 30, '600.00', '12.15', '5.99'],
    ],
  },
  {
    // 1 200,00 × 12,15 % × 11 / 365 = 4,393972… → 4,39; 1 000,00 × 12,40 % × 4 / 365 = 1,358904… → 1,36;
    // 1 000,00 × 12,40 % × 6 / 365 = 2,038356… → 2,04 (the cut on 5 July: a penalty invoice counted up to 4 July)
    name: 'a payment on 30 June, then a cut where a penalty invoice stopped',
    start: '2026-06-20', end: '2026-07-10', moves: [INVOICE, move('2026-06-30', '-200.00')], cuts: ['2026-07-05'],
    periods: [
      ['2026-06-20', '2026-06-30', 11, '1200.00', '12.15', '4.39'],
      ['2026-07-01', '2026-07-04', 4, '1000.00', '12.4', '1.36'],
      ['2026-07-05', '2026-07-10', 6, '1000.00', '12.4', '2.04'],
    ],
  },
  {
    // 1 200,00 × 12,15 % × 10 / 365 = 3,994520… → 3,99; nothing runs once paid
    name: 'paid in full: nothing after the payment day',
    start: '2026-04-01', end: '2026-05-15', moves: [INVOICE, move('2026-04-10', '-1200.00')],
    periods: [['2026-04-01', '2026-04-10', 10, '1200.00', '12.15', '3.99']],
  },
  {
    name: 'not late yet',
    start: '2026-04-01', end: '2026-03-31', moves: [INVOICE],
    periods: [],
  },
  {
    // 18,25 × 10 % × 1 / 365 = 0,005 exactly → 0,01 (half-up)
    name: 'half a cent rounds up',
    start: '2026-04-01', end: '2026-04-01', moves: [move('2026-03-01', '18.25')], rate: flatRate('10'),
    periods: [['2026-04-01', '2026-04-01', 1, '18.25', '10', '0.01']],
  },
  {
    // A contractual rate does not change on 1 July: one run. 1 200,00 × 15 % × 92 / 365 = 45,369863… → 45,37
    name: 'a flat rate is not split by half-year',
    start: '2026-06-01', end: '2026-08-31', moves: [INVOICE], rate: flatRate('15'),
    periods: [['2026-06-01', '2026-08-31', 92, '1200.00', '15', '45.37']],
  },
];

describe('interest periods (simple interest, day by day, 365-day year, each period rounded half-up)', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const periods = interestPeriods({ start: c.start, end: c.end, moves: c.moves, rateOn: c.rate ?? TABLE, cuts: c.cuts ?? [] });
      expect(periods.map((p) => [p.from, p.to, p.days, centsToString(p.base), p.rate, centsToString(p.interest)])).toEqual(c.periods);
    });
  }

  it('names the half-year of each period from the table, and carries the last rate after the table ends', () => {
    const periods = interestPeriods({ start: '2026-12-20', end: '2027-01-10', moves: [INVOICE], rateOn: TABLE, cuts: [] });
    expect(periods.map((p) => [p.from, p.to, p.rate, p.halfYear])).toEqual([
      ['2026-12-20', '2026-12-31', '12.4', '2026-H2'],
      ['2027-01-01', '2027-01-10', '12.4', '2027-H1'],
    ]);
  });
});
