import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { RequestInput } from '../../../shared/contract';
import { call } from '../../lib/ipc';
import { receivablesKey, useRefreshAfterPosting } from '../invoices/api';

/*
 * Quotes live under « receivables »: an invoice made from a quote, or its credit note, changes what the
 * quote shows (« Facturé », the deposits deducted), and every posting refreshes that key.
 */
const quotesKey = [...receivablesKey, 'quotes'] as const;

export type QuoteFilter = Omit<RequestInput<'quote.list'>, 'limit' | 'offset'>;

export function useQuotes(filter: QuoteFilter, page: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...quotesKey, 'list', filter, page],
    queryFn: () => call('quote.list', { ...filter, limit: page.pageSize, offset: page.page * page.pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useQuote(id: number | null) {
  return useQuery({
    queryKey: [...quotesKey, 'one', id],
    queryFn: () => call('quote.get', { id: id as number }),
    enabled: id !== null && id > 0,
  });
}

/** Create (a draft, or issued with `validate`) or update a draft. */
export function useSaveQuote() {
  const refresh = useRefreshAfterPosting();
  return useMutation({
    mutationFn: (req: { id?: number | undefined; values: RequestInput<'quote.create'> }) => {
      if (req.id === undefined) return call('quote.create', req.values);
      const { validate: _issue, ...values } = req.values;
      return call('quote.update', { ...values, id: req.id });
    },
    onSuccess: () => refresh(),
  });
}

export function useDeleteQuote() {
  const refresh = useRefreshAfterPosting();
  return useMutation({
    mutationFn: (id: number) => call('quote.delete', { id }),
    onSuccess: () => refresh(),
  });
}

export function useSetQuoteStatus() {
  const refresh = useRefreshAfterPosting();
  return useMutation({
    mutationFn: (req: RequestInput<'quote.setStatus'>) => call('quote.setStatus', req),
    onSettled: () => refresh(),
  });
}

/** « Facturer »: a deposit invoice or the final invoice, made from an accepted quote. */
export function useInvoiceQuote() {
  const refresh = useRefreshAfterPosting();
  return useMutation({
    mutationFn: (req: RequestInput<'quote.invoice'>) => call('quote.invoice', req),
    onSettled: () => refresh(),
  });
}
