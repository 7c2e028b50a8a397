import type { PassphraseKeychain } from '../../src/main/db/company-file';

/** A keychain in memory, as Electron's would be with the OS keychain available (or not). */
export function memoryKeychain(available = true): PassphraseKeychain & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    available,
    has: (file) => entries.has(file),
    recall: (file) => entries.get(file),
    remember: (file, passphrase) => void entries.set(file, passphrase),
    forget: (file) => void entries.delete(file),
  };
}
