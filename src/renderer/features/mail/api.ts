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

/** The mails sent, under « receivables » so that a send refreshes the invoice's screens with its history. */
export const mailHistoryKey = ['receivables', 'mailHistory'] as const;

export function useMailHistory(filter: RequestInput<'mail.history'>) {
  return useQuery({ queryKey: [...mailHistoryKey, filter], queryFn: () => call('mail.history', filter) });
}

/** The mail as it will leave: sender, recipient (the customer's unless `to`), subject, body, attachment. */
export function useMailPreview(req: RequestInput<'mail.prepare'> | null) {
  return useQuery({
    queryKey: ['receivables', 'mailPreview', req],
    queryFn: () => call('mail.prepare', req as RequestInput<'mail.prepare'>),
    enabled: req !== null,
    gcTime: 0,
    // A mail being edited is not re-read behind the owner's back.
    refetchOnWindowFocus: false,
  });
}

/** Sends; then whatever shows what is owed, what was reminded and what was mailed reads again. */
export function useSendMail() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: RequestInput<'mail.send'>) => call('mail.send', req),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['receivables'] }),
  });
}

export function useMailDraft() {
  return useMutation({ mutationFn: (req: RequestInput<'mail.draft'>) => call('mail.draft', req) });
}
