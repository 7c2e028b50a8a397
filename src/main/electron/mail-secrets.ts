import type { SafeStorage } from 'electron';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { MailSecrets } from '../core/context';
import { OWNER_ONLY } from '../db/encryption';

type Storage = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

const Stored = z.record(z.string(), z.string());

/**
 * The SMTP passwords of the window: each sealed by the OS keychain (Electron's safeStorage), in
 * `mots-de-passe-smtp.json` in the app's data folder (owner-only), by account (`user@host:port`). Never
 * in clear on disk, never in the company file. Where Linux has no keyring (safeStorage's `basic_text`),
 * nothing is stored: the form says so.
 */
export function safeStorageMailSecrets(storage: Storage, userData: string, platform: NodeJS.Platform = process.platform): MailSecrets {
  const path = join(userData, 'mots-de-passe-smtp.json');
  const available = () => storage.isEncryptionAvailable() && (platform !== 'linux' || storage.getSelectedStorageBackend() !== 'basic_text');
  const read = (): Record<string, string> => {
    try {
      const parsed = Stored.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  };
  const write = (entries: Record<string, string>) => {
    mkdirSync(userData, { recursive: true });
    writeFileSync(`${path}.tmp`, JSON.stringify(entries, null, 2), { mode: OWNER_ONLY });
    chmodSync(`${path}.tmp`, OWNER_ONLY);
    renameSync(`${path}.tmp`, path);
  };
  return {
    source: 'keychain',
    get canStore() {
      return available();
    },
    password(account) {
      const sealed = read()[account];
      if (sealed === undefined || !available()) return undefined;
      try {
        return storage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        // Sealed under another session's key (a reinstalled system): as if never given.
        return undefined;
      }
    },
    store(account, password) {
      if (!available()) {
        throw new AppError('VALIDATION', 'Ce système n’offre pas de trousseau sécurisé : le mot de passe ne peut pas être retenu sur cet ordinateur.', { password: 'Trousseau indisponible.' });
      }
      write({ ...read(), [account]: storage.encryptString(password).toString('base64') });
    },
  };
}
