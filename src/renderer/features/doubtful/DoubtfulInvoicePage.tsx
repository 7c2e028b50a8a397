import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import PaymentsIcon from '@mui/icons-material/Payments';
import { zodResolver } from '@hookform/resolvers/zod';
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
import LinearProgress from '@mui/material/LinearProgress';
import MuiLink from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useDeferredValue, useEffect, useState, type ReactNode } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { Link, useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import type { RequestInput, Response } from '../../../shared/contract';
import { formatDateShort, isValidIsoDate } from '../../../shared/dates';
import { formatEuro, formatPercent, toCents } from '../../../shared/money';
import { AppError } from '../../../shared/errors';
import { FormDateField } from '../../components/form/FormDateField';
import { FormTextField } from '../../components/form/FormTextField';
import { errorMessage } from '../../components/form/serverErrors';
import { useToday } from '../../lib/today';
import { PageHeader } from '../../components/PageHeader';
import { call } from '../../lib/ipc';
import { useAccountBook } from '../../components/accountBook';
import { useRefreshAfterPosting } from '../invoices/api';
import { EntryDetailDialog } from '../ledger/EntryDetailDialog';
import { useDoubtfulList, useEvidence, usePreview, type DoubtfulRow } from './api';
import { PreviewPanel } from './ClassifyWizard';
import { REASON_LABELS, StepIntro, WRITE_OFF_REASON_LABELS } from './common';
import { EvidencePanel, type PendingEvidence } from './EvidencePanel';
import { PercentText, percentShown, percentValue } from './percent';
import { PrintActions } from './PrintActions';
import { WizardSteps } from '../../components/WizardSteps';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="p">
        {label}
      </Typography>
      <Typography component="div" sx={{ fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
        {children}
      </Typography>
    </Box>
  );
}

/** Wizard path 2, for one doubtful invoice: re-estimate (after a recovery, or news) or declare it irrecoverable. */
export function DoubtfulInvoicePage() {
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const list = useDoubtfulList(useToday());
  const current = list.data?.rows.find((r) => r.invoiceId === id);
  // Settled with a provision still held: only the re-estimate (its reversal) is left to do.
  const settled = current !== undefined && toCents(current.outstanding) === 0n;
  const action = params.get('action') === 'perte' && !settled ? 'perte' : 'reestimer';
  const [writtenOff, setWrittenOff] = useState(false);
  // Once written off, or once a settled invoice's provision is reversed, the invoice leaves the list: the
  // result screen keeps what it knew instead of saying the invoice is not doubtful.
  const [reestimated, setReestimated] = useState(false);
  const finished = writtenOff || reestimated;
  const [kept, setKept] = useState<DoubtfulRow | undefined>(undefined);
  if (current && current !== kept) setKept(current);
  const row = current ?? (finished ? kept : undefined);

  if (list.isLoading) return <LinearProgress aria-label="Chargement" />;
  if (!row && !finished) {
    return (
      <>
        <PageHeader title="Créance douteuse" />
        <Alert severity="info">
          Cette facture n’est pas (ou plus) une créance douteuse en cours : elle est réglée, passée en perte, ou n’a pas été classée.{' '}
          <MuiLink component={Link} to={`/factures/${id}`}>
            Voir la facture
          </MuiLink>
        </Alert>
      </>
    );
  }
  return (
    <>
      {row && (writtenOff ? <PageHeader title={`Passage en perte de la facture ${row.number}`} subtitle={row.customerName} /> : current ? <InvoiceFacts row={current} /> : <PageHeader title={`Créance douteuse ${row.number}`} subtitle={row.customerName} />)}
      {!finished && (
        <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
          <Tabs value={action} onChange={(_e, v: string) => setParams({ action: v }, { replace: true })} aria-label="Que faire de cette créance">
            <Tab value="reestimer" label="Encaissement ou réestimation" />
            {!settled && <Tab value="perte" label="Passer en perte" />}
          </Tabs>
        </Box>
      )}
      {row && action === 'reestimer' && !writtenOff && <Reestimate row={row} onDone={() => setReestimated(true)} />}
      {(action === 'perte' || writtenOff) && row && <WriteOffWizard row={row} onDone={() => setWrittenOff(true)} />}
    </>
  );
}

function InvoiceFacts({ row }: { row: DoubtfulRow }) {
  return (
    <>
      <PageHeader
        title={`Créance douteuse ${row.number}`}
        subtitle={`${row.customerName} · ${REASON_LABELS[row.reason] ?? row.reason} depuis le ${formatDateShort(row.classifiedOn)}`}
        actions={
          <Button component={Link} to={`/factures/${row.invoiceId}`}>
            Voir la facture
          </Button>
        }
      />
      <Paper sx={{ p: 2, mb: 2 }}>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: 2 }}>
          <Fact label="Reste dû TTC" testId="fact-outstanding">{formatEuro(row.outstanding)}</Fact>
          <Fact label="HT restant" testId="fact-ht">{formatEuro(row.outstandingHt)}</Fact>
          <Fact label="Dépréciation actuelle" testId="fact-provision">{formatEuro(row.provision)}</Fact>
          <Fact label="Dernière estimation">
            {row.lastEstimate ? `${formatPercent(row.lastEstimate.riskPercent)} de risque, ${formatPercent(row.lastEstimate.insuredPercent)} assuré, le ${formatDateShort(row.lastEstimate.date)}` : 'Aucune'}
          </Fact>
          <Fact label="Prescription">{formatDateShort(row.prescriptionDate)} ({row.customerKind === 'consumer' ? '2 ans, particulier' : '5 ans, professionnel'})</Fact>
          <Fact label="TVA récupérable en cas de perte">{formatEuro(row.vatToRecover)}</Fact>
        </Box>
      </Paper>
    </>
  );
}

const ReestimateValues = z.object({
  date: z.string().refine((v) => isValidIsoDate(v), 'Indiquez la date de l’estimation.'),
  riskPercent: PercentText,
  insuredPercent: PercentText,
  justification: z.string().max(2000, 'Au plus 2 000 caractères.'),
});
type ReestimateValues = z.infer<typeof ReestimateValues>;

/** A recovery is recorded with the payment form; the re-estimate posts only the variation (dotation or reprise). */
function Reestimate({ row, onDone }: { row: DoubtfulRow; onDone: () => void }) {
  const today = useToday();
  const book = useAccountBook();
  const refresh = useRefreshAfterPosting();
  // From the provision matrix: its rate, as a starting point the owner confirms or changes; from the state
  // of provisions: what was settled since the last estimate, as the justification.
  const [search] = useSearchParams();
  const suggested = search.get('risque');
  const motif = search.get('motif');
  const form = useForm<ReestimateValues>({
    resolver: zodResolver(ReestimateValues),
    mode: 'onChange',
    defaultValues: { date: today, riskPercent: suggested ?? row.lastEstimate?.riskPercent ?? '', insuredPercent: row.lastEstimate?.insuredPercent ?? '0', justification: motif ?? '' },
  });
  const v = useWatch({ control: form.control }) as Partial<ReestimateValues>;
  const ok = ReestimateValues.safeParse(v).success;
  const req: RequestInput<'doubtful.provision'> | null = ok
    ? { invoiceId: row.invoiceId, date: v.date as string, riskPercent: percentValue(v.riskPercent ?? ''), insuredPercent: percentValue(v.insuredPercent ?? ''), ...(v.justification?.trim() ? { justification: v.justification.trim() } : {}) }
    : null;
  const deferred = useDeferredValue(req);
  const preview = usePreview(deferred ? { provisions: [deferred] } : null);
  const p = preview.data?.provisions[0];
  const [confirm, setConfirm] = useState(false);
  const [done, setDone] = useState<{ delta: string; entryId: number | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [entryShown, setEntryShown] = useState<number | null>(null);
  const delta = p ? toCents(p.delta) : 0n;

  const post = async () => {
    setConfirm(false);
    if (!req) return;
    try {
      const r = await call('doubtful.provision', req);
      setDone({ delta: r.delta, entryId: r.entryId });
      onDone();
    } catch (err) {
      if (err instanceof AppError && err.fieldErrors) for (const [k, m] of Object.entries(err.fieldErrors)) if (k in ReestimateValues.shape) form.setError(k as keyof ReestimateValues, { type: 'server', message: m });
      setError(errorMessage(err));
    } finally {
      await refresh();
    }
  };

  if (done) {
    return (
      <Paper sx={{ p: 3 }} data-testid="wizard-result">
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2 }}>
          <CheckCircleIcon color="success" />
          <Typography variant="h3">
            {toCents(done.delta) === 0n ? 'Estimation enregistrée : la dépréciation ne change pas, rien n’est écrit.' : toCents(done.delta) > 0n ? `Dotation de ${formatEuro(done.delta)} passée.` : `Reprise de ${formatEuro(-toCents(done.delta))} passée.`}
          </Typography>
        </Stack>
        <Stack direction="row" spacing={1}>
          {done.entryId !== null && <Button onClick={() => setEntryShown(done.entryId)}>Voir l’écriture</Button>}
          <Button variant="contained" component={Link} to="/creances-douteuses/en-cours">
            Retour aux créances douteuses
          </Button>
        </Stack>
        <EntryDetailDialog entryId={entryShown} onClose={() => setEntryShown(null)} />
      </Paper>
    );
  }

  return (
    <Paper sx={{ p: 3 }}>
      {toCents(row.outstanding) === 0n ? (
        <StepIntro>
          La facture est entièrement réglée : la dépréciation n’a plus d’objet. Enregistrez une estimation (le risque n’importe plus, il ne reste rien dû) : la dépréciation est reprise en entier.
        </StepIntro>
      ) : (
        <>
          <StepIntro>
            Si le client a payé une partie, enregistrez d’abord l’encaissement : il solde d’autant la créance douteuse (416). Puis réestimez le risque sur ce qui reste dû : seule la différence avec la dépréciation actuelle est écrite, en dotation si le risque augmente, en reprise s’il diminue.
          </StepIntro>
          <Button variant="outlined" startIcon={<PaymentsIcon />} component={Link} to={`/reglements/nouveau?client=${row.customerId}&facture=${row.invoiceId}`} sx={{ mb: 2 }}>
            Enregistrer un encaissement
          </Button>
        </>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) minmax(0, 1fr)' }, gap: 2, alignItems: 'start' }}>
        <Stack spacing={2}>
          <Box sx={{ width: 220 }}>
            <FormDateField name="date" control={form.control} label="Date de l’estimation" />
          </Box>
          <Stack direction="row" spacing={2}>
            <FormTextField name="riskPercent" control={form.control} label="Risque %" size="small" slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
            <FormTextField name="insuredPercent" control={form.control} label="Assuré %" size="small" slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
          </Stack>
          <FormTextField name="justification" control={form.control} label="Justification" size="small" fullWidth helperText="Ce qui a changé : encaissement partiel, jugement, proposition de plan…" />
          <Typography variant="body2" data-testid="reestimate-formula">
            {p && v.riskPercent && v.insuredPercent
              ? `${formatEuro(row.outstandingHt)} × ${percentShown(v.riskPercent)} × (1 − ${percentShown(v.insuredPercent)}) = ${formatEuro(p.target)} ; déjà passé ${formatEuro(p.previous)} → ${delta > 0n ? `dotation de ${formatEuro(delta)}` : delta < 0n ? `reprise de ${formatEuro(-delta)}` : 'aucune écriture'}.`
              : 'HT restant × risque × (1 − part assurée)'}
          </Typography>
          {error && <Alert severity="error">{error}</Alert>}
          <Box>
            <Button variant="contained" disabled={!ok || !p || preview.isFetching || Boolean(preview.error)} onClick={() => setConfirm(true)}>
              {delta > 0n ? `Passer une dotation de ${formatEuro(delta)}` : delta < 0n ? `Passer une reprise de ${formatEuro(-delta)}` : 'Enregistrer l’estimation'}
            </Button>
          </Box>
        </Stack>
        <PreviewPanel preview={preview} book={book} title="Ce que la réestimation écrit dans vos comptes" empty={ok ? 'Même dépréciation qu’aujourd’hui : rien n’est écrit, l’estimation est seulement gardée.' : 'Indiquez le risque pour voir l’écriture.'} />
      </Box>
      <Dialog open={confirm} onClose={() => setConfirm(false)} aria-labelledby="reestimate-confirm">
        <DialogTitle id="reestimate-confirm">Confirmer la réestimation</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {delta === 0n
              ? 'L’estimation sera gardée avec sa justification ; aucune écriture.'
              : `L’écriture de ${delta > 0n ? 'dotation' : 'reprise'} de ${formatEuro(delta > 0n ? delta : -delta)} sera validée dans le journal OD : elle ne pourra plus être supprimée, seulement compensée par une nouvelle estimation.`}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(false)}>Annuler</Button>
          <Button variant="contained" onClick={() => void post()} autoFocus>
            Confirmer
          </Button>
        </DialogActions>
      </Dialog>
    </Paper>
  );
}

const STEPS = ['Motif et pièces', 'Écritures', 'Confirmation'];
const WHY = [
  'Une créance ne passe en perte que si elle est définitivement irrécouvrable : liquidation judiciaire, certificat d’irrécouvrabilité ou prescription. Le motif et ses pièces rendent la perte déductible et permettent de récupérer la TVA.',
  'La perte est écrite hors taxe ; la TVA collectée sur cette facture est régularisée (vous la récupérez), celle jamais encaissée est annulée. La dépréciation passée devient inutile : elle est reprise en entier.',
  'Relisez avant de valider : un passage en perte ne se supprime pas. Ensuite, imprimez le duplicata article 272 à envoyer au client, qui justifie la récupération de la TVA.',
];

const WriteOffValues = z
  .object({
    reason: z.enum(['liquidation', 'certificate', 'prescription', 'other']),
    date: z.string().refine((v) => isValidIsoDate(v), 'Indiquez la date du passage en perte.'),
    judgmentDate: z.string(),
    note: z.string().max(2000, 'Au plus 2 000 caractères.'),
  })
  .superRefine((v, ctx) => {
    if (v.reason !== 'liquidation') return;
    if (!isValidIsoDate(v.judgmentDate)) ctx.addIssue({ code: 'custom', path: ['judgmentDate'], message: 'Indiquez la date du jugement de liquidation.' });
    else if (isValidIsoDate(v.date) && v.judgmentDate > v.date) ctx.addIssue({ code: 'custom', path: ['judgmentDate'], message: 'Le jugement ne peut pas être postérieur au passage en perte.' });
  });
type WriteOffValues = z.infer<typeof WriteOffValues>;

function WriteOffWizard({ row, onDone }: { row: DoubtfulRow; onDone: () => void }) {
  const today = useToday();
  const book = useAccountBook();
  const refresh = useRefreshAfterPosting();
  const known = useEvidence(row.invoiceId);
  const [step, setStep] = useState(0);
  const [pending, setPending] = useState<PendingEvidence[]>([]);
  const [vatTreatment, setVatTreatment] = useState<'regularise' | 'loss' | undefined>(undefined);
  const [confirmed, setConfirmed] = useState(false);
  const [posting, setPosting] = useState(false);
  const [postError, setPostError] = useState<string | null>(null);
  const [result, setResult] = useState<Response<'doubtful.writeOff'> | null>(null);
  const [entryShown, setEntryShown] = useState<number | null>(null);
  const form = useForm<WriteOffValues>({ resolver: zodResolver(WriteOffValues), mode: 'onChange', defaultValues: { reason: 'liquidation', date: today, judgmentDate: '', note: '' } });
  const v = useWatch({ control: form.control }) as Partial<WriteOffValues>;
  const req = (x: Partial<WriteOffValues>): RequestInput<'doubtful.writeOff'> => ({
    invoiceId: row.invoiceId,
    date: x.date ?? today,
    reason: x.reason ?? 'other',
    ...(x.reason === 'liquidation' && x.judgmentDate ? { judgmentDate: x.judgmentDate } : {}),
    ...(x.note?.trim() ? { note: x.note.trim() } : {}),
    ...(vatTreatment ? { vatTreatment } : {}),
  });
  const previewReq = useDeferredValue(step >= 1 && WriteOffValues.safeParse(v).success ? { writeOff: req(v) } : null);
  const preview = usePreview(previewReq);
  const fe = preview.error instanceof AppError ? preview.error.fieldErrors : undefined;
  const needsVatChoice = Boolean(fe?.vatTreatment) || vatTreatment !== undefined;
  const w = preview.data?.writeOff;

  // The VAT choice depends on the reason and the dates: typed again, it is asked again.
  useEffect(() => {
    setVatTreatment(undefined);
  }, [v.reason, v.date, v.judgmentDate]);
  useEffect(() => {
    if (!fe) return;
    for (const k of ['date', 'judgmentDate'] as const) if (fe[k] ?? fe[`writeOff.${k}`]) form.setError(k, { type: 'server', message: (fe[k] ?? fe[`writeOff.${k}`]) as string });
  }, [fe, form]);

  const next = async () => {
    if (step === 0) {
      if (!(await form.trigger())) return;
    }
    setStep((s) => s + 1);
  };

  const post = async () => {
    setPosting(true);
    setPostError(null);
    try {
      for (const e of pending) await call('evidence.add', e);
      setPending([]);
      const r = await call('doubtful.writeOff', req(form.getValues()));
      setResult(r);
      onDone();
    } catch (err) {
      setPostError(errorMessage(err));
    } finally {
      setPosting(false);
      await refresh();
    }
  };

  if (result) {
    return (
      <Paper sx={{ p: 3 }} data-testid="wizard-result">
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2 }}>
          <CheckCircleIcon color="success" />
          <Typography variant="h3">Facture {row.number} passée en perte.</Typography>
        </Stack>
        <Typography variant="body2" data-testid="writeoff-summary">
          Perte {formatEuro(result.loss)} (compte {result.lossAccount}), TVA régularisée {formatEuro(result.vatRegularised)}
          {toCents(result.vatPending) > 0n ? `, TVA en attente annulée ${formatEuro(result.vatPending)}` : ''}
          {toCents(result.vatAsLoss) > 0n ? `, dont TVA passée en perte ${formatEuro(result.vatAsLoss)}` : ''}, dépréciation reprise {formatEuro(result.provisionReversed)}.
          {result.vatRecoveryDeadline ? ` La TVA doit être récupérée sur votre déclaration au plus tard le ${formatDateShort(result.vatRecoveryDeadline)}.` : ''}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ my: 2 }}>
          {result.entries.map((id) => (
            <Button key={id} onClick={() => setEntryShown(id)}>
              Voir l’écriture
            </Button>
          ))}
          <Button component={Link} to="/rapports/journal?journal=OD">
            Ouvrir le journal
          </Button>
        </Stack>
        {toCents(result.vatRegularised) > 0n ? (
          <PrintActions invoiceId={row.invoiceId} customerId={row.customerId} customerName={row.customerName} number={row.number} />
        ) : (
          <Alert severity="info" data-testid="no-duplicate">
            Aucune TVA n’est récupérée sur cette facture ({toCents(result.vatPending) > 0n ? 'TVA sur les encaissements : la TVA d’une prestation impayée n’a jamais été reversée à l’État, elle est simplement annulée' : toCents(result.vatAsLoss) > 0n ? 'la TVA a été passée en perte' : 'facture sans TVA, franchise en base'}) : il n’y a pas de duplicata article 272 à envoyer.
          </Alert>
        )}
        <EntryDetailDialog entryId={entryShown} onClose={() => setEntryShown(null)} />
      </Paper>
    );
  }

  return (
    <Paper sx={{ p: 3 }}>
      <WizardSteps steps={STEPS} active={step} label="Étapes du passage en perte" />
      <StepIntro>{WHY[step]}</StepIntro>
      {step === 0 && (
        <Stack spacing={2}>
          <Controller
            name="reason"
            control={form.control}
            render={({ field }) => (
              <RadioGroup {...field} aria-label="Motif du passage en perte">
                {Object.entries(WRITE_OFF_REASON_LABELS).map(([k, label]) => (
                  <FormControlLabel key={k} value={k} control={<Radio />} label={label} />
                ))}
              </RadioGroup>
            )}
          />
          {v.reason === 'prescription' && (
            <Alert severity={today >= row.prescriptionDate ? 'info' : 'warning'} data-testid="prescription-date">
              Prescrite le {formatDateShort(row.prescriptionDate)} : {row.customerKind === 'consumer' ? '2 ans après l’échéance contre un particulier' : '5 ans après l’échéance entre professionnels'}.
              {today < row.prescriptionDate ? ' Avant cette date, la prescription ne peut pas être invoquée.' : ''}
            </Alert>
          )}
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
            <Box sx={{ width: 220 }}>
              <FormDateField name="date" control={form.control} label="Date du passage en perte" />
            </Box>
            {v.reason === 'liquidation' && (
              <Box sx={{ width: 240 }}>
                <FormDateField name="judgmentDate" control={form.control} label="Date du jugement de liquidation" />
              </Box>
            )}
            <FormTextField name="note" control={form.control} label="Note (facultatif)" size="small" fullWidth />
          </Stack>
          <EvidencePanel
            invoiceId={row.invoiceId}
            title={`Pièces de la facture ${row.number}`}
            known={known.data?.rows ?? []}
            pending={pending}
            onAdd={(e) => setPending((p) => [...p, e])}
            onRemove={(i) => setPending((p) => p.filter((_, j) => j !== i))}
            purpose="writeOff"
            reason={v.reason}
          />
        </Stack>
      )}
      {step >= 1 && (
        <Stack spacing={2}>
          {needsVatChoice && (
            <Alert severity="warning" data-testid="vat-window">
              <Typography variant="body2" sx={{ mb: 1 }}>
                {fe?.vatTreatment ? errorMessage(preview.error) : 'La TVA de cette facture ne sera pas régularisée comme d’habitude :'}
              </Typography>
              {v.reason === 'other' ? (
                <RadioGroup value={vatTreatment ?? ''} onChange={(e) => setVatTreatment(e.target.value as 'regularise' | 'loss')} aria-label="Traitement de la TVA">
                  <FormControlLabel value="regularise" control={<Radio size="small" />} label="Régulariser la TVA (j’en prends la responsabilité)" />
                  <FormControlLabel value="loss" control={<Radio size="small" />} label="Passer la TVA en perte" />
                </RadioGroup>
              ) : (
                <FormControlLabel
                  control={<Checkbox checked={vatTreatment === 'loss'} onChange={(e) => setVatTreatment(e.target.checked ? 'loss' : undefined)} />}
                  label="Je confirme : la TVA est passée en perte avec le reste de la créance."
                />
              )}
            </Alert>
          )}
          {!(fe?.vatTreatment) && <PreviewPanel preview={preview} book={book} kinds={['writeOff']} title="Ce que le passage en perte écrit dans vos comptes" />}
          {w && (
            <Typography variant="body2" data-testid="writeoff-preview-summary">
              Perte hors taxe {formatEuro(w.loss)} (compte {w.lossAccount}) · TVA régularisée {formatEuro(w.vatRegularised)}
              {toCents(w.vatPending) > 0n ? ` · TVA en attente annulée ${formatEuro(w.vatPending)}` : ''} · dépréciation reprise {formatEuro(w.provisionReversed)}
              {w.vatRecoveryDeadline ? ` · TVA à récupérer au plus tard le ${formatDateShort(w.vatRecoveryDeadline)}` : ''}.
              {(w.vatByRate ?? []).length > 0 && ` TVA collectée par taux : ${(w.vatByRate ?? []).map((r) => `${formatPercent(r.rate)} ${formatEuro(r.vat)}`).join(' ; ')}.`}
            </Typography>
          )}
          {step === 2 && w && (
            <FormControlLabel
              control={<Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />}
              label={`Je confirme que la facture ${row.number} est définitivement irrécouvrable : ${formatEuro(row.outstanding)} sortent de mes créances, sans retour possible.`}
            />
          )}
          {postError && <Alert severity="error">{postError}</Alert>}
        </Stack>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 3, justifyContent: 'space-between' }}>
        <Button startIcon={<ArrowBackIcon />} disabled={step === 0 || posting} onClick={() => setStep((s) => s - 1)}>
          Retour
        </Button>
        {step < 2 ? (
          <Button variant="contained" endIcon={<ArrowForwardIcon />} onClick={() => void next()} disabled={step === 1 && (!w || preview.isFetching || Boolean(preview.error))}>
            Suivant
          </Button>
        ) : (
          <Button variant="contained" color="error" disabled={!confirmed || posting || !w || preview.isFetching || Boolean(preview.error)} onClick={() => void post()} startIcon={posting ? <CircularProgress size={16} /> : undefined}>
            Passer {row.number} en perte
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
