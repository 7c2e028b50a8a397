import { useMutation, useQuery } from '@tanstack/react-query';
import type { RequestInput, Response } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { call } from '../../lib/ipc';
import { receivablesKey, useRefreshAfterPosting } from '../invoices/api';

export type CreditNote = Response<'creditNote.get'>;

const BATCH = 50;
const MAX = 10_000;

/**
 * Every credit note, newest first. There is no list channel: credit notes are numbered by id from 1 with
 * no deletion, so they are read in batches until the first id that does not exist.
 */
export function useCreditNotes() {
  return useQuery({
    queryKey: [...receivablesKey, 'creditNotes'],
    queryFn: async () => {
      const out: CreditNote[] = [];
      for (let start = 1; start <= MAX; start += BATCH) {
        const batch = await Promise.all(
          Array.from({ length: BATCH }, (_v, i) =>
            call('creditNote.get', { id: start + i }).catch((err: unknown) => {
              if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
              throw err;
            }),
          ),
        );
        const found = batch.filter((c): c is CreditNote => c !== null);
        out.push(...found);
        if (found.length < BATCH) break;
      }
      return out.reverse();
    },
  });
}

export function useCreateCreditNote() {
  const refresh = useRefreshAfterPosting();
  return useMutation({
    mutationFn: (req: RequestInput<'creditNote.create'>) => call('creditNote.create', req),
    onSettled: () => refresh(),
  });
}

export function useValidateCreditNote() {
  const refresh = useRefreshAfterPosting();
  return useMutation({
    mutationFn: (id: number) => call('creditNote.validate', { id }),
    onSettled: () => refresh(),
  });
}
