import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputAdornment from '@mui/material/InputAdornment';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router';
import type { RequestInput } from '../../../shared/contract';
import type { Invoice } from '../../../shared/domain/invoice';
import { QuoteInvoiceRequest, type Quote } from '../../../shared/domain/quote';
import { AppError } from '../../../shared/errors';
import { formatEuro, formatPercent } from '../../../shared/money';
import { InvoiceAmountsTable } from '../../components/document/InvoiceAmountsTable';
import { DeductedDepositRows } from '../../components/document/TotalsRows';
import { PostingPreviewPanel } from '../../components/EntryPreview';
import { FormDateField } from '../../components/form/FormDateField';
import { FormTextField } from '../../components/form/FormTextField';
import { applyServerErrors, errorMessage, requestResolver, usePreviewFieldErrors } from '../../components/form/serverErrors';
import { inputText } from '../../lib/amounts';
import { amountSx } from '../../lib/format';
import { usePostingPreview } from '../../lib/preview';
import { useToday } from '../../lib/today';
import { useInvoiceQuote } from './api';

interface Values {
  kind: 'deposit' | 'final';
  /** A deposit as a percentage of the quote, or as an amount HT. */
  by: 'percent' | 'amount';
  percent: string;
  amount: string;
  date: string;
}

function toRequest(quoteId: number, v: Values): RequestInput<'quote.invoice'> {
  const deposit = v.kind === 'deposit' ? (v.by === 'percent' ? { percent: v.percent } : { amount: v.amount }) : {};
  return { quoteId, kind: v.kind, ...deposit, date: v.date };
}

/** Where the request's errors go: the percentage or the amount, whichever is typed. */
const fieldsOf = (v: Values) => (path: string) => {
  if (path === 'percent') return v.by === 'amount' ? 'amount' : 'percent';
  if (path === 'amount' || path === 'date') return path;
  return null;
};

/** What a deposit invoice asks, or what the final invoice totals, deducts and leaves to pay: the dry run's invoice. */
function WhatItAsks({ invoice }: { invoice: Invoice }) {
  const before = invoice.totalsBeforeDeductions;
  return (
    <Table size="small" aria-label="Montants de la facture" sx={{ '& td': { px: 0.5 } }}>
      <TableBody>
        {before && (
          <>
            <TableRow>
              <TableCell>Total TTC du devis</TableCell>
              <TableCell sx={amountSx} data-testid="final-before">
                {formatEuro(before.gross)}
              </TableCell>
            </TableRow>
            <DeductedDepositRows deductions={invoice.deductions ?? []} rowTestId="final-deduction" />
          </>
        )}
        <TableRow>
          <TableCell>{before ? 'Reste à payer HT' : 'Acompte HT'}</TableCell>
          <TableCell sx={amountSx} data-testid="asked-net">
            {formatEuro(invoice.totals.net)}
          </TableCell>
        </TableRow>
        <TableRow>
          <TableCell>TVA</TableCell>
          <TableCell sx={amountSx} data-testid="asked-vat">
            {formatEuro(invoice.totals.vat)}
          </TableCell>
        </TableRow>
        <TableRow sx={{ '& td': { fontWeight: 700, borderBottom: 0 } }}>
          <TableCell>{before ? 'Reste à payer TTC' : 'Acompte TTC'}</TableCell>
          <TableCell sx={amountSx} data-testid="asked-gross">
            {formatEuro(invoice.totals.gross)}
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}

/** The deposits already invoiced on the quote (validated): what a final invoice will deduct. */
function DepositsToDeduct({ quote }: { quote: Quote }) {
  const deposits = quote.invoices.filter((i) => i.role === 'deposit' && i.validated);
  if (deposits.length === 0) return <Typography variant="body2" color="text.secondary">Aucun acompte facturé sur ce devis : la facture finale reprend tout le devis.</Typography>;
  return (
    <InvoiceAmountsTable
      label="Acomptes à déduire"
      heading="Facture d’acompte"
      rows={deposits.map((d) => ({ key: d.id, name: d.number, date: d.date, net: d.net, vat: d.vat, gross: d.gross }))}
      sx={{ '& td, & th': { px: 0.75, whiteSpace: 'nowrap' } }}
    />
  );
}

/**
 * « Facturer » an accepted quote: a deposit invoice (a percentage, by default the one asked at the order,
 * or an amount HT) or the final invoice, which deducts the deposits. The amounts and the entry shown are
 * the main process's dry run of the very request; the invoice is then created validated and opened.
 */
export function QuoteInvoiceDialog({ quote, onClose }: { quote: Quote; onClose: () => void }) {
  const navigate = useNavigate();
  const today = useToday();
  const make = useInvoiceQuote();
  const hasDeposits = quote.invoices.some((i) => i.role === 'deposit');
  const { control, handleSubmit, setError, clearErrors, getFieldState } = useForm<Values>({
    defaultValues: { kind: 'deposit', by: 'percent', percent: inputText(quote.depositPercent), amount: '', date: today },
    resolver: requestResolver<Values>(QuoteInvoiceRequest, (v) => ({ request: toRequest(quote.id, v), fields: fieldsOf(v) })),
    mode: 'onTouched',
  });
  const values = useWatch({ control }) as Values;
  const request = toRequest(quote.id, values);
  const preview = usePostingPreview('quote.invoice', { ...request, validate: true, overrideCreditLimit: true });
  const saidUnderField = usePreviewFieldErrors(preview.refusal, { setError, clearErrors, getFieldState }, fieldsOf(values));
  const [refusal, setRefusal] = useState<string | null>(null);
  const [creditLimit, setCreditLimit] = useState<string | null>(null);

  const create = async (override: boolean) => {
    setRefusal(null);
    try {
      const invoice = await make.mutateAsync({ ...toRequest(quote.id, values), validate: true, ...(override ? { overrideCreditLimit: true } : {}) });
      const what = invoice.quote?.role === 'final' ? 'Facture finale' : 'Facture d’acompte';
      void navigate(`/factures/${invoice.id}`, { state: { notice: `${what} ${invoice.number ?? ''} validée et écrite dans vos comptes.`, warnings: invoice.warnings ?? [] } });
    } catch (err) {
      if (err instanceof AppError && err.code === 'CREDIT_LIMIT') setCreditLimit(err.message);
      else if (applyServerErrors(err, setError, fieldsOf(values)).length === 0) setRefusal(errorMessage(err));
    }
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="quote-invoice-title" maxWidth="lg" fullWidth>
      <DialogTitle id="quote-invoice-title">Facturer le devis {quote.number}</DialogTitle>
      <DialogContent>
        <Box component="form" id="quote-invoice-form" noValidate onSubmit={(e) => { e.preventDefault(); void handleSubmit(() => create(false))(); }} sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 1fr) minmax(0, 1fr)' }, gap: 2, alignItems: 'start', pt: 1 }}>
          <Stack spacing={2}>
            <Controller
              name="kind"
              control={control}
              render={({ field }) => (
                <RadioGroup aria-label="Type de facture" value={field.value} onChange={(e) => field.onChange(e.target.value)}>
                  <FormControlLabel value="deposit" control={<Radio size="small" />} label="Facture d’acompte" />
                  <FormControlLabel value="final" control={<Radio size="small" />} label={hasDeposits ? 'Facture finale, qui déduit les acomptes' : 'Facture finale'} />
                </RadioGroup>
              )}
            />
            {values.kind === 'deposit' ? (
              <Box>
                <Controller
                  name="by"
                  control={control}
                  render={({ field }) => (
                    <RadioGroup row aria-label="Acompte exprimé" value={field.value} onChange={(e) => field.onChange(e.target.value)}>
                      <FormControlLabel value="percent" control={<Radio size="small" />} label="En pourcentage du devis" />
                      <FormControlLabel value="amount" control={<Radio size="small" />} label="En montant HT" />
                    </RadioGroup>
                  )}
                />
                {values.by === 'percent' ? (
                  <FormTextField
                    control={control}
                    name="percent"
                    label="Pourcentage d’acompte"
                    helperText={quote.depositPercent ? `Le devis demande ${formatPercent(quote.depositPercent)} à la commande.` : 'Du total du devis, taux de TVA par taux de TVA.'}
                    slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">%</InputAdornment> } }}
                  />
                ) : (
                  <FormTextField
                    control={control}
                    name="amount"
                    label="Montant HT de l’acompte"
                    helperText="Réparti sur les taux de TVA du devis, dans leurs proportions."
                    slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">€</InputAdornment> } }}
                  />
                )}
              </Box>
            ) : (
              <Box>
                <Typography variant="body2" sx={{ fontWeight: 600, mb: 0.5 }}>
                  Acomptes déduits
                </Typography>
                <DepositsToDeduct quote={quote} />
              </Box>
            )}
            <FormDateField control={control} name="date" label="Date de la facture" />
            {preview.result && !preview.refusal && <WhatItAsks invoice={preview.result} />}
            {refusal && <Alert severity="error">{refusal}</Alert>}
            {creditLimit && (
              <Alert
                severity="warning"
                action={
                  <Button color="inherit" size="small" onClick={() => { setCreditLimit(null); void create(true); }}>
                    Facturer quand même
                  </Button>
                }
              >
                {creditLimit}
              </Alert>
            )}
          </Stack>
          <PostingPreviewPanel
            preview={preview}
            saidUnderField={saidUnderField}
            title="Ce que cette facture écrit dans vos comptes"
            emptyText="Indiquez l’acompte : l’écriture de la facture s’affiche ici."
            footer="La facture sera validée : elle reçoit le prochain numéro de la série et s’écrit dans vos comptes."
          />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Annuler</Button>
        <Button type="submit" form="quote-invoice-form" variant="contained" loading={make.isPending}>
          {values.kind === 'final' ? 'Créer la facture finale' : 'Créer la facture d’acompte'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
