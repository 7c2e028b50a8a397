import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { contract, type RequestInput, type Response } from '../../shared/contract';
import type { PreviewableChannel, PreviewedEntry } from '../../shared/domain/preview';
import { AppError } from '../../shared/errors';
import { invoke } from './ipc';

/** Every preview: read again after each posting (what is owed, the numbers to come, have changed). */
export const previewKey = ['preview'] as const;

/** Long enough not to ask the main process at each keystroke, short enough to follow the typing. */
const DEBOUNCE_MS = 250;

export interface PostingPreview<C extends PreviewableChannel> {
  /** The entries the posting would write, as the journal would hold them; [] while there is nothing to show. */
  entries: PreviewedEntry[];
  /** What the posting would answer (the payment's allocation plan, the credit note's totals…). */
  result: Response<C> | undefined;
  /** The posting's own refusal (code, French message, fieldErrors with the request's paths). */
  refusal: AppError | null;
  /** The values shown are not yet those of the form (typing, or the main process computing). */
  waiting: boolean;
  /** The form's values do not make a request yet: nothing is asked. */
  idle: boolean;
}

/** The value `delay` ms after it last changed. */
function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(t);
  }, [value, delay]);
  return settled;
}

type Outcome = { ok: true; entries: PreviewedEntry[]; result: unknown } | { ok: false; refusal: AppError };

/**
 * « Ce que cette opération écrit dans vos comptes », from the main process: `preview { channel, request }`
 * runs the posting's own handler and rolls it back, so what is shown is what the posting writes. Asked
 * only once the request parses with the channel's own schema (`null`: no request yet), and once the typing pauses;
 * the last answer (entries or refusal) stays on screen until the next one comes, so the panel does not
 * flicker.
 */
export function usePostingPreview<C extends PreviewableChannel>(channel: C, request: RequestInput<C> | null): PostingPreview<C> {
  // What the schema refuses is said under the fields by the form's resolver: nothing to ask yet.
  const ready = request !== null && contract[channel].request.safeParse(request).success;
  // The request as text: a new object with the same values is the same preview.
  const key = ready ? JSON.stringify(request) : null;
  const asked = useDebounced(key, DEBOUNCE_MS);
  const query = useQuery({
    queryKey: [...previewKey, channel, asked],
    queryFn: async (): Promise<Outcome> => {
      // A refusal is an answer to show, not a failure: it is kept like entries are.
      const r = await invoke('preview', { channel, request: JSON.parse(asked as string) as unknown });
      return r.ok ? { ok: true, entries: r.value.entries, result: r.value.result } : { ok: false, refusal: AppError.fromDTO(r.error) };
    },
    enabled: asked !== null,
    placeholderData: keepPreviousData,
  });
  const waiting = key !== asked || query.isFetching;
  if (asked === null) return { entries: [], result: undefined, refusal: null, waiting, idle: true };
  const outcome = query.data;
  const failure = query.error ? (query.error instanceof AppError ? query.error : new AppError('INTERNAL', query.error.message)) : null;
  return {
    entries: outcome?.ok ? outcome.entries : [],
    result: outcome?.ok ? (outcome.result as Response<C>) : undefined,
    refusal: failure ?? (outcome && !outcome.ok ? outcome.refusal : null),
    waiting,
    idle: false,
  };
}
