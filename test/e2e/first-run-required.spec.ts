import { expect, snap, test } from './fixtures';

// Issue 18: on the empty first-run form, « Continuer » flags every required field of the step, the SIREN included.

test('« Continuer » on the empty identity step says under the name and under the SIREN that they are needed', async ({ app }) => {
  await expect(app.getByRole('heading', { name: 'Bienvenue dans Encours' })).toBeVisible();
  // The name field has the focus (autoFocus): leaving it for the button must not swallow the click.
  await expect(app.getByLabel('Raison sociale ou nom commercial')).toBeFocused();
  await app.getByRole('button', { name: 'Continuer' }).click();
  await expect(app.getByText('Indiquez la raison sociale ou le nom de l’entreprise.')).toBeVisible();
  await expect(app.getByText('Indiquez le SIREN : il est obligatoire (9 chiffres, sur votre Kbis ou votre avis de situation INSEE).')).toBeVisible();
  await expect(app.getByLabel('SIREN')).toHaveAttribute('aria-invalid', 'true');
  await expect(app.getByRole('heading', { name: 'Identité' })).toBeVisible();
  await snap(app, 'premier-lancement-siren-requis.png');
});
