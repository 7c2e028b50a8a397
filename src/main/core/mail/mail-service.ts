import type { Handlers } from '../../../shared/contract';
import type { MailDocumentKind, MailSent } from '../../../shared/domain/mail';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import type { HandlerContext } from '../context';
import { rolledBack } from '../dry-run';
import { recordAction } from '../dunning/actions';
import { composeMail, type ComposedMail } from './compose';
import { mailSettingsView, readMailAccount, requireMailAccount, saveMailAccount } from './settings';
import { emlOf, messageOf, sendMessage, verifyAccount } from './transport';

type Channels = 'mail.settings.get' | 'mail.settings.set' | 'mail.test' | 'mail.prepare' | 'mail.send' | 'mail.draft' | 'mail.history';

function requireRecipient(mail: ComposedMail): string {
  if (mail.to) return mail.to;
  const message = 'Ce client n’a pas d’adresse e-mail : indiquez le destinataire (ou enregistrez son adresse sur sa fiche).';
  throw new AppError('VALIDATION', message, { to: message });
}

/**
 * Records a mail the server accepted: its row in `mail_sent`, and for a dunning letter the reminder,
 * exactly as « Marquer comme envoyée » (dunning.record, channel e-mail), which keeps a written reminder
 * or a formal notice as evidence. One write transaction.
 */
function recordSent(db: Db, mail: ComposedMail, sent: { to: string; messageId: string }, today: string, now: Date) {
  let action: { id: number; evidenceId?: number } | undefined;
  if (mail.dunning) {
    action = recordAction(
      db,
      { invoiceId: mail.dunning.invoiceId, step: mail.dunning.step, date: today, channel: 'email', note: `Envoyée par e-mail à ${sent.to} (Message-ID ${sent.messageId}, PDF ${mail.attachment.sha256.slice(0, 16)}…)` },
      today,
      now,
    );
  }
  const id = Number(
    stmt(
      db,
      `INSERT INTO mail_sent (sent_at, date, document_kind, document_id, step_key, invoice_id, customer_id, recipient, subject, message_id, file_name, attachment_sha256, dunning_action_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      now.toISOString(), today, mail.document.kind, mail.document.id, mail.document.step ?? null, mail.invoiceId ?? null, mail.customerId, sent.to, mail.subject, sent.messageId,
      mail.attachment.fileName, mail.attachment.sha256, action?.id ?? null,
    ).lastInsertRowid,
  );
  return { id, ...(action ? { dunningActionId: action.id } : {}), ...(action?.evidenceId !== undefined ? { evidenceId: action.evidenceId } : {}) };
}

interface SentRow {
  id: number; sent_at: string; date: string; document_kind: MailDocumentKind; document_id: number; step_key: string | null; invoice_id: number | null; customer_id: number | null;
  recipient: string; subject: string; message_id: string; file_name: string; attachment_sha256: string;
}

export function mailHistory(db: Db, q: { invoiceId?: number | undefined; customerId?: number | undefined; quoteId?: number | undefined }): MailSent[] {
  const rows = stmt(
    db,
    `SELECT id, sent_at, date, document_kind, document_id, step_key, invoice_id, customer_id, recipient, subject, message_id, file_name, attachment_sha256
       FROM mail_sent WHERE (@invoiceId IS NULL OR invoice_id = @invoiceId) AND (@customerId IS NULL OR customer_id = @customerId)
        AND (@quoteId IS NULL OR (document_kind = 'quote' AND document_id = @quoteId)) ORDER BY sent_at, id`,
  ).all({ invoiceId: q.invoiceId ?? null, customerId: q.customerId ?? null, quoteId: q.quoteId ?? null }) as SentRow[];
  return rows.map((r) => ({
    id: r.id, sentAt: r.sent_at, date: r.date, documentKind: r.document_kind, documentId: r.document_id, recipient: r.recipient, subject: r.subject,
    messageId: r.message_id, fileName: r.file_name, sha256: r.attachment_sha256,
    ...(r.step_key ? { step: r.step_key } : {}), ...(r.invoice_id !== null ? { invoiceId: r.invoice_id } : {}), ...(r.customer_id !== null ? { customerId: r.customer_id } : {}),
  }));
}

/** The account's sender, else the company's address (a draft before any account), else none. */
function senderOf(ctx: HandlerContext): { from: string; fromName?: string } | undefined {
  return readMailAccount(ctx.db) ?? (ctx.company.email ? { from: ctx.company.email } : undefined);
}

/** The .eml's file name: the PDF's, as a mail. */
const emlName = (pdfName: string) => `${pdfName.replace(/\.pdf$/i, '')}.eml`;

/**
 * E-mail from the app. `mail.send` runs outside any transaction (ACCESS 'async'): it reads and draws the
 * document, checks that the reminder could be recorded (in a transaction rolled back), sends through the
 * owner's server, and only then records what was sent, in its own write. A refusal of the server or of
 * the network leaves nothing recorded. `mail.draft` needs no network and records nothing.
 */
export const mailHandlers: Pick<Handlers<HandlerContext>, Channels> = {
  'mail.settings.get'({ db, mailSecrets }) {
    return mailSettingsView(db, mailSecrets);
  },
  'mail.settings.set'({ db, mailSecrets, now }, req) {
    saveMailAccount(db, req, mailSecrets, now());
    return mailSettingsView(db, mailSecrets);
  },
  async 'mail.test'({ db, mailSecrets, mailTransport }) {
    const account = requireMailAccount(db);
    await verifyAccount(account, mailSecrets, mailTransport);
    return { ok: true as const, message: `Connexion réussie : le serveur ${account.host}:${account.port} accepte ${account.user ? `le compte ${account.user}` : 'la connexion'}.` };
  },
  async 'mail.prepare'(ctx, req) {
    const mail = await composeMail(ctx, req.document, { to: req.to });
    // Without an account yet (a draft to open in the mail program): the company's own address, if any.
    const account = senderOf(ctx);
    const from = account ? `${account.fromName ?? ctx.company.name} <${account.from}>` : ctx.company.name;
    return {
      from,
      ...(mail.to ? { to: mail.to } : {}),
      subject: mail.subject,
      body: mail.body,
      attachment: { fileName: mail.attachment.fileName, sha256: mail.attachment.sha256, size: mail.attachment.bytes.length },
    };
  },
  async 'mail.send'(ctx, req) {
    const { db, file, mailSecrets, mailTransport, company } = ctx;
    const account = requireMailAccount(db);
    const mail = await composeMail(ctx, req.document, { to: req.to, subject: req.subject, body: req.body });
    const to = requireRecipient(mail);
    const today = ctx.today();
    // What will be recorded is checked before anything leaves: a reminder the history would refuse is not sent.
    rolledBack(db, () => recordSent(db, mail, { to, messageId: '<verification@encours>' }, today, ctx.now()));
    const sent = await sendMessage(account, mailSecrets, mailTransport, messageOf(account, company.name, mail));
    try {
      const recorded = file.write((w) => recordSent(w, mail, { to, messageId: sent.messageId }, ctx.today(), ctx.now()), db);
      return { ...recorded, messageId: sent.messageId, to, subject: mail.subject, sha256: mail.attachment.sha256 };
    } catch (err) {
      ctx.log.error(`E-mail ${sent.messageId} envoyé mais non inscrit à l’historique`, err);
      throw new AppError(
        'CONFLICT',
        `L’e-mail a été envoyé à ${to} (Message-ID ${sent.messageId}), mais son inscription à l’historique a échoué : enregistrez la relance à la main (Marquer comme envoyée).`,
      );
    }
  },
  async 'mail.draft'(ctx, req) {
    const mail = await composeMail(ctx, req.document, { to: req.to, subject: req.subject, body: req.body });
    // The sender: the account's, else the company's address, else none (the mail program puts its own).
    const account = senderOf(ctx);
    const { bytes } = await emlOf(messageOf(account, ctx.company.name, mail));
    return { fileName: emlName(mail.attachment.fileName), eml: bytes.toString('base64'), subject: mail.subject, ...(mail.to ? { to: mail.to } : {}) };
  },
  'mail.history'({ db }, req) {
    return { rows: mailHistory(db, req) };
  },
};
