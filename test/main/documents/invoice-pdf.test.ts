import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestInput } from '../../../src/shared/contract';
import { formatEuro } from '../../../src/shared/money';
import { callErr, callOk, testCompany } from '../../helpers/context';
import { brasserieBelge, companyInit, jeanneMartin, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { keepForReview, pdfFonts, pdfPages, pdfPageText, pdfText, pdfUnicodeGlyphs, requirePoppler, squash } from './pdf-tools';

beforeAll(() => {
  requirePoppler();
});

/** An amount as formatEuro writes it, with the spaces pdftotext gives back. */
const eur = (amount: string) => squash(formatEuro(amount));

type Ctx = ReturnType<typeof testCompany>['ctx'];
type Line = RequestInput<'invoice.create'>['lines'][number];

const goods = (description: string, quantity: string, unitPrice: string, vatRate = '20', extra: Partial<Line> = {}): Line => ({ description, quantity, unitPrice, vatRate, kind: 'goods', ...extra });
const services = (description: string, quantity: string, unitPrice: string, vatRate = '20', extra: Partial<Line> = {}): Line => ({ description, quantity, unitPrice, vatRate, kind: 'services', ...extra });

/** A company on debits with RCS and capital; `overrides` changes what a scenario needs. */
async function company(overrides: Partial<RequestInput<'company.init'>> = {}) {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', { ...companyInit, rcs: 'Paris B 732 829 320', ...overrides });
  return tc;
}

async function invoicePdf(ctx: Ctx, dir: string, invoiceId: number, name: string, pages?: number[]) {
  const { path } = await callOk(ctx, 'document.invoice', { invoiceId, output: dir });
  keepForReview(path, name, pages);
  return { path, text: pdfText(path), flat: squash(pdfText(path)) };
}

/** Every mention every invoice carries, whoever the customer. */
function expectCommonMentions(flat: string) {
  expect(flat).toContain('Atelier Dupont SARL');
  expect(flat).toContain('SARL au capital de 10 000,00 €');
  expect(flat).toContain('12 rue de la Paix');
  expect(flat).toContain('75002 Paris');
  expect(flat).toContain('SIREN 732 829 320');
  expect(flat).toContain('RCS Paris B 732 829 320');
  expect(flat).toContain('Page 1/1');
}

describe('invoice PDF, business customer with two rates and escompte', () => {
  it('prints every mandatory mention, amounts in French format, accents and €', async () => {
    const { ctx, dir } = await company();
    await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
    const inv = await callOk(ctx, 'invoice.create', {
      customerId: 1,
      date: '2026-10-05',
      deliveryDate: '2026-09-28',
      orderRef: 'BC-2026-118',
      escompte: { percent: '2', days: 10 },
      notes: 'Livraison effectuée à l’entrepôt de Gennevilliers, quai n° 3.',
      lines: [
        goods('Table de réunion en chêne massif, plateau 240 × 110 cm, finition huilée', '1', '1234.56', '20', { discountPercent: '5' }),
        goods('Chaises empilables, piètement acier', '8', '89.90', '20'),
        services('Livraison et montage sur site (équipe de deux personnes, demi-journée)', '1', '350', '10'),
      ],
      validate: true,
    });
    const { flat, path } = await invoicePdf(ctx, dir, inv.id, 'facture-entreprise');
    expect(path).toBe(join(dir, 'Facture F2026-00001.pdf'));

    expectCommonMentions(flat);
    expect(flat).toContain('N° TVA intracommunautaire : FR44732829320');
    // Title, number, dates.
    expect(flat).toContain('FACTURE');
    expect(flat).toContain('F2026-00001');
    expect(flat).toMatch(/Date\s+05\/10\/2026/);
    expect(flat).toMatch(/Livraison \/ exécution\s+28\/09\/2026/);
    expect(flat).toMatch(/Votre commande\s+BC-2026-118/);
    expect(flat).toMatch(/Échéance\s+19\/11\/2026/);
    // Customer: name, address, SIREN, VAT number.
    expect(flat).toContain('Société Générale');
    expect(flat).toContain('29 boulevard Haussmann');
    expect(flat).toContain('75009 Paris');
    expect(flat).toContain('SIREN 552 120 222');
    expect(flat).toContain('N° TVA : FR27552120222');
    // Lines: description, quantity, unit price HT, discount, VAT rate, total HT.
    expect(flat).toMatch(/Désignation\s+Quantité\s+Prix unitaire HT\s+Remise\s+TVA\s+Total HT/);
    expect(flat).toMatch(/Table de réunion en chêne massif.*1\s+1 234,56 €\s+5\s?%\s+20\s?%\s+1 172,83 €/);
    expect(flat).toMatch(/Chaises empilables, piètement acier\s+8\s+89,90 €\s+—\s+20\s?%\s+719,20 €/);
    expect(flat).toMatch(/Livraison et montage sur site.*1\s+350,00 €\s+—\s+10\s?%\s+350,00 €/);
    // Totals: HT, VAT per rate, TTC — the very strings formatEuro makes.
    expect(inv.totals).toMatchObject({ net: '2242.03', vat: '413.41', gross: '2655.44' });
    const text = pdfText(path);
    for (const amount of ['2242.03', '413.41', '2655.44', '1892.03', '378.41', '35.00']) expect(flat).toContain(eur(amount));
    expect(flat).toMatch(/Total HT\s+2 242,03 €/);
    expect(flat).toMatch(/TVA 20\s?%\s+378,41 €/);
    expect(flat).toMatch(/TVA 10\s?%\s+35,00 €/);
    expect(flat).toMatch(/Total TVA\s+413,41 €/);
    expect(flat).toMatch(/Total TTC\s+2 655,44 €/);
    expect(flat).toMatch(/20\s?%\s+1 892,03 €\s+378,41 €/);
    // Payment terms and the legal mentions.
    expect(flat).toContain('Échéance : 19 novembre 2026.');
    expect(flat).toContain('IBAN FR76 3000 6000 0112 3456 7890 189 — BIC AGRIFRPPXXX');
    expect(flat).toMatch(/Escompte pour paiement anticipé : 2\s?% pour un règlement sous 10 jours, soit au plus tard le 15\/10\/2026 : 2 602,33 € à régler au lieu de 2 655,44 €/);
    expect(flat).toContain('Pénalités de retard : taux annuel de 10 %');
    expect(flat).toContain('Indemnité forfaitaire pour frais de recouvrement due en cas de retard de paiement : 40,00 €');
    expect(flat).toContain('Option pour le paiement de la taxe d’après les débits.');
    expect(flat).toContain('Nature de l’opération : livraison de biens et prestation de services.');
    expect(flat).toContain('Livraison effectuée à l’entrepôt de Gennevilliers');
    expect(flat).not.toContain('BROUILLON');
    expect(flat).not.toContain('néant');
    // Accents and € survive extraction: the fonts are embedded and map back to Unicode. pdftotext prints
    // the narrow no-break space of « 2 655,44 € » as a plain space: the font's map proves it is there,
    // drawn with a real glyph (glyph 0 would be the empty box).
    expect(text).toContain('Échéance');
    expect(text).toContain('€');
    const glyphs = pdfUnicodeGlyphs(path);
    for (const c of ['\u202f', '\u00a0', '€', 'É', 'é', 'è', 'ê', '’', '—']) expect(glyphs.get(c.codePointAt(0) ?? 0), `U+${(c.codePointAt(0) ?? 0).toString(16)}`).toBeGreaterThan(0);
    for (const f of pdfFonts(path)) expect(f, f.name).toMatchObject({ embedded: true });
    expect(pdfFonts(path).map((f) => f.name).join(' ')).toMatch(/DejaVuSans/);
  });

  it('reverse charge and intra-EU exemption for a Belgian business at 0 %, no escompte (« néant »)', async () => {
    const { ctx, dir } = await company();
    await callOk(ctx, 'customer.create', brasserieBelge);
    const inv = await callOk(ctx, 'invoice.create', {
      customerId: 1,
      date: '2026-10-05',
      lines: [goods('Fûts inox 30 L', '12', '145', '0'), services('Maintenance des tireuses', '3', '80', '0')],
      validate: true,
    });
    const { flat } = await invoicePdf(ctx, dir, inv.id, 'facture-intracom');
    expect(flat).toContain('Brasserie de l’Abbaye');
    expect(flat).toContain('1000 Bruxelles');
    expect(flat).toContain('Belgique');
    expect(flat).toContain('N° TVA : BE0123456749');
    expect(flat).toContain('Exonération de TVA, article 262 ter I du CGI');
    expect(flat).toContain('Autoliquidation');
    expect(flat).toContain('Escompte pour paiement anticipé : néant.');
    expect(flat).toContain('Indemnité forfaitaire pour frais de recouvrement');
  });
});

describe('invoice PDF, consumer', () => {
  it('has no 40 € indemnity nor B2B penalty clause (L441-10 is no consumer rule), only the legal interest from a formal notice', async () => {
    const { ctx, dir } = await company({ latePenaltyRate: undefined });
    await callOk(ctx, 'customer.create', jeanneMartin);
    const inv = await callOk(ctx, 'invoice.create', {
      customerId: 1,
      date: '2026-03-02',
      lines: [services('Réparation d’une commode ancienne (pièces et main-d’œuvre)', '1', '480', '20')],
      validate: true,
    });
    const { flat } = await invoicePdf(ctx, dir, inv.id, 'facture-particulier');
    expectCommonMentions(flat);
    expect(flat).toContain('Jeanne Martin');
    expect(flat).toContain('3 place du Marché');
    expect(flat).toContain('69002 Lyon');
    expect(flat).not.toContain('40,00 €');
    expect(flat).not.toContain('Indemnité forfaitaire');
    expect(flat).not.toContain('Pénalités de retard');
    expect(flat).not.toContain('BCE');
    expect(flat).toContain('En cas de retard de paiement, les sommes dues porteront intérêts au taux légal à compter de la mise en demeure (art. 1231-6 du Code civil).');
    expect(flat).toContain('Escompte pour paiement anticipé : néant.');
    expect(flat).toContain(eur('576.00'));
    // Before 1 September 2026 the décret 2022-1299 mentions are not yet due.
    expect(flat).not.toContain('Nature de l’opération');
    expect(flat).not.toContain('Option pour le paiement de la taxe');
  });
});

describe('invoice PDF, company under the franchise', () => {
  it('says « TVA non applicable, art. 293 B du CGI » and has no VAT column nor VAT total', async () => {
    const { ctx, dir } = await company({ vatRegime: 'franchise', vatNumber: '', legalForm: 'EI', shareCapital: '', rcs: '' });
    await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
    const inv = await callOk(ctx, 'invoice.create', {
      customerId: 1,
      date: '2026-10-12',
      lines: [services('Création d’un logo et d’une charte graphique', '1', '1500', '0'), services('Déclinaisons pour réseaux sociaux', '6', '45', '0')],
      validate: true,
    });
    const { flat } = await invoicePdf(ctx, dir, inv.id, 'facture-franchise');
    expect(flat).toContain('TVA non applicable, art. 293 B du CGI.');
    expect(flat).toMatch(/Désignation\s+Quantité\s+Prix unitaire HT\s+Total HT/);
    expect(flat).not.toMatch(/TVA\s+Total HT/);
    expect(flat).not.toContain('Total TTC');
    expect(flat).not.toMatch(/TVA \d/);
    expect(flat).not.toContain('Taux de TVA');
    expect(flat).not.toContain('N° TVA intracommunautaire');
    expect(flat).not.toContain('Option pour le paiement de la taxe');
    expect(flat).toContain('Entreprise individuelle (EI)');
    expect(flat).toMatch(/Net à payer\s+1 770,00 €/);
    expect(flat).toContain(eur('1770.00'));
    expect(flat).toContain('Indemnité forfaitaire pour frais de recouvrement');
    expect(flat).toContain('Nature de l’opération : prestation de services.');
  });
});

describe('credit note PDF', () => {
  it('cites the invoice it corrects (number and date) and shows what it credits per rate', async () => {
    const { ctx, dir } = await company();
    await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
    await callOk(ctx, 'invoice.create', {
      customerId: 1,
      date: '2026-10-05',
      lines: [goods('Table en chêne', '1', '1000', '20'), services('Livraison et montage', '2', '45.50', '10')],
      validate: true,
    });
    const note = await callOk(ctx, 'creditNote.create', {
      invoiceId: 1,
      date: '2026-10-20',
      reason: 'Rayure sur le plateau constatée à la livraison',
      kind: 'rebate',
      lines: [goods('Geste commercial sur la table', '1', '150', '20')],
      validate: true,
    });
    const { path } = await callOk(ctx, 'document.creditNote', { creditNoteId: note.id, output: dir });
    expect(path).toBe(join(dir, 'Avoir AV2026-00001.pdf'));
    keepForReview(path, 'avoir');
    const text = pdfText(path);
    const flat = squash(text);
    expectCommonMentions(flat);
    expect(flat).toContain('AVOIR');
    expect(flat).toContain('AV2026-00001');
    expect(flat).toContain('Avoir se rapportant à la facture n° F2026-00001 du 05/10/2026.');
    expect(flat).toMatch(/Facture d’origine\s+F2026-00001 du 05\/10\/2026/);
    expect(flat).toContain('Motif : Rayure sur le plateau constatée à la livraison (rabais, remise, ristourne).');
    expect(flat).toMatch(/Geste commercial sur la table\s+Livraison de biens\s+20\s?%\s+150,00 €\s+30,00 €/);
    expect(flat).toMatch(/Total HT\s+150,00 €/);
    expect(flat).toMatch(/TVA 20\s?%\s+30,00 €/);
    expect(flat).toMatch(/Total de l’avoir TTC\s+180,00 €/);
    expect(flat).toContain('Société Générale');
    expect(flat).toContain('SIREN 552 120 222');
    expect(flat).toContain(eur('180.00'));
  });

  it('a whole-invoice cancellation under the franchise keeps the 293 B mention', async () => {
    const { ctx, dir } = await company({ vatRegime: 'franchise', vatNumber: '' });
    await callOk(ctx, 'customer.create', jeanneMartin);
    await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-10-05', lines: [services('Cours particulier', '4', '35', '0')], validate: true });
    const note = await callOk(ctx, 'creditNote.create', { invoiceId: 1, date: '2026-10-06', reason: 'Cours annulés', validate: true });
    const { path } = await callOk(ctx, 'document.creditNote', { creditNoteId: note.id, output: join(dir, 'avoir.pdf') });
    const flat = squash(pdfText(path));
    expect(flat).toContain('TVA non applicable, art. 293 B du CGI.');
    expect(flat).toMatch(/Montant de l’avoir\s+140,00 €/);
    expect(flat).not.toContain('TTC');
  });
});

describe('draft credit note PDF', () => {
  it('has no number, still cites its invoice, and carries the draft mark', async () => {
    const { ctx, dir } = await company();
    await callOk(ctx, 'customer.create', jeanneMartin);
    await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-10-05', lines: [goods('Lampe de bureau', '2', '59.90')], validate: true });
    const note = await callOk(ctx, 'creditNote.create', { invoiceId: 1, date: '2026-10-08', reason: 'Retour d’une lampe', lines: [goods('Lampe de bureau', '1', '59.90')] });
    const { path } = await callOk(ctx, 'document.creditNote', { creditNoteId: note.id, output: dir });
    expect(path).toBe(join(dir, `Avoir brouillon ${note.id}.pdf`));
    keepForReview(path, 'avoir-brouillon');
    const flat = squash(pdfText(path));
    expect(flat).toContain('BROUILLON — sans valeur');
    expect(flat).not.toMatch(/AV\d{4}-\d{5}/);
    expect(flat).toContain('Avoir se rapportant à la facture n° F2026-00001 du 05/10/2026.');
    expect(flat).toMatch(/Total de l’avoir TTC\s+71,88 €/);
  });
});

describe('draft invoice PDF', () => {
  it('has no number and carries « BROUILLON — sans valeur » on every page', async () => {
    const { ctx, dir } = await company();
    await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
    const draft = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-10-05', lines: [goods('Table en chêne', '1', '1000', '20')] });
    const { path, flat } = await invoicePdf(ctx, dir, draft.id, 'facture-brouillon');
    expect(path).toBe(join(dir, `Facture brouillon ${draft.id}.pdf`));
    expect(flat).toContain('BROUILLON — sans valeur');
    expect(flat).not.toMatch(/F\d{4}-\d{5}/);
    expect(flat).toMatch(/Total TTC\s+1 200,00 €/);
  });
});

describe('a long invoice', () => {
  it('paginates a 40-line invoice: the table header repeats, long descriptions wrap, « Page n/N » on each page', async () => {
    const { ctx, dir } = await company();
    await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
    const lines = Array.from({ length: 40 }, (_, i) =>
      i % 7 === 3
        ? services(`Prestation n° ${i + 1} : audit détaillé de l’installation électrique du bâtiment B, rédaction du rapport de conformité, préconisations chiffrées et réunion de restitution avec le responsable technique du site`, '1.5', '420', '20')
        : goods(`Article n° ${i + 1} — fourniture de matériel de bureau`, String((i % 5) + 1), '12.3456', i % 2 ? '20' : '5.5'),
    );
    const inv = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-10-05', lines, validate: true });
    const { path } = await callOk(ctx, 'document.invoice', { invoiceId: inv.id, output: dir });
    const pages = pdfPages(path);
    expect(pages).toBeGreaterThanOrEqual(2);
    keepForReview(path, 'facture-40-lignes', Array.from({ length: pages }, (_, i) => i + 1));
    for (let p = 1; p <= pages; p++) {
      const page = squash(pdfPageText(path, p));
      expect(page).toContain(`Page ${p}/${pages}`);
      expect(page).toContain('SIREN 732 829 320');
      if (p < pages || page.includes('Article')) expect(page).toMatch(/Désignation\s+Quantité\s+Prix unitaire HT\s+TVA\s+Total HT/);
      if (p > 1) expect(page).toContain('Facture F2026-00001 — Atelier Dupont SARL — Société Générale');
    }
    const flat = squash(pdfText(path));
    for (let i = 1; i <= 40; i++) expect(flat).toContain(`n° ${i} `);
    expect(flat).toContain('12,3456 €');
    expect(flat).toMatch(/réunion\s+de\s+restitution\s+avec\s+le\s+responsable\s+technique\s+du\s+site/);
    expect(flat).toMatch(new RegExp(`Total TTC\\s+${eur(inv.totals.gross)}`));
  });
});

describe('document channels: refusals', () => {
  it('answers NOT_FOUND for an unknown invoice or credit note', async () => {
    const { ctx, dir } = await company();
    for (const [channel, payload] of [
      ['document.invoice', { invoiceId: 99, output: dir }],
      ['document.creditNote', { creditNoteId: 99, output: dir }],
    ] as const) {
      const err = await callErr(ctx, channel, payload);
      expect(err.code).toBe('NOT_FOUND');
      expectFrench(err.message);
    }
  });

  it('answers VALIDATION on output for a missing folder, a folder path that is a file, or a name without .pdf', async () => {
    const { ctx, dir } = await company();
    await callOk(ctx, 'customer.create', jeanneMartin);
    await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-10-05', lines: [goods('Table', '1', '100')], validate: true });
    const aFile = join(dir, 'note.txt');
    writeFileSync(aFile, 'x');
    for (const output of [join(dir, 'absent'), join(dir, 'absent', 'facture.pdf'), aFile]) {
      const err = await callErr(ctx, 'document.invoice', { invoiceId: 1, output });
      expect(err.code, output).toBe('VALIDATION');
      expect(err.fieldErrors).toHaveProperty(['output']);
      expectFrench(err.message);
    }
    expect(existsSync(join(dir, 'absent'))).toBe(false);
  });

  it('writes to the .pdf path given, replacing a previous print, and leaves no temp file', async () => {
    const { ctx, dir } = await company();
    await callOk(ctx, 'customer.create', jeanneMartin);
    await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-10-05', lines: [goods('Table', '1', '100')], validate: true });
    const out = join(dir, 'sorties');
    mkdirSync(out);
    const target = join(out, 'ma facture.pdf');
    writeFileSync(target, 'ancienne version');
    const { path } = await callOk(ctx, 'document.invoice', { invoiceId: 1, output: target });
    expect(path).toBe(target);
    expect(pdfText(path)).toContain('F2026-00001');
    expect(readdirSync(out)).toEqual(['ma facture.pdf']);
  });
});

describe('invoice PDF, lines sold by the hour and by the square metre', () => {
  it('prints each line’s unit beside its quantity, and a line without a unit as a plain number', async () => {
    const { ctx, dir } = await company();
    await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
    const inv = await callOk(ctx, 'invoice.create', {
      customerId: 1,
      date: '2026-10-05',
      lines: [services('Pose de carrelage', '7.5', '45', '10', { unit: 'HUR' }), goods('Carrelage grès cérame 60 × 60', '24.5', '32', '10', { unit: 'MTK' }), goods('Seau de colle', '3', '18')],
      validate: true,
    });
    expect(inv.lines.map((l) => l.unit)).toEqual(['HUR', 'MTK', undefined]);
    const { flat } = await invoicePdf(ctx, dir, inv.id, 'facture-unites');
    // 7,5 h × 45,00 = 337,50; 24,5 m² × 32,00 = 784,00; 3 × 18,00 = 54,00.
    expect(flat).toMatch(/Pose de carrelage\s+7,5 h\s+45,00 €\s+10 %\s+337,50 €/);
    expect(flat).toMatch(/24,5 m²\s+32,00 €\s+10 %\s+784,00 €/);
    expect(flat).toMatch(/Seau de colle\s+3\s+18,00 €\s+20 %\s+54,00 €/);
  });

  it('refuses a unit the list does not know, under the line’s field', async () => {
    const { ctx } = await company();
    await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
    const err = await callErr(ctx, 'invoice.create', { customerId: 1, date: '2026-10-05', lines: [services('Pose', '1', '45', '10', { unit: 'heures' as never })] });
    expect(err.fieldErrors?.['lines.0.unit']).toBe('Unité inconnue : choisissez-la dans la liste.');
  });
});
