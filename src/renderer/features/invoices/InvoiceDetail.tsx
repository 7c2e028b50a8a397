import EmailIcon from '@mui/icons-material/Email';
import GavelIcon from '@mui/icons-material/Gavel';
import PaymentsIcon from '@mui/icons-material/Payments';
import PrintIcon from '@mui/icons-material/Print';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import MuiLink from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableFooter from '@mui/material/TableFooter';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { daysBetween, formatDateShort } from '../../../shared/dates';
import type { Invoice } from '../../../shared/domain/invoice';
import { CREDIT_NOTE_KIND_LABELS } from '../../../shared/domain/payment';
import { formatEuro, formatPercent, parseAmount } from '../../../shared/money';
import { displayStatus, StatusChip } from '../../components/InvoiceStatusChip';
import { useToday } from '../../lib/today';
import { PageHeader } from '../../components/PageHeader';
import { CustomerFact, DocumentLinesSection, DocumentNotes, DocumentSubtitle } from '../../components/document/DocumentDetail';
import { InvoiceAmountsTable } from '../../components/document/InvoiceAmountsTable';
import { Fact } from '../../components/Fact';
import { DeductedDepositRows, VatByRateRows } from '../../components/document/TotalsRows';
import { usePdfPreview } from '../../components/pdf/PdfPreviewDialog';
import { call } from '../../lib/ipc';
import { amountSx } from '../../lib/format';
import { DunningHistoryPanel } from '../dunning/History';
import { MailHistoryPanel } from '../mail/MailHistory';
import { SendMailDialog } from '../mail/SendMailDialog';
import { useEntry } from '../ledger/api';
import { EntryDetailDialog, EntryLinesTable, journalName } from '../ledger/EntryDetailDialog';
import { useAccountBook } from '../../components/accountBook';
import { receivablesKey, useCustomerEntries } from './api';
import { RELATED_LABELS, relatedEntries } from './related';

function Figure({ label, value, testId, strong }: { label: string; value: string; testId: string; strong?: boolean }) {
  return (
    <Box sx={{ flex: 1, minWidth: 150 }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant={strong ? 'h2' : 'h3'} component="p" sx={{ mt: 0.5, fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
        {value}
      </Typography>
    </Box>
  );
}

const KIND_LABELS = { goods: 'Bien', services: 'Service' } as const;

/** « Facture F2026-00001 », or what kind of invoice it is: penalties, a deposit, the final invoice of a quote. */
function invoiceTitle(invoice: Invoice): string {
  const kind = invoice.penaltyOf ? 'Facture de pénalités' : invoice.quote?.role === 'deposit' ? 'Facture d’acompte' : invoice.quote?.role === 'final' ? 'Facture finale' : 'Facture';
  return `${kind} ${invoice.number ?? ''}`;
}

/** A final invoice's deposits, as invoiced (net of their credit notes), and what is left to pay after them. */
function DeductedDeposits({ deductions, balance }: { deductions: NonNullable<Invoice['deductions']>; balance: Invoice['totals'] }) {
  return (
    <Paper component="section" aria-labelledby="deductions-title">
      <Typography variant="h3" id="deductions-title" sx={{ p: 2, pb: 1 }}>
        Acomptes déduits
      </Typography>
      <InvoiceAmountsTable
        label="Acomptes déduits"
        heading="Facture d’acompte"
        rowTestId="deduction"
        rows={deductions.map((d) => ({
          key: d.invoiceId,
          name: (
            <MuiLink component={Link} to={`/factures/${d.invoiceId}`}>
              {d.number}
            </MuiLink>
          ),
          date: d.date,
          net: d.net,
          vat: d.vat,
          gross: d.gross,
        }))}
        footer={
          <TableFooter>
            <TableRow sx={{ '& td': { fontWeight: 700, color: 'text.primary', fontSize: '0.875rem', borderBottom: 0 } }} data-testid="balance-due">
              <TableCell colSpan={2}>Reste à payer</TableCell>
              <TableCell sx={amountSx}>{formatEuro(balance.net)}</TableCell>
              <TableCell sx={amountSx}>{formatEuro(balance.vat)}</TableCell>
              <TableCell sx={amountSx}>{formatEuro(balance.gross)}</TableCell>
            </TableRow>
          </TableFooter>
        }
      />
    </Paper>
  );
}
const positive = (v: string) => Boolean(parseAmount(v)?.gt(0));

/** A validated invoice: what it says, what has been paid or credited, and every entry it caused. */
export function InvoiceDetail({ invoice }: { invoice: Invoice }) {
  const book = useAccountBook();
  const [detail, setDetail] = useState<number | null>(null);
  const [mailing, setMailing] = useState(false);
  // A validated invoice (this screen's) can also be saved as Factur-X from its preview.
  const facturx = invoice.status !== 'draft';
  const pdf = usePdfPreview({ request: { kind: 'invoice', id: invoice.id }, title: invoiceTitle(invoice), facturx });
  const own = useEntry(invoice.entryId ?? null);
  const entries = useCustomerEntries(invoice.customerCode);
  const customerAccounts = [book.map.customers, book.map.doubtfulCustomers];
  const related = relatedEntries(entries.data?.rows ?? [], invoice, customerAccounts);
  const creditNotes = useQueries({
    queries: related
      .filter((r) => r.kind === 'credit_note' && r.entry.source)
      .map((r) => ({ queryKey: [...receivablesKey, 'creditNote', r.entry.source?.id], queryFn: () => call('creditNote.get', { id: r.entry.source?.id as number }) })),
  });
  const today = useToday();
  const status = displayStatus(invoice, today);
  const owed = positive(invoice.outstanding);
  const late = owed && invoice.dueDate < today ? daysBetween(invoice.dueDate, today) : 0;
  const canAct = owed && invoice.status !== 'written_off';
  // A penalty invoice (series PEN): late-payment interest and indemnity, outside the scope of VAT.
  const penalty = invoice.penaltyOf;
  // Made from a quote: a deposit invoice (credited to 4191) or the final invoice that deducts the deposits.
  const fromQuote = invoice.quote;
  const title = invoiceTitle(invoice);
  const before = invoice.totalsBeforeDeductions;
  const shownTotals = before ?? invoice.totals;

  return (
    <>
      <PageHeader
        title={title}
        subtitle={<DocumentSubtitle chip={<StatusChip status={status} />} customerName={invoice.customerName} customerCode={invoice.customerCode} date={invoice.date} />}
        actions={
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
            <Button variant="outlined" startIcon={<PrintIcon />} onClick={() => pdf.show({ kind: 'invoice', id: invoice.id }, title, { facturx })}>
              Aperçu / Imprimer
            </Button>
            {invoice.status !== 'draft' && (
              <Button variant="outlined" startIcon={<EmailIcon />} onClick={() => setMailing(true)}>
                Envoyer par e-mail
              </Button>
            )}
            {canAct && (
              <>
                {invoice.status === 'doubtful' ? (
                <Button variant="outlined" startIcon={<GavelIcon />} component={Link} to={`/creances-douteuses/${invoice.id}`}>
                  Créance douteuse…
                </Button>
              ) : (
                <Button variant="outlined" startIcon={<GavelIcon />} component={Link} to={`/creances-douteuses/classer?factures=${invoice.id}`}>
                  Classer en douteuse
                </Button>
              )}
              <Button variant="outlined" startIcon={<ReceiptLongIcon />} component={Link} to={`/avoirs/nouveau?facture=${invoice.id}`}>
                  Créer un avoir
                </Button>
                <Button variant="contained" startIcon={<PaymentsIcon />} component={Link} to={`/reglements/nouveau?client=${invoice.customerId}&facture=${invoice.id}`}>
                  Enregistrer un règlement
                </Button>
              </>
            )}
          </Stack>
        }
      />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) 320px' }, gap: 2, alignItems: 'start' }}>
        <Stack spacing={2} sx={{ minWidth: 0 }}>
          <Paper sx={{ p: 2 }}>
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))', gap: 2 }}>
              <CustomerFact id={invoice.customerId} code={invoice.customerCode} name={invoice.customerName} />
              <Fact label="Date">{formatDateShort(invoice.date)}</Fact>
              <Fact label="Échéance">
                {formatDateShort(invoice.dueDate)}
                {late > 0 && (
                  <Typography component="span" variant="body2" sx={{ color: 'error.main', ml: 1 }}>
                    ({late} jour{late > 1 ? 's' : ''} de retard)
                  </Typography>
                )}
              </Fact>
              {invoice.deliveryDate && <Fact label="Livraison">{formatDateShort(invoice.deliveryDate)}</Fact>}
              {invoice.orderRef && <Fact label="Bon de commande">{invoice.orderRef}</Fact>}
              {fromQuote && (
                <Fact label="Devis">
                  <span data-testid="invoice-quote">
                    {fromQuote.role === 'deposit' ? 'Facture d’acompte' : 'Facture finale'} — devis{' '}
                    <MuiLink component={Link} to={`/devis/${fromQuote.id}`}>
                      {fromQuote.number}
                    </MuiLink>
                  </span>
                </Fact>
              )}
              {penalty ? (
                <Fact label="Pénalités de retard de la facture">
                  <MuiLink component={Link} to={`/factures/${penalty.invoiceId}`}>
                    {penalty.number}
                  </MuiLink>
                </Fact>
              ) : (
                <Fact label="Escompte pour paiement anticipé">
                  {invoice.escompte ? `${formatPercent(invoice.escompte.percent)} si réglée au plus tard le ${formatDateShort(invoice.escompte.deadline)}` : 'Néant'}
                </Fact>
              )}
            </Box>
            <DocumentNotes notes={invoice.notes} />
          </Paper>

          <DocumentLinesSection
            titleId="lines-title"
            tableLabel="Lignes de la facture"
            lines={invoice.lines}
            noVat={invoice.vatRegime === 'franchise'}
            kind={(l) => (penalty ? 'Pénalité' : KIND_LABELS[l.kind])}
            vat={(l) => (penalty ? '—' : formatPercent(l.vatRate))}
          >
            <Table size="small" sx={{ width: 380 }} aria-label="Totaux par taux">
              <TableBody>
                {invoice.vatRegime !== 'franchise' && !penalty && <VatByRateRows byRate={shownTotals.byRate} />}
                <TableRow>
                  <TableCell>Total HT</TableCell>
                  <TableCell sx={amountSx}>{formatEuro(shownTotals.net)}</TableCell>
                </TableRow>
                <TableRow>
                  <TableCell>{penalty ? 'Hors du champ de la TVA' : invoice.vatRegime === 'franchise' ? 'TVA non applicable, art. 293 B du CGI' : 'Total TVA'}</TableCell>
                  <TableCell sx={amountSx}>{penalty || invoice.vatRegime === 'franchise' ? '' : formatEuro(shownTotals.vat)}</TableCell>
                </TableRow>
                {before && (
                  <>
                    <TableRow>
                      <TableCell>Total TTC</TableCell>
                      <TableCell sx={amountSx} data-testid="invoice-gross-before">
                        {formatEuro(before.gross)}
                      </TableCell>
                    </TableRow>
                    <DeductedDepositRows deductions={invoice.deductions ?? []} />
                  </>
                )}
              </TableBody>
              <TableFooter>
                <TableRow sx={{ '& td': { fontWeight: 700, color: 'text.primary', fontSize: '1rem', borderBottom: 0 } }}>
                  <TableCell>{before ? 'Reste à payer TTC' : 'Total TTC'}</TableCell>
                  <TableCell sx={amountSx} data-testid="invoice-gross">
                    {formatEuro(invoice.totals.gross)}
                  </TableCell>
                </TableRow>
              </TableFooter>
            </Table>
          </DocumentLinesSection>
          {invoice.deductions && <DeductedDeposits deductions={invoice.deductions} balance={invoice.totals} />}
        </Stack>

        <Stack spacing={2} sx={{ minWidth: 0 }}>
          <Paper sx={{ p: 2 }}>
            <Stack spacing={2}>
              <Figure label={before ? 'Reste à payer TTC' : 'Total TTC'} value={formatEuro(invoice.totals.gross)} testId="detail-gross" />
              <Figure label="Réglé" value={formatEuro(invoice.paid)} testId="detail-paid" />
              <Figure label="Avoirs et escomptes" value={formatEuro(invoice.credited)} testId="detail-credited" />
              <Figure label="Reste dû" value={formatEuro(invoice.outstanding)} testId="detail-outstanding" strong />
            </Stack>
          </Paper>
          <Paper component="section" aria-labelledby="related-title" sx={{ p: 2 }}>
            <Typography variant="h3" id="related-title" sx={{ mb: 1 }}>
              Règlements et avoirs
            </Typography>
            {entries.isLoading && <CircularProgress size={24} aria-label="Chargement" />}
            {!entries.isLoading && related.length === 0 && (
              <Typography variant="body2" color="text.secondary">
                Rien pour l’instant. Quand le client paie, enregistrez le règlement : la facture passe en « Réglée » et se lettre toute seule.
              </Typography>
            )}
            <Stack spacing={1} data-testid="related-entries">
              {related.map((r) => {
                const cn = r.kind === 'credit_note' ? creditNotes.find((q) => q.data?.entryId === r.entry.id)?.data : undefined;
                return (
                  <Box
                    key={r.entry.id}
                    role="button"
                    tabIndex={0}
                    onClick={() => setDetail(r.entry.id)}
                    onKeyDown={(e) => e.key === 'Enter' && setDetail(r.entry.id)}
                    sx={{ p: 1, borderRadius: 1, border: 1, borderColor: 'divider', cursor: 'pointer', '&:hover, &:focus-visible': { bgcolor: 'action.hover' } }}
                  >
                    <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1 }}>
                      <Typography variant="body2" sx={{ fontWeight: 600 }}>
                        {cn ? `Avoir ${cn.number ?? ''} · ${CREDIT_NOTE_KIND_LABELS[cn.kind]}` : RELATED_LABELS[r.kind]}
                      </Typography>
                      {positive(r.amount) && (
                        <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600 }}>
                          {formatEuro(r.amount)}
                        </Typography>
                      )}
                    </Box>
                    <Typography variant="caption" color="text.secondary">
                      {formatDateShort(r.entry.date)} · {r.entry.pieceRef} · écriture n° {r.entry.num}
                    </Typography>
                  </Box>
                );
              })}
            </Stack>
            {invoice.status === 'paid' && (
              <Chip size="small" color="success" variant="outlined" label="Soldée et lettrée" sx={{ mt: 1.5 }} />
            )}
          </Paper>
          {invoice.status !== 'draft' && <DunningHistoryPanel invoiceId={invoice.id} />}
          {invoice.status !== 'draft' && <MailHistoryPanel invoiceId={invoice.id} />}
          {!canAct && invoice.status !== 'paid' && invoice.status !== 'cancelled' && (
            <Alert severity="info">Cette facture ne peut plus recevoir de règlement ni d’avoir.</Alert>
          )}
        </Stack>
      </Box>
      <Paper component="section" aria-labelledby="entry-title" sx={{ p: 2, mt: 2 }}>
        <Typography variant="h3" id="entry-title" sx={{ mb: 1 }}>
          Ce que cette facture a écrit dans vos comptes
        </Typography>
        {own.isLoading && <CircularProgress size={24} aria-label="Chargement de l’écriture" />}
        {own.data && (
          <>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              Écriture n° {own.data.entry.num} du {formatDateShort(own.data.entry.date)}, journal {journalName(own.data.entry.journal)} ({own.data.entry.journal}).
            </Typography>
            <EntryLinesTable entry={own.data.entry} />
          </>
        )}
      </Paper>
      <EntryDetailDialog entryId={detail} onClose={() => setDetail(null)} />
      {pdf.dialog}
      {mailing && (
        <SendMailDialog
          document={{ kind: 'invoice', id: invoice.id }}
          title={`Envoyer par e-mail — ${title}`}
          summary={`${title} de ${invoice.customerName}, ${formatEuro(invoice.totals.gross)} TTC, reste dû ${formatEuro(invoice.outstanding)}. Le PDF joint est celui de l’aperçu.`}
          onClose={() => setMailing(false)}
        />
      )}
    </>
  );
}
