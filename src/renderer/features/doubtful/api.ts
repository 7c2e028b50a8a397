import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { RequestInput, Response } from '../../../shared/contract';
import { call } from '../../lib/ipc';
import { receivablesKey, useRefreshAfterPosting } from '../invoices/api';

/** Doubtful debts read what receivables read: refreshed with them after every posting. */
const key = [...receivablesKey, 'doubtful'] as const;

export type Candidate = Response<'doubtful.candidates'>['rows'][number];
export type DoubtfulRow = Response<'doubtful.list'>['rows'][number];
export type DoubtfulPreview = Response<'doubtful.preview'>;

export function useCandidates(asOf: string, minDaysOverdue: number) {
  return useQuery({ queryKey: [...key, 'candidates', asOf, minDaysOverdue], queryFn: () => call('doubtful.candidates', { asOf, minDaysOverdue }), placeholderData: keepPreviousData });
}

export function useDoubtfulList(asOf: string) {
  return useQuery({ queryKey: [...key, 'list', asOf], queryFn: () => call('doubtful.list', { asOf }) });
}

export function useEvidence(invoiceId: number | null) {
  return useQuery({ queryKey: [...key, 'evidence', invoiceId], queryFn: () => call('evidence.list', { invoiceId: invoiceId as number }), enabled: invoiceId !== null });
}

/**
 * What the operations would post, computed by the main process with the functions that post, and rolled
 * back. `null` request: nothing to preview yet.
 */
export function usePreview(request: RequestInput<'doubtful.preview'> | null) {
  return useQuery({
    queryKey: [...key, 'preview', request],
    queryFn: () => call('doubtful.preview', request as RequestInput<'doubtful.preview'>),
    enabled: request !== null,
    retry: false,
    placeholderData: keepPreviousData,
  });
}

export function useProvisionMatrix(request: RequestInput<'doubtful.provisionMatrix'> | null) {
  return useQuery({
    queryKey: [...key, 'matrix', request],
    queryFn: () => call('doubtful.provisionMatrix', request as RequestInput<'doubtful.provisionMatrix'>),
    enabled: request !== null,
    retry: false,
    placeholderData: keepPreviousData,
  });
}

export function useProvisionsReport(asOf: string) {
  return useQuery({ queryKey: [...key, 'report', asOf], queryFn: () => call('report.provisions', { asOf }), placeholderData: keepPreviousData });
}

export function useAddEvidence() {
  const refresh = useRefreshAfterPosting();
  return useMutation({ mutationFn: (req: RequestInput<'evidence.add'>) => call('evidence.add', req), onSuccess: () => refresh() });
}

/** Re-estimates (one invoice, or every doubtful invoice at the year-end review), in one transaction. */
export function useProvisions() {
  const refresh = useRefreshAfterPosting();
  return useMutation({
    mutationFn: async (reqs: RequestInput<'doubtful.provision'>[]) => (await call('doubtful.apply', { provisions: reqs })).provisions,
    onSettled: () => refresh(),
  });
}

export function useWriteOff() {
  const refresh = useRefreshAfterPosting();
  return useMutation({ mutationFn: (req: RequestInput<'doubtful.writeOff'>) => call('doubtful.writeOff', req), onSettled: () => refresh() });
}
