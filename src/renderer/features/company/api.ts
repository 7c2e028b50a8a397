import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestInput } from '../../../shared/contract';
import { call } from '../../lib/ipc';

export const companyKey = ['company'] as const;

export function useCompany() {
  return useQuery({ queryKey: companyKey, queryFn: () => call('company.get', {}) });
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
