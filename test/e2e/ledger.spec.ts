import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import Database from 'better-sqlite3-multiple-ciphers';
import { api, COMPANY, expect, openSection, snap, test } from './fixtures';

/** Types a date into an MUI date field (JJ/MM/AAAA sections), as a keyboard user does. */
async function typeDate(scope: Locator, label: string, ddmmyyyy: string) {
  await scope.getByRole('group', { name: label }).getByRole('spinbutton', { name: 'Jour' }).click();
  await scope.page().keyboard.type(ddmmyyyy.replace(/\//g, ''));
}

/** Picks an option of an autocomplete by typing, then choosing the first match with the keyboard. */
async function pick(page: Page, field: Locator, text: string, option: RegExp) {
  await field.fill(text);
  await expect(page.getByRole('option', { name: option }).first()).toBeVisible();
  await field.press('ArrowDown');
  await page.getByRole('option', { name: option }).first().click();
}

const SALE = {
  journal: 'OD',
  date: '2026-03-15',
  label: 'Prestation mars',
  pieceRef: 'P-001',
  lines: [
    { account: '411', aux: 'C00001', debit: '1200.00' },
    { account: '706', credit: '1000.00' },
    { account: '44571', credit: '200.00' },
  ],
};
const PAYMENT = {
  journal: 'BQ',
  date: '2026-04-02',
  label: 'Virement Boulangerie Martin',
  pieceRef: 'REL-04',
  lines: [
    { account: '512', debit: '500.00' },
    { account: '411', aux: 'C00001', credit: '500.00' },
  ],
};

test.beforeEach(async ({ harness, app }) => {
  await api(harness, 'company.init', COMPANY);
  await api(harness, 'customer.create', { name: 'Boulangerie Martin', kind: 'business' });
  await api(harness, 'customer.create', { name: 'Marie Curie', kind: 'consumer' });
  await app.reload();
});

test('a manual entry is refused while unbalanced, accepted once balanced, and shows in the journal with its fingerprint verified', async ({ app, harness }) => {
  await openSection(app, 'Journal');
  await expect(app.getByText('Votre journal est vide')).toBeVisible();
  await snap(app, '20-journal-vide.png');

  await app.getByRole('button', { name: 'Passer ma première écriture' }).click();
  const dialog = app.getByRole('dialog', { name: 'Nouvelle écriture' });
  await typeDate(dialog, 'Date de l’écriture', '15/03/2026');
  await dialog.getByLabel('N° de pièce').fill('P-001');
  await dialog.getByRole('textbox', { name: 'Libellé', exact: true }).fill('Prestation mars');
  await pick(app, dialog.getByRole('combobox', { name: 'Compte, ligne 1' }), '411', /^411 Clients$/);
  await pick(app, dialog.getByRole('combobox', { name: 'Client, ligne 1' }), 'martin', /Boulangerie Martin/);
  await dialog.getByLabel('Débit, ligne 1').fill('1 200,00');
  await pick(app, dialog.getByRole('combobox', { name: 'Compte, ligne 2' }), '706', /^706 Prestations de services$/);
  await dialog.getByLabel('Crédit, ligne 2').fill('1000');

  // Unbalanced: the difference is said, and the entry cannot be posted.
  await expect(dialog.getByTestId('difference')).toHaveText('200,00 €');
  await expect(dialog.getByText('Il manque 200,00 € au crédit pour équilibrer l’écriture.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Valider l’écriture' })).toBeDisabled();
  await snap(app, '21-ecriture-desequilibree.png');

  // The new line proposes the missing amount on the missing side.
  await dialog.getByRole('button', { name: 'Ajouter une ligne' }).click();
  await expect(dialog.getByLabel('Crédit, ligne 3')).toHaveValue('200,00');
  await pick(app, dialog.getByRole('combobox', { name: 'Compte, ligne 3' }), '44571', /^44571 /);
  await expect(dialog.getByText('L’écriture est équilibrée.')).toBeVisible();
  await expect(dialog.getByTestId('total-debit')).toHaveText('1 200,00 €');
  await expect(dialog.getByTestId('total-credit')).toHaveText('1 200,00 €');
  // Balanced: the main process checks it as it would post it, and the preview shows it.
  await expect(dialog.getByTestId('entry-preview').getByTestId('preview-account')).toHaveText(['411', '706', '44571']);
  await snap(app, '22-ecriture-equilibree.png');
  await dialog.getByRole('button', { name: 'Valider l’écriture' }).click();

  // Posted: its detail opens, sealed.
  const detail = app.getByRole('dialog', { name: /Écriture n° 1 — Opérations diverses/ });
  await expect(detail.getByTestId('hash-status')).toContainText('Empreinte vérifiée');
  await expect(detail.getByRole('table', { name: 'Lignes de l’écriture' })).toContainText('C00001 — Boulangerie Martin');
  await expect(detail).toContainText('15/03/2026');
  await snap(app, '23-ecriture-detail.png');
  await detail.getByRole('button', { name: 'Fermer' }).click();

  await api(harness, 'ledger.post', PAYMENT);
  await app.reload();
  const grid = app.getByRole('grid', { name: 'Écritures du journal' });
  await expect(grid.getByRole('row')).toHaveCount(3);
  await expect(grid).toContainText('1 200,00 €');
  await expect(grid).toContainText('Virement Boulangerie Martin');
  // The keyboard opens an entry too.
  await grid.getByRole('gridcell', { name: 'REL-04' }).click();
  await app.keyboard.press('Escape');
  await grid.getByRole('gridcell', { name: 'REL-04' }).press('Enter');
  await expect(app.getByRole('dialog', { name: /Écriture n° 2 — Banque/ })).toBeVisible();
  await app.keyboard.press('Escape');
  await app.getByRole('button', { name: 'Contrôler tout le journal' }).click();
  await expect(app.getByTestId('verify-result')).toContainText('Journal intègre');
  await expect(app.getByTestId('verify-result')).toContainText('2 écritures contrôlées');
  await snap(app, '24-journal.png');

  // Filters: the bank journal alone, then the entries touching a customer.
  await app.getByRole('combobox', { name: 'Journal' }).click();
  await app.getByRole('option', { name: 'Banque (BQ)' }).click();
  await expect(grid.getByRole('row')).toHaveCount(2);
  await expect(grid).toContainText('REL-04');
  await app.getByRole('button', { name: 'Effacer les filtres' }).click();
  await pick(app, app.getByRole('combobox', { name: 'Client' }), 'curie', /Marie Curie/);
  await expect(grid).toContainText('Aucune écriture ne correspond à ces filtres.');

  // What the interface posted is what the ledger holds.
  const stored = (await api(harness, 'ledger.entries', { journal: 'OD' })) as { rows: { lines: { account: string; aux?: string; debit: string; credit: string }[] }[] };
  expect(stored.rows[0]?.lines).toMatchObject([
    { account: '411', aux: 'C00001', debit: '1200.00', credit: '0.00' },
    { account: '706', debit: '0.00', credit: '1000.00' },
    { account: '44571', debit: '0.00', credit: '200.00' },
  ]);
});

test('an entry altered behind Encours’s back shows « Empreinte invalide », and the journal check points at it', async ({ app, harness }) => {
  await api(harness, 'ledger.post', SALE);
  await api(harness, 'ledger.post', PAYMENT);
  // Someone edits the file with another tool: the triggers are dropped, a validated label rewritten.
  const db = new Database(harness.file.path);
  db.exec("DROP TRIGGER entry_validated_is_immutable; UPDATE entry SET label = 'Prestation avril' WHERE id = 1;");
  db.close();

  await openSection(app, 'Journal');
  const grid = app.getByRole('grid', { name: 'Écritures du journal' });
  await grid.getByRole('row').filter({ hasText: 'Prestation avril' }).click();
  const detail = app.getByRole('dialog', { name: /Écriture n° 1/ });
  await expect(detail.getByTestId('hash-status')).toContainText('Empreinte invalide : l’écriture a été modifiée');
  await snap(app, '25-empreinte-invalide.png');
  await detail.getByRole('button', { name: 'Fermer' }).click();

  await app.getByRole('button', { name: 'Contrôler tout le journal' }).click();
  const result = app.getByTestId('verify-result');
  await expect(result).toContainText('Le journal ne passe pas le contrôle');
  await expect(result).toContainText('écriture n° 1 du 15/03/2026');
  await snap(app, '26-journal-controle-echec.png');
  await result.getByRole('button', { name: 'Voir l’écriture' }).click();
  await expect(app.getByRole('dialog', { name: /Écriture n° 1/ }).getByTestId('hash-status')).toContainText('Empreinte invalide');
});

test('the trial balance shows French amounts and balances; the general ledger of 411 follows one customer', async ({ app, harness }) => {
  await api(harness, 'ledger.post', SALE);
  await api(harness, 'ledger.post', PAYMENT);
  await api(harness, 'ledger.post', { ...SALE, date: '2026-05-10', pieceRef: 'P-002', label: 'Prestation Curie', lines: [{ account: '411', aux: 'C00002', debit: '60.00' }, { account: '706', credit: '50.00' }, { account: '44571', credit: '10.00' }] });

  await openSection(app, 'Balance générale');
  const table = app.getByRole('table', { name: 'Balance générale' });
  const row411 = table.getByRole('row').filter({ hasText: /^411/ });
  await expect(row411).toContainText('1 260,00 €');
  await expect(row411).toContainText('500,00 €');
  await expect(row411).toContainText('760,00 €');
  // A credit balance sits in parentheses.
  await expect(table.getByRole('row').filter({ hasText: /^706/ })).toContainText('(1 050,00 €)');
  await expect(app.getByTestId('total-debit')).toHaveText('1 760,00 €');
  await expect(app.getByTestId('total-credit')).toHaveText('1 760,00 €');
  await expect(app.getByTestId('total-balance')).toHaveText('0,00 €');
  await expect(app.getByTestId('balance-status')).toContainText('Balance équilibrée');
  await snap(app, '30-balance-generale.png');

  await app.getByLabel('Détail par client').check();
  await expect(table.getByRole('row').filter({ hasText: 'C00001 — Boulangerie Martin' })).toContainText('700,00 €');
  await expect(table.getByRole('row').filter({ hasText: 'C00002 — Marie Curie' })).toContainText('60,00 €');
  await snap(app, '31-balance-par-client.png');

  // A row opens the account's general ledger, for that customer.
  await table.getByRole('row').filter({ hasText: 'C00001 — Boulangerie Martin' }).click();
  await expect(app.getByRole('heading', { name: 'Grand livre' })).toBeVisible();
  const ledger = app.getByRole('table', { name: 'Grand livre du compte 411' });
  await expect(ledger.getByRole('row').filter({ hasText: 'P-001' })).toContainText('1 200,00 €');
  await expect(ledger.getByRole('row').filter({ hasText: 'REL-04' })).toContainText('700,00 €');
  await expect(ledger).not.toContainText('P-002');
  await expect(app.getByTestId('gl-closing')).toHaveText('700,00 €');

  // The same through the pickers, starting from nothing.
  await openSection(app, 'Grand livre');
  await expect(app.getByText('Choisissez un compte')).toBeVisible();
  await snap(app, '33-grand-livre-vide.png');
  await pick(app, app.getByRole('combobox', { name: 'Compte' }), '411', /^411 Clients$/);
  await expect(ledger.getByRole('row').filter({ hasText: 'P-002' })).toContainText('760,00 €');
  await pick(app, app.getByRole('combobox', { name: 'Client' }), 'martin', /Boulangerie Martin/);
  await expect(ledger).not.toContainText('P-002');
  await expect(app.getByTestId('gl-opening')).toHaveText('0,00 €');
  await expect(app.getByTestId('gl-debit')).toHaveText('1 200,00 €');
  await expect(app.getByTestId('gl-credit')).toHaveText('500,00 €');
  await expect(app.getByTestId('gl-closing')).toHaveText('700,00 €');
  await snap(app, '32-grand-livre-411.png');

  // A line opens its entry.
  await ledger.getByRole('row').filter({ hasText: 'REL-04' }).click();
  await expect(app.getByRole('dialog', { name: /Écriture n° 2 — Banque/ }).getByTestId('hash-status')).toContainText('Empreinte vérifiée');
});

test.describe('on 4 December, before the year has ended', () => {
  test.use({ now: '2026-12-04T10:00:00Z' });

  test('« Clôturer » is not offered for a year that has not ended, and the main process refuses the closing in French', async ({ app, harness }) => {
    await api(harness, 'ledger.post', SALE);
    await openSection(app, 'Clôture & FEC');
    const year2026 = app.getByTestId('fiscal-year-2026-12-31');
    await expect(year2026).toContainText('Ouvert');
    await expect(year2026.getByTestId('close-not-yet')).toHaveText('Clôture possible à partir du 01/01/2027');
    await expect(app.getByRole('button', { name: /Clôturer/ })).toHaveCount(0);
    await snap(app, '39-cloture-pas-encore.png');
    // Through the same door as the screens: refused, nothing closed.
    await expect(api(harness, 'period.close', { fiscalYearEnd: '2026-12-31' })).rejects.toThrow(
      /L’exercice se termine le 31\/12\/2026 : il ne peut être clôturé qu’à partir du 01\/01\/2027, une fois sa dernière journée passée \(nous sommes le 04\/12\/2026\)/,
    );
    await app.reload();
    await expect(year2026).toContainText('Ouvert');
  });
});

test.describe('on 15 January, once the year has ended', () => {
  test.use({ now: '2027-01-15T10:00:00Z' });

  test('closing the year asks twice, shows the result, opens the next year with its opening entry, and locks the closed year', async ({ app, harness }) => {
    await api(harness, 'ledger.post', SALE);
    await api(harness, 'ledger.post', PAYMENT);

    await openSection(app, 'Clôture & FEC');
    const year2026 = app.getByTestId('fiscal-year-2026-12-31');
    await expect(year2026).toContainText('Ouvert');
    await expect(year2026).toContainText('2');
    await snap(app, '40-cloture.png', { fullPage: true });

    await app.getByRole('button', { name: 'Clôturer l’exercice 2026' }).click();
    const explain = app.getByRole('dialog', { name: 'Clôturer l’exercice 2026 ?' });
    await expect(explain).toContainText('verrouille l’exercice');
    await expect(explain).toContainText('passe les à-nouveaux');
    await expect(explain).toContainText('calcule le résultat');
    await expect(explain).toContainText('fait d’abord une sauvegarde');
    await snap(app, '41-cloture-explication.png');
    await explain.getByRole('button', { name: 'Continuer' }).click();

    const confirm = app.getByRole('dialog', { name: 'Confirmer la clôture de l’exercice 2026' });
    const go = confirm.getByRole('button', { name: 'Clôturer définitivement' });
    await expect(go).toBeDisabled();
    await confirm.getByLabel('Année de l’exercice à clôturer').fill('2025');
    await expect(go).toBeDisabled();
    await confirm.getByLabel('Année de l’exercice à clôturer').fill('2026');
    await snap(app, '42-cloture-confirmation.png');
    await go.click();

    const done = app.getByRole('dialog', { name: 'Exercice 2026 clôturé' });
    await expect(done.getByTestId('close-result')).toContainText('Bénéfice de l’exercice');
    await expect(done.getByTestId('close-result')).toContainText('1 000,00 €');
    await expect(done).toContainText('01/01/2027');
    // The copy taken just before closing, in the automatic backups folder, listed with the others.
    await expect(done.getByTestId('close-backup')).toContainText(/entreprise-2027-01-15-100000\.encours$/);
    await snap(app, '43-cloture-resultat.png');
    await done.getByRole('button', { name: 'Terminé' }).click();

    await expect(year2026).toContainText('Clôturé');
    await expect(app.getByTestId('fiscal-year-2027-12-31')).toContainText('Ouvert');
    await expect(app.getByRole('table', { name: 'Dernières sauvegardes' })).toContainText('entreprise-2027-01-15-100000.encours');
    await expect(app.getByText('Exercice du 01/01/2027 au 31/12/2027')).toBeVisible();

    // The opening entry is the first of 2027, in the AN journal, sealed like the others.
    await openSection(app, 'Journal');
    const grid = app.getByRole('grid', { name: 'Écritures du journal' });
    const opening = grid.getByRole('row').filter({ hasText: 'À-nouveaux de l’exercice clos le 31/12/2026' });
    await expect(opening).toContainText('01/01/2027');
    await expect(opening).toContainText('2027');
    await opening.click();
    const detail = app.getByRole('dialog', { name: /Écriture n° 1 — À-nouveaux \(AN\)/ });
    await expect(detail.getByTestId('hash-status')).toContainText('Empreinte vérifiée');
    await expect(detail).toContainText('Résultat de l’exercice (bénéfice)');
    await snap(app, '44-a-nouveaux.png');
    await detail.getByRole('button', { name: 'Fermer' }).click();

    // A posting dated in the closed year is refused by the main process as soon as it is balanced, before
    // it is sent: the preview says why, the date field says where, and the entry cannot be validated.
    await app.getByRole('button', { name: 'Nouvelle écriture' }).click();
    const dialog = app.getByRole('dialog', { name: 'Nouvelle écriture' });
    await typeDate(dialog, 'Date de l’écriture', '30/12/2026');
    await dialog.getByLabel('N° de pièce').fill('OD-99');
    await dialog.getByRole('textbox', { name: 'Libellé', exact: true }).fill('Frais bancaires oubliés');
    await pick(app, dialog.getByRole('combobox', { name: 'Compte, ligne 1' }), '627', /^627 /);
    await dialog.getByLabel('Débit, ligne 1').fill('12,50');
    await pick(app, dialog.getByRole('combobox', { name: 'Compte, ligne 2' }), '512', /^512 /);
    await dialog.getByLabel('Crédit, ligne 2').fill('12,50');
    await expect(dialog.getByTestId('preview-refusal')).toContainText('est clôturé : aucune écriture ne peut plus y être datée');
    await expect(dialog.getByText('Exercice clôturé.')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Valider l’écriture' })).toBeDisabled();
    await snap(app, '45-ecriture-exercice-clos.png');
    const count = (await api(harness, 'ledger.entries', {})) as { total: number };
    expect(count.total).toBe(3);
  });
});

test('the FEC is exported through its dialog, and a backup made now is listed', async ({ app, harness }) => {
  await api(harness, 'ledger.post', SALE);
  await api(harness, 'ledger.post', PAYMENT);
  const info = (await api(harness, 'app.info', {})) as { folder: string };

  await openSection(app, 'Clôture & FEC');
  await app.getByRole('button', { name: 'Exporter le FEC de l’exercice 2026' }).click();
  const dialog = app.getByRole('dialog', { name: 'Exporter le FEC de l’exercice 2026' });
  await expect(dialog.getByLabel('Dossier de destination')).toHaveValue(info.folder);
  await snap(app, '46-fec-dialogue.png');
  await dialog.getByRole('button', { name: 'Exporter le FEC' }).click();
  await expect(dialog.getByTestId('fec-result')).toContainText('FEC exporté : 5 lignes');
  const path = (await dialog.getByTestId('fec-path').textContent()) ?? '';
  expect(dirname(path)).toBe(info.folder);
  expect(path).toMatch(/732829320FEC20261231\.txt$/);
  expect(existsSync(path)).toBe(true);
  expect(readFileSync(path, 'utf8').split(/\r?\n/)[0]).toMatch(/^JournalCode\tJournalLib\tEcritureNum/);
  await snap(app, '47-fec-exporte.png');
  await dialog.getByRole('button', { name: 'Fermer' }).click();

  // The folder comes from the system's dialog the main process opens (here the harness's stand-in); one
  // removed meanwhile is refused under the field, and its token is spent.
  await app.getByRole('button', { name: 'Exporter le FEC de l’exercice 2026' }).click();
  harness.answerDialog(join(info.folder, 'nulle-part'));
  await dialog.getByRole('button', { name: 'Choisir…' }).click();
  await expect(dialog.getByLabel('Dossier de destination')).toHaveValue(join(info.folder, 'nulle-part'));
  await dialog.getByRole('button', { name: 'Exporter le FEC' }).click();
  await expect(dialog.getByText(/n’existe pas/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Exporter le FEC' })).toBeDisabled();
  // The window cannot name the folder itself: a raw path over the harness is refused, in French.
  await expect(api(harness, 'export.fec', { fiscalYearEnd: '2026-12-31', output: info.folder })).rejects.toThrow(/Chemin refusé/);
  await dialog.getByRole('button', { name: 'Annuler' }).click();

  const backups = app.getByRole('region', { name: 'Sauvegardes' });
  await expect(backups).toContainText('copies complètes de votre dossier');
  await expect(backups).toContainText('Fichier › Restaurer une sauvegarde…');
  await backups.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
  await expect(backups.getByTestId('backup-created')).toContainText('Copie enregistrée');
  const created = (await backups.getByTestId('backup-created').locator('code').textContent()) ?? '';
  const name = created.split(/[\\/]/).pop() ?? '';
  expect(name).toMatch(/^entreprise-\d{4}-\d{2}-\d{2}-\d{6}(-\d+)?\.encours$/);
  await expect(backups.getByRole('table', { name: 'Dernières sauvegardes' })).toContainText(name);
  await expect(backups.getByRole('button', { name: 'Sauvegarder maintenant' })).toBeEnabled();
  await snap(app, '48-sauvegardes.png', { fullPage: true });
});

test('Paramètres › Comptes: a sub-account is refused by the main process, then created, then chosen for the bank', async ({ app, harness }) => {
  await openSection(app, 'Paramètres');
  await app.getByRole('tab', { name: 'Comptes' }).click();
  await expect(app.getByRole('heading', { name: 'Comptes', exact: true })).toBeVisible();

  // A sub-account under an account that already exists as such is refused by the main process.
  await app.getByRole('button', { name: 'Ajouter un sous-compte' }).click();
  const dialog = app.getByRole('dialog', { name: 'Ajouter un sous-compte' });
  await dialog.getByLabel('Numéro').fill('512');
  await dialog.getByLabel('Intitulé').fill('Banque');
  await dialog.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(dialog.getByText('Le compte 512 existe déjà dans le plan comptable.')).toBeVisible();
  await dialog.getByLabel('Numéro').fill('51201');
  await dialog.getByLabel('Intitulé').fill('Banque — Crédit Agricole');
  await expect(dialog.getByText(/Sous-compte de 512/)).toBeVisible();
  await snap(app, '50-sous-compte.png');
  await dialog.getByRole('button', { name: 'Créer le compte' }).click();
  await expect(app.getByText('Compte 51201 « Banque — Crédit Agricole » créé.')).toBeVisible();
  await expect(app.getByRole('table', { name: 'Sous-comptes' })).toContainText('51201');

  const bank = app.getByRole('combobox', { name: 'Compte « Banque »' });
  await pick(app, bank, '51201', /^51201 /);
  await expect(app.getByText('« Banque » passe désormais au compte 51201.')).toBeVisible();
  await expect(app.getByRole('row').filter({ has: bank })).toContainText('Modifié (défaut : 512)');
  await app.getByRole('row').filter({ has: bank }).scrollIntoViewIfNeeded();
  await snap(app, '51-parametres-comptes.png');
  const accounts = (await api(harness, 'account.list', {})) as { roles: { role: string; account: string }[] };
  expect(accounts.roles.find((r) => r.role === 'bank')?.account).toBe('51201');

  // The company tab still works.
  await app.getByRole('tab', { name: 'Entreprise' }).click();
  await expect(app.getByRole('heading', { name: 'Paramètres de l’entreprise' })).toBeVisible();
});
