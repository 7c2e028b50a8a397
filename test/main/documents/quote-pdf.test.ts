import { beforeAll, describe, expect, it } from 'vitest';
import { quoteDeposit, quoteDocument } from '../../../src/main/core/printing/quote-document';
import { keepForReview, pdfPages, requirePoppler } from './pdf-tools';
import { drawn, quoteCompany, workedQuote } from './quote-fixtures';

beforeAll(() => {
  requirePoppler();
});

describe('quote PDF (devis)', () => {
  it('prints a business quote like an invoice: number, date, validity, parties, lines, totals, deposit and « Bon pour accord »', async () => {
    const { dir, company, customer } = await quoteCompany();
    const d = quoteDocument(company, customer(1), workedQuote());
    const { path, fileName, flat } = await drawn(dir, d);
    keepForReview(path, 'devis-entreprise');
    expect(fileName).toBe('Devis D2026-00001.pdf');
    expect(pdfPages(path)).toBe(1);
    for (const text of [
      'DEVIS',
      'Devis n° D2026-00001',
      'Date 01/10/2026',
      'Valable jusqu’au 31/10/2026',
      'Atelier Dupont SARL',
      'SIREN 732 829 320',
      'RCS Paris B 732 829 320',
      'Société Générale',
      '29 boulevard Haussmann',
      'Rénovation de la salle de bains',
      '40 h',
      '60,00 €',
      '2 400,00 €',
      'Total HT 10 000,00 €',
      'TVA 20 % 2 000,00 €',
      'Total TTC 12 000,00 €',
      'Offre valable jusqu’au 31 octobre 2026.',
      'Acompte de 30 % à la commande, soit 3 600,00 € TTC, déduit de la facture finale.',
      'Conditions de paiement : solde à réception de la facture finale.',
      'Travaux prévus sur deux semaines',
      'Bon pour accord',
      'Date et signature du client, précédées de la mention « Bon pour accord ».',
      'Signature :',
    ]) expect(flat).toContain(text);
    // A quote asks for nothing yet: no penalty clause, no QR code, no consumer-work mention.
    expect(flat).not.toContain('Pénalités de retard');
    expect(flat).not.toContain('Devis gratuit');
    expect(d.payByScan).toBeUndefined();
    expect(d.info.title).toBe('Devis n° D2026-00001');
  });

  it('prints the consumer-work mentions of the arrêté of 24 January 2017: place of the work, travel costs, free quote, handwritten acceptance', async () => {
    const { dir, company, customer } = await quoteCompany();
    const quote = workedQuote({ customerId: 2, customerName: 'Jeanne Martin', customerCode: 'C00002', consumerWork: true, workSite: '3 place du Marché, 69002 Lyon (2e étage)', travelCosts: '35' });
    const d = quoteDocument(company, customer(2), quote);
    const { path, flat } = await drawn(dir, d);
    keepForReview(path, 'devis-travaux-particulier');
    for (const text of [
      'Lieu d’exécution des travaux : 3 place du Marché, 69002 Lyon (2e étage)',
      'Frais de déplacement : 35,00 €.',
      'Devis gratuit : il ne vous est pas facturé.',
      'Date et signature du client précédées de la mention manuscrite : « Devis reçu avant l’exécution des travaux, bon pour accord ».',
      'Total HT 10 000,00 €',
      'Total TTC 12 000,00 €',
    ]) expect(flat).toContain(text);
    expect(d.mentions).toEqual(expect.arrayContaining(['quoteFree', 'quoteConsumerAcceptance']));
    expect(flat).not.toContain('précédées de la mention « Bon pour accord »');
  });

  it('says « Déplacement non facturé » when the travel costs are 0, and prints other wording as typed', async () => {
    const { company, customer } = await quoteCompany();
    const nothing = quoteDocument(company, customer(2), workedQuote({ consumerWork: true, travelCosts: '0,00' }));
    expect(nothing.preamble).toContain('Déplacement non facturé.');
    const typed = quoteDocument(company, customer(2), workedQuote({ consumerWork: true, travelCosts: 'forfait de 25 € par jour de chantier' }));
    expect(typed.preamble).toContain('Frais de déplacement : forfait de 25 € par jour de chantier');
  });

  it('prints a draft as « Devis (brouillon) » with the BROUILLON mark and no number', async () => {
    const { dir, company, customer } = await quoteCompany();
    const { number: _n, ...draft } = workedQuote({ status: 'draft' });
    const d = quoteDocument(company, customer(1), draft);
    const { fileName, flat } = await drawn(dir, d);
    expect(fileName).toBe('Devis brouillon 1.pdf');
    expect(d.info.title).toBe('Devis (brouillon)');
    expect(flat).toContain('BROUILLON — sans valeur');
    expect(flat).not.toContain('D2026-00001');
  });

  it('prints a franchise quote without VAT: the art. 293 B mention, no VAT column, the total and deposit without « TTC »', async () => {
    const { dir, company, customer } = await quoteCompany({ vatRegime: 'franchise', vatNumber: '' });
    const quote = workedQuote({ vatRegime: 'franchise', lines: workedQuote().lines.map((l) => ({ ...l, vatRate: '0' })), totals: { net: '10000.00', vat: '0.00', gross: '10000.00', byRate: [{ rate: '0', base: '10000.00', vat: '0.00' }] } });
    const d = quoteDocument(company, customer(1), quote);
    const { flat } = await drawn(dir, d);
    expect(flat).toContain('TVA non applicable, art. 293 B du CGI.');
    expect(flat).toContain('Montant total 10 000,00 €');
    expect(flat).toContain('Acompte de 30 % à la commande, soit 3 000,00 €, déduit de la facture finale.');
    expect(d.columns.map((c) => c.header)).not.toContain('TVA');
    expect(flat).not.toContain('TTC');
  });
});

describe('the deposit a quote asks (quoteDeposit)', () => {
  it('is the base × % per rate, rounded once, plus its VAT rounded once: 30 % of 10 000,00 € HT at 20 % is 3 600,00 € TTC', () => {
    expect(quoteDeposit(workedQuote(), '30')).toBe(360000n);
  });

  it('shares over the quote’s rates and natures in their proportions, as the deposit invoice will, in exact decimals', () => {
    const lines = [
      { description: 'Fenêtres', kind: 'goods' as const, quantity: '1', unitPrice: '811.11', vatRate: '20', net: '811.11' },
      { description: 'Livres', kind: 'goods' as const, quantity: '1', unitPrice: '222.22', vatRate: '5.5', net: '222.22' },
    ];
    const totals = { net: '1033.33', vat: '174.44', gross: '1207.77', byRate: [{ rate: '20', base: '811.11', vat: '162.22' }, { rate: '5.5', base: '222.22', vat: '12.22' }] };
    // 1 033,33 × 33,33 % = 344,409… → 344,41 HT, shared on the running total: 20 % 811,11/1 033,33 × 344,41
    // = 270,344… → 270,34; 5,5 % the rest, 74,07. VAT 54,068 → 54,07 and 4,07385 → 4,07: 344,41 + 58,14.
    expect(quoteDeposit({ totals, lines, vatRegime: 'debits' }, '33.33')).toBe(34441n + 5407n + 407n);
  });
});
