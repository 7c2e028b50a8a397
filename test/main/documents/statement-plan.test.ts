import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestInput } from '../../../src/shared/contract';
import { callErr, callOk, testCompany } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { keepForReview, pdfText, requirePoppler, squash } from './pdf-tools';
import { qrCodes } from './qr-tools';

beforeAll(() => {
  requirePoppler();
});

type Ctx = ReturnType<typeof testCompany>['ctx'];

const IBAN = 'FR7630006000011234567890189';
const epc = (amount: string, reference: string) => ['BCD', '002', '1', 'SCT', 'AGRIFRPPXXX', 'Atelier Dupont SARL', IBAN, `EUR${amount}`, '', '', reference].join('\n');

async function render(ctx: Ctx, req: RequestInput<'document.render'>) {
  const r = await callOk(ctx, 'document.render', req);
  const pdf = Buffer.from(r.pdf, 'base64');
  const path = join(mkdtempSync(join(tmpdir(), 'encours-doc-')), r.fileName);
  writeFileSync(path, pdf);
  return { pdf, path, fileName: r.fileName, text: squash(pdfText(path)) };
}

/**
 * Today is 22 November 2026. Société Générale (business, C00001):
 *  - F2026-00001 of 1 March, due 31 March: 1 000 HT + 20 % = 1 200,00 € TTC; 450,00 € paid on 15 April;
 *  - F2026-00002 of 10 May, due 9 June: 500 HT + 20 % = 600,00 € TTC, unpaid.
 */
async function twoInvoices(overrides: Partial<RequestInput<'company.init'>> = {}) {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', { ...companyInit, latePenaltyRate: '', ...overrides });
  await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  const a = await callOk(tc.ctx, 'invoice.create', { customerId: 1, date: '2026-03-01', dueDate: '2026-03-31', validate: true, lines: [{ description: 'Charpente en chêne', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }] });
  const b = await callOk(tc.ctx, 'invoice.create', { customerId: 1, date: '2026-05-10', dueDate: '2026-06-09', validate: true, lines: [{ description: 'Lasure des poutres', quantity: '1', unitPrice: '500', vatRate: '20', kind: 'services' }] });
  await callOk(tc.ctx, 'payment.record', { customerId: 1, date: '2026-04-15', amount: '450.00', method: 'transfer', allocations: [{ invoiceId: a.id, amount: '450.00' }] });
  return { ...tc, a, b };
}

describe('the customer statement (relevé de compte) as a PDF', { timeout: 120_000 }, () => {
  it('prints the period’s movements from the opening balance, the open invoices with their lateness, the aging and the balance; its QR code asks the balance', async () => {
    const { ctx, a, b } = await twoInvoices();
    const doc = await render(ctx, { kind: 'statement', id: 1, from: '2026-04-01', asOf: '2026-11-22' });
    keepForReview(doc.path, 'releve-de-compte');
    expect(doc.fileName).toBe('Relevé de compte C00001 2026-11-22.pdf');
    const t = doc.text;
    expect(t).toMatch(/RELEVÉ DE .*COMPTE/);
    expect(t).toContain('Relevé de votre compte du 1er avril 2026 au 22 novembre 2026.');
    // Opening on 1 April: F2026-00001's 1 200,00; then −450,00 (15 April) → 750,00; +600,00 (10 May) → 1 350,00.
    expect(t).toMatch(/01\/04\/2026 Solde au 01\/04\/2026 1 200,00 €/);
    expect(t).toMatch(/15\/04\/2026 .* 450,00 € 750,00 €/);
    expect(t).toMatch(/10\/05\/2026 F2026-00002 .* 600,00 € 1 350,00 €/);
    expect(t).toMatch(/Total débit 600,00 €/);
    expect(t).toMatch(/Total crédit 450,00 €/);
    expect(t).toMatch(/Solde dû 1 350,00 €/);
    // Open on 22 November: F2026-00001, 750,00 left, 236 days late (31 March → 22 November); F2026-00002, 166 days.
    expect(t).toContain('Factures restant à régler au 22/11/2026');
    expect(t).toMatch(new RegExp(`${a.number} 01/03/2026 31/03/2026 236 jours 1 200,00 € 750,00 €`));
    expect(t).toMatch(new RegExp(`${b.number} 10/05/2026 09/06/2026 166 jours 600,00 € 600,00 €`));
    // Aging: everything is over 90 days late.
    expect(t).toMatch(/Non échu 1 à 30 jours 31 à 60 jours 61 à 90 jours Plus de 90 jours 0,00 € 0,00 € 0,00 € 0,00 € 1 350,00 €/);
    expect(t).toContain('le solde de votre compte s’élève à 1 350,00 € au 22 novembre 2026');
    // The transfer of the balance, quoting the customer and the invoices it pays (the bank import finds them).
    expect(qrCodes(doc.pdf)).toEqual([epc('1350.00', `C00001 ${a.number} ${b.number}`)]);
  });

  it('without a period: every movement from the first; a balance paid off prints no QR code and says nothing is owed', async () => {
    const { ctx, a, b } = await twoInvoices();
    await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-11-20', amount: '1350.00', method: 'transfer', allocations: [{ invoiceId: a.id, amount: '750.00' }, { invoiceId: b.id, amount: '600.00' }] });
    const doc = await render(ctx, { kind: 'statement', id: 1 });
    keepForReview(doc.path, 'releve-de-compte-solde');
    expect(doc.text).toMatch(/01\/03\/2026 F2026-00001 Facture F2026-00001 A 1 200,00 € 1 200,00 €/);
    expect(doc.text).toMatch(/Total débit 1 800,00 €/);
    expect(doc.text).toMatch(/Total crédit 1 800,00 €/);
    expect(doc.text).toMatch(/Solde dû 0,00 €/);
    expect(doc.text).toContain('Votre compte est soldé au 22 novembre 2026');
    expect(doc.text).not.toContain('Factures restant à régler');
    expect(qrCodes(doc.pdf)).toEqual([]);
  });

  it('without an IBAN: no QR code, the balance still printed', async () => {
    const { ctx } = await twoInvoices({ iban: '', bic: '' });
    const doc = await render(ctx, { kind: 'statement', id: 1 });
    expect(doc.text).toMatch(/Solde dû 1 350,00 €/);
    expect(qrCodes(doc.pdf)).toEqual([]);
  });

  it('refuses a period that ends before it starts (to print or to mail), and an unknown customer, in French', async () => {
    const { ctx } = await twoInvoices();
    const err = await callErr(ctx, 'document.render', { kind: 'statement', id: 1, from: '2026-06-01', asOf: '2026-05-01' });
    expect(err.code).toBe('VALIDATION');
    expect(Object.keys(err.fieldErrors ?? {})).toContain('from');
    expectFrench(err.message);
    // The same for its mail.
    const mailed = await callErr(ctx, 'mail.prepare', { document: { kind: 'statement', id: 1, from: '2026-06-01', asOf: '2026-05-01' } });
    expect(mailed.code).toBe('VALIDATION');
    expect(Object.keys(mailed.fieldErrors ?? {})).toContain('document.from');
    const missing = await callErr(ctx, 'document.render', { kind: 'statement', id: 99 });
    expect(missing.code).toBe('NOT_FOUND');
    expectFrench(missing.message);
  });
});

describe('the payment plan (échéancier) as a PDF', { timeout: 120_000 }, () => {
  it('prints each instalment’s date and amount, the invoices covered, the total and the B2B penalty clause; its QR code asks the next instalment', async () => {
    const { ctx, a, b } = await twoInvoices();
    // 750,00 + 600,00 = 1 350,00 € in three instalments of 450,00 €.
    const plan = await callOk(ctx, 'paymentPlan.create', {
      invoiceIds: [a.id, b.id], date: '2026-11-22',
      instalments: [{ date: '2026-12-15', amount: '450.00' }, { date: '2027-01-15', amount: '450.00' }, { date: '2027-02-15', amount: '450.00' }],
    });
    const doc = await render(ctx, { kind: 'plan', id: plan.id });
    keepForReview(doc.path, 'echeancier', [1, 2]);
    expect(doc.fileName).toBe('Échéancier C00001 2026-11-22.pdf');
    const t = doc.text;
    expect(t).toContain('ÉCHÉANCIER');
    expect(t).toContain(`Échéancier de paiement des factures ${a.number}, ${b.number}, d’un montant total de 1 350,00 €.`);
    expect(t).toContain('Prochaine échéance : 450,00 € au 15 décembre 2026.');
    expect(t).toMatch(/n° 1 15 décembre 2026 450,00 € 0,00 € À venir/);
    expect(t).toMatch(/n° 2 15 janvier 2027 450,00 € 0,00 € À venir/);
    expect(t).toMatch(/n° 3 15 février 2027 450,00 € 0,00 € À venir/);
    expect(t).toMatch(/Total de l’échéancier 1 350,00 €/);
    expect(t).toMatch(/Reste à régler 1 350,00 €/);
    expect(t).toMatch(new RegExp(`${a.number} 750,00 €`));
    expect(t).toMatch(new RegExp(`${b.number} 600,00 €`));
    expect(t).toContain('le solde restant dû devient immédiatement exigible');
    expect(t).toContain('Pénalités de retard');
    expect(t).toContain('Indemnité forfaitaire pour frais de recouvrement');
    expect(t).toContain('bon pour accord');
    expect(qrCodes(doc.pdf)).toEqual([epc('450.00', `${a.number} ${b.number}`)]);

    // 500,00 € received: the first instalment is paid, 50,00 € of the second; the code asks the 400,00 € left of it.
    await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-11-22', amount: '500.00', method: 'transfer', allocations: [{ invoiceId: a.id, amount: '500.00' }] });
    const after = await render(ctx, { kind: 'plan', id: plan.id });
    expect(after.text).toMatch(/n° 1 15 décembre 2026 450,00 € 450,00 € Réglée/);
    expect(after.text).toMatch(/n° 2 15 janvier 2027 450,00 € 50,00 € Réglée en partie/);
    expect(after.text).toMatch(/Déjà réglé 500,00 €/);
    expect(after.text).toMatch(/Reste à régler 850,00 €/);
    expect(qrCodes(after.pdf)).toEqual([epc('400.00', `${a.number} ${b.number}`)]);
  });

  it('a consumer’s plan names the legal interest from a formal notice, not the B2B penalties', async () => {
    const tc = testCompany();
    await callOk(tc.ctx, 'company.init', { ...companyInit, latePenaltyRate: '' });
    await callOk(tc.ctx, 'customer.create', { name: 'Jeanne Martin', kind: 'consumer' });
    const inv = await callOk(tc.ctx, 'invoice.create', { customerId: 1, date: '2026-09-01', dueDate: '2026-10-01', validate: true, lines: [{ description: 'Réparation', quantity: '1', unitPrice: '250', vatRate: '20', kind: 'services' }] });
    const plan = await callOk(tc.ctx, 'paymentPlan.create', { invoiceIds: [inv.id], date: '2026-11-22', instalments: [{ date: '2026-12-01', amount: '150.00' }, { date: '2027-01-01', amount: '150.00' }] });
    const doc = await render(tc.ctx, { kind: 'plan', id: plan.id });
    expect(doc.text).toContain('intérêts au taux légal à compter de la mise en demeure');
    expect(doc.text).not.toContain('Indemnité forfaitaire');
    expect(doc.text).toMatch(/Total de l’échéancier 300,00 €/);
  });
});
