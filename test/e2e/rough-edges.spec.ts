import { api, COMPANY, expect, openSection, pickCustomer, snap, test } from './fixtures';

// Issue 18's « rough edges » a newcomer hit: each checked as the owner meets it.

test.beforeEach(async ({ harness, app }) => {
  await api(harness, 'company.init', { ...COMPANY, legalForm: 'SARL', shareCapital: '7500' });
  await api(harness, 'customer.create', { name: 'Boulangerie Martin', kind: 'business' });
  await app.reload();
});

test('an entry says what wrote it in French, never a code such as « credit_note »', async ({ app, harness }) => {
  await api(harness, 'invoice.create', { customerId: 1, date: '2026-03-02', validate: true, lines: [{ description: 'Four', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }] });
  await api(harness, 'creditNote.create', { invoiceId: 1, date: '2026-03-05', reason: 'Four rendu', kind: 'cancellation', validate: true });
  await openSection(app, 'Journal');
  const grid = app.getByRole('grid', { name: 'Écritures du journal' });
  await grid.getByText(/Avoir AV2026-00001/).first().click();
  const detail = app.getByRole('dialog', { name: /Écriture n° 2/ });
  await expect(detail.getByText('Origine')).toBeVisible();
  await expect(detail).toContainText('Avoir');
  await expect(detail).not.toContainText('credit_note');
  await snap(app, 'bords-01-origine-en-francais.png');
});

test('a customer with no open invoice but money in hand is not told « ce client ne vous doit rien »', async ({ app, harness }) => {
  // 182,06 € received with no invoice to settle: kept as an advance, the account is in credit.
  await api(harness, 'payment.record', { customerId: 1, date: '2026-03-10', amount: '182.06', method: 'transfer' });
  await openSection(app, 'Clients');
  await app.getByRole('grid', { name: 'Liste des clients' }).getByText('Boulangerie Martin').click();
  await expect(app.getByRole('heading', { name: /Boulangerie Martin/, level: 1 })).toBeVisible();
  await expect(app.getByTestId('no-open-invoice')).toHaveText(/créditeur de 182,06\s€/);
  await expect(app.getByTestId('no-open-invoice')).not.toContainText('ne vous doit rien');
  await snap(app, 'bords-02-compte-crediteur.png');
});

test('the settings show the share capital as typed (« 7 500 »), not « 7500.00 »', async ({ app }) => {
  await openSection(app, 'Paramètres');
  await expect(app.getByLabel('Capital social (€)')).toHaveValue(/^7\s500$/);
  await snap(app, 'bords-03-capital.png');
});

test('a day that does not exist is refused under the date field in its own format, JJ/MM/AAAA', async ({ app }) => {
  await openSection(app, 'Journal');
  await app.getByRole('button', { name: 'Passer ma première écriture' }).click();
  const dialog = app.getByRole('dialog', { name: 'Nouvelle écriture' });
  const field = dialog.getByRole('group', { name: 'Date de l’écriture' });
  await field.getByRole('spinbutton', { name: 'Jour' }).click();
  await app.keyboard.type('31022026');
  await expect(dialog.getByText('Date invalide : indiquez un jour qui existe, au format JJ/MM/AAAA.')).toBeVisible();
  await expect(dialog).not.toContainText('AAAA-MM-JJ');
  await snap(app, 'bords-04-date-impossible.png');
});

test('the DSO page gives one headline figure with its method in plain words, the other methods as a comparison', async ({ app, harness }) => {
  await api(harness, 'invoice.create', { customerId: 1, date: '2026-09-02', validate: true, lines: [{ description: 'Pain', quantity: '1', unitPrice: '1000', vatRate: '5.5', kind: 'goods' }] });
  await openSection(app, 'DSO');
  await expect(app.getByRole('heading', { name: 'Vos clients vous paient en moyenne en' })).toBeVisible();
  await expect(app.getByTestId('dso-headline-days')).toContainText('jours');
  await expect(app.getByTestId('dso-ratio')).toContainText('C’est la méthode comptable, celle du tableau de bord');
  await expect(app.getByRole('heading', { name: 'Pour comparer : deux autres façons de le mesurer' })).toBeVisible();
  await expect(app.getByTestId('dso-average')).toContainText('jours');
  await expect(app.getByTestId('dso-countback')).toContainText('jours');
  await snap(app, 'bords-05-dso-un-chiffre.png', { fullPage: true });
});

test('Ctrl+S keeps the focus in the field being typed, and Ctrl+Entrée asks to validate the invoice', async ({ app }) => {
  await openSection(app, 'Tableau de bord');
  await app.keyboard.press('Control+n');
  await expect(app.getByRole('heading', { name: 'Nouvelle facture' })).toBeVisible();
  await pickCustomer(app, app, 'Boulangerie');
  const line1 = app.getByRole('group', { name: 'Ligne 1' });
  await line1.getByLabel('Description').fill('Farine T65');
  await line1.getByLabel('Quantité').fill('2');
  await line1.getByLabel('Prix unitaire HT').fill('30');
  await app.getByLabel('Bon de commande').fill('BC-17');
  await app.keyboard.press('Control+s');
  await expect(app.getByRole('heading', { name: 'Brouillon de facture' })).toBeVisible();
  // The saved draft opened under its own address; the focus is still in « Bon de commande », not at the page top.
  await expect.poll(() => app.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('orderRef');
  await app.keyboard.press('Control+Enter');
  await expect(app.getByRole('dialog', { name: 'Valider la facture ?' })).toBeVisible();
  await snap(app, 'bords-06-ctrl-entree.png');
});

test('leaving a filled invoice form through the menu asks first; staying keeps what was typed', async ({ app }) => {
  await openSection(app, 'Factures');
  await app.keyboard.press('Control+n');
  await expect(app.getByRole('heading', { name: 'Nouvelle facture' })).toBeVisible();
  const line1 = app.getByRole('group', { name: 'Ligne 1' });
  await line1.getByLabel('Description').fill('Croissants');
  await openSection(app, 'Clients');
  const ask = app.getByRole('dialog', { name: 'Quitter sans enregistrer ?' });
  await expect(ask).toContainText('Cette facture a des modifications qui ne sont pas enregistrées');
  await snap(app, 'bords-07-quitter-sans-enregistrer.png');
  await ask.getByRole('button', { name: 'Rester sur la page' }).click();
  await expect(line1.getByLabel('Description')).toHaveValue('Croissants');
  await openSection(app, 'Clients');
  await app.getByRole('dialog', { name: 'Quitter sans enregistrer ?' }).getByRole('button', { name: 'Quitter sans enregistrer' }).click();
  await expect(app.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
});

test('Paramètres › E-mail: the sending account is saved, and a server that does not answer is said in French', async ({ app, harness }) => {
  await openSection(app, 'Paramètres');
  await app.getByRole('tab', { name: 'E-mail' }).click();
  await expect(app.getByRole('heading', { name: 'E-mail', level: 1 })).toBeVisible();
  const form = app.getByRole('form', { name: 'Compte d’envoi' });
  await form.getByLabel('Serveur SMTP').fill('127.0.0.1');
  // A port nothing listens on: the connection test must fail, in French.
  await form.getByLabel('Port').fill('1');
  await form.getByLabel('Adresse d’expédition').fill('compta@atelier-dupont.fr');
  await form.getByRole('button', { name: /Enregistrer/ }).click();
  await expect.poll(async () => ((await api(harness, 'mail.settings.get', {})) as { host?: string }).host).toBe('127.0.0.1');
  await form.getByRole('button', { name: 'Tester la connexion' }).click();
  await expect(app.getByRole('alert').filter({ hasText: /Rien n’a été envoyé|mot de passe|joindre|serveur/ }).first()).toBeVisible();
  await snap(app, 'bords-08-parametres-e-mail.png');
});
