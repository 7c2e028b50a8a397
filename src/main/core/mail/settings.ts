import type { MailSecurity, MailSettings, MailSettingsSetRequest } from '../../../shared/domain/mail';
import type { Request } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import type { MailSecrets } from '../context';

/** The SMTP account as kept in the company file: never its password. */
export interface MailAccount {
  host: string;
  port: number;
  security: MailSecurity;
  user?: string;
  from: string;
  fromName?: string;
}

interface Row { host: string; port: number; security: MailSecurity; user: string | null; from_address: string; from_name: string | null }

export function readMailAccount(db: Db): MailAccount | undefined {
  const r = stmt(db, 'SELECT host, port, security, user, from_address, from_name FROM mail_settings WHERE id = 1').get() as Row | undefined;
  if (!r) return undefined;
  return { host: r.host, port: Number(r.port), security: r.security, from: r.from_address, ...(r.user ? { user: r.user } : {}), ...(r.from_name ? { fromName: r.from_name } : {}) };
}

/** The account a sending needs: refused in French when Paramètres › E-mail was never filled in. */
export function requireMailAccount(db: Db): MailAccount {
  const account = readMailAccount(db);
  if (!account) {
    throw new AppError(
      'VALIDATION',
      'Aucun compte d’envoi n’est réglé : indiquez votre serveur SMTP dans Paramètres › E-mail (ou préparez un e-mail à ouvrir dans votre messagerie).',
    );
  }
  return account;
}

/** The key of the password outside the file: a change of server or login never reuses another's password. */
export function secretKeyOf(account: Pick<MailAccount, 'host' | 'port' | 'user'>): string {
  return `${account.user ?? ''}@${account.host.toLowerCase()}:${account.port}`;
}

export function mailSettingsView(db: Db, secrets: MailSecrets | undefined): MailSettings {
  const account = readMailAccount(db);
  const canStorePassword = secrets?.canStore ?? false;
  if (!account) return { configured: false, passwordAvailable: false, passwordSource: 'none', canStorePassword };
  const password = account.user ? secrets?.password(secretKeyOf(account)) : undefined;
  return {
    configured: true,
    host: account.host,
    port: account.port,
    security: account.security,
    from: account.from,
    ...(account.user ? { user: account.user } : {}),
    ...(account.fromName ? { fromName: account.fromName } : {}),
    passwordAvailable: password !== undefined,
    passwordSource: password !== undefined && secrets ? secrets.source : 'none',
    canStorePassword,
  };
}

/**
 * Saves the account. The password given with it (the window's form) goes to the keychain, never to the
 * file; where there is no keychain (the CLI, the harness, a Linux without keyring) it is refused.
 */
export function saveMailAccount(db: Db, req: Request<'mail.settings.set'>, secrets: MailSecrets | undefined, now: Date): void {
  const password = req.password === '' ? undefined : req.password;
  if (password !== undefined && (!secrets?.canStore || !secrets.store)) {
    const message =
      secrets?.source === 'keychain'
        ? 'Ce système n’offre pas de trousseau sécurisé : le mot de passe ne peut pas être retenu sur cet ordinateur.'
        : 'Le mot de passe SMTP ne se donne pas dans la requête : indiquez-le dans la variable d’environnement ENCOURS_SMTP_PASSWORD (ou un fichier nommé par ENCOURS_SMTP_PASSWORD_FILE).';
    throw new AppError('VALIDATION', message, { password: message });
  }
  if (password !== undefined && !req.user) {
    const message = 'Indiquez l’identifiant du compte avec son mot de passe.';
    throw new AppError('VALIDATION', message, { user: message });
  }
  stmt(
    db,
    `INSERT INTO mail_settings (id, host, port, security, user, from_address, from_name, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET host = excluded.host, port = excluded.port, security = excluded.security, user = excluded.user,
       from_address = excluded.from_address, from_name = excluded.from_name, updated_at = excluded.updated_at`,
  ).run(req.host, req.port, req.security, req.user ?? null, req.from, req.fromName ?? null, now.toISOString());
  if (password !== undefined && req.user) secrets?.store?.(secretKeyOf({ host: req.host, port: req.port, user: req.user }), password);
}

export type { MailSettingsSetRequest };
