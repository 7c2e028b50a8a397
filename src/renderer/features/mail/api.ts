import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestInput } from '../../../shared/contract';
import { call } from '../../lib/ipc';

export const mailSettingsKey = ['mailSettings'] as const;

export function useMailSettings() {
  return useQuery({ queryKey: mailSettingsKey, queryFn: () => call('mail.settings.get', {}) });
}

export function useSaveMailSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: RequestInput<'mail.settings.set'>) => call('mail.settings.set', req),
    onSuccess: (value) => qc.setQueryData(mailSettingsKey, value),
  });
}

/** « Tester la connexion » : the saved account, logged in, nothing sent. */
export function useTestMail() {
  return useMutation({ mutationFn: () => call('mail.test', {}) });
}
