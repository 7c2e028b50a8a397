import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import CircularProgress from '@mui/material/CircularProgress';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MuiLink from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQueries } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import type { RequestInput } from '../../../shared/contract';
import { daysBetween, formatDateShort, isValidIsoDate } from '../../../shared/dates';
import { prorata } from '../../../shared/invoice-math';
import { centsToString, formatEuro, toCents } from '../../../shared/money';
import { EntryPreview } from '../../components/EntryPreview';
import { FormDateField } from '../../components/form/FormDateField';
import { FormTextField } from '../../components/form/FormTextField';
import { errorMessage } from '../../components/form/serverErrors';
import { useToday } from '../../lib/today';
import { PageHeader } from '../../components/PageHeader';
import { call } from '../../lib/ipc';
import { amountSx } from '../../lib/format';
import { useAccountBook } from '../../components/accountBook';
import { receivablesKey, useInvoicesById, useRefreshAfterPosting } from '../invoices/api';
import { EntryDetailDialog } from '../ledger/EntryDetailDialog';
import { useCandidates, usePreview } from './api';
import { previewEntries, REASON_LABELS, StepIntro } from './common';
import { EvidencePanel, type PendingEvidence } from './EvidencePanel';
import { SignalChips } from './CandidatesPage';
import { PercentText, percentShown, percentValue } from './percent';
import { WizardSteps } from '../../components/WizardSteps';

const STEPS = ['Factures', 'Qualification', 'Reclassement', 'Dépréciation', 'Confirmation'];

const WHY = [
  'Choisissez les factures dont le paiement devient incertain. Un retard seul ne suffit pas : retenez celles pour lesquelles un événement montre un risque réel.',
  'Dites pourquoi la créance est douteuse (ou contestée) et rassemblez les pièces qui le prouvent. Ce sont elles qui rendront la dépréciation déductible en cas de contrôle.',
  'La créance passe du compte client ordinaire (411) au compte « clients douteux » (416), pour son montant TTC restant dû. Cela n’a aucun effet sur le résultat ni sur la TVA : le client vous doit toujours la même somme.',
  'Estimez, facture par facture, la part que vous risquez de perdre et celle couverte par une assurance-crédit. La dépréciation porte sur le montant hors taxe : la TVA n’est jamais dépréciée, elle se récupère quand la perte devient certaine.',
  'Relisez ce qui va être écrit dans vos comptes. Rien n’a encore été enregistré : le bouton ci-dessous passe toutes ces écritures en une fois.',
];

const Estimate = z.object({ invoiceId: z.number(), riskPercent: PercentText, insuredPercent: PercentText, justification: z.string().max(2000, 'Au plus 2 000 caractères.') });
const Values = z.object({
  reason: z.enum(['doubtful', 'disputed']),
  date: z.string().refine((v) => isValidIsoDate(v), 'Indiquez la date du classement.'),
  note: z.string().max(2000, 'Au plus 2 000 caractères.'),
  estimates: z.array(Estimate),
});
type Values = z.infer<typeof Values>;

interface Choice {
  invoiceId: number;
  number: string;
  customerName: string;
  outstanding: string;
  daysOverdue: number;
  signals?: Parameters<typeof SignalChips>[0]['s'];
}

/** Wizard path 1: choose → qualify → 411 → 416 → provision → confirm; nothing is written before the end. */
export function ClassifyWizard() {
  const [params] = useSearchParams();
  const preselected = useMemo(() => (params.get('factures') ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0), [params]);
  const prefillRisk = params.get('risque') ?? '';
  const today = useToday();
  const book = useAccountBook();
  const refresh = useRefreshAfterPosting();
  const [step, setStep] = useState(0);
  const [selected, setSelected] = useState<number[]>(preselected);
  const [pending, setPending] = useState<PendingEvidence[]>([]);
  const [posting, setPosting] = useState(false);
  const [postError, setPostError] = useState<string | null>(null);
  const [result, setResult] = useState<{ count: number; entries: { label: string; id: number }[]; moved: string; provisioned: string } | null>(null);
  const [entryShown, setEntryShown] = useState<number | null>(null);

  const candidates = useCandidates(today, 0);
  const extra = useInvoicesById(preselected.filter((id) => !(candidates.data?.rows ?? []).some((r) => r.invoiceId === id)));
  const choices: Choice[] = [
    ...(candidates.data?.rows ?? []).map((r) => ({ invoiceId: r.invoiceId, number: r.number, customerName: r.customerName, outstanding: r.outstanding, daysOverdue: r.daysOverdue, signals: r.signals })),
    ...extra
      .map((q) => q.data)
      .filter((inv): inv is NonNullable<typeof inv> => Boolean(inv && inv.status !== 'doubtful' && inv.status !== 'written_off' && toCents(inv.outstanding) > 0n))
      .map((inv) => ({ invoiceId: inv.id, number: inv.number ?? '', customerName: inv.customerName, outstanding: inv.outstanding, daysOverdue: Math.max(0, daysBetween(inv.dueDate, today)) })),
  ];
  const chosen = choices.filter((c) => selected.includes(c.invoiceId));
  const full = useInvoicesById(chosen.map((c) => c.invoiceId));
  const evidence = useQueries({
    queries: chosen.map((c) => ({ queryKey: [...receivablesKey, 'doubtful', 'evidence', c.invoiceId], queryFn: () => call('evidence.list', { invoiceId: c.invoiceId }) })),
  });

  const form = useForm<Values>({
    resolver: zodResolver(Values),
    defaultValues: { reason: 'doubtful', date: today, note: '', estimates: [] },
    mode: 'onChange',
  });
  const { control, trigger, getValues, setValue, setError, clearErrors } = form;
  const values = useWatch({ control }) as Partial<Values>;

  // The estimates follow the selection: what was typed for an invoice is kept when going back.
  const syncEstimates = () => {
    const current = getValues('estimates');
    setValue('estimates', chosen.map((c) => current.find((e) => e.invoiceId === c.invoiceId) ?? { invoiceId: c.invoiceId, riskPercent: prefillRisk, insuredPercent: '0', justification: '' }));
  };

  const classifyReq = (v: Partial<Values>): RequestInput<'doubtful.classify'> => ({
    invoiceIds: chosen.map((c) => c.invoiceId),
    date: v.date ?? today,
    reason: v.reason ?? 'doubtful',
    ...(v.note?.trim() ? { note: v.note.trim() } : {}),
  });
  const estimates = (values.estimates ?? []) as Values['estimates'];
  const estimatesOk = estimates.length === chosen.length && estimates.every((e) => Estimate.safeParse(e).success);
  const provisionReqs = (v: Partial<Values>): RequestInput<'doubtful.provision'>[] =>
    ((v.estimates ?? []) as Values['estimates']).map((e) => ({
      invoiceId: e.invoiceId,
      date: v.date ?? today,
      riskPercent: percentValue(e.riskPercent),
      insuredPercent: percentValue(e.insuredPercent),
      ...(e.justification.trim() ? { justification: e.justification.trim() } : {}),
    }));
  const previewRequest = useDeferredValue(
    step >= 2 && chosen.length > 0 && isValidIsoDate(values.date ?? '')
      ? { classify: classifyReq(values), ...(step >= 3 && estimatesOk ? { provisions: provisionReqs(values) } : {}) }
      : null,
  );
  const preview = usePreview(previewRequest);

  // A refusal of the main process on an estimate goes under its field.
  useEffect(() => {
    const fe = (preview.error as { fieldErrors?: Record<string, string> } | null)?.fieldErrors;
    if (!fe) return;
    for (const [k, msg] of Object.entries(fe)) {
      const m = /^provisions\.(\d+)\.(riskPercent|insuredPercent|justification)$/.exec(k);
      if (m) setError(`estimates.${Number(m[1])}.${m[2] as 'riskPercent'}`, { type: 'server', message: msg });
      if (k === 'date') setError('date', { type: 'server', message: msg });
    }
  }, [preview.error, setError]);

  const next = async () => {
    if (step === 0) {
      if (chosen.length === 0) return;
      syncEstimates();
    }
    if (step === 1 && !(await trigger(['reason', 'date', 'note']))) return;
    if (step === 3) {
      clearErrors('estimates');
      if (!(await trigger('estimates'))) return;
      if (preview.isFetching || preview.error) return;
    }
    setStep((s) => s + 1);
  };

  const submit = async () => {
    setPosting(true);
    setPostError(null);
    try {
      const v = getValues();
      // The pieces are kept first (they are documents, not entries); then the classification and the
      // provisions are posted in one transaction: all, or none if one is refused.
      for (const e of pending) await call('evidence.add', e);
      setPending([]);
      const done = await call('doubtful.apply', { classify: classifyReq(v), provisions: provisionReqs(v) });
      const numberOf = (invoiceId: number) => chosen.find((c) => c.invoiceId === invoiceId)?.number ?? '';
      const entries = done.classified.map((e) => ({ label: `Classement ${numberOf(e.invoiceId)}`, id: e.entryId }));
      let provisioned = 0n;
      for (const p of done.provisions) {
        provisioned += toCents(p.delta);
        if (p.entryId !== null) entries.push({ label: `Dépréciation ${numberOf(p.invoiceId)}`, id: p.entryId });
      }
      const moved = done.classified.reduce((s, e) => s + toCents(e.amount), 0n);
      setResult({ count: done.classified.length, entries, moved: centsToString(moved), provisioned: centsToString(provisioned) });
    } catch (err) {
      setPostError(errorMessage(err));
    } finally {
      setPosting(false);
      await refresh();
    }
  };

  const htOf = (invoiceId: number, outstanding: string) => {
    const inv = full.find((q) => q.data?.id === invoiceId)?.data;
    return inv ? centsToString(prorata(toCents(outstanding), toCents(inv.totals.net), toCents(inv.totals.gross))) : null;
  };
  const provisionOf = (invoiceId: number) => preview.data?.provisions.find((p) => p.invoiceId === invoiceId);
  const totalTarget = (preview.data?.provisions ?? []).reduce((s, p) => s + toCents(p.delta), 0n);
  const totalMoved = chosen.reduce((s, c) => s + toCents(c.outstanding), 0n);

  if (result) {
    return (
      <>
        <PageHeader title="Créances classées en douteuses" />
        <Paper sx={{ p: 3 }} data-testid="wizard-result">
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2 }}>
            <CheckCircleIcon color="success" />
            <Typography variant="h3">
              {result.count} facture{result.count > 1 ? 's' : ''} classée{result.count > 1 ? 's' : ''} : {formatEuro(result.moved)} passés en clients douteux, {formatEuro(result.provisioned)} de dépréciation.
            </Typography>
          </Stack>
          <Typography variant="body2" sx={{ mb: 1 }}>
            Les écritures passées dans le journal des opérations diverses (OD) :
          </Typography>
          <Stack spacing={0.5} sx={{ mb: 2 }}>
            {result.entries.map((e) => (
              <MuiLink key={e.id} component="button" onClick={() => setEntryShown(e.id)} sx={{ textAlign: 'left' }}>
                {e.label} — voir l’écriture
              </MuiLink>
            ))}
          </Stack>
          <Stack direction="row" spacing={1}>
            <Button variant="contained" component={Link} to="/creances-douteuses/en-cours">
              Voir les créances douteuses
            </Button>
            <Button component={Link} to="/rapports/journal?journal=OD">
              Ouvrir le journal
            </Button>
          </Stack>
        </Paper>
        <EntryDetailDialog entryId={entryShown} onClose={() => setEntryShown(null)} />
      </>
    );
  }

  return (
    <>
      <PageHeader title="Classer en créance douteuse" subtitle="Un assistant en cinq étapes : rien n’est écrit dans vos comptes avant la dernière." />
      <Paper sx={{ p: 3 }}>
        <WizardSteps steps={STEPS} active={step} label="Étapes du classement" />
        <StepIntro>{WHY[step]}</StepIntro>

        {step === 0 && (
          <>
            {candidates.isLoading && <LinearProgress aria-label="Chargement des factures" />}
            {!candidates.isLoading && choices.length === 0 && <Alert severity="info">Aucune facture impayée en retard : rien à classer.</Alert>}
            <Table size="small" aria-label="Factures à classer">
              <TableHead>
                <TableRow>
                  <TableCell padding="checkbox" />
                  <TableCell>Facture</TableCell>
                  <TableCell>Client</TableCell>
                  <TableCell sx={amountSx}>Reste dû</TableCell>
                  <TableCell sx={amountSx}>Retard</TableCell>
                  <TableCell>Signaux</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {choices.map((c) => {
                  const on = selected.includes(c.invoiceId);
                  return (
                    <TableRow key={c.invoiceId} hover selected={on}>
                      <TableCell padding="checkbox">
                        <Checkbox
                          checked={on}
                          onChange={() => setSelected((s) => (on ? s.filter((x) => x !== c.invoiceId) : [...s, c.invoiceId]))}
                          slotProps={{ input: { 'aria-label': `Choisir la facture ${c.number}` } }}
                        />
                      </TableCell>
                      <TableCell>{c.number}</TableCell>
                      <TableCell>{c.customerName}</TableCell>
                      <TableCell sx={amountSx}>{formatEuro(c.outstanding)}</TableCell>
                      <TableCell sx={amountSx}>{c.daysOverdue} j</TableCell>
                      <TableCell>{c.signals ? <SignalChips s={c.signals} /> : null}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </>
        )}

        {step === 1 && (
          <Stack spacing={2}>
            <Controller
              name="reason"
              control={control}
              render={({ field }) => (
                <RadioGroup row {...field} aria-label="Nature de la créance">
                  <FormControlLabel value="doubtful" control={<Radio />} label="Douteuse : le client risque de ne pas payer" />
                  <FormControlLabel value="disputed" control={<Radio />} label="Litigieuse : le client conteste la facture" />
                </RadioGroup>
              )}
            />
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
              <Box sx={{ width: 220 }}>
                <FormDateField name="date" control={control} label="Date du classement" />
              </Box>
              <FormTextField name="note" control={control} label="Motif (facultatif)" size="small" fullWidth helperText="Par exemple : « redressement judiciaire ouvert le 3 mars », « conteste la livraison »" />
            </Stack>
            <Typography variant="h3">Pièces justificatives</Typography>
            {chosen.map((c, i) => (
              <EvidencePanel
                key={c.invoiceId}
                invoiceId={c.invoiceId}
                title={`Facture ${c.number} — ${c.customerName}`}
                known={evidence[i]?.data?.rows ?? []}
                pending={pending}
                onAdd={(e) => setPending((p) => [...p, e])}
                onRemove={(index) => setPending((p) => p.filter((_, j) => j !== index))}
                purpose="provision"
              />
            ))}
          </Stack>
        )}

        {step === 2 && (
          <PreviewPanel preview={preview} book={book} kinds={['classify']} title="Ce que le classement écrit dans vos comptes" />
        )}

        {step === 3 && (
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', xl: 'minmax(0, 1.2fr) minmax(0, 1fr)' }, gap: 2, alignItems: 'start' }}>
            <Box>
              <Typography variant="body2" sx={{ mb: 1 }}>
                Dépréciation = <b>HT restant × risque × (1 − part assurée)</b>, arrondie au centime. Seule la variation avec la dépréciation déjà passée est écrite.
              </Typography>
              <Table size="small" aria-label="Estimation du risque">
                <TableHead>
                  <TableRow>
                    <TableCell>Facture</TableCell>
                    <TableCell sx={amountSx}>HT restant</TableCell>
                    <TableCell>Risque</TableCell>
                    <TableCell>Assuré</TableCell>
                    <TableCell sx={amountSx}>Dépréciation</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {chosen.map((c, i) => {
                    const ht = htOf(c.invoiceId, c.outstanding);
                    const p = provisionOf(c.invoiceId);
                    const e = estimates[i];
                    return (
                      <TableRow key={c.invoiceId} sx={{ verticalAlign: 'top' }} data-testid={`estimate-${c.invoiceId}`}>
                        <TableCell>
                          {c.number}
                          <Typography variant="caption" color="text.secondary" component="p">
                            {c.customerName}
                          </Typography>
                        </TableCell>
                        <TableCell sx={amountSx}>{ht ? formatEuro(ht) : ''}</TableCell>
                        <TableCell sx={{ width: 160 }}>
                          <FormTextField name={`estimates.${i}.riskPercent`} control={control} label="Risque %" size="small" slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
                        </TableCell>
                        <TableCell sx={{ width: 160 }}>
                          <FormTextField name={`estimates.${i}.insuredPercent`} control={control} label="Assuré %" size="small" slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
                        </TableCell>
                        <TableCell sx={amountSx} data-testid="estimate-target">
                          {p && ht && e ? (
                            <>
                              <b>{formatEuro(p.target)}</b>
                              <Typography variant="caption" color="text.secondary" component="p">
                                {formatEuro(ht)} × {percentShown(e.riskPercent)} × (1 − {percentShown(e.insuredPercent)})
                              </Typography>
                            </>
                          ) : (
                            ''
                          )}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
              <Stack spacing={1} sx={{ mt: 2 }}>
                {chosen.map((c, i) => (
                  <FormTextField key={c.invoiceId} name={`estimates.${i}.justification`} control={control} label={`Justification de l’estimation — ${c.number}`} size="small" fullWidth helperText="L’événement sur lequel repose le risque : il est gardé avec l’estimation." />
                ))}
              </Stack>
            </Box>
            <PreviewPanel preview={preview} book={book} kinds={['provision']} title="Ce que la dépréciation écrit dans vos comptes" empty={estimatesOk ? 'Un risque de 0 % : aucune dépréciation à passer.' : 'Indiquez le risque de chaque facture pour voir l’écriture.'} />
          </Box>
        )}

        {step === 4 && (
          <Stack spacing={2}>
            <Table size="small" aria-label="Récapitulatif" sx={{ maxWidth: 720 }}>
              <TableBody>
                <TableRow>
                  <TableCell>Factures</TableCell>
                  <TableCell>{chosen.map((c) => c.number).join(', ')}</TableCell>
                </TableRow>
                <TableRow>
                  <TableCell>Nature et date</TableCell>
                  <TableCell>
                    {REASON_LABELS[values.reason ?? 'doubtful']} au {formatDateShort(values.date ?? today)}
                    {values.note ? ` — ${values.note}` : ''}
                  </TableCell>
                </TableRow>
                <TableRow>
                  <TableCell>Passé en clients douteux (416)</TableCell>
                  <TableCell data-testid="recap-moved">{formatEuro(totalMoved)}</TableCell>
                </TableRow>
                <TableRow>
                  <TableCell>Dépréciation (dotation)</TableCell>
                  <TableCell data-testid="recap-provision">{formatEuro(totalTarget)}</TableCell>
                </TableRow>
                <TableRow>
                  <TableCell>Pièces à enregistrer</TableCell>
                  <TableCell>{pending.length === 0 ? 'Aucune' : pending.length}</TableCell>
                </TableRow>
              </TableBody>
            </Table>
            <PreviewPanel preview={preview} book={book} title="Toutes les écritures qui seront passées" />
            {postError && <Alert severity="error">{postError} Aucune écriture n’a été passée : corrigez, puis validez de nouveau.</Alert>}
          </Stack>
        )}

        <Stack direction="row" spacing={1} sx={{ mt: 3, justifyContent: 'space-between' }}>
          <Button startIcon={<ArrowBackIcon />} disabled={step === 0 || posting} onClick={() => setStep((s) => s - 1)}>
            Retour
          </Button>
          {step < 4 ? (
            <Button variant="contained" endIcon={<ArrowForwardIcon />} onClick={() => void next()} disabled={(step === 0 && chosen.length === 0) || (step >= 2 && (preview.isFetching || Boolean(preview.error)))}>
              Suivant
            </Button>
          ) : (
            <Button variant="contained" color="primary" onClick={() => void submit()} disabled={posting || preview.isFetching || Boolean(preview.error)} startIcon={posting ? <CircularProgress size={16} /> : undefined}>
              Classer {chosen.length} facture{chosen.length > 1 ? 's' : ''} et passer {formatEuro(totalTarget)} de dépréciation
            </Button>
          )}
        </Stack>
      </Paper>
    </>
  );
}

/** The main process's preview in the EntryPreview panel, or its refusal in French. */
export function PreviewPanel({
  preview,
  book,
  kinds,
  title,
  empty = 'Rien à écrire.',
}: {
  preview: ReturnType<typeof usePreview>;
  book: ReturnType<typeof useAccountBook>;
  kinds?: ('classify' | 'provision' | 'writeOff')[];
  title: string;
  empty?: string;
}) {
  if (!preview.data && !preview.error) return <LinearProgress aria-label="Calcul de l’écriture" />;
  return (
    <EntryPreview
      title={title}
      entries={previewEntries(preview.data, book.map, kinds)}
      label={book.label}
      emptyText={empty}
      refusal={preview.error ? errorMessage(preview.error) : null}
      busy={preview.isFetching}
    />
  );
}
