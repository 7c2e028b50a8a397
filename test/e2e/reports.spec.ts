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

test('the dashboard says what needs watching: invoices over 90 days late, VAT to recover before its deadline, the last backup', async ({ app, harness }) => {
  await api(harness, 'customer.create', { name: 'Garage Moreau', kind: 'business' });
  await api(harness, 'customer.create', { name: 'Menuiserie Leroux', kind: 'business' });
  const line = { description: 'Table', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' };
  // Doubtful since a liquidation judged on 10 March 2024: its VAT must be recovered by 31 December 2026.
  const doubtful = (await api(harness, 'invoice.create', { customerId: 2, date: '2026-01-05', dueDate: '2026-02-04', lines: [line], validate: true })) as { id: number };
  // Due 1 July: 144 days late on 22 November.
  await api(harness, 'invoice.create', { customerId: 1, date: '2026-06-01', dueDate: '2026-07-01', lines: [line], validate: true });
  await api(harness, 'doubtful.classify', { invoiceIds: [doubtful.id], date: '2026-03-01', reason: 'doubtful' });
  await api(harness, 'evidence.add', { invoiceId: doubtful.id, kind: 'court', date: '2024-03-10', note: 'Jugement d’ouverture de liquidation judiciaire' });

  await app.reload();
  await expect(app.getByTestId('watch-candidates')).toContainText('1 facture en retard de plus de 90 jours');
  await expect(app.getByTestId('watch-candidates')).toContainText('1 200,00 €');
  await expect(app.getByTestId('watch-vat-deadline')).toContainText('TVA à récupérer avant le 31/12/2026 : 200,00 €');
  await expect(app.getByTestId('watch-backup')).toContainText(/sauvegarde/);
  await snap(app, 'tableau-de-bord-a-surveiller.png', { fullPage: true });
  await app.getByTestId('watch-vat-deadline').getByRole('link', { name: 'Ouvrir' }).click();
  await expect(app.getByRole('heading', { name: /Créance douteuse F2026-00001/ })).toBeVisible();
});
