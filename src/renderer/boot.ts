import { prefetchCompany } from './features/company/api';
import { queryClient } from './queryClient';
import { preloadRoute } from './routes';

/*
 * The entry point, small on purpose (no React DOM, no MUI): it asks the main process for the company
 * first (App waits for it), then starts the screen of the address — its chunk, and for the invoice list
 * its first page — and only then loads the app itself, so that all of these download and are read at
 * the same time instead of one after the other.
 */
prefetchCompany(queryClient);
preloadRoute(window.location.hash, queryClient);
// Awaited at the top level: the page's load event still means « the app is there », as when main.tsx was
// the entry (a navigation made just after load is not overtaken by the app's first redirect).
try {
  await import('./main');
} catch (err: unknown) {
  console.error('Encours : chargement de l’interface impossible', err);
}
