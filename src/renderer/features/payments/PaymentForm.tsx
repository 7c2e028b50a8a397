import AutorenewIcon from '@mui/icons-material/Autorenew';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Grid from '@mui/material/Grid';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useLeaveGuard } from '../../components/LeaveGuard';
import { Link } from 'react-router';
import type { RequestInput, Response } from '../../../shared/contract';
import { formatDateShort } from '../../../shared/dates';
import { PAYMENT_METHOD_LABELS, PAYMENT_METHODS, PaymentRecordRequest } from '../../../shared/domain/payment';
import { AppError } from '../../../shared/errors';
import { formatEuro, formatPercent, parseAmount, toCents } from '../../../shared/money';
import { CustomerSelect } from '../../components/CustomerSelect';
import { PostingPreviewPanel } from '../../components/EntryPreview';
import { ErrorDialog } from '../../components/ErrorDialog';
import { FormDateField } from '../../components/form/FormDateField';
import { FormTextField } from '../../components/form/FormTextField';
import { applyServerErrors, errorMessage, requestResolver, usePreviewFieldErrors } from '../../components/form/serverErrors';
import { InvoiceStatusChip, StatusChip } from '../../components/InvoiceStatusChip';
import { centsOrNull, inputText } from '../../lib/amounts';
import { amountSx } from '../../lib/format';
import { call } from '../../lib/ipc';
import { usePostingPreview } from '../../lib/preview';
import { useToday } from '../../lib/today';
import { EntryDetailDialog } from '../ledger/EntryDetailDialog';
import { useRecoverable } from './api';
import { SettledTable } from './SettledTable';
import { useCompany } from '../company/api';
import { useCustomerInvoices, useRefreshAfterPosting } from '../invoices/api';

type Method = (typeof PAYMENT_METHODS)[number];
type Payment = Response<'payment.record'>;
/** An open invoice as the customer's list gives it: enough to allocate (the main process computes the rest). */
type OpenInvoice = Response<'invoice.list'>['rows'][number];
/** A written-off invoice with something left to recover. */
type Recoverable = Response<'payment.recoverable'>['rows'][number];

interface Allocation {
  amount?: string;
  escompte?: boolean;
}

export interface PaymentFormValues {
  customerId: number | null;
  date: string;
  amount: string;
  method: Method;
  reference: string;
  /** The owner allocates by hand; otherwise the main process's plan (escompted invoices first, then oldest first). */
  manual: boolean;
  /** Per open or written-off invoice (key `i<id>`): the amount typed by hand, and whether the customer took the escompte. */
  invoices: Record<string, Allocation>;
  /** The owner settles the small difference the payment leaves (écart de règlement, 658 / 758). */
  settleDifference: boolean;
}

/** What an amount can be put on: an open invoice, or a written-off one (a recovery). */
interface Target {
  id: number;
}

const keyOf = (id: number) => `i${id}`;

/** The escompte an invoice offers on this date, as the main process computed its terms (whole invoice, deadline not passed). */
function escompteStillOpen(inv: OpenInvoice, date: string) {
  return inv.escompte && inv.outstanding === inv.totals.gross && date <= inv.escompte.deadline ? inv.escompte : null;
}

/** The request the form stands for; `picked[k]` is the invoice of `allocations[k]` (for the main process's field paths). */
function toRequest(v: PaymentFormValues, targets: Target[]): { request: RequestInput<'payment.record'>; picked: Target[] } {
  const of = (t: Target) => v.invoices[keyOf(t.id)] ?? {};
  const picked = v.manual ? targets.filter((t) => (of(t).amount ?? '').trim() !== '') : [];
  const escompte = targets.filter((t) => of(t).escompte);
  return {
    picked,
    request: {
      customerId: v.customerId ?? 0,
      date: v.date,
      amount: v.amount,
      method: v.method,
      reference: v.reference,
      ...(picked.length > 0 ? { allocations: picked.map((inv) => ({ invoiceId: inv.id, amount: of(inv).amount ?? '' })) } : {}),
      ...(escompte.length > 0 ? { escompte: escompte.map((inv) => ({ invoiceId: inv.id })) } : {}),
      ...(v.settleDifference ? { settleDifference: true } : {}),
    },
  };
}

/** A request path → the form's field: an allocation's amount under its invoice's row. */
const fieldMap = (picked: Target[]) => (path: string) => {
  const m = /^allocations\.(\d+)\.(amount|invoiceId)$/.exec(path);
  if (m) {
    const inv = picked[Number(m[1])];
    return inv ? `invoices.${keyOf(inv.id)}.amount` : null;
  }
  return ['customerId', 'date', 'amount', 'method', 'reference', 'settleDifference'].includes(path) ? path : null;
};

/** The invoices the resolver reads (they come with the customer, after the form is made). */
type ResolverContext = { targets: Target[] };

/** The contract's own schema judges the request about to be sent; its messages go under the fields. */
const resolver = requestResolver<PaymentFormValues, ResolverContext>(
  PaymentRecordRequest,
  (v, ctx) => {
    const { request, picked } = toRequest(v, ctx?.targets ?? []);
    return { request, fields: fieldMap(picked) };
  },
  { customerId: 'Choisissez le client qui a payé.' },
);

/**
 * The écart de règlement the plan leaves — what it leaves unpaid on the invoices it settles, or keeps in
 * advance — and whether the owner may settle it here: within the company's threshold, one or the other.
 */
function useDifferenceOffer(plan: Payment | undefined, open: OpenInvoice[], ticked: boolean) {
  const threshold = toCents(useCompany().data?.paymentDifferenceThreshold ?? '0');
  if (!plan) return { shown: ticked, short: 0n, over: 0n, numbers: [] as string[], threshold };
  const shortfalls = plan.allocations
    .filter((a) => !a.escompte)
    .map((a) => ({ number: a.invoiceNumber, left: toCents(open.find((i) => i.id === a.invoiceId)?.outstanding ?? a.amount) - toCents(a.amount) }))
    .filter((x) => x.left > 0n);
  const short = shortfalls.reduce((s, x) => s + x.left, 0n);
  const over = toCents(ticked ? plan.surplus : plan.advance);
  const fits = (short > 0n && over === 0n && short <= threshold) || (over > 0n && short === 0n && over <= threshold && plan.allocations.length > 0);
  return { shown: ticked || fits, short, over, numbers: shortfalls.map((x) => x.number), threshold };
}

function differenceLabel(d: ReturnType<typeof useDifferenceOffer>): string {
  if (d.short > 0n) return `Solder l’écart de ${formatEuro(d.short)} sur ${d.numbers.join(', ')} : une petite charge (658), et la facture est réglée`;
  if (d.over > 0n) return `Garder les ${formatEuro(d.over)} payés en trop en produit (758) plutôt qu’en avance au client`;
  return 'Solder l’écart de règlement (charge 658 ou produit 758)';
}

function PaymentRecap({ payment, onAnother }: { payment: Payment; onAnother: () => void }) {
  const [showEntry, setShowEntry] = useState<number | null>(null);
  return (
    <Paper sx={{ p: 3, maxWidth: 880 }} data-testid="payment-recap">
      <Alert severity="success" icon={<CheckCircleIcon />} sx={{ mb: 2 }}>
        <AlertTitle>Règlement de {formatEuro(payment.amount)} enregistré</AlertTitle>
        Reçu le {formatDateShort(payment.date)} par {PAYMENT_METHOD_LABELS[payment.method].toLowerCase()}
        {payment.reference ? ` (réf. ${payment.reference})` : ''}. Il est écrit dans vos comptes et les factures soldées sont lettrées.
      </Alert>
      <Typography variant="h3" sx={{ mb: 1 }}>
        Ce qui a été réglé
      </Typography>
      <SettledTable payment={payment} />
      <Stack direction="row" spacing={1} sx={{ mt: 3 }}>
        <Button variant="contained" onClick={onAnother} autoFocus>
          Enregistrer un autre règlement
        </Button>
        <Button component={Link} to={`/reglements/${payment.id}`}>
          Voir le règlement
        </Button>
        <Button component={Link} to={`/clients/${payment.customerId}`}>
          Voir le compte du client
        </Button>
        <Button onClick={() => setShowEntry(payment.entryId)}>Voir l’écriture</Button>
      </Stack>
      <EntryDetailDialog entryId={showEntry} onClose={() => setShowEntry(null)} />
    </Paper>
  );
}

/**
 * A payment received: the customer, the amount, and how it settles their open invoices — the main
 * process's plan (escompted invoices first, then the oldest), or the owner's own allocation — an escompte
 * the customer took, what is left as an advance; the entries before they are posted, from the main process.
 */
export function PaymentForm({ initialCustomerId, initialInvoiceId, again = null }: { initialCustomerId: number | null; initialInvoiceId: number | null; again?: Payment | null }) {
  const refresh = useRefreshAfterPosting();
  const today = useToday();
  const [context] = useState<ResolverContext>(() => ({ targets: [] }));
  const blank: PaymentFormValues = { customerId: initialCustomerId, date: today, amount: '', method: 'transfer', reference: '', manual: false, invoices: {}, settleDifference: false };
  const { control, handleSubmit, setError, clearErrors, getFieldState, getValues, setValue, reset, formState } = useForm<PaymentFormValues, ResolverContext>({
    resolver,
    context,
    // A cancelled payment recorded anew: the same money (customer, day, amount, means, reference), to allocate again.
    defaultValues: again ? { ...blank, customerId: again.customerId, date: again.date, amount: inputText(again.amount), method: again.method, reference: again.reference ?? '' } : blank,
    mode: 'onTouched',
  });
  const values = useWatch({ control }) as PaymentFormValues;
  const { customerId, date, amount, manual } = values;
  const chosen = values.invoices ?? {};
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<Payment | null>(null);
  // Leaving a payment typed but not recorded asks first; once recorded (the recap), nothing is lost.
  const guard = useLeaveGuard(formState.isDirty && done === null, 'Ce règlement');
  const [seeded, setSeeded] = useState(initialInvoiceId === null);
  const list = useCustomerInvoices(customerId);
  const open = (list.data?.rows ?? [])
    .filter((r) => r.status !== 'draft' && r.status !== 'written_off' && toCents(r.outstanding) > 0n)
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : (a.number ?? '').localeCompare(b.number ?? '')));
  // Written-off invoices with something left to recover: money put on them is a recovery (7583), never the plan's choice.
  const recoverable = useRecoverable(customerId).data?.rows ?? [];
  const targets: Target[] = [...open, ...recoverable.map((r) => ({ id: r.invoiceId }))];
  context.targets = targets;

  const { request, picked } = toRequest(values, targets);
  const preview = usePostingPreview('payment.record', request);
  const saidUnderField = usePreviewFieldErrors(preview.refusal, { setError, clearErrors, getFieldState }, fieldMap(picked));
  // The plan the main process would follow: which invoice gets what, with its escompte or not, and the advance.
  const plan = preview.result;
  const planned = (id: number) => plan?.allocations.find((a) => a.invoiceId === id) ?? plan?.recoveries.find((r) => r.invoiceId === id);
  const allocated = plan ? [...plan.allocations, ...plan.recoveries].reduce((s, a) => s + toCents(a.amount), 0n) : undefined;
  const typed = targets.reduce((s, inv) => s + (centsOrNull(chosen[keyOf(inv.id)]?.amount ?? '') ?? 0n), 0n);
  const received = parseAmount(amount ?? '');
  const difference = useDifferenceOffer(plan, open, values.settleDifference);

  // Opened from an invoice: that invoice, with its escompte while the customer may still take it (the
  // plan then settles it first, the older invoices untouched), else for what it still owes.
  useEffect(() => {
    if (seeded || !list.data) return;
    setSeeded(true);
    const inv = open.find((x) => x.id === initialInvoiceId);
    if (!inv) return;
    const offer = escompteStillOpen(inv, getValues('date'));
    if (offer) {
      setValue('amount', inputText(offer.amountDue));
      setValue(`invoices.${keyOf(inv.id)}`, { escompte: true });
    } else {
      setValue('amount', inputText(inv.outstanding));
      setValue('manual', true);
      setValue(`invoices.${keyOf(inv.id)}`, { amount: inputText(inv.outstanding) });
    }
  }, [seeded, list.data, open, initialInvoiceId, getValues, setValue]);

  /** The owner takes the allocation in hand: it starts from the plan shown. */
  const takeInHand = () => {
    if (getValues('manual')) return;
    for (const inv of targets) setValue(`invoices.${keyOf(inv.id)}.amount`, inputText(planned(inv.id)?.amount));
    setValue('manual', true);
  };

  /** The money the plan keeps in advance, put on a written-off invoice instead (within what is left of it). */
  const recover = (r: Recoverable) => {
    const advance = plan ? toCents(plan.advance) : 0n;
    const left = toCents(r.left);
    takeInHand();
    setValue(`invoices.${keyOf(r.invoiceId)}.amount`, inputText(advance < left ? advance : left), { shouldValidate: true });
  };

  const toggleEscompte = (inv: OpenInvoice, on: boolean) => {
    const k = keyOf(inv.id);
    setValue(`invoices.${k}.escompte`, on);
    const due = inv.escompte?.amountDue ?? inv.outstanding;
    // By hand, the invoice is settled at its discounted amount (or whole again); in the plan, the main
    // process does it. Without an amount yet, the escompted invoice is what is being paid.
    if (getValues('manual')) setValue(`invoices.${k}.amount`, inputText(on ? due : inv.outstanding), { shouldValidate: true });
    else if (on && !parseAmount(getValues('amount'))?.gt(0)) setValue('amount', inputText(due), { shouldValidate: true });
  };

  /** The amount put on an invoice: the plan's while Encours allocates, the owner's once typed. */
  const amountField = (id: number, number: string | undefined) => (
    <Controller
      name={`invoices.${keyOf(id)}.amount`}
      control={control}
      render={({ field, fieldState }) => (
        <TextField
          name={field.name}
          inputRef={field.ref}
          onBlur={field.onBlur}
          value={manual ? (field.value ?? '') : inputText(planned(id)?.amount)}
          onChange={(e) => {
            takeInHand();
            field.onChange(e.target.value);
          }}
          placeholder="0,00"
          error={Boolean(fieldState.error)}
          helperText={fieldState.error?.message}
          slotProps={{ htmlInput: { inputMode: 'decimal', 'aria-label': `Montant imputé sur ${number ?? ''}`, style: { textAlign: 'right' } }, input: { endAdornment: <InputAdornment position="end">€</InputAdornment> } }}
        />
      )}
    />
  );

  const record = useMutation({
    mutationFn: (req: RequestInput<'payment.record'>) => call('payment.record', req),
    onSuccess: (p) => {
      setDone(p);
      void refresh();
    },
  });

  const submit = handleSubmit(async (v) => {
    const { request: req, picked: sent } = toRequest(v, targets);
    try {
      await record.mutateAsync(req);
    } catch (err) {
      const placed = applyServerErrors(err, setError, fieldMap(sent));
      // A refusal of the whole (escompte expired, allocation above the amount…) is said in a dialog.
      if (placed.length === 0 || !(err instanceof AppError && err.code === 'VALIDATION')) setRefusal(errorMessage(err));
    }
  });

  const another = () => {
    setDone(null);
    reset({ ...blank, customerId: null, date: getValues('date'), method: getValues('method') });
    record.reset();
  };

  if (done) return <PaymentRecap payment={done} onAnother={another} />;

  const noneChosen = manual && picked.length === 0 && open.length > 0;
  return (
    <Box
      component="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) 380px' }, gap: 2, alignItems: 'start' }}
    >
      <Stack spacing={2} sx={{ minWidth: 0 }}>
        {again && (
          <Alert severity="info" data-testid="record-again">
            <AlertTitle>Le règlement annulé, enregistré à nouveau</AlertTitle>
            {formatEuro(again.amount)} reçus le {formatDateShort(again.date)} par {PAYMENT_METHOD_LABELS[again.method].toLowerCase()}
            {again.reference ? ` (réf. ${again.reference})` : ''}
            {again.cancellation ? `, annulés le ${formatDateShort(again.cancellation.date)} (${again.cancellation.reason})` : ''}. Choisissez les factures que cet argent règle vraiment : l’écriture s’affiche à droite avant d’être passée.
          </Alert>
        )}
        <Paper component="section" aria-labelledby="pay-title" sx={{ p: 2 }}>
          <Typography variant="h3" id="pay-title" sx={{ mb: 1.5 }}>
            Le règlement reçu
          </Typography>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 8 }}>
              <Controller
                name="customerId"
                control={control}
                render={({ field, fieldState }) => (
                  <CustomerSelect
                    value={field.value}
                    onChange={(c) => reset({ ...getValues(), customerId: c?.id ?? null, manual: false, invoices: {}, settleDifference: false })}
                    name={field.name}
                    inputRef={field.ref}
                    onBlur={field.onBlur}
                    required
                    autoFocus={!initialCustomerId}
                    error={Boolean(fieldState.error)}
                    helperText={fieldState.error?.message}
                  />
                )}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormTextField
                control={control}
                name="amount"
                label="Montant reçu"
                required
                slotProps={{ htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">€</InputAdornment> } }}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormDateField control={control} name="date" label="Date de réception" />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormTextField control={control} name="method" label="Moyen de paiement" select helperText={values.method === 'cash' ? 'En caisse (53), journal CA.' : 'En banque (512), journal BQ.'}>
                {PAYMENT_METHODS.map((m) => (
                  <MenuItem key={m} value={m}>
                    {PAYMENT_METHOD_LABELS[m]}
                  </MenuItem>
                ))}
              </FormTextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormTextField control={control} name="reference" label="Référence" helperText="N° de chèque, libellé du virement…" />
            </Grid>
          </Grid>
        </Paper>

        <Paper component="section" aria-labelledby="alloc-title" sx={{ p: 2 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1, flexWrap: 'wrap' }}>
            <Typography variant="h3" id="alloc-title" sx={{ flexGrow: 1 }}>
              Les factures qu’il règle
            </Typography>
            {manual && open.length > 0 && (
              <Button size="small" startIcon={<AutorenewIcon />} onClick={() => setValue('manual', false)}>
                Laisser Encours répartir
              </Button>
            )}
          </Box>
          {!customerId ? (
            <Typography color="text.secondary">Choisissez le client : ses factures non réglées s’affichent ici.</Typography>
          ) : list.isLoading ? (
            <Typography color="text.secondary">Chargement des factures…</Typography>
          ) : open.length === 0 && recoverable.length === 0 ? (
            <Alert severity="info" variant="outlined">
              Ce client n’a aucune facture à régler : le montant reçu sera gardé en avance (4191), à imputer sur une prochaine facture ou à rembourser.
            </Alert>
          ) : (
            <>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                {manual
                  ? 'Répartition choisie à la main.'
                  : open.length === 0
                    ? 'Ce client n’a plus de facture ouverte : sans imputation de votre part, le montant reçu reste en avance.'
                    : 'Encours règle d’abord les factures dont le client déduit l’escompte, puis les plus anciennes. Modifiez un montant pour répartir vous-même.'}
              </Typography>
              <Table size="small" aria-label="Répartition du règlement">
                <TableHead>
                  <TableRow>
                    <TableCell>Facture</TableCell>
                    <TableCell>Échéance</TableCell>
                    <TableCell sx={amountSx}>Reste dû</TableCell>
                    <TableCell sx={{ ...amountSx, width: 170 }}>Imputer</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {open.map((inv) => {
                    const k = keyOf(inv.id);
                    const offer = escompteStillOpen(inv, date);
                    const ticked = Boolean(chosen[k]?.escompte);
                    // An escompte ticked stays shown (and sent) even once expired: the main process says why it is refused.
                    const terms = offer ?? (ticked ? inv.escompte : undefined);
                    return [
                      <TableRow key={inv.id} data-testid={`alloc-${inv.number ?? inv.id}`} sx={{ '& td': { verticalAlign: 'top', ...(terms ? { borderBottom: 0 } : {}) } }}>
                        <TableCell>
                          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                            <Box component="span" sx={{ fontWeight: 600 }}>
                              {inv.number}
                            </Box>
                            <InvoiceStatusChip invoice={inv} />
                          </Box>
                          <Typography variant="caption" color="text.secondary">
                            du {formatDateShort(inv.date)} · {formatEuro(inv.totals.gross)} TTC
                          </Typography>
                        </TableCell>
                        <TableCell>{formatDateShort(inv.dueDate)}</TableCell>
                        <TableCell sx={amountSx}>{formatEuro(inv.outstanding)}</TableCell>
                        <TableCell sx={amountSx}>
                          {amountField(inv.id, inv.number)}
                        </TableCell>
                      </TableRow>,
                      terms ? (
                        <TableRow key={`${inv.id}-escompte`}>
                          <TableCell colSpan={4} sx={{ pt: 0 }}>
                            <FormControlLabel
                              sx={{ ml: 0 }}
                              control={<Checkbox size="small" checked={ticked} onChange={(e) => toggleEscompte(inv, e.target.checked)} />}
                              label={
                                <Typography variant="body2">
                                  Le client déduit l’escompte de {formatPercent(terms.percent)} : {formatEuro(terms.amountDue)} au lieu de {formatEuro(inv.outstanding)} (jusqu’au {formatDateShort(terms.deadline)})
                                </Typography>
                              }
                            />
                          </TableCell>
                        </TableRow>
                      ) : null,
                    ];
                  })}
                  {recoverable.length > 0 && (
                    <TableRow>
                      <TableCell colSpan={4} sx={{ pt: 2 }}>
                        <Typography variant="subtitle2">Factures passées en perte</Typography>
                        <Typography variant="caption" color="text.secondary">
                          Ce qui est imputé ici est une rentrée sur créance amortie (produit, 7583), et la TVA correspondante est de nouveau due. Encours ne l’impute jamais de lui-même.
                        </Typography>
                      </TableCell>
                    </TableRow>
                  )}
                  {recoverable.map((r) => (
                    <TableRow key={`recoverable-${r.invoiceId}`} data-testid={`recover-${r.invoiceNumber}`} sx={{ '& td': { verticalAlign: 'top' } }}>
                      <TableCell>
                        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                          <Box component="span" sx={{ fontWeight: 600 }}>
                            {r.invoiceNumber}
                          </Box>
                          <StatusChip status="written_off" />
                        </Box>
                        <Typography variant="caption" color="text.secondary">
                          passée en perte le {formatDateShort(r.writtenOffOn)} · {formatEuro(r.writtenOff)} TTC{toCents(r.recovered) > 0n ? ` · ${formatEuro(r.recovered)} déjà recouvrés` : ''}
                        </Typography>
                      </TableCell>
                      <TableCell />
                      <TableCell sx={amountSx}>{formatEuro(r.left)}</TableCell>
                      <TableCell sx={amountSx}>{amountField(r.invoiceId, r.invoiceNumber)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
                <TableFooter>
                  <TableRow sx={{ '& td': { fontWeight: 600, color: 'text.primary', fontSize: '0.875rem' } }}>
                    <TableCell colSpan={3}>Total imputé</TableCell>
                    <TableCell sx={amountSx} data-testid="allocated-total">
                      {manual ? formatEuro(typed) : allocated === undefined ? '—' : formatEuro(allocated)}
                    </TableCell>
                  </TableRow>
                </TableFooter>
              </Table>
              {recoverable.length > 0 && !manual && plan && toCents(plan.advance) > 0n && (
                <Alert
                  severity="warning"
                  variant="outlined"
                  sx={{ mt: 2 }}
                  data-testid="recovery-offer"
                >
                  {open.length === 0 ? 'Ce client n’a plus de facture à régler, mais ' : 'Ce règlement dépasse ses factures, et '}
                  {recoverable.length === 1 ? `la facture ${recoverable[0]?.invoiceNumber} a été passée en perte (${formatEuro(recoverable[0]?.left ?? '0.00')} à recouvrer)` : `${recoverable.length} factures ont été passées en perte`}.
                  {' '}Si l’argent reçu la concerne, imputez-le dessus : c’est une rentrée sur créance amortie (7583) et la TVA correspondante est de nouveau due. Sinon, il reste en avance au client.
                  <Box sx={{ mt: 1 }}>
                    <Button color="inherit" variant="outlined" size="small" onClick={() => recover(recoverable[0] as Recoverable)}>
                      Imputer sur {recoverable[0]?.invoiceNumber}
                    </Button>
                  </Box>
                </Alert>
              )}
            </>
          )}
        </Paper>
      </Stack>

      <Stack spacing={2} sx={{ position: { lg: 'sticky' }, top: { lg: 88 }, minWidth: 0 }}>
        <Paper component="section" aria-labelledby="pay-summary" sx={{ p: 2 }}>
          <Typography variant="h3" id="pay-summary" sx={{ mb: 1 }}>
            Répartition
          </Typography>
          <Table size="small" sx={{ '& td': { px: 0.5 } }} aria-label="Répartition du montant">
            <TableBody>
              <TableRow>
                <TableCell>Montant reçu</TableCell>
                <TableCell sx={amountSx}>{received ? formatEuro(received.toFixed(2)) : '—'}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell>Imputé sur les factures</TableCell>
                <TableCell sx={amountSx}>{allocated === undefined ? '—' : formatEuro(allocated)}</TableCell>
              </TableRow>
              {plan && toCents(plan.surplus) > 0n && (
                <TableRow>
                  <TableCell>Payé en trop, gardé en produit</TableCell>
                  <TableCell sx={amountSx}>{formatEuro(plan.surplus)}</TableCell>
                </TableRow>
              )}
              {plan && values.settleDifference && difference.short > 0n && (
                <TableRow>
                  <TableCell>Écart soldé en charge</TableCell>
                  <TableCell sx={amountSx} data-testid="difference">
                    {formatEuro(difference.short)}
                  </TableCell>
                </TableRow>
              )}
              <TableRow sx={{ '& td': { fontWeight: 600, borderBottom: 0 } }}>
                <TableCell>Reste : gardé en avance</TableCell>
                <TableCell sx={amountSx} data-testid="advance">
                  {plan ? formatEuro(plan.advance) : '—'}
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
          {difference.shown && (
            <Controller
              name="settleDifference"
              control={control}
              render={({ field, fieldState }) => (
                <FormControl error={Boolean(fieldState.error)} sx={{ mt: 1 }}>
                  <FormControlLabel
                    sx={{ alignItems: 'flex-start', ml: 0 }}
                    control={<Checkbox size="small" sx={{ pt: 0.25 }} name={field.name} slotProps={{ input: { ref: field.ref } }} checked={Boolean(field.value)} onChange={(e) => field.onChange(e.target.checked)} />}
                    label={<Typography variant="body2">{differenceLabel(difference)}</Typography>}
                  />
                  <FormHelperText sx={{ ml: 4 }}>{fieldState.error?.message ?? `Écart de règlement accepté jusqu’à ${formatEuro(difference.threshold)} (Paramètres › Entreprise).`}</FormHelperText>
                </FormControl>
              )}
            />
          )}
          {noneChosen && (
            <Alert severity="info" variant="outlined" sx={{ mt: 1 }}>
              Aucune facture choisie : Encours imputera le règlement aux factures les plus anciennes, comme le montre l’écriture.
            </Alert>
          )}
          <Button type="submit" variant="contained" fullWidth sx={{ mt: 2 }} disabled={preview.refusal !== null} loading={record.isPending}>
            {received?.gt(0) ? `Enregistrer le règlement de ${formatEuro(received.toFixed(2))}` : 'Enregistrer le règlement'}
          </Button>
        </Paper>
        <PostingPreviewPanel
          preview={preview}
          saidUnderField={saidUnderField}
          title="Ce que ce règlement écrit dans vos comptes"
          emptyText="Indiquez le client et le montant reçu : l’écriture s’affiche ici au fur et à mesure."
        />
      </Stack>
      <ErrorDialog message={refusal} onClose={() => setRefusal(null)} />
      {guard.dialog}
    </Box>
  );
}
