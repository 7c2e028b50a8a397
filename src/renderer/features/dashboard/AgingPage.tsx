import HourglassBottomIcon from '@mui/icons-material/HourglassBottom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import dayjs from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router';
import { formatDateLong } from '../../../shared/dates';
import { parseAmount } from '../../../shared/money';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/form/serverErrors';
import { useToday } from '../../lib/today';
import { PageHeader } from '../../components/PageHeader';
import { amountSx, euroReport } from '../../lib/format';
import { AgingChart, bucketColor } from './AgingChart';
import { useAging } from './api';

const PRESETS: Record<string, number[]> = {
  '30-60-90': [30, 60, 90],
  '15-30-60': [15, 30, 60],
  '30-60-90-180': [30, 60, 90, 180],
  '60-120': [60, 120],
};

const footSx = { fontWeight: 700, color: 'text.primary', fontSize: '0.875rem', borderTop: 2, borderColor: 'divider', bgcolor: 'grey.50' } as const;
const blankZero = (v: string) => (parseAmount(v)?.isZero() ? '' : euroReport(v));

/** Balance âgée: at any date, what each customer owes, not yet due and late by bucket of days. */
export function AgingPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const today = useToday();
  const asOf = params.get('au') ?? today;
  const preset = PRESETS[params.get('tranches') ?? ''] ? (params.get('tranches') as string) : '30-60-90';
  const { data, isLoading, isFetching, error } = useAging({ asOf, buckets: PRESETS[preset] });
  const set = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const rows = data?.rows ?? [];
  const labels = data?.bucketLabels ?? [];

  return (
    <>
      <PageHeader
        title="Balance âgée"
        subtitle="Ce que chaque client vous doit à une date, réparti selon l’ancienneté du retard : le non échu, puis les retards par tranche de jours après l’échéance. Cliquez sur un client pour voir son compte."
      />
      <Paper sx={{ p: 2, mb: 2 }}>
        <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <DatePicker
            label="Au"
            value={dayjs(asOf)}
            onChange={(d) => d && d.isValid() && d.year() >= 1900 && set('au', d.format('YYYY-MM-DD'))}
            slotProps={{ textField: { size: 'small', sx: { width: 190 }, helperText: 'Une date passée : ce qui était connu alors.' } }}
          />
          <TextField select label="Tranches de retard" value={preset} onChange={(e) => set('tranches', e.target.value)} sx={{ width: 230 }} fullWidth={false}>
            {Object.entries(PRESETS).map(([k, b]) => (
              <MenuItem key={k} value={k}>
                {b.join(', ')} jours
              </MenuItem>
            ))}
          </TextField>
        </Stack>
      </Paper>
      {error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(error)}</Alert>}
      {!isLoading && data && rows.length === 0 ? (
        <Paper>
          <EmptyState icon={<HourglassBottomIcon fontSize="inherit" />} title={`Aucune créance au ${formatDateLong(asOf)}`}>
            À cette date, aucun client ne vous devait rien : toutes les factures validées étaient réglées ou créditées. Choisissez une autre date, ou validez vos factures.
          </EmptyState>
        </Paper>
      ) : (
        <>
          <Paper component="section" aria-label="Graphique de la balance âgée" sx={{ p: 2, mb: 2 }}>
            {data ? <AgingChart aging={data} max={12} /> : <LinearProgress aria-label="Calcul de la balance âgée" />}
            {rows.length > 12 && (
              <Typography variant="caption" color="text.secondary">
                Le graphique montre les 12 plus gros encours ; le tableau les montre tous.
              </Typography>
            )}
          </Paper>
          <Paper>
            {isFetching && <LinearProgress aria-label="Calcul de la balance âgée" />}
            <TableContainer sx={{ maxHeight: 'calc(100vh - 260px)' }}>
              <Table stickyHeader size="small" aria-label="Balance âgée par client">
                <TableHead>
                  <TableRow>
                    <TableCell>Client</TableCell>
                    <TableCell sx={amountSx}>Non échu</TableCell>
                    {labels.map((l, i) => (
                      <TableCell key={l} sx={amountSx}>
                        <Box component="span" sx={{ display: 'inline-block', width: 10, height: 10, borderRadius: '2px', bgcolor: bucketColor(i, labels.length), mr: 0.75 }} aria-hidden />
                        Retard {l}
                      </TableCell>
                    ))}
                    <TableCell sx={amountSx}>Total dû</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map((r) => (
                    <TableRow
                      key={r.customerId}
                      hover
                      tabIndex={0}
                      sx={{ cursor: 'pointer' }}
                      onClick={() => void navigate(`/clients/${r.customerId}`)}
                      onKeyDown={(e) => e.key === 'Enter' && void navigate(`/clients/${r.customerId}`)}
                      data-testid="aging-row"
                    >
                      <TableCell>
                        <Box component="span" sx={{ fontWeight: 600, mr: 1 }}>
                          {r.code}
                        </Box>
                        {r.name}
                      </TableCell>
                      <TableCell sx={amountSx}>{blankZero(r.notDue)}</TableCell>
                      {r.buckets.map((b, i) => (
                        <TableCell key={i} sx={amountSx}>
                          {blankZero(b)}
                        </TableCell>
                      ))}
                      <TableCell sx={{ ...amountSx, fontWeight: 600 }}>{euroReport(r.total)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
                {data && rows.length > 0 && (
                  <TableFooter sx={{ position: 'sticky', bottom: 0 }}>
                    <TableRow>
                      <TableCell sx={footSx}>Total</TableCell>
                      <TableCell sx={{ ...footSx, ...amountSx }} data-testid="aging-total-notdue">
                        {euroReport(data.totals.notDue)}
                      </TableCell>
                      {data.totals.buckets.map((b, i) => (
                        <TableCell key={i} sx={{ ...footSx, ...amountSx }} data-testid={`aging-total-bucket-${i}`}>
                          {euroReport(b)}
                        </TableCell>
                      ))}
                      <TableCell sx={{ ...footSx, ...amountSx }} data-testid="aging-total">
                        {euroReport(data.totals.total)}
                      </TableCell>
                    </TableRow>
                  </TableFooter>
                )}
              </Table>
            </TableContainer>
          </Paper>
        </>
      )}
    </>
  );
}
