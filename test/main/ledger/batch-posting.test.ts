import { describe, expect, it } from 'vitest';
import { postEntries, postEntry, type Posting, type WrittenEntry } from '../../../src/main/core/ledger/post';
import type { Db } from '../../../src/main/db/open';
import { AppError } from '../../../src/shared/errors';
import { callOk } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { A, B, C, cents, entries, expectLedgerInvariants, ledgerCompany, post, receipt, sale } from './helpers';

/** A mixed run: three customers, two journals, several days, a custom sub-account, repeated accounts and dates. */
function postings(): Posting[] {
  const out: Posting[] = [];
  for (let i = 0; i < 12; i++) {
    const aux = [A, B, C][i % 3] as string;
    const date = `2026-0${1 + (i % 4)}-1${i % 2}`;
    out.push(sale(aux, `${100 + i}.00`, `${20 + i}.00`, date, `F-${i}`));
    if (i % 4 === 1) out.push(receipt(aux, `${120 + i}.00`, date, `R-${i}`));
  }
  out.push({ journal: 'OD', date: '2026-05-02', label: 'Reprise', pieceRef: 'X-1', lines: [{ account: '411', aux: A, debit: cents('10.00') }, { account: '706100', credit: cents('10.00') }], source: { kind: 'opening_invoice', id: 7 } });
  return out;
}

/** The journal as stored: entries with their numbers and hashes, and every line. */
function journal(db: Db) {
  return {
    entries: db.prepare('SELECT id, fiscal_year_id, journal, date, label, piece_ref, piece_date, source_kind, source_id, num, seq, validated_at, prev_hash, hash FROM entry ORDER BY id').all(),
    lines: db.prepare('SELECT id, entry_id, line_no, account, aux, label, debit_cents, credit_cents FROM entry_line ORDER BY id').safeIntegers(true).all(),
  };
}

async function company() {
  const tc = await ledgerCompany();
  await callOk(tc.ctx, 'account.create', { number: '706100', label: 'Prestations reprises' });
  // One entry before the batch: the batch continues its numbering and its hash chain.
  post(tc.ctx, sale(A, '50.00', '10.00', '2026-01-02', 'F-avant'));
  return tc;
}

describe('postEntries (several entries in one call)', () => {
  it('writes the same entries, numbers, lines and hash chain as postEntry called once per entry', async () => {
    const one = await company();
    const batch = await company();
    const byOne = one.ctx.file.write((db) => postings().map((p) => postEntry(db, p, one.ctx.now())));
    const byBatch = batch.ctx.file.write((db) => postEntries(db, postings(), batch.ctx.now()));
    expect(byBatch).toEqual(byOne);
    expect(journal(batch.ctx.file.db())).toEqual(journal(one.ctx.file.db()));
    const rows = await expectLedgerInvariants(batch.ctx);
    expect(rows.map((r) => r.num)).toEqual(rows.map((_, i) => i + 1));
  });

  it('calls `written` for each entry, in order, numbered but not sealed yet: the seal covers what it writes', async () => {
    const tc = await company();
    const seen: { index: number; entry: WrittenEntry; validated: unknown }[] = [];
    const posted = tc.ctx.file.write((db) =>
      postEntries(db, postings().slice(0, 4), tc.ctx.now(), (entry, index) => {
        seen.push({ index, entry, validated: db.prepare('SELECT hash FROM entry WHERE id = ?').pluck().get(entry.id) });
      }),
    );
    expect(seen.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    expect(seen.map((s) => s.entry)).toEqual(posted.map(({ hash: _hash, ...rest }) => rest));
    expect(seen.map((s) => s.validated)).toEqual([null, null, null, null]);
  });

  it('refuses the whole batch when one entry breaks a rule: the error of postEntry, nothing written', async () => {
    const tc = await company();
    const before = dumpDb(tc.path);
    const bad = postings();
    bad.splice(5, 0, { journal: 'VT', date: '2026-03-03', label: 'Bancale', pieceRef: 'F-bad', lines: [{ account: '411', aux: A, debit: cents('10.00') }, { account: '707', credit: cents('9.99') }] });
    let err: unknown;
    try {
      tc.ctx.file.write((db) => postEntries(db, bad, tc.ctx.now()));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('UNBALANCED_ENTRY');
    expect(dumpDb(tc.path)).toBe(before);
    expect(entries(tc.ctx.file.db())).toHaveLength(1);
  });

  it('checks an unknown customer once seen in the batch like postEntry does', async () => {
    const tc = await company();
    const unknown = [...postings().slice(0, 2), sale('C00099', '10.00', '2.00', '2026-04-01', 'F-x')];
    expect(() => tc.ctx.file.write((db) => postEntries(db, unknown, tc.ctx.now()))).toThrow(/Le compte client C00099 n’existe pas/);
    expect(entries(tc.ctx.file.db())).toHaveLength(1);
  });
});
