import BackupIcon from '@mui/icons-material/Backup';
import GavelIcon from '@mui/icons-material/Gavel';
import HourglassBottomIcon from '@mui/icons-material/HourglassBottom';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { addDays, formatDateShort } from '../../../shared/dates';
import { Dec, formatEuro } from '../../../shared/money';
import { formatDateTime } from '../../lib/format';
import { useBackups } from '../closing/api';
import { useCandidates, useDoubtfulList } from '../doubtful/api';

/** How far ahead a deadline is worth saying on the dashboard. */
const SOON_DAYS = 120;

function Item({ icon, primary, secondary, to, action, testId }: { icon: ReactNode; primary: string; secondary: string; to: string; action: string; testId: string }) {
  return (
    <ListItem disableGutters secondaryAction={<Button component={Link} to={to}>{action}</Button>} sx={{ pr: 16 }} data-testid={testId}>
      <ListItemIcon sx={{ minWidth: 40 }}>{icon}</ListItemIcon>
      <ListItemText primary={primary} secondary={secondary} />
    </ListItem>
  );
}

/**
 * Tableau de bord, « À surveiller »: overdue invoices that may be doubtful, the VAT of doubtful invoices
 * to recover before its deadline, the prescriptions coming, and the last backup (ux.md, Dashboard).
 */
export function WatchCard({ today }: { today: string }) {
  const candidates = useCandidates(today, 90);
  const doubtful = useDoubtfulList(today);
  const backups = useBackups();
  const soon = addDays(today, SOON_DAYS);
  const rows = candidates.data?.rows ?? [];
  const atStake = rows.reduce((s, r) => s.plus(r.outstanding), new Dec(0));
  const deadlines = (doubtful.data?.rows ?? []).filter((r) => r.vatRecoveryDeadline && r.vatRecoveryDeadline <= soon && new Dec(r.vatToRecover).gt(0));
  const prescriptions = [...(candidates.data?.rows ?? []), ...(doubtful.data?.rows ?? [])].filter((r) => r.prescriptionDate <= soon);
  const last = backups.data?.rows[0];
  const loading = candidates.isLoading || doubtful.isLoading || backups.isLoading;

  return (
    <Paper component="section" aria-labelledby="watch-title" sx={{ p: 2.5, flexGrow: 1 }}>
      <Typography variant="h2" id="watch-title" gutterBottom>
        À surveiller
      </Typography>
      {loading ? (
        <Skeleton variant="rounded" height={120} />
      ) : (
        <List dense>
          <Item
            testId="watch-candidates"
            icon={<GavelIcon color={rows.length > 0 ? 'warning' : 'disabled'} />}
            primary={rows.length === 0 ? 'Aucune facture en retard de plus de 90 jours' : `${rows.length} facture${rows.length > 1 ? 's' : ''} en retard de plus de 90 jours`}
            secondary={rows.length === 0 ? 'Rien à classer en créance douteuse.' : `${formatEuro(atStake.toFixed(2))} : à examiner, peut-être à classer en créance douteuse.`}
            to="/creances-douteuses"
            action="Examiner"
          />
          {deadlines.map((r) => (
            <Item
              key={`vat-${r.invoiceId}`}
              testId="watch-vat-deadline"
              icon={<ReceiptLongIcon color="error" />}
              primary={`TVA à récupérer avant le ${formatDateShort(r.vatRecoveryDeadline ?? '')} : ${formatEuro(r.vatToRecover)}`}
              secondary={`Facture ${r.number} (${r.customerName}) : passez-la en perte pour régulariser la TVA.`}
              to={`/creances-douteuses/${r.invoiceId}`}
              action="Ouvrir"
            />
          ))}
          {prescriptions.length > 0 && (
            <Item
              testId="watch-prescription"
              icon={<HourglassBottomIcon color="error" />}
              primary={`${prescriptions.length} créance${prescriptions.length > 1 ? 's' : ''} bientôt prescrite${prescriptions.length > 1 ? 's' : ''}`}
              secondary={`La première le ${formatDateShort(prescriptions.map((r) => r.prescriptionDate).sort()[0] ?? '')} : après, le client ne peut plus être poursuivi.`}
              to="/creances-douteuses"
              action="Voir"
            />
          )}
          <Item
            testId="watch-backup"
            icon={<BackupIcon color={last ? 'success' : 'warning'} />}
            primary={last ? `Dernière sauvegarde : ${formatDateTime(last.createdAt)}` : 'Aucune sauvegarde automatique encore'}
            secondary={last ? 'Encours garde vos dix dernières copies.' : 'Une copie est faite quand vous quittez Encours après avoir travaillé.'}
            to="/cloture"
            action="Sauvegardes"
          />
        </List>
      )}
    </Paper>
  );
}
