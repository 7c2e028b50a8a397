import { api, COMPANY, expect, openSection, pickCustomer, snap, test } from './fixtures';

// Issue 19's catalogue: an article typed once in Paramètres, picked on an invoice line by typing.

test.beforeEach(async ({ harness, app }) => {
  await api(harness, 'company.init', COMPANY);
  await api(harness, 'customer.create', { name: 'Boulangerie Martin', kind: 'business' });
  await app.reload();
});

test('an article added in Paramètres fills an invoice line when picked by typing, and changing it later leaves the invoice as it was', async ({ app, harness }) => {
  await openSection(app, 'Paramètres');
  await app.getByRole('tab', { name: 'Articles' }).click();
  await expect(app.getByText('Aucun article pour l’instant')).toBeVisible();
  await app.getByRole('button', { name: 'Nouvel article' }).click();
  const dialog = app.getByRole('dialog', { name: 'Nouvel article' });
  await dialog.getByLabel('Référence').fill('POSE-H');
  await dialog.getByLabel('Description').fill('Heure de pose de carrelage');
  await dialog.getByLabel('Unité').click();
  await app.getByRole('option', { name: 'heure', exact: true }).click();
  await dialog.getByLabel('Prix unitaire HT').fill('45,50');
  await dialog.getByLabel('TVA').click();
  await app.getByRole('option', { name: '10 %' }).click();
  // An expense account is refused by the main process, under the field.
  await dialog.getByLabel('Compte de produits').fill('622600');
  await dialog.getByRole('button', { name: 'Ajouter l’article' }).click();
  await expect(dialog.getByText(/n’est pas un compte de produits/)).toBeVisible();
  await snap(app, 'articles-01-compte-refuse.png');
  await dialog.getByLabel('Compte de produits').fill('');
  await dialog.getByRole('button', { name: 'Ajouter l’article' }).click();
  await expect(app.getByText('Article « Heure de pose de carrelage » ajouté au catalogue.')).toBeVisible();
  const grid = app.getByRole('grid', { name: 'Catalogue des articles' });
  await expect(grid).toContainText('45,50');
  await snap(app, 'articles-02-catalogue.png');

  // On a new invoice, typing « carrel » offers the article; picking it fills the line.
  await openSection(app, 'Factures');
  await app.getByRole('link', { name: 'Nouvelle facture' }).click();
  await pickCustomer(app, app, 'Martin');
  const line = app.getByRole('group', { name: 'Ligne 1' });
  await line.getByLabel('Description').fill('carrel');
  await app.getByRole('option', { name: /Heure de pose de carrelage/ }).click();
  await expect(line.getByLabel('Description')).toHaveValue('Heure de pose de carrelage');
  await expect(line.getByLabel('Prix unitaire HT')).toHaveValue('45,50');
  await expect(line.getByLabel('TVA')).toContainText('10 %');
  await expect(line.getByLabel('Unité')).toContainText('heure');
  await line.getByLabel('Quantité').fill('8');
  await expect(app.getByTestId('line-net-0')).toHaveText('364,00 €');
  // The entry shown is the main process's dry run of the line as filled (debounced).
  await expect(app.getByTestId('entry-preview')).toContainText('400,40');
  await snap(app, 'articles-03-ligne-remplie.png');
  await app.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await expect(app.getByRole('heading', { name: 'Brouillon de facture' })).toBeVisible();

  // The article's price changes: the saved invoice keeps its own line.
  const article = (await api(harness, 'article.list', {})) as { rows: { id: number }[] };
  await api(harness, 'article.update', { id: article.rows[0]?.id, unitPrice: '52' });
  const invoice = (await api(harness, 'invoice.get', { id: 1 })) as { lines: { unit?: string; unitPrice: string; vatRate: string }[]; totals: { gross: string } };
  expect(invoice.lines[0]).toMatchObject({ unit: 'HUR', unitPrice: '45.50', vatRate: '10' });
  expect(invoice.totals.gross).toBe('400.40');
});
