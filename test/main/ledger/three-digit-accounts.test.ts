import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serviceContext, silentLogger, type ServiceContext } from '../../../src/main/core/context';
import { CompanyFile } from '../../../src/main/db/company-file';
import { SCHEMA_VERSION } from '../../../src/main/db/open';
import { balanceDrift } from '../../../src/main/db/repositories/invoice-balance-repo';
import { AFTER_2026, at, callErr, callOk, fixedClock } from '../../helpers/context';
import { dumpDb, loadOlderFile } from '../../helpers/db';
import { tempDir } from '../../helpers/temp';
import { readFec } from '../fec/fixture';
import { A, expectLedgerInvariants, expectRefusal, ledgerCompany } from './helpers';

/**
 * CompteNum has at least three digits (issue 14): DGFiP's Test Compta Demat warns on every line of `53`.
 * Encours posts the cash to 530, refuses accounts shorter than three digits wherever one is posted to,
 * created or given a role, and carries the lines an older file posted to 53 as 530 in the FEC.
 */
describe('accounts of three digits at least', () => {
  it('posts a cash payment to 530, the default cash account', async () => {
    const { ctx } = await ledgerCompany();
    const roles = (await callOk(ctx, 'account.list', {})).roles;
    expect(roles.find((r) => r.role === 'cash')).toMatchObject({ account: '530', default: '530' });
    expect((await callOk(ctx, 'account.list', {})).accounts.find((a) => a.number === '530')).toEqual({ number: '530', label: 'Caisse', custom: false });
  });

  it('refuses in French a manual entry on a two-digit account, under the line’s account, changing nothing', async () => {
    const { ctx, path } = await ledgerCompany();
    const before = dumpDb(path);
    const err = await callErr(ctx, 'ledger.post', {
      journal: 'CA', date: '2026-03-05', label: 'Espèces', pieceRef: 'CAI-1',
      lines: [{ account: '53', debit: '20' }, { account: '411', aux: A, credit: '20' }],
    });
    expectRefusal(err, 'VALIDATION', /au moins trois chiffres/);
    expect(err.fieldErrors?.['lines.0.account']).toMatch(/530 plutôt que 53/);
    expect(dumpDb(path)).toBe(before);
  });

  it('refuses a sub-account or a role on a two-digit account, and accepts a 53x sub-account for the cash', async () => {
    const { ctx, path } = await ledgerCompany();
    const before = dumpDb(path);
    const tooShort = async (channel: 'account.create' | 'account.setRole', payload: object, field: string) => {
      const err = await callErr(ctx, channel, payload);
      expect(err.code).toBe('VALIDATION');
      expect(err.fieldErrors?.[field]).toBe('Un compte a au moins trois chiffres, sans commencer par 0 (le FEC l’exige) : 530 plutôt que 53.');
    };
    await tooShort('account.create', { number: '53', label: 'Caisse' }, 'number');
    await tooShort('account.setRole', { role: 'cash', account: '53' }, 'account');
    // 415 would extend 41, which the chart details itself (411, 416…): still refused.
    expectRefusal(await callErr(ctx, 'account.create', { number: '415', label: 'Autres clients' }), 'VALIDATION', /doit prolonger un compte du plan comptable d’au moins 3 chiffres/);
    expect(dumpDb(path)).toBe(before);
    expect(await callOk(ctx, 'account.create', { number: '531', label: 'Caisse du magasin' })).toEqual({ number: '531', label: 'Caisse du magasin', custom: true });
    expect(await callOk(ctx, 'account.setRole', { role: 'cash', account: '531' })).toMatchObject({ role: 'cash', account: '531' });
  });
});

describe('a file written before migration 0008, its cash on 53', () => {
  /**
   * Schema 7: F1 to Société Générale, 100 HT + 20 VAT = 120 TTC on 1 March, paid in cash on 5 March on 53
   * (the payment linked to F1 as the app linked it); a cash sale of 25 + 5 on 10 April; the cash role on 53.
   * The cash holds 150,00.
   */
  async function olderFile() {
    const dir = tempDir();
    const path = join(dir, 'ancien.encours');
    // Written by the build before migration 8 (test/fixtures/older-files): today's code writes today's columns.
    loadOlderFile(path, 'schema7-cash-on-53.sql', 7);
    return { dir, path, f1: 1 };
  }

  it('opens migrated: the cash role on 530, the entries on 53 untouched and still verified, the invoice balances as they were', async () => {
    const { dir, path, f1 } = await olderFile();
    const file = new CompanyFile(path);
    const ctx: ServiceContext = serviceContext({ file, now: fixedClock, log: silentLogger });
    try {
      expect(file.db().pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(readdirSync(join(dir, 'Sauvegardes Encours')).filter((f) => f.includes('avant-migration-v7'))).toHaveLength(1);
      expect((await callOk(ctx, 'account.list', {})).roles.find((r) => r.role === 'cash')?.account).toBe('530');
      expect(await callOk(ctx, 'ledger.verify', {})).toEqual({ ok: true, entries: 3 });
      expect((await callOk(ctx, 'ledger.entries', { account: '53' })).rows.map((e) => e.pieceRef)).toEqual(['REG-2026-03-05', 'CAI-0410']);
      expect((await callOk(ctx, 'invoice.get', { id: f1 })).status).toBe('paid');
      expect(balanceDrift(file.db())).toEqual([]);
      // A new cash receipt goes to 530.
      await callOk(ctx, 'ledger.post', { journal: 'CA', date: '2026-05-02', label: 'Vente au comptoir', pieceRef: 'CAI-0502', lines: [{ account: '530', debit: '12' }, { account: '707', credit: '10' }, { account: '44571', credit: '2' }] });
      await expectLedgerInvariants(ctx);
    } finally {
      file.close();
    }
  });

  it('writes the lines on 53 as 530 « Caisse » in the FEC, every CompteNum of three digits at least, and carries the cash forward on 530', async () => {
    const { dir, path } = await olderFile();
    const file = new CompanyFile(path);
    const ctx = at(serviceContext({ file, now: fixedClock, log: silentLogger }), AFTER_2026);
    try {
      const fec2026 = readFec((await callOk(ctx, 'export.fec', { fiscalYearEnd: '2026-12-31', output: dir })).path);
      for (const l of fec2026.lines) expect(l.get('CompteNum'), l.raw).toMatch(/^\d{3,}$/);
      const cash = fec2026.lines.filter((l) => l.get('JournalCode') === 'CA' && l.get('Debit') !== '0,00');
      expect(cash.map((l) => [l.get('PieceRef'), l.get('CompteNum'), l.get('CompteLib'), l.get('Debit')])).toEqual([
        ['REG-2026-03-05', '530', 'Caisse', '120,00'],
        ['CAI-0410', '530', 'Caisse', '30,00'],
      ]);

      // Closing: the 150,00 of 53 opens 2027 on 530; nothing is carried on 53.
      const closed = await callOk(ctx, 'period.close', { fiscalYearEnd: '2026-12-31' });
      const { entry } = await callOk(ctx, 'ledger.entry', { id: closed.openingEntryId as number });
      expect(entry.lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
        ['44571', '0.00', '25.00'],
        ['530', '150.00', '0.00'],
        ['120', '0.00', '125.00'],
      ]);
      const fec2027 = readFec((await callOk(ctx, 'export.fec', { fiscalYearEnd: '2027-12-31', output: dir })).path);
      for (const l of fec2027.lines) expect(l.get('CompteNum'), l.raw).toMatch(/^\d{3,}$/);
      await expectLedgerInvariants(ctx);
    } finally {
      file.close();
    }
  });
});
