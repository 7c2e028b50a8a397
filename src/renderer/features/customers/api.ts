import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestInput } from '../../../shared/contract';
import { call } from '../../lib/ipc';

export const customersKey = ['customers'] as const;

export function useCustomers(search: string) {
  return useQuery({
    queryKey: [...customersKey, 'list', search],
    queryFn: () => call('customer.list', search ? { search } : {}),
    placeholderData: keepPreviousData,
  });
}

export function useSaveCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: { id?: number; values: RequestInput<'customer.create'> }) =>
      req.id === undefined ? call('customer.create', req.values) : call('customer.update', { ...req.values, id: req.id }),
    onSuccess: () => qc.invalidateQueries({ queryKey: customersKey }),
  });
}
