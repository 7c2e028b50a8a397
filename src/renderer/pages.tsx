import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { lazy, type ComponentType } from 'react';
import { screens, type ScreenLoader } from './routes';

/**
 * The screens as React.lazy components (routes.ts loads them; App shows them under a Suspense). A screen
 * whose chunk has already arrived (preloaded at start-up with the rest of the app) is handed over at once,
 * through a thenable that answers synchronously, as React.lazy allows: the page renders in the same pass as
 * the frame. A promise, even resolved, would suspend that first render, and React 19 then holds the
 * screen back until 300 ms after the fallback showed.
 */
const page = <P extends object>(load: ScreenLoader<P>) =>
  lazy(() => {
    const ready = load.loaded();
    if (!ready) return load().then((c) => ({ default: c }));
    const now = { then: (resolve: (m: { default: ComponentType<P> }) => void) => resolve({ default: ready }) };
    return now as unknown as Promise<{ default: ComponentType<P> }>;
  });

export const FirstRunWizard = page(screens.FirstRunWizard);
export const CompanySettingsPage = page(screens.CompanySettingsPage);
export const UnlockScreen = page(screens.UnlockScreen);
export const EncryptionSettings = page(screens.EncryptionSettings);
export const MailSettingsPage = page(screens.MailSettingsPage);
export const ArticlesPage = page(screens.ArticlesPage);
export const AccountsPage = page(screens.AccountsPage);
export const ClosingPage = page(screens.ClosingPage);
export const CreditNotesPage = page(screens.CreditNotesPage);
export const NewCreditNotePage = page(screens.NewCreditNotePage);
export const CustomerAccountPage = page(screens.CustomerAccountPage);
export const CustomersPage = page(screens.CustomersPage);
export const AgingPage = page(screens.AgingPage);
export const DashboardPage = page(screens.DashboardPage);
export const DsoPage = page(screens.DsoPage);
export const CandidatesPage = page(screens.CandidatesPage);
export const ClassifyWizard = page(screens.ClassifyWizard);
export const DoubtfulInvoicePage = page(screens.DoubtfulInvoicePage);
export const DoubtfulListPage = page(screens.DoubtfulListPage);
export const ProvisionMatrixPage = page(screens.ProvisionMatrixPage);
export const YearEndReviewPage = page(screens.YearEndReviewPage);
export const DunningPage = page(screens.DunningPage);
export const InvoicePage = page(screens.InvoicePage);
export const NewInvoicePage = page(screens.NewInvoicePage);
export const InvoicesPage = page(screens.InvoicesPage);
export const QuotesPage = page(screens.QuotesPage);
export const NewQuotePage = page(screens.NewQuotePage);
export const QuotePage = page(screens.QuotePage);
export const PaymentsPage = page(screens.PaymentsPage);
export const NewPaymentPage = page(screens.NewPaymentPage);
export const PaymentPage = page(screens.PaymentPage);
export const BankPage = page(screens.BankPage);
export const ReconciliationPage = page(screens.ReconciliationPage);
export const JournalPage = page(screens.JournalPage);
export const GeneralLedgerPage = page(screens.GeneralLedgerPage);
export const ProvisionsReportPage = page(screens.ProvisionsReportPage);
export const TrialBalancePage = page(screens.TrialBalancePage);
export const VatReportPage = page(screens.VatReportPage);
export const PenaltyRatesSettings = page(screens.PenaltyRatesSettings);
export const ScenarioSettings = page(screens.ScenarioSettings);
export const TemplatesSettings = page(screens.TemplatesSettings);

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
