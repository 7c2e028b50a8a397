import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { RequestInput, Response } from '../../../shared/contract';
import { call } from '../../lib/ipc';
import { receivablesKey } from '../invoices/api';

export type Aging = Response<'report.aging'>;
export type DsoMethod = 'ratio' | 'average' | 'countback';

export const DSO_METHODS: Record<DsoMethod, { label: string; help: string }> = {
  ratio: {
    label: 'Méthode comptable (ratio)',
    help: 'Créances clients TTC à la fin de la période ÷ ventes TTC de la période × nombre de jours. Simple, mais sensible à une grosse facture de fin de mois.',
  },
  average: {
    label: 'Encours moyen',
    help: 'La moyenne des créances aux fins de mois de la période, au lieu de la seule fin : plus stable quand l’activité varie.',
  },
  countback: {
    label: 'Épuisement du chiffre d’affaires (countback)',
    help: 'Combien de jours des dernières ventes, en remontant mois par mois, il faut pour retrouver les créances : la méthode des analystes, robuste à la saisonnalité.',
  },
};

export function useAging(req: RequestInput<'report.aging'>) {
  return useQuery({
    queryKey: [...receivablesKey, 'aging', req],
    queryFn: () => call('report.aging', req),
    placeholderData: keepPreviousData,
  });
}

export function useDso(req: RequestInput<'report.dso'> | null) {
  return useQuery({
    queryKey: [...receivablesKey, 'dso', req],
    queryFn: () => call('report.dso', req as RequestInput<'report.dso'>),
    enabled: req !== null,
    placeholderData: keepPreviousData,
  });
}

/** The same period with the three methods, side by side. */
export function useDsoAllMethods(from: string, to: string, enabled: boolean) {
  return useQueries({
    queries: (Object.keys(DSO_METHODS) as DsoMethod[]).map((method) => ({
      queryKey: [...receivablesKey, 'dso', { from, to, method }],
      queryFn: () => call('report.dso', { from, to, method }),
      enabled,
    })),
  });
}

/** The trend: DSO (ratio) over the three months ending at each of the last `count` month ends. */
export function useDsoTrend(monthEnds: { from: string; to: string }[]) {
  return useQueries({
    queries: monthEnds.map((p) => ({
      queryKey: [...receivablesKey, 'dso', { ...p, method: 'ratio' }],
      queryFn: () => call('report.dso', { ...p, method: 'ratio' as const }),
    })),
  });
}
