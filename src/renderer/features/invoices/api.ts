import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { RequestInput } from '../../../shared/contract';
import { call } from '../../lib/ipc';
import { previewKey } from '../../lib/preview';
import { freshIfReadAhead, readAhead } from '../../queryClient';
import { ledgerKey } from '../ledger/api';

/** Everything receivables read (invoices, payments, reports): refreshed, with the ledger, after each posting. */
export const receivablesKey = ['receivables'] as const;

export type InvoiceFilter = Omit<RequestInput<'invoice.list'>, 'limit' | 'offset'>;

/** The first page the invoice list shows, unfiltered (InvoicesPage starts there). */
export const FIRST_INVOICE_PAGE = { page: 0, pageSize: 50 };

function invoicesQuery(filter: InvoiceFilter, page: { page: number; pageSize: number }) {
  return {
    queryKey: [...receivablesKey, 'invoices', filter, page],
    queryFn: () => call('invoice.list', { ...filter, limit: page.pageSize, offset: page.page * page.pageSize }),
  };
}

export function useInvoices(filter: InvoiceFilter, page: { page: number; pageSize: number }) {
  return useQuery({
    ...invoicesQuery(filter, page),
    placeholderData: keepPreviousData,
    // The first page read at start-up, or the next page read ahead, is not read a second time as it shows.
    staleTime: freshIfReadAhead,
  });
}

/**
 * The page after the one shown, read ahead once the shown one has come (the main process is idle then):
 * « page suivante » shows it at once. Nothing past the last page.
 */
export function useReadNextInvoices(filter: InvoiceFilter, page: { page: number; pageSize: number }, total: number | undefined) {
  const qc = useQueryClient();
  const next = total !== undefined && (page.page + 1) * page.pageSize < total ? { ...page, page: page.page + 1 } : null;
  const key = next ? JSON.stringify([filter, next]) : null;
  useEffect(() => {
    if (next) readAhead(qc, invoicesQuery(filter, next));
    // The key says it all: a new object with the same filter and page is the same read.
  }, [qc, key]);
}

/**
 * The unfiltered first page, asked for at start-up when the app opens on the invoice list: the main
 * process reads it while the screen's code loads and renders, instead of after (same key as useInvoices).
 */
export function prefetchInvoiceList(qc: QueryClient) {
  readAhead(qc, invoicesQuery({}, FIRST_INVOICE_PAGE));
}

/** Every invoice of a customer (a customer has hundreds at most): the payment form's allocation grid. */
export function useCustomerInvoices(customerId: number | null) {
  return useQuery({
    queryKey: [...receivablesKey, 'invoices', 'customer', customerId],
    queryFn: () => call('invoice.list', { customerId: customerId as number, limit: 5000 }),
    enabled: customerId !== null,
  });
}

export function useInvoice(id: number | null) {
  return useQuery({
    queryKey: [...receivablesKey, 'invoice', id],
    queryFn: () => call('invoice.get', { id: id as number }),
    enabled: id !== null && id > 0,
  });
}

/** Several invoices in full (lines, totals per rate): what previews need. */
export function useInvoicesById(ids: number[]) {
  return useQueries({
    queries: ids.map((id) => ({ queryKey: [...receivablesKey, 'invoice', id], queryFn: () => call('invoice.get', { id }) })),
  });
}

/** After anything that posts: the ledger, every receivables view and the previews (numbers, balances) read it again. */
export function useRefreshAfterPosting() {
  const qc = useQueryClient();
  return () => Promise.all([receivablesKey, ledgerKey, previewKey].map((queryKey) => qc.invalidateQueries({ queryKey })));
}

export function useSaveInvoice() {
  const refresh = useRefreshAfterPosting();
  return useMutation({
    mutationFn: (req: { id?: number | undefined; values: RequestInput<'invoice.create'> }) =>
      req.id === undefined ? call('invoice.create', req.values) : call('invoice.update', { ...req.values, id: req.id }),
    onSuccess: () => refresh(),
  });
}

export function useValidateInvoice() {
  const refresh = useRefreshAfterPosting();
  return useMutation({
    mutationFn: (req: RequestInput<'invoice.validate'>) => call('invoice.validate', req),
    onSettled: () => refresh(),
  });
}

export function useDeleteInvoice() {
  const refresh = useRefreshAfterPosting();
  return useMutation({
    mutationFn: (id: number) => call('invoice.delete', { id }),
    onSuccess: () => refresh(),
  });
}

/** The entries of a customer (the detail screens pick the ones of one invoice). */
export function useCustomerEntries(aux: string | null) {
  return useQuery({
    queryKey: [...receivablesKey, 'entries', aux],
    queryFn: () => call('ledger.entries', { aux: aux as string, limit: 2000 }),
    enabled: Boolean(aux),
  });
}
