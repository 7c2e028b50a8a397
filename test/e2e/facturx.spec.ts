import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, COMPANY, expect, SCREENSHOTS, snap, test } from './fixtures';

/**
 * « Enregistrer en Factur-X » beside « Enregistrer en PDF »: the owner saves a validated invoice as a
 * Factur-X PDF/A-3 carrying its EN 16931 XML; when the customer's file lacks what a platform needs (a
 * French business's SIREN), the preview says what to complete, in French, and saves nothing.
 */

const LINES = [
  { description: 'Table de réunion en chêne massif', quantity: '1', unitPrice: '1234.56', vatRate: '20', kind: 'goods' },
  { description: 'Livraison et montage sur site', quantity: '2', unitPrice: '85', vatRate: '10', kind: 'services' },
];
const RENDER_TIMEOUT = 30_000;

test.beforeEach(async ({ harness, app }) => {
  await api(harness, 'company.init', { ...COMPANY, iban: 'FR76 3000 6000 0112 3456 7890 189' });
  await api(harness, 'customer.create', { kind: 'business', name: 'Menuiserie Lefèvre SAS', siren: '552120222', address: { line1: '8 avenue Jean Jaurès', postcode: '69007', city: 'Lyon' }, paymentTermsDays: 30 });
  await api(harness, 'customer.create', { kind: 'business', name: 'Garage Martin', address: { line1: '2 rue Neuve', postcode: '69001', city: 'Lyon' } });
  await app.reload();
});

test('a validated invoice is saved as Factur-X from its preview: a PDF carrying factur-x.xml with its number and totals', async ({ app, harness }) => {
  test.slow();
  const invoice = (await api(harness, 'invoice.create', { customerId: 1, date: '2026-11-05', lines: LINES, validate: true })) as { id: number; number: string };
  await app.goto(`${harness.url}#/factures/${invoice.id}`);
  await app.getByRole('button', { name: 'Aperçu / Imprimer' }).click();
  const dialog = app.getByTestId('pdf-preview');
  await expect(dialog.getByTestId('pdf-page').first()).toHaveAttribute('data-rendered', 'true', { timeout: RENDER_TIMEOUT });
  await expect(dialog.getByRole('button', { name: 'Enregistrer en PDF' })).toBeVisible();
  await snap(app, '95-apercu-facturx.png');

  const [download] = await Promise.all([app.waitForEvent('download'), dialog.getByRole('button', { name: 'Enregistrer en Factur-X' }).click()]);
  expect(download.suggestedFilename()).toBe('Facture F2026-00001 Factur-X.pdf');
  const saved = join(SCREENSHOTS, '..', 'documents', 'e2e-facture-F2026-00001-factur-x.pdf');
  await download.saveAs(saved);
  const xmlPath = `${saved}.xml`;
  const detach = spawnSync('pdfdetach', ['-savefile', 'factur-x.xml', '-o', xmlPath, saved], { encoding: 'utf8' });
  expect(detach.status, detach.stderr).toBe(0);
  const xml = readFileSync(xmlPath, 'utf8');
  expect(xml).toContain('<ram:ID>F2026-00001</ram:ID>');
  expect(xml).toContain('<ram:ID>urn:cen.eu:en16931:2017</ram:ID>');
  // 1 234,56 + 170,00 HT, VAT 246,91 + 17,00: 1 668,47 € TTC, as the PDF prints it.
  expect(xml).toContain('<ram:GrandTotalAmount>1668.47</ram:GrandTotalAmount>');
  expect(xml).toContain('<ram:IBANID>FR7630006000011234567890189</ram:IBANID>');
});

test('a French business customer without SIREN: the preview says in French what to complete and saves nothing', async ({ app, harness }) => {
  const invoice = (await api(harness, 'invoice.create', { customerId: 2, date: '2026-11-05', lines: LINES, validate: true })) as { id: number };
  await app.goto(`${harness.url}#/factures/${invoice.id}`);
  await app.getByRole('button', { name: 'Aperçu / Imprimer' }).click();
  const dialog = app.getByTestId('pdf-preview');
  await expect(dialog.getByTestId('pdf-page').first()).toHaveAttribute('data-rendered', 'true', { timeout: RENDER_TIMEOUT });
  let downloads = 0;
  app.on('download', () => downloads++);
  await dialog.getByRole('button', { name: 'Enregistrer en Factur-X' }).click();
  await expect(dialog.getByTestId('facturx-error')).toContainText('le SIREN du client Garage Martin est obligatoire');
  // The plain PDF is still there to save.
  await expect(dialog.getByRole('button', { name: 'Enregistrer en PDF' })).toBeEnabled();
  expect(downloads).toBe(0);
});

test('a draft has no Factur-X button', async ({ app, harness }) => {
  const draft = (await api(harness, 'invoice.create', { customerId: 1, date: '2026-11-05', lines: LINES })) as { id: number };
  await app.goto(`${harness.url}#/factures/${draft.id}`);
  await app.getByRole('button', { name: 'Aperçu' }).first().click();
  const dialog = app.getByTestId('pdf-preview');
  await expect(dialog.getByRole('button', { name: 'Enregistrer en PDF' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Enregistrer en Factur-X' })).toHaveCount(0);
});

test('Factur-X ticked as the default in Paramètres: the preview saves Factur-X first, the plain PDF still beside it', async ({ app, harness }) => {
  test.slow();
  const invoice = (await api(harness, 'invoice.create', { customerId: 1, date: '2026-11-05', lines: LINES, validate: true })) as { id: number };
  await app.goto(`${harness.url}#/parametres`);
  const setting = app.getByRole('checkbox', { name: 'Enregistrer les factures et avoirs en Factur-X par défaut' });
  await expect(setting).not.toBeChecked();
  await setting.check();
  await snap(app, '96-parametres-facturx-par-defaut.png', { fullPage: true });
  await app.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(app.getByText('Paramètres enregistrés.')).toBeVisible();
  expect(await api(harness, 'company.get', {})).toMatchObject({ facturxDefault: true });

  await app.goto(`${harness.url}#/factures/${invoice.id}`);
  await app.getByRole('button', { name: 'Aperçu / Imprimer' }).click();
  const dialog = app.getByTestId('pdf-preview');
  await expect(dialog.getByTestId('pdf-page').first()).toHaveAttribute('data-rendered', 'true', { timeout: RENDER_TIMEOUT });
  const facturx = dialog.getByRole('button', { name: 'Enregistrer en Factur-X' });
  await expect(facturx).toHaveAttribute('data-default', 'true');
  // The main save button comes first, before the plain PDF, which is still offered.
  const saveButtons = await dialog.getByRole('button', { name: /^Enregistrer en / }).allTextContents();
  expect(saveButtons).toEqual(['Enregistrer en Factur-X', 'Enregistrer en PDF']);
  await snap(app, '97-apercu-facturx-par-defaut.png');
  const [download] = await Promise.all([app.waitForEvent('download'), facturx.click()]);
  expect(download.suggestedFilename()).toBe('Facture F2026-00001 Factur-X.pdf');
  const [plain] = await Promise.all([app.waitForEvent('download'), dialog.getByRole('button', { name: 'Enregistrer en PDF' }).click()]);
  expect(plain.suggestedFilename()).toBe('Facture F2026-00001.pdf');
});

test('without the setting, the plain PDF stays the first save button', async ({ app, harness }) => {
  const invoice = (await api(harness, 'invoice.create', { customerId: 1, date: '2026-11-05', lines: LINES, validate: true })) as { id: number };
  await app.goto(`${harness.url}#/factures/${invoice.id}`);
  await app.getByRole('button', { name: 'Aperçu / Imprimer' }).click();
  const dialog = app.getByTestId('pdf-preview');
  await expect(dialog.getByTestId('pdf-page').first()).toHaveAttribute('data-rendered', 'true', { timeout: RENDER_TIMEOUT });
  await expect(dialog.getByRole('button', { name: 'Enregistrer en Factur-X' })).toHaveAttribute('data-default', 'false');
  const saveButtons = await dialog.getByRole('button', { name: /^Enregistrer en / }).allTextContents();
  expect(saveButtons).toEqual(['Enregistrer en PDF', 'Enregistrer en Factur-X']);
});

test('the period’s Factur-X are exported from the invoice list into the folder chosen, the refused one listed with what to complete', async ({ app, harness }) => {
  test.slow();
  // Pinned on 22 November 2026 (E2E_NOW): the dialog proposes November.
  await api(harness, 'invoice.create', { customerId: 1, date: '2026-10-30', lines: LINES, validate: true });
  await api(harness, 'invoice.create', { customerId: 1, date: '2026-11-05', lines: LINES, validate: true });
  await api(harness, 'invoice.create', { customerId: 2, date: '2026-11-06', lines: LINES, validate: true });
  const info = (await api(harness, 'app.info', {})) as { folder: string };
  const folder = join(info.folder, 'plateforme-novembre');
  mkdirSync(folder);

  await app.goto(`${harness.url}#/factures`);
  await app.getByRole('button', { name: 'Exporter les Factur-X de la période' }).click();
  const dialog = app.getByRole('dialog', { name: 'Exporter les Factur-X de la période' });
  await expect(dialog.getByRole('button', { name: /^Choisir la date, la date sélectionnée est 1 nov\. 2026$/ })).toBeVisible();
  await expect(dialog.getByRole('button', { name: /^Choisir la date, la date sélectionnée est 30 nov\. 2026$/ })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Exporter les Factur-X' })).toBeDisabled();
  harness.answerDialog(folder);
  await dialog.getByRole('button', { name: 'Choisir…' }).click();
  await expect(dialog.getByLabel('Dossier de destination')).toHaveValue(folder);
  await snap(app, '98-facturx-lot-dialogue.png');
  await dialog.getByRole('button', { name: 'Exporter les Factur-X' }).click();
  await expect(dialog.getByTestId('facturx-batch-result')).toContainText('1 fichier Factur-X enregistré', { timeout: RENDER_TIMEOUT });
  await expect(dialog.getByTestId('facturx-batch-refused')).toContainText('Facture F2026-00003');
  await expect(dialog.getByTestId('facturx-batch-refused')).toContainText('le SIREN du client Garage Martin est obligatoire');
  await snap(app, '99-facturx-lot-resultat.png');
  expect(readdirSync(folder)).toEqual(['Facture F2026-00002 Factur-X.pdf']);
});

test('the receipts of services under VAT on receipts are saved as CSV from the VAT report', async ({ app, harness }) => {
  await api(harness, 'company.update', { vatRegime: 'encaissements' });
  const invoice = (await api(harness, 'invoice.create', {
    customerId: 1, date: '2026-10-01', validate: true,
    lines: [{ description: 'Audit', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'services' }],
  })) as { id: number };
  await api(harness, 'payment.record', { customerId: 1, date: '2026-10-15', amount: '600.00', method: 'transfer', allocations: [{ invoiceId: invoice.id, amount: '600.00' }] });
  // Pinned on 22 November 2026: « Mois dernier » is October, the page's default.
  await app.goto(`${harness.url}#/rapports/tva`);
  const [download] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Encaissements de la période (CSV)' }).click()]);
  expect(download.suggestedFilename()).toBe('Encaissements TVA 2026-10-01 au 2026-10-31.csv');
  const saved = join(SCREENSHOTS, '..', 'documents', 'e2e-encaissements-tva.csv');
  await download.saveAs(saved);
  // 600,00 received on 1 200,00 TTC: half of the 200,00 of VAT, 100,00, on a base of 500,00.
  expect(readFileSync(saved, 'utf8')).toBe('\uFEFFNuméro de facture;Date d’encaissement;Montant encaissé TTC;Taux de TVA;Base HT;TVA collectée\r\nF2026-00001;15/10/2026;600,00;20;500,00;100,00\r\n');
  await snap(app, '100-tva-encaissements.png');
});
