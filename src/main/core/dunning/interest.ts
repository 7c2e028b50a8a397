import { addDays, daysBetween } from '../../../shared/dates';
import { centsToString, Dec, toCents } from '../../../shared/money';
import { halfYearRowAt } from './legal-rates';

/**
 * Late-payment interest as a pure computation: the periods of a delay and the interest of each.
 *
 * Convention (the letters and the penalty invoices print it): simple interest, day by day, on the
 * outstanding of each day, over a fixed year of 365 days (leap years included: the rate is an annual rate
 * and courts and the usual calculators divide by 365). A movement dated D (payment, credit note) still
 * bears interest for day D: the base of day d is the outstanding after every movement dated before d.
 *
 * A PERIOD is a run of days with the same base and the same rate: a new one starts the day after a
 * movement, on the first day of a half-year when the rate is the table's (C. com. L441-10: each half-year
 * has its rate), and at each `cut` (the first day after a penalty invoice already issued, so that what was
 * invoiced and what remains add up to the cent).
 *
 * ROUNDING RULE: each period's interest, base × rate × days / (100 × 365), is rounded half-up to the cent
 * (0,005 € → 0,01 €); the interest claimed is the sum of the rounded periods — what the printed lines add
 * up to, so that anyone can check the total from the lines.
 */

export const YEAR_DAYS = 365;

/** The rate in force on a day, the last day it stays in force, and the half-year it is the rate of. */
export interface RateAt {
  rate: string;
  until: string;
  halfYear?: string;
}
export type RateOn = (date: string) => RateAt;

export interface InterestPeriod {
  from: string;
  to: string;
  days: number;
  base: bigint;
  /** Annual rate in percent ("12.15"). */
  rate: string;
  /** "2026-H1" when the rate is the one of a half-year of the table. */
  halfYear?: string;
  /** Rounded half-up to the cent. */
  interest: bigint;
}

/** "2026-05-14" → the half-year it falls in: "2026-H1", 1 January – 30 June. */
export function halfYearOf(date: string): { period: string; from: string; to: string } {
  const year = date.slice(0, 4);
  const h1 = date.slice(5, 7) <= '06';
  return h1 ? { period: `${year}-H1`, from: `${year}-01-01`, to: `${year}-06-30` } : { period: `${year}-H2`, from: `${year}-07-01`, to: `${year}-12-31` };
}

/** A contractual rate: the same every day. */
export function flatRate(rate: string): RateOn {
  const at = { rate, until: '9999-12-31' };
  return () => at;
}

/**
 * The rate of each half-year from a table of half-year rows (the first row before the table starts, the
 * last one after it ends); every period stops at the end of its half-year.
 */
export function halfYearRates(rows: readonly { from: string; to: string; rate: string }[]): RateOn {
  return (date) => {
    const row = halfYearRowAt(rows, date);
    if (!row) throw new Error('Table des taux vide.');
    const h = halfYearOf(date);
    return { rate: row.rate, until: h.to, halfYear: h.period };
  };
}

/** Interest of `days` days on `base` cents at `rate` % a year, rounded half-up to the cent. */
export function interestOf(base: bigint, rate: string, days: number): bigint {
  return toCents(new Dec(centsToString(base)).times(rate).times(days).div(100 * YEAR_DAYS).toDecimalPlaces(2, Dec.ROUND_HALF_UP));
}

/**
 * The periods from `start` to `end` (both included) on the outstanding the movements make; none while
 * nothing is owed (an overpaid invoice bears no interest).
 */
export function interestPeriods(p: { start: string; end: string; moves: readonly { date: string; delta: bigint }[]; rateOn: RateOn; cuts: readonly string[] }): InterestPeriod[] {
  const out: InterestPeriod[] = [];
  if (p.end < p.start) return out;
  const moves = [...p.moves].sort((a, b) => a.date.localeCompare(b.date));
  const cuts = [...p.cuts].sort();
  let balance = moves.reduce((s, m) => (m.date < p.start ? s + m.delta : s), 0n);
  let from = p.start;
  while (from <= p.end) {
    const at = p.rateOn(from);
    let to = at.until < p.end ? at.until : p.end;
    // A movement dated in the run ends it that day (the day bears interest on the base before it).
    const move = moves.find((m) => m.date >= from);
    if (move && move.date < to) to = move.date;
    const cut = cuts.find((c) => c > from);
    if (cut && addDays(cut, -1) < to) to = addDays(cut, -1);
    const days = daysBetween(from, to) + 1;
    if (balance > 0n) {
      out.push({ from, to, days, base: balance, rate: at.rate, ...(at.halfYear ? { halfYear: at.halfYear } : {}), interest: interestOf(balance, at.rate, days) });
    }
    for (const m of moves) if (m.date >= from && m.date <= to) balance += m.delta;
    from = addDays(to, 1);
  }
  return out;
}
