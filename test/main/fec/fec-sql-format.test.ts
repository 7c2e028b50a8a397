import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fecAmount, fecAmountSql, fecDate, fecDateSql } from '../../../src/main/core/ledger/fec';

/** The export formats amounts and dates in SQL (no BigInt per line): the same text as the JS functions. */
describe('FEC formatting in SQL', () => {
  const db = new Database(':memory:');
  const amount = db.prepare(`SELECT ${fecAmountSql('@v')}`).pluck();
  const date = db.prepare(`SELECT ${fecDateSql('@v')}`).pluck();

  it('writes every non-negative amount in cents as fecAmount does', () => {
    for (const v of [0n, 1n, 9n, 10n, 99n, 100n, 101n, 120000n, 123456789n, 9007199254740991n, 9223372036854775807n]) {
      expect(amount.get({ v })).toBe(fecAmount(v));
    }
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }), (v) => amount.get({ v }) === fecAmount(v)));
  });

  it('writes dates and timestamps as fecDate does', () => {
    for (const v of ['2026-01-01', '2026-12-31', '2026-11-22T10:00:00.000Z']) expect(date.get({ v })).toBe(fecDate(v));
  });
});
