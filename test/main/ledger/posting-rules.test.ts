import { describe, expect, it } from 'vitest';
import type { AppErrorCode } from '../../../src/shared/errors';
import { postEntry, type Posting } from '../../../src/main/core/ledger/post';
import { AFTER_2026, at, callErr, callOk, FIXED_NOW } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { A, B, cents, entries, expectLedgerInvariants, expectRefusal, ledgerCompany, post, postRefused, receipt, sale } from './helpers';

/**
 * A company whose 2026 year is closed (a sale to A, A's payment, a sale to B) and whose 2027 year is open
 * with its opening entry (number 1, seq 4): the next regular entry of 2027 must be number 2, seq 5.
 */
async function closedYearCompany() {
  const tc = await ledgerCompany();
  post(tc.ctx, sale(A, '1000.00', '200.00', '2026-03-01'));
  post(tc.ctx, receipt(A, '1200.00', '2026-04-01'));
  post(tc.ctx, sale(B, '500.00', '100.00', '2026-05-01'));
  await callOk(at(tc.ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' });
  return { ...tc, next: { num: 2, seq: 5 } };
}

/** A correct 2027 sale: D 411 A 1 200,00 / C 707 1 000,00 / C 44571 200,00. */
const valid2027 = (): Posting => sale(A, '1000.00', '200.00', '2027-02-01', 'F2027-00001');

/** The file holds exactly what it held, and numbering resumes where it was: nothing was taken. */
async function expectUntouched(tc: Awaited<ReturnType<typeof closedYearCompany>>, before: string) {
  expect(dumpDb(tc.path)).toBe(before);
  const posted = post(tc.ctx, valid2027());
  expect({ num: posted.num, seq: posted.seq }).toEqual(tc.next);
  await expectLedgerInvariants(tc.ctx);
}

const withLines = (lines: Posting['lines'], base = valid2027()): Posting => ({ ...base, lines });

const refusedPostings: { why: string; posting: () => Posting; code: AppErrorCode; message: RegExp; field?: string }[] = [
  {
    why: 'an unbalanced entry',
    posting: () => withLines([{ account: '411', aux: A, debit: cents('1200.00') }, { account: '707', credit: cents('1000.00') }, { account: '44571', credit: cents('199.99') }]),
    code: 'UNBALANCED_ENTRY',
    message: /déséquilibrée : 1200,00 € au débit pour 1199,99 € au crédit/,
  },
  {
    why: 'a zero line',
    posting: () => withLines([...valid2027().lines, { account: '512', debit: 0n }]),
    code: 'UNBALANCED_ENTRY',
    message: /Ligne 4 \(compte 512\) : une ligne à zéro/,
  },
  {
    why: 'a line with both a debit and a credit',
    posting: () => withLines([...valid2027().lines, { account: '512', debit: 500n, credit: 500n }]),
    code: 'UNBALANCED_ENTRY',
    message: /soit au débit, soit au crédit, pas les deux/,
  },
  {
    why: 'a negative amount',
    posting: () => withLines([{ account: '512', debit: -100n }, { account: '411', aux: A, credit: -100n }]),
    code: 'UNBALANCED_ENTRY',
    message: /montant négatif/,
  },
  {
    why: 'a single line',
    posting: () => withLines([{ account: '411', aux: A, debit: cents('1200.00') }]),
    code: 'UNBALANCED_ENTRY',
    message: /au moins deux lignes/,
  },
  {
    why: 'no line at all',
    posting: () => withLines([]),
    code: 'UNBALANCED_ENTRY',
    message: /au moins deux lignes/,
  },
  {
    why: 'an account missing from the chart and the company’s sub-accounts',
    posting: () => withLines([{ account: '512', debit: 100n }, { account: '706999', credit: 100n }]),
    code: 'VALIDATION',
    message: /compte 706999 n’existe pas/,
    field: 'account',
  },
  {
    why: 'a 411 line without the customer’s auxiliary account',
    posting: () => withLines([{ account: '411', debit: cents('1200.00') }, { account: '707', credit: cents('1200.00') }]),
    code: 'VALIDATION',
    message: /411 se tient client par client/,
    field: 'aux',
  },
  {
    why: 'a 4191 line without the customer’s auxiliary account',
    posting: () => withLines([{ account: '512', debit: 100n }, { account: '4191', credit: 100n }]),
    code: 'VALIDATION',
    message: /4191 se tient client par client/,
    field: 'aux',
  },
  {
    why: 'an auxiliary account on a 707 line',
    posting: () => withLines([{ account: '411', aux: A, debit: cents('1200.00') }, { account: '707', aux: A, credit: cents('1200.00') }]),
    code: 'VALIDATION',
    message: /707 ne se tient pas par client : retirez le compte auxiliaire C00001/,
    field: 'aux',
  },
  {
    why: 'a customer code that does not exist',
    posting: () => withLines([{ account: '411', aux: 'C00099', debit: cents('1200.00') }, { account: '707', credit: cents('1200.00') }]),
    code: 'VALIDATION',
    message: /client C00099 n’existe pas/,
    field: 'aux',
  },
  {
    why: 'a date after every fiscal year',
    posting: () => ({ ...valid2027(), date: '2028-01-15' }),
    code: 'VALIDATION',
    message: /Aucun exercice ne couvre le 15\/01\/2028/,
    field: 'date',
  },
  {
    why: 'a date before the first fiscal year',
    posting: () => ({ ...valid2027(), date: '2025-12-31' }),
    code: 'VALIDATION',
    message: /Aucun exercice ne couvre le 31\/12\/2025/,
    field: 'date',
  },
  {
    why: 'a date in a closed fiscal year',
    posting: () => ({ ...valid2027(), date: '2026-12-31' }),
    code: 'PERIOD_LOCKED',
    message: /exercice du 01\/01\/2026 au 31\/12\/2026 est clôturé/,
    field: 'date',
  },
  {
    why: 'an impossible date',
    posting: () => ({ ...valid2027(), date: '2027-02-29' }),
    code: 'VALIDATION',
    message: /Date d’écriture invalide/,
    field: 'date',
  },
  {
    why: 'an unknown journal',
    posting: () => ({ ...valid2027(), journal: 'XX' as Posting['journal'] }),
    code: 'VALIDATION',
    message: /Journal inconnu/,
    field: 'journal',
  },
  {
    why: 'a label made only of separators',
    posting: () => ({ ...valid2027(), label: ' \t|\n ' }),
    code: 'VALIDATION',
    message: /libellé/,
    field: 'label',
  },
  {
    why: 'a second opening entry (AN) in a year that already has one',
    posting: () => ({ ...valid2027(), journal: 'AN', date: '2027-01-01' }),
    code: 'CONFLICT',
    message: /à-nouveaux de cet exercice sont déjà passés/,
  },
];

describe('postEntry refuses', () => {
  it.each(refusedPostings)('$why with $code and a French message, leaving the file and the numbering as they were', async (c) => {
    const tc = await closedYearCompany();
    const before = dumpDb(tc.path);
    const err = postRefused(tc.ctx, c.posting());
    expectRefusal(err, c.code, c.message);
    if (c.field) expect(Object.keys(err.fieldErrors ?? {})).toEqual([c.field]);
    await expectUntouched(tc, before);
  });

  it('refuses an opening entry (AN) in the first fiscal year, which has none', async () => {
    const tc = await ledgerCompany();
    const before = dumpDb(tc.path);
    const err = postRefused(tc.ctx, { ...sale(A, '10.00', '2.00', '2026-01-01'), journal: 'AN' });
    expectRefusal(err, 'CONFLICT', /premier exercice n’a pas d’à-nouveaux/);
    expect(dumpDb(tc.path)).toBe(before);
    expect(post(tc.ctx, sale(A, '10.00', '2.00', '2026-01-01'))).toMatchObject({ num: 1, seq: 1 });
  });

  it('refuses to run outside a transaction, writing nothing', async () => {
    const tc = await ledgerCompany();
    const before = dumpDb(tc.path);
    expect(() => postEntry(tc.ctx.file.db(), sale(A, '1.00', '0.00', '2026-01-02'), tc.ctx.now())).toThrow(/dans une transaction/);
    expect(dumpDb(tc.path)).toBe(before);
  });
});

/** A valid ledger.post request in 2027; each refused request changes one thing. */
const manual2027 = {
  journal: 'OD',
  date: '2027-02-01',
  label: 'Régularisation',
  pieceRef: 'OD-2027-001',
  lines: [
    { account: '512', debit: '250.00' },
    { account: '411', aux: A, credit: '250.00' },
  ],
};

const refusedRequests: { why: string; payload: Record<string, unknown>; code: AppErrorCode; message: RegExp; field?: string }[] = [
  {
    why: 'an unbalanced entry',
    payload: { ...manual2027, lines: [{ account: '512', debit: '250.00' }, { account: '411', aux: A, credit: '250.01' }] },
    code: 'UNBALANCED_ENTRY',
    message: /250,00 € au débit pour 250,01 € au crédit/,
  },
  {
    why: 'a zero line',
    payload: { ...manual2027, lines: [...manual2027.lines, { account: '530', debit: '0,00' }] },
    code: 'UNBALANCED_ENTRY',
    message: /ligne à zéro/,
  },
  {
    why: 'a line with both a debit and a credit',
    payload: { ...manual2027, lines: [...manual2027.lines, { account: '530', debit: '5', credit: '5' }] },
    code: 'VALIDATION',
    message: /Ligne 3 : indiquez un montant au débit ou au crédit \(un seul\)/,
    field: 'lines.2.debit',
  },
  {
    why: 'a single line',
    payload: { ...manual2027, lines: [manual2027.lines[0]] },
    code: 'VALIDATION',
    message: /au moins deux lignes/,
    field: 'lines',
  },
  {
    why: 'an unknown account',
    payload: { ...manual2027, lines: [{ account: '5129', debit: '250.00' }, manual2027.lines[1]] },
    code: 'VALIDATION',
    message: /compte 5129 n’existe pas/,
    field: 'account',
  },
  {
    why: 'a 411 line without the customer’s auxiliary account',
    payload: { ...manual2027, lines: [manual2027.lines[0], { account: '411', credit: '250.00' }] },
    code: 'VALIDATION',
    message: /indiquez le compte auxiliaire/,
    field: 'aux',
  },
  {
    why: 'an auxiliary account on a 707 line',
    payload: { ...manual2027, lines: [{ account: '707', aux: B, debit: '250.00' }, manual2027.lines[1]] },
    code: 'VALIDATION',
    message: /retirez le compte auxiliaire C00002/,
    field: 'aux',
  },
  {
    why: 'a customer code that does not exist',
    payload: { ...manual2027, lines: [manual2027.lines[0], { account: '411', aux: 'C00042', credit: '250.00' }] },
    code: 'VALIDATION',
    message: /C00042 n’existe pas/,
    field: 'aux',
  },
  {
    why: 'a date outside any fiscal year',
    payload: { ...manual2027, date: '2030-06-01' },
    code: 'VALIDATION',
    message: /Aucun exercice ne couvre le 01\/06\/2030/,
    field: 'date',
  },
  {
    why: 'a date in a closed fiscal year',
    payload: { ...manual2027, date: '2026-06-01' },
    code: 'PERIOD_LOCKED',
    message: /est clôturé/,
    field: 'date',
  },
];

describe('ledger.post refuses', () => {
  it.each(refusedRequests)('$why with $code and a French message, leaving the file and the numbering as they were', async (c) => {
    const tc = await closedYearCompany();
    const before = dumpDb(tc.path);
    const err = await callErr(tc.ctx, 'ledger.post', c.payload);
    expectRefusal(err, c.code, c.message);
    if (c.field) expect(err.fieldErrors ?? {}).toHaveProperty([c.field]);
    await expectUntouched(tc, before);
  });
});

describe('a correct entry', () => {
  it('is validated with its number, sequence, chained hash and timestamp, its amounts stored in integer cents', async () => {
    const tc = await closedYearCompany();
    const db = tc.ctx.file.db();
    const previous = entries(db).at(-1);
    const entry = await callOk(tc.ctx, 'ledger.post', {
      ...manual2027,
      label: 'Règlement\tpartiel | chèque',
      lines: [
        { account: '512', debit: '1 234,56' },
        { account: '411', aux: A, credit: '1234.5', label: 'Acompte' },
        { account: '4191', aux: B, credit: '0.06' },
      ],
    });
    expect(entry).toMatchObject({
      num: 2,
      seq: 5,
      journal: 'OD',
      date: '2027-02-01',
      fiscalYear: { start: '2027-01-01', end: '2027-12-31' },
      label: 'Règlement partiel chèque',
      pieceRef: 'OD-2027-001',
      pieceDate: '2027-02-01',
      validatedAt: FIXED_NOW,
    });
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.lines.map((l) => [l.account, l.aux ?? '', l.label, l.debit, l.credit])).toEqual([
      ['512', '', 'Règlement partiel chèque', '1234.56', '0.00'],
      ['411', A, 'Acompte', '0.00', '1234.50'],
      ['4191', B, 'Règlement partiel chèque', '0.00', '0.06'],
    ]);

    const row = db.prepare('SELECT num, seq, validated_at, prev_hash, hash FROM entry WHERE id = ?').get(entry.id);
    expect(row).toEqual({ num: 2, seq: 5, validated_at: FIXED_NOW, prev_hash: previous?.hash, hash: entry.hash });
    const lines = db.prepare('SELECT line_no, account, aux, debit_cents, credit_cents FROM entry_line WHERE entry_id = ? ORDER BY line_no').safeIntegers(true).all(entry.id);
    expect(lines).toEqual([
      { line_no: 1n, account: '512', aux: null, debit_cents: 123456n, credit_cents: 0n },
      { line_no: 2n, account: '411', aux: A, debit_cents: 0n, credit_cents: 123450n },
      { line_no: 3n, account: '4191', aux: B, debit_cents: 0n, credit_cents: 6n },
    ]);
    expect(await callOk(tc.ctx, 'ledger.entry', { id: entry.id })).toEqual({ entry, hashOk: true, chainOk: true });
    await expectLedgerInvariants(tc.ctx);
  });

  it('takes the next numbers one after the other, the first year starting at 1', async () => {
    const tc = await ledgerCompany();
    const posted = [sale(A, '100.00', '20.00', '2026-02-01'), receipt(A, '120.00', '2026-01-15'), sale(B, '5.00', '1.00', '2026-01-10')].map((p) => post(tc.ctx, p));
    // Validation order, not date order: EcritureNum follows the order entries were validated in.
    expect(posted.map((p) => [p.num, p.seq])).toEqual([[1, 1], [2, 2], [3, 3]]);
    await expectLedgerInvariants(tc.ctx);
  });

  it('keeps amounts up to the largest the API accepts exact to the cent', async () => {
    const tc = await ledgerCompany();
    const huge = '999999999999999.99';
    const entry = await callOk(tc.ctx, 'ledger.post', {
      ...manual2027,
      date: '2026-06-30',
      lines: [{ account: '512', debit: huge }, { account: '411', aux: A, credit: '999999999999999.98' }, { account: '411', aux: B, credit: '0.01' }],
    });
    expect(entry.lines.map((l) => l.debit)).toEqual([huge, '0.00', '0.00']);
    const tb = await callOk(tc.ctx, 'report.trialBalance', {});
    expect(tb.totals).toEqual({ debit: huge, credit: huge, balance: '0.00' });
    await expectLedgerInvariants(tc.ctx);
  });
});
