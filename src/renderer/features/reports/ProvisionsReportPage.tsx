import Alert from '@mui/material/Alert';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import MuiLink from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import dayjs from 'dayjs';
import { Fragment } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatDateLong, formatDateShort } from '../../../shared/dates';
import type { Response } from '../../../shared/contract';
import { formatEuro, formatPercent } from '../../../shared/money';
import { errorMessage } from '../../components/form/serverErrors';
import { useToday } from '../../lib/today';
import { PageHeader } from '../../components/PageHeader';
import { amountSx, euroReport } from '../../lib/format';
import { useProvisionsReport } from '../doubtful/api';

/** Eleven columns in the width of a laptop screen: tighter cells, headers on two lines. */
const tableSx = { '& th, & td': { px: 1 }, '& thead th': { whiteSpace: 'normal', verticalAlign: 'bottom' } } as const;
/** The table's columns, for the warning row that spans them. */
const COLUMNS = 11;
const footSx = { fontWeight: 700, color: 'text.primary', fontSize: '0.875rem', borderTop: 2, borderColor: 'divider', bgcolor: 'grey.50' } as const;

type ProvisionRow = Response<'report.provisions'>['rows'][number];

/** What the owner is told to re-estimate, and the justification the re-estimate form starts from. */
function reestimateReasons(r: ProvisionRow) {
  const notes: string[] = [];
  if (r.settledSinceEstimate && r.lastEstimate) notes.push(`${formatEuro(r.settledSinceEstimate)} réglés depuis l’estimation du ${formatDateShort(r.lastEstimate)} (il restait alors ${formatEuro(r.estimatedOutstanding ?? '0')}).`);
  if (r.provisionAboveHt) notes.push(`La dépréciation dépasse de ${formatEuro(r.provisionAboveHt)} le HT restant dû.`);
  const motif = r.settledSinceEstimate && r.lastEstimate ? `Réglé depuis l’estimation du ${formatDateShort(r.lastEstimate)} : ${formatEuro(r.settledSinceEstimate)}.` : 'Dépréciation supérieure au HT restant dû.';
  return { notes, motif };
}

/** État des provisions: per invoice, the provision at the start of the year, dotations, reprises, end — for the tax return. */
export function ProvisionsReportPage() {
  const [params, setParams] = useSearchParams();
  const today = useToday();
  const asOf = params.get('au') ?? today;
  const q = useProvisionsReport(asOf);
  const d = q.data;
  const toRedo = (d?.rows ?? []).filter((r) => r.settledSinceEstimate || r.provisionAboveHt).length;
  return (
    <>
      <PageHeader
        title="État des provisions"
        subtitle="Les dépréciations de créances, facture par facture : au début de l’exercice, dotations et reprises de l’exercice, à la date choisie, face à ce qui reste dû à cette date. C’est le tableau que votre comptable reporte sur la liasse fiscale."
      />
      <Paper sx={{ p: 2, mb: 2, display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <DatePicker
          label="Au"
          value={dayjs(asOf)}
          onChange={(v) => v && v.isValid() && v.year() >= 1900 && setParams({ au: v.format('YYYY-MM-DD') }, { replace: true })}
          slotProps={{ textField: { size: 'small', sx: { width: 190 } } }}
        />
        {d && (
          <Typography variant="body2" color="text.secondary">
            Exercice commencé le {formatDateShort(d.yearStart)} ; montants au {formatDateLong(asOf)}.
          </Typography>
        )}
      </Paper>
      {q.error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(q.error)}</Alert>}
      {toRedo > 0 && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="provisions-to-redo">
          {toRedo === 1 ? 'Une dépréciation ne correspond plus' : `${toRedo} dépréciations ne correspondent plus`} à ce qui reste dû : un règlement ou un avoir est venu après la dernière estimation. Réestimez-la sur ce qui reste dû ; seule la différence sera écrite (une reprise si le risque baisse).
        </Alert>
      )}
      <Paper>
        {q.isFetching && <LinearProgress aria-label="Calcul de l’état" />}
        {d && d.rows.length === 0 ? (
          <Typography color="text.secondary" sx={{ p: 3 }}>
            Aucune dépréciation de créance à cette date.
          </Typography>
        ) : (
          <TableContainer>
            <Table size="small" aria-label="État des provisions" sx={tableSx}>
              <TableHead>
                <TableRow>
                  <TableCell>Facture</TableCell>
                  <TableCell>Client</TableCell>
                  <TableCell sx={amountSx}>Facture TTC</TableCell>
                  <TableCell sx={amountSx}>Facture HT</TableCell>
                  <TableCell sx={amountSx}>Reste dû TTC</TableCell>
                  <TableCell sx={amountSx}>HT restant dû</TableCell>
                  <TableCell sx={amountSx}>Début d’exercice</TableCell>
                  <TableCell sx={amountSx}>Dotations</TableCell>
                  <TableCell sx={amountSx}>Reprises</TableCell>
                  <TableCell sx={amountSx}>Fin</TableCell>
                  <TableCell>Dernière estimation</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {(d?.rows ?? []).map((r) => {
                  const redo = r.settledSinceEstimate || r.provisionAboveHt ? reestimateReasons(r) : null;
                  const main = (
                    <TableRow key={r.invoiceId} data-testid="provisions-row" sx={redo ? { '& > td': { borderBottom: 0 } } : undefined}>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        <MuiLink component={Link} to={`/factures/${r.invoiceId}`}>
                          {r.number}
                        </MuiLink>
                      </TableCell>
                      <TableCell>{r.customerName}</TableCell>
                      <TableCell sx={amountSx}>{euroReport(r.gross)}</TableCell>
                      <TableCell sx={amountSx}>{euroReport(r.net)}</TableCell>
                      <TableCell sx={amountSx} data-testid="provisions-outstanding">{euroReport(r.outstanding)}</TableCell>
                      <TableCell sx={amountSx} data-testid="provisions-outstanding-ht">{euroReport(r.outstandingHt)}</TableCell>
                      <TableCell sx={amountSx}>{euroReport(r.opening)}</TableCell>
                      <TableCell sx={amountSx}>{euroReport(r.dotations)}</TableCell>
                      <TableCell sx={amountSx}>{euroReport(r.reprises)}</TableCell>
                      <TableCell sx={{ ...amountSx, fontWeight: 600 }}>{euroReport(r.provision)}</TableCell>
                      <TableCell>
                        {r.lastEstimate ? `${r.riskPercent ? formatPercent(r.riskPercent) : ''} le ${formatDateShort(r.lastEstimate)}` : ''}
                        {r.justification && (
                          <Typography variant="caption" color="text.secondary" component="p">
                            {r.justification}
                          </Typography>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                  if (!redo) return main;
                  return (
                    <Fragment key={r.invoiceId}>
                      {main}
                      <TableRow data-testid="provisions-redo">
                        <TableCell colSpan={COLUMNS} sx={{ pt: 0 }}>
                          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', justifyContent: 'space-between', color: 'warning.dark' }}>
                            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                              <WarningAmberIcon fontSize="small" />
                              <Box>
                                {redo.notes.map((n) => (
                                  <Typography key={n} variant="body2" data-testid="provisions-warning">
                                    {n}
                                  </Typography>
                                ))}
                              </Box>
                            </Stack>
                            <Button size="small" variant="outlined" color="warning" sx={{ whiteSpace: 'nowrap', flexShrink: 0 }} component={Link} to={`/creances-douteuses/${r.invoiceId}?${new URLSearchParams({ action: 'reestimer', motif: redo.motif }).toString()}`}>
                              Réestimer {r.number}
                            </Button>
                          </Stack>
                        </TableCell>
                      </TableRow>
                    </Fragment>
                  );
                })}
              </TableBody>
              {d && d.rows.length > 0 && (
                <TableFooter>
                  <TableRow>
                    <TableCell sx={footSx} colSpan={2}>Total</TableCell>
                    <TableCell sx={{ ...footSx, ...amountSx }}>{euroReport(d.totals.gross)}</TableCell>
                    <TableCell sx={{ ...footSx, ...amountSx }}>{euroReport(d.totals.net)}</TableCell>
                    <TableCell sx={{ ...footSx, ...amountSx }}>{euroReport(d.totals.outstanding)}</TableCell>
                    <TableCell sx={{ ...footSx, ...amountSx }}>{euroReport(d.totals.outstandingHt)}</TableCell>
                    <TableCell sx={{ ...footSx, ...amountSx }}>{euroReport(d.totals.opening)}</TableCell>
                    <TableCell sx={{ ...footSx, ...amountSx }} data-testid="provisions-dotations">{euroReport(d.totals.dotations)}</TableCell>
                    <TableCell sx={{ ...footSx, ...amountSx }} data-testid="provisions-reprises">{euroReport(d.totals.reprises)}</TableCell>
                    <TableCell sx={{ ...footSx, ...amountSx }} data-testid="provisions-total">{euroReport(d.totals.provision)}</TableCell>
                    <TableCell sx={footSx} />
                  </TableRow>
                </TableFooter>
              )}
            </Table>
          </TableContainer>
        )}
      </Paper>
    </>
  );
}
