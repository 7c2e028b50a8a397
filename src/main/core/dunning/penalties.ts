import { addDays, daysBetween, formatDateShort, formatHalfYear } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { Company } from '../../../shared/domain/company';
import { centsToString, Dec, formatEuro, formatPercent, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { readInvoiceRow, type InvoiceRow } from '../../db/repositories/invoice-repo';
import { stmt } from '../../db/statements';
import type { PrintedPenaltyRate } from '../documents/invoice-document';
import { RECOVERY_INDEMNITY } from '../documents/legal-mentions';
import { accountMap } from '../ledger/accounts';
import { unlinkedLetteredLines } from '../../db/repositories/invoice-balance-repo';
import { flatRate, halfYearOf, halfYearRates, interestPeriods, YEAR_DAYS, type RateOn } from './interest';
import { ECB_REFINANCING_RATES, ecbPenaltyRate, halfYearRowAt, LEGAL_INTEREST_RATES } from './legal-rates';

/**
 * Late-payment penalties.
 *
 * BUSINESS customers (C. com. L441-10, D441-5): interest from the day after the due date, each day at the
 * rate of ITS half-year — the table's row (legal-rates.ts: the ECB rate in force on 1 January or 1 July +
 * 10 points; a row saved by the owner replaces the default of its half-year) — or, when the company set
 * its own `latePenaltyRate` (a contractual rate, printed on its invoices), that rate for the whole delay;
 * and the 40 € indemnity once per invoice paid late.
 *
 * CONSUMERS: L441-10 and the 40 € do not apply. No interest runs until a formal notice is recorded (a
 * dunning action of kind formal_notice sent in writing: letter, e-mail or other, not a phone call); from
 * the day after it, interest at the legal interest rate of each half-year, the creditor being a business
 * (C. civ. 1231-6; C. mon. fin. L313-2; the table's `legalRate`, which the owner may correct too).
 *
 * A PENALTY INVOICE (series PEN) bears no penalties itself: no interest on interest, no second indemnity.
 *
 * The computation itself, and its rounding rule (each period half-up to the cent, the total is their
 * sum), is interest.ts.
 */

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
    // A row is confirmed when both its figures are published ones.
    rows.set(period, {
      period, from, to, ecbRate: norm(ecb.ecbRate), rate: ecbPenaltyRate(ecb.ecbRate), legalRate, floor: floorOf(legalRate),
      confirmed: ecb.confirmed && (legal?.confirmed ?? false), custom: false,
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

/** What the penalties of many invoices are computed with, read once. */
export interface PenaltyRates {
  /** L441-10: the company's own rate for the whole delay, or the table's rate of each half-year. */
  business: RateOn;
  businessSource: 'company' | 'table';
  /** C. civ. 1231-6: the table's legal interest rate of each half-year. */
  legal: RateOn;
}

export function penaltyRatesOf(db: Db, company: Company): PenaltyRates {
  const rows = penaltyRates(db);
  const legal = halfYearRates(rows.map((r) => ({ from: r.from, to: r.to, rate: r.legalRate })));
  if (company.latePenaltyRate) return { business: flatRate(norm(company.latePenaltyRate)), businessSource: 'company', legal };
  return { business: halfYearRates(rows), businessSource: 'table', legal };
}

/** The table's row for `date` (the first before the table starts, the last after it ends). */
export function rateRowAt(db: Db, date: string): RateRow | undefined {
  return halfYearRowAt(penaltyRates(db), date);
}

/**
 * The clause an invoice of `date` prints: the rate of its half-year (or the company's own rate), and
 * whether it is the legal default, ECB + 10 points — then the invoice says the rate follows the half-years.
 */
export function printedPenaltyRate(db: Db, company: Company, date: string): PrintedPenaltyRate {
  if (company.latePenaltyRate) return { rate: norm(company.latePenaltyRate), ecb: false };
  const row = rateRowAt(db, date);
  if (!row) throw new Error('Table des taux de pénalités vide.');
  const ecb = new Dec(ecbPenaltyRate(row.ecbRate)).eq(row.rate);
  return { rate: row.rate, ecb, ...(ecb ? { halfYear: halfYearOf(date).period } : {}) };
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
  return groupByInvoice(rows.map((r) => ({ invoiceId: Number(r.invoiceId), value: { date: r.date, delta: r.delta } })));
}

function groupByInvoice<T>(rows: { invoiceId: number; value: T }[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    let list = out.get(r.invoiceId);
    if (!list) out.set(r.invoiceId, (list = []));
    list.push(r.value);
  }
  return out;
}

/** The outstanding at the end of `date`. */
export function outstandingAt(db: Db, invoiceId: number, date: string): bigint {
  return outstandingMovements(db, invoiceId).reduce((s, m) => (m.date <= date ? s + m.delta : s), 0n);
}

/** The day each penalty invoice of these invoices counted up to (interest periods are cut the day after). */
export function penaltyCutsOf(db: Db, invoiceIds: number[]): Map<number, string[]> {
  const rows = stmt(db, 'SELECT p.invoice_id AS invoiceId, p.as_of AS asOf FROM json_each(?) j CROSS JOIN penalty_invoice p ON p.invoice_id = j.value ORDER BY p.id').all(JSON.stringify(invoiceIds)) as {
    invoiceId: number; asOf: string;
  }[];
  return groupByInvoice(rows.map((r) => ({ invoiceId: r.invoiceId, value: addDays(r.asOf, 1) })));
}

/** A formal notice counts when sent in writing (a phone call is no « mise en demeure »). */
export function isFormalNotice(a: { stepKind: string; channel: string }): boolean {
  return a.stepKind === 'formal_notice' && a.channel !== 'phone';
}

/** The first formal notice recorded for an invoice up to `asOf`, if any. */
export function formalNoticeOf(db: Db, invoiceId: number, asOf: string): string | null {
  return (
    (stmt(db, "SELECT min(date) FROM dunning_action WHERE invoice_id = ? AND step_kind = 'formal_notice' AND channel <> 'phone' AND date <= ?").pluck().get(invoiceId, asOf) as string | null) ?? null
  );
}

export type PenaltyRegime = 'business' | 'consumer' | 'penaltyInvoice';

export interface PenaltyPeriod {
  from: string;
  to: string;
  days: number;
  base: string;
  rate: string;
  halfYear?: string;
  interest: string;
}

export interface PenaltyResult {
  invoiceId: number;
  /** Days late on asOf. */
  days: number;
  regime: PenaltyRegime;
  /** The rate in force on asOf (the last period's, when late). */
  rate: string;
  rateSource: 'company' | 'table' | 'legal';
  /** Consumers: the formal notice interest runs from (the day after it). */
  formalNotice: string | null;
  interest: string;
  indemnity: string;
  total: string;
  periods: PenaltyPeriod[];
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

/** The regime of an invoice: a penalty invoice, or its customer's kind. */
export function regimeOf(inv: { penalty_of: number | null }, kind: 'business' | 'consumer'): PenaltyRegime {
  return inv.penalty_of !== null ? 'penaltyInvoice' : kind;
}

/** Interest and indemnity of an invoice up to `asOf` (see the rules at the top of this file). */
export function computePenalties(db: Db, company: Company, invoiceId: number, asOf: string): PenaltyResult {
  const inv = requireDunnableInvoice(db, invoiceId);
  const regime = regimeOf(inv, customerKindOf(db, inv.customer_id));
  return penaltiesOf(
    { id: inv.id, dueDate: inv.due_date, regime, formalNotice: regime === 'consumer' ? formalNoticeOf(db, inv.id, asOf) : null },
    outstandingMovements(db, invoiceId),
    penaltyRatesOf(db, company),
    asOf,
    penaltyCutsOf(db, [inv.id]).get(inv.id) ?? [],
  );
}

/** The computation itself, on what was already read (the due list reads it for every invoice at once). */
export function penaltiesOf(
  inv: { id: number; dueDate: string; regime: PenaltyRegime; formalNotice: string | null },
  moves: readonly { date: string; delta: bigint }[],
  rates: PenaltyRates,
  asOf: string,
  cuts: readonly string[],
): PenaltyResult {
  const days = Math.max(0, daysBetween(inv.dueDate, asOf));
  const base = { invoiceId: inv.id, days, regime: inv.regime, formalNotice: inv.formalNotice };
  if (inv.regime === 'penaltyInvoice') {
    return { ...base, rate: '0', rateSource: 'table', interest: '0.00', indemnity: '0.00', total: '0.00', periods: [] };
  }
  const consumer = inv.regime === 'consumer';
  const rateOn = consumer ? rates.legal : rates.business;
  // Business: from the day after the due date. Consumer: from the day after the formal notice (and never
  // before the day after the due date); nothing without one.
  const afterDue = addDays(inv.dueDate, 1);
  const start = !consumer ? afterDue : inv.formalNotice ? maxDate(afterDue, addDays(inv.formalNotice, 1)) : null;
  const periods = start ? interestPeriods({ start, end: asOf, moves, rateOn, cuts }) : [];
  const interest = periods.reduce((s, p) => s + p.interest, 0n);
  // 40 € per business invoice paid late or still unpaid after its due date (D441-5); never for consumers.
  const indemnity = inv.regime === 'business' && periods.length > 0 ? toCents(RECOVERY_INDEMNITY) : 0n;
  return {
    ...base,
    rate: rateOn(asOf).rate,
    rateSource: consumer ? 'legal' : rates.businessSource,
    interest: centsToString(interest),
    indemnity: centsToString(indemnity),
    total: centsToString(interest + indemnity),
    periods: periods.map((p) => ({ from: p.from, to: p.to, days: p.days, base: centsToString(p.base), rate: p.rate, ...(p.halfYear ? { halfYear: p.halfYear } : {}), interest: centsToString(p.interest) })),
  };
}

const maxDate = (a: string, b: string) => (a > b ? a : b);

/** "1 200,00 € × 12,15 % × 45 jours / 365": how a period's interest is computed, as printed. */
export function periodFormula(p: { base: string; rate: string; days: number }): string {
  return `${formatEuro(p.base)} × ${formatPercent(p.rate)} × ${p.days} jour${p.days > 1 ? 's' : ''} / ${YEAR_DAYS}`;
}

/** "du 01/04/2026 au 30/06/2026 (1er semestre 2026)". */
export function periodSpan(p: { from: string; to: string; halfYear?: string | undefined }): string {
  return `du ${formatDateShort(p.from)} au ${formatDateShort(p.to)}${p.halfYear ? ` (${formatHalfYear(p.halfYear)})` : ''}`;
}
