import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RequestInput } from '../../../shared/contract';
import { call } from '../../lib/ipc';
import { appInfoKey } from '../../lib/today';

/** Opens the encrypted file with its passphrase: every read is then asked again, the company first. */
export function useUnlock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: RequestInput<'company.unlock'>) => call('company.unlock', req),
    onSuccess: () => qc.invalidateQueries(),
  });
}

/** Sets, changes or removes the passphrase: app.info says the file's new state. */
export function useSetPassphrase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: RequestInput<'company.encryption.set'>) => call('company.encryption.set', req),
    onSuccess: () => qc.invalidateQueries({ queryKey: appInfoKey }),
  });
}
