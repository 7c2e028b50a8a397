import { join } from 'node:path';
import { api, COMPANY, expect, openSection, SCREENSHOTS, test } from './fixtures';

test('the first-run wizard creates the company step by step, refusing a bad SIREN on the way', async ({ app, harness }) => {
  await expect(app.getByRole('heading', { name: 'Bienvenue dans Encours' })).toBeVisible();
  await app.screenshot({ path: join(SCREENSHOTS, '01-wizard-identite.png') });

  await app.getByLabel('Raison sociale ou nom commercial').fill('Atelier Dupont');
  await app.getByLabel('SIREN').fill('732 829 321');
  await app.getByRole('button', { name: 'Continuer' }).click();
  await expect(app.getByText('Ce SIREN n’existe pas')).toBeVisible();
  await app.screenshot({ path: join(SCREENSHOTS, '02-wizard-siren-faux.png') });

  await app.getByLabel('SIREN').fill('732 829 320');
  await app.getByRole('button', { name: 'Calculer' }).click();
  await expect(app.getByLabel('N° de TVA intracommunautaire')).toHaveValue('FR44732829320');
  await app.getByRole('button', { name: 'Continuer' }).click();

  await expect(app.getByRole('heading', { name: 'Adresse' })).toBeVisible();
  await app.getByRole('textbox', { name: 'Adresse', exact: true }).fill('3 rue des Lilas');
  await app.getByLabel('Code postal').fill('6900');
  await app.getByLabel('Ville').fill('Lyon');
  await app.getByRole('button', { name: 'Continuer' }).click();
  await expect(app.getByText('Un code postal français compte 5 chiffres.')).toBeVisible();
  await app.getByLabel('Code postal').fill('69003');
  await app.getByRole('button', { name: 'Continuer' }).click();

  await expect(app.getByRole('heading', { name: 'TVA et exercice' })).toBeVisible();
  await app.getByLabel(/TVA sur les encaissements/).check();
  await app.screenshot({ path: join(SCREENSHOTS, '03-wizard-tva.png') });
  await app.getByRole('button', { name: 'Continuer' }).click();

  await expect(app.getByRole('heading', { name: 'Banque' })).toBeVisible();
  await app.getByLabel('IBAN').fill('FR76 3000 6000 0112 3456 7890 189');
  // Back never loses input.
  await app.getByRole('button', { name: 'Retour' }).click();
  await expect(app.getByLabel(/TVA sur les encaissements/)).toBeChecked();
  await app.getByRole('button', { name: 'Continuer' }).click();
  await expect(app.getByLabel('IBAN')).toHaveValue('FR76 3000 6000 0112 3456 7890 189');
  await app.getByRole('button', { name: 'Continuer' }).click();

  await expect(app.getByRole('table', { name: 'Récapitulatif' })).toContainText('TVA sur les encaissements');
  await app.screenshot({ path: join(SCREENSHOTS, '04-wizard-recap.png') });
  // Nothing is written before the last step.
  await expect(api(harness, 'company.get', {})).rejects.toThrow(/NOT_FOUND/);
  await app.getByRole('button', { name: 'Créer le dossier' }).click();

  await expect(app.getByTestId('company-name')).toHaveText('Atelier Dupont');
  await expect(app.getByText('Exercice du 01/01/2026 au 31/12/2026')).toBeVisible();
  await app.screenshot({ path: join(SCREENSHOTS, '05-tableau-de-bord.png') });

  const company = (await api(harness, 'company.get', {})) as Record<string, unknown>;
  expect(company).toMatchObject({ name: 'Atelier Dupont', siren: '732829320', vatRegime: 'encaissements', iban: 'FR7630006000011234567890189' });
});

test('the settings page edits the company and shows a field error from the main process', async ({ app, harness }) => {
  await api(harness, 'company.init', COMPANY);
  await app.reload();
  await openSection(app, 'Paramètres');
  await expect(app.getByRole('heading', { name: 'Paramètres de l’entreprise' })).toBeVisible();
  await app.getByLabel('N° de TVA intracommunautaire').fill('FR00732829320');
  await app.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(app.getByText(/La clé du numéro de TVA est fausse/)).toBeVisible();
  await app.getByLabel('N° de TVA intracommunautaire').fill('');
  await app.getByLabel('IBAN').fill('FR7630006000011234567890189');
  await app.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(app.getByText('Paramètres enregistrés.')).toBeVisible();
  await app.screenshot({ path: join(SCREENSHOTS, '06-parametres.png'), fullPage: true });
  const company = (await api(harness, 'company.get', {})) as Record<string, unknown>;
  expect(company.iban).toBe('FR7630006000011234567890189');
  expect(company.vatNumber).toBeUndefined();
});
