import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { prefetchInvoiceList } from './features/invoices/api';

/**
 * Every screen is its own chunk, loaded when its route is first shown (pages.tsx makes them React.lazy):
 * the first screen no longer waits for the parse of the whole app — the charts, the forms, the wizards,
 * the PDF preview. The chunks are files of our own bundle, next to index.html (base './'), so the CSP's
 * script-src 'self' and Electron's app:// protocol both serve them. This module has no React or MUI in
 * it: boot.ts runs it first, so that the screen asked for downloads with the rest of the app.
 */

/** A screen's loader: started once (preloading and React.lazy share the download), and what it loaded. */
export interface ScreenLoader<P extends object> {
  (): Promise<ComponentType<P>>;
  /** The screen, once its chunk has arrived and run. */
  loaded(): ComponentType<P> | undefined;
}

function once<P extends object>(load: () => Promise<ComponentType<P>>): ScreenLoader<P> {
  let started: Promise<ComponentType<P>> | undefined;
  let screen: ComponentType<P> | undefined;
  return Object.assign(
    () =>
      (started ??= load().then((c) => {
        screen = c;
        return c;
      })),
    { loaded: () => screen },
  );
}

export const screens = {
  FirstRunWizard: once(() => import('./features/company/FirstRunWizard').then((m) => m.FirstRunWizard)),
  CompanySettingsPage: once(() => import('./features/company/CompanySettingsPage').then((m) => m.CompanySettingsPage)),
  UnlockScreen: once(() => import('./features/encryption/UnlockScreen').then((m) => m.UnlockScreen)),
  EncryptionSettings: once(() => import('./features/encryption/EncryptionSettings').then((m) => m.EncryptionSettings)),
  MailSettingsPage: once(() => import('./features/mail/MailSettingsPage').then((m) => m.MailSettingsPage)),
  ArticlesPage: once(() => import('./features/articles/ArticlesPage').then((m) => m.ArticlesPage)),
  AccountsPage: once(() => import('./features/accounts/AccountsPage').then((m) => m.AccountsPage)),
  ClosingPage: once(() => import('./features/closing/ClosingPage').then((m) => m.ClosingPage)),
  CreditNotesPage: once(() => import('./features/credit-notes/CreditNotesPage').then((m) => m.CreditNotesPage)),
  NewCreditNotePage: once(() => import('./features/credit-notes/CreditNoteForm').then((m) => m.NewCreditNotePage)),
  CustomerAccountPage: once(() => import('./features/customers/CustomerAccountPage').then((m) => m.CustomerAccountPage)),
  CustomersPage: once(() => import('./features/customers/CustomersPage').then((m) => m.CustomersPage)),
  AgingPage: once(() => import('./features/dashboard/AgingPage').then((m) => m.AgingPage)),
  DashboardPage: once(() => import('./features/dashboard/DashboardPage').then((m) => m.DashboardPage)),
  DsoPage: once(() => import('./features/dashboard/DsoPage').then((m) => m.DsoPage)),
  CandidatesPage: once(() => import('./features/doubtful/CandidatesPage').then((m) => m.CandidatesPage)),
  ClassifyWizard: once(() => import('./features/doubtful/ClassifyWizard').then((m) => m.ClassifyWizard)),
  DoubtfulInvoicePage: once(() => import('./features/doubtful/DoubtfulInvoicePage').then((m) => m.DoubtfulInvoicePage)),
  DoubtfulListPage: once(() => import('./features/doubtful/DoubtfulListPage').then((m) => m.DoubtfulListPage)),
  ProvisionMatrixPage: once(() => import('./features/doubtful/ProvisionMatrixPage').then((m) => m.ProvisionMatrixPage)),
  YearEndReviewPage: once(() => import('./features/doubtful/YearEndReviewPage').then((m) => m.YearEndReviewPage)),
  DunningPage: once(() => import('./features/dunning/DunningPage').then((m) => m.DunningPage)),
  InvoicePage: once(() => import('./features/invoices/InvoicePages').then((m) => m.InvoicePage)),
  NewInvoicePage: once(() => import('./features/invoices/InvoicePages').then((m) => m.NewInvoicePage)),
  InvoicesPage: once(() => import('./features/invoices/InvoicesPage').then((m) => m.InvoicesPage)),
  QuotesPage: once(() => import('./features/quotes/QuotesPage').then((m) => m.QuotesPage)),
  NewQuotePage: once(() => import('./features/quotes/QuotePages').then((m) => m.NewQuotePage)),
  QuotePage: once(() => import('./features/quotes/QuotePages').then((m) => m.QuotePage)),
  PaymentsPage: once(() => import('./features/payments/PaymentsPage').then((m) => m.PaymentsPage)),
  NewPaymentPage: once(() => import('./features/payments/PaymentsPage').then((m) => m.NewPaymentPage)),
  PaymentPage: once(() => import('./features/payments/PaymentPage').then((m) => m.PaymentPage)),
  BankPage: once(() => import('./features/bank/BankPage').then((m) => m.BankPage)),
  ReconciliationPage: once(() => import('./features/bank/ReconciliationPage').then((m) => m.ReconciliationPage)),
  JournalPage: once(() => import('./features/ledger/JournalPage').then((m) => m.JournalPage)),
  GeneralLedgerPage: once(() => import('./features/reports/GeneralLedgerPage').then((m) => m.GeneralLedgerPage)),
  ProvisionsReportPage: once(() => import('./features/reports/ProvisionsReportPage').then((m) => m.ProvisionsReportPage)),
  TrialBalancePage: once(() => import('./features/reports/TrialBalancePage').then((m) => m.TrialBalancePage)),
  VatReportPage: once(() => import('./features/reports/VatReportPage').then((m) => m.VatReportPage)),
  PenaltyRatesSettings: once(() => import('./features/settings/PenaltyRatesSettings').then((m) => m.PenaltyRatesSettings)),
  ScenarioSettings: once(() => import('./features/settings/ScenarioSettings').then((m) => m.ScenarioSettings)),
  TemplatesSettings: once(() => import('./features/settings/TemplatesSettings').then((m) => m.TemplatesSettings)),
};

/** The screen each address shows, as App's routes (an exact path first, then a pattern). */
const ROUTES: [string, keyof typeof screens, ((qc: QueryClient, search: URLSearchParams) => void)?][] = [
  ['/tableau-de-bord', 'DashboardPage'],
  ['/clients', 'CustomersPage'],
  ['/clients/:id', 'CustomerAccountPage'],
  ['/devis', 'QuotesPage'],
  ['/devis/nouveau', 'NewQuotePage'],
  ['/devis/:id', 'QuotePage'],
  // Unfiltered (no ?statut=…), the list's first page is known before the screen renders.
  ['/factures', 'InvoicesPage', (qc, search) => !search.has('statut') && prefetchInvoiceList(qc)],
  ['/factures/nouvelle', 'NewInvoicePage'],
  ['/factures/:id', 'InvoicePage'],
  ['/avoirs', 'CreditNotesPage'],
  ['/avoirs/nouveau', 'NewCreditNotePage'],
  ['/reglements', 'PaymentsPage'],
  ['/reglements/nouveau', 'NewPaymentPage'],
  ['/banque', 'BankPage'],
  ['/banque/rapprochement', 'ReconciliationPage'],
  ['/rapports/balance-agee', 'AgingPage'],
  ['/rapports/dso', 'DsoPage'],
  ['/creances-douteuses', 'CandidatesPage'],
  ['/creances-douteuses/en-cours', 'DoubtfulListPage'],
  ['/creances-douteuses/revue', 'YearEndReviewPage'],
  ['/creances-douteuses/matrice', 'ProvisionMatrixPage'],
  ['/creances-douteuses/classer', 'ClassifyWizard'],
  ['/creances-douteuses/:id', 'DoubtfulInvoicePage'],
  ['/rapports/provisions', 'ProvisionsReportPage'],
  ['/rapports/tva', 'VatReportPage'],
  ['/relances', 'DunningPage'],
  ['/parametres', 'CompanySettingsPage'],
  ['/parametres/comptes', 'AccountsPage'],
  ['/parametres/relances', 'ScenarioSettings'],
  ['/parametres/modeles', 'TemplatesSettings'],
  ['/parametres/penalites', 'PenaltyRatesSettings'],
  ['/parametres/protection', 'EncryptionSettings'],
  ['/parametres/e-mail', 'MailSettingsPage'],
  ['/parametres/articles', 'ArticlesPage'],
  ['/rapports/journal', 'JournalPage'],
  ['/rapports/balance-generale', 'TrialBalancePage'],
  ['/rapports/grand-livre', 'GeneralLedgerPage'],
  ['/cloture', 'ClosingPage'],
  ['/rapports', 'AgingPage'],
  ['/', 'DashboardPage'],
];

/** "/factures/:id" against "/factures/12" (react-router's matchPath would bring the router into boot.ts). */
function matches(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const got = path.replace(/\/$/, '').split('/');
  return want.length === got.length && want.every((w, i) => (w.startsWith(':') ? Boolean(got[i]) : w === got[i]));
}

/**
 * Starts loading the screen of an address (a hash route, "#/factures?statut=…") at once, so that its chunk
 * downloads, and for the invoice list its first page is read, while the rest of the app loads and the
 * company is read (App shows the screen only after), instead of one after the other. An unknown address
 * loads nothing.
 */
export function preloadRoute(hash: string, qc: QueryClient) {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const route = ROUTES.find(([pattern]) => pattern === (path || '/')) ?? ROUTES.find(([pattern]) => matches(pattern, path));
  if (!route) return;
  void screens[route[1]]().catch(() => undefined);
  route[2]?.(qc, new URLSearchParams(query));
}
