import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import { Navigate, Route, Routes } from 'react-router';
import { AppError } from '../shared/errors';
import { AppFrame } from './components/AppFrame';
import { errorMessage } from './components/form/serverErrors';
import { useCompany } from './features/company/api';
import { CompanySettingsPage } from './features/company/CompanySettingsPage';
import { FirstRunWizard } from './features/company/FirstRunWizard';
import { AccountsPage } from './features/accounts/AccountsPage';
import { ClosingPage } from './features/closing/ClosingPage';
import { CreditNotesPage } from './features/credit-notes/CreditNotesPage';
import { NewCreditNotePage } from './features/credit-notes/CreditNoteForm';
import { CustomerAccountPage } from './features/customers/CustomerAccountPage';
import { CustomersPage } from './features/customers/CustomersPage';
import { AgingPage } from './features/dashboard/AgingPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { DsoPage } from './features/dashboard/DsoPage';
import { CandidatesPage } from './features/doubtful/CandidatesPage';
import { ClassifyWizard } from './features/doubtful/ClassifyWizard';
import { DoubtfulInvoicePage } from './features/doubtful/DoubtfulInvoicePage';
import { DoubtfulListPage } from './features/doubtful/DoubtfulListPage';
import { ProvisionMatrixPage } from './features/doubtful/ProvisionMatrixPage';
import { YearEndReviewPage } from './features/doubtful/YearEndReviewPage';
import { DunningPage } from './features/dunning/DunningPage';
import { InvoicePage, NewInvoicePage } from './features/invoices/InvoicePages';
import { InvoicesPage } from './features/invoices/InvoicesPage';
import { NewInvoiceShortcut } from './features/invoices/NewInvoiceShortcut';
import { NewPaymentPage, PaymentsPage } from './features/payments/PaymentsPage';
import { JournalPage } from './features/ledger/JournalPage';
import { SectionPlaceholder } from './features/placeholders/SectionPlaceholder';
import { GeneralLedgerPage } from './features/reports/GeneralLedgerPage';
import { ProvisionsReportPage } from './features/reports/ProvisionsReportPage';
import { TrialBalancePage } from './features/reports/TrialBalancePage';
import { VatReportPage } from './features/reports/VatReportPage';
import { PenaltyRatesSettings } from './features/settings/PenaltyRatesSettings';
import { ScenarioSettings } from './features/settings/ScenarioSettings';
import { SettingsTabs } from './features/settings/SettingsTabs';
import { TemplatesSettings } from './features/settings/TemplatesSettings';
import { ALL_NAV_ITEMS } from './navigation';

const BUILT = new Set([
  '/tableau-de-bord', '/clients', '/parametres', '/rapports', '/rapports/journal', '/rapports/balance-generale', '/rapports/grand-livre', '/cloture',
  '/factures', '/avoirs', '/reglements', '/rapports/balance-agee', '/rapports/dso', '/relances',
  '/creances-douteuses', '/rapports/provisions', '/rapports/tva',
]);

export function App() {
  const company = useCompany();

  if (company.isPending) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <CircularProgress aria-label="Ouverture du dossier" />
      </Box>
    );
  }
  if (company.error) {
    // An empty or new company file: the first-run wizard creates the company.
    if (company.error instanceof AppError && company.error.code === 'NOT_FOUND') return <FirstRunWizard />;
    return (
      <Box sx={{ p: 4, maxWidth: 720, mx: 'auto' }}>
        <Alert severity="error" variant="outlined">
          {errorMessage(company.error)}
        </Alert>
      </Box>
    );
  }

  const c = company.data;
  return (
    <AppFrame company={c}>
      <NewInvoiceShortcut />
      <Routes>
        <Route path="/" element={<Navigate to="/tableau-de-bord" replace />} />
        <Route path="/tableau-de-bord" element={<DashboardPage company={c} />} />
        <Route path="/clients" element={<CustomersPage />} />
        <Route path="/clients/:id" element={<CustomerAccountPage />} />
        <Route path="/factures" element={<InvoicesPage />} />
        <Route path="/factures/nouvelle" element={<NewInvoicePage company={c} />} />
        <Route path="/factures/:id" element={<InvoicePage company={c} />} />
        <Route path="/avoirs" element={<CreditNotesPage />} />
        <Route path="/avoirs/nouveau" element={<NewCreditNotePage />} />
        <Route path="/reglements" element={<PaymentsPage />} />
        <Route path="/reglements/nouveau" element={<NewPaymentPage />} />
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
        <Route path="/parametres/relances" element={<SettingsTabs><ScenarioSettings /></SettingsTabs>} />
        <Route path="/parametres/modeles" element={<SettingsTabs><TemplatesSettings /></SettingsTabs>} />
        <Route path="/parametres/penalites" element={<SettingsTabs><PenaltyRatesSettings /></SettingsTabs>} />
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
    </AppFrame>
  );
}
