import { api, COMPANY, expect, openSection, snap, test } from './fixtures';

// Issue 18: leaving a filled form drops nothing silently — the credit note, the payment, the customer dialog.

test.beforeEach(async ({ harness, app }) => {
  await api(harness, 'company.init', COMPANY);
  await api(harness, 'customer.create', { name: 'Boulangerie Martin', kind: 'business' });
  await api(harness, 'invoice.create', { customerId: 1, date: '2026-11-02', lines: [{ description: 'Croissants', quantity: '100', unitPrice: '1.20', vatRate: '5.5', kind: 'goods' }], validate: true });
  await app.reload();
});

test('a credit note being typed: leaving through the menu asks, staying keeps the text, leaving drops it', async ({ app, harness }) => {
  await app.goto(`${harness.url}#/avoirs/nouveau?facture=1`);
  await app.reload();
  await app.getByLabel('Motif').fill('Marchandise retournée');
  await openSection(app, 'Clients');
  const ask = app.getByRole('dialog', { name: 'Quitter sans enregistrer ?' });
  await expect(ask).toContainText('Cet avoir a des modifications qui ne sont pas enregistrées');
  await snap(app, 'garde-01-avoir.png');
  await ask.getByRole('button', { name: 'Rester sur la page' }).click();
  await expect(app.getByLabel('Motif')).toHaveValue('Marchandise retournée');
  await openSection(app, 'Clients');
  await app.getByRole('dialog', { name: 'Quitter sans enregistrer ?' }).getByRole('button', { name: 'Quitter sans enregistrer' }).click();
  await expect(app.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
});

test('a payment being typed asks before leaving; an untouched one leaves at once', async ({ app, harness }) => {
  await app.goto(`${harness.url}#/reglements/nouveau`);
  await app.reload();
  await expect(app.getByLabel('Montant reçu')).toBeVisible();
  // Nothing typed: no question.
  await openSection(app, 'Factures');
  await expect(app.getByRole('dialog', { name: 'Quitter sans enregistrer ?' })).toHaveCount(0);
  await expect(app.getByRole('heading', { name: 'Factures', level: 1 })).toBeVisible();

  await app.goto(`${harness.url}#/reglements/nouveau`);
  await app.getByLabel('Montant reçu').fill('126,60');
  await openSection(app, 'Factures');
  const ask = app.getByRole('dialog', { name: 'Quitter sans enregistrer ?' });
  await expect(ask).toContainText('Ce règlement a des modifications qui ne sont pas enregistrées');
  await ask.getByRole('button', { name: 'Rester sur la page' }).click();
  await expect(app.getByLabel('Montant reçu')).toHaveValue('126,60');
});

test('the customer dialog asks before closing (Annuler or Escape) on what was typed; untouched, it closes at once', async ({ app }) => {
  await openSection(app, 'Clients');
  await app.getByRole('button', { name: 'Nouveau client' }).click();
  const dialog = app.getByRole('dialog', { name: 'Nouveau client' });
  // Untouched: Annuler closes at once.
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  await expect(dialog).toBeHidden();

  await app.getByRole('button', { name: 'Nouveau client' }).click();
  await dialog.getByLabel('Raison sociale').fill('Garage Moreau');
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  const ask = app.getByRole('dialog', { name: 'Fermer sans enregistrer ?' });
  await expect(ask).toContainText('Ce nouveau client a des modifications qui ne sont pas enregistrées');
  await snap(app, 'garde-02-client.png');
  await ask.getByRole('button', { name: 'Continuer la saisie' }).click();
  await expect(dialog.getByLabel('Raison sociale')).toHaveValue('Garage Moreau');
  // Escape asks too.
  await app.keyboard.press('Escape');
  await ask.getByRole('button', { name: 'Fermer sans enregistrer' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByRole('grid')).not.toContainText('Garage Moreau');
});
