import { describe, expect, it } from 'vitest';
import type { Db } from '../../../src/main/db/open';
import { AFTER_2026, at, callOk, FIXED_NOW } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { A, B, entries, expectLedgerInvariants, ledgerCompany, post, receipt, sale, years } from './helpers';

/** A 2026 year with two validated entries (a sale to A and its payment), still open. */
async function journalWithTwoEntries() {
  const tc = await ledgerCompany();
  post(tc.ctx, sale(A, '1000.00', '200.00', '2026-03-01'));
  post(tc.ctx, receipt(A, '1200.00', '2026-04-01'));
  const db = tc.ctx.file.db();
  const [first] = entries(db);
  if (!first) throw new Error('no entry');
  const lineId = db.prepare('SELECT id FROM entry_line WHERE entry_id = ? ORDER BY line_no LIMIT 1').pluck().get(first.id) as number;
  return { ...tc, db, entryId: first.id, lineId, fiscalYearId: first.fiscal_year_id };
}

/** Runs raw SQL that the triggers must refuse with `reason`, and checks that nothing changed. */
function expectRefusedSql(path: string, db: Db, sql: string, params: unknown[], reason: RegExp) {
  const before = dumpDb(path);
  expect(() => db.prepare(sql).run(...params)).toThrow(reason);
  expect(dumpDb(path)).toBe(before);
}

/** Inserts an unvalidated entry and its lines by hand, inside the caller's transaction. */
function draftEntry(db: Db, fiscalYearId: number, lines: { account: string; aux?: string; debit: bigint; credit: bigint }[]): number {
  const id = Number(
    db
      .prepare("INSERT INTO entry (fiscal_year_id, journal, date, label, piece_ref, piece_date) VALUES (?, 'OD', '2026-06-01', 'À la main', 'X-1', '2026-06-01')")
      .run(fiscalYearId).lastInsertRowid,
  );
  lines.forEach((l, i) =>
    db.prepare('INSERT INTO entry_line (entry_id, line_no, account, aux, label, debit_cents, credit_cents) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, i + 1, l.account, l.aux ?? null, 'À la main', l.debit, l.credit),
  );
  return id;
}

const validate = (db: Db, id: number) => db.prepare('UPDATE entry SET validated_at = ?, num = 99, seq = 99 WHERE id = ?').run(FIXED_NOW, id);

/** Runs `fn` in a transaction that is always rolled back. */
function rolledBack(db: Db, fn: () => void) {
  const rollback = new Error('rollback');
  try {
    db.transaction(() => {
      fn();
      throw rollback;
    })();
  } catch (err) {
    if (err !== rollback) throw err;
  }
}

describe('the triggers of the journal (raw SQL behind the app’s back)', () => {
  it.each([
    ['its label', 'UPDATE entry SET label = ? WHERE id = ?', ['Corrigé']],
    ['its date', 'UPDATE entry SET date = ? WHERE id = ?', ['2026-03-02']],
    ['its number', 'UPDATE entry SET num = ? WHERE id = ?', [7]],
    ['its hash', 'UPDATE entry SET hash = ? WHERE id = ?', ['0'.repeat(64)]],
    ['its validation (back to a draft)', 'UPDATE entry SET validated_at = ? WHERE id = ?', [null]],
  ])('refuses an UPDATE of a validated entry: %s', async (_what, sql, params) => {
    const { path, db, entryId } = await journalWithTwoEntries();
    expectRefusedSql(path, db, sql, [...params, entryId], /ENTRY_IMMUTABLE/);
  });

  it('refuses a DELETE of a validated entry', async () => {
    const { path, db, entryId } = await journalWithTwoEntries();
    expectRefusedSql(path, db, 'DELETE FROM entry WHERE id = ?', [entryId], /ENTRY_IMMUTABLE/);
    expectRefusedSql(path, db, 'DELETE FROM entry', [], /ENTRY_IMMUTABLE/);
  });

  it.each([
    ['its debit', 'UPDATE entry_line SET debit_cents = debit_cents + 1 WHERE id = ?'],
    ['its account', "UPDATE entry_line SET account = '706' WHERE id = ?"],
    ['its customer', `UPDATE entry_line SET aux = '${B}' WHERE id = ?`],
  ])('refuses an UPDATE of a line of a validated entry: %s', async (_what, sql) => {
    const { path, db, lineId } = await journalWithTwoEntries();
    expectRefusedSql(path, db, sql, [lineId], /ENTRY_IMMUTABLE/);
  });

  it('refuses a DELETE of a line of a validated entry', async () => {
    const { path, db, lineId } = await journalWithTwoEntries();
    expectRefusedSql(path, db, 'DELETE FROM entry_line WHERE id = ?', [lineId], /ENTRY_IMMUTABLE/);
  });

  it('refuses a line added to a validated entry, even one that keeps it balanced', async () => {
    const { path, db, entryId } = await journalWithTwoEntries();
    expectRefusedSql(
      path,
      db,
      "INSERT INTO entry_line (entry_id, line_no, account, label, debit_cents, credit_cents) VALUES (?, 9, '53', 'Ajout', 100, 0)",
      [entryId],
      /ENTRY_IMMUTABLE/,
    );
  });

  it('refuses to validate by hand an unbalanced entry, a one-line entry or an entry without lines', async () => {
    const { path, db, fiscalYearId } = await journalWithTwoEntries();
    const before = dumpDb(path);
    const cases = [
      [{ account: '512', debit: 10000n, credit: 0n }, { account: '411', aux: A, debit: 0n, credit: 9999n }],
      [{ account: '512', debit: 10000n, credit: 0n }],
      [],
      // Beyond 2^53 cents a floating-point sum no longer sees one cent: the check must add integers.
      [{ account: '512', debit: 9_007_199_254_740_993n, credit: 0n }, { account: '411', aux: A, debit: 0n, credit: 9_007_199_254_740_992n }],
    ];
    for (const lines of cases) {
      rolledBack(db, () => {
        const id = draftEntry(db, fiscalYearId, lines);
        expect(() => validate(db, id), JSON.stringify(lines, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).toThrow(/UNBALANCED_ENTRY/);
      });
    }
    // The same path with a balanced entry goes through: the trigger refuses the imbalance, not the update.
    rolledBack(db, () => {
      const id = draftEntry(db, fiscalYearId, [{ account: '512', debit: 10000n, credit: 0n }, { account: '411', aux: A, debit: 0n, credit: 10000n }]);
      expect(validate(db, id).changes).toBe(1);
    });
    expect(dumpDb(path)).toBe(before);
  });

  it('refuses an entry inserted already validated, which would skip the balance check', async () => {
    const { path, db, fiscalYearId } = await journalWithTwoEntries();
    expectRefusedSql(
      path,
      db,
      `INSERT INTO entry (fiscal_year_id, journal, date, label, piece_ref, piece_date, num, seq, validated_at, prev_hash, hash)
       VALUES (?, 'OD', '2026-06-01', 'Fantôme', 'X-2', '2026-06-01', 3, 3, ?, ?, ?)`,
      [fiscalYearId, FIXED_NOW, '0'.repeat(64), '1'.repeat(64)],
      /ENTRY_IMMUTABLE/,
    );
  });

  it('refuses an entry inserted into a closed fiscal year, or a draft moved into one then validated', async () => {
    const tc = await journalWithTwoEntries();
    await callOk(at(tc.ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' });
    expectRefusedSql(
      tc.path,
      tc.db,
      "INSERT INTO entry (fiscal_year_id, journal, date, label, piece_ref, piece_date) VALUES (?, 'OD', '2026-06-01', 'Après clôture', 'X-3', '2026-06-01')",
      [tc.fiscalYearId],
      /PERIOD_LOCKED/,
    );
    const before = dumpDb(tc.path);
    const open = years(tc.db).find((y) => y.status === 'open');
    if (!open) throw new Error('no open year');
    rolledBack(tc.db, () => {
      const id = draftEntry(tc.db, open.id, [{ account: '512', debit: 700n, credit: 0n }, { account: '411', aux: A, debit: 0n, credit: 700n }]);
      tc.db.prepare('UPDATE entry SET fiscal_year_id = ? WHERE id = ?').run(tc.fiscalYearId, id);
      expect(() => validate(tc.db, id)).toThrow(/PERIOD_LOCKED/);
    });
    expect(dumpDb(tc.path)).toBe(before);
  });

  it('keeps a closed fiscal year closed: no reopening, no change of its dates, no deletion', async () => {
    const tc = await ledgerCompany();
    // A first year without entries: nothing else (no entry pointing at it) would stop its deletion.
    await callOk(at(tc.ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' });
    const db = tc.ctx.file.db();
    const closed = years(db)[0];
    expect(closed?.status).toBe('closed');
    const id = closed?.id;
    expectRefusedSql(tc.path, db, "UPDATE fiscal_year SET status = 'open' WHERE id = ?", [id], /PERIOD_LOCKED/);
    expectRefusedSql(tc.path, db, 'UPDATE fiscal_year SET closed_at = NULL WHERE id = ?', [id], /PERIOD_LOCKED/);
    expectRefusedSql(tc.path, db, "UPDATE fiscal_year SET end_date = '2026-06-30' WHERE id = ?", [id], /PERIOD_LOCKED/);
    expectRefusedSql(tc.path, db, 'DELETE FROM fiscal_year WHERE id = ?', [id], /PERIOD_LOCKED/);
    // And the app still refuses to post in it.
    expect(() => post(tc.ctx, sale(A, '10.00', '2.00', '2026-06-01'))).toThrow(/clôturé/);
  });

  it('leaves drafts alone: an unvalidated entry can still be completed or discarded', async () => {
    const { path, db, fiscalYearId } = await journalWithTwoEntries();
    const before = dumpDb(path);
    rolledBack(db, () => {
      const id = draftEntry(db, fiscalYearId, [{ account: '512', debit: 500n, credit: 0n }]);
      db.prepare("INSERT INTO entry_line (entry_id, line_no, account, aux, label, debit_cents, credit_cents) VALUES (?, 2, '411', ?, 'Suite', 0, 400)").run(id, A);
      db.prepare('UPDATE entry_line SET credit_cents = 500 WHERE entry_id = ? AND line_no = 2').run(id);
      db.prepare('DELETE FROM entry_line WHERE entry_id = ?').run(id);
      expect(db.prepare('DELETE FROM entry WHERE id = ?').run(id).changes).toBe(1);
    });
    expect(dumpDb(path)).toBe(before);
  });

  it('still passes every check after all these refusals', async () => {
    const tc = await journalWithTwoEntries();
    for (const sql of ['UPDATE entry SET label = ? WHERE id = ?', 'DELETE FROM entry WHERE id = ?']) {
      expect(() => tc.db.prepare(sql).run(...(sql.startsWith('UPDATE') ? ['x', tc.entryId] : [tc.entryId]))).toThrow(/ENTRY_IMMUTABLE/);
    }
    await expectLedgerInvariants(tc.ctx);
  });
});
