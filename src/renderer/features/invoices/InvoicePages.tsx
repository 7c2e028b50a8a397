import PrintIcon from '@mui/icons-material/Print';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import { useParams, useSearchParams } from 'react-router';
import type { Company } from '../../../shared/domain/company';
import { BackButton } from '../../components/BackButton';
import { DocumentLoadError } from '../../components/DocumentLoadError';
import { PageHeader } from '../../components/PageHeader';
import { usePdfPreview } from '../../components/pdf/PdfPreviewDialog';
import { useArrivalNotice } from '../../components/useArrivalNotice';
import { useInvoice } from './api';
import { InvoiceDetail } from './InvoiceDetail';
import { InvoiceForm } from './InvoiceForm';

const back = <BackButton to="/factures">Toutes les factures</BackButton>;

export function NewInvoicePage({ company }: { company: Company }) {
  const [params] = useSearchParams();
  const client = Number(params.get('client'));
  return (
    <>
      <PageHeader
        title="Nouvelle facture"
        subtitle="Elle reste un brouillon, modifiable, jusqu’à sa validation : elle reçoit alors son numéro et s’écrit dans vos comptes."
        actions={back}
      />
      <InvoiceForm company={company} initialCustomerId={Number.isInteger(client) && client > 0 ? client : null} />
    </>
  );
}

/** /factures/:id — a draft opens in the form, a validated invoice in its detail. */
export function InvoicePage({ company }: { company: Company }) {
  const { id } = useParams();
  const invoiceId = Number(id);
  const { data, isLoading, error } = useInvoice(Number.isInteger(invoiceId) ? invoiceId : null);
  const arrival = useArrivalNotice();
  const pdf = usePdfPreview(data?.status === 'draft' ? { request: { kind: 'invoice', id: data.id }, title: 'Brouillon de facture' } : null);
  if (isLoading) return <CircularProgress aria-label="Chargement de la facture" />;
  if (error || !data) {
    return <DocumentLoadError title="Facture" error={error} notFound="Facture introuvable." actions={back} />;
  }
  return (
    <>
      {data.status === 'draft' ? (
        <>
          <PageHeader
            title="Brouillon de facture"
            subtitle={`${data.customerName} · pas encore de numéro : il sera donné à la validation.`}
            actions={
              <Stack direction="row" spacing={1}>
                <Button startIcon={<PrintIcon />} onClick={() => pdf.show({ kind: 'invoice', id: data.id }, 'Brouillon de facture')} title="Le brouillon tel qu’il est enregistré, marqué « BROUILLON »">
                  Aperçu
                </Button>
                {back}
              </Stack>
            }
          />
          <InvoiceForm key={data.id} company={company} invoice={{ ...data, warnings: arrival.warnings }} />
        </>
      ) : (
        <Box>
          <InvoiceDetail invoice={data} />
        </Box>
      )}
      <Snackbar open={arrival.notice !== null} autoHideDuration={6000} onClose={arrival.clear} message={arrival.notice} />
      {pdf.dialog}
    </>
  );
}
