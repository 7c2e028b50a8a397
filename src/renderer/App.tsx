import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import { Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AppError } from '../shared/errors';
import { AppFrame } from './components/AppFrame';
import { errorMessage } from './components/form/serverErrors';
import { useCompany } from './features/company/api';
import { useAppInfo } from './lib/today';
import { NewInvoiceShortcut } from './features/invoices/NewInvoiceShortcut';
import { SectionPlaceholder } from './features/placeholders/SectionPlaceholder';
import { SettingsTabs } from './features/settings/SettingsTabs';
import { ALL_NAV_ITEMS } from './navigation';
import {
  AccountsPage,
  AgingPage,
  CandidatesPage,
  ClassifyWizard,
  ClosingPage,
  CompanySettingsPage,
  CreditNotesPage,
  CustomerAccountPage,
  CustomersPage,
  DashboardPage,
  DoubtfulInvoicePage,
  DoubtfulListPage,
  DsoPage,
  DunningPage,
  EncryptionSettings,
  MailSettingsPage,
  ArticlesPage,
  FirstRunWizard,
  GeneralLedgerPage,
  InvoicePage,
  InvoicesPage,
  JournalPage,
  NewCreditNotePage,
  NewInvoicePage,
  NewPaymentPage,
  PageLoading,
  PaymentPage,
  BankPage,
  ReconciliationPage,
  PaymentsPage,
  PenaltyRatesSettings,
  NewQuotePage,
  QuotePage,
  QuotesPage,
  ProvisionMatrixPage,
  ProvisionsReportPage,
  ScenarioSettings,
  TemplatesSettings,
  TrialBalancePage,
  UnlockScreen,
  VatReportPage,
  YearEndReviewPage,
} from './pages';

const BUILT = new Set([
  '/tableau-de-bord', '/clients', '/parametres', '/rapports', '/rapports/journal', '/rapports/balance-generale', '/rapports/grand-livre', '/cloture',
  '/devis', '/factures', '/avoirs', '/reglements', '/rapports/balance-agee', '/rapports/dso', '/relances',
  '/creances-douteuses', '/rapports/provisions', '/rapports/tva', '/banque',
]);

/** The file could not be opened or read: said in French, in place of the app. */
function StartError({ error }: { error: Error }) {
  return (
    <Box sx={{ p: 4, maxWidth: 720, mx: 'auto' }}>
      <Alert severity="error" variant="outlined">
        {errorMessage(error)}
      </Alert>
    </Box>
  );
}

export function App() {
  const company = useCompany();
  // Every screen's "today" comes from the main process: nothing is drawn before it is known.
  const info = useAppInfo();

  if (company.isPending || info.isPending) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <CircularProgress aria-label="Ouverture du dossier" />
      </Box>
    );
  }
  if (info.error) return <StartError error={info.error} />;
  if (company.error) {
    // An empty or new company file: the first-run wizard creates the company.
    if (company.error instanceof AppError && company.error.code === 'NOT_FOUND') {
      return (
        <Suspense fallback={<Box sx={{ p: 4 }}><PageLoading /></Box>}>
          <FirstRunWizard />
        </Suspense>
      );
    }
    // An encrypted file whose passphrase is not known yet: asked before anything else.
    if (company.error instanceof AppError && company.error.code === 'DB_LOCKED') {
      return (
        <Suspense fallback={<Box sx={{ p: 4 }}><PageLoading /></Box>}>
          <UnlockScreen />
        </Suspense>
      );
    }
    return <StartError error={company.error} />;
  }

  const c = company.data;
  return (
    <AppFrame company={c}>
      <NewInvoiceShortcut />
      {/* Each screen is a chunk of its own (pages.tsx): the frame stays, the page area says it is loading. */}
      <Suspense fallback={<PageLoading />}>
        <Routes>
          <Route path="/" element={<Navigate to="/tableau-de-bord" replace />} />
          <Route path="/tableau-de-bord" element={<DashboardPage company={c} />} />
          <Route path="/clients" element={<CustomersPage />} />
          <Route path="/clients/:id" element={<CustomerAccountPage />} />
          <Route path="/devis" element={<QuotesPage />} />
          <Route path="/devis/nouveau" element={<NewQuotePage company={c} />} />
          <Route path="/devis/:id" element={<QuotePage company={c} />} />
          <Route path="/factures" element={<InvoicesPage />} />
          <Route path="/factures/nouvelle" element={<NewInvoicePage company={c} />} />
          <Route path="/factures/:id" element={<InvoicePage company={c} />} />
          <Route path="/avoirs" element={<CreditNotesPage />} />
          <Route path="/avoirs/nouveau" element={<NewCreditNotePage />} />
          <Route path="/reglements" element={<PaymentsPage />} />
          <Route path="/reglements/nouveau" element={<NewPaymentPage />} />
          <Route path="/reglements/:id" element={<PaymentPage />} />
          <Route path="/banque" element={<BankPage />} />
          <Route path="/banque/rapprochement" element={<ReconciliationPage />} />
          <Route path="/rapports/balance-agee" element={<AgingPage />} />
          <Route path="/rapports/dso" element={<DsoPage />} />
          <Route path="/creances-douteuses" element={<CandidatesPage />} />
          <Route path="/creances-douteuses/en-cours" element={<DoubtfulListPage />} />
          <Route path="/creances-douteuses/revue" element={<YearEndReviewPage />} />
          <Route path="/creances-douteuses/matrice" element={<ProvisionMatrixPage />} />
          <Route path="/creances-douteuses/classer" element={<ClassifyWizard />} />
          <Route path="/creances-douteuses/:id" element={<DoubtfulInvoicePage />} />
          <Route path="/rapports/provisions" element={<ProvisionsReportPage />} />
          <Route path="/rapports/tva" element={<VatReportPage />} />
          <Route path="/relances" element={<DunningPage />} />
          <Route path="/parametres" element={<SettingsTabs><CompanySettingsPage company={c} /></SettingsTabs>} />
          <Route path="/parametres/comptes" element={<SettingsTabs><AccountsPage /></SettingsTabs>} />
          <Route path="/parametres/articles" element={<SettingsTabs><ArticlesPage /></SettingsTabs>} />
          <Route path="/parametres/relances" element={<SettingsTabs><ScenarioSettings /></SettingsTabs>} />
          <Route path="/parametres/modeles" element={<SettingsTabs><TemplatesSettings /></SettingsTabs>} />
          <Route path="/parametres/penalites" element={<SettingsTabs><PenaltyRatesSettings /></SettingsTabs>} />
          <Route path="/parametres/protection" element={<SettingsTabs><EncryptionSettings /></SettingsTabs>} />
          <Route path="/parametres/e-mail" element={<SettingsTabs><MailSettingsPage /></SettingsTabs>} />
          <Route path="/rapports/journal" element={<JournalPage />} />
          <Route path="/rapports/balance-generale" element={<TrialBalancePage />} />
          <Route path="/rapports/grand-livre" element={<GeneralLedgerPage />} />
          <Route path="/cloture" element={<ClosingPage />} />
          <Route path="/rapports" element={<Navigate to="/rapports/balance-agee" replace />} />
          {ALL_NAV_ITEMS.filter((item) => !BUILT.has(item.path)).map((item) => (
            <Route key={item.path} path={item.path} element={<SectionPlaceholder item={item} />} />
          ))}
          <Route path="*" element={<Navigate to="/tableau-de-bord" replace />} />
        </Routes>
      </Suspense>
    </AppFrame>
  );
}
