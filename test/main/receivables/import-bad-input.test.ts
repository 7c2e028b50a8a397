import { describe, expect, it } from 'vitest';
import { call, callOk, testCompany } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { companyInit } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';

const customersCsv = 'nom;type;siren\nBoulangerie Martin;professionnel;552 120 222\nJeanne Durand;particulier;\n';
const HEADER = 'numero;client;date;echeance;ttc;reste du;ht;taux;nature;libelle';

async function withCustomers() {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', companyInit);
  await callOk(tc.ctx, 'import.customers', { csv: customersCsv });
  return tc;
}

/** Imports `lines` of open invoices (after HEADER) and expects the file to refuse them all, writing nothing. */
async function refused(tc: Awaited<ReturnType<typeof withCustomers>>, lines: string[]) {
  const before = dumpDb(tc.path);
  const r = await callOk(tc.ctx, 'import.openInvoices', { csv: `${HEADER}\n${lines.join('\n')}\n` });
  expect(r.created).toBe(0);
  for (const e of r.errors) expectFrench(e.message);
  expect(dumpDb(tc.path)).toEqual(before);
  return r.errors;
}

describe('the open-invoice import applies the forms’ rules to each line', () => {
  it('refuses a 200 000-character number, a 5 MB description and a 9×10¹⁶ € invoice, writing nothing', async () => {
    const tc = await withCustomers();
    const errors = await refused(tc, [
      `${'N'.repeat(200_000)};C00001;2026-01-10;;100;;;;;`,
      `FA-2;C00001;2026-01-10;;100;;;;;${'d'.repeat(5_000_000)}`,
      'FA-3;C00001;2026-01-10;;90000000000000000;;;;;',
    ]);
    expect(errors.map((e) => [e.line, e.field])).toEqual([[2, 'numero'], [3, 'libelle'], [4, 'ttc']]);
    expect(errors[0]?.message).toMatch(/60 caractères au plus/);
    expect(errors[1]?.message).toMatch(/500 caractères au plus/);
    expect(errors[2]?.message).toMatch(/trop élevé/);
    // No message repeats the 200 000 characters back.
    for (const e of errors) expect(e.message.length).toBeLessThan(300);
  });

  it('says an amount above 10¹⁷ € is too high, in French, instead of failing with INTERNAL', async () => {
    const tc = await withCustomers();
    for (const amount of ['200000000000000000', '1e20', '99999999999999999999999999999999999999999']) {
      const result = await call(tc.ctx, 'import.openInvoices', { csv: `${HEADER}\nFA-1;C00001;2026-01-10;;${amount};;;;;\n` });
      expect(result.ok, JSON.stringify(result)).toBe(true);
      const errors = result.ok ? (result.value as { errors: { field: string; message: string }[] }).errors : [];
      expect(errors).toEqual([{ line: 2, field: 'ttc', message: expect.stringMatching(/Montant (trop élevé|invalide)/) as unknown }]);
    }
    expect((await callOk(tc.ctx, 'invoice.list', {})).total).toBe(0);
  });

  it('checks the other amounts with the forms’ money too: outstanding and net too large or with three decimals', async () => {
    const tc = await withCustomers();
    const errors = await refused(tc, ['FA-1;C00001;2026-01-10;;100;1000000000000000;;;;', 'FA-2;C00001;2026-01-10;;100;;12,345;;;', 'FA-3;C00001;2026-01-10;;100;;120;;;']);
    expect(errors.map((e) => [e.line, e.field])).toEqual([[2, 'reste_du'], [3, 'ht'], [4, 'ht']]);
  });

  it('takes a real day only, and a due date that does not precede the invoice', async () => {
    const tc = await withCustomers();
    const errors = await refused(tc, ['FA-1;C00001;01/01/0025;;100;;;;;', 'FA-2;C00001;2026-01-10;2026-01-09;100;;;;;', 'FA-3;C00001;2026-01-10;30/02/2026;100;;;;;']);
    expect(errors.map((e) => [e.line, e.field])).toEqual([[2, 'date'], [3, 'echeance'], [4, 'echeance']]);
    expect(errors[1]?.message).toMatch(/précéder/);
  });

  it('keeps every series Encours numbers itself out of the imported numbers: F, AV and PEN, in any case', async () => {
    const tc = await withCustomers();
    const errors = await refused(tc, ['AV2026-00001;C00001;2026-01-10;;100;;;;;', 'PEN2026-00001;C00001;2026-01-10;;100;;;;;', 'f2026-00001;C00001;2026-01-10;;100;;;;;', 'F2026-100000;C00001;2026-01-10;;100;;;;;']);
    expect(errors.map((e) => [e.line, e.field])).toEqual([[2, 'numero'], [3, 'numero'], [4, 'numero'], [5, 'numero']]);
    // The previous tool's own numbers pass.
    expect(await callOk(tc.ctx, 'import.openInvoices', { csv: `${HEADER}\nFA-2025-117;C00001;2026-01-10;;100;;;;;\n` })).toMatchObject({ created: 1 });
  });

  it('refuses a nature other than biens or services instead of reading it as services', async () => {
    const tc = await withCustomers();
    const errors = await refused(tc, ['FA-1;C00001;2026-01-10;;100;;;20;location;']);
    expect(errors).toEqual([{ line: 2, field: 'nature', message: expect.stringMatching(/biens.*services/) as unknown }]);
    expect(await callOk(tc.ctx, 'import.openInvoices', { csv: `${HEADER}\nFA-1;C00001;2026-01-10;;120;;100;20;Biens;Table\nFA-2;C00001;2026-01-10;;60;;;20 %;prestation;\n` })).toMatchObject({ created: 2 });
    const kinds = tc.ctx.file.db().prepare('SELECT description, kind, vat_rate FROM invoice_line ORDER BY invoice_id').all();
    expect(kinds).toEqual([{ description: 'Table', kind: 'goods', vat_rate: '20' }, { description: 'Reprise de la facture FA-2', kind: 'services', vat_rate: '20' }]);
  });

  it('sends back only the beginning of a 5 MB cell in the preview, not the whole cell', async () => {
    const tc = await withCustomers();
    const r = await callOk(tc.ctx, 'import.openInvoices', { csv: `${HEADER}\nFA-2;C00001;2026-01-10;;100;;;;;${'d'.repeat(5_000_000)}\n`, dryRun: true });
    expect(JSON.stringify(r).length).toBeLessThan(2_000);
    expect(r.preview[0]?.values.description).toMatch(/^d{200}…$/);
  });
});

describe('spreadsheet formulas in an imported file', () => {
  it('refuses customer names that a spreadsheet would run as a formula, and imports nothing', async () => {
    const tc = testCompany();
    await callOk(tc.ctx, 'company.init', companyInit);
    const before = dumpDb(tc.path);
    const csv = 'nom;type\n=HYPERLINK("http://x.example","Cliquez");particulier\n+Simple;particulier\n-Martin;particulier\n@SUM(A1);particulier\n  =1+1;particulier\n';
    const r = await callOk(tc.ctx, 'import.customers', { csv });
    expect(r.created).toBe(0);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[2, 'name'], [3, 'name'], [4, 'name'], [5, 'name'], [6, 'name']]);
    expect(r.errors[0]?.message).toMatch(/commence par « = », qu’un tableur lit comme une formule/);
    expect(dumpDb(tc.path)).toEqual(before);
  });

  it('refuses imported invoice numbers and descriptions that start like a formula', async () => {
    const tc = await withCustomers();
    const errors = await refused(tc, ['=1+1;C00001;2026-01-10;;100;;;;;', '-12;C00001;2026-01-10;;100;;;;;', '@A1;C00001;2026-01-10;;100;;;;;', 'FA-4;C00001;2026-01-10;;100;;;;;=cmd|\' /C calc\'!A0']);
    expect(errors.map((e) => [e.line, e.field])).toEqual([[2, 'numero'], [3, 'numero'], [4, 'numero'], [5, 'libelle']]);
  });

  it('still takes a phone number +33… and a sign inside a name, where they are legitimate', async () => {
    const tc = testCompany();
    await callOk(tc.ctx, 'company.init', companyInit);
    const csv = 'nom;type;telephone\nMartin-Durand;particulier;+33 6 12 34 56 78\nA+B Conseil;particulier;-\n';
    const r = await callOk(tc.ctx, 'import.customers', { csv: csv.replace(';-\n', ';\n') });
    expect(r).toMatchObject({ created: 2, errors: [] });
    expect((await callOk(tc.ctx, 'customer.get', { id: 1 })).phone).toBe('+33 6 12 34 56 78');
  });
});

describe('the customer import', () => {
  it('reads the payment terms as digits only: "1e2" or "0x1E" is refused, not read as 100 or 30 days', async () => {
    const tc = testCompany();
    await callOk(tc.ctx, 'company.init', companyInit);
    const r = await callOk(tc.ctx, 'import.customers', { csv: 'nom;type;delai\nA;particulier;1e2\nB;particulier;0x1E\nC;particulier;45\n' });
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[2, 'paymentTermsDays'], [3, 'paymentTermsDays']]);
    expect(r.created).toBe(0);
  });
});
