import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import InputAdornment from '@mui/material/InputAdornment';
import Link from '@mui/material/Link';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Controller, FormProvider, useForm, useWatch, type Resolver } from 'react-hook-form';
import type { RequestInput } from '../../../shared/contract';
import { addDays, formatDateShort } from '../../../shared/dates';
import type { Company } from '../../../shared/domain/company';
import { InvoiceCreateRequest, type Invoice } from '../../../shared/domain/invoice';
import { AppError } from '../../../shared/errors';
import { formatEuro, formatPercent } from '../../../shared/money';
import { useCustomer } from '../../components/CustomerSelect';
import { PostingPreviewPanel } from '../../components/EntryPreview';
import { ErrorDialog } from '../../components/ErrorDialog';
import { DeleteDraftDialog, DraftActions, DraftFormLayout, FormCustomerField, FormSection, IncompleteLinesNote, percentSlotProps, SavedNotice, useGuardedNavigate } from '../../components/form/DraftForm';
import { FormDateField } from '../../components/form/FormDateField';
import { FormTextField } from '../../components/form/FormTextField';
import { focusedFieldName, useFocusFromNavigation } from '../../components/form/focusAcrossNavigation';
import { useDraftShortcuts } from '../../components/form/useDraftShortcuts';
import { applyServerErrors, errorMessage, nestErrors, usePreviewFieldErrors } from '../../components/form/serverErrors';
import { WarningsAlert } from '../../components/WarningsAlert';
import { inputText } from '../../lib/amounts';
import { usePostingPreview } from '../../lib/preview';
import { useToday } from '../../lib/today';
import { useDeleteInvoice, useSaveInvoice, useValidateInvoice } from './api';
import { LineTotalsTable, LinesEditor } from './LinesEditor';
import { LINE_FIELDS, lineFormPath, linesToForm, linesToRequest, useLineTotals, type LineValues } from './lines';

export interface InvoiceFormValues {
  customerId: number | null;
  date: string;
  dueDate: string;
  deliveryDate: string;
  orderRef: string;
  lines: LineValues[];
  discountPercent: string;
  escompte: 'none' | 'yes';
  escomptePercent: string;
  escompteDays: string;
  notes: string;
  /** The unit prices are typed TTC; the main process derives the HT prices (shared/prices-with-tax.ts). */
  pricesIncludeTax: boolean;
}


function toForm(inv: Invoice | undefined, noVat: boolean, customerId: number | null, today: string): InvoiceFormValues {
  return {
    customerId: inv?.customerId ?? customerId,
    date: inv?.date ?? today,
    dueDate: inv?.dueDate ?? '',
    deliveryDate: inv?.deliveryDate ?? '',
    orderRef: inv?.orderRef ?? '',
    lines: linesToForm(inv?.lines, noVat),
    discountPercent: inputText(inv?.discountPercent),
    escompte: inv?.escompte ? 'yes' : 'none',
    escomptePercent: inputText(inv?.escompte?.percent),
    escompteDays: inv?.escompte ? String(inv.escompte.days) : '',
    notes: inv?.notes ?? '',
    // A saved invoice keeps HT prices: it reopens in HT.
    pricesIncludeTax: false,
  };
}

/** The request (lines left entirely blank dropped); `index[k]` is the form line of request line k. */
function toRequest(v: InvoiceFormValues, noVat: boolean): { request: RequestInput<'invoice.create'>; index: number[] } {
  const { lines, index } = linesToRequest(v.lines, noVat);
  const days = v.escompteDays.trim();
  return {
    index,
    request: {
      customerId: v.customerId ?? 0,
      date: v.date,
      dueDate: v.dueDate,
      deliveryDate: v.deliveryDate,
      orderRef: v.orderRef,
      lines,
      discountPercent: v.discountPercent,
      escompte: v.escompte === 'yes' ? { percent: v.escomptePercent, days: /^\d+$/.test(days) ? Number(days) : (days as unknown as number) } : null,
      notes: v.notes,
      ...(v.pricesIncludeTax && !noVat ? { pricesIncludeTax: true } : {}),
    },
  };
}

/** A request path ("lines.2.quantity", "escompte.days") → the form's field. */
function formPath(path: string, index: number[]): string {
  if (path === 'escompte.percent' || path === 'escompte') return 'escomptePercent';
  if (path === 'escompte.days') return 'escompteDays';
  return lineFormPath(path, index) ?? path;
}

const FORM_FIELDS = new RegExp(`^(customerId|date|dueDate|deliveryDate|orderRef|notes|discountPercent|escomptePercent|escompteDays|${LINE_FIELDS})$`);

/** The form's field of a main-process field error ("Une facture a au moins une ligne" stays for a dialog). */
const fieldOf = (index: number[]) => (path: string) => {
  const field = formPath(path, index);
  return FORM_FIELDS.test(field) && path !== 'lines' ? field : null;
};

/** The main process's own schema judges the request about to be sent, field by field. */
function makeResolver(noVat: boolean): Resolver<InvoiceFormValues> {
  return async (values) => {
    const { request, index } = toRequest(values, noVat);
    const flat: Record<string, string> = {};
    if (!values.customerId) flat.customerId = 'Choisissez le client à facturer.';
    const parsed = InvoiceCreateRequest.safeParse(request);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = formPath(issue.path.join('.'), index);
        if (path === 'customerId') continue;
        flat[path] ??= issue.message;
      }
    }
    if (values.escompte === 'yes' && !values.escompteDays.trim()) flat.escompteDays ??= 'Indiquez le délai en jours.';
    return Object.keys(flat).length > 0 ? { values: {}, errors: nestErrors<InvoiceFormValues>(flat) } : { values, errors: {} };
  };
}

function DueDateField({ control, auto, terms, onManual, onAuto }: { control: ReturnType<typeof useForm<InvoiceFormValues>>['control']; auto: boolean; terms: number | null; onManual: () => void; onAuto: () => void }) {
  return (
    <Controller
      name="dueDate"
      control={control}
      render={({ field, fieldState }) => (
        <DatePicker
          label="Échéance"
          value={field.value ? dayjs(field.value) : null}
          onChange={(d) => {
            onManual();
            field.onChange(d && d.isValid() ? d.format('YYYY-MM-DD') : '');
          }}
          inputRef={field.ref}
          slotProps={{
            textField: {
              name: field.name,
              onBlur: field.onBlur,
              error: Boolean(fieldState.error),
              size: 'small',
              fullWidth: true,
              helperText: auto ? (
                (fieldState.error?.message ?? (terms !== null ? `Délai du client : ${terms} jours` : 'D’après le délai du client'))
              ) : (
                <>
                  {fieldState.error?.message ?? 'Fixée à la main.'}{' '}
                  <Link component="button" type="button" onClick={onAuto} sx={{ verticalAlign: 'baseline' }}>
                    Revenir au délai du client
                  </Link>
                </>
              ),
            },
          }}
        />
      )}
    />
  );
}

type CreditLimitAsk = { id: number; message: string };

/**
 * A new invoice or a draft: customer, dates, lines, conditions; live totals per rate and the entry it will
 * post; « Enregistrer le brouillon » (Ctrl+S) or « Valider la facture » after a confirmation that names
 * the consequence.
 */
export function InvoiceForm({ company, invoice, initialCustomerId }: { company: Company; invoice?: Invoice; initialCustomerId?: number | null }) {
  useFocusFromNavigation();
  const today = useToday();
  const noVat = company.vatRegime === 'franchise';
  const save = useSaveInvoice();
  const validate = useValidateInvoice();
  const remove = useDeleteInvoice();
  const [resolver] = useState(() => makeResolver(noVat));
  const form = useForm<InvoiceFormValues>({
    resolver,
    defaultValues: toForm(invoice, noVat, initialCustomerId ?? null, today),
    mode: 'onTouched',
  });
  const { control, handleSubmit, setError, clearErrors, getFieldState, setValue, getValues, reset, formState } = form;
  const values = useWatch({ control }) as InvoiceFormValues;
  const { lines, customerId, date, discountPercent, escompte: escompteMode, pricesIncludeTax } = values;
  const ttc = pricesIncludeTax && !noVat;
  const customer = useCustomer(customerId).data;
  // A new invoice follows the customer's terms; a draft does if its due date still matches them (known once the customer is read).
  const [dueAutoState, setDueAuto] = useState<boolean | null>(invoice ? null : true);
  const dueAuto = dueAutoState ?? (invoice && customer ? invoice.dueDate === addDays(invoice.date, customer.paymentTermsDays) : false);
  const [confirming, setConfirming] = useState(false);
  // Leaving with unsaved changes asks first; the form's own navigations (after a save) go through.
  const guard = useGuardedNavigate(formState.isDirty, 'Cette facture');
  const go = guard.go;
  const [deleting, setDeleting] = useState(false);
  const [creditLimit, setCreditLimit] = useState<CreditLimitAsk | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>(invoice?.warnings ?? []);
  const [notice, setNotice] = useState<string | null>(null);
  const busy = save.isPending || validate.isPending;

  // The due date follows the customer's terms until the owner sets it by hand.
  useEffect(() => {
    if (dueAuto && customer && /^\d{4}-\d{2}-\d{2}$/.test(date)) setValue('dueDate', addDays(date, customer.paymentTermsDays), { shouldValidate: false });
  }, [dueAuto, customer, date, setValue]);

  const { nets, totals, incomplete, discountPercent: invoiceDiscount } = useLineTotals(lines, discountPercent, noVat, pricesIncludeTax);
  // The entry comes from the main process: the invoice created and validated, then rolled back (the number
  // shown is the next one). The credit limit is asked at the real validation, not here.
  const { request, index } = toRequest(values, noVat);
  const preview = usePostingPreview('invoice.create', customerId ? { ...request, validate: true, overrideCreditLimit: true } : null);
  const saidUnderField = usePreviewFieldErrors(preview.refusal, { setError, clearErrors, getFieldState }, fieldOf(index));
  const escompteDue = escompteMode === 'yes' && !preview.refusal ? preview.result?.escompte : undefined;

  /** Puts the main process's field errors under the fields; what cannot be placed goes to a dialog. */
  const placeErrors = (err: unknown, sent: number[]) => {
    if (applyServerErrors(err, setError, fieldOf(sent)).length === 0) setRefusal(errorMessage(err));
  };

  /** Saves the draft (create or update); returns the invoice, or null when refused. */
  const saveDraft = async (): Promise<Invoice | null> => {
    const { request, index } = toRequest(getValues(), noVat);
    try {
      const saved = await save.mutateAsync({ id: invoice?.id, values: request });
      setWarnings(saved.warnings ?? []);
      return saved;
    } catch (err) {
      placeErrors(err, index);
      return null;
    }
  };

  const onSaveDraft = handleSubmit(async () => {
    const saved = await saveDraft();
    if (!saved) return;
    // The saved draft opens under its own address: the field the owner was typing in keeps the focus there.
    if (!invoice) void go(`/factures/${saved.id}`, { replace: true, state: { notice: 'Brouillon enregistré. Il n’a pas encore de numéro : validez-le quand il est prêt.', warnings: saved.warnings ?? [], focus: focusedFieldName() } });
    else {
      // What is saved is the new starting point: leaving now loses nothing.
      reset(getValues());
      setNotice('Brouillon enregistré.');
    }
  });

  const runValidate = async (id: number, override: boolean) => {
    try {
      const done = await validate.mutateAsync({ id, ...(override ? { overrideCreditLimit: true } : {}) });
      void go(`/factures/${done.id}`, { replace: true, state: { notice: `Facture ${done.number ?? ''} validée et écrite dans vos comptes.`, warnings: warnings } });
    } catch (err) {
      if (err instanceof AppError && err.code === 'CREDIT_LIMIT') setCreditLimit({ id, message: err.message });
      else {
        setRefusal(errorMessage(err));
        if (!invoice) void go(`/factures/${id}`, { replace: true });
      }
    }
  };

  const onValidate = async () => {
    setConfirming(false);
    const saved = await saveDraft();
    if (!saved) return;
    await runValidate(saved.id, false);
  };

  const askValidation = handleSubmit(() => setConfirming(true));

  useDraftShortcuts(onSaveDraft, askValidation);

  const year = /^\d{4}/.test(date) ? date.slice(0, 4) : today.slice(0, 4);

  return (
    <FormProvider {...form}>
      <DraftFormLayout
        onSubmit={() => void askValidation()}
        side={
          <>
            <FormSection id="inv-totals" title="Totaux" headingGap={1}>
              <LineTotalsTable totals={totals} noVat={noVat} discountPercent={invoiceDiscount} label="Totaux de la facture" />
              {ttc && !preview.refusal && (preview.result?.warnings ?? []).filter((w) => w.startsWith('Prix saisis TTC')).map((w) => (
                <Alert key={w} severity="info" sx={{ mt: 1 }} data-testid="ttc-rounding">
                  {w}
                </Alert>
              ))}
              {escompteDue && (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="escompte-due">
                  Escompte de {formatPercent(escompteDue.percent)} : le client paiera {formatEuro(escompteDue.amountDue)} s’il règle au plus tard le {formatDateShort(escompteDue.deadline)}.
                </Typography>
              )}
              <IncompleteLinesNote incomplete={incomplete} />
              <DraftActions
                submitLabel="Valider la facture"
                submitLoading={validate.isPending}
                saveLoading={save.isPending && !validate.isPending}
                busy={busy}
                onSave={() => void onSaveDraft()}
                onDelete={invoice ? () => setDeleting(true) : undefined}
              />
            </FormSection>
            <PostingPreviewPanel
              preview={preview}
              saidUnderField={saidUnderField}
              title="Ce que cette facture écrit dans vos comptes"
              emptyText="Choisissez le client et saisissez une ligne : l’écriture de la facture s’affiche ici au fur et à mesure."
              footer="Rien n’est écrit tant que la facture n’est pas validée : un brouillon ne compte pas. Le numéro indiqué est le prochain de la série : il n’est donné qu’à la validation."
            />
          </>
        }
        dialogs={
          <>
            <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="validate-title" maxWidth="sm" fullWidth>
              <DialogTitle id="validate-title">Valider la facture ?</DialogTitle>
              <DialogContent>
                <DialogContentText component="div">
                  <ul style={{ margin: 0, paddingLeft: 20 }}>
                    <li>Elle reçoit le prochain numéro de la série {year} (F{year}-…) : il est définitif et la numérotation reste sans trou.</li>
                    <li>
                      Elle s’écrit dans vos comptes : {customer?.name ?? 'le client'} vous devra <strong>{formatEuro(totals.gross)}</strong> TTC.
                    </li>
                    <li>Elle ne pourra plus être modifiée ni supprimée. Une erreur se corrigera par un avoir.</li>
                  </ul>
                </DialogContentText>
              </DialogContent>
              <DialogActions>
                <Button onClick={() => setConfirming(false)}>Revenir à la facture</Button>
                <Button variant="contained" onClick={() => void onValidate()} autoFocus>
                  Valider et numéroter
                </Button>
              </DialogActions>
            </Dialog>

            <Dialog open={creditLimit !== null} onClose={() => setCreditLimit(null)} aria-labelledby="credit-limit-title" maxWidth="sm" fullWidth>
              <DialogTitle id="credit-limit-title">Plafond d’encours dépassé</DialogTitle>
              <DialogContent>
                <DialogContentText>{creditLimit?.message}</DialogContentText>
                <DialogContentText sx={{ mt: 1.5 }}>La facture est enregistrée en brouillon. Vous pouvez la valider quand même, ou attendre un règlement du client.</DialogContentText>
              </DialogContent>
              <DialogActions>
                <Button
                  onClick={() => {
                    const id = creditLimit?.id;
                    setCreditLimit(null);
                    if (id && !invoice) void go(`/factures/${id}`, { replace: true });
                  }}
                >
                  Garder en brouillon
                </Button>
                <Button
                  variant="contained"
                  color="warning"
                  onClick={() => {
                    const id = creditLimit?.id;
                    setCreditLimit(null);
                    if (id) void runValidate(id, true);
                  }}
                >
                  Valider quand même
                </Button>
              </DialogActions>
            </Dialog>

            {guard.dialog}
            <DeleteDraftDialog
              open={deleting}
              onClose={() => setDeleting(false)}
              titleId="delete-title"
              text="Un brouillon n’a pas de numéro et n’est pas dans vos comptes : le supprimer ne laisse aucune trace."
              id={invoice?.id}
              remove={remove}
              onDeleted={() => void go('/factures', { replace: true })}
              onRefused={setRefusal}
            />

            <ErrorDialog message={refusal} onClose={() => setRefusal(null)} />
            <SavedNotice notice={notice} onClose={() => setNotice(null)} />
          </>
        }
      >
        <WarningsAlert warnings={warnings} onClose={() => setWarnings([])} testId="invoice-warnings" />
        <FormSection id="inv-customer" title="Client et dates">
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 8 }}>
              <FormCustomerField control={control} hint={customer?.creditLimit ? `Plafond d’encours : ${formatEuro(customer.creditLimit)}` : undefined} autoFocus={!invoice} />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormTextField control={control} name="orderRef" label="Bon de commande" helperText="Sa référence, s’il y en a un." />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormDateField control={control} name="date" label="Date de la facture" />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <DueDateField control={control} auto={dueAuto} terms={customer?.paymentTermsDays ?? null} onManual={() => setDueAuto(false)} onAuto={() => setDueAuto(true)} />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormDateField control={control} name="deliveryDate" label="Date de livraison" helperText="Si elle diffère de la facture." />
            </Grid>
          </Grid>
        </FormSection>

        <LinesEditor document="facture" title="Ce que vous facturez" noVat={noVat} nets={nets} />

        <FormSection id="inv-terms" title="Conditions">
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormTextField
                control={control}
                name="discountPercent"
                label="Remise sur toute la facture"
                helperText="Calculée une fois sur le total HT des lignes (après leurs propres remises), arrondie au centime."
                slotProps={percentSlotProps}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 8 }}>
              <Typography variant="body2" id="escompte-label" sx={{ fontWeight: 500 }}>
                Escompte pour paiement anticipé
              </Typography>
              <Controller
                name="escompte"
                control={control}
                render={({ field }) => (
                  <RadioGroup row aria-labelledby="escompte-label" value={field.value} onChange={(e) => field.onChange(e.target.value)}>
                    <FormControlLabel value="none" control={<Radio size="small" />} label="Néant" />
                    <FormControlLabel value="yes" control={<Radio size="small" />} label="Le client peut déduire un escompte" />
                  </RadioGroup>
                )}
              />
              {escompteMode === 'yes' ? (
                <Grid container spacing={1.5} sx={{ mt: 0.5 }}>
                  <Grid size={6}>
                    <FormTextField control={control} name="escomptePercent" label="Taux d’escompte" slotProps={percentSlotProps} />
                  </Grid>
                  <Grid size={6}>
                    <FormTextField
                      control={control}
                      name="escompteDays"
                      label="S’il paie sous"
                      slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'numeric' }, input: { endAdornment: <InputAdornment position="end">jours</InputAdornment> } }}
                    />
                  </Grid>
                </Grid>
              ) : (
                <Typography variant="caption" color="text.secondary">
                  La facture portera « Escompte pour paiement anticipé : néant », mention obligatoire.
                </Typography>
              )}
            </Grid>
            <Grid size={12}>
              <FormTextField control={control} name="notes" label="Notes imprimées sur la facture" multiline minRows={2} />
            </Grid>
          </Grid>
        </FormSection>
      </DraftFormLayout>
    </FormProvider>
  );
}
