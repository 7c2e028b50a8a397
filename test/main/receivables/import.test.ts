import { describe, expect, it } from 'vitest';
import { callOk, testCompany } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { companyInit } from '../../helpers/fixtures';

const customersCsv = [
  'Nom;Type;SIREN;Adresse;Code postal;Ville;Délai de paiement;Plafond',
  'Boulangerie Martin;professionnel;552 120 222;1 place Bellecour;69002;Lyon;45;5 000,00',
  'Jeanne Durand;particulier;;3 rue Neuve;69001;Lyon;;',
].join('\n');

async function setup() {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', companyInit);
  return tc;
}

describe('CSV import', () => {
  it('previews customers (semicolons, French decimal comma) without writing, then imports them all', async () => {
    const { ctx, path } = await setup();
    const before = dumpDb(path);
    const preview = await callOk(ctx, 'import.customers', { csv: customersCsv, dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, rows: 2, created: 0, errors: [] });
    expect(preview.preview[0]?.values).toMatchObject({ name: 'Boulangerie Martin', creditLimit: '5 000,00' });
    expect(dumpDb(path)).toEqual(before);
    expect(await callOk(ctx, 'import.customers', { csv: customersCsv })).toMatchObject({ dryRun: false, created: 2 });
    const list = await callOk(ctx, 'customer.list', {});
    expect(list.rows.map((c) => [c.code, c.name, c.kind, c.paymentTermsDays, c.creditLimit ?? ''])).toEqual([
      ['C00001', 'Boulangerie Martin', 'business', 45, '5000.00'],
      ['C00002', 'Jeanne Durand', 'consumer', 30, ''],
    ]);
  });

  it('accepts commas as separator and a UTF-8 BOM', async () => {
    const { ctx } = await setup();
    const r = await callOk(ctx, 'import.customers', { csv: '\uFEFFnom,type,adresse,code postal,ville\nSARL Dupuis,professionnel,"2, rue du Port",13002,Marseille\n' });
    expect(r.created).toBe(1);
    expect((await callOk(ctx, 'customer.get', { id: 1 })).address?.line1).toBe('2, rue du Port');
  });

  it('lists every wrong line with its number and writes nothing if one line is wrong', async () => {
    const { ctx, path } = await setup();
    const before = dumpDb(path);
    const csv = `${customersCsv}\n;professionnel;123456789;;;;90;abc`;
    const r = await callOk(ctx, 'import.customers', { csv });
    expect(r.created).toBe(0);
    const fields = r.errors.filter((e) => e.line === 4).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'siren', 'paymentTermsDays', 'creditLimit']));
    expect(r.errors.every((e) => /[a-zé]/.test(e.message))).toBe(true);
    expect(dumpDb(path)).toEqual(before);
  });

  it('carries open invoices over: D 411 / C 471 for what is left, at the start of the year, under their own number', async () => {
    const { ctx } = await setup();
    await callOk(ctx, 'import.customers', { csv: customersCsv });
    const csv = 'numero;client;date;echeance;ttc;reste du;taux\nFA-2025-117;C00001;15/12/2025;14/01/2026;1 200,00;600,00;20\nFA-2025-120;Jeanne Durand;2025-12-20;;240,00;;20\n';
    expect(await callOk(ctx, 'import.openInvoices', { csv })).toMatchObject({ created: 2, errors: [] });
    const inv = await callOk(ctx, 'invoice.list', {});
    expect(inv.rows.map((i) => [i.number, i.customerCode, i.outstanding, i.totals.gross]).sort()).toEqual([
      ['FA-2025-117', 'C00001', '600.00', '1200.00'],
      ['FA-2025-120', 'C00002', '240.00', '240.00'],
    ]);
    const entries = await callOk(ctx, 'ledger.entries', { journal: 'OD' });
    expect(entries.rows[0]).toMatchObject({ date: '2026-01-01', pieceRef: 'FA-2025-117', pieceDate: '2025-12-15' });
    expect(entries.rows[0]?.lines.map((l) => [l.account, l.aux ?? '', l.debit, l.credit])).toEqual([['411', 'C00001', '600.00', '0.00'], ['471', '', '0.00', '600.00']]);
    // A payment then settles the imported invoice like any other.
    const pay = await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-01-20', amount: '600', method: 'transfer' });
    expect(pay.allocations[0]?.invoiceNumber).toBe('FA-2025-117');
  });

  it('refuses an unknown customer, a duplicate number, a number of Encours’s own series and a bad amount', async () => {
    const { ctx } = await setup();
    await callOk(ctx, 'import.customers', { csv: customersCsv });
    const csv = 'numero;client;date;ttc\nX-1;C00099;2025-12-01;100\nX-2;C00001;2025-12-01;100\nX-2;C00001;2025-12-01;100\nF2026-00001;C00001;2025-12-01;100\nX-3;C00001;2025-12-01;12,345\n';
    const r = await callOk(ctx, 'import.openInvoices', { csv });
    expect(r.created).toBe(0);
    expect(r.errors.map((e) => [e.line, e.field])).toEqual([[2, 'client'], [4, 'numero'], [5, 'numero'], [6, 'ttc']]);
    expect((await callOk(ctx, 'invoice.list', {})).total).toBe(0);
  });
  it('imports many open invoices after entries already in the journal: numbers and hash chain continue, ledger.verify ok', async () => {
    const { ctx } = await setup();
    await callOk(ctx, 'import.customers', { csv: customersCsv });
    await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-01-05', validate: true, lines: [{ description: 'Pain', quantity: '1', unitPrice: '100', vatRate: '5.5', kind: 'goods' }] });
    const rows = Array.from({ length: 60 }, (_, i) => `ANC-${i + 1};${i % 2 ? 'C00001' : 'C00002'};${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/2026;;${100 + i},50;;20;${i % 2 ? 'biens' : 'services'};`);
    expect(await callOk(ctx, 'import.openInvoices', { csv: `numero;client;date;echeance;ttc;ht;taux;nature;libelle\n${rows.join('\n')}\n` })).toMatchObject({ created: 60, errors: [] });
    expect(await callOk(ctx, 'ledger.verify', {})).toEqual({ ok: true, entries: 61 });
    const nums = ctx.file.db().prepare('SELECT num FROM entry ORDER BY seq').pluck().all();
    expect(nums).toEqual(Array.from({ length: 61 }, (_, i) => i + 1));
    expect((await callOk(ctx, 'invoice.list', { customerId: 1 })).total).toBe(31);
  });

  it('refuses the whole file of open invoices when its last line is wrong, and writes nothing', async () => {
    const { ctx, path } = await setup();
    await callOk(ctx, 'import.customers', { csv: customersCsv });
    const before = dumpDb(path);
    const rows = Array.from({ length: 30 }, (_, i) => `ANC-${i + 1};C00001;2026-02-01;${100 + i}`);
    const r = await callOk(ctx, 'import.openInvoices', { csv: `numero;client;date;ttc\n${rows.join('\n')}\nANC-99;C00001;31/02/2026;10\n` });
    expect(r.created).toBe(0);
    expect(r.errors).toEqual([{ line: 32, field: 'date', message: expect.stringMatching(/Date invalide/) }]);
    expect(dumpDb(path)).toEqual(before);
  });
});

