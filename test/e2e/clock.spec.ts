import { api, COMPANY, expect, openSection, snap, test } from './fixtures';

/*
 * One clock: the screens take "today" from the main process (app.info), never from the browser. Here the
 * main process says 23:30 UTC on 31 December 2026 (already 1 January 2027 in Paris) while the browser's
 * clock says 15 June 2026: every date the screens default to or compare with must be 1 January 2027.
 */
test.use({ now: '2026-12-31T23:30:00Z', browserNow: '2026-06-15T09:00:00Z' });

test.beforeEach(async ({ harness, app }) => {
  await api(harness, 'company.init', COMPANY);
  await api(harness, 'customer.create', { name: 'Garage Moreau', kind: 'business' });
  const goods = { description: 'Pneus', quantity: '1', unitPrice: '500', vatRate: '20', kind: 'goods' };
  await api(harness, 'invoice.create', { customerId: 1, date: '2026-12-30', dueDate: '2026-12-31', lines: [goods], validate: true });
  await app.reload();
});

test('an invoice due on 31 December shows « En retard » once it is 1 January in Paris, whatever the browser’s clock says', async ({ app }) => {
  await openSection(app, 'Factures');
  const grid = app.getByRole('grid', { name: 'Liste des factures' });
  await expect(grid.locator('[data-status="overdue"]')).toHaveText('En retard');
  await app.getByRole('button', { name: 'En retard' }).click();
  await expect(grid).toContainText('F2026-00001');
  await snap(app, 'horloge-en-retard.png');
});

test('a new invoice is dated 1 January 2027 and the VAT report’s « last month » is December 2026', async ({ app }) => {
  await openSection(app, 'Factures');
  await app.getByRole('link', { name: 'Nouvelle facture' }).click();
  await expect(app.getByRole('heading', { name: 'Nouvelle facture' })).toBeVisible();
  await expect(app.locator('input[name="date"]')).toHaveValue('01/01/2027');
  await snap(app, 'horloge-nouvelle-facture.png');

  await openSection(app, 'TVA');
  await expect(app.getByRole('heading', { name: /TVA collectée du 1er décembre 2026 au 31 décembre 2026/ })).toBeVisible();
  await expect(app.getByTestId('vat-total')).toHaveText('100,00 €');
});
