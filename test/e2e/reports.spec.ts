import { api, COMPANY, expect, openSection, snap, test } from './fixtures';

test.beforeEach(async ({ harness, app }) => {
  await api(harness, 'company.init', COMPANY);
  await app.reload();
});

test('the VAT report shows last month’s collected VAT rate by rate, as report.vat computes it, and follows the period chosen', async ({ app, harness }) => {
  await api(harness, 'customer.create', { name: 'Garage Moreau', kind: 'business' });
  const goods = (description: string, unitPrice: string, vatRate: string) => ({ description, quantity: '1', unitPrice, vatRate, kind: 'goods' });
  // October 2026: 1 000,00 at 20 % and 200,00 at 5,5 % → 200,00 + 11,00 of VAT; November: 500,00 at 20 %.
  await api(harness, 'invoice.create', { customerId: 1, date: '2026-10-15', lines: [goods('Table', '1000', '20'), goods('Livres', '200', '5.5')], validate: true });
  await api(harness, 'invoice.create', { customerId: 1, date: '2026-11-05', lines: [goods('Chaise', '500', '20')], validate: true });

  await openSection(app, 'TVA');
  await expect(app.getByRole('heading', { name: /TVA collectée du 1er octobre 2026 au 31 octobre 2026/ })).toBeVisible();
  const rows = app.getByTestId('vat-rate-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('20 %');
  await expect(rows.nth(0)).toContainText('1 000,00 €');
  await expect(rows.nth(0)).toContainText('200,00 €');
  await expect(rows.nth(1)).toContainText('5,5 %');
  await expect(rows.nth(1)).toContainText('11,00 €');
  const october = (await api(harness, 'report.vat', { from: '2026-10-01', to: '2026-10-31' })) as { total: string };
  expect(october.total).toBe('211.00');
  await expect(app.getByTestId('vat-total')).toHaveText('211,00 €');
  await snap(app, 'tva-octobre.png');

  await app.getByRole('button', { name: 'Ce mois-ci' }).click();
  await expect(app.getByRole('heading', { name: /du 1er novembre 2026 au 30 novembre 2026/ })).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(app.getByTestId('vat-total')).toHaveText('100,00 €');

  await app.getByRole('button', { name: 'Cette année' }).click();
  await expect(app.getByTestId('vat-total')).toHaveText('311,00 €');
  await snap(app, 'tva-annee.png');
});
