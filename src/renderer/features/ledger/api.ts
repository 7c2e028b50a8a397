import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestInput } from '../../../shared/contract';
import { call } from '../../lib/ipc';
import { backupsKey } from '../closing/api';
import { companyKey } from '../company/api';

/** Everything the journal feeds (entries, reports, fiscal years): one root, refreshed after each posting. */
export const ledgerKey = ['ledger'] as const;
export const accountsKey = ['accounts'] as const;

export type EntriesFilter = Omit<RequestInput<'ledger.entries'>, 'limit' | 'offset'>;

export function useEntries(filter: EntriesFilter, page: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...ledgerKey, 'entries', filter, page],
    queryFn: () => call('ledger.entries', { ...filter, limit: page.pageSize, offset: page.page * page.pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useEntry(id: number | null) {
  return useQuery({
    queryKey: [...ledgerKey, 'entry', id],
    queryFn: () => call('ledger.entry', { id: id as number }),
    enabled: id !== null,
  });
}

export function useVerifyLedger() {
  return useMutation({ mutationFn: () => call('ledger.verify', {}) });
}

export function usePostEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: RequestInput<'ledger.post'>) => call('ledger.post', req),
    onSuccess: () => qc.invalidateQueries({ queryKey: ledgerKey }),
  });
}

export function useTrialBalance(req: RequestInput<'report.trialBalance'>) {
  return useQuery({
    queryKey: [...ledgerKey, 'trialBalance', req],
    queryFn: () => call('report.trialBalance', req),
    placeholderData: keepPreviousData,
  });
}

export function useGeneralLedger(req: RequestInput<'report.generalLedger'> | null) {
  return useQuery({
    queryKey: [...ledgerKey, 'generalLedger', req],
    queryFn: () => call('report.generalLedger', req as RequestInput<'report.generalLedger'>),
    enabled: req !== null,
    placeholderData: keepPreviousData,
  });
}

export function useFiscalYears() {
  return useQuery({ queryKey: [...ledgerKey, 'fiscalYears'], queryFn: () => call('fiscalYear.list', {}) });
}

export function useCreateNextFiscalYear() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call('fiscalYear.createNext', {}),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ledgerKey }), qc.invalidateQueries({ queryKey: companyKey })]),
  });
}

export function useCloseFiscalYear() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (fiscalYearEnd: string) => call('period.close', { fiscalYearEnd }),
    // The app bar shows the open fiscal year: it moves on to the next one. The copy taken before closing
    // joins the backups listed.
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ledgerKey }), qc.invalidateQueries({ queryKey: companyKey }), qc.invalidateQueries({ queryKey: backupsKey })]),
  });
}

export function useAccounts() {
  return useQuery({ queryKey: accountsKey, queryFn: () => call('account.list', {}), staleTime: 60_000 });
}

export function useSetAccountRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: RequestInput<'account.setRole'>) => call('account.setRole', req),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountsKey }),
  });
}

export function useCreateAccount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: RequestInput<'account.create'>) => call('account.create', req),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountsKey }),
  });
}
