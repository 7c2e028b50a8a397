import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMutation } from '@tanstack/react-query';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { RequestInput } from '../../../shared/contract';
import { formatDateShort } from '../../../shared/dates';
import { AdvanceApplyRequest, AdvanceRefundRequest, PAYMENT_METHOD_LABELS, PAYMENT_METHODS } from '../../../shared/domain/payment';
import { AppError } from '../../../shared/errors';
import { formatEuro, parseAmount, toCents } from '../../../shared/money';
import { PostingPreviewPanel } from '../../components/EntryPreview';
import { FormDateField } from '../../components/form/FormDateField';
import { FormTextField } from '../../components/form/FormTextField';
import { applyServerErrors, errorMessage, requestResolver, usePreviewFieldErrors } from '../../components/form/serverErrors';
import { inputText } from '../../lib/amounts';
import { call } from '../../lib/ipc';
import { usePostingPreview } from '../../lib/preview';
import { useToday } from '../../lib/today';
import { useRefreshAfterPosting } from '../invoices/api';

type Method = (typeof PAYMENT_METHODS)[number];
export type AdvanceAction = 'apply' | 'refund';

interface OpenInvoice {
  id: number;
  number: string;
  dueDate: string;
  outstanding: string;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

interface AdvanceValues {
  invoiceId: number | null;
  amount: string;
  date: string;
  method: Method;
}

const FIELDS = ['invoiceId', 'amount', 'date', 'method'] as const;

/** The request of the action: imputing on an invoice, or refunding. */
function toRequest(action: AdvanceAction, customerId: number, v: AdvanceValues) {
  const apply: RequestInput<'advance.apply'> = { customerId, invoiceId: v.invoiceId ?? 0, amount: v.amount, date: v.date };
  const refund: RequestInput<'advance.refund'> = { customerId, amount: v.amount, date: v.date, method: v.method };
  return action === 'apply' ? { apply, refund: null } : { apply: null, refund };
}

/**
 * What a customer paid in advance (4191): applied to one of their open invoices (D 4191 / C 411), or
 * refunded to them (D 4191 / C 512); the entry, from the main process, shown before it is posted.
 */
export function AdvanceDialog({
  action,
  customer,
  available,
  openInvoices,
  onClose,
  onDone,
}: {
  action: AdvanceAction;
  customer: { id: number; code: string; name: string };
  available: bigint;
  openInvoices: OpenInvoice[];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const refresh = useRefreshAfterPosting();
  const first = openInvoices[0];
  const schema = action === 'apply' ? AdvanceApplyRequest : AdvanceRefundRequest;
  const { control, handleSubmit, setError, clearErrors, getFieldState, setValue } = useForm<AdvanceValues>({
    resolver: requestResolver<AdvanceValues>(schema, (v) => ({ request: toRequest(action, customer.id, v)[action], fields: FIELDS }), { invoiceId: 'Choisissez la facture.' }),
    defaultValues: {
      invoiceId: first?.id ?? null,
      // Proposed: all the advance, within what the invoice still owes.
      amount: inputText(action === 'apply' && first ? min(available, toCents(first.outstanding)) : available),
      date: useToday(),
      method: 'transfer',
    },
    mode: 'onTouched',
  });
  const values = useWatch({ control }) as AdvanceValues;
  const requests = toRequest(action, customer.id, values);
  const applyPreview = usePostingPreview('advance.apply', requests.apply);
  const refundPreview = usePostingPreview('advance.refund', requests.refund);
  const preview = action === 'apply' ? applyPreview : refundPreview;
  const saidUnderField = usePreviewFieldErrors(preview.refusal, { setError, clearErrors, getFieldState }, FIELDS);
  const chosen = openInvoices.find((i) => i.id === values.invoiceId);
  const amount = parseAmount(values.amount ?? '');
  const shown = amount?.gt(0) ? formatEuro(amount.toFixed(2)) : '';

  const post = useMutation({
    mutationFn: () => (requests.apply ? call('advance.apply', requests.apply) : call('advance.refund', requests.refund as RequestInput<'advance.refund'>)),
    onSuccess: () => {
      void refresh();
      onDone(action === 'apply' ? `${shown} de l’avance imputés sur ${chosen?.number ?? ''}.` : `${shown} remboursés à ${customer.name}.`);
    },
    onError: (err) => applyServerErrors(err, setError, FIELDS),
  });

  const title = action === 'apply' ? 'Imputer l’avance sur une facture' : 'Rembourser l’avance';
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="advance-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void handleSubmit(() => post.mutate())();
        }}
      >
        <DialogTitle id="advance-title">{title}</DialogTitle>
        <DialogContent dividers>
          <DialogContentText sx={{ mb: 2 }}>
            {customer.name} vous a payé {formatEuro(available)} de plus que ses factures : cette avance lui appartient.{' '}
            {action === 'apply' ? 'Utilisez-la pour régler une de ses factures.' : 'Rendez-la-lui par virement, chèque ou en espèces.'}
          </DialogContentText>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2, alignItems: 'start' }}>
            <Stack spacing={2}>
              {action === 'apply' && (
                <Controller
                  name="invoiceId"
                  control={control}
                  render={({ field, fieldState }) => (
                    <TextField
                      select
                      label="Facture"
                      name={field.name}
                      inputRef={field.ref}
                      onBlur={field.onBlur}
                      value={field.value ?? ''}
                      error={Boolean(fieldState.error)}
                      helperText={fieldState.error?.message}
                      onChange={(e) => {
                        const inv = openInvoices.find((i) => i.id === Number(e.target.value));
                        field.onChange(inv?.id ?? null);
                        // Proposed again: what this invoice can take of the advance.
                        if (inv) setValue('amount', inputText(min(available, toCents(inv.outstanding))), { shouldValidate: true });
                      }}
                    >
                      {openInvoices.map((i) => (
                        <MenuItem key={i.id} value={i.id}>
                          {i.number} — reste dû {formatEuro(i.outstanding)} (échéance {formatDateShort(i.dueDate)})
                        </MenuItem>
                      ))}
                    </TextField>
                  )}
                />
              )}
              <FormTextField
                control={control}
                name="amount"
                label="Montant"
                helperText={`Avance disponible : ${formatEuro(available)}`}
                autoFocus
                slotProps={{ htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">€</InputAdornment> } }}
              />
              <FormDateField control={control} name="date" label="Date" />
              {action === 'refund' && (
                <FormTextField control={control} name="method" label="Moyen de remboursement" select>
                  {PAYMENT_METHODS.map((m) => (
                    <MenuItem key={m} value={m}>
                      {PAYMENT_METHOD_LABELS[m]}
                    </MenuItem>
                  ))}
                </FormTextField>
              )}
              {post.error && !(post.error instanceof AppError && post.error.fieldErrors) && <Alert severity="error">{errorMessage(post.error)}</Alert>}
            </Stack>
            <PostingPreviewPanel preview={preview} saidUnderField={saidUnderField} title="Ce que cela écrit dans vos comptes" emptyText="Indiquez le montant : l’écriture s’affiche ici." />
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Annuler</Button>
          <Button type="submit" variant="contained" disabled={preview.refusal !== null} loading={post.isPending}>
            {action === 'apply' ? `Imputer ${shown}` : `Rembourser ${shown}`}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
