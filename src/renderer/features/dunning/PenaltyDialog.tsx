import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { RequestInput } from '../../../shared/contract';
import { isValidIsoDate, formatDateShort, formatHalfYear } from '../../../shared/dates';
import { PenaltyInvoiceRequest } from '../../../shared/domain/dunning';
import { formatEuro, formatPercent, toCents } from '../../../shared/money';
import { useAccountBook } from '../../components/accountBook';
import { PostingPreviewPanel } from '../../components/EntryPreview';
import { FormDateField } from '../../components/form/FormDateField';
import { applyServerErrors, errorMessage, requestResolver, usePreviewFieldErrors } from '../../components/form/serverErrors';
import { usePdfPreview } from '../../components/pdf/PdfPreviewDialog';
import { amountSx } from '../../lib/format';
import { usePostingPreview } from '../../lib/preview';
import { useToday } from '../../lib/today';
import { useInvoicePenalties, usePenalty, type DueRow } from './api';

interface PenaltyValues {
  date: string;
  includeIndemnity: boolean;
}

/** Penalties are invoiced up to the penalty invoice's date at most (never for days still to come). */
function toRequest(row: DueRow, asOf: string, v: PenaltyValues): RequestInput<'penalty.invoice'> {
  return { invoiceId: row.invoiceId, asOf: asOf < v.date ? asOf : v.date, date: v.date, includeIndemnity: v.includeIndemnity };
}

/** The request's fields the form shows; the day counted up to is not one (the panel says what is wrong with it). */
const FIELDS = ['date', 'includeIndemnity'];

/**
 * « Facturer les pénalités »: the interest computed day by day (by the main process) and the 40 € indemnity,
 * the entry it writes (D 411 / C 7631, outside the scope of VAT), a confirmation, then `penalty.invoice`.
 */
export function PenaltyDialog({ row, asOf, onClose, onDone }: { row: DueRow; asOf: string; onClose: () => void; onDone: (message: string) => void }) {
  const book = useAccountBook();
  const post = useInvoicePenalties();
  const { control, handleSubmit, setError, clearErrors, getFieldState } = useForm<PenaltyValues>({
    resolver: requestResolver<PenaltyValues>(PenaltyInvoiceRequest, (v) => ({ request: toRequest(row, asOf, v), fields: FIELDS })),
    defaultValues: { date: useToday(), includeIndemnity: true },
    mode: 'onTouched',
  });
  const values = useWatch({ control }) as PenaltyValues;
  const request = toRequest(row, asOf, values);
  // The computation at the day counted up to; the last one stays while the date is being typed.
  const penalty = usePenalty(isValidIsoDate(request.asOf) ? { invoiceId: row.invoiceId, asOf: request.asOf } : null);
  const preview = usePostingPreview('penalty.invoice', request);
  const saidUnderField = usePreviewFieldErrors(preview.refusal, { setError, clearErrors, getFieldState }, FIELDS);
  // What the penalty invoice would claim, as the main process computes it: only the interest not yet
  // invoiced, and the indemnity once.
  const claimed = preview.refusal ? undefined : preview.result;
  const [confirming, setConfirming] = useState(false);
  const p = penalty.data;
  // What earlier penalty invoices (series PEN) of this invoice already claimed.
  const earlier = p?.invoiced.invoices ?? [];
  const pdf = usePdfPreview();
  const interestBefore = p ? toCents(p.invoiced.interest) : 0n;
  const indemnityBefore = p ? toCents(p.invoiced.indemnity) : 0n;
  const money = (v: string | undefined) => (v === undefined ? '—' : formatEuro(v));

  // Awaited: the dunning list's refetch may unmount this dialog's row before mutate's callbacks would run.
  const submit = handleSubmit(async (v) => {
    try {
      const r = await post.mutateAsync(toRequest(row, asOf, v));
      onDone(`Pénalités facturées : ${r.number}, ${formatEuro(r.total)} ajoutés au compte de ${row.customerName}.`);
    } catch (err) {
      applyServerErrors(err, setError, FIELDS);
    } finally {
      setConfirming(false);
    }
  });

  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="penalty-title">
      <DialogTitle id="penalty-title">Facturer les pénalités de retard</DialogTitle>
      <DialogContent dividers>
        <DialogContentText sx={{ mb: 2 }}>
          {row.customerKind === 'consumer'
            ? 'Un particulier ne doit ni les pénalités entre professionnels ni l’indemnité de 40 € : seulement des intérêts au taux légal, à compter de la mise en demeure. Les facturer est un choix.'
            : 'Entre professionnels, des intérêts de retard courent dès le lendemain de l’échéance, chaque jour au taux de son semestre (BCE + 10 points), et une indemnité forfaitaire de 40 € est due par facture payée en retard. Les facturer est un choix : beaucoup d’entreprises ne le font qu’au moment de la mise en demeure.'}
        </DialogContentText>
        {penalty.isLoading && <CircularProgress aria-label="Calcul des pénalités" />}
        {penalty.error && <Alert severity="error">{errorMessage(penalty.error)}</Alert>}
        {p && (
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 1fr) minmax(0, 1fr)' }, gap: 2, alignItems: 'start' }}>
            <Stack spacing={2}>
              <Typography>
                Facture {row.number} ({row.customerName}), {p.days} jour{p.days > 1 ? 's' : ''} de retard au {isValidIsoDate(request.asOf) ? formatDateShort(request.asOf) : '…'}
                {p.regime === 'consumer'
                  ? p.formalNotice
                    ? `, intérêts au taux légal depuis la mise en demeure du ${formatDateShort(p.formalNotice)}.`
                    : ' : aucune mise en demeure enregistrée, aucun intérêt ne court encore.'
                  : p.rateSource === 'company'
                    ? `, taux annuel ${formatPercent(p.rate)} (celui de vos paramètres).`
                    : ', chaque jour au taux de son semestre (Paramètres › Taux de pénalités).'}
              </Typography>
              <Table size="small" aria-label="Calcul des intérêts">
                <TableHead>
                  <TableRow>
                    <TableCell>Période</TableCell>
                    <TableCell sx={amountSx}>Jours</TableCell>
                    <TableCell sx={amountSx}>Reste dû</TableCell>
                    <TableCell sx={amountSx}>Taux</TableCell>
                    <TableCell sx={amountSx}>Intérêts</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {p.periods.length === 0 && (
                    <TableRow>
                      <TableCell colSpan={5} sx={{ color: 'text.secondary' }}>
                        {p.regime === 'consumer' && !p.formalNotice ? 'Pas de mise en demeure : aucun intérêt.' : 'Pas encore de retard : aucun intérêt.'}
                      </TableCell>
                    </TableRow>
                  )}
                  {p.periods.map((period) => (
                    <TableRow key={period.from} data-testid="penalty-period">
                      <TableCell>
                        du {formatDateShort(period.from)} au {formatDateShort(period.to)}
                        {period.halfYear && (
                          <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                            {formatHalfYear(period.halfYear)}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell sx={amountSx}>{period.days}</TableCell>
                      <TableCell sx={amountSx}>{formatEuro(period.base)}</TableCell>
                      <TableCell sx={amountSx}>{formatPercent(period.rate)}</TableCell>
                      <TableCell sx={amountSx}>{formatEuro(period.interest)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
                <TableFooter>
                  <TableRow sx={{ '& td': { color: 'text.primary', fontWeight: 600, fontSize: '0.875rem' } }}>
                    <TableCell colSpan={4}>Intérêts de retard (chaque période arrondie au centime, puis additionnées)</TableCell>
                    <TableCell sx={amountSx} data-testid="penalty-interest">
                      {formatEuro(p.interest)}
                    </TableCell>
                  </TableRow>
                  {earlier.length > 0 && (
                    <TableRow sx={{ '& td': { color: 'text.secondary', fontSize: '0.875rem' } }}>
                      <TableCell colSpan={4}>
                        Intérêts déjà facturés (
                        {earlier.map((e, i) => (
                          <span key={e.id}>
                            {i > 0 && ', '}
                            <Link component="button" type="button" onClick={() => pdf.show({ kind: 'penaltyInvoice', id: e.id }, `Facture de pénalités ${e.number}`, { facturx: true })}>
                              {e.number}
                            </Link>
                          </span>
                        ))}
                        )
                      </TableCell>
                      <TableCell sx={amountSx} data-testid="penalty-before">
                        −{formatEuro(interestBefore)}
                      </TableCell>
                    </TableRow>
                  )}
                  {row.customerKind !== 'consumer' && (
                    <TableRow sx={{ '& td': { color: 'text.primary', fontSize: '0.875rem' } }}>
                      <TableCell colSpan={4}>Indemnité forfaitaire pour frais de recouvrement{indemnityBefore > 0n ? ' (déjà facturée)' : ''}</TableCell>
                      <TableCell sx={amountSx} data-testid="penalty-indemnity">
                        {money(claimed?.indemnity)}
                      </TableCell>
                    </TableRow>
                  )}
                  <TableRow sx={{ '& td': { color: 'text.primary', fontWeight: 700, fontSize: '0.95rem' } }}>
                    <TableCell colSpan={4}>Total à facturer</TableCell>
                    <TableCell sx={amountSx} data-testid="penalty-total">
                      {money(claimed?.total)}
                    </TableCell>
                  </TableRow>
                </TableFooter>
              </Table>
              {p.indemnity !== '0.00' && indemnityBefore === 0n ? (
                <Controller
                  name="includeIndemnity"
                  control={control}
                  render={({ field }) => (
                    <FormControlLabel control={<Checkbox checked={field.value} onChange={(e) => field.onChange(e.target.checked)} />} label="Facturer aussi l’indemnité forfaitaire de 40 €" />
                  )}
                />
              ) : (
                <Typography variant="body2" color="text.secondary">
                  {row.customerKind === 'consumer'
                    ? 'Un particulier ne doit pas l’indemnité forfaitaire de 40 € : seuls les intérêts sont dus.'
                    : indemnityBefore > 0n
                      ? 'L’indemnité forfaitaire ne se facture qu’une fois par facture.'
                      : 'Pas d’indemnité tant que la facture n’est pas en retard.'}
                </Typography>
              )}
              <Box sx={{ maxWidth: 280 }}>
                <FormDateField control={control} name="date" label="Date de la facture de pénalités" />
              </Box>
            </Stack>
            <PostingPreviewPanel
              preview={preview}
              saidUnderField={saidUnderField}
              title="Ce que cela écrit dans vos comptes"
              emptyText="Indiquez la date de la facture de pénalités : l’écriture s’affiche ici."
              footer="Les pénalités sont hors du champ de la TVA : pas de ligne de TVA. Elles reçoivent leur propre numéro de facture."
            />
          </Box>
        )}
        {post.error && <Alert severity="error" sx={{ mt: 2 }}>{errorMessage(post.error)}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Annuler</Button>
        <Button variant="contained" disabled={!claimed} onClick={() => setConfirming(true)}>
          Facturer {claimed ? formatEuro(claimed.total) : ''}
        </Button>
      </DialogActions>
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="penalty-confirm-title">
        <DialogTitle id="penalty-confirm-title">Facturer {money(claimed?.total)} de pénalités ?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Une facture de pénalités numérotée est créée et s’écrit dans vos comptes (D {book.map.customers} / C {book.map.latePaymentInterest}) : {row.customerName} vous devra {money(claimed?.total)} de plus. Comme toute écriture validée, elle ne pourra plus être supprimée.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} autoFocus>
            Annuler
          </Button>
          <Button variant="contained" loading={post.isPending} onClick={() => void submit()}>
            Facturer les pénalités
          </Button>
        </DialogActions>
      </Dialog>
      {pdf.dialog}
    </Dialog>
  );
}
