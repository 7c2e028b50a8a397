import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceContext, silentLogger, type ServiceContext } from '../../../src/main/core/context';
import { environmentMailSecrets } from '../../../src/main/core/mail/secrets';
import { callErr, callOk, fixedClock } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { expectFrench } from '../../helpers/french';
import { deleteTailSql, falsify } from '../../helpers/tamper';
import { closedPort, SMTP_PASSWORD, SMTP_USER, startSmtp, type TestSmtp } from '../../helpers/smtp';
import { dunningCompany, invoice1200 } from '../dunning/setup';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
});

/** A company (today 2026-11-22) whose door reads the SMTP password from the environment, as the CLI does. */
async function mailCompany(password = SMTP_PASSWORD) {
  const tc = await dunningCompany();
  const ctx: ServiceContext = serviceContext({ file: tc.ctx.file, now: fixedClock, log: silentLogger, mailSecrets: environmentMailSecrets({ ENCOURS_SMTP_PASSWORD: password }) });
  return { ...tc, ctx };
}

async function configure(ctx: ServiceContext, over: Record<string, unknown> = {}) {
  return callOk(ctx, 'mail.settings.set', { host: '127.0.0.1', port: smtp.port, security: 'none', user: SMTP_USER, from: 'claire@atelier-dupont.fr', ...over });
}

/** What document.render gives for a document, as the owner previews it before sending. */
async function rendered(ctx: ServiceContext, document: { kind: string; id: number; step?: string }) {
  const r = await callOk(ctx, 'document.render', document);
  return { pdf: Buffer.from(r.pdf, 'base64'), fileName: r.fileName };
}

/** The last message the server received. */
function last() {
  const got = smtp.received[smtp.received.length - 1];
  if (!got) throw new Error('aucun message reçu');
  return got;
}

function expectAttachment(got: { parsed: { attachments: { content: Buffer; contentType: string; filename?: string }[] } }, pdf: Buffer, fileName: string) {
  expect(got.parsed.attachments).toHaveLength(1);
  const [a] = got.parsed.attachments;
  expect(a?.contentType).toBe('application/pdf');
  expect(a?.filename).toBe(fileName);
  expect(sha(a?.content ?? Buffer.alloc(0))).toBe(sha(pdf));
}

describe('mail.settings', () => {
  it('keeps host, port, security, login and sender, never the password; refuses a password in the request at the CLI', async () => {
    const tc = await mailCompany();
    expect(await callOk(tc.ctx, 'mail.settings.get', {})).toMatchObject({ configured: false, passwordAvailable: false });
    const saved = await configure(tc.ctx, { fromName: 'Atelier Dupont' });
    expect(saved).toMatchObject({ configured: true, host: '127.0.0.1', port: smtp.port, security: 'none', user: SMTP_USER, passwordAvailable: true, passwordSource: 'environment', canStorePassword: false });
    const err = await callErr(tc.ctx, 'mail.settings.set', { host: '127.0.0.1', port: 25, security: 'none', user: SMTP_USER, from: 'a@b.fr', password: 'secret' });
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('ENCOURS_SMTP_PASSWORD');
    expectFrench(err.message);
  });

  it('refuses an invalid host, port or sender in French, field by field', async () => {
    const tc = await mailCompany();
    const bad = [
      { over: { host: 'smtp://exemple.fr' }, field: 'host' },
      { over: { port: 0 }, field: 'port' },
      { over: { port: 70000 }, field: 'port' },
      { over: { from: 'pas-une-adresse' }, field: 'from' },
      { over: { security: 'ssl' }, field: 'security' },
    ];
    for (const { over, field } of bad) {
      const err = await callErr(tc.ctx, 'mail.settings.set', { host: 'smtp.exemple.fr', port: 587, security: 'starttls', from: 'a@exemple.fr', ...over });
      expect(err.code).toBe('VALIDATION');
      expect(Object.keys(err.fieldErrors ?? {})).toContain(field);
      expectFrench(err.fieldErrors?.[field]);
    }
  });
});

describe('mail.send to a real SMTP server', () => {
  it('sends an invoice with its PDF, identical to document.render, to the customer, in French; records it on the invoice', async () => {
    const tc = await mailCompany();
    await configure(tc.ctx, { fromName: 'Atelier Dupont' });
    const inv = await invoice1200(tc, 1, '2026-10-01', '2026-10-31');
    const { pdf, fileName } = await rendered(tc.ctx, { kind: 'invoice', id: inv.id });
    const before = smtp.received.length;
    const sent = await callOk(tc.ctx, 'mail.send', { document: { kind: 'invoice', id: inv.id } });
    expect(smtp.received.length).toBe(before + 1);
    const got = last();
    expect(got.to).toEqual(['fournisseurs@socgen.example']);
    expect(got.from).toBe('claire@atelier-dupont.fr');
    expect(got.parsed.subject).toBe(`Facture ${inv.number} — Atelier Dupont SARL`);
    expect(got.parsed.text).toContain(`Veuillez trouver ci-joint notre facture ${inv.number} du 1er octobre 2026`);
    expect(got.parsed.text).toMatch(/1\s200,00\s€ TTC/);
    expect(got.parsed.from?.text).toContain('Atelier Dupont');
    expectAttachment(got, pdf, fileName);
    expect(sent).toMatchObject({ to: 'fournisseurs@socgen.example', sha256: sha(pdf) });
    expect(got.parsed.messageId).toBe(sent.messageId);
    const history = await callOk(tc.ctx, 'mail.history', { invoiceId: inv.id });
    expect(history.rows).toEqual([
      expect.objectContaining({ date: '2026-11-22', documentKind: 'invoice', documentId: inv.id, invoiceId: inv.id, customerId: 1, recipient: 'fournisseurs@socgen.example', messageId: sent.messageId, sha256: sha(pdf), subject: got.parsed.subject }),
    ]);
    // Not a reminder: nothing in the dunning history.
    expect((await callOk(tc.ctx, 'dunning.history', { invoiceId: inv.id })).rows).toEqual([]);
  });

  it('sends a credit note to another address the owner typed, with its own subject and body', async () => {
    const tc = await mailCompany();
    await configure(tc.ctx);
    const inv = await invoice1200(tc, 1, '2026-10-01', '2026-10-31');
    const cn = await callOk(tc.ctx, 'creditNote.create', { invoiceId: inv.id, date: '2026-10-05', reason: 'Commande annulée', kind: 'cancellation', validate: true });
    const { pdf, fileName } = await rendered(tc.ctx, { kind: 'creditNote', id: cn.id });
    const sent = await callOk(tc.ctx, 'mail.send', { document: { kind: 'creditNote', id: cn.id }, to: 'compta@socgen.example', subject: 'Votre avoir', body: 'Bonjour,\n\nVoici l’avoir promis.\n\nClaire' });
    const got = last();
    expect(got.to).toEqual(['compta@socgen.example']);
    expect(got.parsed.subject).toBe('Votre avoir');
    expect(got.parsed.text).toContain('Voici l’avoir promis.');
    expectAttachment(got, pdf, fileName);
    expect(sent.to).toBe('compta@socgen.example');
    const rows = (await callOk(tc.ctx, 'mail.history', { invoiceId: inv.id })).rows;
    expect(rows).toEqual([expect.objectContaining({ documentKind: 'creditNote', documentId: cn.id, recipient: 'compta@socgen.example', messageId: sent.messageId })]);
  });

  it('the default subject of a credit note names it', async () => {
    const tc = await mailCompany();
    await configure(tc.ctx);
    const inv = await invoice1200(tc, 2, '2026-10-01', '2026-10-31');
    const cn = await callOk(tc.ctx, 'creditNote.create', { invoiceId: inv.id, date: '2026-10-05', reason: 'Commande annulée', kind: 'cancellation', validate: true });
    const preview = await callOk(tc.ctx, 'mail.prepare', { document: { kind: 'creditNote', id: cn.id } });
    expect(preview).toMatchObject({ to: 'jeanne.martin@example.fr', subject: `Avoir ${cn.number} — Atelier Dupont SARL`, from: 'Atelier Dupont SARL <claire@atelier-dupont.fr>' });
    expect(preview.body).toContain(`sur notre facture ${inv.number}`);
  });

  it('sends a written reminder (a step of the scenario) with its letter; records the reminder and its evidence as « Marquer comme envoyée » does', async () => {
    const tc = await mailCompany();
    await configure(tc.ctx);
    const inv = await invoice1200(tc, 1, '2026-03-10', '2026-04-09');
    const email = await callOk(tc.ctx, 'dunning.email', { invoiceId: inv.id, step: 'reminder' });
    const { pdf, fileName } = await rendered(tc.ctx, { kind: 'dunningLetter', id: inv.id, step: 'reminder' });
    const sent = await callOk(tc.ctx, 'mail.send', { document: { kind: 'dunningLetter', id: inv.id, step: 'reminder' } });
    const got = last();
    expect(got.parsed.subject).toBe(email.subject);
    expect(got.parsed.text?.trim()).toBe(email.body.trim());
    expectFrench(got.parsed.subject);
    expectAttachment(got, pdf, fileName);
    const actions = (await callOk(tc.ctx, 'dunning.history', { invoiceId: inv.id })).rows;
    expect(actions).toEqual([expect.objectContaining({ step: 'reminder', channel: 'email', date: '2026-11-22', evidenceId: sent.evidenceId })]);
    expect(actions[0]?.id).toBe(sent.dunningActionId);
    const evidence = (await callOk(tc.ctx, 'evidence.list', { invoiceId: inv.id })).rows;
    expect(evidence).toEqual([expect.objectContaining({ id: sent.evidenceId, kind: 'reminder', date: '2026-11-22' })]);
    const history = (await callOk(tc.ctx, 'mail.history', { invoiceId: inv.id })).rows;
    expect(history).toEqual([expect.objectContaining({ documentKind: 'dunningLetter', step: 'reminder', messageId: sent.messageId, sha256: sha(pdf) })]);
  });

  it('sends a formal notice to a consumer; it is recorded as evidence of kind formal_notice', async () => {
    const tc = await mailCompany();
    await configure(tc.ctx);
    const inv = await invoice1200(tc, 2, '2026-03-10', '2026-04-09');
    await callOk(tc.ctx, 'dunning.record', { invoiceId: inv.id, step: 'reminder', date: '2026-04-20', channel: 'letter' });
    const { pdf, fileName } = await rendered(tc.ctx, { kind: 'dunningLetter', id: inv.id, step: 'formal-notice' });
    const sent = await callOk(tc.ctx, 'mail.send', { document: { kind: 'dunningLetter', id: inv.id, step: 'formal-notice' } });
    const got = last();
    expect(got.to).toEqual(['jeanne.martin@example.fr']);
    expect(got.parsed.subject?.toLowerCase()).toContain('mise en demeure');
    expectAttachment(got, pdf, fileName);
    const evidence = (await callOk(tc.ctx, 'evidence.list', { invoiceId: inv.id })).rows;
    expect(evidence).toContainEqual(expect.objectContaining({ id: sent.evidenceId, kind: 'formal_notice' }));
  });

  it('sends a penalty invoice (series PEN), by its own id or as the receivable it is', async () => {
    const tc = await mailCompany();
    await configure(tc.ctx);
    const inv = await invoice1200(tc, 1, '2026-03-10', '2026-04-09');
    const pen = await callOk(tc.ctx, 'penalty.invoice', { invoiceId: inv.id, asOf: '2026-05-15', date: '2026-05-16', includeIndemnity: true });
    const { pdf, fileName } = await rendered(tc.ctx, { kind: 'penaltyInvoice', id: pen.id });
    const sent = await callOk(tc.ctx, 'mail.send', { document: { kind: 'penaltyInvoice', id: pen.id } });
    const got = last();
    expect(got.parsed.subject).toBe(`Facture de pénalités ${pen.number} — Atelier Dupont SARL`);
    expect(got.parsed.text).toContain(`paiement tardif de notre facture ${inv.number}`);
    expectAttachment(got, pdf, fileName);
    // The same document through its receivable: the same PDF.
    const viaReceivable = await callOk(tc.ctx, 'mail.prepare', { document: { kind: 'invoice', id: pen.receivableId } });
    expect(viaReceivable.attachment.sha256).toBe(sha(pdf));
    expect((await callOk(tc.ctx, 'mail.history', { invoiceId: inv.id })).rows).toEqual([expect.objectContaining({ documentKind: 'penaltyInvoice', documentId: pen.id, messageId: sent.messageId })]);
  });
});

describe('refusals: nothing recorded as sent', () => {
  it('sends a customer statement and a payment plan with their PDFs; the statement joins the customer’s history, the plan its first invoice’s', async () => {
    const tc = await mailCompany();
    await configure(tc.ctx);
    const inv = await invoice1200(tc, 1, '2026-10-01', '2026-10-31');
    const statement = await rendered(tc.ctx, { kind: 'statement', id: 1 });
    const sentStatement = await callOk(tc.ctx, 'mail.send', { document: { kind: 'statement', id: 1 } });
    let got = last();
    expect(got.to).toEqual(['fournisseurs@socgen.example']);
    expect(got.parsed.subject).toBe('Relevé de compte C00001 — Atelier Dupont SARL');
    expect(got.parsed.text).toMatch(/le solde de votre compte s’élève à 1\s200,00\s€ au 22 novembre 2026/);
    expectAttachment(got, statement.pdf, statement.fileName);

    const plan = await callOk(tc.ctx, 'paymentPlan.create', { invoiceIds: [inv.id], date: '2026-11-22', instalments: [{ date: '2026-12-15', amount: '600.00' }, { date: '2027-01-15', amount: '600.00' }] });
    const planPdf = await rendered(tc.ctx, { kind: 'plan', id: plan.id });
    const sentPlan = await callOk(tc.ctx, 'mail.send', { document: { kind: 'plan', id: plan.id } });
    got = last();
    expect(got.parsed.subject).toBe('Échéancier de paiement — Atelier Dupont SARL');
    expect(got.parsed.text).toMatch(new RegExp(`l’échéancier de paiement de notre facture ${inv.number} : 1\\s200,00\\s€ en 2 échéances, la première de 600,00\\s€ au 15 décembre 2026`));
    expectAttachment(got, planPdf.pdf, planPdf.fileName);

    expect((await callOk(tc.ctx, 'mail.history', { customerId: 1 })).rows).toEqual([
      expect.objectContaining({ documentKind: 'statement', documentId: 1, customerId: 1, messageId: sentStatement.messageId, sha256: sha(statement.pdf) }),
      expect.objectContaining({ documentKind: 'plan', documentId: plan.id, invoiceId: inv.id, messageId: sentPlan.messageId }),
    ]);
    expect((await callOk(tc.ctx, 'mail.history', { customerId: 1 })).rows[0]).not.toHaveProperty('invoiceId');
    expect((await callOk(tc.ctx, 'mail.history', { invoiceId: inv.id })).rows.map((r) => r.documentKind)).toEqual(['plan']);
  });

  it('sends an issued quote with its PDF, into the customer’s history; a draft quote is not sent', async () => {
    const tc = await mailCompany();
    await configure(tc.ctx);
    const lines = [{ description: 'Rénovation de la salle de bains', quantity: '1', unitPrice: '5000', vatRate: '10', kind: 'services' as const }];
    const draft = await callOk(tc.ctx, 'quote.create', { customerId: 1, date: '2026-11-20', lines });
    const refused = await callErr(tc.ctx, 'mail.send', { document: { kind: 'quote', id: draft.id } });
    expect(refused.message).toMatch(/émettez d’abord le devis/);
    const quote = await callOk(tc.ctx, 'quote.setStatus', { id: draft.id, status: 'sent' });
    const pdf = await rendered(tc.ctx, { kind: 'quote', id: quote.id });
    const sent = await callOk(tc.ctx, 'mail.send', { document: { kind: 'quote', id: quote.id } });
    const got = last();
    expect(got.parsed.subject).toBe(`Devis ${quote.number} — Atelier Dupont SARL`);
    // 5 000,00 HT + 10 % = 5 500,00 TTC, valid 30 days from 20 November.
    expect(got.parsed.text).toMatch(/notre devis D2026-00001 du 20 novembre 2026, d’un montant de 5\s500,00\s€ TTC, valable jusqu’au 20 décembre 2026/);
    expectAttachment(got, pdf.pdf, pdf.fileName);
    expect((await callOk(tc.ctx, 'mail.history', { customerId: 1 })).rows).toEqual([
      expect.objectContaining({ documentKind: 'quote', documentId: quote.id, customerId: 1, messageId: sent.messageId, sha256: sha(pdf.pdf) }),
    ]);
    expect((await callOk(tc.ctx, 'mail.history', { quoteId: quote.id })).rows.map((r) => r.messageId)).toEqual([sent.messageId]);
    expect((await callOk(tc.ctx, 'mail.history', { quoteId: quote.id + 1 })).rows).toEqual([]);
  });

  it('a refused login is a French message; the file is unchanged', async () => {
    const tc = await mailCompany('pas-le-bon-mot-de-passe');
    await configure(tc.ctx);
    const inv = await invoice1200(tc, 1, '2026-03-10', '2026-04-09');
    const dump = dumpDb(tc.path);
    const before = smtp.received.length;
    for (const document of [{ kind: 'invoice', id: inv.id }, { kind: 'dunningLetter', id: inv.id, step: 'reminder' }]) {
      const err = await callErr(tc.ctx, 'mail.send', { document });
      expect(err.code).toBe('VALIDATION');
      expect(err.message).toContain('a refusé l’identification');
      expect(err.message).toContain('Rien n’a été envoyé ni enregistré');
      expectFrench(err.message);
    }
    expect(smtp.received.length).toBe(before);
    expect(dumpDb(tc.path)).toBe(dump);
    const test = await callErr(tc.ctx, 'mail.test', {});
    expect(test.message).toContain('a refusé l’identification');
  });

  it('a file whose ledger no longer matches its witness (entries deleted behind the app) sends nothing, like any write refused', async () => {
    const tc = await mailCompany();
    await configure(tc.ctx);
    const first = await invoice1200(tc, 1, '2026-10-01', '2026-10-31');
    await invoice1200(tc, 1, '2026-10-02', '2026-11-01');
    tc.ctx.file.close();
    falsify(tc.path, deleteTailSql(2));
    const before = smtp.received.length;
    const err = await callErr(tc.ctx, 'mail.send', { document: { kind: 'invoice', id: first.id } });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/ne correspond plus à ce que cet ordinateur en a enregistré/);
    expectFrench(err.message);
    expect(smtp.received.length).toBe(before);
    expect((await callOk(tc.ctx, 'mail.history', {})).rows).toEqual([]);
  });

  it('an unreachable server is a French message; the file is unchanged', async () => {
    const tc = await mailCompany();
    const port = await closedPort();
    await configure(tc.ctx, { port });
    const inv = await invoice1200(tc, 1, '2026-03-10', '2026-04-09');
    const dump = dumpDb(tc.path);
    const err = await callErr(tc.ctx, 'mail.send', { document: { kind: 'dunningLetter', id: inv.id, step: 'reminder' } });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain(`Impossible de joindre le serveur 127.0.0.1:${port}`);
    expectFrench(err.message);
    expect(dumpDb(tc.path)).toBe(dump);
    expect((await callOk(tc.ctx, 'dunning.history', { invoiceId: inv.id })).rows).toEqual([]);
  });

  it('a server that accepts the connection but never greets is given up (the timeout), in French; nothing recorded', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const tc = await mailCompany();
      const ctx = serviceContext({ file: tc.ctx.file, now: fixedClock, log: silentLogger, mailSecrets: environmentMailSecrets({ ENCOURS_SMTP_PASSWORD: SMTP_PASSWORD }), mailTransport: { timeoutMs: 300 } });
      await configure(ctx, { port: (silent.address() as AddressInfo).port });
      const inv = await invoice1200(tc, 1, '2026-03-10', '2026-04-09');
      const dump = dumpDb(tc.path);
      const err = await callErr(ctx, 'mail.send', { document: { kind: 'invoice', id: inv.id } });
      expect(err.code).toBe('CONFLICT');
      expect(err.message).toContain('ne répond pas');
      expectFrench(err.message);
      expect(dumpDb(tc.path)).toBe(dump);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('without settings, without a recipient, a draft invoice or a missing password: refused before connecting', async () => {
    const tc = await mailCompany();
    const inv = await invoice1200(tc, 1, '2026-03-10', '2026-04-09');
    expect((await callErr(tc.ctx, 'mail.send', { document: { kind: 'invoice', id: inv.id } })).message).toContain('Paramètres › E-mail');
    await configure(tc.ctx);
    await callOk(tc.ctx, 'customer.update', { id: 1, email: '' });
    const noTo = await callErr(tc.ctx, 'mail.send', { document: { kind: 'invoice', id: inv.id } });
    expect(noTo.fieldErrors?.to).toBeDefined();
    const draft = await callOk(tc.ctx, 'invoice.create', { customerId: 2, date: '2026-11-01', lines: [{ description: 'Étagère', quantity: '1', unitPrice: '100', vatRate: '20', kind: 'goods' }] });
    expect((await callErr(tc.ctx, 'mail.send', { document: { kind: 'invoice', id: draft.id } })).message).toContain('brouillon');
    const noPassword = serviceContext({ file: tc.ctx.file, now: fixedClock, log: silentLogger, mailSecrets: environmentMailSecrets({}) });
    const err = await callErr(noPassword, 'mail.send', { document: { kind: 'invoice', id: inv.id }, to: 'x@exemple.fr' });
    expect(err.message).toContain('ENCOURS_SMTP_PASSWORD');
    expect((await callOk(tc.ctx, 'mail.history', {})).rows).toEqual([]);
  });

  it('a paid invoice is not reminded: refused before anything leaves', async () => {
    const tc = await mailCompany();
    await configure(tc.ctx);
    const inv = await invoice1200(tc, 1, '2026-03-10', '2026-04-09');
    await callOk(tc.ctx, 'payment.record', { customerId: 1, date: '2026-04-20', amount: '1200.00', method: 'transfer' });
    const before = smtp.received.length;
    await callErr(tc.ctx, 'mail.send', { document: { kind: 'dunningLetter', id: inv.id, step: 'reminder' } });
    expect(smtp.received.length).toBe(before);
  });
});

describe('mail.test', () => {
  it('« Tester la connexion » logs in and sends nothing', async () => {
    const tc = await mailCompany();
    await configure(tc.ctx);
    const before = smtp.received.length;
    const ok = await callOk(tc.ctx, 'mail.test', {});
    expect(ok.message).toContain('Connexion réussie');
    expect(smtp.received.length).toBe(before);
  });
});

describe('mail.draft', () => {
  it('writes an .eml with the PDF attached, parsed back by mailparser; records nothing, needs no server', async () => {
    const tc = await mailCompany();
    const inv = await invoice1200(tc, 1, '2026-03-10', '2026-04-09');
    const dump = dumpDb(tc.path);
    const draft = await callOk(tc.ctx, 'mail.draft', { document: { kind: 'dunningLetter', id: inv.id, step: 'reminder' } });
    expect(draft.fileName).toMatch(/\.eml$/);
    const parsed = await simpleParser(Buffer.from(draft.eml, 'base64'));
    const rendered = await callOk(tc.ctx, 'document.render', { kind: 'dunningLetter', id: inv.id, step: 'reminder' });
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '').toBe('fournisseurs@socgen.example');
    expect(parsed.subject).toBe(draft.subject);
    expectFrench(parsed.subject);
    expect(parsed.attachments).toHaveLength(1);
    expect(sha(parsed.attachments[0]?.content ?? Buffer.alloc(0))).toBe(sha(Buffer.from(rendered.pdf, 'base64')));
    expect(parsed.messageId).toMatch(/^<.+@.+>$/);
    // No account yet: the company's own address; opened as a draft to send (Outlook, Thunderbird).
    expect(parsed.from?.text).toContain('compta@atelier-dupont.fr');
    expect(parsed.headers.get('x-unsent')).toBe('1');
    const preview = await callOk(tc.ctx, 'mail.prepare', { document: { kind: 'invoice', id: inv.id } });
    expect(preview.from).toBe('Atelier Dupont SARL <compta@atelier-dupont.fr>');
    expect(dumpDb(tc.path)).toBe(dump);
  });
});

describe('the password never in the company file', () => {
  it('neither in the dump nor in the raw bytes of the file after settings and a send', async () => {
    const tc = await mailCompany();
    await configure(tc.ctx);
    const inv = await invoice1200(tc, 1, '2026-03-10', '2026-04-09');
    await callOk(tc.ctx, 'mail.send', { document: { kind: 'invoice', id: inv.id } });
    tc.ctx.file.close();
    expect(dumpDb(tc.path)).not.toContain(SMTP_PASSWORD);
    expect(readFileSync(tc.path).includes(Buffer.from(SMTP_PASSWORD))).toBe(false);
  });
});

describe('the window’s door: the password sealed outside the file', () => {
  it('mail.settings.set with a password stores it in the door’s keychain, never in the company file; sending uses it', async () => {
    const tc = await dunningCompany();
    const sealed = new Map<string, string>();
    const keychain = { source: 'keychain' as const, canStore: true, password: (a: string) => sealed.get(a), store: (a: string, p: string) => void sealed.set(a, p) };
    const ctx = serviceContext({ file: tc.ctx.file, now: fixedClock, log: silentLogger, mailSecrets: keychain });
    const saved = await callOk(ctx, 'mail.settings.set', { host: '127.0.0.1', port: smtp.port, security: 'none', user: SMTP_USER, from: 'claire@atelier-dupont.fr', password: SMTP_PASSWORD });
    expect(saved).toMatchObject({ passwordAvailable: true, passwordSource: 'keychain', canStorePassword: true });
    expect([...sealed.values()]).toEqual([SMTP_PASSWORD]);
    const inv = await invoice1200(tc, 1, '2026-10-01', '2026-10-31');
    await callOk(ctx, 'mail.send', { document: { kind: 'invoice', id: inv.id } });
    ctx.file.close();
    expect(dumpDb(tc.path)).not.toContain(SMTP_PASSWORD);
    expect(readFileSync(tc.path).includes(Buffer.from(SMTP_PASSWORD))).toBe(false);
  });
});
