import type { Handlers } from '../../shared/contract';
import type { EncryptionStatus } from '../../shared/domain/encryption';
import type { CompanyFile } from '../db/company-file';
import { readFileKind } from '../db/encryption';
import { scanBackups } from './backup';
import type { HandlerContext } from './context';

/** Whether the door's file is encrypted, and what it may remember of its passphrase. */
export function encryptionStatus(file: CompanyFile): EncryptionStatus {
  return { encrypted: file.encrypted, ...file.keychainState };
}

export const encryptionHandlers: Pick<Handlers<HandlerContext>, 'company.unlock' | 'company.encryption.set'> = {
  // Dispatch has opened the file with the request's passphrase (ACCESS 'unlock') and found its company.
  'company.unlock'({ file }) {
    return encryptionStatus(file);
  },

  // Dispatch opens the file outside any transaction (ACCESS 'async'): rekeying rewrites every page under
  // its own. The backups taken before the file was encrypted stay as they were: they are named, so the
  // owner can delete them (never done here: a backup is only ever removed by its owner or the rotation).
  'company.encryption.set'({ file }, req) {
    file.setPassphrase(req.passphrase, req.remember ?? false);
    const unencryptedBackups = file.encrypted
      ? scanBackups(file.path, file.backupDir).filter((b) => readFileKind(b.path) === 'sqlite').map((b) => b.path)
      : [];
    return { ...encryptionStatus(file), unencryptedBackups };
  },
};
