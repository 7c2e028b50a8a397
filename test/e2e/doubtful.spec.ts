import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import type { Harness } from '../../src/main/harness/server';
import { pdfText, squash } from '../main/documents/pdf-tools';
import { api, COMPANY, expect, openSection, SCREENSHOTS, snap, test } from './fixtures';

/** Types a date into an MUI date field (JJ/MM/AAAA sections), as a keyboard user does. */
async function typeDate(scope: Locator | Page, label: string, ddmmyyyy: string) {
  await scope.getByRole('group', { name: label }).getByRole('spinbutton', { name: 'Jour' }).click();
  const page = 'page' in scope ? scope.page() : scope;
  await page.keyboard.type(ddmmyyyy.replace(/\//g, ''));
}

async function shot(page: Page, file: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const size = page.viewportSize() ?? { width: 1366, height: 860 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (height > size.height) await page.setViewportSize({ width: size.width, height });
  await snap(page, file);
  await page.setViewportSize(size);
}

type Entry = { id: number; journal: string; lines: { account: string; aux?: string; debit: string; credit: string }[] };

/** Balance (debit − credit) of an account in the trial balance, as a decimal string. */
async function balance(harness: Harness, account: string): Promise<string> {
  const tb = (await api(harness, 'report.trialBalance', {})) as { rows: { account: string; balance: string }[] };
  return tb.rows.find((r) => r.account === account)?.balance ?? '0.00';
}

async function entries(harness: Harness, journal: string): Promise<Entry[]> {
  return ((await api(harness, 'ledger.entries', { journal, limit: 100 })) as { rows: Entry[] }).rows;
}

/** The preview panel's lines, as [account, debit, credit] in French format. */
async function previewLines(scope: Locator) {
  return scope.getByTestId('preview-line').evaluateAll((rows) =>
    rows.map((r) => [
      r.querySelector('[data-testid="preview-account"]')?.textContent ?? '',
      r.querySelector('[data-testid="preview-debit"]')?.textContent ?? '',
      r.querySelector('[data-testid="preview-credit"]')?.textContent ?? '',
    ]),
  );
}

const euro = (s: string) => (Number(s) === 0 ? '' : `${Number(s).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`);
const asPreview = (e: Entry) => e.lines.map((l) => [l.account, euro(l.debit), euro(l.credit)]);
const norm = (rows: string[][]) => rows.map((r) => r.map((c) => c.replace(/\s/g, ' ')));

test.beforeEach(async ({ harness, app }) => {
  await api(harness, 'company.init', COMPANY);
  await api(harness, 'customer.create', { name: 'Menuiserie Leroux', kind: 'business', siren: '552120222' });
  await app.reload();
});

test('path 1: two overdue invoices classified and provisioned through the wizard; bad rates refused; the ledger to the cent', async ({ app, harness }) => {
  test.slow();
  // 12 000 TTC (10 000 HT) due long ago, with a reminder recorded; and a second one, 2 400 TTC.
  await api(harness, 'invoice.create', { customerId: 1, date: '2026-05-04', lines: [{ description: 'Agencement boutique', quantity: '1', unitPrice: '10000', vatRate: '20', kind: 'goods' }], validate: true });
  await api(harness, 'invoice.create', { customerId: 1, date: '2026-06-10', lines: [{ description: 'Escalier', quantity: '1', unitPrice: '2000', vatRate: '20', kind: 'goods' }], validate: true });
  await api(harness, 'evidence.add', { invoiceId: 1, kind: 'reminder', date: '2026-07-15', note: 'Relance par courriel restée sans réponse' });

  await openSection(app, 'Créances douteuses');
  await expect(app.getByRole('heading', { name: 'Créances douteuses', level: 1 })).toBeVisible();
  const grid = app.getByRole('grid', { name: 'Factures à examiner' });
  await expect(grid.getByText('F2026-00001')).toBeVisible();
  await expect(grid.getByText('1 relance')).toBeVisible();
  await shot(app, 'douteuses-80-creances-a-examiner.png');
  // One tick at a time, each seen by the page before the next (a second click while the grid is still
  // re-rendering the first could land on a checkbox about to be replaced).
  await grid.getByRole('row', { name: /F2026-00001/ }).getByRole('checkbox').check();
  await expect(app.getByRole('button', { name: 'Classer en douteuse (1)' })).toBeEnabled();
  await grid.getByRole('row', { name: /F2026-00002/ }).getByRole('checkbox').click();
  await expect(grid.getByRole('row', { name: /F2026-00002/ }).getByRole('checkbox')).toBeChecked();
  await app.getByRole('button', { name: 'Classer en douteuse (2)' }).click();

  // 1 — the invoices, preselected.
  await expect(app.getByRole('heading', { name: 'Classer en créance douteuse' })).toBeVisible();
  await expect(app.getByRole('checkbox', { name: 'Choisir la facture F2026-00001' })).toBeChecked();
  await expect(app.getByTestId('step-intro')).toContainText('Un retard seul ne suffit pas');
  await shot(app, 'douteuses-81-assistant-1-factures.png');
  await app.getByRole('button', { name: 'Suivant' }).click();

  // 2 — qualify, with the evidence: the reminder is there, the formal notice is missing, then added.
  await app.getByLabel('Motif (facultatif)').fill('Le client ne répond plus, chantier arrêté');
  const ev1 = app.getByTestId('evidence-1');
  await expect(ev1).toContainText('Relance par courriel restée sans réponse');
  await expect(ev1.getByTestId('missing-evidence')).toContainText('Pas de mise en demeure');
  await ev1.getByLabel('Description').fill('Mise en demeure LRAR du 2 octobre');
  await ev1.getByRole('button', { name: 'Ajouter la pièce' }).click();
  await expect(ev1).toContainText('enregistrée à la dernière étape');
  await expect(ev1.getByTestId('missing-evidence')).toHaveCount(0);
  await shot(app, 'douteuses-82-assistant-2-qualification.png');
  await app.getByRole('button', { name: 'Suivant' }).click();

  // 3 — the 411 → 416 entries, per invoice.
  const preview = app.getByTestId('entry-preview');
  await expect(preview).toContainText('Créance douteuse F2026-00001');
  expect(norm(await previewLines(preview))).toEqual(norm([['416', euro('12000'), ''], ['411', '', euro('12000')], ['416', euro('2400'), ''], ['411', '', euro('2400')]]));
  await shot(app, 'douteuses-83-assistant-3-reclassement.png');
  await app.getByRole('button', { name: 'Suivant' }).click();

  // 4 — bad rates: French errors under the fields, nothing goes further.
  const row1 = app.getByTestId('estimate-1');
  const row2 = app.getByTestId('estimate-2');
  await row1.getByLabel('Risque %').fill('150');
  await row1.getByLabel('Assuré %').fill('120');
  await expect(row1.getByText(/Taux invalide : un pourcentage entre 0 et 100/)).toHaveCount(2);
  await row1.getByLabel('Risque %').fill('100,5');
  await expect(row1.getByText('Taux invalide : un pourcentage entre 0 et 100.').first()).toBeVisible();
  await app.getByRole('button', { name: 'Suivant' }).click();
  await expect(app.getByTestId('estimate-1')).toBeVisible();
  await shot(app, 'douteuses-84-assistant-4-taux-invalides.png');
  expect((await entries(harness, 'OD')).length).toBe(0);

  // Back and forth keeps what was typed.
  await app.getByRole('button', { name: 'Retour' }).click();
  await app.getByRole('button', { name: 'Retour' }).click();
  await expect(app.getByLabel('Motif (facultatif)')).toHaveValue('Le client ne répond plus, chantier arrêté');
  await expect(app.getByTestId('evidence-1')).toContainText('Mise en demeure LRAR du 2 octobre');
  await app.getByRole('button', { name: 'Suivant' }).click();
  await app.getByRole('button', { name: 'Suivant' }).click();
  await expect(row1.getByLabel('Assuré %')).toHaveValue('120');

  // 80 % risk, 50 % insured on 10 000 HT → 4 000; 25 % on 2 000 HT → 500.
  await row1.getByLabel('Risque %').fill('80');
  await row1.getByLabel('Assuré %').fill('50');
  await row2.getByLabel('Risque %').fill('25');
  await expect(row1.getByTestId('estimate-target')).toContainText(/4\s000,00/);
  await expect(row2.getByTestId('estimate-target')).toContainText('500,00');
  await expect(preview).toContainText('Dotation dépréciation F2026-00001');
  expect(norm(await previewLines(preview))).toEqual(norm([['68174', euro('4000'), ''], ['491', '', euro('4000')], ['68174', euro('500'), ''], ['491', '', euro('500')]]));
  await shot(app, 'douteuses-85-assistant-4-depreciation.png');
  await app.getByRole('button', { name: 'Suivant' }).click();

  // 5 — recap; nothing posted yet.
  await expect(app.getByTestId('recap-moved')).toContainText('14');
  await expect(app.getByTestId('recap-provision')).toContainText('4');
  const shown = norm(await previewLines(app.getByTestId('entry-preview')));
  expect((await entries(harness, 'OD')).length).toBe(0);
  await shot(app, 'douteuses-86-assistant-5-recapitulatif.png');
  await app.getByRole('button', { name: /Classer 2 factures et passer 4\s500,00\s€ de dépréciation/ }).click();
  await expect(app.getByTestId('wizard-result')).toContainText('2 factures classées');
  await shot(app, 'douteuses-87-assistant-resultat.png');

  // The ledger: what was previewed is what was posted, to the cent.
  const od = await entries(harness, 'OD');
  expect(norm(od.flatMap(asPreview))).toEqual(shown);
  expect(await balance(harness, '416')).toBe('14400.00');
  expect(await balance(harness, '411')).toBe('0.00');
  expect(await balance(harness, '491')).toBe('-4500.00');
  expect(await balance(harness, '68174')).toBe('4500.00');
  const ev = (await api(harness, 'evidence.list', { invoiceId: 1 })) as { rows: { kind: string }[] };
  expect(ev.rows.map((r) => r.kind)).toEqual(['reminder', 'formal_notice']);

  // The doubtful list, the year-end review and the state of provisions follow.
  await app.getByRole('link', { name: 'Voir les créances douteuses' }).click();
  await expect(app.getByRole('grid', { name: 'Créances douteuses en cours' }).getByText('F2026-00001')).toBeVisible();
  await shot(app, 'douteuses-88-creances-douteuses.png');
  await app.getByRole('tab', { name: 'Revue de fin d’exercice' }).click();
  await app.getByLabel('Risque % F2026-00002').fill('10');
  await expect(app.getByTestId('review-reprises')).toContainText('300,00');
  await shot(app, 'douteuses-89-revue-fin-exercice.png');
  await app.getByRole('tab', { name: 'Matrice de dépréciation' }).click();
  await expect(app.getByTestId('matrix-total')).toContainText(/3\s600,00/);
  await shot(app, 'douteuses-90-matrice.png');
  // A suggestion turned into an individual provision: the re-estimate opens with the matrix's rate.
  await app.getByRole('grid', { name: 'Suggestions de la matrice' }).getByRole('row', { name: /F2026-00001/ }).getByRole('button', { name: 'Déprécier cette facture…' }).click();
  await expect(app.getByLabel('Risque %')).toHaveValue('30');
  await expect(app.getByTestId('reestimate-formula')).toContainText(/reprise de 2\s500,00/);
  await openSection(app, 'État des provisions');
  await expect(app.getByTestId('provisions-total')).toContainText(/4\s500,00/);
  await expect(app.getByTestId('provisions-dotations')).toContainText(/4\s500,00/);
  await shot(app, 'douteuses-91-etat-des-provisions.png');
});

test('path 2: a doubtful invoice written off after liquidation; loss, VAT and reversal to the cent; the duplicate offered', async ({ app, harness }) => {
  test.slow();
  await api(harness, 'invoice.create', { customerId: 1, date: '2026-03-02', lines: [{ description: 'Fenêtres', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }], validate: true });
  await api(harness, 'doubtful.classify', { invoiceIds: [1], date: '2026-06-01', reason: 'doubtful' });
  await api(harness, 'doubtful.provision', { invoiceId: 1, date: '2026-06-01', riskPercent: '50' });

  // From the invoice's page: its doubtful-debt screen; first a re-estimate, 50 % → 80 %: dotation 300.
  await openSection(app, 'Factures');
  await app.getByRole('grid', { name: 'Liste des factures' }).getByText('F2026-00001').click();
  await app.getByRole('link', { name: 'Créance douteuse…' }).click();
  await expect(app.getByTestId('fact-provision')).toContainText('500,00');
  await app.getByLabel('Risque %').fill('80');
  await app.getByLabel('Justification').fill('Le mandataire annonce un passif très supérieur à l’actif');
  await expect(app.getByTestId('reestimate-formula')).toContainText(/dotation de 300,00/);
  const re = norm(await previewLines(app.getByTestId('entry-preview')));
  expect(re).toEqual(norm([['68174', euro('300'), ''], ['491', '', euro('300')]]));
  await shot(app, 'douteuses-91b-reestimation.png');
  await app.getByRole('button', { name: /Passer une dotation de 300,00/ }).click();
  await app.getByRole('dialog', { name: 'Confirmer la réestimation' }).getByRole('button', { name: 'Confirmer' }).click();
  await expect(app.getByTestId('wizard-result')).toContainText(/Dotation de 300,00/);
  expect(await balance(harness, '491')).toBe('-800.00');

  // Then the write-off, from the list of doubtful invoices.
  await app.getByRole('link', { name: 'Retour aux créances douteuses' }).click();
  await app.getByRole('grid', { name: 'Créances douteuses en cours' }).getByRole('link', { name: 'Passer en perte' }).click();
  await expect(app.getByTestId('fact-provision')).toContainText('800,00');
  await expect(app.getByTestId('step-intro')).toContainText('définitivement irrécouvrable');

  // A judgment after the write-off date is refused under its field.
  await typeDate(app, 'Date du jugement de liquidation', '30/11/2026');
  await app.getByRole('button', { name: 'Suivant' }).click();
  await expect(app.getByText('Le jugement ne peut pas être postérieur au passage en perte.')).toBeVisible();
  await typeDate(app, 'Date du jugement de liquidation', '16/11/2026');
  const ev = app.getByTestId('evidence-1');
  await expect(ev.getByTestId('missing-evidence')).toContainText('jugement de liquidation');
  await ev.getByRole('combobox', { name: 'Nature de la pièce' }).click();
  await app.getByRole('option', { name: 'Décision de justice' }).click();
  await ev.getByLabel('Description').fill('Jugement de liquidation du tribunal de commerce de Lyon');
  await ev.getByRole('button', { name: 'Ajouter la pièce' }).click();
  await expect(ev.getByTestId('missing-evidence')).toHaveCount(0);
  await shot(app, 'douteuses-92-perte-1-motif.png');
  await app.getByRole('button', { name: 'Suivant' }).click();

  // The loss, the VAT regularisation and the reversal, previewed.
  const preview = app.getByTestId('entry-preview');
  await expect(preview).toContainText('Créance irrécouvrable F2026-00001');
  const shown = norm(await previewLines(preview));
  expect(shown).toEqual(norm([['6541', euro('1000'), ''], ['44571', euro('200'), ''], ['416', '', euro('1200')], ['491', euro('800'), ''], ['78174', '', euro('800')]]));
  await expect(app.getByTestId('writeoff-preview-summary')).toContainText('31/12/2028');
  await expect(app.getByTestId('writeoff-preview-summary')).toContainText(/TVA collectée par taux : 20\s%\s200,00/);
  await shot(app, 'douteuses-93-perte-2-ecritures.png');
  await app.getByRole('button', { name: 'Suivant' }).click();
  const post = app.getByRole('button', { name: 'Passer F2026-00001 en perte' });
  await expect(post).toBeDisabled();
  await app.getByRole('checkbox', { name: /définitivement irrécouvrable/ }).check();
  await shot(app, 'douteuses-94-perte-3-confirmation.png');
  expect((await entries(harness, 'OD')).length).toBe(3);
  await post.click();
  await expect(app.getByTestId('wizard-result')).toContainText('passée en perte');
  await expect(app.getByTestId('duplicate-272')).toBeVisible();
  await shot(app, 'douteuses-95-perte-resultat.png');

  // The Article 272 duplicate, previewed in the app.
  await app.getByRole('button', { name: 'Imprimer le duplicata article 272' }).click();
  const dialog = app.getByTestId('pdf-preview');
  await expect(dialog.getByRole('heading', { name: 'Duplicata article 272 — facture F2026-00001' })).toBeVisible();
  await expect(dialog.getByTestId('pdf-page').first()).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  await snap(app, 'douteuses-96-duplicata-272.png');
  await app.keyboard.press('Escape');
  await app.getByRole('button', { name: 'État récapitulatif du client' }).click();
  await expect(dialog.getByTestId('pdf-page').first()).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  await snap(app, 'douteuses-97-etat-recapitulatif.png');
  await app.keyboard.press('Escape');

  const od = await entries(harness, 'OD');
  expect(od.length).toBe(4);
  expect(norm(asPreview(od[od.length - 1] as Entry))).toEqual(shown);
  expect(norm(asPreview(od[2] as Entry))).toEqual(re);
  expect(await balance(harness, '416')).toBe('0.00');
  expect(await balance(harness, '491')).toBe('0.00');
  expect(await balance(harness, '6541')).toBe('1000.00');
  expect(await balance(harness, '78174')).toBe('-800.00');
  expect(await balance(harness, '68174')).toBe('800.00');
  expect(await balance(harness, '44571')).toBe('0.00');
});

test('a write-off past the VAT recovery window: the French explanation, then the VAT confirmed as loss; no duplicate', async ({ app, harness }) => {
  await api(harness, 'invoice.create', { customerId: 1, date: '2026-01-15', lines: [{ description: 'Parquet', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }], validate: true });
  await api(harness, 'doubtful.classify', { invoiceIds: [1], date: '2026-03-01', reason: 'doubtful' });
  await openSection(app, 'Créances douteuses');
  await app.getByRole('tab', { name: 'Créances douteuses' }).click();
  await app.getByRole('grid', { name: 'Créances douteuses en cours' }).getByRole('link', { name: 'Passer en perte' }).click();
  // A liquidation pronounced in 2023: the VAT could be recovered until 31 December 2025 only.
  await typeDate(app, 'Date du jugement de liquidation', '10/05/2023');
  await app.getByRole('button', { name: 'Suivant' }).click();
  const warning = app.getByTestId('vat-window');
  await expect(warning).toContainText('Le délai pour récupérer la TVA a expiré le 31/12/2025');
  await expect(app.getByRole('button', { name: 'Suivant' })).toBeDisabled();
  await shot(app, 'douteuses-98-delai-tva-depasse.png');
  await warning.getByRole('checkbox', { name: /la TVA est passée en perte/ }).check();
  const preview = app.getByTestId('entry-preview');
  await expect(preview).toBeVisible();
  expect(norm(await previewLines(preview))).toEqual(norm([['6541', euro('1200'), ''], ['416', '', euro('1200')]]));
  await app.getByRole('button', { name: 'Suivant' }).click();
  await app.getByRole('checkbox', { name: /définitivement irrécouvrable/ }).check();
  await app.getByRole('button', { name: 'Passer F2026-00001 en perte' }).click();
  await expect(app.getByTestId('no-duplicate')).toContainText('la TVA a été passée en perte');
  await shot(app, 'douteuses-99-perte-sans-tva.png');
  expect(await balance(harness, '6541')).toBe('1200.00');
  expect(await balance(harness, '44571')).toBe('-200.00');
  expect(await balance(harness, '416')).toBe('0.00');
});

test('a write-off after a credit note on the 20 % part: the VAT left at each rate in the preview, the posting and the Article 272 duplicate (issue 14)', async ({ app, harness }) => {
  test.slow();
  // 2 500,00 HT at 20 % and 1 000,00 HT at 10 %: 4 100,00 TTC. Credit note 500,00 HT at 20 % (600,00 TTC), then 200,00 paid.
  await api(harness, 'invoice.create', { customerId: 1, date: '2026-03-02', validate: true, lines: [{ description: 'Charpente en chêne', quantity: '1', unitPrice: '2500', vatRate: '20', kind: 'goods' }, { description: 'Bois de chauffage', quantity: '1', unitPrice: '1000', vatRate: '10', kind: 'goods' }] });
  await api(harness, 'creditNote.create', { invoiceId: 1, date: '2026-03-20', reason: 'Poutre refusée', kind: 'cancellation', lines: [{ description: 'Poutre refusée', quantity: '1', unitPrice: '500', vatRate: '20', kind: 'goods' }], validate: true });
  await api(harness, 'payment.record', { customerId: 1, date: '2026-04-10', amount: '200', method: 'transfer', allocations: [{ invoiceId: 1, amount: '200' }] });
  await api(harness, 'doubtful.classify', { invoiceIds: [1], date: '2026-06-01', reason: 'doubtful' });
  await api(harness, 'doubtful.provision', { invoiceId: 1, date: '2026-06-01', riskPercent: '50' });
  // By hand: left 2 400,00 at 20 % and 1 100,00 at 10 %; the 200,00 takes 137,14 and 62,86. Left 2 262,86 with
  // 377,14 of VAT and 1 037,14 with 94,29: 471,43 of VAT, 2 828,57 HT (the invoice's proportions said 482,93 and 2 817,07).
  // Provision: 2 828,57 × 50 % = 1 414,285 → 1 414,29.

  await openSection(app, 'Créances douteuses');
  await app.getByRole('tab', { name: 'Créances douteuses' }).click();
  await app.getByRole('grid', { name: 'Créances douteuses en cours' }).getByRole('link', { name: 'Passer en perte' }).click();
  await expect(app.getByTestId('fact-ht')).toContainText(/2\s828,57/);
  await expect(app.getByTestId('fact-provision')).toContainText(/1\s414,29/);
  await typeDate(app, 'Date du jugement de liquidation', '16/11/2026');
  await app.getByRole('button', { name: 'Suivant' }).click();

  const preview = app.getByTestId('entry-preview');
  await expect(preview).toContainText('Créance irrécouvrable F2026-00001');
  const shown = norm(await previewLines(preview));
  expect(shown).toEqual(norm([['6541', euro('2828.57'), ''], ['44571', euro('471.43'), ''], ['416', '', euro('3300')], ['491', euro('1414.29'), ''], ['78174', '', euro('1414.29')]]));
  await expect(app.getByTestId('writeoff-preview-summary')).toContainText(/TVA collectée par taux : 20\s%\s377,14\s€ ; 10\s%\s94,29\s€/);
  await shot(app, 'douteuses-100-perte-apres-avoir-ecritures.png');
  await app.getByRole('button', { name: 'Suivant' }).click();
  await app.getByRole('checkbox', { name: /définitivement irrécouvrable/ }).check();
  await app.getByRole('button', { name: 'Passer F2026-00001 en perte' }).click();
  await expect(app.getByTestId('wizard-result')).toContainText('passée en perte');

  const od = await entries(harness, 'OD');
  expect(norm(asPreview(od[od.length - 1] as Entry))).toEqual(shown);
  // What stays on 44571 is the VAT of what was paid: 600 − 100 − 471,43 = 28,57 = 22,86 (137,14 at 20 %) + 5,71 (62,86 at 10 %).
  expect(await balance(harness, '44571')).toBe('-28.57');

  await app.getByRole('button', { name: 'Imprimer le duplicata article 272' }).click();
  const dialog = app.getByTestId('pdf-preview');
  await expect(dialog.getByTestId('pdf-page').first()).toHaveAttribute('data-rendered', 'true', { timeout: 30_000 });
  await snap(app, 'douteuses-101-duplicata-272-apres-avoir.png');
  const [download] = await Promise.all([app.waitForEvent('download'), dialog.getByRole('button', { name: 'Enregistrer en PDF' }).click()]);
  const saved = join(SCREENSHOTS, '..', 'documents', 'e2e-duplicata-272-apres-avoir.pdf');
  await download.saveAs(saved);
  expect(squash(pdfText(saved))).toContain('Facture demeurée impayée pour la somme de 2 828,57 € (prix net) et pour la somme de 471,43 € (TVA correspondante)');
});

test('the state of provisions after a payment: what is owed now, the provision above the HT owed, and the re-estimate offered (issue 14)', async ({ app, harness }) => {
  test.slow();
  // 10 000,00 HT + 2 000,00 VAT, provisioned at 80 %: 8 000,00. Then 7 200,00 paid: 4 800,00 owed, 4 000,00 HT.
  await api(harness, 'invoice.create', { customerId: 1, date: '2026-03-02', validate: true, lines: [{ description: 'Agencement boutique', quantity: '1', unitPrice: '10000', vatRate: '20', kind: 'goods' }] });
  await api(harness, 'doubtful.classify', { invoiceIds: [1], date: '2026-06-01', reason: 'doubtful' });
  await api(harness, 'doubtful.provision', { invoiceId: 1, date: '2026-06-01', riskPercent: '80' });
  await api(harness, 'payment.record', { customerId: 1, date: '2026-09-15', amount: '7200', method: 'transfer', allocations: [{ invoiceId: 1, amount: '7200' }] });

  await openSection(app, 'État des provisions');
  const row = app.getByTestId('provisions-row');
  await expect(row.getByTestId('provisions-outstanding')).toContainText(/4\s800,00/);
  await expect(row.getByTestId('provisions-outstanding-ht')).toContainText(/4\s000,00/);
  await expect(app.getByTestId('provisions-to-redo')).toContainText('Une dépréciation ne correspond plus');
  const warnings = app.getByTestId('provisions-redo').getByTestId('provisions-warning');
  await expect(warnings.first()).toContainText(/7\s200,00\s€ réglés depuis l’estimation du 01\/06\/2026/);
  await expect(warnings.nth(1)).toContainText(/dépasse de 4\s000,00\s€ le HT restant dû/);
  await shot(app, 'douteuses-102-etat-des-provisions-apres-encaissement.png');

  await app.getByTestId('provisions-redo').getByRole('link', { name: 'Réestimer F2026-00001' }).click();
  await expect(app.getByRole('heading', { name: 'Créance douteuse F2026-00001' })).toBeVisible();
  await expect(app.getByLabel('Justification')).toHaveValue(/Réglé depuis l’estimation du 01\/06\/2026 : 7\s200,00\s€/);
  await app.getByLabel('Risque %').fill('100');
  await expect(app.getByTestId('reestimate-formula')).toContainText(/reprise de 4\s000,00/);
  await shot(app, 'douteuses-103-reestimation-depuis-etat.png');
  await app.getByRole('button', { name: /Passer une reprise de 4\s000,00/ }).click();
  await app.getByRole('dialog', { name: 'Confirmer la réestimation' }).getByRole('button', { name: 'Confirmer' }).click();
  await expect(app.getByTestId('wizard-result')).toContainText(/Reprise de 4\s000,00/);
  expect(await balance(harness, '491')).toBe('-4000.00');

  await openSection(app, 'État des provisions');
  await expect(app.getByTestId('provisions-total')).toContainText(/4\s000,00/);
  await expect(app.getByTestId('provisions-to-redo')).toHaveCount(0);
  await expect(app.getByTestId('provisions-redo')).toHaveCount(0);
});

test('a doubtful invoice paid in full keeps its provision until it is reversed: the list offers only that (issue 14)', async ({ app, harness }) => {
  await api(harness, 'invoice.create', { customerId: 1, date: '2026-03-02', validate: true, lines: [{ description: 'Fenêtres', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }] });
  await api(harness, 'doubtful.classify', { invoiceIds: [1], date: '2026-06-01', reason: 'doubtful' });
  await api(harness, 'doubtful.provision', { invoiceId: 1, date: '2026-06-01', riskPercent: '50' });
  await api(harness, 'payment.record', { customerId: 1, date: '2026-09-15', amount: '1200', method: 'transfer', allocations: [{ invoiceId: 1, amount: '1200' }] });

  await openSection(app, 'Créances douteuses');
  await app.getByRole('tab', { name: 'Créances douteuses' }).click();
  const grid = app.getByRole('grid', { name: 'Créances douteuses en cours' });
  await expect(grid.getByRole('link', { name: 'Passer en perte' })).toHaveCount(0);
  await shot(app, 'douteuses-104-reglee-depreciation-a-reprendre.png');
  await grid.getByRole('link', { name: 'Reprendre la dépréciation' }).click();
  await expect(app.getByTestId('step-intro')).toContainText('entièrement réglée');
  await expect(app.getByRole('tab', { name: 'Passer en perte' })).toHaveCount(0);
  await expect(app.getByTestId('reestimate-formula')).toContainText(/reprise de 500,00/);
  await shot(app, 'douteuses-105-reprise-apres-reglement.png');
  await app.getByRole('button', { name: /Passer une reprise de 500,00/ }).click();
  await app.getByRole('dialog', { name: 'Confirmer la réestimation' }).getByRole('button', { name: 'Confirmer' }).click();
  await expect(app.getByTestId('wizard-result')).toContainText(/Reprise de 500,00/);
  expect(await balance(harness, '491')).toBe('0.00');
});
