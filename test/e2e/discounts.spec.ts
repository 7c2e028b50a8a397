import type { Locator } from '@playwright/test';
import { join } from 'node:path';
import { pdfText, squash } from '../main/documents/pdf-tools';
import { api, COMPANY, expect, pickCustomer, SCREENSHOTS, snap, test } from './fixtures';

async function fillLine(line: Locator, description: string, unitPrice: string) {
  await line.getByLabel('Description').fill(description);
  await line.getByLabel('Quantité').fill('1');
  await line.getByLabel('Prix unitaire HT').fill(unitPrice);
}

test.beforeEach(async ({ harness, app }) => {
  await api(harness, 'company.init', COMPANY);
  await api(harness, 'customer.create', { name: 'Menuiserie Leroux', kind: 'business', siren: '552120222' });
  await app.reload();
});

test('an invoice-wide discount of 3,33 % on 212,33 €: the form, the posting and the PDF say −7,07 € and add up (issue 14)', async ({ app, harness }) => {
  test.slow();
  await app.goto(`${harness.url}#/factures/nouvelle`);
  await expect(app.getByRole('heading', { name: 'Nouvelle facture' })).toBeVisible();
  await pickCustomer(app, app, 'Leroux');
  await fillLine(app.getByRole('group', { name: 'Ligne 1' }), 'Rabot électrique', '177,33');
  await app.getByRole('button', { name: 'Ajouter une ligne' }).click();
  await fillLine(app.getByRole('group', { name: 'Ligne 2' }), 'Fers de rechange', '35');
  await app.getByLabel('Remise sur toute la facture').fill('3,33');

  // By hand: 212,33 × 3,33 % = 7,070589 → 7,07; HT 205,26; VAT 41,052 → 41,05; TTC 246,31. The lines keep
  // their own amounts, the discount has its own line (as on the PDF).
  await expect(app.getByTestId('line-net-0')).toHaveText('177,33 €');
  await expect(app.getByTestId('line-net-1')).toHaveText('35,00 €');
  await expect(app.getByTestId('total-before-discount')).toHaveText('212,33 €');
  await expect(app.getByTestId('total-discount')).toHaveText('-7,07 €');
  await expect(app.getByTestId('total-net')).toHaveText('205,26 €');
  await expect(app.getByTestId('vat-20')).toHaveText('41,05 €');
  await expect(app.getByTestId('total-gross')).toHaveText('246,31 €');
  const preview = app.getByTestId('entry-preview');
  await expect(preview.getByTestId('preview-account')).toHaveText(['411', '706', '44571']);
  await expect(preview.getByTestId('preview-line').nth(1).getByTestId('preview-credit')).toHaveText('205,26 €');
  await app.evaluate(() => window.scrollTo(0, 0));
  await snap(app, 'remise-globale-formulaire.png');

  await app.getByRole('button', { name: 'Valider la facture' }).click();
  await app.getByRole('dialog', { name: 'Valider la facture ?' }).getByRole('button', { name: 'Valider et numéroter' }).click();
  await expect(app.getByRole('heading', { name: 'Facture F2026-00001' })).toBeVisible();

  await app.getByRole('button', { name: 'Aperçu / Imprimer' }).click();
  const dialog = app.getByTestId('pdf-preview');
  await expect(dialog.getByTestId('pdf-page').first()).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  await snap(app, 'remise-globale-apercu.png');
  const [download] = await Promise.all([app.waitForEvent('download'), dialog.getByRole('button', { name: 'Enregistrer en PDF' }).click()]);
  const saved = join(SCREENSHOTS, '..', 'documents', 'e2e-facture-remise-globale.pdf');
  await download.saveAs(saved);
  const text = squash(pdfText(saved));
  expect(text).toContain('Total HT avant remise 212,33 €');
  expect(text).toContain('Remise 3,33 % -7,07 €');
  expect(text).toContain('Total HT 205,26 €');
  expect(text).toContain('Total TTC 246,31 €');
});
