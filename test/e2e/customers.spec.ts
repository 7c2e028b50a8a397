import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { api, COMPANY, expect, openSection, SCREENSHOTS, test } from './fixtures';

test.beforeEach(async ({ harness }) => {
  await api(harness, 'company.init', COMPANY);
});

test('a customer is created, found by search, edited, and the main process’s field errors show under the fields', async ({ app, harness }) => {
  await openSection(app, 'Clients');
  await expect(app.getByText('Aucun client pour l’instant')).toBeVisible();
  await app.screenshot({ path: join(SCREENSHOTS, '10-clients-vide.png') });

  await app.getByRole('button', { name: 'Créer mon premier client' }).click();
  const dialog = app.getByRole('dialog', { name: 'Nouveau client' });
  await dialog.getByLabel('Raison sociale').fill('Société Générale du Bâtiment');
  await dialog.getByLabel('SIREN').fill('552120222');
  await dialog.getByLabel('Délai de paiement').fill('90');
  await dialog.getByRole('button', { name: 'Créer le client' }).click();
  await expect(dialog.getByText('La loi limite le délai de paiement à 60 jours')).toBeVisible();
  await dialog.getByLabel('Délai de paiement').fill('45');
  await dialog.getByLabel('Adresse', { exact: true }).fill('12 quai Perrache');
  await dialog.getByLabel('Code postal').fill('69002');
  await dialog.getByLabel('Ville').fill('Lyon');
  await dialog.getByLabel('Plafond d’encours').fill('15 000,50');
  await app.screenshot({ path: join(SCREENSHOTS, '11-client-formulaire.png') });
  await dialog.getByRole('button', { name: 'Créer le client' }).click();
  await expect(app.getByText('Client C00001 créé.')).toBeVisible();

  await api(harness, 'customer.create', { name: 'Marie Curie', kind: 'consumer', email: 'marie@example.fr' });
  await api(harness, 'customer.create', { name: 'Boulangerie Martin', kind: 'business', address: { line1: '1 place Bellecour', postcode: '69002', city: 'Lyon' } });
  await app.reload();
  const grid = app.getByRole('grid', { name: 'Liste des clients' });
  await expect(grid.getByRole('row')).toHaveCount(4);
  await expect(grid).toContainText('15 000,50 €');
  await app.screenshot({ path: join(SCREENSHOTS, '12-clients-liste.png') });

  // Search is accent- and case-insensitive, server-side.
  await app.getByLabel('Rechercher').fill('generale');
  await expect(grid.getByRole('row')).toHaveCount(2);
  await expect(grid).toContainText('Société Générale du Bâtiment');

  // Edit: a consumer cannot keep a SIREN — the dialog clears it; a wrong VAT key is refused by the main process.
  // The name opens the customer's account; the card is edited with the row's « Modifier » button.
  await grid.getByText('Société Générale du Bâtiment').click();
  await expect(app.getByRole('heading', { name: /Société Générale du Bâtiment/, level: 1 })).toBeVisible();
  await app.goBack();
  await app.getByLabel('Rechercher').fill('generale');
  await grid.getByRole('button', { name: 'Modifier Société Générale du Bâtiment' }).click();
  const edit = app.getByRole('dialog', { name: 'Modifier le client C00001' });
  await edit.getByLabel('N° de TVA').fill('FR12552120222');
  await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(edit.getByText(/La clé du numéro de TVA est fausse/)).toBeVisible();
  await edit.getByLabel('N° de TVA').fill('FR27552120222');
  await edit.getByLabel('E-mail').fill('compta@sgb.fr');
  await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(app.getByText('Client C00001 modifié.')).toBeVisible();

  await app.getByLabel('Rechercher').fill('sgb.fr');
  await expect(grid.getByRole('row')).toHaveCount(2);
  const stored = (await api(harness, 'customer.get', { id: 1 })) as Record<string, unknown>;
  expect(stored).toMatchObject({ code: 'C00001', email: 'compta@sgb.fr', vatNumber: 'FR27552120222', paymentTermsDays: 45, creditLimit: '15000.50' });
});

test('what the interface creates, the CLI reads from the same company file', async ({ app, harness }) => {
  await openSection(app, 'Clients');
  await app.getByRole('button', { name: 'Nouveau client' }).click();
  const dialog = app.getByRole('dialog', { name: 'Nouveau client' });
  await dialog.getByRole('button', { name: 'Particulier' }).click();
  await dialog.getByLabel('Nom et prénom').fill('Léa Fontaine');
  await dialog.getByRole('button', { name: 'Créer le client' }).click();
  await expect(app.getByText('Client C00001 créé.')).toBeVisible();

  const root = fileURLToPath(new URL('../..', import.meta.url));
  const stdout = execFileSync('npm', ['run', '--silent', 'cli', '--', '--file', harness.file.path, 'customer.list', '{"search":"lea"}'], { cwd: root, encoding: 'utf8' });
  const list = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { rows: { code: string; name: string; kind: string }[]; total: number };
  expect(list.total).toBe(1);
  expect(list.rows[0]).toMatchObject({ code: 'C00001', name: 'Léa Fontaine', kind: 'consumer' });
});
