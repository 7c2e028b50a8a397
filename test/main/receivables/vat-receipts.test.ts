import { describe, expect, it } from 'vitest';
import { callErr, callOk, testCompany } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { companyInit, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';

/**
 * report.vatReceipts: the receipts of services invoices under VAT on receipts (status « Encaissée »), per
 * invoice, date and rate, from the ledger's moves 44574 → 44571. Figures computed by hand below.
 */

/**
 * Services under VAT on receipts: 1 000,00 HT at 20 % (VAT 200,00) and 100,00 HT at 10 % (VAT 10,00),
 * 1 310,00 TTC, 210,00 of VAT pending. Paid 655,00 on 15/10, then 654,50 on 10/11 with the 0,50 left
 * settled as an écart de règlement (658).
 */
async function receiptsFile() {
  const { ctx, path } = testCompany();
  await callOk(ctx, 'company.init', { ...companyInit, vatRegime: 'encaissements' });
  await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  const inv = await callOk(ctx, 'invoice.create', {
    customerId: 1, date: '2026-10-01', validate: true,
    lines: [
      { description: 'Audit', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'services' },
      { description: 'Déplacement', quantity: '1', unitPrice: '100', vatRate: '10', kind: 'services' },
    ],
  });
  // A sale of goods under the same regime: its VAT is due at the invoice, never a receipt.
  await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-10-02', validate: true, lines: [{ description: 'Câble', quantity: '1', unitPrice: '50', vatRate: '20', kind: 'goods' }] });
  await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-10-15', amount: '655.00', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '655.00' }] });
  await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-11-10', amount: '654.50', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '654.50' }], settleDifference: true });
  return { ctx, path, inv };
}

describe('report.vatReceipts', () => {
  it('lists each receipt per rate with the VAT that fell due and its base, as computed by hand', async () => {
    const { ctx, inv } = await receiptsFile();
    const r = await callOk(ctx, 'report.vatReceipts', { from: '2026-10-01', to: '2026-11-30' });
    // 15/10, 655,00: VAT 210 × 655 / 1 310 = 105,00, spread over the pending rates 200 : 10 → 100,00 and 5,00;
    //   bases 1 000 × 100 / 200 = 500,00 and 100 × 5 / 10 = 50,00.
    // 10/11, 654,50: VAT 210 × 654,50 / 1 310 = 104,9198… → 104,92; 20 %: 104,92 × 200 / 210 = 99,92, 10 %: 5,00;
    //   bases 1 000 × 99,92 / 200 = 499,60 and 50,00.
    expect(r.rows).toEqual([
      { invoiceId: inv.id, invoiceNumber: 'F2026-00001', date: '2026-10-15', rate: '20', amount: '600.00', base: '500.00', vat: '100.00' },
      { invoiceId: inv.id, invoiceNumber: 'F2026-00001', date: '2026-10-15', rate: '10', amount: '55.00', base: '50.00', vat: '5.00' },
      { invoiceId: inv.id, invoiceNumber: 'F2026-00001', date: '2026-11-10', rate: '20', amount: '599.52', base: '499.60', vat: '99.92' },
      { invoiceId: inv.id, invoiceNumber: 'F2026-00001', date: '2026-11-10', rate: '10', amount: '55.00', base: '50.00', vat: '5.00' },
    ]);
  });

  it('keeps apart the VAT cleared on an underpayment (écart de règlement, 658): no money received, no receipt', async () => {
    const { ctx, inv } = await receiptsFile();
    const r = await callOk(ctx, 'report.vatReceipts', { from: '2026-11-01', to: '2026-11-30' });
    // 210,00 pending − 105,00 − 104,92 = 0,08 of VAT that belongs to the 0,50 never received.
    expect(r.notReceived).toEqual([{ invoiceId: inv.id, invoiceNumber: 'F2026-00001', date: '2026-11-10', vat: '0.08' }]);
    expect(r.rows.map((x) => x.vat)).toEqual(['99.92', '5.00']);
    // The VAT report reads the same moves: 104,92 collected in November, as the 44571 account moved, and
    // no « autres mouvements » line for the 0,08 (it used to count it as collected, then take it back there).
    expect(await callOk(ctx, 'report.vat', { from: '2026-11-01', to: '2026-11-30' })).toMatchObject({
      collected: [{ rate: '20', base: '499.60', vat: '99.92' }, { rate: '10', base: '50.00', vat: '5.00' }], regularisations: [], total: '104.92',
    });
  });

  it('gives a cancelled payment’s reversal as a negative receipt on its own date, the VAT report agreeing', async () => {
    const { ctx, inv } = await receiptsFile();
    const first = (await callOk(ctx, 'payment.list', {})).rows.find((p) => p.date === '2026-10-15')!;
    await callOk(ctx, 'payment.cancel', { id: first.id, date: '2026-11-20', reason: 'Chèque impayé' });
    const r = await callOk(ctx, 'report.vatReceipts', { from: '2026-11-20', to: '2026-11-20' });
    expect(r.rows).toEqual([
      { invoiceId: inv.id, invoiceNumber: 'F2026-00001', date: '2026-11-20', rate: '20', amount: '-600.00', base: '-500.00', vat: '-100.00' },
      { invoiceId: inv.id, invoiceNumber: 'F2026-00001', date: '2026-11-20', rate: '10', amount: '-55.00', base: '-50.00', vat: '-5.00' },
    ]);
    expect(await callOk(ctx, 'report.vat', { from: '2026-11-20', to: '2026-11-20' })).toMatchObject({ regularisations: [], total: '-105.00' });
  });

  it('gives only the receipts dated within the period', async () => {
    const { ctx } = await receiptsFile();
    const r = await callOk(ctx, 'report.vatReceipts', { from: '2026-10-16', to: '2026-11-09' });
    expect(r.rows).toEqual([]);
    expect(r.notReceived).toEqual([]);
  });

  it('writes the CSV a French spreadsheet opens: header, decimal comma, dates JJ/MM/AAAA, « ; », CRLF, BOM', async () => {
    const { ctx } = await receiptsFile();
    const r = await callOk(ctx, 'report.vatReceipts', { from: '2026-10-01', to: '2026-10-31' });
    expect(r.csv).toBe(
      '\uFEFFNuméro de facture;Date d’encaissement;Montant encaissé TTC;Taux de TVA;Base HT;TVA collectée\r\n' +
        'F2026-00001;15/10/2026;600,00;20;500,00;100,00\r\n' +
        'F2026-00001;15/10/2026;55,00;10;50,00;5,00\r\n',
    );
  });

  it('refuses a period that ends before it starts, in French, and changes nothing', async () => {
    const { ctx, path } = await receiptsFile();
    const before = dumpDb(path);
    const err = await callErr(ctx, 'report.vatReceipts', { from: '2026-11-30', to: '2026-11-01' });
    expect(err.code).toBe('VALIDATION');
    expect(err.fieldErrors).toHaveProperty('to');
    expectFrench(err.message);
    expect(dumpDb(path)).toBe(before);
  });
});
