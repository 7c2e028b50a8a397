import type { SafeStorage } from 'electron';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { PassphraseKeychain } from '../db/company-file';
import { OWNER_ONLY } from '../db/encryption';

type Storage = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

const Stored = z.record(z.string(), z.string());

/**
 * « Se souvenir sur cet ordinateur » : each company file's passphrase encrypted by the OS keychain
 * (Electron's safeStorage: Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on Linux),
 * in `phrases-de-passe.json` in the app's data folder (owner-only), by the file's absolute path. Never in
 * clear on disk, never in the company file. Where Linux has no keyring, safeStorage would fall back to a
 * key written in Chromium's code (`basic_text`): no better than clear text, so nothing is remembered there.
 */
export function safeStorageKeychain(storage: Storage, userData: string, platform: NodeJS.Platform = process.platform): PassphraseKeychain {
  const path = join(userData, 'phrases-de-passe.json');
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
    // Write then rename: a crash mid-write never leaves a half file; owner-only from the first byte.
    writeFileSync(`${path}.tmp`, JSON.stringify(entries, null, 2), { mode: OWNER_ONLY });
    chmodSync(`${path}.tmp`, OWNER_ONLY);
    renameSync(`${path}.tmp`, path);
  };
  const key = (file: string) => resolve(file);
  return {
    get available() {
      if (!storage.isEncryptionAvailable()) return false;
      return platform !== 'linux' || storage.getSelectedStorageBackend() !== 'basic_text';
    },
    has: (file) => key(file) in read(),
    recall(file) {
      const sealed = read()[key(file)];
      if (sealed === undefined || !this.available) return undefined;
      try {
        return storage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        // Sealed under another session's key (a reinstalled system): as if never remembered.
        return undefined;
      }
    },
    remember(file, passphrase) {
      if (!this.available) return;
      write({ ...read(), [key(file)]: storage.encryptString(passphrase).toString('base64') });
    },
    forget(file) {
      const entries = read();
      if (!(key(file) in entries)) return;
      delete entries[key(file)];
      write(entries);
    },
  };
}
