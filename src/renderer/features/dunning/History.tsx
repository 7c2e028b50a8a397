import EmailIcon from '@mui/icons-material/Email';
import EventIcon from '@mui/icons-material/Event';
import PrintIcon from '@mui/icons-material/Print';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MuiLink from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateShort } from '../../../shared/dates';
import { DUNNING_CHANNEL_LABELS } from '../../../shared/domain/dunning';
import { formatEuro } from '../../../shared/money';
import { errorMessage } from '../../components/form/serverErrors';
import { usePdfPreview } from '../../components/pdf/PdfPreviewDialog';
import { amountSx } from '../../lib/format';
import { SendMailDialog } from '../mail/SendMailDialog';
import { statusColors } from '../../theme';
import { useCancelPaymentPlan, useDunningHistory, usePaymentPlans, type DunningActionRow, type PaymentPlan } from './api';
import { InstalmentChip, PLAN_STATUS_LABELS, StepChip } from './common';

/** The actions recorded, oldest first: each one on its own invoice (a reminder never silences another invoice). */
export function ActionsTable({ rows, showInvoice }: { rows: DunningActionRow[]; showInvoice: boolean }) {
  return (
    <Table size="small" aria-label="Historique des relances">
      <TableHead>
        <TableRow>
          <TableCell>Date</TableCell>
          {showInvoice && <TableCell>Facture</TableCell>}
          <TableCell>Étape</TableCell>
          <TableCell>Canal</TableCell>
          <TableCell>Note</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((a) => (
          <TableRow key={a.id} data-testid="dunning-action">
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateShort(a.date)}</TableCell>
            {showInvoice && (
              <TableCell>
                <MuiLink component={Link} to={`/factures/${a.invoiceId}`}>
                  {a.invoiceNumber}
                </MuiLink>
              </TableCell>
            )}
            <TableCell>
              <StepChip kind={a.stepKind} label={a.stepLabel} />
            </TableCell>
            <TableCell>{DUNNING_CHANNEL_LABELS[a.channel]}</TableCell>
            <TableCell>
              {a.note}
              {a.promiseDate && (
                <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, ml: a.note ? 1 : 0, color: 'text.secondary' }}>
                  <EventIcon fontSize="inherit" aria-hidden /> promesse de paiement au {formatDateShort(a.promiseDate)}
                </Box>
              )}
              {a.evidenceId !== undefined && <Chip size="small" variant="outlined" label="Pièce justificative" sx={{ ml: 1 }} />}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The same, narrow: for the side column of an invoice. */
export function ActionsList({ rows }: { rows: DunningActionRow[] }) {
  return (
    <Stack spacing={1} aria-label="Historique des relances" role="list">
      {rows.map((a) => (
        <Box key={a.id} role="listitem" data-testid="dunning-action" sx={{ p: 1, border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <StepChip kind={a.stepKind} label={a.stepLabel} />
            <Typography variant="body2" color="text.secondary">
              {formatDateShort(a.date)} · {DUNNING_CHANNEL_LABELS[a.channel]}
            </Typography>
          </Box>
          {(a.note || a.promiseDate) && (
            <Typography variant="body2" sx={{ mt: 0.5 }}>
              {a.note}
              {a.promiseDate && (
                <Box component="span" sx={{ display: 'block', color: 'text.secondary' }}>
                  Promesse de paiement au {formatDateShort(a.promiseDate)}
                </Box>
              )}
            </Typography>
          )}
          {a.evidenceId !== undefined && (
            <Typography variant="caption" color="text.secondary">
              Gardée comme pièce justificative
            </Typography>
          )}
        </Box>
      ))}
    </Stack>
  );
}

/** A payment plan: its invoices and its instalments, paid, due or missed. */
export function PlanCard({ plan, onCancelled, compact = false }: { plan: PaymentPlan; onCancelled?: ((message: string) => void) | undefined; compact?: boolean }) {
  const cancel = useCancelPaymentPlan();
  const [asking, setAsking] = useState(false);
  const [mailing, setMailing] = useState(false);
  const pdf = usePdfPreview();
  const title = `Échéancier du ${formatDateShort(plan.date)} — ${plan.customerName}`;
  return (
    <Box sx={{ border: 1, borderColor: plan.broken ? statusColors.overdue : 'divider', borderRadius: 1, p: 1.5 }} data-testid="payment-plan">
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <Typography sx={{ fontWeight: 600, flexGrow: 1 }}>
          Échéancier du {formatDateShort(plan.date)}
          {compact ? '' : ` · ${plan.customerName} · facture${plan.invoices.length > 1 ? 's' : ''} ${plan.invoices.map((i) => i.number).join(', ')}`}
        </Typography>
        <Chip size="small" label={PLAN_STATUS_LABELS[plan.status]} variant="outlined" />
        {plan.broken && <Chip size="small" label="Échéance manquée" sx={{ bgcolor: statusColors.overdue, color: '#fff' }} />}
        <Button size="small" startIcon={<PrintIcon />} onClick={() => pdf.show({ kind: 'plan', id: plan.id }, title)} aria-label={`Imprimer l’échéancier du ${formatDateShort(plan.date)}`}>
          Imprimer
        </Button>
        <Button size="small" startIcon={<EmailIcon />} onClick={() => setMailing(true)} aria-label={`Envoyer l’échéancier du ${formatDateShort(plan.date)} par e-mail`}>
          Envoyer
        </Button>
        {plan.status === 'active' && onCancelled && (
          <Button size="small" onClick={() => setAsking(true)}>
            Annuler l’échéancier
          </Button>
        )}
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {formatEuro(plan.paid)} réglés sur {formatEuro(plan.total)}
        {plan.note ? ` · ${plan.note}` : ''}
      </Typography>
      <Table size="small" aria-label="Échéances">
        <TableHead>
          <TableRow>
            <TableCell>N°</TableCell>
            <TableCell>Date</TableCell>
            <TableCell sx={amountSx}>Montant</TableCell>
            {!compact && <TableCell sx={amountSx}>Réglé</TableCell>}
            <TableCell>État</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {plan.instalments.map((i) => (
            <TableRow key={i.no} data-testid="instalment">
              <TableCell>{i.no}</TableCell>
              <TableCell>{formatDateShort(i.date)}</TableCell>
              <TableCell sx={amountSx}>{formatEuro(i.amount)}</TableCell>
              {!compact && <TableCell sx={amountSx}>{formatEuro(i.paid)}</TableCell>}
              <TableCell>
                <InstalmentChip status={i.status} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {pdf.dialog}
      {mailing && (
        <SendMailDialog
          document={{ kind: 'plan', id: plan.id }}
          title={`Envoyer par e-mail — ${title}`}
          summary={`L’échéancier de ${plan.customerName} (${formatEuro(plan.total)} en ${plan.instalments.length} échéances), à retourner signé. Le PDF joint est celui de l’aperçu.`}
          onClose={() => setMailing(false)}
        />
      )}
      <Dialog open={asking} onClose={() => setAsking(false)} aria-labelledby={`plan-cancel-${plan.id}`}>
        <DialogTitle id={`plan-cancel-${plan.id}`}>Annuler l’échéancier ?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Les relances reprennent sur l’échéance d’origine des factures {plan.invoices.map((i) => i.number).join(', ')}, pénalités comprises. Les règlements déjà reçus restent acquis.
          </DialogContentText>
          {cancel.error && <Alert severity="error" sx={{ mt: 2 }}>{errorMessage(cancel.error)}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsking(false)} autoFocus>
            Garder l’échéancier
          </Button>
          <Button
            variant="contained"
            color="error"
            loading={cancel.isPending}
            onClick={() =>
              // Awaited: the plans' refetch may unmount this card before mutate's callbacks would run.
              void cancel.mutateAsync(plan.id).then(
                () => {
                  setAsking(false);
                  onCancelled?.('Échéancier annulé : les relances reprennent sur les factures.');
                },
                () => undefined, // said by cancel.error above
              )
            }
          >
            Annuler l’échéancier
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

/** « Relances » of an invoice or of a customer: what was done, and the payment plans agreed. */
export function DunningHistoryPanel({ invoiceId, customerId, onNotice }: { invoiceId?: number; customerId?: number; onNotice?: ((message: string) => void) | undefined }) {
  const filter = invoiceId !== undefined ? { invoiceId } : { customerId: customerId as number };
  const history = useDunningHistory(filter);
  const plans = usePaymentPlans(filter);
  const rows = history.data?.rows ?? [];
  const planRows = plans.data?.rows ?? [];
  const perCustomer = invoiceId === undefined;
  return (
    <Paper component="section" aria-labelledby="dunning-history-title" sx={{ p: 2 }} data-testid="dunning-history">
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, mb: 1 }}>
        <Typography variant="h3" id="dunning-history-title" sx={{ flexGrow: 1 }}>
          Relances
        </Typography>
        <Button size="small" component={Link} to="/relances">
          Relances du jour
        </Button>
      </Box>
      {(history.isLoading || plans.isLoading) && <CircularProgress size={24} aria-label="Chargement des relances" />}
      {history.error && <Alert severity="error">{errorMessage(history.error)}</Alert>}
      {!history.isLoading && rows.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {perCustomer
            ? 'Aucune relance faite pour ce client. Les relances se font facture par facture, depuis la page Relances : chacune reste dans l’historique de sa facture.'
            : 'Aucune relance pour cette facture. Si elle n’est pas réglée à temps, elle apparaîtra dans les relances du jour à chaque étape du scénario.'}
        </Typography>
      )}
      {rows.length > 0 && (perCustomer ? <ActionsTable rows={rows} showInvoice /> : <ActionsList rows={rows} />)}
      {planRows.length > 0 && (
        <Stack spacing={1.5} sx={{ mt: 2 }}>
          <Typography variant="subtitle2">Échéanciers</Typography>
          {planRows.map((p) => (
            <PlanCard key={p.id} plan={p} onCancelled={onNotice} compact={!perCustomer} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}
