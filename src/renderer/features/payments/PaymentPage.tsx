import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import BlockIcon from '@mui/icons-material/Block';
import ReplayIcon from '@mui/icons-material/Replay';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MuiLink from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { formatDateShort } from '../../../shared/dates';
import { PAYMENT_METHOD_LABELS } from '../../../shared/domain/payment';
import { formatEuro } from '../../../shared/money';
import { errorMessage } from '../../components/form/serverErrors';
import { PageHeader } from '../../components/PageHeader';
import { Fact } from '../../components/Fact';
import { EntryDetailDialog } from '../ledger/EntryDetailDialog';
import { usePayment } from './api';
import { CancelPaymentDialog } from './CancelPaymentDialog';
import { LateDifference } from './LateDifference';
import { PaymentStatusChip } from './PaymentsPage';
import { SettledTable } from './SettledTable';

const back = (
  <Button startIcon={<ArrowBackIcon />} component={Link} to="/reglements">
    Tous les règlements
  </Button>
);

/**
 * One payment: what came in, what it settled, its entries; « Annuler ce règlement » (a reversal, asked
 * first), then « Enregistrer à nouveau » the same money, allocated otherwise.
 */
export function PaymentPage() {
  const id = Number(useParams().id);
  const { data: p, error, isPending } = usePayment(Number.isInteger(id) && id > 0 ? id : null);
  const [cancelling, setCancelling] = useState(false);
  const [entry, setEntry] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (error) {
    return (
      <>
        <PageHeader title="Règlement" actions={back} />
        <Alert severity="error">{errorMessage(error)}</Alert>
      </>
    );
  }
  if (isPending || !p) return <PageHeader title="Règlement" actions={back} />;
  const again = (
    <Button variant="contained" startIcon={<ReplayIcon />} component={Link} to={`/reglements/nouveau?depuis=${p.id}`}>
      Enregistrer à nouveau
    </Button>
  );
  const actions = (
    <Stack direction="row" spacing={1}>
      {back}
      {p.status === 'recorded' ? (
        <Button variant="outlined" color="error" startIcon={<BlockIcon />} onClick={() => setCancelling(true)}>
          Annuler ce règlement
        </Button>
      ) : (
        again
      )}
    </Stack>
  );
  return (
    <>
      <PageHeader title={`Règlement de ${formatEuro(p.amount)}`} subtitle={`${p.customerName} · reçu le ${formatDateShort(p.date)} par ${PAYMENT_METHOD_LABELS[p.method].toLowerCase()}`} actions={actions} />
      {p.cancellation && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="payment-cancelled">
          <AlertTitle>Règlement annulé le {formatDateShort(p.cancellation.date)}</AlertTitle>
          Motif : {p.cancellation.reason}. Une écriture le contre-passe ligne à ligne (rien n’est effacé) : les factures qu’il réglait sont de nouveau dues. Enregistrez à nouveau l’argent reçu pour l’imputer autrement.
        </Alert>
      )}
      <Stack spacing={2}>
        <Paper component="section" aria-labelledby="payment-facts" sx={{ p: 2 }}>
          <Typography variant="h3" id="payment-facts" sx={{ mb: 1.5 }}>
            Le règlement
          </Typography>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(6, auto)' }, gap: 2, justifyContent: 'start' }}>
            <Fact label="Client">
              <MuiLink component={Link} to={`/clients/${p.customerId}`}>
                {p.customerCode} — {p.customerName}
              </MuiLink>
            </Fact>
            <Fact label="Montant">{formatEuro(p.amount)}</Fact>
            <Fact label="Reçu le">{formatDateShort(p.date)}</Fact>
            <Fact label="Moyen">{PAYMENT_METHOD_LABELS[p.method]}</Fact>
            <Fact label="Référence">{p.reference ?? '—'}</Fact>
            <Fact label="État">
              <PaymentStatusChip status={p.status} />
            </Fact>
          </Box>
        </Paper>
        <Paper component="section" aria-labelledby="payment-settled" sx={{ p: 2 }}>
          <Typography variant="h3" id="payment-settled" sx={{ mb: 1.5 }}>
            {p.cancellation ? 'Ce qu’il réglait avant son annulation' : 'Ce qu’il a réglé'}
          </Typography>
          <Stack spacing={2}>
            <SettledTable payment={p} />
            <LateDifference payment={p} />
          </Stack>
        </Paper>
        <Paper component="section" aria-labelledby="payment-entries" sx={{ p: 2 }}>
          <Typography variant="h3" id="payment-entries" sx={{ mb: 1.5 }}>
            Ses écritures
          </Typography>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Button variant="outlined" onClick={() => setEntry(p.entryId)}>
              Le règlement
            </Button>
            {p.cancellation?.entryIds.map((e, i, all) => (
              <Button key={e} variant="outlined" onClick={() => setEntry(e)}>
                {all.length === 1 ? 'Son annulation' : `Son annulation (${i + 1} sur ${all.length})`}
              </Button>
            ))}
          </Stack>
        </Paper>
      </Stack>
      {cancelling && (
        <CancelPaymentDialog
          payment={p}
          onClose={() => setCancelling(false)}
          onDone={(c) => {
            setCancelling(false);
            setNotice(`Règlement de ${formatEuro(c.amount)} annulé : ses factures sont de nouveau dues.`);
          }}
        />
      )}
      <EntryDetailDialog entryId={entry} onClose={() => setEntry(null)} />
      <Snackbar open={notice !== null} autoHideDuration={6000} onClose={() => setNotice(null)} message={notice} />
    </>
  );
}
