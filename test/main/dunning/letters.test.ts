import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callErr, callOk } from '../../helpers/context';
import { keepForReview, pdfFonts, pdfPages, pdfText, requirePoppler } from '../documents/pdf-tools';
import { dunningCompany, invoice1200 } from './setup';

/** pdftotext prints the narrow and normal no-break spaces as such: compare with plain spaces, one per gap. */
const flat = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

describe('reminder letters and formal notices (PDF)', () => {
  it('prints a formal notice with the penalties to the cent, the invoice, the amounts in French format', async () => {
    requirePoppler();
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 1, '2026-03-01', '2026-03-31');
    const out = join(tc.dir, 'lettres');
    mkdirSync(out);
    // 45 days late on 15 May 2026: 1 200,00 × 12,15 % × 45 / 365 = 17,98 € + 40,00 € → 1 257,98 € claimed.
    const res = await callOk(tc.ctx, 'dunning.letter', { invoiceId: inv.id, step: 'formal-notice', output: out, asOf: '2026-05-15' });
    expect(res.penalties).toEqual({ interest: '17.98', indemnity: '40.00', total: '57.98' });
    expect(res.path).toMatch(/Mise en demeure F2026-00001 2026-05-15\.pdf$/);
    const text = flat(pdfText(res.path));
    for (const s of [
      'MISE EN DEMEURE',
      'Objet : Mise en demeure de payer : facture F2026-00001',
      'Atelier Dupont SARL', 'SIREN 732 829 320', '12 rue de la Paix', // the seller's identity
      'Société Générale', // the addressee
      '15 mai 2026', // the date, in letters
      'F2026-00001', '01/03/2026', '31/03/2026', '45 jours',
      'nous vous mettons en demeure de nous régler la somme de 1 257,98 €',
      'au plus tard le 23 mai 2026',
      'Reste dû 1 200,00 €', 'Intérêts de retard (45 j) 17,98 €', 'Indemnité forfaitaire 40,00 €', 'Total réclamé 1 257,98 €',
      'du 01/04/2026 au 15/05/2026 (1er semestre 2026) : 1 200,00 € × 12,15 % × 45 jours / 365 = 17,98 €',
      'Chaque période est arrondie au centime le plus proche',
      'Recommandé avec AR',
      'Indemnité forfaitaire pour frais de recouvrement due en cas de retard de paiement : 40,00 €',
      'IBAN FR76 3000 6000 0112 3456 7890 189',
    ]) expect(text).toContain(s);
    expect(text).not.toMatch(/[{}]/);
    expect(pdfFonts(res.path).every((f) => f.embedded)).toBe(true);
    // It ends a few points above the foot of its page: no blank second page after it.
    expect(pdfPages(res.path)).toBe(1);
    keepForReview(res.path, 'lettre-mise-en-demeure');
  });

  it('a consumer’s letters carry no B2B clause: no interest before the formal notice, then the legal rate from it, period by period', async () => {
    requirePoppler();
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 2, '2026-03-01', '2026-03-31');
    const before = await callOk(tc.ctx, 'dunning.letter', { invoiceId: inv.id, step: 'reminder', output: tc.dir, asOf: '2026-04-08' });
    expect(before.penalties).toEqual({ interest: '0.00', indemnity: '0.00', total: '0.00' });
    const first = flat(pdfText(before.path));
    for (const s of ['RELANCE', 'Jeanne Martin', 'Montant à régler 1 200,00 €', 'à compter de la mise en demeure']) expect(first).toContain(s);
    for (const s of ['Pénalités de retard', 'BCE', '12,15', 'Indemnité forfaitaire', '40,00 €', 'L441-10']) expect(first).not.toContain(s);

    await callOk(tc.ctx, 'dunning.record', { invoiceId: inv.id, step: 'formal-notice', date: '2026-04-10', channel: 'letter' });
    await callOk(tc.ctx, 'payment.record', { customerId: 2, date: '2026-04-15', amount: '600.00', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '600.00' }] });
    // From the day after the notice, at the legal rate of H1 2026 (2,62 %): 11 – 15 April on 1 200,00 €,
    // 1 200,00 × 2,62 % × 5 / 365 = 0,430684… → 0,43 €; 16 April – 15 May on 600,00 €, 600,00 × 2,62 % × 30 / 365
    // = 1,292054… → 1,29 €; 1,72 € in all.
    const res = await callOk(tc.ctx, 'dunning.letter', { invoiceId: inv.id, step: 'litigation', output: tc.dir, asOf: '2026-05-15' });
    expect(res.penalties).toEqual({ interest: '1.72', indemnity: '0.00', total: '1.72' });
    const text = flat(pdfText(res.path));
    for (const s of [
      'Jeanne Martin', 'reste impayée pour 600,00 €',
      'intérêts au taux légal à compter de notre mise en demeure du 10/04/2026',
      'du 11/04/2026 au 15/04/2026 (1er semestre 2026) : 1 200,00 € × 2,62 % × 5 jours / 365 = 0,43 €',
      'du 16/04/2026 au 15/05/2026 (1er semestre 2026) : 600,00 € × 2,62 % × 30 jours / 365 = 1,29 €',
      'Total réclamé 601,72 €',
      'Nous vous avons déjà relancé au sujet de cette facture : mise en demeure le 10 avril 2026 (courrier).',
    ]) expect(text).toContain(s);
    for (const s of ['Indemnité forfaitaire', 'BCE', '12,15', 'L441-10']) expect(text).not.toContain(s);
    keepForReview(res.path, 'lettre-particulier-interet-legal');
  });

  it('never says earlier reminders or a formal notice were sent when none were: the sentence lists those recorded, with their dates', async () => {
    requirePoppler();
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 1, '2026-03-01', '2026-03-31');
    const notice = flat(pdfText((await callOk(tc.ctx, 'dunning.letter', { invoiceId: inv.id, step: 'formal-notice', output: tc.dir, asOf: '2026-05-15' })).path));
    expect(notice).toContain('nous vous mettons en demeure');
    expect(notice).not.toMatch(/précédentes relances|déjà relancé/);
    const noticeMail = await callOk(tc.ctx, 'dunning.email', { invoiceId: inv.id, step: 'formal-notice', asOf: '2026-05-15' });
    expect(noticeMail.body).not.toMatch(/précédentes relances|déjà relancé/);
    expect(noticeMail.body).not.toMatch(/\n\n\n/);
    // The call's letter is printed from the to-do before the call is noted: it says no conversation took place.
    const callMail = await callOk(tc.ctx, 'dunning.email', { invoiceId: inv.id, step: 'call', asOf: '2026-04-30' });
    expect(`${callMail.subject} ${callMail.body}`).not.toMatch(/notre appel|entretien téléphonique|convenu/);
    const litigationMail = await callOk(tc.ctx, 'dunning.email', { invoiceId: inv.id, step: 'litigation', asOf: '2026-06-30' });
    expect(litigationMail.body).not.toMatch(/mise en demeure étant restée sans effet|déjà relancé/);

    await callOk(tc.ctx, 'dunning.record', { invoiceId: inv.id, step: 'reminder', date: '2026-04-08', channel: 'letter' });
    await callOk(tc.ctx, 'dunning.record', { invoiceId: inv.id, step: 'call', date: '2026-04-30', channel: 'phone' });
    const after = flat(pdfText((await callOk(tc.ctx, 'dunning.letter', { invoiceId: inv.id, step: 'formal-notice', output: tc.dir, asOf: '2026-05-15' })).path));
    expect(after).toContain('Nous vous avons déjà relancé au sujet de cette facture : relance écrite le 8 avril 2026 (courrier) ; appel et proposition d’échéancier le 30 avril 2026 (téléphone).');
    await callOk(tc.ctx, 'dunning.record', { invoiceId: inv.id, step: 'formal-notice', date: '2026-05-15', channel: 'letter' });
    const litigation = await callOk(tc.ctx, 'dunning.email', { invoiceId: inv.id, step: 'litigation', asOf: '2026-06-30' });
    expect(litigation.body.replace(/[\u00a0\u202f]/g, ' ')).toContain('relance écrite le 8 avril 2026 (courrier) ; appel et proposition d’échéancier le 30 avril 2026 (téléphone) ; mise en demeure le 15 mai 2026 (courrier).');
  });

  it('says « BCE majoré de 10 points » only when that is the rate applied', async () => {
    requirePoppler();
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 1, '2026-03-01', '2026-03-31');
    await callOk(tc.ctx, 'penalty.rates.set', { period: '2026-H1', ecbRate: '2.15', legalRate: '2.76', rate: '15' });
    const res = await callOk(tc.ctx, 'dunning.letter', { invoiceId: inv.id, step: 'reminder', output: tc.dir, asOf: '2026-05-15' });
    // 1 200,00 × 15 % × 45 / 365 = 22,19 €.
    expect(res.penalties.interest).toBe('22.19');
    const text = flat(pdfText(res.path));
    expect(text).toContain('Pénalités de retard : taux annuel de 15 %, exigibles');
    expect(text).not.toContain('BCE');
  });

  it('prints on the invoice itself the rate the owner set for its half-year, as the letters compute with', async () => {
    requirePoppler();
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 1, '2026-03-01', '2026-03-31');
    const before = flat(pdfText((await callOk(tc.ctx, 'document.invoice', { invoiceId: inv.id, output: tc.dir })).path));
    expect(before).toContain('Pénalités de retard : taux de refinancement de la BCE majoré de 10 points, soit 12,15 % l’an au 1er semestre 2026 ; chaque jour de retard porte le taux de son semestre.');
    await callOk(tc.ctx, 'penalty.rates.set', { period: '2026-H1', ecbRate: '2.15', legalRate: '2.76', rate: '15' });
    const after = flat(pdfText((await callOk(tc.ctx, 'document.invoice', { invoiceId: inv.id, output: tc.dir })).path));
    expect(after).toContain('Pénalités de retard : taux annuel de 15 %, exigibles');
    expect(after).not.toContain('BCE');
  });

  it('prints on a consumer’s invoice no B2B penalty clause, only the legal interest from a formal notice', async () => {
    requirePoppler();
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 2, '2026-03-01', '2026-03-31');
    const text = flat(pdfText((await callOk(tc.ctx, 'document.invoice', { invoiceId: inv.id, output: tc.dir })).path));
    expect(text).toContain('En cas de retard de paiement, les sommes dues porteront intérêts au taux légal à compter de la mise en demeure (art. 1231-6 du Code civil).');
    for (const s of ['Pénalités de retard', 'BCE', '12,15', 'Indemnité forfaitaire']) expect(text).not.toContain(s);
  });

  it('says which penalty invoices the penalties claimed already include', async () => {
    requirePoppler();
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 1, '2026-03-01', '2026-03-31');
    await callOk(tc.ctx, 'penalty.invoice', { invoiceId: inv.id, asOf: '2026-05-15', date: '2026-05-16', includeIndemnity: true });
    const res = await callOk(tc.ctx, 'dunning.letter', { invoiceId: inv.id, step: 'formal-notice', output: tc.dir, asOf: '2026-06-14' });
    // 75 days: 29,96 € of interest and 40,00 € — the whole claim, of which PEN2026-00001 asked for 57,98 €.
    expect(res.penalties).toEqual({ interest: '29.96', indemnity: '40.00', total: '69.96' });
    expect(flat(pdfText(res.path))).toContain('Ces pénalités comprennent celles déjà facturées : facture de pénalités PEN2026-00001 du 16/05/2026 (57,98 €).');
    keepForReview(res.path, 'lettre-penalites-deja-facturees');
  });

  it('refuses an unknown step, a paid invoice, a date before the invoice', async () => {
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 1, '2026-03-01', '2026-03-31');
    expect((await callErr(tc.ctx, 'dunning.letter', { invoiceId: inv.id, step: 'huissier', output: tc.dir })).fieldErrors?.step).toBeDefined();
    expect((await callErr(tc.ctx, 'dunning.letter', { invoiceId: inv.id, step: 'reminder', output: tc.dir, asOf: '2026-02-01' })).fieldErrors?.asOf).toBeDefined();
    await callOk(tc.ctx, 'payment.record', { customerId: 1, date: '2026-04-15', amount: '1200.00', method: 'transfer', allocations: [{ invoiceId: inv.id, amount: '1200.00' }] });
    expect((await callErr(tc.ctx, 'dunning.letter', { invoiceId: inv.id, step: 'reminder', output: tc.dir, asOf: '2026-05-15' })).code).toBe('CONFLICT');
  });
});

describe('the penalty invoice (PDF)', () => {
  it('is an invoice of its own series, outside the scope of VAT, citing the invoice it follows from', async () => {
    requirePoppler();
    const tc = await dunningCompany();
    const inv = await invoice1200(tc, 1, '2026-03-01', '2026-03-31');
    const pen = await callOk(tc.ctx, 'penalty.invoice', { invoiceId: inv.id, asOf: '2026-05-15', date: '2026-05-16', includeIndemnity: true });
    const res = await callOk(tc.ctx, 'penalty.document', { penaltyInvoiceId: pen.id, output: tc.dir });
    expect(res.path).toMatch(/Facture PEN2026-00001\.pdf$/);
    keepForReview(res.path, 'facture-penalites');
    const text = flat(pdfText(res.path));
    for (const s of [
      'FACTURE', 'PEN2026-00001', '16/05/2026', 'Facture d’origine F2026-00001', 'Atelier Dupont SARL', 'SIREN 732 829 320', 'Société Générale',
      'Pénalités de retard sur la facture n° F2026-00001 du 01/03/2026, échue le 31/03/2026.',
      'Intérêts de retard du 01/04/2026 au 15/05/2026 (1er semestre 2026) : 1 200,00 € ×', '12,15 % × 45 jours / 365', '17,98 €',
      'Indemnité forfaitaire pour frais de recouvrement 40,00 €', 'Net à payer 57,98 €',
      'Chaque période est arrondie au centime le plus proche (un demi-centime au centime supérieur) ; les intérêts facturés, 17,98 €, sont la somme des périodes.',
      'hors du champ d’application de la TVA', 'Payable à réception.',
    ]) expect(text).toContain(s);
    expect(text).not.toMatch(/TVA 20/);
    expect((await callErr(tc.ctx, 'penalty.document', { penaltyInvoiceId: 9, output: tc.dir })).code).toBe('NOT_FOUND');
  });
});
