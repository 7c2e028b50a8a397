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
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { formatDateShort } from '../../../shared/dates';
import { PAYMENT_METHOD_LABELS, PAYMENT_METHODS } from '../../../shared/domain/payment';
import { AppError } from '../../../shared/errors';
import { centsToString, formatEuro, toCents } from '../../../shared/money';
import { EntryPreview } from '../../components/EntryPreview';
import { errorMessage } from '../../components/form/serverErrors';
import { useToday } from '../../lib/today';
import { call } from '../../lib/ipc';
import { useAccountBook } from '../invoices/accounts';
import { useInvoice, useRefreshAfterPosting } from '../invoices/api';
import { advanceApplyEntry, advanceRefundEntry, centsOrNull } from '../invoices/preview';

type Method = (typeof PAYMENT_METHODS)[number];
export type AdvanceAction = 'apply' | 'refund';

interface OpenInvoice {
  id: number;
  number: string;
  dueDate: string;
  outstanding: string;
}

const comma = (c: bigint) => centsToString(c).replace('.', ',');
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/**
 * What a customer paid in advance (4191): applied to one of their open invoices (D 4191 / C 411), or
 * refunded to them (D 4191 / C 512), the entry shown before it is posted.
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
  const book = useAccountBook();
  const refresh = useRefreshAfterPosting();
  const first = openInvoices[0];
  const [invoiceId, setInvoiceId] = useState<number | null>(first?.id ?? null);
  const [amount, setAmount] = useState(comma(action === 'apply' && first ? min(available, toCents(first.outstanding)) : available));
  const [date, setDate] = useState(useToday());
  const [method, setMethod] = useState<Method>('transfer');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const invoice = useInvoice(action === 'apply' ? invoiceId : null).data;
  const cents = centsOrNull(amount);
  const chosen = openInvoices.find((i) => i.id === invoiceId);
  let amountError = errors.amount;
  if (!amountError && amount.trim() && (cents === null || cents <= 0n)) amountError = 'Un montant positif, deux décimales au plus.';
  else if (!amountError && cents !== null && cents > available) amountError = `Au plus l’avance disponible : ${formatEuro(available)}.`;
  else if (!amountError && cents !== null && action === 'apply' && chosen && cents > toCents(chosen.outstanding)) amountError = `Au plus le reste dû de ${chosen.number} : ${formatEuro(chosen.outstanding)}.`;
  const ok = cents !== null && cents > 0n && !amountError && (action === 'refund' || invoiceId !== null);
  const entry =
    ok && cents !== null
      ? action === 'apply'
        ? invoice
          ? advanceApplyEntry(invoice, cents, book.map, customer.code)
          : null
        : advanceRefundEntry(cents, method, book.map, customer.code)
      : null;

  const post = useMutation({
    mutationFn: () =>
      action === 'apply'
        ? call('advance.apply', { customerId: customer.id, invoiceId: invoiceId as number, amount, date })
        : call('advance.refund', { customerId: customer.id, amount, date, method }),
    onSuccess: () => {
      void refresh();
      onDone(action === 'apply' ? `${formatEuro(cents ?? 0n)} de l’avance imputés sur ${chosen?.number ?? ''}.` : `${formatEuro(cents ?? 0n)} remboursés à ${customer.name}.`);
    },
    onError: (err) => {
      if (err instanceof AppError && err.fieldErrors) setErrors(err.fieldErrors);
    },
  });

  const title = action === 'apply' ? 'Imputer l’avance sur une facture' : 'Rembourser l’avance';
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="advance-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (ok) post.mutate();
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
                <TextField
                  select
                  label="Facture"
                  value={invoiceId ?? ''}
                  onChange={(e) => {
                    const id = Number(e.target.value);
                    setInvoiceId(id);
                    const inv = openInvoices.find((i) => i.id === id);
                    if (inv) setAmount(comma(min(available, toCents(inv.outstanding))));
                  }}
                >
                  {openInvoices.map((i) => (
                    <MenuItem key={i.id} value={i.id}>
                      {i.number} — reste dû {formatEuro(i.outstanding)} (échéance {formatDateShort(i.dueDate)})
                    </MenuItem>
                  ))}
                </TextField>
              )}
              <TextField
                label="Montant"
                value={amount}
                onChange={(e) => {
                  setAmount(e.target.value);
                  setErrors({});
                }}
                error={Boolean(amountError)}
                helperText={amountError ?? `Avance disponible : ${formatEuro(available)}`}
                autoFocus
                slotProps={{ htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">€</InputAdornment> } }}
              />
              <DatePicker
                label="Date"
                value={dayjs(date)}
                onChange={(d) => d && d.isValid() && setDate(d.format('YYYY-MM-DD'))}
                slotProps={{ textField: { size: 'small', fullWidth: true, error: Boolean(errors.date), helperText: errors.date } }}
              />
              {action === 'refund' && (
                <TextField select label="Moyen de remboursement" value={method} onChange={(e) => setMethod(e.target.value as Method)}>
                  {PAYMENT_METHODS.map((m) => (
                    <MenuItem key={m} value={m}>
                      {PAYMENT_METHOD_LABELS[m]}
                    </MenuItem>
                  ))}
                </TextField>
              )}
              {post.error && !(post.error instanceof AppError && post.error.fieldErrors) && <Alert severity="error">{errorMessage(post.error)}</Alert>}
            </Stack>
            <EntryPreview title="Ce que cela écrit dans vos comptes" entries={entry ? [entry] : []} label={book.label} emptyText="Indiquez le montant : l’écriture s’affiche ici." />
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Annuler</Button>
          <Button type="submit" variant="contained" disabled={!ok} loading={post.isPending}>
            {action === 'apply' ? `Imputer ${cents && ok ? formatEuro(cents) : ''}` : `Rembourser ${cents && ok ? formatEuro(cents) : ''}`}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
