import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { RequestInput } from '../../../shared/contract';
import { call } from '../../lib/ipc';
import { freshIfReadAhead, readAhead } from '../../queryClient';

export const companyKey = ['company'] as const;

const companyQuery = { queryKey: companyKey, queryFn: () => call('company.get', {}) };

export function useCompany() {
  // Read once at start-up (boot.ts), not a second time as App mounts.
  return useQuery({ ...companyQuery, staleTime: freshIfReadAhead });
}

/** At start-up, before the first render: the company is the first thing asked of the main process. */
export function prefetchCompany(qc: QueryClient) {
  readAhead(qc, companyQuery);
}

export function useInitCompany() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: RequestInput<'company.init'>) => call('company.init', req),
    onSuccess: (company) => qc.setQueryData(companyKey, company),
  });
}

export function useUpdateCompany() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: RequestInput<'company.update'>) => call('company.update', req),
    onSuccess: (company) => qc.setQueryData(companyKey, company),
  });
}
