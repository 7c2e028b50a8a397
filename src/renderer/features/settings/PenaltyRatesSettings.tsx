import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import type { RequestInput } from '../../../shared/contract';
import { formatDateShort } from '../../../shared/dates';
import { PenaltyRateSetRequest } from '../../../shared/domain/dunning';
import { Dec, formatPercent, normaliseDecimalText } from '../../../shared/money';
import { FormTextField } from '../../components/form/FormTextField';
import { applyServerErrors, errorMessage } from '../../components/form/serverErrors';
import { inputText } from '../../lib/amounts';
import { PageHeader } from '../../components/PageHeader';
import { yearOf } from '../../../shared/dates';
import { useToday } from '../../lib/today';
import { amountSx } from '../../lib/format';
import { usePenaltyRates, useSavePenaltyRate, type PenaltyRate } from '../dunning/api';

interface RateValues {
  period: string;
  ecbRate: string;
  legalRate: string;
  rate: string;
  confirmed: boolean;
}

const FIELDS = ['period', 'ecbRate', 'legalRate', 'rate'];

function toRequest(v: RateValues): RequestInput<'penalty.rates.set'> {
  return { period: v.period, ecbRate: v.ecbRate, legalRate: v.legalRate, ...(v.rate.trim() ? { rate: v.rate } : {}), confirmed: v.confirmed };
}

function dec(text: string): InstanceType<typeof Dec> | null {
  const t = normaliseDecimalText(text);
  return /^\d{1,3}(\.\d{1,4})?$/.test(t) ? new Dec(t) : null;
}

/** The schema of the main process, then the floor of the law: never below 3 × the legal interest rate. */
const resolver: Resolver<RateValues> = async (values) => {
  const errors: Record<string, { type: string; message: string }> = {};
  const parsed = PenaltyRateSetRequest.safeParse(toRequest(values));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'rate');
      errors[FIELDS.includes(key) ? key : 'rate'] ??= { type: 'validate', message: issue.message };
    }
  }
  const ecb = dec(values.ecbRate);
  const legal = dec(values.legalRate);
  const rate = values.rate.trim() ? dec(values.rate) : ecb?.plus(10) ?? null;
  if (legal && rate && rate.lt(legal.times(3))) errors.rate ??= { type: 'validate', message: `Au moins 3 fois le taux de l’intérêt légal : ${formatPercent(legal.times(3).toFixed())}.` };
  return Object.keys(errors).length > 0 ? { values: {}, errors: errors as never } : { values, errors: {} };
};

function nextPeriod(rows: PenaltyRate[], today: string): string {
  const last = [...rows].sort((a, b) => (a.period < b.period ? -1 : 1)).at(-1);
  if (!last) return `${yearOf(today)}-H1`;
  const [y, h] = last.period.split('-H').map(Number) as [number, number];
  return h === 1 ? `${y}-H2` : `${y + 1}-H1`;
}

function RateDialog({ initial, editing, onClose, onSaved }: { initial: RateValues; editing: boolean; onClose: () => void; onSaved: (message: string) => void }) {
  const save = useSavePenaltyRate();
  const [refusal, setRefusal] = useState<string | null>(null);
  const { control, handleSubmit, setError } = useForm<RateValues>({ resolver, defaultValues: initial, mode: 'onChange' });
  const [ecbRate, legalRate, rate] = useWatch({ control, name: ['ecbRate', 'legalRate', 'rate'] });
  const ecb = dec(ecbRate);
  const legal = dec(legalRate);
  const applied = rate.trim() ? dec(rate) : ecb?.plus(10) ?? null;

  const submit = handleSubmit(async (v) => {
    setRefusal(null);
    try {
      await save.mutateAsync(toRequest(v));
      onSaved(`Taux du semestre ${v.period.toUpperCase()} enregistré.`);
    } catch (err) {
      if (applyServerErrors(err, setError, FIELDS).length === 0) setRefusal(errorMessage(err));
    }
  });

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="rate-title">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <DialogTitle id="rate-title">{editing ? `Taux du semestre ${initial.period}` : 'Ajouter un semestre'}</DialogTitle>
        <DialogContent dividers>
          <DialogContentText sx={{ mb: 2 }}>
            Le taux des pénalités est celui de la BCE (refinancement) majoré de 10 points, sauf si vos conditions générales en prévoient un autre ; il ne peut être inférieur à 3 fois le taux de l’intérêt légal. Chaque jour de retard porte le taux de son semestre. En enregistrant, vous confirmez ces chiffres : ils ne sont plus marqués « non confirmé ».
          </DialogContentText>
          <Stack spacing={2}>
            <FormTextField control={control} name="period" label="Semestre" disabled={editing} helperText="AAAA-H1 (janvier à juin) ou AAAA-H2 (juillet à décembre)." />
            <FormTextField control={control} name="ecbRate" label="Taux de la BCE" slotProps={{ htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">%</InputAdornment> } }} />
            <FormTextField
              control={control}
              name="legalRate"
              label="Taux de l’intérêt légal (« autres cas »)"
              helperText={`Celui des créanciers professionnels, fixé par arrêté : le taux des intérêts dus par un particulier après mise en demeure.${legal ? ` Plancher des pénalités : ${formatPercent(legal.times(3).toFixed())}.` : ''}`}
              slotProps={{ htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">%</InputAdornment> } }}
            />
            <FormTextField
              control={control}
              name="rate"
              label="Taux des pénalités"
              placeholder={ecb ? inputText(ecb.plus(10).toFixed()) : ''}
              helperText={applied ? `Appliqué : ${formatPercent(applied.toFixed())}${rate.trim() ? '' : ' (BCE + 10 points)'}` : 'Vide : BCE + 10 points.'}
              slotProps={{ htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">%</InputAdornment> } }}
            />
          </Stack>
          {refusal && <Alert severity="error" sx={{ mt: 2 }}>{refusal}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Annuler</Button>
          <Button type="submit" variant="contained" loading={save.isPending}>
            Enregistrer
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Paramètres › Taux de pénalités: the table by half-year (ECB + 10 points, legal interest rate, floor). */
export function PenaltyRatesSettings() {
  const rates = usePenaltyRates();
  const today = useToday();
  const [editing, setEditing] = useState<{ values: RateValues; existing: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (rates.isLoading) return <CircularProgress aria-label="Chargement des taux" />;
  if (rates.error || !rates.data) return <Alert severity="error">{errorMessage(rates.error)}</Alert>;
  const rows = [...rates.data.rows].sort((a, b) => (a.period < b.period ? 1 : -1));
  const unconfirmed = rows.filter((r) => !r.confirmed).map((r) => r.period).sort();
  return (
    <>
      <PageHeader
        title="Taux des pénalités de retard"
        subtitle="Par semestre : le taux de la BCE en vigueur au 1er janvier ou au 1er juillet, majoré de 10 points (au moins 3 fois le taux de l’intérêt légal). Chaque jour de retard porte le taux de son semestre. Un particulier ne doit que l’intérêt légal du semestre, à compter de la mise en demeure."
        actions={
          <Button
            variant="outlined"
            startIcon={<AddIcon />}
            onClick={() => setEditing({ values: { period: nextPeriod(rates.data.rows, today), ecbRate: '', legalRate: '', rate: '', confirmed: true }, existing: false })}
          >
            Ajouter un semestre
          </Button>
        }
      />
      {unconfirmed.length > 0 && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="rates-unconfirmed">
          <strong>Non confirmé{unconfirmed.length > 1 ? 's' : ''} : {unconfirmed.join(', ')}.</strong> Ces chiffres sont supposés (le dernier taux publié, reconduit) tant que leur publication officielle n’est pas vérifiée ; Encours s’en sert en attendant. Vérifiez le taux de refinancement de la BCE en vigueur au premier jour du semestre et le taux de l’intérêt légal fixé par arrêté au Journal officiel, puis corrigez la ligne avec le crayon : vos chiffres remplacent ceux d’Encours.
        </Alert>
      )}
      <Paper>
        <Table size="small" aria-label="Taux des pénalités par semestre">
          <TableHead>
            <TableRow>
              <TableCell>Semestre</TableCell>
              <TableCell>Période</TableCell>
              <TableCell sx={amountSx}>Taux BCE</TableCell>
              <TableCell sx={amountSx}>Taux des pénalités</TableCell>
              <TableCell sx={amountSx}>Intérêt légal (autres cas)</TableCell>
              <TableCell sx={amountSx}>Plancher (3 ×)</TableCell>
              <TableCell>Source</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.period} hover data-testid="rate-row" sx={r.confirmed ? undefined : { bgcolor: 'rgba(237, 108, 2, 0.06)' }}>
                <TableCell sx={{ fontWeight: 600 }}>{r.period}</TableCell>
                <TableCell>
                  du {formatDateShort(r.from)} au {formatDateShort(r.to)}
                </TableCell>
                <TableCell sx={amountSx}>{formatPercent(r.ecbRate)}</TableCell>
                <TableCell sx={{ ...amountSx, fontWeight: 600 }}>{formatPercent(r.rate)}</TableCell>
                <TableCell sx={amountSx}>{formatPercent(r.legalRate)}</TableCell>
                <TableCell sx={amountSx}>{formatPercent(r.floor)}</TableCell>
                <TableCell>
                  <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
                    {r.custom && <Chip size="small" label="Saisi par vous" variant="outlined" color="primary" />}
                    {!r.confirmed && <Chip size="small" label="Non confirmé, à vérifier" variant="outlined" color="warning" />}
                    {r.confirmed && !r.custom && <Chip size="small" label="Publié" variant="outlined" />}
                  </Box>
                </TableCell>
                <TableCell align="right">
                  <IconButton
                    size="small"
                    aria-label={`Modifier ${r.period}`}
                    onClick={() => setEditing({ values: { period: r.period, ecbRate: inputText(r.ecbRate), legalRate: inputText(r.legalRate), rate: inputText(r.rate), confirmed: true }, existing: true })}
                  >
                    <EditIcon fontSize="small" />
                  </IconButton>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
        Sources : taux des opérations principales de refinancement de la BCE au 1er janvier et au 1er juillet ; taux de l’intérêt légal fixé chaque semestre par arrêté. Un taux saisi par vous s’applique aux jours de retard de ce semestre, dans les calculs comme dans les lettres.
      </Typography>
      {editing && (
        <RateDialog
          initial={editing.values}
          editing={editing.existing}
          onClose={() => setEditing(null)}
          onSaved={(m) => {
            setEditing(null);
            setNotice(m);
          }}
        />
      )}
      <Snackbar open={notice !== null} autoHideDuration={5000} onClose={() => setNotice(null)} message={notice} />
    </>
  );
}
