import type { Locator, Page } from '@playwright/test';
import { api, COMPANY, expect, openSection, snap, test } from './fixtures';
import type { Harness } from '../../src/main/harness/server';

/** Types a date into an MUI date field (JJ/MM/AAAA sections), as a keyboard user does. */
async function typeDate(scope: Locator | Page, label: string, ddmmyyyy: string) {
  await scope.getByRole('group', { name: label }).getByRole('spinbutton', { name: 'Jour' }).click();
  const page = 'page' in scope ? scope.page() : scope;
  await page.keyboard.type(ddmmyyyy.replace(/\//g, ''));
}

/** A screenshot from the top; a tall page is shot whole with the window as tall as the page. */
async function shot(page: Page, file: string, options: { fullPage?: boolean } = {}) {
  await page.mouse.move(0, 0); // no tooltip left open over the picture
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => window.scrollTo(0, 0));
  if (!options.fullPage) return snap(page, file);
  const size = page.viewportSize() ?? { width: 1366, height: 860 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  if (height > size.height) await page.setViewportSize({ width: size.width, height });
  await snap(page, file);
  await page.setViewportSize(size);
}

interface Created {
  id: number;
  number: string;
}

const line = { description: 'Maintenance du parc informatique', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'services' };

/** A validated invoice of 1 200,00 € TTC (1 000 HT + 20 %). */
async function invoice(harness: Harness, customerId: number, date: string, dueDate?: string): Promise<Created> {
  return (await api(harness, 'invoice.create', { customerId, date, ...(dueDate ? { dueDate } : {}), lines: [line], validate: true })) as Created;
}

/**
 * Today is 22 November 2026; the default scenario: courtesy 15 days before the due date, written reminder at
 * +7, call and payment plan at +30, formal notice at +60, litigation at +90. No step is skipped: each invoice
 * sits at one step because the ones before were recorded.
 */
async function setUp(harness: Harness) {
  await api(harness, 'customer.create', { name: 'Garage Moreau', kind: 'business', siren: '552120222' });
  await api(harness, 'customer.create', { name: 'Boulangerie Petit', kind: 'business' });
  await api(harness, 'customer.create', { name: 'Claire Durand', kind: 'consumer' });
  // H2 2026 (12,15 %), due 29 August (60 days): 85 days late, reminded in writing and called → formal notice.
  const formal = await invoice(harness, 1, '2026-06-30', '2026-08-29');
  await api(harness, 'dunning.record', { invoiceId: formal.id, step: 'reminder', date: '2026-09-05', channel: 'letter' });
  await api(harness, 'dunning.record', { invoiceId: formal.id, step: 'call', date: '2026-09-28', channel: 'phone' });
  // A consumer, due 15 October: 38 days late, reminded by e-mail → call and payment plan.
  const call = await invoice(harness, 3, '2026-09-15');
  await api(harness, 'dunning.record', { invoiceId: call.id, step: 'reminder', date: '2026-10-22', channel: 'email' });
  return {
    formal,
    call,
    // Due 9 November: 13 days late → written reminder.
    reminder: await invoice(harness, 2, '2026-10-10'),
    // Due 2 December: in 10 days → courtesy reminder (from 17 November).
    courtesy: await invoice(harness, 1, '2026-11-02'),
    // Due 20 December: its courtesy reminder comes on 5 December, not today.
    later: await invoice(harness, 2, '2026-11-20'),
  };
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Relances à faire' });
const row = (page: Page, number: string) => grid(page).getByRole('row').filter({ hasText: number });

test.beforeEach(async ({ harness, app }) => {
  await api(harness, 'company.init', COMPANY);
  await app.reload();
});

test('the to-do teaches when empty, shows each invoice at its step for a date, and a reminder sent moves the invoice on and becomes evidence', async ({ app, harness }) => {
  test.slow();
  await openSection(app, 'Relances');
  await expect(app.getByText('Aucune relance à faire aujourd’hui')).toBeVisible();
  await shot(app, 'relances-80-vide.png');

  const inv = await setUp(harness);
  await app.reload();
  await expect(app.getByRole('heading', { name: 'À faire aujourd’hui' })).toBeVisible();
  await expect(grid(app).getByRole('row')).toHaveCount(5); // the header and four invoices
  await expect(row(app, inv.courtesy.number)).toContainText('Rappel de courtoisie');
  await expect(row(app, inv.reminder.number)).toContainText('Relance écrite');
  await expect(row(app, inv.call.number)).toContainText('Appel et proposition');
  await expect(row(app, inv.formal.number)).toContainText('Mise en demeure');
  await expect(row(app, inv.later.number)).toHaveCount(0);
  // Penalties to date, to the cent: 1 200,00 × 12,15 % × 85 / 365 = 33,95 € + 40 € between professionals.
  await expect(row(app, inv.formal.number).getByTestId('due-penalties')).toHaveText('73,95 €');
  // A consumer owes no B2B penalty and, before a formal notice, no interest at all.
  await expect(row(app, inv.call.number).getByTestId('due-penalties')).toHaveText('0,00 €');
  // Not yet due: no penalty.
  await expect(row(app, inv.courtesy.number).getByTestId('due-penalties')).toHaveText('0,00 €');
  await expect(row(app, inv.courtesy.number)).toContainText('échéance dans 10 j');
  await shot(app, 'relances-81-a-faire.png');

  // Chips filter by step.
  await app.getByRole('group', { name: 'Filtrer par étape' }).getByRole('button', { name: /Mise en demeure \(1\)/ }).click();
  await expect(grid(app).getByRole('row')).toHaveCount(2);
  await app.getByRole('group', { name: 'Filtrer par étape' }).getByRole('button', { name: /Toutes/ }).click();

  // Looking ahead: on 5 December the later invoice's courtesy reminder is due.
  await typeDate(app, 'Relances dues au', '05/12/2026');
  await expect(app.getByRole('heading', { name: 'À faire le 05/12/2026' })).toBeVisible();
  await expect(row(app, inv.later.number)).toContainText('Rappel de courtoisie');
  await app.getByRole('button', { name: 'Revenir à aujourd’hui' }).click();
  await expect(row(app, inv.later.number)).toHaveCount(0);

  // The written reminder, by e-mail: the text to copy, then « Marquer comme envoyée ».
  await row(app, inv.reminder.number).getByRole('button', { name: `Envoyer par e-mail ${inv.reminder.number}` }).click();
  const mail = app.getByRole('dialog', { name: /Envoyer par e-mail/ });
  await expect(mail.getByLabel('Objet')).toHaveValue(new RegExp(inv.reminder.number));
  await expect(mail.getByLabel('Message')).toHaveValue(/reste impayée pour 1\s200,00\s€ \(13 jours de retard\)/);
  await shot(app, 'relances-82-relance-email.png');
  await mail.getByRole('button', { name: 'Marquer comme envoyée' }).click();
  await expect(mail).toBeHidden();
  await expect(app.getByText(new RegExp(`Relance enregistrée : « Relance écrite » pour la facture ${inv.reminder.number}\\. Prochaine étape : « Appel et proposition d’échéancier », à partir du 09/12/2026`))).toBeVisible();
  // Done for today: the invoice leaves the list; the others stay (a reminder never silences another invoice).
  await expect(row(app, inv.reminder.number)).toHaveCount(0);
  await expect(grid(app).getByRole('row')).toHaveCount(4);
  // On 9 December it is back, at its next step.
  await typeDate(app, 'Relances dues au', '09/12/2026');
  await expect(row(app, inv.reminder.number)).toContainText('Appel et proposition');
  await expect(row(app, inv.reminder.number)).toContainText('Relance écrite'); // the last action done
  await shot(app, 'relances-83-etape-suivante.png');

  // Evidence for the doubtful-debt wizard: the written reminder, on that invoice.
  const evidence = (await api(harness, 'evidence.list', { invoiceId: inv.reminder.id })) as { rows: { kind: string; date: string }[] };
  expect(evidence.rows).toEqual([expect.objectContaining({ kind: 'reminder', date: '2026-11-22' })]);
  const earlier = (await api(harness, 'evidence.list', { invoiceId: inv.formal.id })) as { rows: { kind: string; date: string }[] };
  expect(earlier.rows).toEqual([expect.objectContaining({ kind: 'reminder', date: '2026-09-05' })]);

  // …and in the doubtful-debt wizard's evidence step (when the wizard is part of this build).
  await app.goto(`${harness.url}#/creances-douteuses/classer?factures=${inv.reminder.id}`);
  const wizard = app.getByRole('heading', { name: 'Classer en créance douteuse' });
  if (await wizard.waitFor({ timeout: 5000 }).then(() => true, () => false)) {
    await expect(app.getByRole('checkbox', { name: `Choisir la facture ${inv.reminder.number}` })).toBeChecked();
    await app.getByRole('button', { name: 'Suivant' }).click();
    const pieces = app.getByTestId(`evidence-${inv.reminder.id}`);
    await expect(pieces).toContainText('Relance du 22/11/2026');
    await expect(pieces.getByTestId('missing-evidence')).not.toContainText('Aucune relance écrite');
    await shot(app, 'relances-84a-assistant-douteuses-pieces.png');
  } else {
    test.info().annotations.push({ type: 'note', description: 'Assistant des créances douteuses absent de ce build : seule la pièce (evidence.list) est vérifiée.' });
  }

  // The invoice's own history.
  await app.goto(`${harness.url}#/factures/${inv.reminder.id}`);
  const panel = app.getByTestId('dunning-history');
  await expect(panel.getByTestId('dunning-action')).toHaveCount(1);
  await expect(panel.getByTestId('dunning-action')).toContainText('Relance écrite');
  await expect(panel.getByTestId('dunning-action')).toContainText('22/11/2026 · E-mail');
  await shot(app, 'relances-84-facture-historique-relances.png', { fullPage: true });

  // The customer's history.
  await app.goto(`${harness.url}#/clients/2`);
  await expect(app.getByTestId('dunning-history').getByTestId('dunning-action')).toContainText(inv.reminder.number);
  await shot(app, 'relances-85-client-historique-relances.png', { fullPage: true });

  // The dashboard counts today's reminders: three left once the written reminder is sent.
  await openSection(app, 'Tableau de bord');
  await expect(app.getByTestId('dunning-today')).toHaveText(/^3 factures à relancer, 3\s600,00\s€ en jeu\.$/);
  await shot(app, 'relances-85a-tableau-de-bord.png');
});

test('penalties invoiced to the cent, a call with a promise, a payment plan, and a formal notice previewed then sent', async ({ app, harness }) => {
  test.slow();
  const inv = await setUp(harness);
  await app.reload();
  await openSection(app, 'Relances');

  // Penalties on the formal-notice invoice: computed by the main process, shown to the cent, previewed as an entry.
  await row(app, inv.formal.number).getByRole('button', { name: `Facturer les pénalités ${inv.formal.number}` }).click();
  const pen = app.getByRole('dialog', { name: 'Facturer les pénalités de retard' });
  await expect(pen.getByTestId('penalty-interest')).toHaveText('33,95 €');
  await expect(pen.getByTestId('penalty-indemnity')).toHaveText('40,00 €');
  await expect(pen.getByTestId('penalty-total')).toHaveText('73,95 €');
  const preview = pen.getByTestId('entry-preview');
  await expect(preview.getByTestId('preview-account')).toHaveText(['411', '7631', '7631']);
  await expect(preview.getByTestId('preview-line').first().getByTestId('preview-debit')).toHaveText('73,95 €');
  await shot(app, 'relances-86-penalites.png');
  // Without the indemnity: interest only.
  await pen.getByRole('checkbox', { name: /indemnité forfaitaire/ }).uncheck();
  await expect(pen.getByTestId('penalty-total')).toHaveText('33,95 €');
  await pen.getByRole('checkbox', { name: /indemnité forfaitaire/ }).check();
  await pen.getByRole('button', { name: 'Facturer 73,95 €' }).click();
  const confirm = app.getByRole('dialog', { name: /Facturer 73,95 € de pénalités/ });
  await expect(confirm).toContainText('D 411 / C 7631');
  await confirm.getByRole('button', { name: 'Facturer les pénalités' }).click();
  await expect(app.getByText(/Pénalités facturées : .*73,95/)).toBeVisible();
  const ledger = (await api(harness, 'ledger.entries', { limit: 100 })) as { rows: { lines: { account: string; debit: string; credit: string }[] }[] };
  const posted = ledger.rows.find((e) => e.lines.some((l) => l.account === '7631'));
  // What was posted is what was previewed: D 411 73,95 / C 7631 33,95 and 40,00.
  expect(posted?.lines.map((l) => [l.account, l.debit, l.credit]).sort()).toEqual([['411', '73.95', '0.00'], ['7631', '0.00', '33.95'], ['7631', '0.00', '40.00']]);
  // Asked again the same day: already invoiced, nothing more (the indemnity is invoiced once).
  await row(app, inv.formal.number).getByRole('button', { name: `Facturer les pénalités ${inv.formal.number}` }).click();
  await expect(pen.getByTestId('penalty-before')).toHaveText(/−33,95/);
  // The main process refuses a second penalty invoice up to the same day, and the dialog says so before anything is asked.
  await expect(pen.getByTestId('preview-refusal')).toContainText(`Les pénalités de la facture ${inv.formal.number} sont déjà facturées jusqu’au 22/11/2026.`);
  await expect(pen.getByTestId('penalty-total')).toHaveText('—');
  await expect(pen.getByRole('button', { name: /^Facturer/ })).toBeDisabled();
  await shot(app, 'relances-86a-penalites-deja-facturees.png');
  await pen.getByRole('button', { name: 'Annuler' }).click();

  // A call to the consumer, with a promise of payment.
  await row(app, inv.call.number).getByRole('button', { name: `Appel ${inv.call.number}` }).click();
  const call = app.getByRole('dialog', { name: 'Noter un appel' });
  await call.getByLabel('Ce qui a été dit').fill('Difficultés passagères, propose de payer en plusieurs fois.');
  await shot(app, 'relances-89-appel.png');
  await call.getByRole('button', { name: 'Enregistrer l’appel' }).click();
  await expect(call).toBeHidden();

  // A payment plan for the written-reminder invoice: the instalments must add up to the outstanding.
  await row(app, inv.reminder.number).getByRole('button', { name: `Proposer un échéancier ${inv.reminder.number}` }).click();
  const plan = app.getByRole('dialog', { name: 'Proposer un échéancier' });
  await expect(plan.getByTestId('plan-balance')).toContainText('le compte est bon');
  await plan.getByLabel('Nombre d’échéances').fill('4');
  await plan.getByRole('button', { name: 'Répartir le reste dû' }).click();
  await expect(plan.getByRole('group', { name: /^Échéance \d$/ })).toHaveCount(4);
  await expect(plan.getByRole('group', { name: 'Échéance 4' }).getByLabel('Montant')).toHaveValue('300,00');
  await plan.getByRole('group', { name: 'Échéance 4' }).getByLabel('Montant').fill('250');
  await expect(plan.getByTestId('plan-balance')).toContainText('il manque 50,00 €');
  await shot(app, 'relances-90-echeancier-ecart.png');
  await plan.getByRole('button', { name: 'Enregistrer l’échéancier' }).click();
  await expect(plan.getByText('Les échéances doivent totaliser le reste dû, 1 200,00 €.')).toBeVisible();
  await plan.getByRole('group', { name: 'Échéance 4' }).getByLabel('Montant').fill('300');
  await expect(plan.getByTestId('plan-balance')).toContainText('le compte est bon');
  await plan.getByRole('button', { name: 'Enregistrer l’échéancier' }).click();
  await expect(plan).toBeHidden();
  await expect(app.getByText(/Échéancier de 4 échéances enregistré/)).toBeVisible();
  const plans = app.getByRole('region', { name: 'Échéanciers en cours' });
  await expect(plans.getByTestId('instalment')).toHaveCount(4);
  await expect(plans.getByTestId('instalment').first()).toContainText('À venir');
  await shot(app, 'relances-91-echeanciers.png', { fullPage: true });

  // The formal notice: the letter opens in the preview, then is marked as sent.
  await row(app, inv.formal.number).getByRole('button', { name: `Lettre PDF ${inv.formal.number}` }).click();
  const pdf = app.getByRole('dialog', { name: new RegExp(`Mise en demeure — ${inv.formal.number}`) });
  await expect(pdf.locator('canvas').first()).toBeVisible({ timeout: 20_000 });
  await shot(app, 'relances-87-mise-en-demeure-apercu.png');
  await pdf.getByRole('button', { name: 'Fermer' }).click();
  const sent = app.getByRole('dialog', { name: 'La mise en demeure est-elle partie ?' });
  await sent.getByLabel('Note (facultatif)').fill('Recommandé 1A 234 567 8901 2');
  await shot(app, 'relances-88-mise-en-demeure-envoyee.png');
  await sent.getByRole('button', { name: 'Marquer comme envoyée' }).click();
  await expect(row(app, inv.formal.number)).toHaveCount(0);
  const evidence = (await api(harness, 'evidence.list', { invoiceId: inv.formal.id })) as { rows: { kind: string }[] };
  expect(evidence.rows.map((e) => e.kind)).toEqual(['reminder', 'formal_notice']);

  // The penalty invoice is a receivable like any invoice: in the list, with its own page and PDF.
  await openSection(app, 'Factures');
  const penRow = app.getByRole('row').filter({ hasText: 'PEN2026-00001' });
  await expect(penRow).toContainText('73,95 €');
  await expect(penRow).toContainText('Garage Moreau');
  await shot(app, 'relances-96-factures-avec-penalites.png');
  await penRow.getByRole('gridcell').first().click();
  await expect(app.getByRole('heading', { name: 'Facture de pénalités PEN2026-00001' })).toBeVisible();
  await expect(app.getByText('Hors du champ de la TVA')).toBeVisible();
  // 30 August – 22 November, 85 days in the second half-year at 12,15 %: 1 200,00 × 12,15 % × 85 / 365 = 33,95 €.
  await expect(app.getByRole('table', { name: 'Lignes de la facture' })).toContainText(/Intérêts de retard du 30\/08\/2026 au 22\/11\/2026 \(2e semestre 2026\) : 1\s200,00\s€ × 12,15\s% × 85 jours \/ 365/);
  await shot(app, 'relances-97-facture-de-penalites.png', { fullPage: true });
});

test('settings: the scenario per customer kind, the letter templates with a live preview, the penalty rates by half-year', async ({ app }) => {
  test.slow();
  await openSection(app, 'Paramètres');
  await app.getByRole('tab', { name: 'Relances' }).click();
  await expect(app.getByRole('heading', { name: 'Scénario de relance' })).toBeVisible();
  await expect(app.getByTestId('scenario-step')).toHaveCount(5);
  await shot(app, 'relances-92-parametres-scenario.png', { fullPage: true });
  // Offsets must increase: a written reminder before the courtesy one is said under the field.
  const second = app.getByRole('group', { name: 'Étape 2' });
  await second.getByLabel('Délai (jours)').fill('-20');
  await expect(second.getByText('chaque délai doit dépasser celui de l’étape précédente', { exact: false })).toBeVisible();
  await second.getByLabel('Délai (jours)').fill('10');
  await expect(second.getByText('10 jours après l’échéance')).toBeVisible();
  await app.getByRole('button', { name: 'Enregistrer le scénario' }).click();
  await expect(app.getByText('Scénario de relance enregistré')).toBeVisible();
  await app.reload();
  await expect(app.getByRole('group', { name: 'Étape 2' }).getByLabel('Délai (jours)')).toHaveValue('10');
  // Consumers have their own steps.
  await app.getByRole('button', { name: 'Clients particuliers' }).click();
  await expect(app.getByRole('group', { name: 'Étape 2' }).getByLabel('Délai (jours)')).toHaveValue('7');

  await app.getByRole('tab', { name: 'Modèles de lettres' }).click();
  await app.getByRole('tab', { name: 'Mise en demeure' }).click();
  const letter = app.getByLabel('Texte de la lettre');
  await expect(letter).not.toHaveValue('');
  await expect(app.getByTestId('template-preview-subject')).toContainText('F2026-00042');
  await letter.fill('Madame, Monsieur,\n\nMalgré nos relances, la facture {facture} reste impayée : {reste}. Pénalités : {penalites}. {inconnu}');
  await expect(app.getByText('Variable inconnue : {inconnu}', { exact: false })).toBeVisible();
  // The sentence recalling earlier reminders is a variable: a letter never claims reminders that were not sent.
  await letter.fill('Madame, Monsieur,\n\n{relances_precedentes}\n\nLa facture {facture} reste impayée : {reste}, plus {penalites} de pénalités, soit {total}.\n\nNous vous mettons en demeure de régler avant le {delai}.');
  await expect(app.getByTestId('template-preview-letter')).toContainText('Nous vous avons déjà relancé au sujet de cette facture : relance écrite le 22 octobre 2026 (courrier).');
  await expect(app.getByTestId('template-preview-letter')).toContainText(/La facture F2026-00042 reste impayée : 1\s200,00\s€, plus 55,18\s€ de pénalités, soit 1\s255,18\s€\./);
  await shot(app, 'relances-93-parametres-modeles.png', { fullPage: true });
  await app.getByRole('button', { name: 'Enregistrer le modèle' }).click();
  await expect(app.getByText('Modèle « Mise en demeure » enregistré.')).toBeVisible();
  await expect(app.getByRole('tab', { name: 'Mise en demeure (personnalisé)' })).toBeVisible();
  // Back to the original text, after a confirmation that names the consequence.
  await app.getByRole('button', { name: 'Revenir au modèle d’origine' }).click();
  await app.getByRole('dialog', { name: 'Revenir au modèle d’origine ?' }).getByRole('button', { name: 'Revenir à l’origine' }).click();
  await expect(app.getByText('Modèle « Mise en demeure » remis par défaut.')).toBeVisible();
  await expect(app.getByRole('tab', { name: 'Mise en demeure', exact: true })).toBeVisible();
  await expect(letter).not.toHaveValue(/Nous vous mettons en demeure de régler avant le \{delai\}\.$/);

  await app.getByRole('tab', { name: 'Taux de pénalités' }).click();
  const h1 = app.getByTestId('rate-row').filter({ hasText: '2026-H1' });
  await expect(h1).toContainText('12,15 %');
  await expect(h1).toContainText('2,15 %');
  await expect(h1).toContainText('2,62 %');
  // What is not confirmed is said, with what to do about it.
  await expect(app.getByTestId('rates-unconfirmed')).toContainText('Non confirmé : 2026-H2.');
  await expect(app.getByTestId('rate-row').filter({ hasText: '2026-H2' })).toContainText('Non confirmé, à vérifier');
  await shot(app, 'relances-94-parametres-taux.png', { fullPage: true });
  await h1.getByRole('button', { name: 'Modifier 2026-H1' }).click();
  const dialog = app.getByRole('dialog', { name: 'Taux du semestre 2026-H1' });
  await dialog.getByLabel('Taux des pénalités').fill('1');
  await expect(dialog.getByText(/Au moins 3 fois le taux de l’intérêt légal/)).toBeVisible();
  await shot(app, 'relances-95-parametres-taux-plancher.png');
  await dialog.getByRole('button', { name: 'Annuler' }).click();
});
