import { resolve } from 'node:path';
import type { PassphraseKeychain } from '../db/company-file';
import { sealedStore, type SealingStorage } from './sealed-store';

/**
 * « Se souvenir sur cet ordinateur » : each company file's passphrase sealed by the OS keychain
 * (sealed-store.ts), in `phrases-de-passe.json` in the app's data folder, by the file's absolute path.
 * Never in clear on disk, never in the company file; nothing remembered where there is no real keyring.
 */
export function safeStorageKeychain(storage: SealingStorage, userData: string, platform: NodeJS.Platform = process.platform): PassphraseKeychain {
  const store = sealedStore(storage, userData, 'phrases-de-passe.json', platform);
  const key = (file: string) => resolve(file);
  return {
    get available() {
      return store.available();
    },
    has: (file) => store.has(key(file)),
    recall: (file) => store.get(key(file)),
    remember(file, passphrase) {
      if (store.available()) store.set(key(file), passphrase);
    },
    forget: (file) => store.delete(key(file)),
  };
}
