import { useQuery, type QueryClient } from '@tanstack/react-query';
import { readAhead } from '../queryClient';
import { call } from './ipc';

/*
 * The screens have no clock of their own: "today" is the main process's (app.info), the Paris calendar
 * date that ENCOURS_TODAY pins. The browser's clock is never read for a business date.
 */
export const appInfoKey = ['appInfo'] as const;

export const appInfoQuery = { queryKey: appInfoKey, queryFn: () => call('app.info', {}) };

/** Asked again each minute, so an app left open past midnight turns to the new day on its own. */
const TURN_OF_DAY_MS = 60_000;

/** At start-up, with the company: App waits for both before it draws a screen. */
export function prefetchAppInfo(qc: QueryClient) {
  readAhead(qc, appInfoQuery);
}

export function useAppInfo() {
  return useQuery({ ...appInfoQuery, staleTime: TURN_OF_DAY_MS, refetchInterval: TURN_OF_DAY_MS });
}

/** The company's today, "YYYY-MM-DD". Only under App, which renders nothing until app.info has answered. */
export function useToday(): string {
  const { data } = useAppInfo();
  if (!data) throw new Error('useToday() appelé avant la réponse de app.info : App attend celle-ci avant d’afficher un écran.');
  return data.today;
}
