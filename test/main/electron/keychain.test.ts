import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeStorageKeychain } from '../../../src/main/electron/keychain';
import { fakeSafeStorage } from '../../helpers/fake-safe-storage';
import { tempDir } from '../../helpers/temp';

const PASSPHRASE = 'cheval correct agrafe batterie';

describe('the Electron keychain (safeStorage)', () => {
  it('remembers a passphrase per company file, sealed, in an owner-only file of the data folder; forgets it', () => {
    const userData = tempDir();
    const keychain = safeStorageKeychain(fakeSafeStorage(), userData, 'linux');
    expect(keychain.available).toBe(true);
    keychain.remember('/home/claire/Encours/a.encours', PASSPHRASE);
    keychain.remember('/home/claire/Encours/b.encours', 'autre phrase de passe');
    const stored = join(userData, 'phrases-de-passe.json');
    expect(readFileSync(stored, 'utf8')).not.toContain(PASSPHRASE);
    if (process.platform !== 'win32') expect(statSync(stored).mode & 0o777).toBe(0o600);
    expect(keychain.has('/home/claire/Encours/a.encours')).toBe(true);
    expect(keychain.recall('/home/claire/Encours/a.encours')).toBe(PASSPHRASE);
    // Another launch reads the same file.
    const again = safeStorageKeychain(fakeSafeStorage(), userData, 'linux');
    expect(again.recall('/home/claire/Encours/b.encours')).toBe('autre phrase de passe');
    again.forget('/home/claire/Encours/a.encours');
    expect(again.has('/home/claire/Encours/a.encours')).toBe(false);
    expect(again.recall('/home/claire/Encours/b.encours')).toBe('autre phrase de passe');
  });

  it('offers nothing where the OS has no keychain, nor on Linux with safeStorage’s clear-text fallback', () => {
    const userData = tempDir();
    for (const [storage, platform] of [[fakeSafeStorage('basic_text'), 'linux'], [fakeSafeStorage('unknown', false), 'darwin']] as const) {
      const keychain = safeStorageKeychain(storage, userData, platform);
      expect(keychain.available).toBe(false);
      keychain.remember('/x.encours', PASSPHRASE);
      expect(keychain.has('/x.encours')).toBe(false);
    }
    // basic_text is fine elsewhere than Linux (Windows' DPAPI, macOS' Keychain report their own).
    expect(safeStorageKeychain(fakeSafeStorage('basic_text'), userData, 'win32').available).toBe(true);
  });

  it('treats a damaged store or a seal it cannot open as nothing remembered', () => {
    const userData = tempDir();
    writeFileSync(join(userData, 'phrases-de-passe.json'), '{ pas du json');
    const keychain = safeStorageKeychain(fakeSafeStorage(), userData, 'linux');
    expect(keychain.has('/x.encours')).toBe(false);
    writeFileSync(join(userData, 'phrases-de-passe.json'), JSON.stringify({ '/x.encours': Buffer.from('illisible').toString('base64') }));
    expect(keychain.recall('/x.encours')).toBeUndefined();
  });
});
