import { Dec } from '../../../shared/money';

/**
 * The legal rates of late payment, by half-year: the defaults of the rate table (penalties.ts), which the
 * owner may replace half-year by half-year (penalty.rates.set). The documents print the rate they are
 * given; they never read this table.
 */

/** A row of a half-year table. */
interface HalfYearRow {
  from: string;
  to: string;
}

/**
 * The default late-payment penalty rate (C. com. L441-10): the ECB's main refinancing rate plus 10
 * points, the ECB rate being the one in force on 1 January for the first half-year and on 1 July for
 * the second. The rate in force on the invoice date applies for the invoice's whole life.
 *
 * `confirmed: false` marks an assumption, not a published figure. The ECB rates of 2023–2025 are the
 * published ones (2,50 % on 1 January 2023, 4,00 % on 1 July 2023, 4,50 % on 1 January 2024, 4,25 % on
 * 1 July 2024, 3,15 % on 1 January 2025, 2,15 % on 1 July 2025); H1 2026 is law.md's 12,15 %. H2 2026
 * assumes the ECB rate unchanged at 2,15 % on 1 July 2026: check it and add the next rows each half-year.
 * After the last row, the last rate applies, unconfirmed. A company that sets its own `latePenaltyRate`
 * is never concerned.
 */
export const ECB_REFINANCING_RATES: readonly (HalfYearRow & { ecbRate: string; confirmed: boolean })[] = [
  { from: '2023-01-01', to: '2023-06-30', ecbRate: '2.5', confirmed: true },
  { from: '2023-07-01', to: '2023-12-31', ecbRate: '4', confirmed: true },
  { from: '2024-01-01', to: '2024-06-30', ecbRate: '4.5', confirmed: true },
  { from: '2024-07-01', to: '2024-12-31', ecbRate: '4.25', confirmed: true },
  { from: '2025-01-01', to: '2025-06-30', ecbRate: '3.15', confirmed: true },
  { from: '2025-07-01', to: '2025-12-31', ecbRate: '2.15', confirmed: true },
  { from: '2026-01-01', to: '2026-06-30', ecbRate: '2.15', confirmed: true },
  { from: '2026-07-01', to: '2026-12-31', ecbRate: '2.15', confirmed: false },
];

/**
 * The legal interest rate (taux de l’intérêt légal) for creditors who are not private persons, per
 * half-year (C. mon. fin. L313-2, arrêtés of each half-year): 3 × this rate is the lowest late-payment
 * rate a contract may set (C. com. L441-10). 2023–2025 are the published figures; 2026 carries the
 * H2 2025 figure over, unconfirmed: check the arrêté and correct it in the rates table (penalty.rates.set).
 */
export const LEGAL_INTEREST_RATES: readonly (HalfYearRow & { rate: string; confirmed: boolean })[] = [
  { from: '2023-01-01', to: '2023-06-30', rate: '2.06', confirmed: true },
  { from: '2023-07-01', to: '2023-12-31', rate: '4.22', confirmed: true },
  { from: '2024-01-01', to: '2024-06-30', rate: '5.07', confirmed: true },
  { from: '2024-07-01', to: '2024-12-31', rate: '4.92', confirmed: true },
  { from: '2025-01-01', to: '2025-06-30', rate: '3.71', confirmed: true },
  { from: '2025-07-01', to: '2025-12-31', rate: '2.76', confirmed: true },
  { from: '2026-01-01', to: '2026-06-30', rate: '2.76', confirmed: false },
  { from: '2026-07-01', to: '2026-12-31', rate: '2.76', confirmed: false },
];

/** The points added to the ECB rate by C. com. L441-10. */
const PENALTY_MARGIN = '10';

/** The legal default penalty rate for an ECB rate: ECB + 10 points ("2.15" → "12.15"). */
export function ecbPenaltyRate(ecbRate: string): string {
  return new Dec(ecbRate).plus(PENALTY_MARGIN).toString();
}

/** The row of a half-year table for `date`: the first before the table starts, the last after it ends. */
export function halfYearRowAt<R extends HalfYearRow>(rows: readonly R[], date: string): R | undefined {
  return rows.find((r) => r.from <= date && date <= r.to) ?? (rows[0] && date < rows[0].from ? rows[0] : rows[rows.length - 1]);
}

export interface PenaltyRate {
  /** Annual rate in percent, as a decimal string ("12.15"). */
  rate: string;
  /** `company`: the rate set in the company's settings; `ecb`: the legal default of the half-year. */
  source: 'company' | 'ecb';
  /** False when the ECB rate of that half-year is an assumption (see ECB_REFINANCING_RATES). */
  confirmed: boolean;
}

/** The legal penalty rate of an invoice of `date` before any row of the owner: its own rate, or ECB + 10. */
export function latePenaltyRateAt(date: string, companyRate?: string): PenaltyRate {
  // "10.50" → "10.5": a rate as the wording expects it.
  if (companyRate) return { rate: new Dec(companyRate).toString(), source: 'company', confirmed: true };
  const row = halfYearRowAt(ECB_REFINANCING_RATES, date);
  if (!row) throw new Error('Table des taux BCE vide.');
  const inRange = row.from <= date && date <= row.to;
  return { rate: ecbPenaltyRate(row.ecbRate), source: 'ecb', confirmed: row.confirmed && inRange };
}
