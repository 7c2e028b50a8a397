import { QueryClient } from '@tanstack/react-query';

/** The app's one query cache: boot.ts fills it before React starts, main.tsx hands it to React. */
export const queryClient = new QueryClient({
  defaultOptions: {
    // The main process is local: no network flakiness to retry over, and a refusal is an answer.
    queries: { retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

/** When each read asked for ahead of its screen (readAhead) was answered, by query hash. */
const readsAhead = new Map<string, number>();

/**
 * A read asked for before its screen shows it — at start-up (boot.ts), or the next page of a list — and
 * remembered, so that the screen, showing it a moment later, does not read it a second time (freshIfReadAhead).
 */
export function readAhead(qc: QueryClient, query: { queryKey: readonly unknown[]; queryFn: () => Promise<unknown> }) {
  void qc.prefetchQuery(query).then(() => {
    const q = qc.getQueryCache().find({ queryKey: query.queryKey, exact: true });
    if (q?.state.status === 'success') readsAhead.set(q.queryHash, q.state.dataUpdatedAt);
  });
}

/**
 * staleTime for a query that may have been read ahead: that answer stays fresh a few seconds (not read
 * again as its screen or page shows; an invalidation after a posting still reads it again); any other
 * answer is stale at once, React Query's default.
 */
export function freshIfReadAhead(query: { queryHash: string; state: { dataUpdatedAt: number } }): number {
  return readsAhead.get(query.queryHash) === query.state.dataUpdatedAt ? 5_000 : 0;
}
