import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateShort } from '../../../shared/dates';
import { formatEuro } from '../../../shared/money';
import { PostingPreviewPanel } from '../../components/EntryPreview';
import { errorMessage } from '../../components/form/serverErrors';
import { call } from '../../lib/ipc';
import { usePostingPreview } from '../../lib/preview';
import { LateDifference } from '../payments/LateDifference';
import { matchRequest, SURE_CONFIDENCE, useMatch, type BankLine } from './api';

/**
 * The écart de règlement the payment just recorded left (a few cents short, or a small excess), offered to
 * be settled as the payment form offers it (payment.settleDifference, within the company's threshold);
 * nothing when there is none.
 */
function MatchedDifference({ paymentId }: { paymentId: number }) {
  const payment = useQuery({ queryKey: ['bank', 'payment', paymentId], queryFn: () => call('payment.get', { id: paymentId }) });
  return payment.data ? <LateDifference payment={payment.data} /> : null;
}

/** « Examiner la suggestion »: the line, its candidates, and the entry the chosen one writes (dry run), then accepted. */
export function SuggestionDialog({ line, onClose, onMatched }: { line: BankLine; onClose: () => void; onMatched: (message: string) => void }) {
  const [chosen, setChosen] = useState(0);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<{ message: string; paymentId: number | undefined } | null>(null);
  const match = useMatch();
  const suggestion = line.suggestions[chosen];
  const request = suggestion ? matchRequest(line, suggestion) : null;
  // What accepting writes, from the main process (the renderer never computes a posting).
  const preview = usePostingPreview('bank.match', request);

  const accept = async () => {
    if (!request || !suggestion) return;
    setRefusal(null);
    try {
      const matched = await match.mutateAsync(request);
      setDone({
        message: `Opération du ${formatDateShort(line.date)} (${formatEuro(line.amount)}) rapprochée de ${suggestion.invoiceNumbers.join(', ')}${suggestion.escompte?.length ? ', escompte accordé' : ''}.`,
        paymentId: matched.paymentId,
      });
    } catch (err) {
      setRefusal(errorMessage(err));
    }
  };

  return (
    <Dialog open onClose={done ? () => onMatched(done.message) : onClose} maxWidth="md" fullWidth aria-labelledby="suggestion-title">
      <DialogTitle id="suggestion-title">Rapprocher l’opération du {formatDateShort(line.date)}</DialogTitle>
      {done ? (
        <>
          <DialogContent dividers>
            <Alert severity="success" sx={{ mb: 2 }} data-testid="match-done">
              {done.message} Le règlement est enregistré.
            </Alert>
            {done.paymentId !== undefined && <MatchedDifference paymentId={done.paymentId} />}
          </DialogContent>
          <DialogActions>
            <Button variant="contained" onClick={() => onMatched(done.message)}>
              Fermer
            </Button>
          </DialogActions>
        </>
      ) : (
      <>
      <DialogContent dividers>
        <Box sx={{ mb: 2 }} data-testid="suggestion-line">
          <Typography>
            <strong>{formatEuro(line.amount)}</strong> reçus le {formatDateShort(line.date)} — {line.label}
          </Typography>
          {(line.remittance || line.counterpartyName) && (
            <Typography variant="body2" color="text.secondary">
              {[line.counterpartyName, line.remittance].filter(Boolean).join(' · ')}
            </Typography>
          )}
        </Box>
        {refusal && (
          <Alert severity="error" sx={{ mb: 2 }} onClose={() => setRefusal(null)}>
            {refusal}
          </Alert>
        )}
        <Typography variant="h3" sx={{ mb: 1 }}>
          {line.suggestions.length > 1 ? 'Factures qu’elle peut régler' : 'Facture qu’elle peut régler'}
        </Typography>
        <RadioGroup value={String(chosen)} onChange={(e) => setChosen(Number(e.target.value))} aria-label="Suggestions">
          {line.suggestions.map((s, i) => (
            <FormControlLabel
              key={i}
              value={String(i)}
              control={<Radio />}
              sx={{ alignItems: 'flex-start', mb: 1, '& .MuiRadio-root': { pt: 0.5 } }}
              label={
                <Box>
                  <Typography>
                    <strong>{s.customerName}</strong> — {s.invoiceNumbers.map((n, k) => `${n} (${formatEuro(s.amounts[k] ?? '0')})`).join(', ')}{' '}
                    <Chip size="small" label={`Confiance ${s.confidence} %`} color={s.confidence >= SURE_CONFIDENCE ? 'success' : 'default'} variant={s.confidence >= SURE_CONFIDENCE ? 'filled' : 'outlined'} sx={{ ml: 0.5 }} />
                    {s.escompte && s.escompte.length > 0 && <Chip size="small" label="Avec escompte" color="info" sx={{ ml: 0.5 }} />}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {s.reason}
                  </Typography>
                </Box>
              }
            />
          ))}
        </RadioGroup>
        <Box sx={{ mt: 2 }}>
          <PostingPreviewPanel
            preview={preview}
            title="Ce que ce rapprochement écrit dans vos comptes"
            emptyText="Encours prépare l’écriture du règlement…"
            footer="Le règlement est enregistré comme un virement reçu à la date de l’opération ; ce qui dépasse les factures va à l’avance du client."
          />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Annuler</Button>
        <Button variant="contained" onClick={() => void accept()} loading={match.isPending} disabled={!request || preview.refusal !== null}>
          Accepter ce rapprochement
        </Button>
      </DialogActions>
      </>
      )}
    </Dialog>
  );
}
