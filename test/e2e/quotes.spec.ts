import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DOCUMENTS_OUT, pdfText, squash } from '../main/documents/pdf-tools';
import { api, COMPANY, expect, openSection, pickCustomer, snap, test } from './fixtures';

// Issue 19: a quote made from the catalogue, issued and accepted; a 30 % deposit invoiced through
// « Facturer » and paid; the final invoice deducting it. The figures are the worked example's:
// 10 000,00 HT at 20 % → deposit 3 000 + 600 = 3 600 TTC; final 12 000 TTC less 3 600 = 8 400 due.

/** pdf.js loads cold on a machine other tests share: drawing a page may take seconds. */
const RENDER_TIMEOUT = 30_000;

test.beforeEach(async ({ harness, app }) => {
  await api(harness, 'company.init', COMPANY);
  await api(harness, 'customer.create', { name: 'Boulangerie Martin', kind: 'business', address: { line1: '12 rue Mercière', postcode: '69002', city: 'Lyon' } });
  await api(harness, 'article.create', { reference: 'RAG-M2', description: 'Ragréage et préparation du sol', kind: 'services', unit: 'MTK', unitPrice: '40', vatRate: '20' });
  await api(harness, 'article.create', { reference: 'POSE-M2', description: 'Pose de carrelage', kind: 'services', unit: 'MTK', unitPrice: '60', vatRate: '20' });
  await app.reload();
});

/** Picks an article on a line by typing part of its description, then sets the quantity. */
async function pickArticle(page: Page, line: number, typed: string, name: RegExp, quantity: string) {
  const group = page.getByRole('group', { name: `Ligne ${line}` });
  await group.getByLabel('Description').fill(typed);
  await page.getByRole('option', { name }).click();
  await group.getByLabel('Quantité').fill(quantity);
}

/** Saves the PDF of the preview dialog, returns its path; renders its first page to PNG next to it. */
async function savePreviewedPdf(page: Page, name: string): Promise<string> {
  const dialog = page.getByTestId('pdf-preview');
  await expect(dialog.getByTestId('pdf-page').first()).toHaveAttribute('data-rendered', 'true', { timeout: RENDER_TIMEOUT });
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Enregistrer en PDF' }).click()]);
  mkdirSync(DOCUMENTS_OUT, { recursive: true });
  const saved = join(DOCUMENTS_OUT, `${name}.pdf`);
  await download.saveAs(saved);
  spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', saved, join(DOCUMENTS_OUT, name)]);
  return saved;
}

test('a quote from the catalogue is issued, accepted, invoiced 30 % on deposit, then in full less the deposit', async ({ app, harness }) => {
  test.slow();
  await openSection(app, 'Devis');
  await expect(app.getByText('Aucun devis pour l’instant')).toBeVisible();
  await snap(app, 'devis-01-liste-vide.png');
  await app.getByRole('link', { name: 'Nouveau devis' }).click();
  await expect(app.getByRole('heading', { name: 'Nouveau devis' })).toBeVisible();

  await pickCustomer(app, app, 'Martin');
  await pickArticle(app, 1, 'ragr', /Ragréage et préparation du sol/, '100');
  await app.getByRole('button', { name: 'Ajouter une ligne' }).click();
  await pickArticle(app, 2, 'carrel', /Pose de carrelage/, '100');
  await expect(app.getByTestId('line-net-0')).toHaveText('4 000,00 €');
  await expect(app.getByTestId('line-net-1')).toHaveText('6 000,00 €');
  await app.getByLabel('Acompte à la commande').fill('30');
  await app.getByLabel('Conditions de paiement').fill('Solde à réception de facture');
  // Consumer work shows where and what the travel costs.
  await expect(app.getByLabel('Lieu d’exécution des travaux')).toBeHidden();
  await app.getByLabel('Travaux de dépannage, réparation ou entretien pour un particulier').check();
  await expect(app.getByLabel('Lieu d’exécution des travaux')).toBeVisible();
  await app.getByLabel('Travaux de dépannage, réparation ou entretien pour un particulier').uncheck();
  const totals = app.getByRole('table', { name: 'Totaux du devis' });
  await expect(totals.getByTestId('total-net')).toHaveText('10 000,00 €');
  await expect(totals.getByTestId('total-vat')).toHaveText('2 000,00 €');
  await expect(totals.getByTestId('total-gross')).toHaveText('12 000,00 €');
  await expect(app.getByTestId('deposit-asked')).toHaveText('Acompte de 30 % demandé à la commande.');
  await app.evaluate(() => window.scrollTo(0, 0));
  await snap(app, 'devis-02-formulaire.png', { fullPage: true });

  // Issued: the quote gets its number and opens in its detail.
  await app.getByRole('button', { name: 'Émettre le devis' }).click();
  await expect(app.getByRole('heading', { name: 'Devis D2026-00001' })).toBeVisible();
  await expect(app.getByTestId('quote-gross')).toHaveText('12 000,00 €');
  await expect(app.locator('[data-status="sent"]')).toHaveText('Envoyé');
  await snap(app, 'devis-03-emis.png', { fullPage: true });

  // Accepted: « Facturer » appears.
  await app.getByRole('button', { name: 'Accepté', exact: true }).click();
  await expect(app.locator('[data-status="accepted"]')).toHaveText('Accepté');
  await app.getByRole('button', { name: 'Facturer' }).click();
  const dialog = app.getByRole('dialog', { name: 'Facturer le devis D2026-00001' });
  await expect(dialog.getByLabel('Pourcentage d’acompte')).toHaveValue('30');
  // The amounts and the entry are the main process's dry run: 411 3 600 / 4191 3 000 / 44571 600 (services, option for debits).
  await expect(dialog.getByTestId('asked-net')).toHaveText('3 000,00 €');
  await expect(dialog.getByTestId('asked-vat')).toHaveText('600,00 €');
  await expect(dialog.getByTestId('asked-gross')).toHaveText('3 600,00 €');
  const entry = dialog.getByTestId('entry-preview');
  await expect(entry.getByTestId('preview-account')).toHaveText(['411', '4191', '44571']);
  await expect(entry).toContainText('3 600,00');
  await snap(app, 'devis-05-facturer-acompte.png');
  await dialog.getByRole('button', { name: 'Créer la facture d’acompte' }).click();

  // The deposit invoice opens: it names its quote.
  await expect(app.getByRole('heading', { name: 'Facture d’acompte F2026-00001' })).toBeVisible();
  await expect(app.getByTestId('invoice-quote')).toHaveText('Facture d’acompte — devis D2026-00001');
  await expect(app.getByTestId('invoice-gross')).toHaveText('3 600,00 €');
  await snap(app, 'devis-06-facture-acompte.png', { fullPage: true });
  await api(harness, 'payment.record', { customerId: 1, date: '2026-11-22', amount: '3600', method: 'transfer', allocations: [{ invoiceId: 1, amount: '3600' }] });

  // Back to the quote: the deposit is listed; the final invoice deducts it.
  await app.getByTestId('invoice-quote').getByRole('link', { name: 'D2026-00001' }).click();
  await expect(app.getByRole('heading', { name: 'Devis D2026-00001' })).toBeVisible();
  const made = app.getByRole('table', { name: 'Factures du devis' });
  await expect(made).toContainText('Facture d’acompte F2026-00001');
  await expect(made).toContainText('3 600,00 €');
  await app.getByRole('button', { name: 'Facturer' }).click();
  await dialog.getByLabel('Facture finale, qui déduit les acomptes').check();
  const toDeduct = dialog.getByRole('table', { name: 'Acomptes à déduire' });
  await expect(toDeduct).toContainText('F2026-00001');
  await expect(toDeduct).toContainText('3 000,00 €');
  await expect(dialog.getByTestId('final-before')).toHaveText('12 000,00 €');
  await expect(dialog.getByTestId('asked-gross')).toHaveText('8 400,00 €');
  await expect(entry.getByTestId('preview-account')).toHaveText(['411', '4191', '706', '44571']);
  await expect(entry).toContainText('8 400,00');
  await expect(entry).toContainText('10 000,00');
  await expect(entry).toContainText('1 400,00');
  await snap(app, 'devis-07-facturer-final.png');
  await dialog.getByRole('button', { name: 'Créer la facture finale' }).click();

  // The final invoice: its total, the deposit deducted, the balance due.
  await expect(app.getByRole('heading', { name: 'Facture finale F2026-00002' })).toBeVisible();
  await expect(app.getByTestId('invoice-gross-before')).toHaveText('12 000,00 €');
  const deducted = app.getByRole('table', { name: 'Acomptes déduits' });
  await expect(deducted.getByTestId('deduction')).toHaveCount(1);
  await expect(deducted.getByTestId('deduction')).toContainText(['F2026-00001']);
  await expect(deducted.getByTestId('deduction')).toContainText('3 000,00 €');
  await expect(deducted.getByTestId('deduction')).toContainText('600,00 €');
  await expect(deducted.getByTestId('deduction')).toContainText('3 600,00 €');
  await expect(app.getByTestId('invoice-gross')).toHaveText('8 400,00 €');
  await expect(app.getByTestId('detail-outstanding')).toHaveText('8 400,00 €');
  await snap(app, 'devis-08-facture-finale.png', { fullPage: true });

  // The list: the quote is invoiced.
  await openSection(app, 'Devis');
  const grid = app.getByRole('grid', { name: 'Liste des devis' });
  await expect(grid).toContainText('D2026-00001');
  await expect(grid.locator('[data-status="invoiced"]')).toHaveText('Facturé');
  await snap(app, 'devis-09-liste.png');
  // The quote's PDF, as the customer got it (document.render kind « quote »).
  await grid.getByText('D2026-00001').click();
  await expect(app.getByRole('table', { name: 'Factures du devis' }).getByRole('link')).toHaveText(['Facture d’acompte F2026-00001', 'Facture finale F2026-00002']);
  await expect(app.getByRole('button', { name: 'Facturer' })).toHaveCount(0);
  await snap(app, 'devis-10-devis-facture.png', { fullPage: true });
  await app.getByRole('button', { name: 'Aperçu PDF' }).click();
  const quotePdf = await savePreviewedPdf(app, 'e2e-devis-D2026-00001');
  await snap(app, 'devis-12-apercu-pdf.png');
  const quoteText = squash(pdfText(quotePdf));
  expect(quoteText).toContain('D2026-00001');
  expect(quoteText).toContain('Boulangerie Martin');
  expect(quoteText).toContain('Ragréage et préparation du sol');
  expect(quoteText).toContain('Total HT 10 000,00 €');
  expect(quoteText).toContain('Total TTC 12 000,00 €');
  expect(quoteText).toMatch(/[Aa]compte de 30 %/);
  await app.keyboard.press('Escape');

  // The final invoice's PDF: the quote's total, the deposit deducted, the balance due.
  await app.goto(`${harness.url}#/factures/2`);
  await app.getByRole('button', { name: 'Aperçu / Imprimer' }).click();
  const finalPdf = await savePreviewedPdf(app, 'e2e-facture-finale-F2026-00002');
  const finalText = squash(pdfText(finalPdf));
  expect(finalText).toContain('F2026-00002');
  expect(finalText).toContain('D2026-00001');
  expect(finalText).toContain('F2026-00001');
  expect(finalText).toContain('12 000,00 €');
  expect(finalText).toContain('3 600,00 €');
  expect(finalText).toContain('8 400,00 €');
  await app.keyboard.press('Escape');
});

test('a refused quote asks first, and cannot be invoiced', async ({ app, harness }) => {
  await api(harness, 'quote.create', { customerId: 1, date: '2026-11-20', lines: [{ description: 'Pose de faïence', kind: 'services', quantity: '1', unitPrice: '800', vatRate: '10' }], validate: true });
  await openSection(app, 'Devis');
  await app.getByRole('grid', { name: 'Liste des devis' }).getByText('D2026-00001').click();
  await app.getByRole('button', { name: 'Refusé', exact: true }).click();
  const ask = app.getByRole('dialog', { name: 'Le client refuse le devis D2026-00001 ?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Marquer refusé' }).click();
  await expect(app.locator('[data-status="refused"]')).toHaveText('Refusé');
  await expect(app.getByRole('button', { name: 'Facturer' })).toHaveCount(0);
  // The list filters by status.
  await openSection(app, 'Devis');
  await app.getByRole('group', { name: 'Filtrer par statut' }).getByRole('button', { name: 'Accepté' }).click();
  await expect(app.getByText('Aucun devis ne correspond à ces filtres.')).toBeVisible();
  await app.getByRole('group', { name: 'Filtrer par statut' }).getByRole('button', { name: 'Refusé' }).click();
  await expect(app.getByRole('grid', { name: 'Liste des devis' })).toContainText('D2026-00001');
  await snap(app, 'devis-11-filtre-refuse.png');
});

test('a draft quote for consumer work is saved, reopened as typed, then issued', async ({ app }) => {
  await app.goto(`${app.url().split('#')[0]}#/devis/nouveau`);
  await pickCustomer(app, app, 'Martin');
  await pickArticle(app, 1, 'carrel', /Pose de carrelage/, '12,5');
  await app.getByLabel('Travaux de dépannage, réparation ou entretien pour un particulier').check();
  await app.getByLabel('Lieu d’exécution des travaux').fill('8 chemin des Vignes, 69300 Caluire');
  await app.getByLabel('Frais de déplacement').fill('35 € HT forfaitaires');
  await expect(app.getByTestId('line-net-0')).toHaveText('750,00 €');
  // Ctrl+S saves the draft, as on an invoice: the field being typed keeps the focus.
  await app.keyboard.press('Control+s');
  await expect(app.getByRole('heading', { name: 'Brouillon de devis' })).toBeVisible();
  await expect(app.getByLabel('Frais de déplacement')).toBeFocused();
  await app.reload();
  const line = app.getByRole('group', { name: 'Ligne 1' });
  await expect(line.getByLabel('Description')).toHaveValue('Pose de carrelage');
  await expect(line.getByLabel('Quantité')).toHaveValue('12,5');
  await expect(app.getByLabel('Lieu d’exécution des travaux')).toHaveValue('8 chemin des Vignes, 69300 Caluire');
  await snap(app, 'devis-13-brouillon.png', { fullPage: true });
  await app.getByRole('button', { name: 'Émettre le devis' }).click();
  await expect(app.getByRole('heading', { name: 'Devis D2026-00001' })).toBeVisible();
  await expect(app.getByText('8 chemin des Vignes, 69300 Caluire')).toBeVisible();
  await expect(app.getByText('35 € HT forfaitaires')).toBeVisible();
  await expect(app.getByTestId('quote-gross')).toHaveText('900,00 €');
  await snap(app, 'devis-14-emis-particulier.png', { fullPage: true });
});

test('a deposit typed as an amount HT: nothing typed is said under the field, the amount is shared over the quote’s rate', async ({ app, harness }) => {
  const quote = (await api(harness, 'quote.create', { customerId: 1, date: '2026-11-20', lines: [{ description: 'Pose de faïence', kind: 'services', quantity: '1', unitPrice: '800', vatRate: '10' }], validate: true })) as { id: number };
  await api(harness, 'quote.setStatus', { id: quote.id, status: 'accepted', date: '2026-11-21' });
  await app.goto(`${harness.url}#/devis/${quote.id}`);
  await app.getByRole('button', { name: 'Facturer' }).click();
  const dialog = app.getByRole('dialog', { name: 'Facturer le devis D2026-00001' });
  // No deposit asked at the order: nothing typed, the refusal is said under the field.
  await expect(dialog.getByLabel('Pourcentage d’acompte')).toHaveValue('');
  await dialog.getByRole('button', { name: 'Créer la facture d’acompte' }).click();
  await expect(dialog.getByText('Indiquez l’acompte en pourcentage ou en montant HT (l’un des deux).')).toBeVisible();
  await dialog.getByLabel('En montant HT').check();
  await dialog.getByLabel('Montant HT de l’acompte').fill('200');
  await expect(dialog.getByTestId('asked-net')).toHaveText('200,00 €');
  await expect(dialog.getByTestId('asked-vat')).toHaveText('20,00 €');
  await expect(dialog.getByTestId('asked-gross')).toHaveText('220,00 €');
  await snap(app, 'devis-15-acompte-montant.png');
  await dialog.getByRole('button', { name: 'Créer la facture d’acompte' }).click();
  await expect(app.getByRole('heading', { name: 'Facture d’acompte F2026-00001' })).toBeVisible();
  await expect(app.getByTestId('invoice-gross')).toHaveText('220,00 €');
});
