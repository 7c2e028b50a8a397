import { createTransport } from 'nodemailer';
import { AppError } from '../../../shared/errors';
import type { MailSecrets, MailTransportOptions } from '../context';
import type { ComposedMail } from './compose';
import { secretKeyOf, type MailAccount } from './settings';

/** Ten seconds to connect and be greeted: an unreachable server is given up rather than waited for. */
const TIMEOUT_MS = 10_000;

interface Message {
  from?: { name: string; address: string };
  headers?: Record<string, string>;
  to?: string;
  subject: string;
  text: string;
  attachments: { filename: string; content: Buffer; contentType: string }[];
}

export function messageOf(account: Pick<MailAccount, 'from' | 'fromName'> | undefined, companyName: string, mail: ComposedMail): Message {
  return {
    ...(account ? { from: { name: account.fromName ?? companyName, address: account.from } } : {}),
    ...(mail.to ? { to: mail.to } : {}),
    subject: mail.subject,
    text: mail.body,
    attachments: [{ filename: mail.attachment.fileName, content: mail.attachment.bytes, contentType: 'application/pdf' }],
  };
}

/** The password of the account, from outside the file; a login without one is refused before connecting. */
function passwordOf(account: MailAccount, secrets: MailSecrets | undefined): string | undefined {
  if (!account.user) return undefined;
  const password = secrets?.password(secretKeyOf(account));
  if (password === undefined || password === '') {
    const where =
      secrets?.source === 'keychain'
        ? 'saisissez-le dans Paramètres › E-mail'
        : 'indiquez-le dans la variable d’environnement ENCOURS_SMTP_PASSWORD (ou le fichier nommé par ENCOURS_SMTP_PASSWORD_FILE)';
    throw new AppError('VALIDATION', `Le mot de passe du compte ${account.user} sur ${account.host} n’est pas connu : ${where}. Rien n’a été envoyé.`, {
      password: 'Mot de passe manquant.',
    });
  }
  return password;
}

/** A transport to the owner's server: implicit TLS, STARTTLS required, or (if chosen) none. */
function transportOf(account: MailAccount, secrets: MailSecrets | undefined, options: MailTransportOptions | undefined) {
  const pass = passwordOf(account, secrets);
  const timeout = options?.timeoutMs ?? TIMEOUT_MS;
  return createTransport({
    host: account.host,
    port: account.port,
    secure: account.security === 'tls',
    requireTLS: account.security === 'starttls',
    ignoreTLS: account.security === 'none',
    ...(account.user && pass !== undefined ? { auth: { user: account.user, pass } } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: Math.max(timeout, 30_000),
    tls: { minVersion: 'TLSv1.2', ...(options?.ca ? { ca: options.ca } : {}) },
    // Never the password nor the message in a log.
    logger: false,
    debug: false,
  });
}

interface SmtpError { code?: string; responseCode?: number; response?: string; command?: string; message?: string; cause?: unknown }

const asSmtpError = (err: unknown): SmtpError => (typeof err === 'object' && err !== null ? (err as SmtpError) : { message: String(err) });

/** What the server or the network said, as the owner can act on it; `nothing` ends each sentence. */
export function mailError(err: unknown, account: MailAccount, nothing: string): AppError {
  if (err instanceof AppError) return err;
  const e = asSmtpError(err);
  const server = `${account.host}:${account.port}`;
  const text = `${e.message ?? ''} ${e.response ?? ''}`;
  const answer = e.response ? ` Réponse du serveur : « ${e.response.slice(0, 200)} ».` : '';
  if (e.code === 'EAUTH' || e.responseCode === 535) {
    const message = `Le serveur ${server} a refusé l’identification : l’identifiant ou le mot de passe est incorrect.${answer} ${nothing}`;
    return new AppError('VALIDATION', message, { password: 'Identifiant ou mot de passe refusé.' });
  }
  if (e.code === 'ENOAUTH') {
    return new AppError('VALIDATION', `Le serveur ${server} demande un identifiant et un mot de passe : indiquez-les dans Paramètres › E-mail. ${nothing}`, { user: 'Identifiant requis.' });
  }
  if (e.code === 'EDNS' || /ENOTFOUND|EAI_AGAIN/.test(text)) {
    return new AppError('CONFLICT', `Le serveur ${account.host} est introuvable : vérifiez son nom et votre connexion à Internet. ${nothing}`, { host: 'Serveur introuvable.' });
  }
  if (e.code === 'ETLS' || /certificate|CERT_|SSL|TLS|wrong version number|self.signed/i.test(text)) {
    return new AppError(
      'CONFLICT',
      `La connexion sécurisée avec ${server} a échoué (${account.security === 'tls' ? 'TLS' : 'STARTTLS'}) : vérifiez la sécurité choisie et le port (465 pour TLS, 587 pour STARTTLS).${e.message ? ` Détail : ${e.message.slice(0, 200)}.` : ''} ${nothing}`,
      { security: 'Connexion sécurisée impossible.' },
    );
  }
  if (e.code === 'ETIMEDOUT' || /timed? ?out/i.test(text)) {
    return new AppError('CONFLICT', `Le serveur ${server} ne répond pas (délai dépassé) : vérifiez le serveur, le port et votre connexion à Internet. ${nothing}`);
  }
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH/.test(text)) {
    return new AppError('CONFLICT', `Impossible de joindre le serveur ${server} : connexion refusée ou interrompue. Vérifiez le serveur, le port et votre connexion à Internet. ${nothing}`);
  }
  if (e.code === 'EENVELOPE') {
    return new AppError('VALIDATION', `Le serveur ${server} a refusé l’expéditeur ou le destinataire.${answer} ${nothing}`, { to: 'Adresse refusée par le serveur.' });
  }
  return new AppError('CONFLICT', `Le serveur ${server} a refusé le message.${answer || (e.message ? ` Détail : ${e.message.slice(0, 200)}.` : '')} ${nothing}`);
}

/** Sends one message; resolves with the Message-ID the server accepted, or throws a French AppError. */
export async function sendMessage(
  account: MailAccount, secrets: MailSecrets | undefined, options: MailTransportOptions | undefined, message: Message,
): Promise<{ messageId: string; accepted: string[] }> {
  const transport = transportOf(account, secrets, options);
  try {
    const info = await transport.sendMail(message);
    const accepted = (info.accepted as (string | { address: string })[]).map((a) => (typeof a === 'string' ? a : a.address));
    if (accepted.length === 0) {
      throw new AppError('CONFLICT', `Le serveur ${account.host}:${account.port} n’a accepté aucun destinataire. Rien n’a été enregistré comme envoyé.`);
    }
    return { messageId: info.messageId, accepted };
  } catch (err) {
    throw mailError(err, account, 'Rien n’a été envoyé ni enregistré.');
  } finally {
    transport.close();
  }
}

/** « Tester la connexion » : connects, starts TLS as chosen and logs in, sending nothing. */
export async function verifyAccount(account: MailAccount, secrets: MailSecrets | undefined, options: MailTransportOptions | undefined): Promise<void> {
  const transport = transportOf(account, secrets, options);
  try {
    await transport.verify();
  } catch (err) {
    throw mailError(err, account, 'Rien n’a été envoyé.');
  } finally {
    transport.close();
  }
}

/**
 * The message as an .eml file (RFC 5322, CRLF), with its Message-ID; no network. `X-Unsent: 1` makes
 * Outlook and Thunderbird open it as a draft to send, not as a mail received.
 */
export async function emlOf(message: Message): Promise<{ bytes: Buffer; messageId: string }> {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail({ ...message, headers: { ...message.headers, 'X-Unsent': '1' } });
  return { bytes: info.message as Buffer, messageId: info.messageId };
}
