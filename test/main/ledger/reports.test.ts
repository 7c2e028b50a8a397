import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { RequestInput } from '../../../src/shared/contract';
import { callErr, callOk, makeTestCompany, type TestCompany } from '../../helpers/context';
import { companyInit, jeanneMartin, societeGenerale } from '../../helpers/fixtures';
import { A, B, cents, expectLedgerInvariants, post, receipt, sale } from './helpers';

/**
 * The worked data set, in validation order:
 *   1  VT 2026-01-10 F-001  D 411 A 1 200,00 / C 707 1 000,00 / C 44571 200,00
 *   2  VT 2026-02-15 F-002  D 411 B   600,00 / C 707   500,00 / C 44571 100,00
 *   3  BQ 2026-03-01 REG-A  D 512   1 200,00 / C 411 A 1 200,00
 *   4  BQ 2026-03-20 REG-B  D 512     250,00 / C 411 B   250,00
 *   5  CA 2026-04-05 CAI-B  D 53      100,00 / C 411 B   100,00
 */
let tc: TestCompany & { dispose: () => void };

beforeAll(async () => {
  tc = makeTestCompany();
  await callOk(tc.ctx, 'company.init', companyInit);
  await callOk(tc.ctx, 'customer.create', societeGenerale);
  await callOk(tc.ctx, 'customer.create', jeanneMartin);
  post(tc.ctx, sale(A, '1000.00', '200.00', '2026-01-10', 'F-001'));
  post(tc.ctx, sale(B, '500.00', '100.00', '2026-02-15', 'F-002'));
  post(tc.ctx, receipt(A, '1200.00', '2026-03-01', 'REG-A'));
  post(tc.ctx, receipt(B, '250.00', '2026-03-20', 'REG-B'));
  post(tc.ctx, { journal: 'CA', date: '2026-04-05', label: 'Espèces Jeanne Martin', pieceRef: 'CAI-B', lines: [{ account: '530', debit: cents('100.00') }, { account: '411', aux: B, credit: cents('100.00') }] });
});

afterAll(() => tc?.dispose());

const row = (account: string, label: string, debit: string, credit: string, balance: string) => ({ account, label, debit, credit, balance });

describe('report.trialBalance', () => {
  it('gives one row per account, balance = debit − credit, totals balanced', async () => {
    expect(await callOk(tc.ctx, 'report.trialBalance', {})).toEqual({
      rows: [
        row('411', 'Clients', '1800.00', '1550.00', '250.00'),
        row('44571', 'TVA collectée', '0.00', '300.00', '-300.00'),
        row('512', 'Banques', '1450.00', '0.00', '1450.00'),
        row('530', 'Caisse', '100.00', '0.00', '100.00'),
        row('707', 'Ventes de marchandises', '0.00', '1500.00', '-1500.00'),
      ],
      totals: { debit: '3350.00', credit: '3350.00', balance: '0.00' },
    });
  });

  it('gives one row per account and customer with byAux, naming the customer', async () => {
    const tb = await callOk(tc.ctx, 'report.trialBalance', { byAux: true });
    expect(tb.rows.slice(0, 2)).toEqual([
      { ...row('411', 'Clients', '1200.00', '1200.00', '0.00'), aux: A, auxLabel: 'Société Générale' },
      { ...row('411', 'Clients', '600.00', '350.00', '250.00'), aux: B, auxLabel: 'Jeanne Martin' },
    ]);
    expect(tb.rows.slice(2).map((r) => [r.account, r.aux, r.balance])).toEqual([
      ['44571', undefined, '-300.00'], ['512', undefined, '1450.00'], ['530', undefined, '100.00'], ['707', undefined, '-1500.00'],
    ]);
    expect(tb.totals).toEqual({ debit: '3350.00', credit: '3350.00', balance: '0.00' });
  });

  it('keeps only the entries dated from `from` to `to`, both included', async () => {
    expect(await callOk(tc.ctx, 'report.trialBalance', { from: '2026-02-15', to: '2026-03-01' })).toEqual({
      rows: [
        row('411', 'Clients', '600.00', '1200.00', '-600.00'),
        row('44571', 'TVA collectée', '0.00', '100.00', '-100.00'),
        row('512', 'Banques', '1200.00', '0.00', '1200.00'),
        row('707', 'Ventes de marchandises', '0.00', '500.00', '-500.00'),
      ],
      totals: { debit: '1800.00', credit: '1800.00', balance: '0.00' },
    });
    const byAux = await callOk(tc.ctx, 'report.trialBalance', { to: '2026-03-19', byAux: true });
    expect(byAux.rows.filter((r) => r.account === '411').map((r) => [r.aux, r.balance])).toEqual([[A, '0.00'], [B, '600.00']]);
    expect(await callOk(tc.ctx, 'report.trialBalance', { from: '2026-05-01' })).toEqual({ rows: [], totals: { debit: '0.00', credit: '0.00', balance: '0.00' } });
  });
});

describe('report.generalLedger', () => {
  it('starts from the balance before `from` and runs the balance line by line', async () => {
    const gl = await callOk(tc.ctx, 'report.generalLedger', { account: '411', from: '2026-02-01' });
    expect(gl).toMatchObject({ account: '411', label: 'Clients', opening: '1200.00', closing: '250.00', totals: { debit: '600.00', credit: '1550.00', balance: '-950.00' } });
    expect(gl.rows.map((r) => [r.num, r.journal, r.date, r.pieceRef, r.aux, r.debit, r.credit, r.balance])).toEqual([
      [2, 'VT', '2026-02-15', 'F-002', B, '600.00', '0.00', '1800.00'],
      [3, 'BQ', '2026-03-01', 'REG-A', A, '0.00', '1200.00', '600.00'],
      [4, 'BQ', '2026-03-20', 'REG-B', B, '0.00', '250.00', '350.00'],
      [5, 'CA', '2026-04-05', 'CAI-B', B, '0.00', '100.00', '250.00'],
    ]);
  });

  it('follows one customer with `aux`, and stops at `to`', async () => {
    const gl = await callOk(tc.ctx, 'report.generalLedger', { account: '411', aux: B, to: '2026-03-31' });
    expect(gl).toMatchObject({ aux: B, opening: '0.00', closing: '350.00', totals: { debit: '600.00', credit: '250.00', balance: '350.00' } });
    expect(gl.rows.map((r) => [r.pieceRef, r.balance])).toEqual([['F-002', '600.00'], ['REG-B', '350.00']]);
    const bank = await callOk(tc.ctx, 'report.generalLedger', { account: '512', from: '2026-03-02', to: '2026-12-31' });
    expect(bank).toMatchObject({ label: 'Banques', opening: '1200.00', closing: '1450.00' });
    expect(bank.rows.map((r) => [r.pieceRef, r.debit, r.balance])).toEqual([['REG-B', '250.00', '1450.00']]);
  });

  it('refuses an account that does not exist with NOT_FOUND', async () => {
    expect((await callErr(tc.ctx, 'report.generalLedger', { account: '706999' })).code).toBe('NOT_FOUND');
  });
});

describe('ledger.entries', () => {
  const refs = async (q: RequestInput<'ledger.entries'>) => {
    const r = await callOk(tc.ctx, 'ledger.entries', q);
    return { total: r.total, refs: r.rows.map((e) => e.pieceRef) };
  };

  it('lists every validated entry in validation order, with its lines', async () => {
    const all = await callOk(tc.ctx, 'ledger.entries', {});
    expect(all.total).toBe(5);
    expect(all.rows.map((e) => [e.num, e.seq, e.journal, e.pieceRef])).toEqual([
      [1, 1, 'VT', 'F-001'], [2, 2, 'VT', 'F-002'], [3, 3, 'BQ', 'REG-A'], [4, 4, 'BQ', 'REG-B'], [5, 5, 'CA', 'CAI-B'],
    ]);
    expect(all.rows[0]?.lines.map((l) => [l.account, l.accountLabel, l.aux, l.auxLabel, l.debit, l.credit])).toEqual([
      ['411', 'Clients', A, 'Société Générale', '1200.00', '0.00'],
      ['707', 'Ventes de marchandises', undefined, undefined, '0.00', '1000.00'],
      ['44571', 'TVA collectée', undefined, undefined, '0.00', '200.00'],
    ]);
  });

  it.each([
    ['a journal', { journal: 'VT' }, ['F-001', 'F-002']],
    ['an account prefix', { account: '4457' }, ['F-001', 'F-002']],
    ['a two-digit prefix', { account: '51' }, ['REG-A', 'REG-B']],
    ['an exact account', { account: '530' }, ['CAI-B']],
    ['a customer', { aux: B }, ['F-002', 'REG-B', 'CAI-B']],
    ['an account and a customer', { account: '411', aux: A }, ['F-001', 'REG-A']],
    ['dates, both bounds included', { from: '2026-02-15', to: '2026-03-20' }, ['F-002', 'REG-A', 'REG-B']],
    ['a journal and a customer', { journal: 'BQ', aux: B }, ['REG-B']],
    ['a customer without entries', { aux: 'C00003' }, []],
  ] as [string, RequestInput<'ledger.entries'>, string[]][])('filters by %s', async (_what, q, expected) => {
    expect(await refs(q)).toEqual({ total: expected.length, refs: expected });
  });

  it('pages with limit and offset, total counting every match', async () => {
    expect(await refs({ limit: 2 })).toEqual({ total: 5, refs: ['F-001', 'F-002'] });
    expect(await refs({ limit: 2, offset: 2 })).toEqual({ total: 5, refs: ['REG-A', 'REG-B'] });
    expect(await refs({ limit: 2, offset: 4 })).toEqual({ total: 5, refs: ['CAI-B'] });
    expect(await refs({ limit: 2, offset: 5 })).toEqual({ total: 5, refs: [] });
    expect(await refs({ aux: B, limit: 1, offset: 1 })).toEqual({ total: 3, refs: ['REG-B'] });
  });

  it('leaves the data set passing every invariant', async () => {
    expect((await expectLedgerInvariants(tc.ctx)).length).toBe(5);
  });
});
