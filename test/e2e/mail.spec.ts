import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import type { Page } from '@playwright/test';
import { api, COMPANY, expect, openSection, snap, test } from './fixtures';
import type { Harness } from '../../src/main/harness/server';
import { SMTP_PASSWORD, SMTP_USER, startSmtp, type TestSmtp } from '../helpers/smtp';

/**
 * « Envoyer par e-mail » from the documents' screens, to a real SMTP server on 127.0.0.1 started by the
 * test; the harness reads the account's password as the CLI does (ENCOURS_SMTP_PASSWORD, fixture option).
 */
const sha = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

let smtp: TestSmtp;
test.beforeAll(async () => {
  smtp = await startSmtp();
});
test.afterAll(async () => {
  await smtp.close();
});

interface Created {
  id: number;
  number: string;
}

const line = { description: 'Maintenance du parc informatique', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'services' };

async function setUp(harness: Harness, options: { account?: boolean } = {}) {
  await api(harness, 'company.init', { ...COMPANY, email: 'contact@atelier-dupont.fr' });
  await api(harness, 'customer.create', { name: 'Garage Moreau', kind: 'business', siren: '552120222', email: 'compta@garage-moreau.example' });
  if (options.account !== false) {
    await api(harness, 'mail.settings.set', { host: '127.0.0.1', port: smtp.port, security: 'none', user: SMTP_USER, from: 'claire@atelier-dupont.fr', fromName: 'Atelier Dupont' });
  }
  // Due 9 November: 13 days late on 22 November → written reminder due.
  return (await api(harness, 'invoice.create', { customerId: 1, date: '2026-10-10', lines: [line], validate: true })) as Created;
}

/** The PDF the owner previews (document.render), whose bytes the mail must carry. */
async function rendered(harness: Harness, document: { kind: string; id: number; step?: string; asOf?: string }) {
  const r = (await api(harness, 'document.render', document)) as { fileName: string; pdf: string };
  return { fileName: r.fileName, bytes: Buffer.from(r.pdf, 'base64') };
}

function lastReceived() {
  const got = smtp.received.at(-1);
  if (!got) throw new Error('aucun message reçu');
  return got;
}

/** Opens a screen by its address, the page read again (the company was created behind its back). */
async function show(page: Page, harness: Harness, path: string) {
  await page.goto(`${harness.url}#${path}`);
  await page.reload();
}

async function shot(page: Page, file: string) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready);
  await snap(page, file);
}

test.describe('with the owner’s SMTP account', () => {
  test.use({ smtpPassword: SMTP_PASSWORD });

  test('an invoice is sent from its screen: the mail shown first, the recipient checked in French, the PDF previewed attached; the invoice’s history lists it', async ({ app, harness }) => {
    const inv = await setUp(harness);
    const pdf = await rendered(harness, { kind: 'invoice', id: inv.id });
    await show(app, harness, `/factures/${inv.id}`);
    await expect(app.getByTestId('mail-history')).toContainText('Aucun e-mail envoyé');
    await app.getByRole('button', { name: 'Envoyer par e-mail' }).click();
    const dialog = app.getByRole('dialog', { name: `Envoyer par e-mail — Facture ${inv.number}` });
    await expect(dialog.getByLabel('Destinataire')).toHaveValue('compta@garage-moreau.example');
    await expect(dialog.getByLabel('Objet')).toHaveValue(`Facture ${inv.number} — Atelier Dupont`);
    await expect(dialog.getByLabel('Message')).toHaveValue(/Veuillez trouver ci-joint notre facture .* 1\s200,00\s€ TTC, à régler au plus tard le 9 novembre 2026/);
    await expect(dialog.getByTestId('mail-attachment')).toContainText(`${pdf.fileName}`);
    await expect(dialog.getByTestId('mail-attachment')).toContainText(sha(pdf.bytes).slice(0, 16));

    // A wrong address is said under the field, in French, and nothing leaves.
    const before = smtp.received.length;
    await dialog.getByLabel('Destinataire').fill('compta-garage-moreau');
    await dialog.getByRole('button', { name: 'Envoyer' }).click();
    await expect(dialog.getByText('Adresse e-mail invalide (ex. compta@exemple.fr).')).toBeVisible();
    await dialog.getByLabel('Destinataire').fill('');
    await expect(dialog.getByText('Indiquez l’adresse e-mail du destinataire.')).toBeVisible();
    await shot(app, 'mail-01-destinataire-invalide.png');
    expect(smtp.received.length).toBe(before);

    await dialog.getByLabel('Destinataire').fill('direction@garage-moreau.example');
    await dialog.getByLabel('Objet').fill(`Votre facture ${inv.number}`);
    await dialog.getByRole('button', { name: 'Envoyer' }).click();
    await expect(dialog.getByTestId('mail-sent')).toContainText('E-mail envoyé à direction@garage-moreau.example');
    await shot(app, 'mail-02-facture-envoyee.png');

    expect(smtp.received.length).toBe(before + 1);
    const got = lastReceived();
    expect(got.to).toEqual(['direction@garage-moreau.example']);
    expect(got.parsed.subject).toBe(`Votre facture ${inv.number}`);
    expect(got.parsed.text).toContain(`notre facture ${inv.number} du 10 octobre 2026`);
    expect(got.parsed.attachments).toHaveLength(1);
    expect(got.parsed.attachments[0]?.filename).toBe(pdf.fileName);
    expect(sha(got.parsed.attachments[0]?.content ?? Buffer.alloc(0))).toBe(sha(pdf.bytes));

    await dialog.getByRole('button', { name: 'Fermer' }).click();
    const history = app.getByTestId('mail-history');
    const sentRow = history.getByTestId('mail-sent-row');
    await expect(sentRow).toHaveCount(1);
    await expect(sentRow).toContainText('22/11/2026');
    await expect(sentRow).toContainText('À direction@garage-moreau.example');
    await expect(sentRow).toContainText(`Message-ID ${got.parsed.messageId ?? ''}`);
    await expect(sentRow.getByTestId('mail-sha256')).toHaveAttribute('title', sha(pdf.bytes));
    await history.scrollIntoViewIfNeeded();
    await shot(app, 'mail-03-historique.png');
  });

  test('a written reminder sent from the dunning to-do is recorded as « Marquer comme envoyée » does, its letter kept as evidence', async ({ app, harness }) => {
    const inv = await setUp(harness);
    const letter = await rendered(harness, { kind: 'dunningLetter', id: inv.id, step: 'reminder', asOf: '2026-11-22' });
    await app.reload();
    await openSection(app, 'Relances');
    const row = app.getByRole('grid', { name: 'Relances à faire' }).getByRole('row').filter({ hasText: inv.number });
    await expect(row).toContainText('Relance écrite');
    await row.getByRole('button', { name: `Envoyer par e-mail ${inv.number}` }).click();
    const dialog = app.getByRole('dialog', { name: /Envoyer par e-mail — Relance écrite/ });
    await expect(dialog.getByLabel('Objet')).toHaveValue(new RegExp(inv.number));
    await expect(dialog.getByLabel('Message')).toHaveValue(/reste impayée pour 1\s200,00\s€ \(13 jours de retard\)/);
    await shot(app, 'mail-04-relance.png');
    const before = smtp.received.length;
    await dialog.getByRole('button', { name: 'Envoyer' }).click();
    await expect(dialog).toBeHidden();
    await expect(app.getByText(new RegExp(`Relance enregistrée : « Relance écrite » pour la facture ${inv.number}, envoyée par e-mail à compta@garage-moreau\\.example\\. Prochaine étape`))).toBeVisible();
    await expect(row).toHaveCount(0);

    expect(smtp.received.length).toBe(before + 1);
    const got = lastReceived();
    expect(sha(got.parsed.attachments[0]?.content ?? Buffer.alloc(0))).toBe(sha(letter.bytes));
    const actions = (await api(harness, 'dunning.history', { invoiceId: inv.id })) as { rows: { step: string; channel: string; evidenceId?: number; note?: string }[] };
    expect(actions.rows).toEqual([expect.objectContaining({ channel: 'email', evidenceId: expect.any(Number) })]);
    expect(actions.rows[0]?.note).toContain(got.parsed.messageId ?? '?');

    // The invoice's screen shows both: the reminder and the mail.
    await show(app, harness, `/factures/${inv.id}`);
    await expect(app.getByTestId('dunning-history').getByTestId('dunning-action')).toContainText('Relance écrite');
    await expect(app.getByTestId('mail-history').getByTestId('mail-sent-row')).toContainText('Relance · 22/11/2026');
  });

  test('a credit note is sent from the credit notes list, a penalty invoice from its own screen', async ({ app, harness }) => {
    const inv = await setUp(harness);
    const cn = (await api(harness, 'creditNote.create', { invoiceId: inv.id, date: '2026-11-20', reason: 'Geste commercial', kind: 'rebate', lines: [{ description: 'Remise', quantity: '1', unitPrice: '100', vatRate: '20', kind: 'services' }], validate: true })) as Created;
    await app.reload();
    await openSection(app, 'Avoirs');
    await app.getByRole('button', { name: `Envoyer par e-mail l’avoir ${cn.number}` }).click();
    const dialog = app.getByRole('dialog', { name: `Envoyer par e-mail — Avoir ${cn.number}` });
    await expect(dialog.getByLabel('Objet')).toHaveValue(`Avoir ${cn.number} — Atelier Dupont`);
    await dialog.getByRole('button', { name: 'Envoyer' }).click();
    await expect(dialog.getByTestId('mail-sent')).toBeVisible();
    expect(lastReceived().parsed.subject).toBe(`Avoir ${cn.number} — Atelier Dupont`);
    await dialog.getByRole('button', { name: 'Fermer' }).click();

    const pen = (await api(harness, 'penalty.invoice', { invoiceId: inv.id, asOf: '2026-11-22', date: '2026-11-22', includeIndemnity: true })) as { id: number; number: string; receivableId: number };
    const pdf = await rendered(harness, { kind: 'penaltyInvoice', id: pen.id });
    await show(app, harness, `/factures/${pen.receivableId}`);
    await app.getByRole('button', { name: 'Envoyer par e-mail' }).click();
    const penDialog = app.getByRole('dialog', { name: `Envoyer par e-mail — Facture de pénalités ${pen.number}` });
    await expect(penDialog.getByLabel('Objet')).toHaveValue(`Facture de pénalités ${pen.number} — Atelier Dupont`);
    await penDialog.getByRole('button', { name: 'Envoyer' }).click();
    await expect(penDialog.getByTestId('mail-sent')).toBeVisible();
    expect(sha(lastReceived().parsed.attachments[0]?.content ?? Buffer.alloc(0))).toBe(sha(pdf.bytes));

    // Both mails join the history of the invoice they concern.
    const history = (await api(harness, 'mail.history', { invoiceId: inv.id })) as { rows: { documentKind: string }[] };
    expect(history.rows.map((r) => r.documentKind)).toEqual(['creditNote', 'penaltyInvoice']);
  });
});

test.describe('with a wrong password', () => {
  test.use({ smtpPassword: 'pas-le-bon' });

  test('a refused login is said in French in the dialog, and nothing is recorded', async ({ app, harness }) => {
    const inv = await setUp(harness);
    await show(app, harness, `/factures/${inv.id}`);
    await app.getByRole('button', { name: 'Envoyer par e-mail' }).click();
    const dialog = app.getByRole('dialog', { name: /Envoyer par e-mail/ });
    await expect(dialog.getByLabel('Destinataire')).toHaveValue('compta@garage-moreau.example');
    const before = smtp.received.length;
    await dialog.getByRole('button', { name: 'Envoyer' }).click();
    await expect(dialog.getByTestId('mail-error')).toContainText('a refusé l’identification');
    await expect(dialog.getByTestId('mail-error')).toContainText('Rien n’a été envoyé ni enregistré');
    await shot(app, 'mail-05-identification-refusee.png');
    expect(smtp.received.length).toBe(before);
    expect(((await api(harness, 'mail.history', {})) as { rows: unknown[] }).rows).toEqual([]);
  });
});

test('without a mail account the dialog says so and « Préparer un e-mail » saves the .eml draft with the PDF; nothing is recorded', async ({ app, harness }) => {
  const inv = await setUp(harness, { account: false });
  const pdf = await rendered(harness, { kind: 'invoice', id: inv.id });
  await show(app, harness, `/factures/${inv.id}`);
  await app.getByRole('button', { name: 'Envoyer par e-mail' }).click();
  const dialog = app.getByRole('dialog', { name: /Envoyer par e-mail/ });
  await expect(dialog.getByTestId('mail-not-configured')).toContainText('Aucun compte e-mail n’est réglé');
  await expect(dialog.getByRole('button', { name: 'Envoyer', exact: true })).toHaveCount(0);
  await expect(dialog.getByLabel('Destinataire')).toHaveValue('compta@garage-moreau.example');
  await shot(app, 'mail-06-sans-compte.png');
  const download = app.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Préparer un e-mail' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(pdf.fileName.replace(/\.pdf$/, '.eml'));
  await expect(dialog.getByTestId('mail-draft-saved')).toBeVisible();
  const eml = await simpleParser(readFileSync(await file.path()));
  expect(eml.headers.get('x-unsent')).toBe('1');
  expect(eml.subject).toBe(`Facture ${inv.number} — Atelier Dupont`);
  expect((eml.to && !Array.isArray(eml.to) ? eml.to.text : '')).toBe('compta@garage-moreau.example');
  expect(eml.attachments).toHaveLength(1);
  expect(sha(eml.attachments[0]?.content ?? Buffer.alloc(0))).toBe(sha(pdf.bytes));
  expect(((await api(harness, 'mail.history', {})) as { rows: unknown[] }).rows).toEqual([]);
});

test.describe('statements and payment plans', () => {
  test.use({ smtpPassword: SMTP_PASSWORD });

  test('the customer statement is previewed from the customer’s account and sent by mail with the same PDF', async ({ app, harness }) => {
    const inv = await setUp(harness);
    const statement = await rendered(harness, { kind: 'statement', id: 1 });
    await show(app, harness, '/clients/1');
    await app.getByRole('button', { name: 'Relevé de compte' }).click();
    const preview = app.getByTestId('pdf-preview');
    await expect(preview.getByTestId('pdf-file-name')).toContainText('Relevé de compte C00001 2026-11-22.pdf · 1 page');
    await expect(preview.getByTestId('pdf-page').first()).toHaveAttribute('data-rendered', 'true');
    await shot(app, 'mail-07-releve-apercu.png');
    await preview.getByRole('button', { name: 'Fermer l’aperçu' }).click();

    await app.getByRole('button', { name: 'Envoyer le relevé' }).click();
    const dialog = app.getByRole('dialog', { name: 'Envoyer par e-mail — Relevé de compte C00001' });
    await expect(dialog.getByLabel('Objet')).toHaveValue('Relevé de compte C00001 — Atelier Dupont');
    await expect(dialog.getByLabel('Message')).toHaveValue(/le solde de votre compte s’élève à 1\s200,00\s€ au 22 novembre 2026/);
    await dialog.getByRole('button', { name: 'Envoyer' }).click();
    await expect(dialog.getByTestId('mail-sent')).toBeVisible();
    const got = lastReceived();
    expect(got.parsed.subject).toBe('Relevé de compte C00001 — Atelier Dupont');
    expect(sha(got.parsed.attachments[0]?.content ?? Buffer.alloc(0))).toBe(sha(statement.bytes));
    expect(((await api(harness, 'mail.history', { customerId: 1 })) as { rows: { documentKind: string }[] }).rows.map((r) => r.documentKind)).toEqual(['statement']);
    expect(inv.number).toBe('F2026-00001');
  });

  test('a payment plan is printed and sent from its card', async ({ app, harness }) => {
    const inv = await setUp(harness);
    await api(harness, 'paymentPlan.create', { invoiceIds: [inv.id], date: '2026-11-22', instalments: [{ date: '2026-12-15', amount: '600.00' }, { date: '2027-01-15', amount: '600.00' }] });
    const plan = await rendered(harness, { kind: 'plan', id: 1 });
    await show(app, harness, `/factures/${inv.id}`);
    const card = app.getByTestId('payment-plan');
    await card.getByRole('button', { name: 'Imprimer l’échéancier du 22/11/2026' }).click();
    const preview = app.getByTestId('pdf-preview');
    await expect(preview.getByTestId('pdf-file-name')).toContainText('Échéancier C00001 2026-11-22.pdf');
    await expect(preview.getByTestId('pdf-page').first()).toHaveAttribute('data-rendered', 'true');
    await shot(app, 'mail-08-echeancier-apercu.png');
    await preview.getByRole('button', { name: 'Fermer l’aperçu' }).click();

    await card.getByRole('button', { name: 'Envoyer l’échéancier du 22/11/2026 par e-mail' }).click();
    const dialog = app.getByRole('dialog', { name: /Envoyer par e-mail — Échéancier du 22\/11\/2026/ });
    await expect(dialog.getByLabel('Objet')).toHaveValue('Échéancier de paiement — Atelier Dupont');
    await dialog.getByRole('button', { name: 'Envoyer' }).click();
    await expect(dialog.getByTestId('mail-sent')).toBeVisible();
    expect(sha(lastReceived().parsed.attachments[0]?.content ?? Buffer.alloc(0))).toBe(sha(plan.bytes));
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await expect(app.getByTestId('mail-history').getByTestId('mail-sent-row')).toContainText('Échéancier · 22/11/2026');
  });
});

test.describe('quotes', () => {
  test.use({ smtpPassword: SMTP_PASSWORD });

  test('an issued quote is sent from its page with the PDF of its preview, and its page lists the mail', async ({ app, harness }) => {
    await setUp(harness);
    const quote = (await api(harness, 'quote.create', { customerId: 1, date: '2026-11-20', lines: [line], validate: true })) as Created;
    const pdf = await rendered(harness, { kind: 'quote', id: quote.id });
    await show(app, harness, `/devis/${quote.id}`);
    await expect(app.getByTestId('mail-history')).toContainText('Aucun e-mail envoyé depuis Encours pour ce devis.');
    await app.getByRole('button', { name: 'Envoyer par e-mail' }).click();
    const dialog = app.getByRole('dialog', { name: /Envoyer par e-mail — Devis D2026-00001/ });
    await expect(dialog.getByLabel('Objet')).toHaveValue('Devis D2026-00001 — Atelier Dupont');
    await expect(dialog.getByLabel('Message')).toHaveValue(/d’un montant de 1\s200,00\s€ TTC, valable jusqu’au 20 décembre 2026/);
    await dialog.getByRole('button', { name: 'Envoyer' }).click();
    await expect(dialog.getByTestId('mail-sent')).toBeVisible();
    const got = lastReceived();
    expect(got.to).toEqual(['compta@garage-moreau.example']);
    expect(sha(got.parsed.attachments[0]?.content ?? Buffer.alloc(0))).toBe(sha(pdf.bytes));
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await expect(app.getByTestId('mail-history').getByTestId('mail-sent-row')).toContainText('Devis · 22/11/2026');
    await shot(app, 'mail-09-devis-envoye.png');
  });
});
