import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import { useMutation } from '@tanstack/react-query';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { RequestInput, Response } from '../../../shared/contract';
import { formatDateShort } from '../../../shared/dates';
import { PaymentCancelRequest } from '../../../shared/domain/payment';
import { AppError } from '../../../shared/errors';
import { formatEuro, toCents } from '../../../shared/money';
import { PostingPreviewPanel } from '../../components/EntryPreview';
import { FormTextField } from '../../components/form/FormTextField';
import { applyServerErrors, errorMessage, requestResolver, usePreviewFieldErrors } from '../../components/form/serverErrors';
import { call } from '../../lib/ipc';
import { usePostingPreview } from '../../lib/preview';
import { useToday } from '../../lib/today';
import { useRefreshAfterPosting } from '../invoices/api';

type Payment = Response<'payment.get'>;

interface CancelValues {
  /** The reversal's day: today, or the payment's own (when its fiscal year is still open). */
  on: 'today' | 'payment';
  reason: string;
}

/** The request's fields on the form: the date is the choice of day. */
const fieldMap = (path: string) => (path === 'date' ? 'on' : path === 'reason' ? 'reason' : null);

function toRequest(payment: Payment, v: CancelValues): RequestInput<'payment.cancel'> {
  return { id: payment.id, reason: v.reason, ...(v.on === 'payment' ? { date: payment.date } : {}) };
}

/** What cancelling will do, in the owner's words, from what the payment recorded. */
function consequences(p: Payment): string {
  const owed = [...p.allocations.map((a) => `${a.invoiceNumber} (${formatEuro(toCents(a.amount) + toCents(a.difference))})`)];
  const parts = ['Encours ne supprime jamais un règlement : il passe une écriture qui le contre-passe, ligne à ligne'];
  if (p.allocations.some((a) => a.escompte)) parts[0] += ', avec son avoir d’escompte';
  parts[0] += '.';
  if (owed.length > 0) parts.push(`${owed.length > 1 ? 'Les factures' : 'La facture'} ${owed.join(', ')} ${owed.length > 1 ? 'redeviennent dues' : 'redevient due'}, et le lettrage qui ${owed.length > 1 ? 'les' : 'la'} soldait est défait.`);
  if (p.recoveries.length > 0) parts.push(`La rentrée sur ${p.recoveries.map((r) => r.invoiceNumber).join(', ')} est annulée, avec la TVA qu’elle rendait due.`);
  if (toCents(p.advance) > 0n) parts.push(`L’avance de ${formatEuro(p.advance)} qu’il avait laissée au client disparaît.`);
  parts.push('Vous pourrez ensuite enregistrer à nouveau cet argent, imputé autrement.');
  return parts.join(' ');
}

/**
 * « Annuler ce règlement »: asks first, saying what will happen, shows the reversal entries the main
 * process would post (the same handler, rolled back), then posts them.
 */
export function CancelPaymentDialog({ payment, onClose, onDone }: { payment: Payment; onClose: () => void; onDone: (cancelled: Payment) => void }) {
  const refresh = useRefreshAfterPosting();
  const today = useToday();
  const { control, handleSubmit, setError, clearErrors, getFieldState } = useForm<CancelValues>({
    resolver: requestResolver<CancelValues>(PaymentCancelRequest, (v) => ({ request: toRequest(payment, v), fields: fieldMap })),
    defaultValues: { on: 'today', reason: '' },
    mode: 'onTouched',
  });
  const values = useWatch({ control }) as CancelValues;
  // The entries do not depend on the reason: shown before it is typed.
  const preview = usePostingPreview('payment.cancel', toRequest(payment, { ...values, reason: values.reason?.trim() || 'Annulation' }));
  const saidUnderField = usePreviewFieldErrors(preview.refusal, { setError, clearErrors, getFieldState }, fieldMap);
  const post = useMutation({
    mutationFn: (v: CancelValues) => call('payment.cancel', toRequest(payment, v)),
    onSuccess: (cancelled) => {
      void refresh();
      onDone(cancelled);
    },
    onError: (err) => applyServerErrors(err, setError, fieldMap),
  });
  const sameDay = payment.date === today;
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="cancel-payment-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void handleSubmit((v) => post.mutate(v))();
        }}
      >
        <DialogTitle id="cancel-payment-title">Annuler ce règlement ?</DialogTitle>
        <DialogContent dividers>
          <DialogContentText sx={{ mb: 2 }}>{consequences(payment)}</DialogContentText>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1.2fr' }, gap: 2, alignItems: 'start' }}>
            <Stack spacing={2}>
              <FormTextField control={control} name="reason" label="Motif" required autoFocus helperText="Chèque impayé, virement rejeté, erreur de client ou de facture…" />
              {!sameDay && (
                <Controller
                  name="on"
                  control={control}
                  render={({ field, fieldState }) => (
                    <FormControl error={Boolean(fieldState.error)}>
                      <FormLabel id="cancel-on">Date de l’annulation</FormLabel>
                      <RadioGroup aria-labelledby="cancel-on" name={field.name} value={field.value} onChange={(e) => field.onChange(e.target.value)}>
                        <FormControlLabel value="today" control={<Radio size="small" />} label={`Aujourd’hui (${formatDateShort(today)})`} />
                        <FormControlLabel value="payment" control={<Radio size="small" />} label={`À la date du règlement (${formatDateShort(payment.date)})`} />
                      </RadioGroup>
                      <FormHelperText>{fieldState.error?.message ?? 'À la date du règlement, si son exercice est encore ouvert : comme s’il n’avait pas eu lieu.'}</FormHelperText>
                    </FormControl>
                  )}
                />
              )}
              {post.error && !(post.error instanceof AppError && post.error.fieldErrors) && <Alert severity="error">{errorMessage(post.error)}</Alert>}
            </Stack>
            <PostingPreviewPanel preview={preview} saidUnderField={saidUnderField} title="Ce que l’annulation écrit dans vos comptes" emptyText="L’écriture d’annulation s’affiche ici." />
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Ne rien annuler</Button>
          <Button type="submit" variant="contained" color="error" disabled={preview.refusal !== null} loading={post.isPending}>
            Annuler le règlement de {formatEuro(payment.amount)}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
