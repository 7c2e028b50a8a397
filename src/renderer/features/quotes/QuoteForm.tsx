import Collapse from '@mui/material/Collapse';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Controller, FormProvider, useForm, useWatch, type Resolver } from 'react-hook-form';
import type { RequestInput } from '../../../shared/contract';
import type { Company } from '../../../shared/domain/company';
import { DEFAULT_QUOTE_VALIDITY_DAYS, QuoteCreateRequest, type Quote } from '../../../shared/domain/quote';
import { addDays } from '../../../shared/dates';
import { formatPercent } from '../../../shared/money';
import { ErrorDialog } from '../../components/ErrorDialog';
import { DeleteDraftDialog, DraftActions, DraftFormLayout, FormCustomerField, FormSection, IncompleteLinesNote, percentSlotProps, SavedNotice, useGuardedNavigate } from '../../components/form/DraftForm';
import { FormDateField } from '../../components/form/FormDateField';
import { FormTextField } from '../../components/form/FormTextField';
import { focusedFieldName, useFocusFromNavigation } from '../../components/form/focusAcrossNavigation';
import { useDraftShortcuts } from '../../components/form/useDraftShortcuts';
import { applyServerErrors, errorMessage, nestErrors } from '../../components/form/serverErrors';
import { WarningsAlert } from '../../components/WarningsAlert';
import { decimalOrNull, inputText } from '../../lib/amounts';
import { useToday } from '../../lib/today';
import { LINE_FIELDS, lineFormPath, linesToForm, linesToRequest, useLineTotals, type LineValues } from '../invoices/lines';
import { LinesEditor, LineTotalsTable } from '../invoices/LinesEditor';
import { useDeleteQuote, useSaveQuote, useSetQuoteStatus } from './api';

export interface QuoteFormValues {
  customerId: number | null;
  date: string;
  validUntil: string;
  lines: LineValues[];
  discountPercent: string;
  pricesIncludeTax: boolean;
  depositPercent: string;
  paymentTerms: string;
  consumerWork: boolean;
  workSite: string;
  travelCosts: string;
  notes: string;
}

function toForm(quote: Quote | undefined, noVat: boolean, customerId: number | null, today: string): QuoteFormValues {
  return {
    customerId: quote?.customerId ?? customerId,
    date: quote?.date ?? today,
    // A draft still on the default validity reopens with the field empty: moving its date moves its validity.
    validUntil: quote && quote.validUntil !== addDays(quote.date, DEFAULT_QUOTE_VALIDITY_DAYS) ? quote.validUntil : '',
    lines: linesToForm(quote?.lines, noVat),
    discountPercent: inputText(quote?.discountPercent),
    // A saved quote keeps HT prices: it reopens in HT.
    pricesIncludeTax: false,
    depositPercent: inputText(quote?.depositPercent),
    paymentTerms: quote?.paymentTerms ?? '',
    consumerWork: quote?.consumerWork ?? false,
    workSite: quote?.workSite ?? '',
    travelCosts: quote?.travelCosts ?? '',
    notes: quote?.notes ?? '',
  };
}

function toRequest(v: QuoteFormValues, noVat: boolean): { request: RequestInput<'quote.create'>; index: number[] } {
  const { lines, index } = linesToRequest(v.lines, noVat);
  return {
    index,
    request: {
      customerId: v.customerId ?? 0,
      date: v.date,
      validUntil: v.validUntil,
      lines,
      discountPercent: v.discountPercent,
      depositPercent: v.depositPercent,
      paymentTerms: v.paymentTerms,
      consumerWork: v.consumerWork,
      // The place and the travel costs belong to consumer work only: switched off, they are not sent.
      workSite: v.consumerWork ? v.workSite : '',
      travelCosts: v.consumerWork ? v.travelCosts : '',
      notes: v.notes,
      ...(v.pricesIncludeTax && !noVat ? { pricesIncludeTax: true } : {}),
    },
  };
}

const FORM_FIELDS = new RegExp(`^(customerId|date|validUntil|discountPercent|depositPercent|paymentTerms|workSite|travelCosts|notes|${LINE_FIELDS})$`);

/** The form's field of a request path; null when no field shows it (it goes to a dialog). */
const fieldOf = (index: number[]) => (path: string) => {
  const field = lineFormPath(path, index) ?? path;
  return FORM_FIELDS.test(field) && path !== 'lines' ? field : null;
};

/** The contract's own schema judges the request about to be sent, field by field. */
function makeResolver(noVat: boolean): Resolver<QuoteFormValues> {
  return async (values) => {
    const { request, index } = toRequest(values, noVat);
    const flat: Record<string, string> = {};
    if (!values.customerId) flat.customerId = 'Choisissez le client du devis.';
    const parsed = QuoteCreateRequest.safeParse(request);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.join('.');
        if (path === 'customerId') continue;
        flat[lineFormPath(path, index) ?? path] ??= issue.message;
      }
    }
    return Object.keys(flat).length > 0 ? { values: {}, errors: nestErrors<QuoteFormValues>(flat) } : { values, errors: {} };
  };
}

/** Travaux de dépannage, réparation ou entretien chez un particulier: where, and what the travel costs. */
function ConsumerWorkFields({ control }: { control: ReturnType<typeof useForm<QuoteFormValues>>['control'] }) {
  const on = useWatch({ control, name: 'consumerWork' });
  return (
    <>
      <FormControlLabel
        control={<Controller name="consumerWork" control={control} render={({ field }) => <Switch checked={field.value} onChange={(e) => field.onChange(e.target.checked)} />} />}
        label="Travaux de dépannage, réparation ou entretien pour un particulier"
      />
      <Typography variant="caption" color="text.secondary" component="p">
        Le devis porte alors les mentions de l’arrêté du 24 janvier 2017 : lieu d’exécution, frais de déplacement, durée de validité.
      </Typography>
      <Collapse in={on} unmountOnExit>
        <Grid container spacing={2} sx={{ mt: 0.5 }}>
          <Grid size={{ xs: 12, sm: 7 }}>
            <FormTextField control={control} name="workSite" label="Lieu d’exécution des travaux" helperText="L’adresse du chantier, si ce n’est pas celle du client." />
          </Grid>
          <Grid size={{ xs: 12, sm: 5 }}>
            <FormTextField control={control} name="travelCosts" label="Frais de déplacement" helperText="Leur montant ou leur mode de calcul ; « 0 » : déplacement non facturé." />
          </Grid>
        </Grid>
      </Collapse>
    </>
  );
}

/**
 * A new quote or a draft: customer, dates, lines (the invoice's editor, catalogue included), conditions;
 * live totals. A quote writes nothing in the accounts: « Émettre le devis » only gives it its number.
 */
export function QuoteForm({ company, quote, initialCustomerId }: { company: Company; quote?: Quote; initialCustomerId?: number | null }) {
  useFocusFromNavigation();
  const today = useToday();
  const noVat = company.vatRegime === 'franchise';
  const save = useSaveQuote();
  const setStatus = useSetQuoteStatus();
  const remove = useDeleteQuote();
  const [resolver] = useState(() => makeResolver(noVat));
  const form = useForm<QuoteFormValues>({ resolver, defaultValues: toForm(quote, noVat, initialCustomerId ?? null, today), mode: 'onTouched' });
  const { control, handleSubmit, setError, getValues, reset, formState } = form;
  const values = useWatch({ control }) as QuoteFormValues;
  const { nets, totals, incomplete, discountPercent: quoteDiscount } = useLineTotals(values.lines, values.discountPercent, noVat, values.pricesIncludeTax);
  const guard = useGuardedNavigate(formState.isDirty, 'Ce devis');
  const go = guard.go;
  const [refusal, setRefusal] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const busy = save.isPending || setStatus.isPending;
  const deposit = decimalOrNull(values.depositPercent);

  /** Saves (create or update, issued or not); returns the quote, or null when refused. */
  const send = async (issue: boolean): Promise<Quote | null> => {
    const { request, index } = toRequest(getValues(), noVat);
    setIssuing(issue);
    try {
      // A new quote is issued in the same call; a draft is saved, then issued.
      const saved = await save.mutateAsync({ id: quote?.id, values: { ...request, ...(issue && !quote ? { validate: true } : {}) } });
      if (issue && quote) return await setStatus.mutateAsync({ id: saved.id, status: 'sent' });
      return saved;
    } catch (err) {
      if (applyServerErrors(err, setError, fieldOf(index)).length === 0) setRefusal(errorMessage(err));
      return null;
    }
  };

  const onSaveDraft = handleSubmit(async () => {
    const saved = await send(false);
    if (!saved) return;
    if (!quote) void go(`/devis/${saved.id}`, { replace: true, state: { notice: 'Brouillon de devis enregistré. Il n’a pas encore de numéro : émettez-le quand il est prêt.', focus: focusedFieldName() } });
    else {
      reset(getValues());
      setNotice('Brouillon enregistré.');
    }
  });

  const onIssue = handleSubmit(async () => {
    const issued = await send(true);
    if (issued) void go(`/devis/${issued.id}`, { replace: true, state: { notice: `Devis ${issued.number ?? ''} émis : envoyez-le au client, puis notez sa réponse.`, warnings: issued.warnings ?? [] } });
  });

  useDraftShortcuts(onSaveDraft, onIssue);

  return (
    <FormProvider {...form}>
      <DraftFormLayout
        onSubmit={() => void onIssue()}
        side={
          <FormSection id="quote-totals" title="Totaux" headingGap={1}>
            <LineTotalsTable totals={totals} noVat={noVat} discountPercent={quoteDiscount} label="Totaux du devis" />
            {deposit && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="deposit-asked">
                Acompte de {formatPercent(deposit)} demandé à la commande.
              </Typography>
            )}
            <IncompleteLinesNote incomplete={incomplete} />
            <DraftActions
              submitLabel="Émettre le devis"
              submitLoading={busy && issuing}
              saveLoading={busy && !issuing}
              busy={busy}
              onSave={() => void onSaveDraft()}
              onDelete={quote ? () => setDeleting(true) : undefined}
            />
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1.5 }}>
              Un devis n’écrit rien dans vos comptes. En l’émettant, il reçoit le prochain numéro de la série des devis (D{values.date.slice(0, 4) || today.slice(0, 4)}-…) et ne se modifie plus.
            </Typography>
          </FormSection>
        }
        dialogs={
          <>
            {guard.dialog}
            <DeleteDraftDialog
              open={deleting}
              onClose={() => setDeleting(false)}
              titleId="quote-delete-title"
              text="Un brouillon de devis n’a pas de numéro : le supprimer ne laisse aucune trace."
              id={quote?.id}
              remove={remove}
              onDeleted={() => void go('/devis', { replace: true })}
              onRefused={setRefusal}
            />
            <ErrorDialog message={refusal} onClose={() => setRefusal(null)} />
            <SavedNotice notice={notice} onClose={() => setNotice(null)} />
          </>
        }
      >
        <WarningsAlert warnings={quote?.warnings} testId="quote-warnings" />
        <FormSection id="quote-customer" title="Client et dates">
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 8 }}>
              <FormCustomerField control={control} autoFocus={!quote} />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormDateField control={control} name="date" label="Date du devis" />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormDateField control={control} name="validUntil" label="Valable jusqu’au" helperText="Vide : 30 jours après la date du devis." />
            </Grid>
          </Grid>
        </FormSection>

        <LinesEditor document="devis" title="Ce que vous proposez" noVat={noVat} nets={nets} />

        <FormSection id="quote-terms" title="Conditions">
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormTextField
                control={control}
                name="discountPercent"
                label="Remise sur tout le devis"
                helperText="Calculée une fois sur le total HT des lignes, arrondie au centime."
                slotProps={percentSlotProps}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormTextField
                control={control}
                name="depositPercent"
                label="Acompte à la commande"
                helperText="Imprimé dans les conditions ; proposé quand vous facturerez l’acompte."
                slotProps={percentSlotProps}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormTextField control={control} name="paymentTerms" label="Conditions de paiement" placeholder="À réception de facture" slotProps={{ inputLabel: { shrink: true } }} />
            </Grid>
            <Grid size={12}>
              <ConsumerWorkFields control={control} />
            </Grid>
            <Grid size={12}>
              <FormTextField control={control} name="notes" label="Notes imprimées sur le devis" multiline minRows={2} />
            </Grid>
          </Grid>
        </FormSection>
      </DraftFormLayout>
    </FormProvider>
  );
}
