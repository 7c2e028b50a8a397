import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { lazy, type ComponentType } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { matchPath } from 'react-router';
import { prefetchInvoiceList } from './features/invoices/api';

/**
 * Every screen is its own chunk, loaded when its route is first shown: the first screen (the invoice list
 * of a company of 100 000 invoices, say) no longer waits for the parse of the whole app — the charts, the
 * forms, the wizards, the PDF preview. The chunks are files of our own bundle, next to index.html (base
 * './'), so the CSP's script-src 'self' and Electron's app:// protocol both serve them.
 */

/** A named export as React.lazy wants it, keeping the loader to start it early (preloadRoute). */
function page<P extends object>(load: () => Promise<ComponentType<P>>) {
  let started: Promise<{ default: ComponentType<P> }> | undefined;
  const start = () => (started ??= load().then((c) => ({ default: c })));
  return Object.assign(lazy(start), { preload: start });
}

export const FirstRunWizard = page(() => import('./features/company/FirstRunWizard').then((m) => m.FirstRunWizard));
export const CompanySettingsPage = page(() => import('./features/company/CompanySettingsPage').then((m) => m.CompanySettingsPage));
export const AccountsPage = page(() => import('./features/accounts/AccountsPage').then((m) => m.AccountsPage));
export const ClosingPage = page(() => import('./features/closing/ClosingPage').then((m) => m.ClosingPage));
export const CreditNotesPage = page(() => import('./features/credit-notes/CreditNotesPage').then((m) => m.CreditNotesPage));
export const NewCreditNotePage = page(() => import('./features/credit-notes/CreditNoteForm').then((m) => m.NewCreditNotePage));
export const CustomerAccountPage = page(() => import('./features/customers/CustomerAccountPage').then((m) => m.CustomerAccountPage));
export const CustomersPage = page(() => import('./features/customers/CustomersPage').then((m) => m.CustomersPage));
export const AgingPage = page(() => import('./features/dashboard/AgingPage').then((m) => m.AgingPage));
export const DashboardPage = page(() => import('./features/dashboard/DashboardPage').then((m) => m.DashboardPage));
export const DsoPage = page(() => import('./features/dashboard/DsoPage').then((m) => m.DsoPage));
export const CandidatesPage = page(() => import('./features/doubtful/CandidatesPage').then((m) => m.CandidatesPage));
export const ClassifyWizard = page(() => import('./features/doubtful/ClassifyWizard').then((m) => m.ClassifyWizard));
export const DoubtfulInvoicePage = page(() => import('./features/doubtful/DoubtfulInvoicePage').then((m) => m.DoubtfulInvoicePage));
export const DoubtfulListPage = page(() => import('./features/doubtful/DoubtfulListPage').then((m) => m.DoubtfulListPage));
export const ProvisionMatrixPage = page(() => import('./features/doubtful/ProvisionMatrixPage').then((m) => m.ProvisionMatrixPage));
export const YearEndReviewPage = page(() => import('./features/doubtful/YearEndReviewPage').then((m) => m.YearEndReviewPage));
export const DunningPage = page(() => import('./features/dunning/DunningPage').then((m) => m.DunningPage));
export const InvoicePage = page(() => import('./features/invoices/InvoicePages').then((m) => m.InvoicePage));
export const NewInvoicePage = page(() => import('./features/invoices/InvoicePages').then((m) => m.NewInvoicePage));
export const InvoicesPage = page(() => import('./features/invoices/InvoicesPage').then((m) => m.InvoicesPage));
export const PaymentsPage = page(() => import('./features/payments/PaymentsPage').then((m) => m.PaymentsPage));
export const NewPaymentPage = page(() => import('./features/payments/PaymentsPage').then((m) => m.NewPaymentPage));
export const JournalPage = page(() => import('./features/ledger/JournalPage').then((m) => m.JournalPage));
export const GeneralLedgerPage = page(() => import('./features/reports/GeneralLedgerPage').then((m) => m.GeneralLedgerPage));
export const ProvisionsReportPage = page(() => import('./features/reports/ProvisionsReportPage').then((m) => m.ProvisionsReportPage));
export const TrialBalancePage = page(() => import('./features/reports/TrialBalancePage').then((m) => m.TrialBalancePage));
export const VatReportPage = page(() => import('./features/reports/VatReportPage').then((m) => m.VatReportPage));
export const PenaltyRatesSettings = page(() => import('./features/settings/PenaltyRatesSettings').then((m) => m.PenaltyRatesSettings));
export const ScenarioSettings = page(() => import('./features/settings/ScenarioSettings').then((m) => m.ScenarioSettings));
export const TemplatesSettings = page(() => import('./features/settings/TemplatesSettings').then((m) => m.TemplatesSettings));

/** The screen each address shows, in the order of App's routes (the first match wins), for preloadRoute. */
const ROUTES: [string, { preload: () => Promise<unknown> }, ((qc: QueryClient, search: URLSearchParams) => void)?][] = [
  ['/tableau-de-bord', DashboardPage],
  ['/clients', CustomersPage],
  ['/clients/:id', CustomerAccountPage],
  // Unfiltered (no ?statut=…), the list's first page is known before the screen renders.
  ['/factures', InvoicesPage, (qc, search) => !search.has('statut') && prefetchInvoiceList(qc)],
  ['/factures/nouvelle', NewInvoicePage],
  ['/factures/:id', InvoicePage],
  ['/avoirs', CreditNotesPage],
  ['/avoirs/nouveau', NewCreditNotePage],
  ['/reglements', PaymentsPage],
  ['/reglements/nouveau', NewPaymentPage],
  ['/rapports/balance-agee', AgingPage],
  ['/rapports/dso', DsoPage],
  ['/creances-douteuses', CandidatesPage],
  ['/creances-douteuses/en-cours', DoubtfulListPage],
  ['/creances-douteuses/revue', YearEndReviewPage],
  ['/creances-douteuses/matrice', ProvisionMatrixPage],
  ['/creances-douteuses/classer', ClassifyWizard],
  ['/creances-douteuses/:id', DoubtfulInvoicePage],
  ['/rapports/provisions', ProvisionsReportPage],
  ['/rapports/tva', VatReportPage],
  ['/relances', DunningPage],
  ['/parametres', CompanySettingsPage],
  ['/parametres/comptes', AccountsPage],
  ['/parametres/relances', ScenarioSettings],
  ['/parametres/modeles', TemplatesSettings],
  ['/parametres/penalites', PenaltyRatesSettings],
  ['/rapports/journal', JournalPage],
  ['/rapports/balance-generale', TrialBalancePage],
  ['/rapports/grand-livre', GeneralLedgerPage],
  ['/cloture', ClosingPage],
  ['/rapports', AgingPage],
  ['/', DashboardPage],
];

/**
 * Starts loading the screen of an address (a hash route, "#/factures?statut=…") at once, so that its chunk
 * downloads, and for the invoice list its first page is read, while the company is read (App shows the
 * screen only after), instead of one after the other. An unknown address loads nothing.
 */
export function preloadRoute(hash: string, qc: QueryClient) {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const route = ROUTES.find(([pattern]) => pattern === (path || '/')) ?? ROUTES.find(([pattern]) => matchPath(pattern, path));
  if (!route) return;
  void route[1].preload().catch(() => undefined);
  route[2]?.(qc, new URLSearchParams(query));
}

/** While a screen's chunk loads: a thin bar and a word, in the place of the page, under the frame. */
export function PageLoading() {
  return (
    <Box role="status" aria-live="polite" sx={{ pt: 0.5 }}>
      <LinearProgress aria-label="Chargement de l’écran" sx={{ height: 3, borderRadius: 1 }} />
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
        Chargement…
      </Typography>
    </Box>
  );
}
