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
 * the second. Each day of delay takes the rate of ITS half-year (penalties.ts, interest.ts): an invoice
 * late from May to September counts its May and June days at the H1 rate and the rest at the H2 rate.
 *
 * `confirmed: false` marks an assumption, not a published figure. The ECB rates of 2023–2025 are the
 * published ones (2,50 % on 1 January 2023, 4,00 % on 1 July 2023, 4,50 % on 1 January 2024, 4,25 % on
 * 1 July 2024, 3,15 % on 1 January 2025, 2,15 % on 1 July 2025); H1 2026 is 2,15 % (unchanged since
 * 11 June 2025), law.md's 12,15 %.
 *
 * H2 2026 stays UNCONFIRMED at 2,15 % (12,15 %). law.md quotes « 2,40 % from June 2026 » from public
 * sources, but the ECB's press releases of its 2025–2026 meetings give the main refinancing rate
 * unchanged at 2,15 % and the MARGINAL LENDING facility at 2,40 %: the 2,40 % looks like that rate, not
 * the one L441-10 names. No figure is invented: the owner checks the ECB's decision in force on
 * 1 July 2026 and corrects the row (Paramètres › Taux de pénalités, penalty.rates.set), which then
 * counts as confirmed. Add the next rows each half-year. After the last row, the last rate applies,
 * unconfirmed. A company that sets its own `latePenaltyRate` (a contractual rate) is never concerned.
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
 * The legal interest rate (taux de l’intérêt légal, C. mon. fin. L313-2), per half-year, « pour tous les
 * autres cas », i.e. when the creditor is not a private person acting outside professional needs — the
 * owner's company is always such a creditor. Two uses: 3 × this rate is the lowest late-payment rate a
 * B2B contract may set (C. com. L441-10), and it is the rate of the interest a CONSUMER owes from a formal
 * notice (C. civ. 1231-6; penalties.ts).
 *
 * 2023–2025 are the published figures. 2026-H1: 2,62 %, arrêté du 15 décembre 2025 relatif à la fixation
 * du taux de l’intérêt légal, JORF n° 0302 du 26 décembre 2025 (6,67 % for creditors who are private
 * persons not acting for professional needs — not the owner's case, so not in this table). 2026-H2 carries
 * H1's figure over, unconfirmed, until the arrêté of June 2026 is checked and the row corrected
 * (penalty.rates.set).
 */
export const LEGAL_INTEREST_RATES: readonly (HalfYearRow & { rate: string; confirmed: boolean })[] = [
  { from: '2023-01-01', to: '2023-06-30', rate: '2.06', confirmed: true },
  { from: '2023-07-01', to: '2023-12-31', rate: '4.22', confirmed: true },
  { from: '2024-01-01', to: '2024-06-30', rate: '5.07', confirmed: true },
  { from: '2024-07-01', to: '2024-12-31', rate: '4.92', confirmed: true },
  { from: '2025-01-01', to: '2025-06-30', rate: '3.71', confirmed: true },
  { from: '2025-07-01', to: '2025-12-31', rate: '2.76', confirmed: true },
  { from: '2026-01-01', to: '2026-06-30', rate: '2.62', confirmed: true },
  { from: '2026-07-01', to: '2026-12-31', rate: '2.62', confirmed: false },
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

/** The default penalty rate of the half-year of `date`, before any row of the owner: the company's own rate, or ECB + 10. */
export function latePenaltyRateAt(date: string, companyRate?: string): PenaltyRate {
  // "10.50" → "10.5": a rate as the wording expects it.
  if (companyRate) return { rate: new Dec(companyRate).toString(), source: 'company', confirmed: true };
  const row = halfYearRowAt(ECB_REFINANCING_RATES, date);
  if (!row) throw new Error('Table des taux BCE vide.');
  const inRange = row.from <= date && date <= row.to;
  return { rate: ecbPenaltyRate(row.ecbRate), source: 'ecb', confirmed: row.confirmed && inRange };
}
