import { QueryClient } from '@tanstack/react-query';

/** The app's one query cache: boot.ts fills it before React starts, main.tsx hands it to React. */
export const queryClient = new QueryClient({
  defaultOptions: {
    // The main process is local: no network flakiness to retry over, and a refusal is an answer.
    queries: { retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

/** When each start-up read (prefetchAtBoot) was answered, by query hash. */
const bootReads = new Map<string, number>();

/**
 * A read asked for before React starts (boot.ts), for the screen that will show it: remembered so that
 * this screen, mounting a moment later, does not read it a second time (freshFromBoot).
 */
export function prefetchAtBoot(qc: QueryClient, query: { queryKey: readonly unknown[]; queryFn: () => Promise<unknown> }) {
  void qc.prefetchQuery(query).then(() => {
    const state = qc.getQueryCache().find({ queryKey: query.queryKey, exact: true });
    if (state?.state.status === 'success') bootReads.set(state.queryHash, state.state.dataUpdatedAt);
  });
}

/**
 * staleTime for a query start-up may have read: the answer read at start-up stays fresh a few seconds (no
 * second read as its screen mounts; an invalidation after a posting still reads it again); any other
 * answer is stale at once, React Query's default.
 */
export function freshFromBoot(query: { queryHash: string; state: { dataUpdatedAt: number } }): number {
  return bootReads.get(query.queryHash) === query.state.dataUpdatedAt ? 5_000 : 0;
}
