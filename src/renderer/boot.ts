import { prefetchCompany } from './features/company/api';
import { prefetchAppInfo } from './lib/today';
import { queryClient } from './queryClient';
import { preloadRoute } from './routes';

/*
 * The entry point, small on purpose (no React DOM, no MUI): it asks the main process for the company and
 * for app.info, which says "today" (App waits for both), then starts the screen of the address — its
 * chunk, and for the invoice list its first page — and only then loads the app itself, so that all of
 * these download and are read at the same time instead of one after the other.
 */
// The app opens on the dashboard: said here rather than by the root route's <Navigate> once React runs,
// which, the app now loading after the page's load event, could overtake a navigation made meanwhile.
if (window.location.hash.replace(/^#\/?/, '') === '') window.history.replaceState(null, '', '#/tableau-de-bord');
prefetchCompany(queryClient);
prefetchAppInfo(queryClient);
preloadRoute(window.location.hash, queryClient);
void import('./main').catch((err: unknown) => {
  console.error('Encours : chargement de l’interface impossible', err);
  // Said on the screen too: otherwise « Chargement d’Encours… » would stay there for good.
  const root = document.getElementById('root');
  if (root) root.textContent = 'Encours n’a pas pu afficher son interface. Fermez l’application et rouvrez-la ; si cela se reproduit, réinstallez-la (vos dossiers ne sont pas touchés).';
});
