import type { Page } from '@playwright/test';
import { api, COMPANY, expect, openSection, snap, test } from './fixtures';

// Issue 18's remaining rough edges: narrow columns' error messages, the write-off wizard's date field.

test.beforeEach(async ({ harness, app }) => {
  await api(harness, 'company.init', COMPANY);
  await api(harness, 'customer.create', { name: 'Menuiserie Leroux', kind: 'business', siren: '552120222' });
  await app.reload();
});

async function widthOf(page: Page, testId: string) {
  const box = await page.getByTestId(testId).boundingBox();
  return box?.width ?? 0;
}

test('an invoice line’s error is said at the line’s width, not squeezed under its narrow column', async ({ app }) => {
  await openSection(app, 'Factures');
  await app.keyboard.press('Control+n');
  const line1 = app.getByRole('group', { name: 'Ligne 1' });
  await line1.getByLabel('Description').fill('Fenêtres');
  await line1.getByLabel('Quantité').fill('deux');
  await line1.getByLabel('Prix unitaire HT').click();
  const below = line1.getByTestId('field-errors-below');
  await expect(below).toContainText('Quantité :');
  await expect(line1.getByLabel('Quantité')).toHaveAttribute('aria-invalid', 'true');
  // One sentence across the line (the quantity column is 90 px wide), on one or two lines at most.
  expect(await widthOf(app, 'field-errors-below')).toBeGreaterThan(400);
  const box = await below.boundingBox();
  expect(box?.height ?? 100).toBeLessThan(40);
  await line1.scrollIntoViewIfNeeded();
  await snap(app, 'bords-20-erreur-ligne.png');
  // Corrected: its message goes (the price, left empty, still says its own, once).
  await line1.getByLabel('Quantité').fill('2');
  await expect(below).not.toContainText('Quantité');
  await expect(below).toHaveText('Prix unitaire HT : un nombre positif avec au plus 4 décimales.');
  await line1.getByLabel('Prix unitaire HT').fill('450');
  await expect(below).toHaveCount(0);
});

test('the write-off wizard’s dates take a whole year typed at a person’s pace, digit by digit', async ({ app, harness }) => {
  await api(harness, 'invoice.create', { customerId: 1, date: '2026-03-02', lines: [{ description: 'Fenêtres', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }], validate: true });
  await api(harness, 'doubtful.classify', { invoiceIds: [1], date: '2026-06-01', reason: 'doubtful' });
  await api(harness, 'doubtful.provision', { invoiceId: 1, date: '2026-06-01', riskPercent: '50' });
  await openSection(app, 'Créances douteuses');
  await app.getByRole('tab', { name: 'Créances douteuses' }).click();
  await app.getByRole('grid', { name: 'Créances douteuses en cours' }).getByRole('link', { name: 'Passer en perte' }).click();
  for (const [label, digits, shown] of [
    ['Date du passage en perte', '21112026', ['21', '11', '2026']],
    ['Date du jugement de liquidation', '16112026', ['16', '11', '2026']],
  ] as const) {
    const group = app.getByRole('group', { name: label });
    await group.getByRole('spinbutton', { name: 'Jour' }).click();
    await app.keyboard.type(digits, { delay: 120 });
    await expect(group.getByRole('spinbutton', { name: 'Jour' })).toHaveText(shown[0]);
    await expect(group.getByRole('spinbutton', { name: 'Mois' })).toHaveText(shown[1]);
    await expect(group.getByRole('spinbutton', { name: 'Année' })).toHaveText(shown[2]);
    // The year alone, typed again over the one shown.
    await group.getByRole('spinbutton', { name: 'Année' }).click();
    await app.keyboard.type('2025', { delay: 300 });
    await expect(group.getByRole('spinbutton', { name: 'Année' })).toHaveText('2025');
  }
  await snap(app, 'bords-21-dates-passage-en-perte.png');
});
