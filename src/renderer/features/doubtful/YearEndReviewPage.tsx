import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useDeferredValue, useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import type { RequestInput } from '../../../shared/contract';
import { formatDateShort, isValidIsoDate } from '../../../shared/dates';
import { formatEuro, formatPercent, toCents } from '../../../shared/money';
import { FormDateField } from '../../components/form/FormDateField';
import { FormTextField } from '../../components/form/FormTextField';
import { errorMessage } from '../../components/form/serverErrors';
import { useToday } from '../../lib/today';
import { PageHeader } from '../../components/PageHeader';
import { amountSx } from '../../lib/format';
import { useAccountBook } from '../../components/accountBook';
import { useDoubtfulList, usePreview, useProvisions, type DoubtfulRow } from './api';
import { PreviewPanel } from './ClassifyWizard';
import { DoubtfulTabs, StepIntro } from './common';
import { PercentText, percentValue } from './percent';

const Row = z.object({ invoiceId: z.number(), riskPercent: PercentText, insuredPercent: PercentText, justification: z.string().max(2000, 'Au plus 2 000 caractères.') });
const Values = z.object({ date: z.string().refine((v) => isValidIsoDate(v), 'Indiquez la date de la revue.'), rows: z.array(Row) });
type Values = z.infer<typeof Values>;

/** « Revue de fin d'exercice »: every doubtful invoice re-estimated in one pass, the variations posted in one confirmation. */
export function YearEndReviewPage() {
  const list = useDoubtfulList(useToday());
  return (
    <>
      <PageHeader
        title="Revue de fin d’exercice"
        subtitle="À la clôture, chaque dépréciation doit reposer sur la situation connue à cette date : revoyez le risque de chaque créance douteuse, facture par facture."
      />
      <DoubtfulTabs>
        {list.isLoading && <LinearProgress aria-label="Chargement" />}
        {list.error && <Alert severity="error">{errorMessage(list.error)}</Alert>}
        {list.data && list.data.rows.length === 0 && <Alert severity="info">Aucune créance douteuse en cours : rien à revoir.</Alert>}
        {list.data && list.data.rows.length > 0 && <Review rows={list.data.rows} />}
      </DoubtfulTabs>
    </>
  );
}

function Review({ rows }: { rows: DoubtfulRow[] }) {
  const today = useToday();
  const book = useAccountBook();
  const post = useProvisions();
  const form = useForm<Values>({
    resolver: zodResolver(Values),
    mode: 'onChange',
    defaultValues: {
      date: today,
      rows: rows.map((r) => ({ invoiceId: r.invoiceId, riskPercent: r.lastEstimate?.riskPercent ?? '', insuredPercent: r.lastEstimate?.insuredPercent ?? '0', justification: r.lastEstimate?.justification ?? '' })),
    },
  });
  const v = useWatch({ control: form.control }) as Partial<Values>;
  const ok = Values.safeParse(v).success;
  const reqs = (x: Partial<Values>): RequestInput<'doubtful.provision'>[] =>
    (x.rows ?? []).map((r) => ({
      invoiceId: r.invoiceId as number,
      date: x.date as string,
      riskPercent: percentValue(r.riskPercent ?? ''),
      insuredPercent: percentValue(r.insuredPercent ?? ''),
      ...(r.justification?.trim() ? { justification: r.justification.trim() } : {}),
    }));
  const previewReq = useDeferredValue(ok ? { provisions: reqs(v) } : null);
  const preview = usePreview(previewReq);
  const [confirm, setConfirm] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    const fe = (preview.error as { fieldErrors?: Record<string, string> } | null)?.fieldErrors;
    for (const [k, msg] of Object.entries(fe ?? {})) {
      const m = /^provisions\.(\d+)\.(riskPercent|insuredPercent)$/.exec(k);
      if (m) form.setError(`rows.${Number(m[1])}.${m[2] as 'riskPercent'}`, { type: 'server', message: msg });
    }
  }, [preview.error, form]);

  const provisions = preview.data?.provisions ?? [];
  const dotations = provisions.reduce((s, p) => (toCents(p.delta) > 0n ? s + toCents(p.delta) : s), 0n);
  const reprises = provisions.reduce((s, p) => (toCents(p.delta) < 0n ? s - toCents(p.delta) : s), 0n);

  const submit = async () => {
    setConfirm(false);
    try {
      const r = await post.mutateAsync(reqs(form.getValues()));
      const written = r.filter((x) => x.entryId !== null).length;
      setDone(`${r.length} estimation${r.length > 1 ? 's' : ''} enregistrée${r.length > 1 ? 's' : ''}, ${written} écriture${written > 1 ? 's' : ''} passée${written > 1 ? 's' : ''} : dotations ${formatEuro(dotations)}, reprises ${formatEuro(reprises)}.`);
    } catch {
      // The error is shown under the table (post.error).
    }
  };

  if (done) {
    return (
      <Paper sx={{ p: 3 }} data-testid="review-result">
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2 }}>
          <CheckCircleIcon color="success" />
          <Typography variant="h3">{done}</Typography>
        </Stack>
        <Stack direction="row" spacing={1}>
          <Button variant="contained" component={Link} to="/rapports/provisions">
            Voir l’état des provisions
          </Button>
          <Button component={Link} to="/rapports/journal?journal=OD">
            Ouvrir le journal
          </Button>
        </Stack>
      </Paper>
    );
  }

  return (
    <Stack spacing={2}>
      <StepIntro>
        Pour chaque créance, indiquez le risque de perte et la part assurée à la date de la revue, avec ce qui le justifie. Seules les variations sont écrites : une dotation si le risque augmente, une reprise s’il diminue, rien s’il est inchangé.
      </StepIntro>
      <Paper sx={{ p: 2 }}>
        <Box sx={{ width: 220, mb: 2 }}>
          <FormDateField name="date" control={form.control} label="Date de la revue" helperText="En général, la date de clôture." />
        </Box>
        <TableContainer>
          <Table size="small" aria-label="Revue des dépréciations">
            <TableHead>
              <TableRow>
                <TableCell>Facture</TableCell>
                <TableCell sx={amountSx}>HT restant</TableCell>
                <TableCell sx={amountSx}>Dépréciation actuelle</TableCell>
                <TableCell>Dernière estimation</TableCell>
                <TableCell>Risque %</TableCell>
                <TableCell>Assuré %</TableCell>
                <TableCell sx={{ minWidth: 220 }}>Justification</TableCell>
                <TableCell sx={amountSx}>Nouvelle</TableCell>
                <TableCell sx={amountSx}>Variation</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r, i) => {
                const p = provisions.find((x) => x.invoiceId === r.invoiceId);
                const d = p ? toCents(p.delta) : 0n;
                return (
                  <TableRow key={r.invoiceId} sx={{ verticalAlign: 'top' }} data-testid={`review-${r.invoiceId}`}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {r.number}
                      <Typography variant="caption" color="text.secondary" component="p">
                        {r.customerName}
                      </Typography>
                    </TableCell>
                    <TableCell sx={amountSx}>{formatEuro(r.outstandingHt)}</TableCell>
                    <TableCell sx={amountSx}>{formatEuro(r.provision)}</TableCell>
                    <TableCell>{r.lastEstimate ? `${formatPercent(r.lastEstimate.riskPercent)} le ${formatDateShort(r.lastEstimate.date)}` : 'Aucune'}</TableCell>
                    <TableCell sx={{ width: 110 }}>
                      <FormTextField name={`rows.${i}.riskPercent`} control={form.control} size="small" slotProps={{ htmlInput: { inputMode: 'decimal', 'aria-label': `Risque % ${r.number}` } }} />
                    </TableCell>
                    <TableCell sx={{ width: 110 }}>
                      <FormTextField name={`rows.${i}.insuredPercent`} control={form.control} size="small" slotProps={{ htmlInput: { inputMode: 'decimal', 'aria-label': `Assuré % ${r.number}` } }} />
                    </TableCell>
                    <TableCell>
                      <FormTextField name={`rows.${i}.justification`} control={form.control} size="small" fullWidth slotProps={{ htmlInput: { 'aria-label': `Justification ${r.number}` } }} />
                    </TableCell>
                    <TableCell sx={amountSx}>{p ? formatEuro(p.target) : ''}</TableCell>
                    <TableCell sx={{ ...amountSx, color: d > 0n ? 'error.main' : d < 0n ? 'success.main' : 'text.secondary' }}>
                      {p ? (d === 0n ? 'inchangée' : d > 0n ? `+${formatEuro(d)}` : `−${formatEuro(-d)}`) : ''}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
        <Stack direction="row" spacing={3} sx={{ mt: 2, alignItems: 'center' }}>
          <Typography data-testid="review-dotations">Dotations : <b>{formatEuro(dotations)}</b></Typography>
          <Typography data-testid="review-reprises">Reprises : <b>{formatEuro(reprises)}</b></Typography>
          <Box sx={{ flex: 1 }} />
          <Button variant="contained" disabled={!ok || !preview.data || preview.isFetching || Boolean(preview.error) || post.isPending} onClick={() => setConfirm(true)}>
            Enregistrer la revue
          </Button>
        </Stack>
        {post.error && <Alert severity="error" sx={{ mt: 2 }}>{errorMessage(post.error)}</Alert>}
      </Paper>
      <PreviewPanel preview={preview} book={book} kinds={['provision']} title="Ce que la revue écrit dans vos comptes" empty={ok ? 'Aucune variation : la revue ne fait que garder les estimations.' : 'Complétez les taux pour voir les écritures.'} />
      <Dialog open={confirm} onClose={() => setConfirm(false)} aria-labelledby="review-confirm">
        <DialogTitle id="review-confirm">Enregistrer la revue de fin d’exercice</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {rows.length} estimation{rows.length > 1 ? 's' : ''} seront gardées ; les écritures de dotation ({formatEuro(dotations)}) et de reprise ({formatEuro(reprises)}) seront validées dans le journal OD et ne pourront plus être supprimées.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(false)}>Annuler</Button>
          <Button variant="contained" onClick={() => void submit()} autoFocus>
            Confirmer
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
