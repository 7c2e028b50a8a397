import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../../src/main/core/context';
import { startHarness } from '../../src/main/harness/server';
import { memoryKeychain } from '../helpers/keychain';
import { api, COMPANY, E2E_NOW, expect, openSection, snap, test } from './fixtures';

const PASSPHRASE = 'cheval correct agrafe batterie';

test('Paramètres › Protection encrypts the file; reopened, the window asks for the passphrase and refuses a wrong one', async ({ app, harness }) => {
  await api(harness, 'company.init', COMPANY);
  await api(harness, 'customer.create', { name: 'Boulangerie Martin', kind: 'business' });
  await app.reload();
  await openSection(app, 'Paramètres');
  await app.getByRole('tab', { name: 'Protection' }).click();
  await expect(app.getByRole('heading', { name: 'Ce dossier n’est pas chiffré' })).toBeVisible();

  await app.getByLabel('Nouvelle phrase de passe', { exact: true }).fill('court');
  await app.getByLabel('Confirmation', { exact: true }).fill('court');
  await app.getByRole('button', { name: 'Chiffrer le dossier' }).click();
  await expect(app.getByText(/au moins 8 caractères/)).toBeVisible();
  await app.getByLabel('Nouvelle phrase de passe', { exact: true }).fill(PASSPHRASE);
  await app.getByLabel('Confirmation', { exact: true }).fill(`${PASSPHRASE}s`);
  await app.getByRole('button', { name: 'Chiffrer le dossier' }).click();
  await expect(app.getByText('La confirmation ne correspond pas à la phrase de passe : retapez-la.')).toBeVisible();
  await app.getByLabel('Confirmation', { exact: true }).fill(PASSPHRASE);
  await app.getByRole('button', { name: 'Chiffrer le dossier' }).click();
  await expect(app.getByTestId('encryption-done')).toBeVisible();
  await expect(app.getByRole('heading', { name: 'Ce dossier est protégé par une phrase de passe' })).toBeVisible();
  await snap(app, 'protection-01-chiffre.png', { fullPage: true });
  harness.file.close();
  expect(readFileSync(harness.file.path).includes(Buffer.from('Boulangerie Martin'))).toBe(false);

  // As on the next launch: the passphrase is no longer known.
  harness.file.switchTo(harness.file.path);
  await app.reload();
  await expect(app.getByRole('heading', { name: 'Dossier protégé' })).toBeVisible();
  await expect(app.getByText('Se souvenir sur cet ordinateur')).toHaveCount(0);
  await app.getByLabel('Phrase de passe', { exact: true }).fill('pas la bonne');
  await app.getByRole('button', { name: 'Ouvrir le dossier' }).click();
  await expect(app.getByText('Phrase de passe incorrecte.')).toBeVisible();
  await snap(app, 'protection-02-phrase-fausse.png');
  await app.getByLabel('Phrase de passe', { exact: true }).fill(PASSPHRASE);
  await app.getByRole('button', { name: 'Ouvrir le dossier' }).click();
  await expect(app.getByTestId('company-name')).toHaveText(COMPANY.name);
  expect(await api(harness, 'customer.list', {})).toMatchObject({ total: 1 });
});

test('where the OS keychain is available, « Se souvenir sur cet ordinateur » keeps the passphrase for the next opening', async ({ page }) => {
  const work = mkdtempSync(join(tmpdir(), 'encours-e2e-'));
  const file = join(work, 'chiffre.encours');
  const keychain = memoryKeychain();
  const options = { file, rendererDir: fileURLToPath(new URL('../../dist/renderer', import.meta.url)), now: () => new Date(E2E_NOW), log: silentLogger, keychain };
  const first = await startHarness({ ...options, passphrase: PASSPHRASE });
  await api(first, 'company.init', COMPANY);
  await first.close();
  const harness = await startHarness(options);
  try {
    await page.goto(harness.url);
    await expect(page.getByRole('heading', { name: 'Dossier protégé' })).toBeVisible();
    await page.getByLabel('Phrase de passe', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Se souvenir sur cet ordinateur').check();
    await snap(page, 'protection-03-se-souvenir.png');
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await expect(page.getByTestId('company-name')).toHaveText(COMPANY.name);
    expect(keychain.entries.get(file)).toBe(PASSPHRASE);
    // Next opening: no question.
    harness.file.switchTo(file);
    await page.reload();
    await expect(page.getByTestId('company-name')).toHaveText(COMPANY.name);
  } finally {
    await harness.close();
    rmSync(work, { recursive: true, force: true });
  }
});
