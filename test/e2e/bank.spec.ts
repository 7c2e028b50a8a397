import type { Locator, Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { novemberLedger } from '../helpers/bank-november';
import { api, COMPANY, expect, openSection, snap, test } from './fixtures';

const STATEMENT = fileURLToPath(new URL('../fixtures/bank/releve-novembre-20-operations.camt053.xml', import.meta.url));

/** A screenshot from the top of the page (the app bar is fixed). */
async function shot(page: Page, file: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, file);
}

/** Picks an option of an autocomplete by typing, then choosing the first match. */
async function pick(page: Page, field: Locator, text: string, option: RegExp) {
  await field.fill(text);
  await expect(page.getByRole('option', { name: option }).first()).toBeVisible();
  await page.getByRole('option', { name: option }).first().click();
}

type Line = { id: number; amount: string; date: string; label: string };

test.beforeEach(async ({ harness, app }) => {
  await api(harness, 'company.init', COMPANY);
  await novemberLedger((channel, payload) => api(harness, channel, payload));
  await app.reload();
});

test('a statement of 20 lines: imported, 15 sure matches accepted at once, an escompte suggestion accepted, bank fees posted to 627, the reconciliation at 0,00 €', async ({ app, harness }) => {
  test.slow();
  await openSection(app, 'Banque');
  await expect(app.getByText('Aucun relevé importé')).toBeVisible();
  await shot(app, '90-banque-vide.png');

  // The file chosen (the same input a drop fills).
  await app.getByRole('button', { name: 'Importer un relevé' }).first().click();
  const importDialog = app.getByRole('dialog', { name: 'Importer un relevé bancaire' });
  await expect(importDialog.getByTestId('bank-drop-zone')).toBeVisible();
  await shot(app, '91-banque-import.png');
  await importDialog.getByTestId('bank-file').setInputFiles(STATEMENT);
  await expect(app.getByText('20 opérations lues (CAMT.053) : 20 nouvelles. Période du 01/11/2026 au 20/11/2026. Solde de fin : 21 137,60 €.')).toBeVisible();
  await expect(importDialog).toBeHidden();

  const grid = app.getByRole('grid', { name: 'Opérations bancaires' });
  await expect(app.getByRole('button', { name: 'Toutes (20)' })).toBeVisible();
  await expect(app.getByTestId('filter-suggestion')).toHaveText('Suggestion (16)');
  await shot(app, '92-banque-operations.png');

  // The sure matches, at once.
  await app.getByTestId('accept-sure').click();
  await expect(app.getByText('15 correspondances sûres acceptées : les règlements sont enregistrés.')).toBeVisible();
  await expect(app.getByTestId('filter-matched')).toHaveText('Rapprochée (15)');
  await expect(app.getByTestId('accept-sure')).toHaveText(/\(0\)/);
  await expect(app.getByTestId('accept-sure')).toBeDisabled();

  // The escompte suggestion, reviewed with the entry it writes, then accepted.
  await app.getByTestId('filter-suggestion').click();
  await expect(grid.getByRole('row')).toHaveCount(2);
  await grid.getByRole('button', { name: 'Examiner l’opération du 12/11/2026 de 1 176,00 €' }).click();
  const review = app.getByRole('dialog', { name: 'Rapprocher l’opération du 12/11/2026' });
  await expect(review.getByText('Avec escompte')).toBeVisible();
  await expect(review.getByText(/F2026-00015/).first()).toBeVisible();
  // The dry run's entries: the payment (512 debited 1 176,00) and the escompte credit note.
  await expect(review.getByText('1 176,00 €').first()).toBeVisible();
  await expect(review.getByText(/^512/).first()).toBeVisible();
  await expect(review.getByText(/^665/).first()).toBeVisible();
  await shot(app, '93-banque-suggestion-escompte.png');
  await review.getByRole('button', { name: 'Accepter ce rapprochement' }).click();
  await expect(review.getByTestId('match-done')).toContainText('Le règlement est enregistré.');
  // Settled to the cent: no écart to offer.
  await expect(review.getByTestId('late-difference')).toHaveCount(0);
  await review.getByRole('button', { name: 'Fermer' }).click();
  await expect(app.getByText('Opération du 12/11/2026 (1 176,00 €) rapprochée de F2026-00015, escompte accordé.')).toBeVisible();
  await expect(app.getByTestId('filter-matched')).toHaveText('Rapprochée (16)');

  // The bank fees: posted to 627 through the entry dialog, 512 and the amount already there.
  await app.getByTestId('filter-to_process').click();
  await expect(app.getByTestId('filter-to_process')).toHaveText('À traiter (4)');
  await grid.getByRole('button', { name: 'Comptabiliser l’opération du 05/11/2026 de -12,50 €' }).click();
  const entry = app.getByRole('dialog', { name: 'Comptabiliser l’opération bancaire' });
  await expect(entry.getByTestId('entry-intro')).toContainText('Frais de tenue de compte octobre');
  await expect(entry.getByRole('combobox', { name: 'Compte, ligne 2' })).toHaveValue(/^512/);
  await expect(entry.getByRole('textbox', { name: 'Crédit, ligne 2' })).toHaveValue('12,50');
  await pick(app, entry.getByRole('combobox', { name: 'Compte, ligne 1' }), '627', /^627 /);
  await expect(entry.getByText('L’écriture est équilibrée.')).toBeVisible();
  await expect(entry.getByRole('button', { name: 'Valider l’écriture' })).toBeEnabled();
  await shot(app, '94-banque-frais-627.png');
  await entry.getByRole('button', { name: 'Valider l’écriture' }).click();
  await expect(app.getByText(/Opération comptabilisée : écriture n° \d+ au journal BQ\./)).toBeVisible();
  await expect(app.getByTestId('filter-to_process')).toHaveText('À traiter (3)');

  // The reconciliation now: the three debits still to post explain the whole difference.
  await app.getByRole('tab', { name: 'Rapprochement' }).click();
  const typeDay = async (ddmmyyyy: string) => {
    await app.getByRole('group', { name: 'Date du rapprochement' }).getByRole('spinbutton', { name: 'Jour' }).click();
    await app.keyboard.type(ddmmyyyy);
  };
  await typeDay('20112026');
  await expect(app.getByTestId('difference')).toHaveText('-1 639,90 €');
  await expect(app.getByTestId('reconciliation-check')).toHaveText('Les 3 opérations en suspens ci-dessous expliquent tout l’écart.');
  await expect(app.getByRole('table', { name: 'Opérations en suspens' }).getByRole('row')).toHaveCount(5);
  await shot(app, '95-banque-rapprochement-en-suspens.png');
  await app.getByRole('tab', { name: 'Opérations' }).click();

  // The three other debits (URSSAF, rent, telephone), posted through the same channel.
  const left = ((await api(harness, 'bank.lines', { status: 'to_process' })) as { rows: Line[] }).rows;
  const accounts: Record<string, string> = { '-350.00': '431', '-1200.00': '613', '-89.90': '626' };
  for (const l of left) {
    const amount = l.amount.slice(1);
    await api(harness, 'ledger.post', { journal: 'BQ', date: l.date, label: l.label, pieceRef: 'RELEVE-NOV', bankLineId: l.id, lines: [{ account: accounts[l.amount], debit: amount }, { account: '512', credit: amount }] });
  }

  // Undoing asks first; kept.
  await app.getByTestId('filter-matched').click();
  await grid.getByRole('button', { name: 'Défaire le rapprochement de l’opération du 02/11/2026 de 1 020,00 €' }).click();
  const undo = app.getByRole('dialog', { name: 'Défaire ce rapprochement ?' });
  await expect(undo).toContainText('annulé par une écriture de contre-passation');
  await undo.getByRole('button', { name: 'Garder' }).click();
  await expect(undo).toBeHidden();

  // The reconciliation on the statement's last day: nothing left, the difference at 0,00 €.
  await app.getByRole('tab', { name: 'Rapprochement' }).click();
  await typeDay('20112026');
  await expect(app.getByTestId('statement-balance')).toHaveText('21 137,60 €');
  await expect(app.getByTestId('ledger-balance')).toHaveText('21 137,60 €');
  await expect(app.getByTestId('difference')).toHaveText('0,00 €');
  await expect(app.getByTestId('reconciliation-check')).toHaveText('Le relevé et le compte 512 sont d’accord : rien n’est en suspens.');
  await shot(app, '96-banque-rapprochement.png');

  // Its PDF, previewed like the other documents.
  await app.getByRole('button', { name: 'Aperçu / Imprimer' }).click();
  const pdf = app.getByRole('dialog', { name: /Rapprochement bancaire au 20\/11\/2026/ });
  await expect(pdf).toBeVisible();
  await expect(pdf.locator('canvas').first()).toBeVisible();
  await shot(app, '97-banque-rapprochement-pdf.png');
});

/** A CAMT.053 of one credit, as the bank would send it. */
function oneCredit(amount: string, remittance: string): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-21T05:00:00+01:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><CreDtTm>2026-11-21T05:00:00+01:00</CreDtTm><Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id><Ccy>EUR</Ccy></Acct>
<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-18</Dt></BookgDt><AcctSvcrRef>X1</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>GARAGE MOREAU</Nm></Dbtr></RltdPties><RmtInf><Ustrd>${remittance}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>`);
}

test('a transfer a few cents short of its invoice: accepted, then the écart settled as the payment form offers it', async ({ app }) => {
  await openSection(app, 'Banque');
  await app.getByRole('button', { name: 'Importer un relevé' }).first().click();
  // F2026-00002 is 1 440,00 €: 1 439,70 € received.
  await app.getByTestId('bank-file').setInputFiles({ name: 'releve.xml', mimeType: 'application/xml', buffer: oneCredit('1439.70', 'FACT F2026-00002') });
  await expect(app.getByText(/1 opération lue \(CAMT.053\) : 1 nouvelle\./)).toBeVisible();
  await app.getByRole('grid', { name: 'Opérations bancaires' }).getByRole('button', { name: 'Examiner l’opération du 18/11/2026 de 1 439,70 €' }).click();
  const review = app.getByRole('dialog', { name: 'Rapprocher l’opération du 18/11/2026' });
  await expect(review.getByText(/F2026-00002/).first()).toBeVisible();
  await review.getByRole('button', { name: 'Accepter ce rapprochement' }).click();
  const late = review.getByTestId('late-difference');
  await expect(late).toContainText('Il reste 0,30 € dû sur F2026-00002');
  await shot(app, '98-banque-ecart.png');
  await late.getByRole('button', { name: 'Solder l’écart' }).click();
  const settle = app.getByRole('dialog', { name: 'Solder l’écart de règlement ?' });
  await expect(settle.getByText(/^658/).first()).toBeVisible();
  await settle.getByRole('button', { name: /Solder/ }).last().click();
  await expect(settle).toBeHidden();
  await expect(late).toHaveCount(0);
});

test('a CSV statement: its columns proposed on a preview, a missing one said in French, then imported once confirmed', async ({ app }) => {
  await openSection(app, 'Banque');
  await app.getByRole('button', { name: 'Importer un relevé' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'Importer un relevé bancaire' });
  await dialog.getByTestId('bank-file').setInputFiles(fileURLToPath(new URL('../fixtures/bank/releve-debit-credit.csv', import.meta.url)));
  const mapping = dialog.getByTestId('csv-mapping');
  await expect(mapping).toContainText('Encours a lu l’en-tête à la ligne 2');
  await expect(mapping.getByRole('table', { name: 'Premières lignes du fichier' })).toContainText('VIR SEPA BOULANGERIE MARTIN F2026-00031');
  await expect(mapping.getByRole('combobox', { name: 'Débit' })).toHaveText('Débit');
  await expect(mapping.getByRole('combobox', { name: 'Crédit' })).toHaveText('Crédit');
  await shot(app, '99-banque-import-csv.png');
  // Without its date column, the import is refused before anything is sent.
  await mapping.getByRole('combobox', { name: /Date de l’opération/ }).click();
  await app.getByRole('option', { name: 'Aucune' }).click();
  await dialog.getByRole('button', { name: 'Importer avec ces colonnes' }).click();
  await expect(mapping.getByText('Choisissez la colonne de la date.')).toBeVisible();
  await mapping.getByRole('combobox', { name: /Date de l’opération/ }).click();
  await app.getByRole('option', { name: 'Date', exact: true }).click();
  await dialog.getByRole('button', { name: 'Importer avec ces colonnes' }).click();
  await expect(app.getByText(/opérations lues \(CSV\) : \d+ nouvelles/)).toBeVisible();
  await expect(dialog).toBeHidden();
});
