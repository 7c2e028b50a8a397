import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { Link } from 'react-router';
import { DUNNING_STEP_KIND_LABELS, type DunningStepKind } from '../../../shared/domain/dunning';
import { Dec, formatEuro } from '../../../shared/money';
import { useDunningDue } from './api';
import { STEP_KINDS_IN_ORDER, StepChip } from './common';

/** Tableau de bord: today's reminders, counted by step, and the way to them. */
export function DunningTodayCard({ today }: { today: string }) {
  const due = useDunningDue(today);
  const rows = due.data?.rows ?? [];
  const counts = new Map<DunningStepKind, number>();
  for (const r of rows) counts.set(r.step.kind, (counts.get(r.step.kind) ?? 0) + 1);
  const atStake = rows.reduce((s, r) => s.plus(r.outstanding), new Dec(0));
  return (
    <Paper component="section" aria-labelledby="dunning-today-title" sx={{ p: 2.5, display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
      <NotificationsActiveIcon color="primary" aria-hidden />
      <Box sx={{ flex: 1, minWidth: 240 }}>
        <Typography variant="h3" component="h2" id="dunning-today-title">
          Relances du jour
        </Typography>
        {due.isLoading ? (
          <Skeleton variant="text" sx={{ width: '50%' }} />
        ) : (
          <Typography variant="body2" color="text.secondary" data-testid="dunning-today">
            {rows.length === 0
              ? 'Aucune relance à faire aujourd’hui.'
              : `${rows.length} facture${rows.length > 1 ? 's' : ''} à relancer, ${formatEuro(atStake.toFixed(2))} en jeu.`}
          </Typography>
        )}
      </Box>
      <Box sx={{ display: 'flex', gap: 0.75, flexWrap: 'wrap' }}>
        {STEP_KINDS_IN_ORDER.filter((k) => counts.has(k)).map((k) => (
          <StepChip key={k} kind={k} label={`${DUNNING_STEP_KIND_LABELS[k]} : ${counts.get(k) ?? 0}`} />
        ))}
      </Box>
      <Button component={Link} to="/relances" variant={rows.length > 0 ? 'contained' : 'text'}>
        {rows.length > 0 ? 'Faire les relances' : 'Voir les relances'}
      </Button>
    </Paper>
  );
}
