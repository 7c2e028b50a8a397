import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountClass, PCG_ACCOUNTS } from '../../../src/shared/accounts';
import { addDays, addMonths, daysBetween } from '../../../src/shared/dates';
import { AppError, type AppErrorCode } from '../../../src/shared/errors';
import { centsToString } from '../../../src/shared/money';
import type { PostingLine } from '../../../src/main/core/ledger/post';
import { at, call, callOk, makeTestCompany, type TestCompany } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { expectFrench } from '../../helpers/french';
import { A, B, C, expectLedgerInvariants, initLedgerCompany, post } from './helpers';

/*
 * Model-based property test of the ledger (accounting.md §10). Random sequences of operations run on a real
 * company file: valid postings (through the core or the ledger.post channel), postings with one flaw that
 * must be refused, opening the next year, closing the earliest open year. A model kept alongside predicts
 * every number, every balance and every opening entry; after each step the invariants are checked.
 */

const CUSTOMERS = [A, B, C];
const ACCOUNTS = ['411', '416', '4191', '707', '706', '44571', '512', '530', '665', '6541'];
const PER_CUSTOMER = new Set(['411', '416', '4191']);
const NO_AUX = ACCOUNTS.filter((a) => !PER_CUSTOMER.has(a));
const UNKNOWN_ACCOUNTS = ['706999', '512999', '44599'];
const MAX_YEARS = 5;

type Journal = 'VT' | 'BQ' | 'OD' | 'CA';
interface LineSpec { account: string; customer: number; cents: bigint }
interface PostingSpec { journal: Journal; yearPick: number; day: number; debits: LineSpec[]; credits: LineSpec[]; viaChannel: boolean }
type Flaw = 'unbalanced' | 'zeroLine' | 'bothSides' | 'unknownAccount' | 'missingAux' | 'unknownCustomer' | 'auxOnNonCustomerAccount' | 'closedOrNoYear' | 'afterLastYear';
type Op =
  | { kind: 'post'; spec: PostingSpec }
  | { kind: 'refuse'; spec: PostingSpec; flaw: Flaw; pick: number }
  | { kind: 'createNext' }
  | { kind: 'close' };

const amount = fc.oneof(
  { weight: 5, arbitrary: fc.bigInt({ min: 1n, max: 1_000_000n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 100_000_000_000_000n }) },
);
const lineSpec = fc.record({ account: fc.constantFrom(...ACCOUNTS), customer: fc.nat(2), cents: amount });
const postingSpec = fc.record({
  journal: fc.constantFrom<Journal>('VT', 'BQ', 'OD', 'CA'),
  yearPick: fc.nat(),
  day: fc.nat(365),
  debits: fc.array(lineSpec, { minLength: 1, maxLength: 3 }),
  credits: fc.array(lineSpec, { minLength: 1, maxLength: 3 }),
  viaChannel: fc.boolean(),
});
const flaw = fc.constantFrom<Flaw>('unbalanced', 'zeroLine', 'bothSides', 'unknownAccount', 'missingAux', 'unknownCustomer', 'auxOnNonCustomerAccount', 'closedOrNoYear', 'afterLastYear');
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 12, arbitrary: postingSpec.map((spec) => ({ kind: 'post' as const, spec })) },
  { weight: 5, arbitrary: fc.record({ spec: postingSpec, flaw, pick: fc.nat() }).map((r) => ({ kind: 'refuse' as const, ...r })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'createNext' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'close' as const }) },
);

/** What the runs exercised, counted across runs. */
const seen = new Map<string, number>();
const count = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);

interface YearModel {
  start: string;
  end: string;
  status: 'open' | 'closed';
  nextNum: number;
  /** Σ debit − credit per "account|aux" of the entries dated in the year (its opening entry included). */
  balances: Map<string, bigint>;
}

interface Model {
  years: YearModel[];
  nextSeq: number;
  count: number;
  /** Per customer: Σ 411 + Σ 416 + Σ 4191 (debit − credit) of every posting made, i.e. what the customer owes. */
  owed: bigint[];
}

const key = (account: string, aux: string | null | undefined) => `${account}|${aux ?? ''}`;
const add = (m: Map<string, bigint>, k: string, v: bigint) => m.set(k, (m.get(k) ?? 0n) + v);

interface Posting { journal: Journal; date: string; lines: PostingLine[]; viaChannel: boolean; year: YearModel }

/** The balanced entry a spec describes, dated in one of the open years. */
function realise(model: Model, spec: PostingSpec): Posting {
  const open = model.years.filter((y) => y.status === 'open');
  const year = open[spec.yearPick % open.length] as YearModel;
  const date = addDays(year.start, spec.day % (daysBetween(year.start, year.end) + 1));
  const line = (l: LineSpec, side: 'debit' | 'credit', cents: bigint): PostingLine => ({
    account: l.account,
    aux: PER_CUSTOMER.has(l.account) ? (CUSTOMERS[l.customer] as string) : null,
    [side]: cents,
  });
  const debits = spec.debits.map((l) => l.cents);
  const credits = spec.credits.map((l) => l.cents);
  const d = debits.reduce((s, v) => s + v, 0n);
  const c = credits.reduce((s, v) => s + v, 0n);
  if (d > c) credits[credits.length - 1] = (credits.at(-1) as bigint) + d - c;
  if (c > d) debits[debits.length - 1] = (debits.at(-1) as bigint) + c - d;
  return {
    journal: spec.journal,
    date,
    viaChannel: spec.viaChannel && spec.journal !== 'VT',
    year,
    lines: [...spec.debits.map((l, i) => line(l, 'debit', debits[i] as bigint)), ...spec.credits.map((l, i) => line(l, 'credit', credits[i] as bigint))],
  };
}

/** Changes one thing in a valid posting; returns the code the refusal must carry. */
function spoil(model: Model, p: Posting, f: Flaw, pick: number): AppErrorCode {
  const lines = p.lines;
  const at = pick % lines.length;
  const target = lines[at] as PostingLine;
  switch (f) {
    case 'unbalanced':
      if (target.debit) target.debit += 1n + BigInt(pick % 1000);
      else target.credit = (target.credit as bigint) + 1n + BigInt(pick % 1000);
      return 'UNBALANCED_ENTRY';
    case 'zeroLine':
      lines.splice(at, 0, { account: NO_AUX[pick % NO_AUX.length] as string, ...(pick % 2 ? { debit: 0n } : { credit: 0n }) });
      return 'UNBALANCED_ENTRY';
    case 'bothSides':
      lines.splice(at, 0, { account: NO_AUX[pick % NO_AUX.length] as string, debit: 500n, credit: 500n });
      // The channel refuses it before the core, as a field error.
      return p.viaChannel ? 'VALIDATION' : 'UNBALANCED_ENTRY';
    case 'unknownAccount':
      lines[at] = { ...target, account: UNKNOWN_ACCOUNTS[pick % UNKNOWN_ACCOUNTS.length] as string, aux: null };
      return 'VALIDATION';
    case 'missingAux':
      lines[at] = { ...target, account: [...PER_CUSTOMER][pick % 3] as string, aux: null };
      return 'VALIDATION';
    case 'unknownCustomer':
      lines[at] = { ...target, account: [...PER_CUSTOMER][pick % 3] as string, aux: 'C00099' };
      return 'VALIDATION';
    case 'auxOnNonCustomerAccount':
      lines[at] = { ...target, account: NO_AUX[pick % NO_AUX.length] as string, aux: CUSTOMERS[pick % 3] as string };
      return 'VALIDATION';
    case 'closedOrNoYear': {
      const closed = model.years.filter((y) => y.status === 'closed');
      if (closed.length === 0) {
        p.date = addDays(model.years[0]?.start as string, -1 - (pick % 400));
        return 'VALIDATION';
      }
      const y = closed[pick % closed.length] as YearModel;
      p.date = addDays(y.start, pick % (daysBetween(y.start, y.end) + 1));
      return 'PERIOD_LOCKED';
    }
    case 'afterLastYear':
      p.date = addDays(model.years.at(-1)?.end as string, 1 + (pick % 400));
      return 'VALIDATION';
  }
}

/** Posts through the core or the ledger.post channel; returns the entry's number and sequence, or the refusal. */
async function submit(tc: TestCompany, p: Posting): Promise<{ ok: true; num: number; seq: number } | { ok: false; code: AppErrorCode; message: string }> {
  if (!p.viaChannel) {
    try {
      const e = post(tc.ctx, { journal: p.journal, date: p.date, label: `Opération ${p.journal}`, pieceRef: `P-${p.date}`, lines: p.lines });
      return { ok: true, num: e.num, seq: e.seq };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, code: err.code, message: err.message };
      throw err;
    }
  }
  const r = await call(tc.ctx, 'ledger.post', {
    journal: p.journal,
    date: p.date,
    label: `Opération ${p.journal}`,
    pieceRef: `P-${p.date}`,
    lines: p.lines.map((l) => ({
      account: l.account,
      ...(l.aux ? { aux: l.aux } : {}),
      ...(l.debit !== undefined ? { debit: centsToString(l.debit) } : {}),
      ...(l.credit !== undefined ? { credit: centsToString(l.credit) } : {}),
    })),
  });
  if (!r.ok) return { ok: false, code: r.error.code, message: r.error.message };
  const e = r.value as { num: number; seq: number };
  return { ok: true, num: e.num, seq: e.seq };
}

/** Records a posting the file accepted, checking it took exactly the numbers the model expected. */
function expectPosted(model: Model, p: Posting, got: Awaited<ReturnType<typeof submit>>) {
  expect(got, JSON.stringify(p, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v === p.year ? undefined : v))).toMatchObject({ ok: true, num: p.year.nextNum, seq: model.nextSeq });
  count(`post ${p.viaChannel ? 'channel' : 'core'}`);
  if (p.year !== model.years[0]) count('post in a later year');
  p.year.nextNum++;
  model.nextSeq++;
  model.count++;
  for (const l of p.lines) {
    const signed = (l.debit ?? 0n) - (l.credit ?? 0n);
    add(p.year.balances, key(l.account, l.aux), signed);
    const k = CUSTOMERS.indexOf(l.aux as string);
    if (PER_CUSTOMER.has(l.account)) model.owed[k] = (model.owed[k] as bigint) + signed;
  }
}

/** A fixed, valid posting in the first open year: after a refusal it must take the very next numbers. */
function probe(model: Model): Posting {
  const year = model.years.find((y) => y.status === 'open') as YearModel;
  return { journal: 'BQ', date: year.start, viaChannel: false, year, lines: [{ account: '512', debit: 1n }, { account: '411', aux: A, credit: 1n }] };
}

function nextYear(last: YearModel): YearModel {
  const start = addDays(last.end, 1);
  return { start, end: addDays(addMonths(start, 12), -1), status: 'open', nextNum: 2, balances: new Map() };
}

async function closeEarliest(tc: TestCompany, model: Model) {
  const i = model.years.findIndex((y) => y.status === 'open');
  const year = model.years[i] as YearModel;
  if (i === model.years.length - 1 && model.years.length >= MAX_YEARS) return;
  const closed = await callOk(at(tc.ctx, `${addDays(year.end, 1)}T10:00:00.000Z`), 'period.close', { fiscalYearEnd: year.end });
  year.status = 'closed';
  if (i === model.years.length - 1) model.years.push(nextYear(year));
  const next = model.years[i + 1] as YearModel;

  // The opening entry the model predicts: every balance-sheet balance per customer, the result on 120 / 129.
  const result = -[...year.balances].filter(([k]) => [6, 7].includes(accountClass(k))).reduce((s, [, v]) => s + v, 0n);
  const expected = [...year.balances]
    .filter(([k, v]) => accountClass(k) <= 5 && v !== 0n)
    .map(([k, v]) => [...k.split('|'), centsToString(v > 0n ? v : 0n), centsToString(v < 0n ? -v : 0n)]);
  if (result > 0n) expected.push(['120', '', '0.00', centsToString(result)]);
  if (result < 0n) expected.push(['129', '', centsToString(-result), '0.00']);
  expect(closed.result).toBe(centsToString(result));
  expect(closed.nextFiscalYear).toMatchObject({ start: next.start, end: next.end, status: 'open' });
  if (expected.length === 0) {
    expect(closed.openingEntryId).toBeNull();
    return;
  }
  count('close with opening entry');
  if (next.nextNum > 2) count('close after postings in the next year');
  const { entry } = await callOk(tc.ctx, 'ledger.entry', { id: closed.openingEntryId as number });
  expect(entry).toMatchObject({ journal: 'AN', num: 1, seq: model.nextSeq, date: next.start });
  const sort = (rows: string[][]) => rows.map((r) => r.join(' ')).sort();
  expect(sort(entry.lines.map((l) => [l.account, l.aux ?? '', l.debit, l.credit]))).toEqual(sort(expected));
  for (const l of entry.lines) add(next.balances, key(l.account, l.aux), BigInt(l.debit.replace('.', '')) - BigInt(l.credit.replace('.', '')));
  model.nextSeq++;
  model.count++;
}

const toCentsOf = (s: string) => BigInt(s.replace('.', ''));

/** §10 after every step, and the model's numbers, balances per year and customers' positions. */
async function expectConsistent(tc: TestCompany, model: Model) {
  const rows = await expectLedgerInvariants(tc.ctx);
  expect(rows.length).toBe(model.count);
  for (const y of model.years) {
    const tb = await callOk(tc.ctx, 'report.trialBalance', { from: y.start, to: y.end, byAux: true });
    const actual = tb.rows.filter((r) => r.balance !== '0.00').map((r) => `${key(r.account, r.aux)} ${r.balance}`);
    const predicted = [...y.balances].filter(([, v]) => v !== 0n).map(([k, v]) => `${k} ${centsToString(v)}`);
    expect(actual.sort(), `balances of ${y.start}..${y.end}`).toEqual(predicted.sort());
    // Per account only (read from the day totals kept at validation): the same sums.
    const perAccount = await callOk(tc.ctx, 'report.trialBalance', { from: y.start, to: y.end });
    const summed = new Map<string, bigint>();
    for (const r of tb.rows) summed.set(r.account, (summed.get(r.account) ?? 0n) + toCentsOf(r.balance));
    expect(perAccount.rows.map((r) => `${r.account} ${r.balance}`)).toEqual([...summed].sort(([a], [b]) => (a < b ? -1 : 1)).map(([a, v]) => `${a} ${centsToString(v)}`));
  }
  // What each customer owes: Σ 411 + Σ 416 − (credit balance of 4191), since the first open year's opening.
  const firstOpen = model.years.find((y) => y.status === 'open') as YearModel;
  const tb = await callOk(tc.ctx, 'report.trialBalance', { from: firstOpen.start, byAux: true });
  const owed = CUSTOMERS.map((code) =>
    tb.rows.filter((r) => r.aux === code && PER_CUSTOMER.has(r.account)).reduce((s, r) => s + toCentsOf(r.balance), 0n),
  );
  expect(owed).toEqual(model.owed);
}

async function run(ops: Op[]) {
  const tc = makeTestCompany();
  try {
    await initLedgerCompany(tc);
    const model: Model = {
      years: [{ start: '2026-01-01', end: '2026-12-31', status: 'open', nextNum: 1, balances: new Map() }],
      nextSeq: 1,
      count: 0,
      owed: [0n, 0n, 0n],
    };
    for (const o of ops) {
      if (o.kind === 'post') {
        const p = realise(model, o.spec);
        expectPosted(model, p, await submit(tc, p));
      } else if (o.kind === 'refuse') {
        const p = realise(model, o.spec);
        const code = spoil(model, p, o.flaw, o.pick);
        const before = dumpDb(tc.path);
        const got = await submit(tc, p);
        expect(got, o.flaw).toMatchObject({ ok: false, code });
        count(`flaw ${o.flaw}`);
        if (code === 'PERIOD_LOCKED') count('period locked');
        if (!got.ok) expectFrench(got.message);
        expect(dumpDb(tc.path), `${o.flaw} left the file unchanged`).toBe(before);
        const next = probe(model);
        expectPosted(model, next, await submit(tc, next));
      } else if (o.kind === 'createNext') {
        if (model.years.length >= MAX_YEARS) continue;
        const created = await callOk(tc.ctx, 'fiscalYear.createNext', {});
        const y = nextYear(model.years.at(-1) as YearModel);
        expect(created).toEqual({ start: y.start, end: y.end, status: 'open', entries: 0 });
        model.years.push(y);
        count('createNext');
      } else {
        await closeEarliest(tc, model);
      }
      await expectConsistent(tc, model);
    }
    const last = probe(model);
    expectPosted(model, last, await submit(tc, last));
    await expectConsistent(tc, model);
  } finally {
    tc.dispose();
  }
}

describe('the ledger under random sequences of operations', () => {
  it('uses accounts that exist and unknown ones that do not', () => {
    for (const a of ACCOUNTS) expect(PCG_ACCOUNTS[a], a).toBeTypeOf('string');
    for (const a of UNKNOWN_ACCOUNTS) expect(PCG_ACCOUNTS[a], a).toBeUndefined();
  });

  it('keeps every invariant of accounting.md §10 after each posting, refusal, new year and closing, and matches the model', async () => {
    seen.clear();
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40, size: 'max' }), run), { numRuns: 40 });
    // The runs did exercise what they claim to: every flaw refused, both doors, closings with opening entries.
    for (const what of ['flaw unbalanced', 'flaw zeroLine', 'flaw bothSides', 'flaw unknownAccount', 'flaw missingAux', 'flaw unknownCustomer',
      'flaw auxOnNonCustomerAccount', 'flaw closedOrNoYear', 'flaw afterLastYear', 'post core', 'post channel', 'post in a later year',
      'period locked', 'createNext', 'close with opening entry', 'close after postings in the next year']) {
      expect(seen.get(what) ?? 0, what).toBeGreaterThan(0);
    }
  }, 300_000);

  it('handles a long run: two closings with postings in the next year before each', async () => {
    const mk = (journal: Journal, yearPick: number, day: number, account: string, customer: number): PostingSpec => ({
      journal, yearPick, day, viaChannel: journal !== 'VT',
      debits: [{ account, customer, cents: 12_345n }], credits: [{ account: '707', customer: 0, cents: 12_345n }],
    });
    await run([
      { kind: 'post', spec: mk('VT', 0, 10, '411', 0) },
      { kind: 'post', spec: mk('OD', 0, 20, '416', 1) },
      { kind: 'createNext' },
      { kind: 'post', spec: mk('BQ', 1, 5, '512', 2) },
      { kind: 'refuse', spec: mk('CA', 1, 6, '530', 0), flaw: 'unbalanced', pick: 0 },
      { kind: 'close' },
      { kind: 'refuse', spec: mk('VT', 0, 7, '4191', 2), flaw: 'closedOrNoYear', pick: 3 },
      { kind: 'post', spec: mk('VT', 0, 30, '4191', 2) },
      { kind: 'createNext' },
      { kind: 'post', spec: mk('OD', 1, 40, '411', 1) },
      { kind: 'close' },
      { kind: 'close' },
      { kind: 'post', spec: mk('CA', 0, 50, '530', 0) },
    ]);
  }, 60_000);
});
