import DownloadIcon from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { useMutation, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { addMonths, daysInMonth, formatDateLong } from '../../../shared/dates';
import { formatPercent } from '../../../shared/money';
import { errorMessage } from '../../components/form/serverErrors';
import { useToday } from '../../lib/today';
import { PageHeader } from '../../components/PageHeader';
import { call } from '../../lib/ipc';
import { amountSx, euroReport } from '../../lib/format';
import { receivablesKey } from '../invoices/api';
import { downloadFile } from '../../components/pdf/pdf';

const footSx = { fontWeight: 700, color: 'text.primary', fontSize: '0.875rem', borderTop: 2, borderColor: 'divider', bgcolor: 'grey.50' } as const;

type Preset = 'month' | 'previousMonth' | 'quarter' | 'year';

/** The period of a preset around `today`: the VAT return is monthly (réel normal) or yearly (réel simplifié). */
function periodOf(preset: Preset, today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const monthEnd = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
  switch (preset) {
    case 'month':
      return { from: `${today.slice(0, 7)}-01`, to: monthEnd(y, m) };
    case 'previousMonth': {
      const p = addMonths(`${today.slice(0, 7)}-01`, -1);
      const [py, pm] = p.split('-').map(Number) as [number, number];
      return { from: p, to: monthEnd(py, pm) };
    }
    case 'quarter': {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: `${y}-${String(first).padStart(2, '0')}-01`, to: monthEnd(y, first + 2) };
    }
    case 'year':
      return { from: `${y}-01-01`, to: `${y}-12-31` };
  }
}

/**
 * TVA: what the period's invoices, receipts and credit notes made collectible, rate by rate, the VAT still
 * waiting for a receipt (services under VAT on receipts), and what else moved on 44571 (write-off
 * regularisations). The figures the owner (or the accountant) carries to the VAT return.
 */
export function VatReportPage() {
  const [params, setParams] = useSearchParams();
  const today = useToday();
  const fallback = periodOf('previousMonth', today);
  const from = params.get('du') ?? fallback.from;
  const to = params.get('au') ?? fallback.to;
  const invalid = to < from;
  const q = useQuery({ queryKey: [...receivablesKey, 'vat', from, to], queryFn: () => call('report.vat', { from, to }), enabled: !invalid });
  const d = q.data;
  const preset = (['month', 'previousMonth', 'quarter', 'year'] as const).find((p) => {
    const r = periodOf(p, today);
    return r.from === from && r.to === to;
  });
  // The receipts under VAT on receipts (status « Encaissée » for the platform), as CSV for the period.
  const receipts = useMutation({
    mutationFn: () => call('report.vatReceipts', { from, to }),
    onSuccess: (r) => downloadFile(r.csv, `Encaissements TVA ${from} au ${to}.csv`, 'text/csv;charset=utf-8'),
  });
  const setPeriod = (r: { from: string; to: string }) => setParams({ du: r.from, au: r.to }, { replace: true });
  const setDate = (key: 'du' | 'au', v: dayjs.Dayjs | null) => {
    if (v && v.isValid() && v.year() >= 1900) setPeriod({ from: key === 'du' ? v.format('YYYY-MM-DD') : from, to: key === 'au' ? v.format('YYYY-MM-DD') : to });
  };

  return (
    <>
      <PageHeader
        title="TVA"
        subtitle="La TVA que vos ventes de la période rendent exigible, taux par taux, celle qui attend encore un encaissement, et les régularisations (créances passées en perte). Ce sont les montants de votre déclaration de TVA."
        actions={
          <Button
            variant="outlined"
            startIcon={<DownloadIcon />}
            onClick={() => receipts.mutate()}
            loading={receipts.isPending}
            disabled={invalid}
            title="Prestations de services sous TVA sur les encaissements : chaque encaissement de la période, par facture et par taux (statut « Encaissée » pour la plateforme agréée)"
          >
            Encaissements de la période (CSV)
          </Button>
        }
      />
      {receipts.error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(receipts.error)}</Alert>}
      <Paper sx={{ p: 2, mb: 2, display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <ToggleButtonGroup size="small" exclusive value={preset ?? null} onChange={(_, p: Preset | null) => p && setPeriod(periodOf(p, today))} aria-label="Période">
          <ToggleButton value="previousMonth">Mois dernier</ToggleButton>
          <ToggleButton value="month">Ce mois-ci</ToggleButton>
          <ToggleButton value="quarter">Ce trimestre</ToggleButton>
          <ToggleButton value="year">Cette année</ToggleButton>
        </ToggleButtonGroup>
        <DatePicker label="Du" value={dayjs(from)} onChange={(v) => setDate('du', v)} slotProps={{ textField: { size: 'small', sx: { width: 170 } } }} />
        <DatePicker
          label="Au"
          value={dayjs(to)}
          onChange={(v) => setDate('au', v)}
          slotProps={{ textField: { size: 'small', sx: { width: 170 }, error: invalid, helperText: invalid ? 'La fin précède le début.' : undefined } }}
        />
      </Paper>
      {q.error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(q.error)}</Alert>}
      <Paper sx={{ mb: 2 }}>
        {q.isFetching && <LinearProgress aria-label="Calcul de la TVA" />}
        <Typography variant="h2" sx={{ p: 2, pb: 0 }}>
          TVA collectée du {formatDateLong(from)} au {formatDateLong(to)}
        </Typography>
        <TableContainer>
          <Table size="small" aria-label="TVA collectée par taux">
            <TableHead>
              <TableRow>
                <TableCell>Taux</TableCell>
                <TableCell sx={amountSx}>Base hors taxe</TableCell>
                <TableCell sx={amountSx}>TVA exigible</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {d && d.collected.length === 0 && d.regularisations.length === 0 && (
                <TableRow>
                  <TableCell colSpan={3} sx={{ color: 'text.secondary' }}>
                    Aucune TVA exigible sur cette période.
                  </TableCell>
                </TableRow>
              )}
              {(d?.collected ?? []).map((r) => (
                <TableRow key={r.rate} data-testid="vat-rate-row">
                  <TableCell>{formatPercent(r.rate)}</TableCell>
                  <TableCell sx={amountSx}>{euroReport(r.base)}</TableCell>
                  <TableCell sx={amountSx}>{euroReport(r.vat)}</TableCell>
                </TableRow>
              ))}
              {(d?.regularisations ?? []).map((r) => (
                <TableRow key={r.label}>
                  <TableCell colSpan={2}>{r.label}</TableCell>
                  <TableCell sx={amountSx}>{euroReport(r.vat)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
            {d && (
              <TableFooter>
                <TableRow>
                  <TableCell sx={footSx} colSpan={2}>
                    Mouvement du compte 44571 (TVA collectée)
                  </TableCell>
                  <TableCell sx={{ ...footSx, ...amountSx }} data-testid="vat-total">
                    {euroReport(d.total)}
                  </TableCell>
                </TableRow>
              </TableFooter>
            )}
          </Table>
        </TableContainer>
      </Paper>
      {d && (
        <Paper sx={{ p: 2 }}>
          <Typography variant="body1">
            TVA en attente d’encaissement au {formatDateLong(to)} (compte 44574) : <strong data-testid="vat-pending">{euroReport(d.pending)}</strong>
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            Pour les prestations de services, la TVA n’est due qu’à l’encaissement (sauf option pour les débits) : elle passera dans la TVA exigible de la période où vos clients paieront.
          </Typography>
        </Paper>
      )}
    </>
  );
}
