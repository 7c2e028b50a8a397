import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch, type Resolver } from 'react-hook-form';
import { JOURNALS } from '../../../shared/accounts';
import type { RequestInput } from '../../../shared/contract';
import { LedgerPostRequest, type Entry } from '../../../shared/domain/ledger';
import { AppError } from '../../../shared/errors';
import { Dec, formatEuro, parseAmount } from '../../../shared/money';
import { AccountAutocomplete } from '../../components/AccountAutocomplete';
import { CustomerPicker } from '../../components/CustomerPicker';
import { FormDateField } from '../../components/form/FormDateField';
import { FormTextField } from '../../components/form/FormTextField';
import { PostingPreviewPanel } from '../../components/EntryPreview';
import { applyServerErrors, errorMessage, nestErrors, usePreviewFieldErrors } from '../../components/form/serverErrors';
import { inputText } from '../../lib/amounts';
import { needsAux } from '../../lib/format';
import { usePostingPreview } from '../../lib/preview';
import { useToday } from '../../lib/today';
import { usePostEntry } from './api';

const MANUAL_JOURNALS = ['OD', 'BQ', 'CA'] as const;
type ManualJournal = (typeof MANUAL_JOURNALS)[number];

const JOURNAL_HELP: Record<ManualJournal, string> = {
  OD: 'Corrections, reclassements, opérations de fin d’année.',
  BQ: 'Un mouvement de votre compte bancaire (512).',
  CA: 'Un mouvement d’espèces (53).',
};

interface LineValues {
  account: string;
  aux: string;
  label: string;
  debit: string;
  credit: string;
}

export interface EntryFormValues {
  journal: ManualJournal;
  date: string;
  pieceRef: string;
  label: string;
  lines: LineValues[];
}

const emptyLine = (): LineValues => ({ account: '', aux: '', label: '', debit: '', credit: '' });
const isBlank = (l: LineValues) => !l.account.trim() && !l.aux && !l.label.trim() && !l.debit.trim() && !l.credit.trim();

/** The request, without the lines left entirely blank; `index[k]` is the form line of request line k. */
function toRequest(v: EntryFormValues, bankLineId?: number): { request: RequestInput<'ledger.post'>; index: number[] } {
  const index: number[] = [];
  const lines = v.lines.flatMap((l, i) => {
    if (isBlank(l)) return [];
    index.push(i);
    return [{ account: l.account.trim(), aux: l.aux, label: l.label, debit: l.debit, credit: l.credit }];
  });
  return { request: { journal: v.journal, date: v.date, pieceRef: v.pieceRef, label: v.label, lines, ...(bankLineId !== undefined ? { bankLineId } : {}) }, index };
}

/** "lines.3.debit" of the request → "lines.7.debit" of the form. */
function formPath(path: string, index: number[]): string {
  const m = /^lines\.(\d+)(\..*)?$/.exec(path);
  if (!m) return path;
  const i = index[Number(m[1])];
  return i === undefined ? 'lines' : `lines.${i}${m[2] ?? ''}`;
}

/**
 * The form's field of a main-process field error. The core names "account" or "aux" without the line:
 * the line is the one its message names (or, for a customer missing, the first 41x line without one).
 */
const fieldOf = (index: number[], values: EntryFormValues, messages: Record<string, string> | undefined) => (path: string) => {
  let target = formPath(path, index);
  const message = messages?.[path] ?? '';
  if (target === 'account') {
    const n = values.lines.findIndex((l) => l.account && message.includes(l.account));
    if (n >= 0) target = `lines.${n}.account`;
  }
  if (target === 'aux') {
    const n = values.lines.findIndex((l) => (l.aux && message.includes(l.aux)) || (needsAux(l.account) && !l.aux));
    if (n >= 0) target = `lines.${n}.aux`;
  }
  return ['journal', 'date', 'pieceRef', 'label'].includes(target) || /^lines\.\d+\.(account|aux|label|debit|credit)$/.test(target) ? target : null;
};

/** Set while the form is being submitted: only then are the whole-entry checks said. */
type ResolverContext = { submitting: boolean };

/**
 * The checks of the main process, before it is asked: the same schema, and what a line needs. While the
 * user types, only what is wrong in a field is said (an amount mistyped, a customer missing); what is
 * merely not filled yet (an account, an amount, the second line) waits for the submission.
 */
const resolver: Resolver<EntryFormValues, ResolverContext> = async (values, ctx) => {
  const submitting = ctx?.submitting ?? true;
  const { request, index } = toRequest(values);
  const flat: Record<string, string> = {};
  const parsed = LedgerPostRequest.safeParse(request);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = formPath(issue.path.join('.'), index);
      if (!submitting && (path === 'lines' || /^lines\.\d+\.account$/.test(path))) continue;
      flat[path] ??= issue.message;
    }
  }
  request.lines.forEach((l, k) => {
    const at = `lines.${index[k]}`;
    const debit = parseAmount(l.debit ?? '');
    const credit = parseAmount(l.credit ?? '');
    if (!l.account && submitting) flat[`${at}.account`] = 'Choisissez le compte.';
    if (l.account && needsAux(l.account) && !l.aux) flat[`${at}.aux`] ??= `Le compte ${l.account} se tient client par client : choisissez le client.`;
    if (debit && credit && !debit.isZero() && !credit.isZero()) flat[`${at}.credit`] ??= 'Un montant au débit ou au crédit, pas les deux.';
    if (!l.debit?.trim() && !l.credit?.trim() && submitting) flat[`${at}.debit`] ??= 'Indiquez un montant au débit ou au crédit.';
  });
  if (flat.lines) {
    // "At least two lines": said on the first line.
    flat['lines.0.account'] ??= flat.lines;
    delete flat.lines;
  }
  return Object.keys(flat).length > 0 ? { values: {}, errors: nestErrors<EntryFormValues>(flat) } : { values, errors: {} };
};

function totals(lines: LineValues[]) {
  let debit = new Dec(0);
  let credit = new Dec(0);
  let invalid = false;
  for (const l of lines) {
    for (const [text, side] of [[l.debit, 'd'], [l.credit, 'c']] as const) {
      if (!text.trim()) continue;
      const v = parseAmount(text);
      if (!v || v.isNegative()) invalid = true;
      else if (side === 'd') debit = debit.plus(v);
      else credit = credit.plus(v);
    }
  }
  const diff = debit.minus(credit);
  return { debit, credit, diff, invalid, balanced: !invalid && diff.isZero() && debit.gt(0) };
}

const money = (d: InstanceType<typeof Dec>) => formatEuro(d.toFixed(2));

function BalanceBar({ lines }: { lines: LineValues[] }) {
  const t = totals(lines);
  let message: string;
  if (t.invalid) message = 'Un montant est mal écrit : des chiffres, une virgule et deux décimales au plus (ex. 1 234,56).';
  else if (t.debit.isZero() && t.credit.isZero()) message = 'Saisissez les montants : le total des débits doit égaler le total des crédits.';
  else if (t.diff.gt(0)) message = `Il manque ${money(t.diff)} au crédit pour équilibrer l’écriture.`;
  else if (t.diff.lt(0)) message = `Il manque ${money(t.diff.neg())} au débit pour équilibrer l’écriture.`;
  else message = 'L’écriture est équilibrée.';
  return (
    <Box
      role="status"
      aria-label="Équilibre de l’écriture"
      sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 3, rowGap: 0.5, alignItems: 'center', p: 1.5, borderRadius: 1, bgcolor: t.balanced ? '#edf7ed' : 'grey.50', border: 1, borderColor: t.balanced ? 'success.light' : 'divider' }}
    >
      <Typography>
        Total débit <strong data-testid="total-debit">{money(t.debit)}</strong>
      </Typography>
      <Typography>
        Total crédit <strong data-testid="total-credit">{money(t.credit)}</strong>
      </Typography>
      <Typography>
        Écart <strong data-testid="difference">{money(t.diff.abs())}</strong>
      </Typography>
      <Chip size="small" color={t.balanced ? 'success' : 'warning'} label={t.balanced ? 'Équilibrée' : 'Déséquilibrée'} />
      <Typography color={t.balanced ? 'success.main' : 'text.secondary'} sx={{ flexBasis: '100%' }}>
        {message}
      </Typography>
    </Box>
  );
}

/** What the dialog opens with, and the bank line it posts (« Banque »: the line's date, label and amount on 512). */
export interface EntryDialogStart {
  values: Partial<EntryFormValues>;
  bankLineId?: number;
  title?: string;
  /** Said above the form (the bank line the entry posts). */
  intro?: string;
}

/** A manual entry (OD, bank, cash): lines, live totals, posted only once balanced. */
export function EntryDialog({ open, onClose, onPosted, start }: { open: boolean; onClose: () => void; onPosted: (e: Entry) => void; start?: EntryDialogStart | undefined }) {
  const post = usePostEntry();
  const today = useToday();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [context] = useState<ResolverContext>(() => ({ submitting: false }));
  const { control, handleSubmit, setError, clearErrors, getFieldState, getValues, setValue } = useForm<EntryFormValues, ResolverContext>({
    resolver,
    context,
    defaultValues: { journal: 'OD', date: today, pieceRef: '', label: '', lines: [emptyLine(), emptyLine()], ...start?.values },
    mode: 'onTouched',
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'lines' });
  const values = useWatch({ control }) as EntryFormValues;
  const { lines, journal } = values;
  const balanced = totals(lines).balanced;
  // Once balanced, the main process checks the entry as it would post it (accounts, customer, period…).
  const bankLineId = start?.bankLineId;
  const { request, index } = toRequest(values, bankLineId);
  const preview = usePostingPreview('ledger.post', balanced ? request : null);
  const saidUnderField = usePreviewFieldErrors(preview.refusal, { setError, clearErrors, getFieldState }, fieldOf(index, values, preview.refusal?.fieldErrors));

  const addLine = () => {
    // The new line proposes what is missing, on the side where it is missing.
    const { diff, invalid } = totals(getValues('lines'));
    const line = emptyLine();
    if (!invalid && diff.gt(0)) line.credit = inputText(diff.toFixed(2));
    if (!invalid && diff.lt(0)) line.debit = inputText(diff.neg().toFixed(2));
    append(line, { focusName: `lines.${fields.length}.account` });
  };

  const validateAndPost = handleSubmit(async () => {
    setRefusal(null);
    const sent = getValues();
    const { request: req, index: at } = toRequest(sent, bankLineId);
    try {
      const entry = await post.mutateAsync(req);
      onPosted(entry);
    } catch (err) {
      const fieldErrors = err instanceof AppError ? err.fieldErrors : undefined;
      const placed = applyServerErrors(err, setError, fieldOf(at, sent, fieldErrors));
      // A refusal of the entry as a whole (closed year, unbalanced…) is said in words above the form.
      const fullyPlaced = err instanceof AppError && err.code === 'VALIDATION' && placed.length > 0 && placed.length === Object.keys(fieldErrors ?? {}).length;
      if (!fullyPlaced) setRefusal(errorMessage(err));
    }
  });

  const submit = async () => {
    context.submitting = true;
    try {
      await validateAndPost();
    } finally {
      context.submitting = false;
    }
  };

  return (
    <Dialog open={open} onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="entry-dialog-title">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <DialogTitle id="entry-dialog-title">{start?.title ?? 'Nouvelle écriture'}</DialogTitle>
        <DialogContent dividers>
          <Alert severity="info" variant="outlined" sx={{ mb: 2 }}>
            Une écriture validée reçoit son numéro et son empreinte : elle ne peut plus être modifiée ni supprimée. Une erreur se corrige par une nouvelle écriture. Les factures et règlements s’écrivent tout seuls : ne les saisissez pas ici.
          </Alert>
          {start?.intro && (
            <Alert severity="success" variant="outlined" sx={{ mb: 2 }} data-testid="entry-intro">
              {start.intro}
            </Alert>
          )}
          {refusal && (
            <Alert severity="error" sx={{ mb: 2 }} onClose={() => setRefusal(null)}>
              {refusal}
            </Alert>
          )}
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 3 }}>
              <FormTextField control={control} name="journal" label="Journal" select helperText={JOURNAL_HELP[journal]}>
                {MANUAL_JOURNALS.map((j) => (
                  <MenuItem key={j} value={j}>
                    {JOURNALS[j]} ({j})
                  </MenuItem>
                ))}
              </FormTextField>
            </Grid>
            <Grid size={{ xs: 12, md: 3 }}>
              <FormDateField control={control} name="date" label="Date de l’écriture" />
            </Grid>
            <Grid size={{ xs: 12, md: 2 }}>
              <FormTextField control={control} name="pieceRef" label="N° de pièce" required helperText="Relevé, ticket, note…" />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <FormTextField control={control} name="label" label="Libellé" required helperText="Ce que l’opération est, en quelques mots." />
            </Grid>
          </Grid>
          <Typography variant="h3" sx={{ mt: 3, mb: 1.5 }}>
            Lignes
          </Typography>
          <Box role="list" aria-label="Lignes de l’écriture" sx={{ display: 'grid', gap: 1.5 }}>
            {fields.map((f, i) => {
              const account = lines[i]?.account ?? '';
              const auxNeeded = needsAux(account);
              return (
                <Box
                  role="listitem"
                  key={f.id}
                  aria-label={`Ligne ${i + 1}`}
                  sx={{ display: 'grid', gridTemplateColumns: '28px minmax(260px, 2.6fr) minmax(200px, 1.9fr) minmax(140px, 1.3fr) 130px 130px 40px', gap: 1, alignItems: 'start' }}
                >
                  <Typography color="text.secondary" sx={{ pt: 1, textAlign: 'right' }}>
                    {i + 1}
                  </Typography>
                  <Controller
                    control={control}
                    name={`lines.${i}.account`}
                    render={({ field, fieldState }) => (
                      <AccountAutocomplete
                        minDigits={3}
                        label="Compte"
                        ariaLabel={`Compte, ligne ${i + 1}`}
                        value={field.value}
                        onChange={(v) => {
                          field.onChange(v);
                          if (!needsAux(v) && getValues(`lines.${i}.aux`)) setValue(`lines.${i}.aux`, '');
                        }}
                        name={field.name}
                        inputRef={field.ref}
                        onBlur={field.onBlur}
                        error={Boolean(fieldState.error)}
                        helperText={fieldState.error?.message}
                      />
                    )}
                  />
                  <Controller
                    control={control}
                    name={`lines.${i}.aux`}
                    render={({ field, fieldState }) => (
                      <CustomerPicker
                        label="Client"
                        ariaLabel={`Client, ligne ${i + 1}`}
                        value={field.value}
                        onChange={field.onChange}
                        name={field.name}
                        inputRef={field.ref}
                        onBlur={field.onBlur}
                        disabled={!auxNeeded && !field.value}
                        placeholder={auxNeeded ? 'Choisissez le client' : 'Comptes 41x et 491'}
                        error={Boolean(fieldState.error)}
                        helperText={fieldState.error?.message}
                      />
                    )}
                  />
                  <FormTextField control={control} name={`lines.${i}.label`} label="Libellé de la ligne" placeholder="Celui de l’écriture" slotProps={{ htmlInput: { 'aria-label': `Libellé, ligne ${i + 1}` } }} />
                  <FormTextField
                    control={control}
                    name={`lines.${i}.debit`}
                    label="Débit"
                    slotProps={{ htmlInput: { inputMode: 'decimal', 'aria-label': `Débit, ligne ${i + 1}`, style: { textAlign: 'right' } }, input: { endAdornment: <InputAdornment position="end">€</InputAdornment> } }}
                  />
                  <FormTextField
                    control={control}
                    name={`lines.${i}.credit`}
                    label="Crédit"
                    slotProps={{ htmlInput: { inputMode: 'decimal', 'aria-label': `Crédit, ligne ${i + 1}`, style: { textAlign: 'right' } }, input: { endAdornment: <InputAdornment position="end">€</InputAdornment> } }}
                  />
                  <IconButton aria-label={`Supprimer la ligne ${i + 1}`} onClick={() => remove(i)} disabled={fields.length <= 2} sx={{ mt: 0.25 }}>
                    <DeleteOutlineIcon />
                  </IconButton>
                </Box>
              );
            })}
          </Box>
          <Button startIcon={<AddIcon />} onClick={addLine} sx={{ mt: 1.5 }}>
            Ajouter une ligne
          </Button>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 2fr) minmax(0, 3fr)' }, gap: 2, alignItems: 'start', mt: 2 }}>
            <BalanceBar lines={lines} />
            <PostingPreviewPanel
              preview={preview}
              saidUnderField={saidUnderField}
              title="Ce que cette écriture écrit dans vos comptes"
              emptyText="Une fois l’écriture équilibrée, Encours la contrôle comme à la validation et la montre ici, ligne par ligne."
            />
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Annuler</Button>
          <Button type="submit" variant="contained" loading={post.isPending} disabled={!balanced || preview.refusal !== null}>
            Valider l’écriture
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
