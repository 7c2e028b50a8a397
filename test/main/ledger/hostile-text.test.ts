import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/run';
import { callErr, callOk, testCompany } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { companyInit } from '../../helpers/fixtures';
import { tempDir } from '../../helpers/temp';

/*
 * « Règlement » + a space is 10 characters: with a name of 189 A then an emoji, the payment's label reaches
 * its 200th UTF-16 unit in the middle of the emoji. Cut there, half of it was stored, read back as U+FFFD,
 * and the entry's hash could never be checked again.
 */
const NAME = `${'A'.repeat(189)}😀`;
const payment = { customerId: 1, date: '2026-03-10', amount: '50.00', method: 'transfer' };

describe('a label cut at 200 characters never cuts a character in half', () => {
  it('keeps the ledger verifiable when a payment’s label ends inside an emoji (dispatch)', async () => {
    const { ctx } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    await callOk(ctx, 'customer.create', { name: NAME, kind: 'business' });
    const paid = await callOk(ctx, 'payment.record', payment);
    const { entry } = await callOk(ctx, 'ledger.entry', { id: paid.entryId });
    expect(entry.label).toBe(`Règlement ${NAME}`);
    expect(await callOk(ctx, 'ledger.verify', {})).toEqual({ ok: true, entries: 1 });
  });

  it('keeps the ledger verifiable through the CLI too', async () => {
    const file = join(tempDir(), 'societe.encours');
    const run = async (...argv: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(['--file', file, ...argv], { stdout: (s) => void (out += s), stderr: (s) => void (err += s), env: { ENCOURS_TODAY: '2026-11-22' } });
      return { code, out, err };
    };
    expect((await run('company.init', JSON.stringify(companyInit))).code).toBe(0);
    expect((await run('customer.create', JSON.stringify({ name: NAME, kind: 'business' }))).code).toBe(0);
    expect((await run('payment.record', JSON.stringify(payment))).code).toBe(0);
    const verify = await run('ledger.verify');
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.out)).toEqual({ ok: true, entries: 1 });
  });
});

describe('hostile text is refused at the boundary and changes nothing', () => {
  it('refuses a NUL in a name, a half character in a line, a bidi override and an invisible name, each under its field', async () => {
    const { ctx, path } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    await callOk(ctx, 'customer.create', { name: 'Dupont', kind: 'business' });
    const before = dumpDb(path);
    const cases: [string, unknown, string][] = [
      ['customer.create', { name: 'Dupont\u0000SARL', kind: 'business' }, 'name'],
      ['customer.create', { name: '\u200B\u200D\uFEFF', kind: 'business' }, 'name'],
      ['customer.update', { id: 1, name: 'Facture\u202Eexe.pdf' }, 'name'],
      ['invoice.create', { customerId: 1, date: '2026-03-01', lines: [{ description: `Table${'😀'.slice(0, 1)}`, quantity: '1', unitPrice: '10', vatRate: '20', kind: 'goods' }] }, 'lines.0.description'],
      ['import.customers', { csv: 'nom;type\nDupont\u0000;professionnel', dryRun: true }, 'csv'],
    ];
    for (const [channel, payload, field] of cases) {
      const err = await callErr(ctx, channel, payload);
      expect(err.code, channel).toBe('VALIDATION');
      expect(Object.keys(err.fieldErrors ?? {}), channel).toContain(field);
    }
    expect(dumpDb(path)).toBe(before);
  });
});
