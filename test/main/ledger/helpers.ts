import { expect } from 'vitest';
import type { RequestInput } from '../../../src/shared/contract';
import { AppError, type AppErrorCode } from '../../../src/shared/errors';
import { toCents } from '../../../src/shared/money';
import type { ServiceContext } from '../../../src/main/core/context';
import { postEntry, type PostedEntry, type Posting } from '../../../src/main/core/ledger/post';
import type { Db } from '../../../src/main/db/open';
import { callOk, testCompany, type TestCompany } from '../../helpers/context';
import { brasserieBelge, companyInit, jeanneMartin, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { ledgerDayDrift } from '../../../src/main/db/repositories/ledger-day-repo';

/** The customers every ledger test creates, in this order: their auxiliary accounts are C00001, C00002, C00003. */
export const CUSTOMERS = [societeGenerale, jeanneMartin, brasserieBelge] as const;
export const A = 'C00001';
export const B = 'C00002';
export const C = 'C00003';

export interface LedgerCompanyOptions {
  customers?: number;
  fiscalYear?: { start: string; end: string };
}

/** Creates the company (first fiscal year 2026, calendar year) and `customers` customers (default 3) in `tc`. */
export async function initLedgerCompany<T extends TestCompany>(tc: T, options: LedgerCompanyOptions = {}): Promise<T> {
  await callOk(tc.ctx, 'company.init', { ...companyInit, ...(options.fiscalYear ? { fiscalYear: options.fiscalYear } : {}) } satisfies RequestInput<'company.init'>);
  for (const customer of CUSTOMERS.slice(0, options.customers ?? 3)) await callOk(tc.ctx, 'customer.create', customer);
  return tc;
}

/** A company in a temp folder removed when the test ends. */
export function ledgerCompany(options: LedgerCompanyOptions = {}): Promise<TestCompany> {
  return initLedgerCompany(testCompany(), options);
}

/** "1 200,00" → 120000n. */
export const cents = (amount: string): bigint => toCents(amount.replace(/\s/g, '').replace(',', '.'));

/** Posts through the core, in one transaction of its own, as every channel does. */
export function post(ctx: ServiceContext, posting: Posting): PostedEntry {
  return ctx.file.write((db) => postEntry(db, posting, ctx.now()));
}

/** Posts through the core and returns the AppError it must throw. */
export function postRefused(ctx: ServiceContext, posting: Posting): AppError {
  try {
    post(ctx, posting);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  return expect.fail(`the posting should have been refused: ${JSON.stringify(posting, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`);
}

export function expectRefusal(err: { code: AppErrorCode; message: string }, code: AppErrorCode, message?: RegExp) {
  expect(err.code, err.message).toBe(code);
  expectFrench(err.message);
  if (message) expect(err.message).toMatch(message);
}

/** A sale of goods (accounting.md §1): D 411 (aux) gross / C 707 net / C 44571 VAT. */
export function sale(aux: string, net: string, vat: string, date: string, pieceRef = `F-${date}-${aux}`): Posting {
  const n = cents(net);
  const v = cents(vat);
  return {
    journal: 'VT',
    date,
    label: `Facture ${pieceRef}`,
    pieceRef,
    lines: [
      { account: '411', aux, debit: n + v },
      { account: '707', credit: n },
      ...(v > 0n ? [{ account: '44571', credit: v }] : []),
    ],
  };
}

/** A payment received by bank (accounting.md §2): D 512 / C 411 (aux). */
export function receipt(aux: string, amount: string, date: string, pieceRef = `REG-${date}-${aux}`): Posting {
  const a = cents(amount);
  return { journal: 'BQ', date, label: `Règlement ${aux}`, pieceRef, lines: [{ account: '512', debit: a }, { account: '411', aux, credit: a }] };
}

export interface EntryRow {
  id: number;
  fiscal_year_id: number;
  journal: string;
  date: string;
  num: number;
  seq: number;
  prev_hash: string;
  hash: string;
}

/** Validated entries in validation order. */
export function entries(db: Db): EntryRow[] {
  return db
    .prepare('SELECT id, fiscal_year_id, journal, date, num, seq, prev_hash, hash FROM entry WHERE validated_at IS NOT NULL ORDER BY seq')
    .all() as EntryRow[];
}

export interface YearRow {
  id: number;
  start_date: string;
  end_date: string;
  status: 'open' | 'closed';
}

export function years(db: Db): YearRow[] {
  return db.prepare('SELECT id, start_date, end_date, status FROM fiscal_year ORDER BY start_date').all() as YearRow[];
}

/**
 * The ledger invariants of accounting.md §10, checked directly in the tables and through the channels:
 * every entry balances with at least two lines, no zero or two-sided line, every lettering set balances
 * within one fiscal year on one account and customer, ledger.verify ok, trial balance
 * balanced (overall and per year), seq 1..n, EcritureNum continuous per year in validation order (number 1
 * kept for the opening entry of a year that follows another), hash chain linked.
 */
export async function expectLedgerInvariants(ctx: ServiceContext): Promise<EntryRow[]> {
  const db = ctx.file.db();
  const unbalanced = db
    .prepare(
      `SELECT e.id, count(l.id) AS lines, sum(l.debit_cents) AS debit, sum(l.credit_cents) AS credit
         FROM entry e LEFT JOIN entry_line l ON l.entry_id = e.id
        WHERE e.validated_at IS NOT NULL GROUP BY e.id
       HAVING count(l.id) < 2 OR sum(l.debit_cents) <> sum(l.credit_cents)`,
    )
    .safeIntegers(true)
    .all();
  expect(unbalanced, 'unbalanced entries').toEqual([]);
  const badLines = db
    .prepare('SELECT id FROM entry_line WHERE (debit_cents = 0) = (credit_cents = 0) OR debit_cents < 0 OR credit_cents < 0')
    .all();
  expect(badLines, 'zero or two-sided lines').toEqual([]);
  expect(db.prepare('SELECT count(*) FROM entry WHERE validated_at IS NULL').pluck().get(), 'entries left unvalidated').toBe(0);
  expect(ledgerDayDrift(db), 'day totals kept at validation = the lines').toEqual([]);
  // Every lettering set balances within one fiscal year's file, on one account and customer.
  const badLetterings = db
    .prepare(
      `SELECT lt.id, lt.code FROM lettering lt JOIN lettering_line ll ON ll.lettering_id = lt.id JOIN entry_line l ON l.id = ll.line_id JOIN entry e ON e.id = l.entry_id
        GROUP BY lt.id
       HAVING count(DISTINCT e.fiscal_year_id) <> 1 OR sum(l.debit_cents - l.credit_cents) <> 0
           OR min(l.account) <> max(l.account) OR min(l.account) <> min(lt.account) OR min(coalesce(l.aux, '')) <> max(coalesce(l.aux, '')) OR min(coalesce(l.aux, '')) <> min(lt.aux)`,
    )
    .all();
  expect(badLetterings, 'lettering sets that do not balance within one year').toEqual([]);

  const rows = entries(db);
  expect(await callOk(ctx, 'ledger.verify', {})).toEqual({ ok: true, entries: rows.length });

  const tb = await callOk(ctx, 'report.trialBalance', {});
  expect(tb.totals.debit).toBe(tb.totals.credit);
  expect(tb.totals.balance).toBe('0.00');

  expect(rows.map((r) => r.seq)).toEqual(rows.map((_r, i) => i + 1));
  let prev = '0'.repeat(64);
  for (const r of rows) {
    expect(r.prev_hash, `prev_hash of seq ${r.seq}`).toBe(prev);
    expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    prev = r.hash;
  }

  const all = years(db);
  for (const [i, fy] of all.entries()) {
    const inYear = rows.filter((r) => r.fiscal_year_id === fy.id);
    const yearTb = await callOk(ctx, 'report.trialBalance', { from: fy.start_date, to: fy.end_date });
    expect(yearTb.totals.debit, `trial balance of ${fy.end_date}`).toBe(yearTb.totals.credit);
    const opening = inYear.filter((r) => r.journal === 'AN');
    expect(opening.length).toBeLessThanOrEqual(1);
    if (i === 0) expect(opening).toEqual([]);
    for (const an of opening) expect(an.num, 'the opening entry is number 1').toBe(1);
    const regular = inYear.filter((r) => r.journal !== 'AN');
    const start = i === 0 ? 1 : 2;
    // In validation order, regular entries take start, start + 1, … with no gap.
    expect(regular.map((r) => r.num), `EcritureNum of ${fy.end_date}`).toEqual(regular.map((_r, k) => start + k));
    for (const r of inYear) expect(r.date >= fy.start_date && r.date <= fy.end_date, `${r.date} in ${fy.start_date}..${fy.end_date}`).toBe(true);
  }
  return rows;
}
