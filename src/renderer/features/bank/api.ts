import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestInput, Response } from '../../../shared/contract';
import { call } from '../../lib/ipc';
import { previewKey } from '../../lib/preview';
import { receivablesKey } from '../invoices/api';
import { ledgerKey } from '../ledger/api';

export type BankLine = Response<'bank.lines'>['rows'][number];
export type Suggestion = BankLine['suggestions'][number];
export type Reconciliation = Response<'bank.reconciliation'>;

/** The bank lines and the reconciliation: read again after every import, match or posting. */
export const bankKey = ['bank'] as const;

/** What the owner sees of a line: rapprochée, suggestion, à traiter, écartée. */
export type LineState = 'matched' | 'suggestion' | 'to_process' | 'ignored';

export function lineState(l: BankLine): LineState {
  if (l.status === 'matched' || l.status === 'ignored') return l.status;
  return l.suggestions.length > 0 ? 'suggestion' : 'to_process';
}

export const LINE_STATE_LABELS: Record<LineState, string> = {
  matched: 'Rapprochée',
  suggestion: 'Suggestion',
  to_process: 'À traiter',
  ignored: 'Écartée',
};

/** A sure suggestion (reference and amount agree): what « Accepter les correspondances sûres » accepts. */
export const SURE_CONFIDENCE = 90;

export function useBankLines() {
  return useQuery({ queryKey: [...bankKey, 'lines'], queryFn: () => call('bank.lines', {}), placeholderData: keepPreviousData });
}

export function useReconciliation(asOf: string | null) {
  return useQuery({
    queryKey: [...bankKey, 'reconciliation', asOf],
    queryFn: () => call('bank.reconciliation', { asOf: asOf as string }),
    enabled: asOf !== null,
    placeholderData: keepPreviousData,
  });
}

/** After anything that writes: the bank, the receivables, the journal and every preview. */
export function useRefreshBank() {
  const qc = useQueryClient();
  return () => Promise.all([bankKey, receivablesKey, ledgerKey, previewKey].map((queryKey) => qc.invalidateQueries({ queryKey })));
}

export function useCsvGuess() {
  return useMutation({ mutationFn: (contentBase64: string) => call('bank.csvGuess', { contentBase64 }) });
}

export function useImportStatement() {
  const refresh = useRefreshBank();
  return useMutation({ mutationFn: (req: RequestInput<'bank.import'>) => call('bank.import', req), onSuccess: () => refresh() });
}

export function useAutoMatch() {
  const refresh = useRefreshBank();
  return useMutation({ mutationFn: () => call('bank.autoMatch', {}), onSettled: () => refresh() });
}

export function useMatch() {
  const refresh = useRefreshBank();
  return useMutation({ mutationFn: (req: RequestInput<'bank.match'>) => call('bank.match', req), onSettled: () => refresh() });
}

export function useUnmatch() {
  const refresh = useRefreshBank();
  return useMutation({ mutationFn: (lineId: number) => call('bank.unmatch', { lineId }), onSettled: () => refresh() });
}

export function useIgnore() {
  const refresh = useRefreshBank();
  return useMutation({ mutationFn: (req: RequestInput<'bank.ignore'>) => call('bank.ignore', req), onSettled: () => refresh() });
}

/** A suggestion as the bank.match request it stands for (passed as is: the core computed it). */
export function matchRequest(line: BankLine, s: Suggestion): RequestInput<'bank.match'> {
  return {
    lineId: line.id,
    allocations: s.invoiceIds.map((invoiceId, i) => ({ invoiceId, amount: s.amounts[i] ?? '0' })),
    ...(s.escompte && s.escompte.length > 0 ? { escompte: s.escompte } : {}),
  };
}

/** The bytes of a file chosen or dropped, in base64 (what bank.import and bank.csvGuess take). */
export async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}
