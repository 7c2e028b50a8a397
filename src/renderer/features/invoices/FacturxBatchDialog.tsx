import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { RequestInput } from '../../../shared/contract';
import { addDays, addMonths } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { errorMessage } from '../../components/form/serverErrors';
import { PeriodFilter, type Period } from '../../components/PeriodFilter';
import { call } from '../../lib/ipc';
import { useToday } from '../../lib/today';
import { useJobStatus } from '../closing/api';
import { FolderChoice } from '../../components/FolderChoice';
import { ExportProgress } from '../../components/ExportProgress';

const count = (n: number) => n.toLocaleString('fr-FR');
const files = (n: number) => `${count(n)} fichier${n > 1 ? 's' : ''}`;

/** The month of `today`, first to last day: what a monthly deposit on the platform covers. */
function monthOf(today: string): Period {
  const from = `${today.slice(0, 7)}-01`;
  return { from, to: addDays(addMonths(from, 1), -1) };
}

function newJobId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `facturx-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * « Exporter les Factur-X de la période »: every validated invoice, penalty invoice and credit note of a
 * period as a Factur-X file, into a folder the owner picks in the system's dialog (the main process hands
 * back a token for one export: the window never names a path), with its progress; what was refused is
 * listed with what to complete, the others are written.
 */
export function FacturxBatchDialog({ onClose }: { onClose: () => void }) {
  const today = useToday();
  const [period, setPeriod] = useState<Period>(() => monthOf(today));
  const [chosen, setChosen] = useState<{ token: string | null; path: string } | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const choose = useMutation({ mutationFn: () => call('dialog.chooseFile', { purpose: 'facturxFolder' }) });
  const batch = useMutation({ mutationFn: (req: RequestInput<'document.facturxBatch'>) => call('document.facturxBatch', req) });
  const running = batch.isPending;
  const job = useJobStatus(running ? jobId : null);
  const done = job.data?.done ?? 0;
  const total = job.data?.total ?? 0;
  const spent = chosen !== null && chosen.token === null;
  const fieldErrors = batch.error instanceof AppError ? batch.error.fieldErrors : undefined;
  const periodOk = Boolean(period.from && period.to && period.from <= period.to);

  const pick = () => {
    batch.reset();
    choose.mutate(undefined, {
      onSuccess: (r) => {
        if (!r.canceled && r.token && r.path) setChosen({ token: r.token, path: r.path });
      },
    });
  };

  const start = () => {
    if (!chosen?.token || !periodOk) return;
    const id = newJobId();
    setJobId(id);
    batch.mutate({ from: period.from, to: period.to, output: chosen.token, jobId: id });
    // A token serves once: another export asks the dialog again.
    setChosen({ ...chosen, token: null });
  };

  const result = batch.data;
  return (
    <Dialog open onClose={running ? undefined : onClose} maxWidth="md" fullWidth aria-labelledby="facturx-batch-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!running && !result) start();
        }}
      >
        <DialogTitle id="facturx-batch-title">Exporter les Factur-X de la période</DialogTitle>
        <DialogContent dividers>
          <DialogContentText sx={{ mb: 2 }}>
            Chaque facture, facture de pénalités et avoir validés de la période est enregistré en Factur-X (le PDF avec ses données EN 16931), un fichier par document, dans le dossier choisi : c’est ce que votre plateforme agréée reçoit.
          </DialogContentText>
          {result ? (
            <>
              <Alert severity={result.refused.length ? 'warning' : 'success'} data-testid="facturx-batch-result">
                <AlertTitle>{result.count === 0 ? 'Aucun fichier Factur-X enregistré' : `${files(result.count)} Factur-X enregistré${result.count > 1 ? 's' : ''}`}</AlertTitle>
                <Typography variant="body2">Dans le dossier :</Typography>
                <Box component="code" sx={{ display: 'block', mt: 0.5, fontFamily: 'monospace', wordBreak: 'break-all' }}>
                  {result.folder}
                </Box>
                {result.count === 0 && result.refused.length === 0 && <Typography variant="body2" sx={{ mt: 1 }}>Aucun document validé n’est daté de cette période.</Typography>}
              </Alert>
              {result.refused.length > 0 && (
                <Box sx={{ mt: 2 }} data-testid="facturx-batch-refused">
                  <Typography variant="subtitle1" component="h3">
                    {result.refused.length === 1 ? 'Un document n’a pas été exporté : complétez ce qui manque, puis exportez-le de nouveau.' : `${count(result.refused.length)} documents n’ont pas été exportés : complétez ce qui manque, puis exportez-les de nouveau.`}
                  </Typography>
                  <List dense>
                    {result.refused.map((r) => (
                      <ListItem key={`${r.kind}-${r.id}`} disableGutters>
                        <ListItemText primary={`${r.kind === 'invoice' ? 'Facture' : 'Avoir'} ${r.number}`} secondary={r.reason} />
                      </ListItem>
                    ))}
                  </List>
                </Box>
              )}
            </>
          ) : (
            <>
              <PeriodFilter value={period} onChange={setPeriod} />
              {(fieldErrors?.from || fieldErrors?.to) && (
                <Alert severity="error" sx={{ mt: 2 }}>
                  {fieldErrors.from ?? fieldErrors.to}
                </Alert>
              )}
              <Box sx={{ mt: 2 }}>
                <FolderChoice
                  path={chosen?.path ?? ''}
                  placeholder="Aucun dossier choisi"
                  hint="Chaque fichier y est nommé comme le document : « Facture F2026-00001 Factur-X.pdf »."
                  fieldError={fieldErrors?.output}
                  spent={spent}
                  running={running}
                  picking={choose.isPending}
                  pickError={choose.error}
                  onPick={pick}
                />
              </Box>
              {running && <ExportProgress done={done} total={total} unit="documents" testId="facturx-batch-progress" />}
              {batch.error && !fieldErrors?.output && !fieldErrors?.from && !fieldErrors?.to && (
                <Alert severity="error" sx={{ mt: 2 }}>
                  {errorMessage(batch.error)}
                </Alert>
              )}
            </>
          )}
        </DialogContent>
        <DialogActions>
          {result ? (
            <Button variant="contained" onClick={onClose} autoFocus>
              Fermer
            </Button>
          ) : (
            <>
              <Button onClick={onClose} disabled={running}>
                Annuler
              </Button>
              <Button type="submit" variant="contained" loading={running} disabled={!chosen?.token || !periodOk || choose.isPending}>
                Exporter les Factur-X
              </Button>
            </>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
