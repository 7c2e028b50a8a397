import { api, COMPANY, expect, openSection, pickCustomer, snap, test } from './fixtures';

// Issue 19: prices typed with tax included; the main process derives the HT prices.

test.beforeEach(async ({ harness, app }) => {
  await api(harness, 'company.init', COMPANY);
  await api(harness, 'customer.create', { name: 'Jeanne Martin', kind: 'consumer' });
  await app.reload();
});

test('an invoice typed TTC totals exactly what was typed, and a cent that cannot be reached is said before validation', async ({ app, harness }) => {
  await openSection(app, 'Factures');
  await app.getByRole('link', { name: 'Nouvelle facture' }).click();
  await pickCustomer(app, app, 'Martin');
  await app.getByLabel(/Prix saisis TTC/).check();
  const line = app.getByRole('group', { name: 'Ligne 1' });
  await line.getByLabel('Description').fill('Pose d’un escalier');
  await line.getByLabel('Prix unitaire TTC').fill('1500');
  await line.getByLabel('TVA').click();
  await app.getByRole('option', { name: '10 %' }).click();
  const totals = app.getByRole('table', { name: 'Totaux de la facture' });
  // 1 500,00 / 1,10 = 1 363,64 HT + 136,36 of VAT = 1 500,00.
  await expect(totals).toContainText('1 363,64');
  await expect(totals).toContainText('1 500,00');
  await expect(app.getByTestId('entry-preview')).toContainText('1 500,00');
  await expect(app.getByTestId('ttc-rounding')).toHaveCount(0);
  await snap(app, 'ttc-01-facture-ttc.png');

  // 120,03 € TTC at 20 %: no HT price gives it (100,02 → 120,02; 100,03 → 120,04): said, before validation.
  await line.getByLabel('Prix unitaire TTC').fill('120,03');
  await line.getByLabel('TVA').click();
  await app.getByRole('option', { name: '20 %' }).click();
  await expect(app.getByTestId('ttc-rounding')).toContainText('et non 120,03');
  await snap(app, 'ttc-02-centime.png');
  await line.getByLabel('Prix unitaire TTC').fill('120,04');
  await expect(app.getByTestId('ttc-rounding')).toHaveCount(0);
  await app.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(app.getByRole('heading', { name: 'Brouillon de facture' })).toBeVisible();
  const invoice = (await api(harness, 'invoice.get', { id: 1 })) as { lines: { unitPrice: string }[]; totals: { gross: string } };
  expect(invoice.totals.gross).toBe('120.04');
  expect(invoice.lines[0]?.unitPrice).toBe('100.03');
});
