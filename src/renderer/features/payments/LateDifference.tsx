import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { Response } from '../../../shared/contract';
import { formatEuro, toCents } from '../../../shared/money';
import { PostingPreviewPanel } from '../../components/EntryPreview';
import { errorMessage } from '../../components/form/serverErrors';
import { call } from '../../lib/ipc';
import { usePostingPreview } from '../../lib/preview';
import { useCompany } from '../company/api';
import { useInvoicesById, useRefreshAfterPosting } from '../invoices/api';

type Payment = Response<'payment.get'>;

/**
 * The écart de règlement a recorded payment left — a few cents its invoices still owe, or a small
 * advance — offered to be settled afterwards in one click, within the company's threshold. The amount
 * said is what the invoices owe now (the main process decides, and its entry is shown before posting).
 */
export function LateDifference({ payment }: { payment: Payment }) {
  const [asking, setAsking] = useState(false);
  const threshold = toCents(useCompany().data?.paymentDifferenceThreshold ?? '0');
  const invoices = useInvoicesById(payment.allocations.map((a) => a.invoiceId));
  const owing = invoices.flatMap((q) => (q.data && q.data.status !== 'written_off' && toCents(q.data.outstanding) > 0n ? [q.data] : []));
  const short = owing.reduce((s, i) => s + toCents(i.outstanding), 0n);
  const over = toCents(payment.advance);
  const amount = short > 0n ? short : over;
  if (payment.status !== 'recorded' || invoices.some((q) => !q.data) || amount === 0n || amount > threshold || (short > 0n && over > 0n)) return null;
  const what =
    short > 0n
      ? `Il reste ${formatEuro(short)} dû sur ${owing.map((i) => i.number).join(', ')} après ce règlement : un écart de règlement que vous pouvez passer en charge (658), la facture étant alors réglée.`
      : `Ce règlement a laissé ${formatEuro(over)} en avance au client : un écart de règlement que vous pouvez garder en produit (758) plutôt que de le lui devoir.`;
  return (
    <>
      <Alert
        severity="info"
        variant="outlined"
        data-testid="late-difference"
        action={
          <Button color="inherit" size="small" sx={{ whiteSpace: 'nowrap' }} onClick={() => setAsking(true)}>
            Solder l’écart
          </Button>
        }
      >
        {what}
      </Alert>
      {asking && <SettleDialog payment={payment} what={what} amount={amount} onClose={() => setAsking(false)} />}
    </>
  );
}

function SettleDialog({ payment, what, amount, onClose }: { payment: Payment; what: string; amount: bigint; onClose: () => void }) {
  const refresh = useRefreshAfterPosting();
  const request = { id: payment.id };
  const preview = usePostingPreview('payment.settleDifference', request);
  const post = useMutation({
    mutationFn: () => call('payment.settleDifference', request),
    onSuccess: () => {
      void refresh();
      onClose();
    },
  });
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="settle-difference-title">
      <DialogTitle id="settle-difference-title">Solder l’écart de règlement ?</DialogTitle>
      <DialogContent dividers>
        <DialogContentText sx={{ mb: 2 }}>{what} L’écriture est datée d’aujourd’hui ; si le règlement est un jour annulé, elle l’est avec lui.</DialogContentText>
        {post.error && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {errorMessage(post.error)}
          </Alert>
        )}
        <Box>
          <PostingPreviewPanel preview={preview} title="Ce que cela écrit dans vos comptes" emptyText="L’écriture s’affiche ici." />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Ne rien faire</Button>
        <Button variant="contained" onClick={() => post.mutate()} disabled={preview.refusal !== null} loading={post.isPending}>
          Solder l’écart de {formatEuro(amount)}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
