import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatDateShort } from '../../../shared/dates';
import type { MailSent } from '../../../shared/domain/mail';
import { errorMessage } from '../../components/form/serverErrors';
import { useMailHistory } from './api';

const KIND_LABELS: Record<MailSent['documentKind'], string> = {
  invoice: 'Facture',
  creditNote: 'Avoir',
  dunningLetter: 'Relance',
  penaltyInvoice: 'Facture de pénalités',
  statement: 'Relevé de compte',
  plan: 'Échéancier',
  quote: 'Devis',
};

/** « E-mails envoyés » of an invoice or a quote: date, recipient, Message-ID and the attached PDF's fingerprint (mail.history). */
export function MailHistoryPanel(props: { invoiceId: number } | { quoteId: number }) {
  const history = useMailHistory('quoteId' in props ? { quoteId: props.quoteId } : { invoiceId: props.invoiceId });
  const rows = history.data?.rows ?? [];
  return (
    <Paper component="section" aria-labelledby="mail-history-title" sx={{ p: 2 }} data-testid="mail-history">
      <Typography variant="h3" id="mail-history-title" sx={{ mb: 1 }}>
        E-mails envoyés
      </Typography>
      {history.isLoading && <CircularProgress size={24} aria-label="Chargement des e-mails envoyés" />}
      {history.error && <Alert severity="error">{errorMessage(history.error)}</Alert>}
      {!history.isLoading && rows.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          Aucun e-mail envoyé depuis Encours pour {'quoteId' in props ? 'ce devis' : 'cette facture'}.
        </Typography>
      )}
      <Stack spacing={1} role="list" aria-label="E-mails envoyés">
        {rows.map((m) => (
          <Box key={m.id} role="listitem" data-testid="mail-sent-row" sx={{ p: 1, border: 1, borderColor: 'divider', borderRadius: 1, minWidth: 0 }}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {KIND_LABELS[m.documentKind]} · {formatDateShort(m.date)} à {new Date(m.sentAt).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' })}
            </Typography>
            <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
              À {m.recipient}
            </Typography>
            <Typography variant="caption" color="text.secondary" component="p" sx={{ overflowWrap: 'anywhere' }}>
              {m.subject}
            </Typography>
            <Typography variant="caption" color="text.secondary" component="p" sx={{ overflowWrap: 'anywhere' }}>
              Message-ID {m.messageId}
            </Typography>
            <Typography variant="caption" color="text.secondary" component="p" sx={{ overflowWrap: 'anywhere' }}>
              {m.fileName} · SHA-256{' '}
              <Box component="span" title={m.sha256} sx={{ fontFamily: 'monospace' }} data-testid="mail-sha256">
                {m.sha256.slice(0, 16)}…
              </Box>
            </Typography>
          </Box>
        ))}
      </Stack>
    </Paper>
  );
}
