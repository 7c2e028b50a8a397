import PrintIcon from '@mui/icons-material/Print';
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
import { WarningsAlert } from '../../components/WarningsAlert';
import { useQuote } from './api';
import { QuoteDetail, quoteDocument } from './QuoteDetail';
import { QuoteForm } from './QuoteForm';

const back = <BackButton to="/devis">Tous les devis</BackButton>;

export function NewQuotePage({ company }: { company: Company }) {
  const [params] = useSearchParams();
  const client = Number(params.get('client'));
  return (
    <>
      <PageHeader title="Nouveau devis" subtitle="Il reste un brouillon, modifiable, jusqu’à ce que vous l’émettiez : il reçoit alors son numéro de la série des devis." actions={back} />
      <QuoteForm company={company} initialCustomerId={Number.isInteger(client) && client > 0 ? client : null} />
    </>
  );
}

/** /devis/:id — a draft opens in the form, an issued quote in its detail. */
export function QuotePage({ company }: { company: Company }) {
  const { id } = useParams();
  const quoteId = Number(id);
  const { data, isLoading, error } = useQuote(Number.isInteger(quoteId) ? quoteId : null);
  const arrival = useArrivalNotice();
  const pdf = usePdfPreview();
  if (isLoading) return <CircularProgress aria-label="Chargement du devis" />;
  if (error || !data) {
    return <DocumentLoadError title="Devis" error={error} notFound="Devis introuvable." actions={back} />;
  }
  const warnings = [...(data.warnings ?? []), ...arrival.warnings.filter((w) => !data.warnings?.includes(w))];
  return (
    <>
      {data.status === 'draft' ? (
        <>
          <PageHeader
            title="Brouillon de devis"
            subtitle={`${data.customerName} · pas encore de numéro : il sera donné en émettant le devis.`}
            actions={
              <Stack direction="row" spacing={1}>
                <Button startIcon={<PrintIcon />} onClick={() => pdf.show(quoteDocument(data.id), 'Brouillon de devis')} title="Le brouillon tel qu’il est enregistré">
                  Aperçu PDF
                </Button>
                {back}
              </Stack>
            }
          />
          <QuoteForm key={data.id} company={company} quote={{ ...data, warnings }} />
        </>
      ) : (
        <>
          <WarningsAlert warnings={warnings} sx={{ mb: 2 }} testId="quote-warnings" />
          <QuoteDetail quote={data} />
        </>
      )}
      <Snackbar open={arrival.notice !== null} autoHideDuration={6000} onClose={arrival.clear} message={arrival.notice} />
      {pdf.dialog}
    </>
  );
}
