import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { Response } from '../../../shared/contract';
import { formatDateShort } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { errorMessage } from '../../components/form/serverErrors';
import { fiscalYearShort } from '../../lib/format';
import { useAppInfo } from '../../lib/today';
import { newJobId, useChooseFolder, useExportFec, useJobStatus } from './api';
import { FolderChoice } from '../../components/FolderChoice';
import { ExportProgress } from '../../components/ExportProgress';

type FiscalYear = Response<'fiscalYear.list'>['rows'][number];
const count = (n: number) => n.toLocaleString('fr-FR');

/**
 * The FEC of one fiscal year, written into a folder, with its progress line by line. The folder is the
 * company file's unless the owner picks another in the system's dialog (« Choisir… », opened by the main
 * process, which hands back a token for one export: the window never names a path).
 */
export function FecExportDialog({ year, onClose }: { year: FiscalYear; onClose: () => void }) {
  const info = useAppInfo();
  // The folder picked in the dialog; its token is null once an export has spent it.
  const [chosen, setChosen] = useState<{ token: string | null; path: string } | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const exportFec = useExportFec();
  const choose = useChooseFolder();
  const running = exportFec.isPending;
  const job = useJobStatus(running ? jobId : null);
  const folder = chosen?.path ?? info.data?.folder ?? '';
  const spent = chosen !== null && chosen.token === null;
  const fieldError = exportFec.error instanceof AppError ? exportFec.error.fieldErrors?.output : undefined;
  const done = job.data?.done ?? 0;
  const total = job.data?.total ?? 0;

  const start = () => {
    const id = newJobId();
    setJobId(id);
    // A token serves once: the next export asks the dialog again, or goes beside the company file.
    exportFec.mutate({ fiscalYearEnd: year.end, jobId: id, ...(chosen?.token ? { output: chosen.token } : {}) });
    if (chosen) setChosen({ ...chosen, token: null });
  };

  const pick = () => {
    exportFec.reset();
    choose.mutate(undefined, {
      onSuccess: (r) => {
        if (!r.canceled && r.token && r.path) setChosen({ token: r.token, path: r.path });
      },
    });
  };

  return (
    <Dialog open onClose={running ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="fec-title">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!running && !exportFec.data) start();
        }}
      >
        <DialogTitle id="fec-title">Exporter le FEC de l’exercice {fiscalYearShort(year)}</DialogTitle>
        <DialogContent dividers>
          <DialogContentText sx={{ mb: 2 }}>
            Le fichier des écritures comptables (FEC) reprend toutes les écritures de l’exercice du {formatDateShort(year.start)} au {formatDateShort(year.end)}, au format exigé par l’administration fiscale. Votre comptable vous le demandera, et il doit être remis en cas de contrôle.
          </DialogContentText>
          {exportFec.data ? (
            <Alert severity="success" data-testid="fec-result">
              <AlertTitle>FEC exporté : {count(exportFec.data.lines)} lignes</AlertTitle>
              <Typography variant="body2">Le fichier est enregistré ici :</Typography>
              <Box component="code" sx={{ display: 'block', mt: 0.5, fontFamily: 'monospace', wordBreak: 'break-all' }} data-testid="fec-path">
                {exportFec.data.path}
              </Box>
            </Alert>
          ) : (
            <>
              <FolderChoice
                path={folder}
                hint="Le fichier y sera nommé SIRENFECAAAAMMJJ.txt. Pour un autre dossier, cliquez sur « Choisir… »."
                fieldError={fieldError}
                spent={spent}
                running={running}
                picking={choose.isPending}
                pickError={choose.error}
                onPick={pick}
              />
              {running && <ExportProgress done={done} total={total} unit="lignes" testId="fec-progress" />}
              {exportFec.error && !fieldError && (
                <Alert severity="error" sx={{ mt: 2 }}>
                  {errorMessage(exportFec.error)}
                </Alert>
              )}
            </>
          )}
        </DialogContent>
        <DialogActions>
          {exportFec.data ? (
            <Button variant="contained" onClick={onClose} autoFocus>
              Fermer
            </Button>
          ) : (
            <>
              <Button onClick={onClose} disabled={running}>
                Annuler
              </Button>
              <Button type="submit" variant="contained" loading={running} disabled={!folder || spent || choose.isPending} autoFocus>
                Exporter le FEC
              </Button>
            </>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
