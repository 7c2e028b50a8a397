import CancelOutlinedIcon from '@mui/icons-material/CancelOutlined';
import EmailIcon from '@mui/icons-material/Email';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import PrintIcon from '@mui/icons-material/Print';
import ReceiptIcon from '@mui/icons-material/Receipt';
import SendIcon from '@mui/icons-material/Send';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MuiLink from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableFooter from '@mui/material/TableFooter';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateShort } from '../../../shared/dates';
import type { DocumentRenderRequest } from '../../../shared/domain/document';
import { LINE_KIND_LABELS } from '../../../shared/domain/invoice';
import type { Quote } from '../../../shared/domain/quote';
import { formatEuro, formatPercent } from '../../../shared/money';
import { ErrorDialog } from '../../components/ErrorDialog';
import { errorMessage } from '../../components/form/serverErrors';
import { CustomerFact, DocumentLinesSection, DocumentNotes, DocumentSubtitle } from '../../components/document/DocumentDetail';
import { InvoiceAmountsTable } from '../../components/document/InvoiceAmountsTable';
import { Fact } from '../../components/Fact';
import { VatByRateRows } from '../../components/document/TotalsRows';
import { PageHeader } from '../../components/PageHeader';
import { usePdfPreview } from '../../components/pdf/PdfPreviewDialog';
import { amountSx } from '../../lib/format';
import { useToday } from '../../lib/today';
import { MailHistoryPanel } from '../mail/MailHistory';
import { SendMailDialog } from '../mail/SendMailDialog';
import { useSetQuoteStatus } from './api';
import { QuoteInvoiceDialog } from './QuoteInvoiceDialog';
import { QuoteStatusChip } from './QuoteStatusChip';

/** The quote's PDF, to preview, print, save or mail. */
export const quoteDocument = (id: number): DocumentRenderRequest => ({ kind: 'quote', id });

const ROLE_LABELS = { deposit: 'Facture d’acompte', final: 'Facture finale' } as const;

/** The invoices made from the quote: deposits, then the final invoice, each a link. */
function QuoteInvoices({ quote }: { quote: Quote }) {
  return (
    <Paper component="section" aria-labelledby="quote-invoices-title" sx={{ p: 2 }}>
      <Typography variant="h3" id="quote-invoices-title" sx={{ mb: 1 }}>
        Factures du devis
      </Typography>
      {quote.invoices.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {quote.status === 'accepted' ? 'Aucune facture encore : « Facturer » fait une facture d’acompte ou la facture finale.' : 'Un devis se facture une fois accepté par le client.'}
        </Typography>
      ) : (
        <InvoiceAmountsTable
          label="Factures du devis"
          heading="Facture"
          rows={quote.invoices.map((i) => ({
            key: i.id,
            name: (
              <MuiLink component={Link} to={`/factures/${i.id}`}>
                {ROLE_LABELS[i.role]} {i.number ?? '(brouillon)'}
              </MuiLink>
            ),
            date: i.date,
            net: i.net,
            vat: i.vat,
            gross: i.gross,
          }))}
        />
      )}
      {quote.invoices.some((i) => i.role === 'deposit') && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="deposits-invoiced">
          Acomptes facturés : {formatEuro(quote.depositsInvoiced.gross)} TTC ({formatEuro(quote.depositsInvoiced.net)} HT), déduits par la facture finale.
        </Typography>
      )}
    </Paper>
  );
}

/** « Refusé » asks first: a refused quote cannot be invoiced any more. */
function RefuseDialog({ quote, onClose, onRefuse, busy }: { quote: Quote; onClose: () => void; onRefuse: () => void; busy: boolean }) {
  return (
    <Dialog open onClose={onClose} aria-labelledby="refuse-title">
      <DialogTitle id="refuse-title">Le client refuse le devis {quote.number} ?</DialogTitle>
      <DialogContent>
        <DialogContentText>Le devis passe en « Refusé » à la date d’aujourd’hui. Il reste dans la série des devis, mais ne pourra plus être facturé.</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Annuler
        </Button>
        <Button color="error" variant="contained" loading={busy} onClick={onRefuse}>
          Marquer refusé
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** An issued quote: what it proposes, its status and the buttons that move it on, the invoices made from it. */
export function QuoteDetail({ quote }: { quote: Quote }) {
  const today = useToday();
  const title = `Devis ${quote.number ?? ''}`;
  const pdf = usePdfPreview({ request: quoteDocument(quote.id), title });
  const status = useSetQuoteStatus();
  const [refusing, setRefusing] = useState(false);
  const [invoicing, setInvoicing] = useState(false);
  const [mailing, setMailing] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const noVat = quote.vatRegime === 'franchise';
  const answerable = quote.status === 'sent' || quote.status === 'expired';
  const set = (s: 'sent' | 'accepted' | 'refused') =>
    status.mutate({ id: quote.id, status: s, date: today }, { onSuccess: () => setRefusing(false), onError: (err) => { setRefusing(false); setRefusal(errorMessage(err)); } });

  return (
    <>
      <PageHeader
        title={title}
        subtitle={<DocumentSubtitle chip={<QuoteStatusChip status={quote.status} />} customerName={quote.customerName} customerCode={quote.customerCode} date={quote.date} />}
        actions={
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
            <Button variant="outlined" startIcon={<PrintIcon />} onClick={() => pdf.show(quoteDocument(quote.id), title)}>
              Aperçu PDF
            </Button>
            {quote.status !== 'draft' && (
              <Button variant="outlined" startIcon={<EmailIcon />} onClick={() => setMailing(true)}>
                Envoyer par e-mail
              </Button>
            )}
            {quote.status === 'draft' && (
              <Button variant="outlined" startIcon={<SendIcon />} onClick={() => set('sent')} loading={status.isPending}>
                Marquer envoyé
              </Button>
            )}
            {answerable && (
              <>
                <Button variant="outlined" color="error" startIcon={<CancelOutlinedIcon />} onClick={() => setRefusing(true)}>
                  Refusé
                </Button>
                <Button variant="contained" color="success" startIcon={<CheckCircleOutlineIcon />} onClick={() => set('accepted')} loading={status.isPending}>
                  Accepté
                </Button>
              </>
            )}
            {quote.status === 'accepted' && (
              <Button variant="contained" startIcon={<ReceiptIcon />} onClick={() => setInvoicing(true)}>
                Facturer
              </Button>
            )}
          </Stack>
        }
      />
      <Stack spacing={2}>
        <Paper sx={{ p: 2 }}>
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))', gap: 2 }}>
            <CustomerFact id={quote.customerId} code={quote.customerCode} name={quote.customerName} />
            <Fact label="Date">{formatDateShort(quote.date)}</Fact>
            <Fact label="Valable jusqu’au">{formatDateShort(quote.validUntil)}</Fact>
            {quote.decidedOn && <Fact label={quote.status === 'refused' ? 'Refusé le' : 'Accepté le'}>{formatDateShort(quote.decidedOn)}</Fact>}
            <Fact label="Acompte à la commande">{quote.depositPercent ? formatPercent(quote.depositPercent) : 'Aucun'}</Fact>
            {quote.paymentTerms && <Fact label="Conditions de paiement">{quote.paymentTerms}</Fact>}
            {quote.consumerWork && <Fact label="Lieu d’exécution">{quote.workSite ?? 'Chez le client'}</Fact>}
            {quote.consumerWork && <Fact label="Frais de déplacement">{quote.travelCosts ?? '—'}</Fact>}
          </Box>
          {quote.consumerWork && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
              Travaux de dépannage, réparation ou entretien pour un particulier : le devis porte les mentions de l’arrêté du 24 janvier 2017.
            </Typography>
          )}
          <DocumentNotes notes={quote.notes} />
        </Paper>

        <DocumentLinesSection
          titleId="quote-lines-title"
          tableLabel="Lignes du devis"
          lines={quote.lines}
          noVat={noVat}
          kind={(l) => LINE_KIND_LABELS[l.kind]}
          vat={(l) => formatPercent(l.vatRate)}
          showUnits
        >
          <Table size="small" sx={{ width: 380 }} aria-label="Totaux du devis">
            <TableBody>
              {quote.discountPercent && (
                <TableRow>
                  <TableCell colSpan={2} sx={{ color: 'text.secondary' }}>
                    Remise de {formatPercent(quote.discountPercent)} sur tout le devis comprise
                  </TableCell>
                </TableRow>
              )}
              {!noVat && <VatByRateRows byRate={quote.totals.byRate} />}
              <TableRow>
                <TableCell>Total HT</TableCell>
                <TableCell sx={amountSx} data-testid="quote-net">
                  {formatEuro(quote.totals.net)}
                </TableCell>
              </TableRow>
              <TableRow>
                <TableCell>{noVat ? 'TVA non applicable, art. 293 B du CGI' : 'Total TVA'}</TableCell>
                <TableCell sx={amountSx} data-testid="quote-vat">
                  {noVat ? '' : formatEuro(quote.totals.vat)}
                </TableCell>
              </TableRow>
            </TableBody>
            <TableFooter>
              <TableRow sx={{ '& td': { fontWeight: 700, color: 'text.primary', fontSize: '1rem', borderBottom: 0 } }}>
                <TableCell>Total TTC</TableCell>
                <TableCell sx={amountSx} data-testid="quote-gross">
                  {formatEuro(quote.totals.gross)}
                </TableCell>
              </TableRow>
            </TableFooter>
          </Table>
        </DocumentLinesSection>

        <QuoteInvoices quote={quote} />
        {quote.number && <MailHistoryPanel quoteId={quote.id} />}
      </Stack>
      {refusing && <RefuseDialog quote={quote} busy={status.isPending} onClose={() => setRefusing(false)} onRefuse={() => set('refused')} />}
      {invoicing && <QuoteInvoiceDialog quote={quote} onClose={() => setInvoicing(false)} />}
      <ErrorDialog message={refusal} onClose={() => setRefusal(null)} />
      {pdf.dialog}
      {mailing && (
        <SendMailDialog
          document={{ kind: 'quote', id: quote.id }}
          title={`Envoyer par e-mail — ${title}`}
          summary={`${title} pour ${quote.customerName}, ${formatEuro(quote.totals.gross)} TTC, valable jusqu’au ${formatDateShort(quote.validUntil)}. Le PDF joint est celui de l’aperçu.`}
          onClose={() => setMailing(false)}
        />
      )}
    </>
  );
}
