import BackupIcon from '@mui/icons-material/Backup';
import LockIcon from '@mui/icons-material/Lock';
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
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CalculateIcon from '@mui/icons-material/Calculate';
import LockOutlinedIcon from '@mui/icons-material/LockOutlined';
import ReplayIcon from '@mui/icons-material/Replay';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateShort } from '../../../shared/dates';
import type { Response } from '../../../shared/contract';
import { Dec, formatEuro } from '../../../shared/money';
import { errorMessage } from '../../components/form/serverErrors';
import { fiscalYearShort } from '../../lib/format';
import { useCloseFiscalYear } from '../ledger/api';
import { EntryDetailDialog } from '../ledger/EntryDetailDialog';

type FiscalYear = Response<'fiscalYear.list'>['rows'][number];
type CloseResult = Response<'period.close'>;

/** What a year's end reads like in words: the typed confirmation. */
const yearWord = (fy: FiscalYear) => fy.end.slice(0, 4);

/**
 * Closing is irreversible: a first dialog says what it does, a second one has the user type the year,
 * then the result (profit or loss) and the opening entry of the next year are shown.
 */
export function CloseYearDialog({ year, onClose }: { year: FiscalYear; onClose: () => void }) {
  const close = useCloseFiscalYear();
  const [step, setStep] = useState<'explain' | 'confirm' | 'done'>('explain');
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState<CloseResult | null>(null);
  const [showEntry, setShowEntry] = useState<number | null>(null);
  const confirmed = typed.trim() === yearWord(year);
  const label = `l’exercice ${fiscalYearShort(year)}`;

  const run = () =>
    close.mutate(year.end, {
      onSuccess: (r) => {
        setResult(r);
        setStep('done');
      },
    });

  if (step === 'explain') {
    return (
      <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="close-explain-title">
        <DialogTitle id="close-explain-title">Clôturer {label} ?</DialogTitle>
        <DialogContent dividers>
          <DialogContentText sx={{ mb: 1 }}>
            L’exercice du {formatDateShort(year.start)} au {formatDateShort(year.end)} compte {year.entries} écriture{year.entries > 1 ? 's' : ''}. La clôture :
          </DialogContentText>
          <List dense>
            <ListItem>
              <ListItemIcon>
                <LockOutlinedIcon color="primary" />
              </ListItemIcon>
              <ListItemText primary="verrouille l’exercice" secondary="Plus aucune écriture, facture ou règlement ne pourra y être daté, et rien ne pourra y être corrigé." />
            </ListItem>
            <ListItem>
              <ListItemIcon>
                <CalculateIcon color="primary" />
              </ListItemIcon>
              <ListItemText primary="calcule le résultat" secondary="Produits (comptes 7) moins charges (comptes 6) : bénéfice ou perte de l’exercice." />
            </ListItem>
            <ListItem>
              <ListItemIcon>
                <ReplayIcon color="primary" />
              </ListItemIcon>
              <ListItemText
                primary="passe les à-nouveaux"
                secondary="Les soldes des comptes de bilan (banque, TVA…) et le résultat sont reportés au premier jour de l’exercice suivant, qui est ouvert s’il n’existe pas encore. Chaque facture restant due y est reprise sur sa propre ligne, à son numéro : ses règlements à venir s’y lettreront."
              />
            </ListItem>
            <ListItem>
              <ListItemIcon>
                <BackupIcon color="primary" />
              </ListItemIcon>
              <ListItemText primary="fait d’abord une sauvegarde" secondary="Une copie complète du dossier, tel qu’il est avant la clôture, est enregistrée dans le dossier des sauvegardes." />
            </ListItem>
          </List>
          <Alert severity="warning" variant="outlined" sx={{ mt: 1 }}>
            C’est irréversible. Clôturez quand votre comptable vous l’a confirmé.
          </Alert>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} autoFocus>
            Annuler
          </Button>
          <Button variant="contained" color="warning" onClick={() => setStep('confirm')}>
            Continuer
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  if (step === 'confirm') {
    return (
      <Dialog open onClose={close.isPending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="close-confirm-title">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (confirmed) run();
          }}
        >
          <DialogTitle id="close-confirm-title">Confirmer la clôture de {label}</DialogTitle>
          <DialogContent dividers>
            <DialogContentText sx={{ mb: 2 }}>
              Une fois clôturé, l’exercice du {formatDateShort(year.start)} au {formatDateShort(year.end)} ne pourra plus jamais être modifié. Pour confirmer, tapez <strong>{yearWord(year)}</strong> ci-dessous.
            </DialogContentText>
            <TextField
              label="Année de l’exercice à clôturer"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoFocus
              autoComplete="off"
              helperText={`Tapez ${yearWord(year)}`}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
            {close.error && (
              <Alert severity="error" sx={{ mt: 2 }}>
                {errorMessage(close.error)}
              </Alert>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} disabled={close.isPending}>
              Annuler
            </Button>
            <Button type="submit" variant="contained" color="error" startIcon={<LockIcon />} disabled={!confirmed} loading={close.isPending}>
              Clôturer définitivement
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    );
  }

  const r = result as CloseResult;
  const amount = new Dec(r.result);
  return (
    <>
      <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="close-done-title">
        <DialogTitle id="close-done-title">Exercice {fiscalYearShort(r.fiscalYear)} clôturé</DialogTitle>
        <DialogContent dividers>
          <Alert severity={amount.isNegative() ? 'warning' : 'success'} sx={{ mb: 2 }} data-testid="close-result">
            <AlertTitle>{amount.isZero() ? 'Résultat nul' : amount.isNegative() ? 'Perte de l’exercice' : 'Bénéfice de l’exercice'}</AlertTitle>
            <Typography variant="h2" component="p">
              {formatEuro(amount.abs().toFixed(2))}
            </Typography>
          </Alert>
          <Box>
            {r.openingEntryId !== null ? (
              <Typography>
                Les à-nouveaux ont été passés au {formatDateShort(r.nextFiscalYear.start)} dans le journal des à‑nouveaux (AN) : c’est la première écriture de l’exercice {fiscalYearShort(r.nextFiscalYear)}.
              </Typography>
            ) : (
              <Typography>Aucun solde à reporter : l’exercice {fiscalYearShort(r.nextFiscalYear)} commence sans à-nouveaux.</Typography>
            )}
            <Typography sx={{ mt: 1 }} color="text.secondary">
              L’exercice {fiscalYearShort(r.nextFiscalYear)} (du {formatDateShort(r.nextFiscalYear.start)} au {formatDateShort(r.nextFiscalYear.end)}) est ouvert. Pensez à exporter le FEC de l’exercice clôturé pour votre comptable.
            </Typography>
            <Typography variant="body2" sx={{ mt: 1 }} color="text.secondary" data-testid="close-backup">
              Copie du dossier avant la clôture :{' '}
              <Box component="code" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                {r.backup}
              </Box>
            </Typography>
          </Box>
        </DialogContent>
        <DialogActions>
          {r.openingEntryId !== null && <Button onClick={() => setShowEntry(r.openingEntryId)}>Voir l’écriture d’à-nouveaux</Button>}
          <Button component={Link} to="/rapports/journal?journal=AN">
            Ouvrir le journal
          </Button>
          <Button variant="contained" onClick={onClose} autoFocus>
            Terminé
          </Button>
        </DialogActions>
      </Dialog>
      <EntryDetailDialog entryId={showEntry} onClose={() => setShowEntry(null)} />
    </>
  );
}
