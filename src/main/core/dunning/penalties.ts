import { addDays, daysBetween, formatDateShort } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { Company } from '../../../shared/domain/company';
import { centsToString, Dec, formatPercent, roundToCents, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { readInvoiceRow, type InvoiceRow } from '../../db/repositories/invoice-repo';
import { stmt } from '../../db/statements';
import type { PrintedPenaltyRate } from '../documents/invoice-document';
import { RECOVERY_INDEMNITY } from '../documents/legal-mentions';
import { accountMap } from '../ledger/accounts';
import { unlinkedLetteredLines } from '../../db/repositories/invoice-balance-repo';
import { ECB_REFINANCING_RATES, ecbPenaltyRate, halfYearRowAt, LEGAL_INTEREST_RATES } from './legal-rates';

/**
 * Late-payment penalties (C. com. L441-10, D441-5).
 *
 * Rates: one row per half-year. The defaults come from legal-rates.ts (the ECB rate + 10 points, and the
 * legal interest rate); a row saved by the owner (penalty_rate) replaces the default of its half-year.
 * The rate in force on the INVOICE DATE applies for the invoice's whole life; a company that set its own
 * `latePenaltyRate` (printed on its invoices) uses it instead.
 *
 * Interest convention: simple interest, day by day, on the outstanding TTC of each day, over a fixed year
 * of 365 days (leap years included: the rate is an annual rate and courts and the usual calculators divide
 * by 365). It runs from the day after the due date to asOf, both included. A payment or credit dated D
 * still bears interest for day D (the debt is paid at the end of that day), so the base of day d is the
 * outstanding after every movement dated before d. The sum is rounded half-up to the cent once, at the end.
 */

export const YEAR_DAYS = 365;

export interface RateRow {
  period: string;
  from: string;
  to: string;
  ecbRate: string;
  rate: string;
  legalRate: string;
  floor: string;
  confirmed: boolean;
  custom: boolean;
}

const norm = (v: string) => new Dec(v).toString();

export function halfYearOf(date: string): { period: string; from: string; to: string } {
  const year = date.slice(0, 4);
  const h1 = date.slice(5, 7) <= '06';
  return h1 ? { period: `${year}-H1`, from: `${year}-01-01`, to: `${year}-06-30` } : { period: `${year}-H2`, from: `${year}-07-01`, to: `${year}-12-31` };
}

function boundsOf(period: string): { from: string; to: string } {
  const year = period.slice(0, 4);
  return period.endsWith('H1') ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year}-07-01`, to: `${year}-12-31` };
}

const floorOf = (legalRate: string) => norm(new Dec(legalRate).times(3).toString());

/** The rate table: the defaults of legal-rates.ts, each half-year replaced by the owner's row if any. */
export function penaltyRates(db: Db): RateRow[] {
  const rows = new Map<string, RateRow>();
  for (const ecb of ECB_REFINANCING_RATES) {
    const { period, from, to } = halfYearOf(ecb.from);
    const legal = LEGAL_INTEREST_RATES.find((r) => r.from <= from && to <= r.to) ?? LEGAL_INTEREST_RATES[LEGAL_INTEREST_RATES.length - 1];
    const legalRate = norm(legal?.rate ?? '0');
    rows.set(period, {
      period, from, to, ecbRate: norm(ecb.ecbRate), rate: ecbPenaltyRate(ecb.ecbRate), legalRate, floor: floorOf(legalRate),
      confirmed: ecb.confirmed, custom: false,
    });
  }
  const saved = stmt(db, 'SELECT period, ecb_rate, legal_rate, rate, confirmed FROM penalty_rate').all() as { period: string; ecb_rate: string; legal_rate: string; rate: string; confirmed: number }[];
  for (const r of saved) {
    rows.set(r.period, { period: r.period, ...boundsOf(r.period), ecbRate: r.ecb_rate, rate: r.rate, legalRate: r.legal_rate, floor: floorOf(r.legal_rate), confirmed: r.confirmed === 1, custom: true });
  }
  return [...rows.values()].sort((a, b) => a.from.localeCompare(b.from));
}

/** Saves the owner's figures for a half-year; the rate defaults to ECB + 10 points, never under the floor. */
export function setPenaltyRate(db: Db, req: { period: string; ecbRate: string; legalRate: string; rate?: string | undefined; confirmed?: boolean | undefined }, now: Date) {
  const rate = norm(req.rate ?? ecbPenaltyRate(req.ecbRate));
  const floor = floorOf(req.legalRate);
  if (req.rate !== undefined && new Dec(rate).lt(floor)) {
    throw new AppError('VALIDATION', `Un taux de pénalités ne peut pas être inférieur à trois fois le taux de l’intérêt légal, soit ${formatPercent(floor)} pour ${req.period} (art. L441-10 du Code de commerce).`, {
      rate: `Au moins ${formatPercent(floor)}.`,
    });
  }
  stmt(
    db,
    `INSERT INTO penalty_rate (period, ecb_rate, legal_rate, rate, confirmed, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (period) DO UPDATE SET ecb_rate = excluded.ecb_rate, legal_rate = excluded.legal_rate, rate = excluded.rate, confirmed = excluded.confirmed, updated_at = excluded.updated_at`,
  ).run(req.period, norm(req.ecbRate), norm(req.legalRate), rate, req.confirmed === false ? 0 : 1, now.toISOString());
}

/**
 * The rate applied to an invoice of `date`: the company's own rate, else the table's half-year (the last
 * one after the table ends). `rateResolver` reads the table once for many invoices.
 */
export function rateResolver(db: Db, company: Company): (date: string) => { rate: string; source: 'company' | 'table' } {
  if (company.latePenaltyRate) {
    const own = { rate: norm(company.latePenaltyRate), source: 'company' as const };
    return () => own;
  }
  const rows = penaltyRates(db);
  return (date) => {
    const row = halfYearRowAt(rows, date);
    if (!row) throw new Error('Table des taux de pénalités vide.');
    return { rate: row.rate, source: 'table' };
  };
}

export function penaltyRateAt(db: Db, company: Company, date: string): { rate: string; source: 'company' | 'table' } {
  return rateResolver(db, company)(date);
}

/** The table's row for `date` (the first before the table starts, the last after it ends). */
export function rateRowAt(db: Db, date: string): RateRow | undefined {
  return halfYearRowAt(penaltyRates(db), date);
}

/**
 * The rate an invoice of `date` prints: the one its penalties are computed at, so the invoice, the
 * reminders and the penalty invoice agree; « BCE + 10 points » only when the rate is that one.
 */
export function printedPenaltyRate(db: Db, company: Company, date: string): PrintedPenaltyRate {
  const { rate, source } = penaltyRateAt(db, company, date);
  const row = source === 'table' ? rateRowAt(db, date) : undefined;
  return { rate, ecb: row !== undefined && new Dec(ecbPenaltyRate(row.ecbRate)).eq(rate) };
}

/** The changes of an invoice's outstanding (customer accounts 411/416), by entry date. */
export function outstandingMovements(db: Db, invoiceId: number): { date: string; delta: bigint }[] {
  const accounts = accountMap(db);
  return stmt(
    db,
    `SELECT e.date AS date, sum(l.debit_cents - l.credit_cents) AS delta
       FROM invoice_ledger_line k JOIN entry_line l ON l.id = k.line_id JOIN entry e ON e.id = l.entry_id
      WHERE k.invoice_id = ? AND l.account IN (?, ?)
      GROUP BY e.date ORDER BY e.date`,
  )
    .safeIntegers(true)
    .all(invoiceId, accounts.customers, accounts.doubtfulCustomers) as { date: string; delta: bigint }[];
}

/**
 * The movements of many invoices at once, by invoice: the two parts of `invoice_ledger_line` read apart
 * (see receivables/balances.ts: the view is slow to join over a whole file).
 */
export function outstandingMovementsOf(db: Db, invoiceIds: number[]): Map<number, { date: string; delta: bigint }[]> {
  const accounts = accountMap(db);
  const rows = stmt(
    db,
    `WITH lines AS (
       SELECT k.invoice_id, k.line_id FROM json_each(@ids) j CROSS JOIN invoice_link k ON k.invoice_id = j.value WHERE k.role <> 'opening'
       UNION ALL SELECT u.invoice_id, u.line_id FROM (${unlinkedLetteredLines('ids')}) u)
     SELECT x.invoice_id AS invoiceId, e.date AS date, sum(l.debit_cents - l.credit_cents) AS delta
       FROM lines x JOIN entry_line l ON l.id = x.line_id JOIN entry e ON e.id = l.entry_id
      WHERE l.account IN (@c, @d)
      GROUP BY x.invoice_id, e.date ORDER BY x.invoice_id, e.date`,
  )
    .safeIntegers(true)
    .all({ ids: JSON.stringify(invoiceIds), c: accounts.customers, d: accounts.doubtfulCustomers }) as { invoiceId: bigint; date: string; delta: bigint }[];
  const out = new Map<number, { date: string; delta: bigint }[]>();
  for (const r of rows) {
    const id = Number(r.invoiceId);
    let list = out.get(id);
    if (!list) out.set(id, (list = []));
    list.push({ date: r.date, delta: r.delta });
  }
  return out;
}

/** The outstanding at the end of `date`. */
export function outstandingAt(db: Db, invoiceId: number, date: string): bigint {
  return outstandingMovements(db, invoiceId).reduce((s, m) => (m.date <= date ? s + m.delta : s), 0n);
}

export interface PenaltyResult {
  invoiceId: number;
  days: number;
  rate: string;
  rateSource: 'company' | 'table';
  interest: string;
  indemnity: string;
  total: string;
  periods: { from: string; to: string; days: number; base: string; interest: string }[];
}

export function requireDunnableInvoice(db: Db, invoiceId: number): InvoiceRow & { number: string } {
  const inv = readInvoiceRow(db, invoiceId);
  if (!inv) throw new AppError('NOT_FOUND', `Facture n° ${invoiceId} introuvable.`, { invoiceId: 'Facture inconnue.' });
  if (inv.state !== 'validated' || !inv.number) throw new AppError('CONFLICT', 'Cette facture est un brouillon : elle n’est pas due, il n’y a rien à relancer.', { invoiceId: 'Facture non validée.' });
  return inv as InvoiceRow & { number: string };
}

export function customerKindOf(db: Db, customerId: number): 'business' | 'consumer' {
  return stmt(db, 'SELECT kind FROM customer WHERE id = ?').pluck().get(customerId) as 'business' | 'consumer';
}

/** Interest and indemnity of an invoice up to `asOf` (see the convention at the top of this file). */
export function computePenalties(db: Db, company: Company, invoiceId: number, asOf: string): PenaltyResult {
  const inv = requireDunnableInvoice(db, invoiceId);
  const { rate, source } = penaltyRateAt(db, company, inv.date);
  return penaltiesOf({ id: inv.id, dueDate: inv.due_date, business: customerKindOf(db, inv.customer_id) === 'business' }, outstandingMovements(db, invoiceId), rate, source, asOf);
}

/** The computation itself, on movements already read (the due list reads them for every invoice at once). */
export function penaltiesOf(
  inv: { id: number; dueDate: string; business: boolean },
  moves: readonly { date: string; delta: bigint }[],
  rate: string,
  rateSource: 'company' | 'table',
  asOf: string,
): PenaltyResult {
  const start = addDays(inv.dueDate, 1);
  const periods: PenaltyResult['periods'] = [];
  let total = new Dec(0);
  if (asOf >= start) {
    // Base of `start`: every movement dated up to the due date.
    let balance = moves.reduce((s, m) => (m.date < start ? s + m.delta : s), 0n);
    let from = start;
    const run = (to: string) => {
      const days = daysBetween(from, to) + 1;
      if (days > 0 && balance > 0n) {
        const interest = new Dec(centsToString(balance)).times(rate).times(days).div(100 * YEAR_DAYS);
        total = total.plus(interest);
        periods.push({ from, to, days, base: centsToString(balance), interest: interest.toDecimalPlaces(6, Dec.ROUND_HALF_UP).toFixed() });
      }
    };
    for (const m of moves) {
      if (m.date < start || m.date >= asOf) continue;
      // Day m.date bears interest on the balance before its movement.
      run(m.date);
      balance += m.delta;
      from = addDays(m.date, 1);
    }
    run(asOf);
  }
  const days = Math.max(0, daysBetween(inv.dueDate, asOf));
  // 40 € per business invoice paid late or still unpaid after its due date (D441-5); never for consumers.
  const indemnity = inv.business && periods.length > 0 ? toCents(RECOVERY_INDEMNITY) : 0n;
  const interest = toCents(roundToCents(total));
  return { invoiceId: inv.id, days, rate, rateSource, interest: centsToString(interest), indemnity: centsToString(indemnity), total: centsToString(interest + indemnity), periods };
}

export function describeRate(rate: string, invoiceDate: string): string {
  return `${formatPercent(rate)} l’an (taux en vigueur à la date de la facture, le ${formatDateShort(invoiceDate)})`;
}
