import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { takeDocumentNumber } from '../../../src/main/core/ledger/numbering';
import type { Db } from '../../../src/main/db/open';
import { dumpDb } from '../../helpers/db';
import { expectFrench } from '../../helpers/french';
import { ledgerCompany } from './helpers';
import { appErrorOf } from '../../helpers/errors';

/** One number, in a transaction of its own that commits. */
const take = (db: Db, prefix: string, date: string) => db.transaction(() => takeDocumentNumber(db, prefix, date)).immediate();


describe('takeDocumentNumber', () => {
  it('gives F2026-00001, F2026-00002, … without a gap, same-day documents included', async () => {
    const { ctx } = await ledgerCompany({ customers: 0 });
    const db = ctx.file.db();
    const dates = ['2026-01-05', '2026-01-05', '2026-02-10', '2026-02-10', '2026-12-31'];
    expect(dates.map((d) => take(db, 'F', d))).toEqual(['F2026-00001', 'F2026-00002', 'F2026-00003', 'F2026-00004', 'F2026-00005']);
    expect(db.prepare('SELECT series, last_number, last_date FROM doc_sequence').all()).toEqual([{ series: 'F2026', last_number: 5, last_date: '2026-12-31' }]);
  });

  it('pads to five digits and keeps counting past 99 999', async () => {
    const { ctx } = await ledgerCompany({ customers: 0 });
    const db = ctx.file.db();
    db.prepare("INSERT INTO doc_sequence (series, last_number, last_date) VALUES ('F2026', 99998, '2026-03-01')").run();
    expect([take(db, 'F', '2026-03-01'), take(db, 'F', '2026-03-02')]).toEqual(['F2026-99999', 'F2026-100000']);
  });

  it('gives the number back when the surrounding transaction rolls back: the next call gets the same one', async () => {
    const { ctx, path } = await ledgerCompany({ customers: 0 });
    const db = ctx.file.db();
    expect(take(db, 'F', '2026-03-01')).toBe('F2026-00001');
    const before = dumpDb(path);
    const failure = new Error('la validation de la facture échoue après la prise du numéro');
    let taken: string | undefined;
    expect(() =>
      db.transaction(() => {
        taken = takeDocumentNumber(db, 'F', '2026-03-02');
        throw failure;
      }).immediate(),
    ).toThrow(failure);
    expect(taken).toBe('F2026-00002');
    expect(dumpDb(path)).toBe(before);
    expect(take(db, 'F', '2026-03-02')).toBe('F2026-00002');
    expect(take(db, 'F', '2026-03-03')).toBe('F2026-00003');
  });

  it('rolls back with a channel that fails after taking it, through the company file’s write', async () => {
    const { ctx } = await ledgerCompany({ customers: 0 });
    expect(() =>
      ctx.file.write((db) => {
        takeDocumentNumber(db, 'AV', '2026-05-01');
        throw new AppError('CONFLICT', 'Refus après numérotation.');
      }),
    ).toThrow(/Refus après numérotation/);
    expect(ctx.file.write((db) => takeDocumentNumber(db, 'AV', '2026-05-01'))).toBe('AV2026-00001');
  });

  it('refuses a date earlier than the last document of the series with CONFLICT, taking nothing', async () => {
    const { ctx, path } = await ledgerCompany({ customers: 0 });
    const db = ctx.file.db();
    take(db, 'F', '2026-01-05');
    take(db, 'F', '2026-03-10');
    const before = dumpDb(path);
    const err = appErrorOf(() => take(db, 'F', '2026-03-09'));
    expect(err.code).toBe('CONFLICT');
    expectFrench(err.message);
    expect(err.message).toContain('F2026');
    expect(err.message).toContain('10/03/2026');
    expect(err.fieldErrors).toEqual({ date: expect.stringContaining('10/03/2026') });
    expect(dumpDb(path)).toBe(before);
    expect(take(db, 'F', '2026-03-10')).toBe('F2026-00003');
  });

  it('starts a new series with a new year, each year’s series staying chronological on its own', async () => {
    const { ctx } = await ledgerCompany({ customers: 0 });
    const db = ctx.file.db();
    expect(take(db, 'F', '2026-12-30')).toBe('F2026-00001');
    expect(take(db, 'F', '2027-01-02')).toBe('F2027-00001');
    expect(take(db, 'F', '2026-12-31')).toBe('F2026-00002');
    expect(take(db, 'F', '2027-01-02')).toBe('F2027-00002');
    expect(appErrorOf(() => take(db, 'F', '2027-01-01')).code).toBe('CONFLICT');
  });

  it('keeps one series per document kind', async () => {
    const { ctx } = await ledgerCompany({ customers: 0 });
    const db = ctx.file.db();
    expect([take(db, 'F', '2026-04-01'), take(db, 'AV', '2026-03-01'), take(db, 'F', '2026-04-02'), take(db, 'AV', '2026-03-15')]).toEqual([
      'F2026-00001', 'AV2026-00001', 'F2026-00002', 'AV2026-00002',
    ]);
  });

  it('refuses to run outside a transaction, where a failure could not give the number back', async () => {
    const { ctx, path } = await ledgerCompany({ customers: 0 });
    const before = dumpDb(path);
    expect(() => takeDocumentNumber(ctx.file.db(), 'F', '2026-01-01')).toThrow(/transaction/);
    expect(dumpDb(path)).toBe(before);
  });
});
