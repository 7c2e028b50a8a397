import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeStorageMailSecrets } from '../../../src/main/electron/mail-secrets';
import { AppError } from '../../../src/shared/errors';
import { fakeSafeStorage } from '../../helpers/fake-safe-storage';
import { tempDir } from '../../helpers/temp';

const PASSWORD = 'Mot-de-passe-SMTP-7f3a!';
const ACCOUNT = 'claire@atelier-dupont.fr@smtp.exemple.fr:587';

describe('the SMTP password in Electron (safeStorage)', () => {
  it('is sealed per account in an owner-only file of the data folder, never in clear; read back by another launch', () => {
    const userData = tempDir();
    const secrets = safeStorageMailSecrets(fakeSafeStorage(), userData, 'linux');
    expect(secrets.source).toBe('keychain');
    expect(secrets.canStore).toBe(true);
    expect(secrets.password(ACCOUNT)).toBeUndefined();
    secrets.store?.(ACCOUNT, PASSWORD);
    const stored = join(userData, 'mots-de-passe-smtp.json');
    expect(readFileSync(stored, 'utf8')).not.toContain(PASSWORD);
    if (process.platform !== 'win32') expect(statSync(stored).mode & 0o777).toBe(0o600);
    expect(safeStorageMailSecrets(fakeSafeStorage(), userData, 'linux').password(ACCOUNT)).toBe(PASSWORD);
    // Another server or login never gets this password.
    expect(secrets.password('claire@atelier-dupont.fr@smtp.autre.fr:587')).toBeUndefined();
  });

  it('stores nothing where Linux has no keyring (basic_text) or encryption is unavailable, and says so in French', () => {
    for (const storage of [fakeSafeStorage('basic_text'), fakeSafeStorage('gnome_libsecret', false)]) {
      const userData = tempDir();
      const secrets = safeStorageMailSecrets(storage, userData, 'linux');
      expect(secrets.canStore).toBe(false);
      let caught: unknown;
      try {
        secrets.store?.(ACCOUNT, PASSWORD);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect((caught as AppError).message).toContain('trousseau');
    }
  });

  it('a password sealed under another session key reads as none', () => {
    const userData = tempDir();
    safeStorageMailSecrets(fakeSafeStorage(), userData, 'linux').store?.(ACCOUNT, PASSWORD);
    const other = { ...fakeSafeStorage(), decryptString: () => { throw new Error('bad key'); } };
    expect(safeStorageMailSecrets(other, userData, 'linux').password(ACCOUNT)).toBeUndefined();
  });
});
