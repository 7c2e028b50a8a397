import type { SafeStorage } from 'electron';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { OWNER_ONLY } from '../db/encryption';

export type SealingStorage = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

const Stored = z.record(z.string(), z.string());

/**
 * Secrets sealed by the OS keychain (Electron's safeStorage: Keychain on macOS, DPAPI on Windows, the
 * Secret Service or KWallet on Linux), kept by key in one JSON file of the app's data folder (owner-only).
 * Never in clear on disk. Where Linux has no keyring, safeStorage would fall back to a key written in
 * Chromium's code (`basic_text`): no better than clear text, so the store says it is unavailable.
 */
export function sealedStore(storage: SealingStorage, userData: string, fileName: string, platform: NodeJS.Platform = process.platform) {
  const path = join(userData, fileName);
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
    // Write then rename: a crash mid-write never leaves a half file; owner-only from the first byte.
    writeFileSync(`${path}.tmp`, JSON.stringify(entries, null, 2), { mode: OWNER_ONLY });
    chmodSync(`${path}.tmp`, OWNER_ONLY);
    renameSync(`${path}.tmp`, path);
  };
  return {
    available,
    has: (key: string) => key in read(),
    /** The secret in clear, or undefined (none, no keychain, or sealed under another session's key). */
    get(key: string): string | undefined {
      const sealed = read()[key];
      if (sealed === undefined || !available()) return undefined;
      try {
        return storage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        // Sealed under another session's key (a reinstalled system): as if never kept.
        return undefined;
      }
    },
    /** Seals and keeps `secret` (the caller checks `available()` first). */
    set(key: string, secret: string) {
      write({ ...read(), [key]: storage.encryptString(secret).toString('base64') });
    },
    delete(key: string) {
      const entries = read();
      if (!(key in entries)) return;
      delete entries[key];
      write(entries);
    },
  };
}
