import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Response } from '../../../src/shared/contract';
import { serviceContext, silentLogger, type ServiceContext } from '../../../src/main/core/context';
import { CompanyFile } from '../../../src/main/db/company-file';
import { AFTER_2026, AFTER_2027, at, callErr, callOk } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { A, B, cents, entries, expectLedgerInvariants, expectRefusal, ledgerCompany, post, receipt, sale } from './helpers';

type Line = [account: string, aux: string, debit: string, credit: string];

/** An entry's lines as [account, aux, debit, credit], sorted, so two entries compare whatever their line order. */
async function linesOf(ctx: ServiceContext, id: number | null): Promise<Line[]> {
  if (id === null) return expect.fail('no opening entry');
  const { entry } = await callOk(ctx, 'ledger.entry', { id });
  return entry.lines.map((l): Line => [l.account, l.aux ?? '', l.debit, l.credit]).sort((x, y) => (x.join('|') < y.join('|') ? -1 : 1));
}
const sorted = (lines: Line[]) => [...lines].sort((x, y) => (x.join('|') < y.join('|') ? -1 : 1));

/**
 * The worked example: A buys 1 000,00 HT + 200,00 VAT, B buys 500,00 + 100,00, A pays 1 200,00.
 * 2026 ends with 411 A 0, 411 B 600,00 D, 512 1 200,00 D, 44571 300,00 C, 707 1 500,00 C: a profit of 1 500,00.
 */
async function workedExample() {
  const tc = await ledgerCompany();
  post(tc.ctx, sale(A, '1000.00', '200.00', '2026-03-01'));
  post(tc.ctx, sale(B, '500.00', '100.00', '2026-03-05'));
  post(tc.ctx, receipt(A, '1200.00', '2026-04-01'));
  return tc;
}

const balanceRows = (tb: Response<'report.trialBalance'>) => tb.rows.map((r) => [r.account, r.aux ?? '', r.balance]);

describe('period.close', () => {
  it('locks the year and opens the next with an AN entry numbered 1: each customer’s 411 balance, the balance sheet, the profit on 120', async () => {
    const { ctx } = await workedExample();
    const closed = await callOk(at(ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' });
    expect(closed).toEqual({
      fiscalYear: { start: '2026-01-01', end: '2026-12-31', status: 'closed', closedAt: AFTER_2026, entries: 3 },
      result: '1500.00',
      openingEntryId: expect.any(Number),
      nextFiscalYear: { start: '2027-01-01', end: '2027-12-31', status: 'open', entries: 1 },
      backup: expect.stringMatching(/Sauvegardes Encours[\\/]societe-2027-01-15-100000\.encours$/),
    });

    const { entry, hashOk, chainOk } = await callOk(ctx, 'ledger.entry', { id: closed.openingEntryId as number });
    expect({ hashOk, chainOk }).toEqual({ hashOk: true, chainOk: true });
    expect(entry).toMatchObject({ journal: 'AN', num: 1, seq: 4, date: '2027-01-01', pieceRef: 'AN2027', fiscalYear: { start: '2027-01-01', end: '2027-12-31' } });
    expect(entry.label).toContain('31/12/2026');
    // By hand: 411 B 600,00 D, 512 1 200,00 D, 44571 300,00 C, 120 1 500,00 C (411 A is settled: no line).
    expect(await linesOf(ctx, entry.id)).toEqual(sorted([
      ['411', B, '600.00', '0.00'],
      ['512', '', '1200.00', '0.00'],
      ['44571', '', '0.00', '300.00'],
      ['120', '', '0.00', '1500.00'],
    ]));
    expect(entry.lines.find((l) => l.account === '120')?.label).toBe('Résultat de l’exercice (bénéfice)');

    // Locked: nothing may be dated in 2026 any more, through the core or the channel.
    const err = await callErr(ctx, 'ledger.post', { journal: 'OD', date: '2026-12-31', label: 'Oubli', pieceRef: 'OD-1', lines: [{ account: '512', debit: '1' }, { account: '411', aux: A, credit: '1' }] });
    expectRefusal(err, 'PERIOD_LOCKED', /clôturé/);
    expect(() => post(ctx, sale(A, '1.00', '0.20', '2026-06-01'))).toThrow(/clôturé/);

    expect((await callOk(ctx, 'fiscalYear.list', {})).rows).toEqual([
      { start: '2026-01-01', end: '2026-12-31', status: 'closed', closedAt: AFTER_2026, entries: 3 },
      { start: '2027-01-01', end: '2027-12-31', status: 'open', entries: 1 },
    ]);
    expect(post(ctx, receipt(B, '600.00', '2027-01-15'))).toMatchObject({ num: 2, seq: 5 });
    await expectLedgerInvariants(ctx);
  });

  it('makes the new year’s trial balance, right after closing, the old year’s balance-sheet balances plus the result', async () => {
    const { ctx } = await workedExample();
    const old = await callOk(ctx, 'report.trialBalance', { from: '2026-01-01', to: '2026-12-31', byAux: true });
    await callOk(at(ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' });
    const opened = await callOk(ctx, 'report.trialBalance', { from: '2027-01-01', to: '2027-12-31', byAux: true });
    const carried = balanceRows(old).filter(([account, , balance]) => Number(account?.[0]) <= 5 && balance !== '0.00');
    expect(balanceRows(opened)).toEqual([['120', '', '-1500.00'], ...carried]);
    expect(balanceRows(opened)).toEqual([['120', '', '-1500.00'], ['411', B, '600.00'], ['44571', '', '-300.00'], ['512', '', '1200.00']]);
    expect(opened.totals).toEqual({ debit: '1800.00', credit: '1800.00', balance: '0.00' });
    const byAccount = await callOk(ctx, 'report.trialBalance', { from: '2027-01-01' });
    expect(byAccount.rows.map((r) => [r.account, r.debit, r.credit])).toEqual([['120', '0.00', '1500.00'], ['411', '600.00', '0.00'], ['44571', '0.00', '300.00'], ['512', '1200.00', '0.00']]);
  });

  it('puts a loss on 129, on the debit side', async () => {
    const tc = await ledgerCompany();
    post(tc.ctx, sale(A, '1000.00', '200.00', '2026-02-01'));
    post(tc.ctx, { journal: 'OD', date: '2026-09-30', label: 'Escomptes accordés', pieceRef: 'OD-ESC', lines: [{ account: '665', debit: cents('1500.00') }, { account: '512', credit: cents('1500.00') }] });
    const closed = await callOk(at(tc.ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' });
    expect(closed.result).toBe('-500.00');
    // 411 A 1 200,00 D, 44571 200,00 C, 512 1 500,00 C, and the loss of 500,00 on 129 D.
    expect(await linesOf(tc.ctx, closed.openingEntryId)).toEqual(sorted([
      ['411', A, '1200.00', '0.00'],
      ['44571', '', '0.00', '200.00'],
      ['512', '', '0.00', '1500.00'],
      ['129', '', '500.00', '0.00'],
    ]));
    await expectLedgerInvariants(tc.ctx);
  });

  it('keeps the numbers of entries posted in the new year before closing (from 2), the opening entry taking 1; the next year carries on the same way', async () => {
    const { ctx } = await workedExample();
    expect(await callOk(ctx, 'fiscalYear.createNext', {})).toEqual({ start: '2027-01-01', end: '2027-12-31', status: 'open', entries: 0 });
    const early = [post(ctx, sale(A, '200.00', '40.00', '2027-01-10')), post(ctx, receipt(B, '600.00', '2027-01-20'))];
    expect(early.map((e) => [e.num, e.seq])).toEqual([[2, 4], [3, 5]]);
    await expectLedgerInvariants(ctx);

    const closed = await callOk(at(ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' });
    expect(closed.nextFiscalYear).toEqual({ start: '2027-01-01', end: '2027-12-31', status: 'open', entries: 3 });
    const db = ctx.file.db();
    const in2027 = entries(db).filter((e) => e.date >= '2027-01-01');
    expect(in2027.map((e) => [e.journal, e.num, e.seq])).toEqual([['VT', 2, 4], ['BQ', 3, 5], ['AN', 1, 6]]);
    expect(post(ctx, receipt(A, '240.00', '2027-02-01'))).toMatchObject({ num: 4, seq: 7 });
    await expectLedgerInvariants(ctx);

    // 2027 by hand: the AN (411 B 600 D, 512 1 200 D, 44571 300 C, 120 1 500 C), A's sale 200 + 40 and its
    // payment, B's payment of 600: 411 settled, 512 2 040 D, 44571 340 C, 120 1 500 C, profit 200.
    const second = await callOk(at(ctx, AFTER_2027), 'period.close', { fiscalYearEnd: '2027-12-31' });
    expect(second.result).toBe('200.00');
    expect(second.nextFiscalYear).toMatchObject({ start: '2028-01-01', end: '2028-12-31', entries: 1 });
    expect(await linesOf(ctx, second.openingEntryId)).toEqual(sorted([
      ['120', '', '0.00', '1500.00'],
      ['120', '', '0.00', '200.00'],
      ['44571', '', '0.00', '340.00'],
      ['512', '', '2040.00', '0.00'],
    ]));
    const tb2028 = await callOk(ctx, 'report.trialBalance', { from: '2028-01-01' });
    expect(tb2028.rows.map((r) => [r.account, r.balance])).toEqual([['120', '-1700.00'], ['44571', '-340.00'], ['512', '2040.00']]);
    const rows = await expectLedgerInvariants(ctx);
    expect(rows.filter((e) => e.journal === 'AN').map((e) => [e.num, e.date])).toEqual([[1, '2027-01-01'], [1, '2028-01-01']]);
  });

  it('closes a year without entries: no opening entry, the next year still numbering from 2', async () => {
    const { ctx } = await ledgerCompany();
    const closed = await callOk(at(ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' });
    expect(closed).toMatchObject({ result: '0.00', openingEntryId: null, nextFiscalYear: { start: '2027-01-01', entries: 0 } });
    expect(post(ctx, sale(A, '10.00', '2.00', '2027-03-01'))).toMatchObject({ num: 2, seq: 1 });
    await expectLedgerInvariants(ctx);
  });

  it('refuses to close a year twice with CONFLICT, changing nothing', async () => {
    const { ctx, path } = await workedExample();
    await callOk(at(ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' });
    const before = dumpDb(path);
    expectRefusal(await callErr(at(ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' }), 'CONFLICT', /déjà clôturé/);
    expect(dumpDb(path)).toBe(before);
  });

  it('refuses to close a year while an earlier one is still open, with CONFLICT', async () => {
    const { ctx, path } = await workedExample();
    await callOk(ctx, 'fiscalYear.createNext', {});
    post(ctx, sale(B, '50.00', '10.00', '2027-05-01'));
    const before = dumpDb(path);
    expectRefusal(await callErr(at(ctx, AFTER_2027), 'period.close', { fiscalYearEnd: '2027-12-31' }), 'CONFLICT', /Clôturez d’abord l’exercice précédent \(clos le 31\/12\/2026\)/);
    expect(dumpDb(path)).toBe(before);
  });

  it('refuses a fiscal year end that is no year’s end with NOT_FOUND', async () => {
    const { ctx, path } = await workedExample();
    const before = dumpDb(path);
    expectRefusal(await callErr(at(ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-06-30' }), 'NOT_FOUND', /30\/06\/2026/);
    expect(dumpDb(path)).toBe(before);
  });

  it('refuses to close a year holding an entry left unvalidated (a draft), with CONFLICT', async () => {
    const { ctx, path } = await workedExample();
    const db = ctx.file.db();
    db.prepare("INSERT INTO entry (fiscal_year_id, journal, date, label, piece_ref, piece_date) VALUES (1, 'OD', '2026-07-01', 'Brouillon', 'BR-1', '2026-07-01')").run();
    const before = dumpDb(path);
    const err = await callErr(at(ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/brouillon|non validée/);
    expect(dumpDb(path)).toBe(before);
  });
});

describe('period.close and the calendar', () => {
  it('refuses to close a year before its last day has passed (4 and 31 December), changing nothing and taking no backup; closes it from 1 January', async () => {
    const { ctx, path, dir } = await workedExample();
    const before = dumpDb(path);
    for (const instant of ['2026-12-04T10:00:00.000Z', '2026-12-31T22:30:00.000Z']) {
      // 31 December at 22:30 UTC is still 23:30 on 31 December in Paris: the year has not ended.
      const err = await callErr(at(ctx, instant), 'period.close', { fiscalYearEnd: '2026-12-31' });
      expectRefusal(err, 'CONFLICT', /L’exercice se termine le 31\/12\/2026 : il ne peut être clôturé qu’à partir du 01\/01\/2027/);
      expect(err.message).toContain(instant.startsWith('2026-12-04') ? '04/12/2026' : '31/12/2026');
    }
    expect(dumpDb(path)).toBe(before);
    expect((await callOk(ctx, 'backup.list', {})).rows).toEqual([]);
    expect(existsSync(join(dir, 'Sauvegardes Encours'))).toBe(false);
    // In Paris, 31 December 23:30 UTC is already 1 January 2027.
    const closed = await callOk(at(ctx, '2026-12-31T23:30:00.000Z'), 'period.close', { fiscalYearEnd: '2026-12-31' });
    expect(closed.fiscalYear.status).toBe('closed');
  });

  it('takes a backup just before closing: a copy of the file as it was, the year still open, listed with the others', async () => {
    const { ctx } = await workedExample();
    const closed = await callOk(at(ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' });
    expect((await callOk(ctx, 'backup.list', {})).rows.map((r) => r.path)).toEqual([closed.backup]);
    const copy = new CompanyFile(closed.backup);
    try {
      const before = serviceContext({ file: copy, now: () => new Date(AFTER_2026), log: silentLogger });
      expect((await callOk(before, 'fiscalYear.list', {})).rows).toEqual([{ start: '2026-01-01', end: '2026-12-31', status: 'open', entries: 3 }]);
      expect(await callOk(before, 'ledger.verify', {})).toEqual({ ok: true, entries: 3 });
    } finally {
      copy.close();
    }
  });

  it('refuses to close when the backup cannot be written, in French, closing nothing', async () => {
    const { ctx, path, dir } = await workedExample();
    // A file where the backups folder should be: the copy cannot be made.
    writeFileSync(join(dir, 'Sauvegardes Encours'), 'pas un dossier');
    const before = dumpDb(path);
    expectRefusal(await callErr(at(ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' }), 'CONFLICT', /La sauvegarde prise avant la clôture n’a pas pu être écrite dans « .*Sauvegardes Encours » : rien n’a été clôturé/);
    expect(dumpDb(path)).toBe(before);
  });
});
