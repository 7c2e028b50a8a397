import { z } from 'zod';
import { Email, Id, IsoDate, optional, requiredText, text } from './common';

/** How the connection to the owner's SMTP server is protected. */
export const MAIL_SECURITY = ['none', 'starttls', 'tls'] as const;
export type MailSecurity = (typeof MAIL_SECURITY)[number];
export const MAIL_SECURITY_LABELS: Record<MailSecurity, string> = {
  none: 'Aucune (déconseillé)',
  starttls: 'STARTTLS (port 587)',
  tls: 'TLS implicite (port 465)',
};

/** A host name or an IP address, without scheme nor port. */
const Host = requiredText('Indiquez le serveur SMTP (ex. smtp.exemple.fr).', 253).refine(
  (v) => /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(v) || /^\[?[0-9A-Fa-f:.]+\]?$/.test(v),
  { message: 'Serveur SMTP invalide : un nom comme smtp.exemple.fr ou une adresse IP, sans « smtp:// » ni port.' },
);

const Port = z.coerce
  .number({ error: 'Le port est un nombre entre 1 et 65535 (587 pour STARTTLS, 465 pour TLS).' })
  .int({ message: 'Le port est un nombre entier entre 1 et 65535.' })
  .min(1, { message: 'Le port est un nombre entre 1 et 65535 (587 pour STARTTLS, 465 pour TLS).' })
  .max(65535, { message: 'Le port est un nombre entre 1 et 65535 (587 pour STARTTLS, 465 pour TLS).' });

/** The SMTP account: never the password, which stays outside the company file (MailSecrets). */
export const MailSettingsSetRequest = z.strictObject({
  host: Host,
  port: Port,
  security: z.enum(MAIL_SECURITY, { error: 'Sécurité de la connexion : none, starttls ou tls.' }),
  user: optional(text(254)),
  from: Email,
  /** The sender's name shown in the mail (the company's name when absent). */
  fromName: optional(text(120)),
  /**
   * The password, from the window only (Electron seals it with safeStorage); never stored in the company
   * file. The CLI and the harness refuse it here: they read ENCOURS_SMTP_PASSWORD.
   */
  password: z.string().max(1000).optional(),
});
export type MailSettingsSetRequest = z.input<typeof MailSettingsSetRequest>;

export const MailSettings = z.object({
  configured: z.boolean(),
  host: z.string().optional(),
  port: z.number().int().optional(),
  security: z.enum(MAIL_SECURITY).optional(),
  user: z.string().optional(),
  from: z.string().optional(),
  fromName: z.string().optional(),
  /** Whether a password is at hand for this account (sealed on this computer, or in the environment). */
  passwordAvailable: z.boolean(),
  /** Where the password comes from: the OS keychain (Electron), the environment (CLI, harness), or nowhere. */
  passwordSource: z.enum(['keychain', 'environment', 'none']),
  /** False where the password cannot be stored from the window (no keychain, or the CLI/harness). */
  canStorePassword: z.boolean(),
});
export type MailSettings = z.infer<typeof MailSettings>;

/** The documents that can be mailed: the same kinds and ids as document.render. */
export const MAIL_DOCUMENT_KINDS = ['invoice', 'creditNote', 'dunningLetter', 'penaltyInvoice', 'statement', 'plan', 'quote'] as const;
export type MailDocumentKind = (typeof MAIL_DOCUMENT_KINDS)[number];

export const MailDocument = z.strictObject({
  kind: z.enum(MAIL_DOCUMENT_KINDS, { error: 'Document à envoyer : invoice, creditNote, dunningLetter, penaltyInvoice, statement, plan ou quote.' }),
  /** As document.render: the customer's for a statement, the plan's for a plan, the quote's for a quote. */
  id: Id,
  /** For a dunning letter (reminder, formal notice): the step of the scenario. */
  step: text(60).optional(),
  asOf: IsoDate.optional(),
  /** For a statement: the first day of its period. */
  from: IsoDate.optional(),
}).refine((d) => !d.from || !d.asOf || d.from <= d.asOf, { path: ['from'], message: 'Le début de la période suit sa fin : indiquez une date de début antérieure.' });
export type MailDocument = z.input<typeof MailDocument>;

const Recipient = Email;

export const MailPrepareRequest = z.strictObject({ document: MailDocument, to: optional(Recipient) });
/** What the owner sees before sending: the filled-in mail and its attachment's name. */
export const MailPreview = z.object({
  from: z.string(),
  to: z.string().optional(),
  subject: z.string(),
  body: z.string(),
  attachment: z.object({ fileName: z.string(), sha256: z.string(), size: z.number().int() }),
});
export type MailPreview = z.infer<typeof MailPreview>;

export const MailSendRequest = z.strictObject({
  document: MailDocument,
  to: optional(Recipient),
  subject: optional(requiredText('Indiquez l’objet du message.', 300)),
  body: optional(text(20000)),
});
export type MailSendRequest = z.input<typeof MailSendRequest>;

export const MailSendResult = z.object({
  id: z.number().int(),
  messageId: z.string(),
  to: z.string(),
  subject: z.string(),
  sha256: z.string(),
  /** For a dunning letter: the reminder recorded (and its evidence, for a written reminder or a formal notice). */
  dunningActionId: z.number().int().optional(),
  evidenceId: z.number().int().optional(),
});
export type MailSendResult = z.infer<typeof MailSendResult>;

export const MailDraftRequest = z.strictObject({
  document: MailDocument,
  to: optional(Recipient),
  subject: optional(requiredText('Indiquez l’objet du message.', 300)),
  body: optional(text(20000)),
});
/** The .eml (RFC 5322 message with its PDF attached) in base64, and its proposed file name. */
export const MailDraftResult = z.object({ fileName: z.string(), eml: z.string(), to: z.string().optional(), subject: z.string() });

export const MailTestResult = z.object({ ok: z.literal(true), message: z.string() });

/** The mails sent about an invoice, a customer, or a quote (all of them without a filter). */
export const MailHistoryRequest = z.strictObject({ invoiceId: Id.optional(), customerId: Id.optional(), quoteId: Id.optional() });
export const MailSent = z.object({
  id: z.number().int(),
  sentAt: z.string(),
  date: z.string(),
  documentKind: z.enum(MAIL_DOCUMENT_KINDS),
  documentId: z.number().int(),
  step: z.string().optional(),
  invoiceId: z.number().int().optional(),
  customerId: z.number().int().optional(),
  recipient: z.string(),
  subject: z.string(),
  messageId: z.string(),
  fileName: z.string(),
  sha256: z.string(),
});
export type MailSent = z.infer<typeof MailSent>;
export const MailHistory = z.object({ rows: z.array(MailSent) });
