/** safeStorage as Electron gives it, sealing with a reversible stand-in for the OS keychain. */
export function fakeSafeStorage(backend = 'gnome_libsecret', available = true) {
  const seal = (s: string) => Buffer.from(`scellé:${Buffer.from(s, 'utf8').toString('hex').split('').reverse().join('')}`);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend as ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>,
    encryptString: seal,
    decryptString: (b: Buffer) => {
      const text = b.toString('utf8');
      if (!text.startsWith('scellé:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(text.slice('scellé:'.length).split('').reverse().join(''), 'hex').toString('utf8');
    },
  };
}
