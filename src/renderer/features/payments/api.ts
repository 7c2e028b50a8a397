import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RequestInput } from '../../../shared/contract';
import { call } from '../../lib/ipc';
import { receivablesKey } from '../invoices/api';

export type PaymentFilter = Omit<RequestInput<'payment.list'>, 'limit' | 'offset'>;

/** A page of payments, most recent first (read again, with every receivables view, after each posting). */
export function usePayments(filter: PaymentFilter, page: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...receivablesKey, 'payments', filter, page],
    queryFn: () => call('payment.list', { ...filter, limit: page.pageSize, offset: page.page * page.pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function usePayment(id: number | null) {
  return useQuery({
    queryKey: [...receivablesKey, 'payment', id],
    queryFn: () => call('payment.get', { id: id as number }),
    enabled: id !== null && id > 0,
  });
}

/** The customer's written-off invoices on which money may still come in (a recovery, 7583). */
export function useRecoverable(customerId: number | null) {
  return useQuery({
    queryKey: [...receivablesKey, 'recoverable', customerId],
    queryFn: () => call('payment.recoverable', { customerId: customerId as number }),
    enabled: customerId !== null,
  });
}
