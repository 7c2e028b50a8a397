import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AFTER_2026, at, callErr, callOk } from '../../helpers/context';
import { expectFrench } from '../../helpers/french';
import { falsify, hashAsStored, sqlite3 } from '../../helpers/tamper';
import { A, B, cents, ledgerCompany, post, receipt, sale } from './helpers';

/**
 * Four entries: 1 sale to A, 2 sale to B (D 411 B 600,00 / C 707 500,00 / C 44571 100,00), 3 A's payment,
 * 4 B's payment. The file is closed afterwards, so the shell works on it alone.
 */
async function fourEntries() {
  const tc = await ledgerCompany();
  post(tc.ctx, sale(A, '1000.00', '200.00', '2026-03-01'));
  post(tc.ctx, sale(B, '500.00', '100.00', '2026-03-05'));
  post(tc.ctx, receipt(A, '1200.00', '2026-04-01'));
  post(tc.ctx, receipt(B, '600.00', '2026-04-02'));
  expect(await callOk(tc.ctx, 'ledger.verify', {})).toEqual({ ok: true, entries: 4 });
  tc.ctx.file.close();
  return tc;
}

function expectBroken(report: { ok: boolean; brokenAt?: { reason: string } | undefined }, at: { entryId: number; seq: number; num: number | null; date?: string }, reason: RegExp) {
  expect(report.ok).toBe(false);
  expect(report.brokenAt).toMatchObject(at);
  expect(report.brokenAt?.reason).toMatch(reason);
  expectFrench(report.brokenAt?.reason);
}

describe('ledger.verify on a file falsified with the sqlite3 shell', () => {
  it('catches an amount changed on both sides of an entry (still balanced, so only the hash sees it)', async () => {
    const { ctx, path } = await fourEntries();
    falsify(
      path,
      `DROP TRIGGER line_of_validated_entry_no_update;
       UPDATE entry_line SET debit_cents = debit_cents + 10000 WHERE entry_id = 2 AND account = '411';
       UPDATE entry_line SET credit_cents = credit_cents + 10000 WHERE entry_id = 2 AND account = '707';`,
    );
    // The falsified entry still balances and the trial balance read from the lines still agrees with itself.
    const { entry, hashOk, chainOk } = await callOk(ctx, 'ledger.entry', { id: 2 });
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([['411', '700.00', '0.00'], ['707', '0.00', '600.00'], ['44571', '0.00', '100.00']]);
    expect((await callOk(ctx, 'report.trialBalance', { byAux: true })).totals).toEqual({ debit: '3700.00', credit: '3700.00', balance: '0.00' });

    expect({ hashOk, chainOk }).toEqual({ hashOk: false, chainOk: true });
    const report = await callOk(ctx, 'ledger.verify', {});
    expectBroken(report, { entryId: 2, seq: 2, num: 2, date: '2026-03-05' }, /Empreinte invalide/);
    expect(report.entries).toBe(1);
    // The entries around it are intact on their own.
    expect(await callOk(ctx, 'ledger.entry', { id: 1 })).toMatchObject({ hashOk: true, chainOk: true });
    expect(await callOk(ctx, 'ledger.entry', { id: 3 })).toMatchObject({ hashOk: true, chainOk: true });
  });

  it('refuses on opening a file whose index was redefined behind the app’s back, which quick_check lets through', async () => {
    const { ctx, path } = await fourEntries();
    sqlite3(path, "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'CREATE INDEX entry_by_journal ON entry (label, date)' WHERE name = 'entry_by_journal';");
    expect(sqlite3(path, 'PRAGMA quick_check;').trim()).toBe('ok');
    expect(sqlite3(path, 'PRAGMA integrity_check;').trim()).not.toBe('ok');
    // The schema is not the one the migrations write: no channel reads it.
    const err = await callErr(ctx, 'report.trialBalance', {});
    expect(err.code).toBe('DB_CORRUPT');
    expectFrench(err.message);
  });

  it('refuses on opening, and leaves as it is, a file whose immutability triggers were dropped and not put back', async () => {
    const { ctx, path } = await fourEntries();
    sqlite3(path, "DROP TRIGGER entry_validated_is_immutable; UPDATE entry SET label = 'Facture annulée' WHERE id = 3;");
    const before = sqlite3(path, 'SELECT group_concat(label) FROM entry;');
    const err = await callErr(ctx, 'ledger.verify', {});
    expect(err.code).toBe('DB_CORRUPT');
    expect(err.message).toContain('modifiée en dehors d’Encours');
    expect(sqlite3(path, 'SELECT group_concat(label) FROM entry;')).toBe(before);
  });

  it('refuses to export the FEC when an entry’s lines no longer start at n° 1, writing no file', async () => {
    const { ctx, path, dir } = await fourEntries();
    falsify(path, 'DROP TRIGGER line_of_validated_entry_no_update; UPDATE entry_line SET line_no = line_no + 10 WHERE entry_id = 2;');
    const err = await callErr(ctx, 'export.fec', { fiscalYearEnd: '2026-12-31', output: dir });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/écriture n° 2 ne sont plus numérotées à partir de 1/);
    expectFrench(err.message);
    expect(readdirSync(dir).filter((f) => f.includes('FEC'))).toEqual([]);
  });

  it('catches a changed label or date', async () => {
    const { ctx, path } = await fourEntries();
    falsify(path, "DROP TRIGGER entry_validated_is_immutable; UPDATE entry SET label = 'Facture annulée' WHERE id = 3;");
    expectBroken(await callOk(ctx, 'ledger.verify', {}), { entryId: 3, seq: 3, num: 3, date: '2026-04-01' }, /Empreinte invalide/);
    expect((await callOk(ctx, 'ledger.entry', { id: 3 })).hashOk).toBe(false);
    ctx.file.close();
    falsify(path, "DROP TRIGGER entry_validated_is_immutable; UPDATE entry SET date = '2026-02-28' WHERE id = 1;");
    expectBroken(await callOk(ctx, 'ledger.verify', {}), { entryId: 1, seq: 1, num: 1, date: '2026-02-28' }, /Empreinte invalide/);
  });

  it('catches an entry whose hash was recomputed after the change: the next entry’s link breaks', async () => {
    const { ctx, path } = await fourEntries();
    falsify(path, "DROP TRIGGER line_of_validated_entry_no_update; UPDATE entry_line SET debit_cents = 70000 WHERE entry_id = 2 AND account = '411'; UPDATE entry_line SET credit_cents = 60000 WHERE entry_id = 2 AND account = '707';");
    const db = ctx.file.db();
    const forged = hashAsStored(db, 2, db.prepare('SELECT prev_hash FROM entry WHERE id = 2').pluck().get() as string).hash;
    ctx.file.close();
    falsify(path, `DROP TRIGGER entry_validated_is_immutable; UPDATE entry SET hash = '${forged}' WHERE id = 2;`);

    expect(await callOk(ctx, 'ledger.entry', { id: 2 })).toMatchObject({ hashOk: true, chainOk: true });
    expect(await callOk(ctx, 'ledger.entry', { id: 3 })).toMatchObject({ hashOk: true, chainOk: false });
    expectBroken(await callOk(ctx, 'ledger.verify', {}), { entryId: 3, seq: 3, num: 3, date: '2026-04-01' }, /Chaînage rompu/);
  });

  it('catches a deleted entry: the sequence breaks at the next one', async () => {
    const { ctx, path } = await fourEntries();
    falsify(
      path,
      `DROP TRIGGER line_of_validated_entry_no_delete; DROP TRIGGER entry_validated_is_permanent;
       DELETE FROM entry_line WHERE entry_id = 2; DELETE FROM entry WHERE id = 2;`,
    );
    expect(sqlite3(path, 'SELECT count(*) FROM entry;').trim()).toBe('3');
    const report = await callOk(ctx, 'ledger.verify', {});
    expectBroken(report, { entryId: 3, seq: 3, num: 3, date: '2026-04-01' }, /Séquence rompue : écriture n° 2 attendue, n° 3 trouvée/);
    expect(report.entries).toBe(1);
    expect((await callErr(ctx, 'ledger.entry', { id: 2 })).code).toBe('NOT_FOUND');
  });

  it('catches an entry whose lines were deleted', async () => {
    const { ctx, path } = await fourEntries();
    falsify(path, 'DROP TRIGGER line_of_validated_entry_no_delete; DELETE FROM entry_line WHERE entry_id = 4;');
    const report = await callOk(ctx, 'ledger.verify', {});
    expect(report.ok).toBe(false);
    expect(report.brokenAt?.reason).toMatch(/sans lignes/);
    expectFrench(report.brokenAt?.reason);
  });

  it('catches two entries whose numbers were swapped', async () => {
    const { ctx, path } = await fourEntries();
    falsify(path, 'DROP TRIGGER entry_validated_is_immutable; UPDATE entry SET num = -num WHERE id IN (2, 3); UPDATE entry SET num = 5 + num WHERE id IN (2, 3);');
    expect(sqlite3(path, 'SELECT id, num FROM entry ORDER BY id;').trim().split('\n')).toEqual(['1|1', '2|3', '3|2', '4|4']);
    expectBroken(await callOk(ctx, 'ledger.verify', {}), { entryId: 2, seq: 2, num: 3 }, /Empreinte invalide/);
  });

  it('makes period.close refuse a falsified journal with CONFLICT', async () => {
    const { ctx, path } = await fourEntries();
    falsify(path, "DROP TRIGGER line_of_validated_entry_no_update; UPDATE entry_line SET label = 'Retouché' WHERE entry_id = 1 AND line_no = 1;");
    const err = await callErr(at(ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/contrôle d’intégrité/);
    expectFrench(err.message);
    expect((await callOk(ctx, 'fiscalYear.list', {})).rows.map((r) => r.status)).toEqual(['open']);
  });

  it('leaves an untouched file verified after the shell merely read it', async () => {
    const { ctx, path } = await fourEntries();
    expect(sqlite3(path, "SELECT sum(debit_cents) FROM entry_line WHERE account = '411';").trim()).toBe(String(cents('1800.00')));
    expect(await callOk(ctx, 'ledger.verify', {})).toEqual({ ok: true, entries: 4 });
  });
});
