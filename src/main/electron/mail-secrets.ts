import { AppError } from '../../shared/errors';
import type { MailSecrets } from '../core/context';
import { sealedStore, type SealingStorage } from './sealed-store';

/**
 * The SMTP passwords of the window: each sealed by the OS keychain (sealed-store.ts), in
 * `mots-de-passe-smtp.json` in the app's data folder, by account (`user@host:port`). Never in clear on
 * disk, never in the company file. Where Linux has no real keyring, nothing is stored: the form says so.
 */
export function safeStorageMailSecrets(storage: SealingStorage, userData: string, platform: NodeJS.Platform = process.platform): MailSecrets {
  const store = sealedStore(storage, userData, 'mots-de-passe-smtp.json', platform);
  return {
    source: 'keychain',
    get canStore() {
      return store.available();
    },
    password: (account) => store.get(account),
    store(account, password) {
      if (!store.available()) {
        throw new AppError('VALIDATION', 'Ce système n’offre pas de trousseau sécurisé : le mot de passe ne peut pas être retenu sur cet ordinateur.', { password: 'Trousseau indisponible.' });
      }
      store.set(account, password);
    },
  };
}
