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
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import dayjs from 'dayjs';
import { useState } from 'react';
import { formatDateShort } from '../../../shared/dates';
import { Dec, formatEuro, formatPercent, roundToCents, toCents } from '../../../shared/money';
import { EntryPreview } from '../../components/EntryPreview';
import { usePdfPreview } from '../../components/pdf/PdfPreviewDialog';
import { errorMessage } from '../../components/form/serverErrors';
import { useToday } from '../../lib/today';
import { amountSx } from '../../lib/format';
import { useAccountBook } from '../invoices/accounts';
import { useInvoice } from '../invoices/api';
import type { PreviewEntry } from '../invoices/preview';
import { useInvoicePenalties, usePenalty, type DueRow } from './api';

/**
 * « Facturer les pénalités »: the interest computed day by day (by the main process) and the 40 € indemnity,
 * the entry it writes (D 411 / C 7631, outside the scope of VAT), a confirmation, then `penalty.invoice`.
 */
export function PenaltyDialog({ row, asOf, onClose, onDone }: { row: DueRow; asOf: string; onClose: () => void; onDone: (message: string) => void }) {
  const book = useAccountBook();
  const invoice = useInvoice(row.invoiceId).data;
  const post = useInvoicePenalties();
  const [date, setDate] = useState(useToday());
  // Penalties are invoiced up to the penalty invoice's date at most (never for days still to come).
  const until = asOf < date ? asOf : date;
  const penalty = usePenalty({ invoiceId: row.invoiceId, asOf: until });
  const [withIndemnity, setWithIndemnity] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const p = penalty.data;
  const aux = invoice?.customerCode;
  // What earlier penalty invoices (series PEN) of this invoice already claimed: the main process invoices
  // only the interest not yet invoiced, and the indemnity once.
  const earlier = p?.invoiced.invoices ?? [];
  const preview = usePdfPreview();
  const interestBefore = p ? toCents(p.invoiced.interest) : 0n;
  const indemnityBefore = p ? toCents(p.invoiced.indemnity) : 0n;
  const computedInterest = p ? toCents(p.interest) : 0n;
  const interest = computedInterest > interestBefore ? computedInterest - interestBefore : 0n;
  const indemnity = p && withIndemnity && indemnityBefore === 0n ? toCents(p.indemnity) : 0n;
  const total = interest + indemnity;
  const entry: PreviewEntry | null =
    p && total > 0n
      ? {
          journal: 'VT',
          title: `Pénalités de retard — facture ${row.number}`,
          lines: [
            { account: book.map.customers, aux, debit: total, credit: 0n, why: 'Ce que le client vous doit en plus, sans TVA (hors champ)' },
            ...(interest > 0n ? [{ account: book.map.latePaymentInterest, debit: 0n, credit: interest, why: `Intérêts de retard au taux de ${formatPercent(p.rate)}` }] : []),
            ...(indemnity > 0n ? [{ account: book.map.latePaymentInterest, debit: 0n, credit: indemnity, why: 'Indemnité forfaitaire pour frais de recouvrement' }] : []),
          ],
        }
      : null;

  const submit = () =>
    post.mutate(
      { invoiceId: row.invoiceId, asOf: until, date, includeIndemnity: indemnity > 0n },
      {
        onSuccess: (r) => onDone(`Pénalités facturées : ${r.number}, ${formatEuro(r.total)} ajoutés au compte de ${row.customerName}.`),
        onSettled: () => setConfirming(false),
      },
    );

  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="penalty-title">
      <DialogTitle id="penalty-title">Facturer les pénalités de retard</DialogTitle>
      <DialogContent dividers>
        <DialogContentText sx={{ mb: 2 }}>
          La loi fait courir des intérêts de retard dès le lendemain de l’échéance, au taux en vigueur à la date de la facture, et entre professionnels une indemnité forfaitaire de 40 € par facture impayée. Les facturer est un choix : beaucoup d’entreprises ne le font qu’au moment de la mise en demeure.
        </DialogContentText>
        {penalty.isLoading && <CircularProgress aria-label="Calcul des pénalités" />}
        {penalty.error && <Alert severity="error">{errorMessage(penalty.error)}</Alert>}
        {p && (
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 1fr) minmax(0, 1fr)' }, gap: 2, alignItems: 'start' }}>
            <Stack spacing={2}>
              <Typography>
                Facture {row.number} ({row.customerName}), {p.days} jour{p.days > 1 ? 's' : ''} de retard au {formatDateShort(until)}, taux annuel {formatPercent(p.rate)}
                {p.rateSource === 'company' ? ' (celui de vos paramètres)' : ' (table des taux, semestre de la facture)'}.
              </Typography>
              <Table size="small" aria-label="Calcul des intérêts">
                <TableHead>
                  <TableRow>
                    <TableCell>Période</TableCell>
                    <TableCell sx={amountSx}>Jours</TableCell>
                    <TableCell sx={amountSx}>Reste dû</TableCell>
                    <TableCell sx={amountSx}>Intérêts</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {p.periods.length === 0 && (
                    <TableRow>
                      <TableCell colSpan={4} sx={{ color: 'text.secondary' }}>
                        Pas encore de retard : aucun intérêt.
                      </TableCell>
                    </TableRow>
                  )}
                  {p.periods.map((period) => (
                    <TableRow key={period.from}>
                      <TableCell>
                        du {formatDateShort(period.from)} au {formatDateShort(period.to)}
                      </TableCell>
                      <TableCell sx={amountSx}>{period.days}</TableCell>
                      <TableCell sx={amountSx}>{formatEuro(period.base)}</TableCell>
                      <TableCell sx={amountSx}>{formatEuro(roundToCents(new Dec(period.interest)))}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
                <TableFooter>
                  <TableRow sx={{ '& td': { color: 'text.primary', fontWeight: 600, fontSize: '0.875rem' } }}>
                    <TableCell colSpan={3}>Intérêts de retard (arrondis une seule fois, au total)</TableCell>
                    <TableCell sx={amountSx} data-testid="penalty-interest">
                      {formatEuro(p.interest)}
                    </TableCell>
                  </TableRow>
                  {earlier.length > 0 && (
                    <TableRow sx={{ '& td': { color: 'text.secondary', fontSize: '0.875rem' } }}>
                      <TableCell colSpan={3}>
                        Intérêts déjà facturés (
                        {earlier.map((e, i) => (
                          <span key={e.id}>
                            {i > 0 && ', '}
                            <Link component="button" type="button" onClick={() => preview.show({ kind: 'penaltyInvoice', id: e.id }, `Facture de pénalités ${e.number}`)}>
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
                  <TableRow sx={{ '& td': { color: 'text.primary', fontSize: '0.875rem' } }}>
                    <TableCell colSpan={3}>Indemnité forfaitaire pour frais de recouvrement{indemnityBefore > 0n ? ' (déjà facturée)' : ''}</TableCell>
                    <TableCell sx={amountSx} data-testid="penalty-indemnity">
                      {formatEuro(indemnity)}
                    </TableCell>
                  </TableRow>
                  <TableRow sx={{ '& td': { color: 'text.primary', fontWeight: 700, fontSize: '0.95rem' } }}>
                    <TableCell colSpan={3}>Total à facturer</TableCell>
                    <TableCell sx={amountSx} data-testid="penalty-total">
                      {formatEuro(total)}
                    </TableCell>
                  </TableRow>
                </TableFooter>
              </Table>
              {earlier.length > 0 && total === 0n && (
                <Alert severity="info">Les pénalités de cette facture sont déjà facturées jusqu’à ce jour : rien de plus à facturer.</Alert>
              )}
              {p.indemnity !== '0.00' && indemnityBefore === 0n ? (
                <FormControlLabel control={<Checkbox checked={withIndemnity} onChange={(e) => setWithIndemnity(e.target.checked)} />} label="Facturer aussi l’indemnité forfaitaire de 40 €" />
              ) : (
                <Typography variant="body2" color="text.secondary">
                  {row.customerKind === 'consumer'
                    ? 'Un particulier ne doit pas l’indemnité forfaitaire de 40 € : seuls les intérêts sont dus.'
                    : indemnityBefore > 0n
                      ? 'L’indemnité forfaitaire ne se facture qu’une fois par facture.'
                      : 'Pas d’indemnité tant que la facture n’est pas en retard.'}
                </Typography>
              )}
              <Box sx={{ maxWidth: 240 }}>
                <DatePicker
                  label="Date de la facture de pénalités"
                  value={dayjs(date)}
                  onChange={(d) => d && d.isValid() && setDate(d.format('YYYY-MM-DD'))}
                  slotProps={{ textField: { size: 'small', fullWidth: true } }}
                />
              </Box>
            </Stack>
            <EntryPreview
              title="Ce que cela écrit dans vos comptes"
              entries={entry ? [entry] : []}
              label={book.label}
              emptyText="Rien à facturer à cette date."
              footer="Les pénalités sont hors du champ de la TVA : pas de ligne de TVA. Elles reçoivent leur propre numéro de facture."
            />
          </Box>
        )}
        {post.error && <Alert severity="error" sx={{ mt: 2 }}>{errorMessage(post.error)}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Annuler</Button>
        <Button variant="contained" disabled={!entry} onClick={() => setConfirming(true)}>
          Facturer {total > 0n ? formatEuro(total) : ''}
        </Button>
      </DialogActions>
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="penalty-confirm-title">
        <DialogTitle id="penalty-confirm-title">Facturer {formatEuro(total)} de pénalités ?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Une facture de pénalités numérotée est créée et s’écrit dans vos comptes (D {book.map.customers} / C {book.map.latePaymentInterest}) : {row.customerName} vous devra {formatEuro(total)} de plus. Comme toute écriture validée, elle ne pourra plus être supprimée.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} autoFocus>
            Annuler
          </Button>
          <Button variant="contained" loading={post.isPending} onClick={submit}>
            Facturer les pénalités
          </Button>
        </DialogActions>
      </Dialog>
      {preview.dialog}
    </Dialog>
  );
}
