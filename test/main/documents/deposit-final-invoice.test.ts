import { beforeAll, describe, expect, it } from 'vitest';
import { invoiceDocument } from '../../../src/main/core/documents/invoice-document';
import { formatEuro } from '../../../src/shared/money';
import { keepForReview, pdfPages, requirePoppler } from './pdf-tools';
import { depositInvoice, drawn, finalInvoice, quoteCompany } from './quote-fixtures';

beforeAll(() => {
  requirePoppler();
});

const PENALTY = { rate: '10', ecb: false };

describe('deposit and final invoices as printed', () => {
  it('titles a deposit invoice « Facture d’acompte » and names the quote it is for', async () => {
    const { dir, company, customer } = await quoteCompany();
    const d = invoiceDocument(company, customer(1), depositInvoice(), PENALTY);
    const { path, fileName, text, flat } = await drawn(dir, d);
    keepForReview(path, 'facture-acompte');
    expect(fileName).toBe('Facture d’acompte F2026-00002.pdf');
    // The title wraps on two lines in the head, beside the seller's lines.
    expect(d.title).toBe('Facture d’acompte');
    expect(text).toMatch(/FACTURE[\s\S]*D’ACOMPTE[\s\S]*Numéro/);
    for (const s of [
      'Numéro F2026-00002',
      'Devis D2026-00001',
      'Facture d’acompte sur le devis n° D2026-00001 : l’acompte sera déduit de la facture finale.',
      'Acompte de 30 % sur le devis D2026-00001',
      'Total HT 3 000,00 €',
      'TVA 20 % 600,00 €',
      'Total TTC 3 600,00 €',
      'Pénalités de retard',
    ]) expect(flat).toContain(s);
    expect(flat).not.toContain('Acomptes déduits');
    expect(d.info.title).toBe('Facture d’acompte F2026-00002');
  });

  it('prints a final invoice’s lines and whole operation, then « Acomptes déduits » (number, date, HT, TVA, TTC), then « Net à payer » = the balance due', async () => {
    const { dir, company, customer } = await quoteCompany();
    const d = invoiceDocument(company, customer(1), finalInvoice(), PENALTY);
    const { path, fileName, flat } = await drawn(dir, d);
    keepForReview(path, 'facture-finale');
    expect(fileName).toBe('Facture F2026-00003.pdf');
    expect(pdfPages(path)).toBe(1);
    for (const s of [
      'Facture finale du devis n° D2026-00001, déduction faite des acomptes facturés.',
      'Rénovation de la salle de bains',
      'Total HT 10 000,00 €',
      'TVA 20 % 2 000,00 €',
      'Total TTC 12 000,00 €',
      'Acomptes déduits',
      'N° F2026-00002 05/10/2026 3 000,00 € 600,00 € 3 600,00 €',
      'Acomptes déduits TTC -3 600,00 €',
      'Reste dû HT 7 000,00 €',
      'TVA 20 % restant due 1 400,00 €',
      'Net à payer 8 400,00 €',
    ]) expect(flat).toContain(s);
    // In this order: the operation, the deposits, the balance.
    const at = (s: string) => flat.indexOf(s);
    expect(at('Total TTC 12 000,00 €')).toBeLessThan(at('N° F2026-00002'));
    expect(at('N° F2026-00002')).toBeLessThan(at('Net à payer 8 400,00 €'));
    // The whole operation is not « to pay »: only the balance is strong, and the QR code pays the balance.
    expect(d.totals.some((t) => t.strong)).toBe(false);
    expect(d.deductions?.totals.filter((t) => t.strong)).toEqual([{ label: 'Net à payer', value: formatEuro('8400.00'), strong: true }]);
    expect(d.payByScan?.amount).toBe(formatEuro('8400.00'));
  });

  it('prints every deposit of a final invoice with two deposits and two rates', async () => {
    const { dir, company, customer } = await quoteCompany();
    const invoice = finalInvoice({
      lines: [
        { description: 'Fenêtres', kind: 'goods', quantity: '2', unitPrice: '1000', vatRate: '20', net: '2000.00' },
        { description: 'Pose (rénovation)', kind: 'services', quantity: '1', unitPrice: '1000', vatRate: '10', net: '1000.00' },
      ],
      totalsBeforeDeductions: { net: '3000.00', vat: '500.00', gross: '3500.00', byRate: [{ rate: '20', base: '2000.00', vat: '400.00' }, { rate: '10', base: '1000.00', vat: '100.00' }] },
      deductions: [
        { invoiceId: 2, number: 'F2026-00002', date: '2026-10-05', net: '300.00', vat: '50.00', gross: '350.00', byRate: [{ rate: '20', base: '200.00', vat: '40.00' }, { rate: '10', base: '100.00', vat: '10.00' }] },
        { invoiceId: 4, number: 'F2026-00004', date: '2026-10-25', net: '600.00', vat: '100.00', gross: '700.00', byRate: [{ rate: '20', base: '400.00', vat: '80.00' }, { rate: '10', base: '200.00', vat: '20.00' }] },
      ],
      totals: { net: '2100.00', vat: '350.00', gross: '2450.00', byRate: [{ rate: '20', base: '1400.00', vat: '280.00' }, { rate: '10', base: '700.00', vat: '70.00' }] },
      outstanding: '2450.00',
    });
    const { path, flat } = await drawn(dir, invoiceDocument(company, customer(1), invoice, PENALTY));
    keepForReview(path, 'facture-finale-deux-acomptes');
    for (const s of [
      'Total TTC 3 500,00 €',
      'N° F2026-00002 05/10/2026 300,00 € 50,00 € 350,00 €',
      'N° F2026-00004 25/10/2026 600,00 € 100,00 € 700,00 €',
      'Acomptes déduits TTC -1 050,00 €',
      'Reste dû HT 2 100,00 €',
      'TVA 20 % restant due 280,00 €',
      'TVA 10 % restant due 70,00 €',
      'Net à payer 2 450,00 €',
    ]) expect(flat).toContain(s);
  });
});
