import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestInput } from '../../../shared/contract';
import { call } from '../../lib/ipc';

const articlesKey = ['articles'] as const;

/** The catalogue, archived articles included on request (the settings page shows both). */
export function useArticles(includeArchived = false, search = '') {
  return useQuery({
    queryKey: [...articlesKey, includeArchived, search],
    queryFn: () => call('article.list', { includeArchived, ...(search.trim() ? { search: search.trim() } : {}) }),
    placeholderData: (previous) => previous,
  });
}

export function useSaveArticle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: { id?: number | undefined; values: RequestInput<'article.create'> & { archived?: boolean } }) =>
      req.id === undefined ? call('article.create', req.values) : call('article.update', { id: req.id, ...req.values }),
    onSettled: () => qc.invalidateQueries({ queryKey: articlesKey }),
  });
}

export function useArchiveArticle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: { id: number; archived: boolean }) => call('article.update', req),
    onSettled: () => qc.invalidateQueries({ queryKey: articlesKey }),
  });
}
