import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { SparkLineChart } from '@mui/x-charts/SparkLineChart';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { addDays, addMonths, daysInMonth, formatDateShort } from '../../../shared/dates';
import type { Company } from '../../../shared/domain/company';
import { Dec, formatEuro, formatPercent } from '../../../shared/money';
import { useToday } from '../../lib/today';
import { PageHeader } from '../../components/PageHeader';
import { statusColors } from '../../theme';
import { useCustomers } from '../customers/api';
import { DunningTodayCard } from '../dunning/DunningTodayCard';
import { WatchCard } from './WatchCard';
import { useInvoices } from '../invoices/api';
import { AgingChart } from './AgingChart';
import { DSO_METHODS, useAging, useDso, useDsoTrend } from './api';

function Figure({ title, value, testId, color, children, loading }: { title: string; value: string; testId: string; color?: string; children?: ReactNode; loading?: boolean }) {
  return (
    <Paper sx={{ p: 2.5, height: '100%' }}>
      <Typography variant="h3" component="h2" color="text.secondary">
        {title}
      </Typography>
      {loading ? (
        <Skeleton variant="text" sx={{ fontSize: '1.75rem', my: 1, width: '70%' }} />
      ) : (
        <Typography variant="h1" component="p" sx={{ my: 1, fontVariantNumeric: 'tabular-nums', color }} data-testid={testId}>
          {value}
        </Typography>
      )}
      {children}
    </Paper>
  );
}

const monthEnd = (d: string) => {
  const [y, m] = d.split('-').map(Number) as [number, number];
  return `${d.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
};

/** Where the owner stands: what customers owe, how late, how fast they pay, and what to do next. */
export function DashboardPage({ company }: { company: Company }) {
  const today = useToday();
  const customers = useCustomers('');
  const invoices = useInvoices({}, { page: 0, pageSize: 1 });
  const aging = useAging({ asOf: today });
  const dsoFrom = addDays(today, -89);
  const dso = useDso({ from: dsoFrom, to: today, method: 'ratio' });
  // The trend: the same DSO (three months) at each of the last six month ends, and today.
  const ends = [5, 4, 3, 2, 1].map((k) => monthEnd(addMonths(today, -k))).concat(today);
  const trend = useDsoTrend(ends.map((to) => ({ from: addDays(addMonths(to, -3), 1), to })));
  const trendData = trend.every((q) => q.data) ? trend.map((q) => q.data?.days ?? 0) : null;

  const customerCount = customers.data?.total ?? 0;
  const invoiceCount = invoices.data?.total ?? 0;
  const totals = aging.data?.totals;
  const total = totals ? new Dec(totals.total) : new Dec(0);
  const overdue = totals ? total.minus(totals.notDue) : new Dec(0);
  const steps = [
    { done: true, label: 'Créer le dossier de l’entreprise', to: '/parametres', action: 'Voir' },
    { done: Boolean(company.iban), label: 'Indiquer votre IBAN pour qu’il figure sur vos factures', to: '/parametres', action: 'Compléter' },
    { done: customerCount > 0, label: 'Créer vos clients (ou les importer)', to: '/clients', action: 'Ouvrir' },
    { done: invoiceCount > 0, label: 'Faire votre première facture', to: '/factures/nouvelle', action: 'Commencer' },
  ];

  return (
    <>
      <PageHeader title="Tableau de bord" subtitle={`Bonjour ! Voici où en est ${company.name} au ${formatDateShort(today)}.`} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 6, lg: 3 }}>
          <Figure title="Encours clients" value={formatEuro(total.toFixed(2))} testId="encours-total" loading={aging.isLoading}>
            <Typography variant="body2" color="text.secondary">
              Ce que vos clients vous doivent, toutes factures confondues.
            </Typography>
          </Figure>
        </Grid>
        <Grid size={{ xs: 12, sm: 6, lg: 3 }}>
          <Figure title="Dont en retard" value={formatEuro(overdue.toFixed(2))} testId="encours-overdue" color={overdue.gt(0) ? statusColors.overdue : undefined} loading={aging.isLoading}>
            <Typography variant="body2" color="text.secondary">
              {overdue.gt(0) && total.gt(0) ? `${formatPercent(overdue.div(total).times(100).toDecimalPlaces(0).toString())} de l’encours a dépassé son échéance.` : 'Aucune facture en retard.'}
            </Typography>
            {overdue.gt(0) && (
              <Button size="small" component={Link} to="/factures?statut=overdue" sx={{ mt: 0.5, ml: -1 }}>
                Voir les factures en retard
              </Button>
            )}
          </Figure>
        </Grid>
        <Grid size={{ xs: 12, sm: 6, lg: 3 }}>
          <Figure title="Délai de paiement (DSO)" value={dso.data ? `${dso.data.days.toLocaleString('fr-FR')} jours` : '—'} testId="dso-days" loading={dso.isLoading}>
            <Typography variant="body2" color="text.secondary">
              Sur 3 mois, {DSO_METHODS.ratio.label.toLowerCase()}.
            </Typography>
            {trendData && (
              <Box aria-label={`Évolution du DSO sur six mois : ${trendData.map((d) => `${d.toLocaleString('fr-FR')} j`).join(', ')}`} role="img">
                <SparkLineChart data={trendData} height={36} color={statusColors.open} curve="linear" />
              </Box>
            )}
            <Button size="small" component={Link} to="/rapports/dso" sx={{ ml: -1 }}>
              Comparer les méthodes
            </Button>
          </Figure>
        </Grid>
        <Grid size={{ xs: 12, sm: 6, lg: 3 }}>
          <Figure title="Clients" value={String(customerCount)} testId="customer-count" loading={customers.isLoading}>
            <Typography variant="body2" color="text.secondary">
              {invoiceCount > 0 ? `${invoiceCount.toLocaleString('fr-FR')} facture${invoiceCount > 1 ? 's' : ''} au total.` : 'Aucune facture encore.'}
            </Typography>
            <Button size="small" component={Link} to="/clients" sx={{ ml: -1 }}>
              Voir les clients
            </Button>
          </Figure>
        </Grid>
        <Grid size={12}>
          <DunningTodayCard today={today} />
        </Grid>
        <Grid size={{ xs: 12, lg: 7 }}>
          <Paper component="section" aria-labelledby="aging-title" sx={{ p: 2.5, height: '100%' }}>
            <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, mb: 1 }}>
              <Typography variant="h2" id="aging-title" sx={{ flexGrow: 1 }}>
                Balance âgée
              </Typography>
              <Button component={Link} to="/rapports/balance-agee">
                Voir le détail
              </Button>
            </Box>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              Par client, ce qui n’est pas encore échu (bleu) et ce qui est en retard, d’autant plus rouge que le retard est ancien.
            </Typography>
            {aging.data ? <AgingChart aging={aging.data} max={6} /> : <Skeleton variant="rounded" height={220} />}
          </Paper>
        </Grid>
        <Grid size={{ xs: 12, lg: 5 }}>
          <Stack spacing={2} sx={{ height: '100%' }}>
            {/* Once everything is set up, the first steps give way to what needs watching. */}
            {steps.some((s) => !s.done) && (
              <Paper sx={{ p: 2.5 }}>
                <Typography variant="h2" gutterBottom>
                  Pour bien démarrer
                </Typography>
                <List>
                  {steps.map((s) => (
                    <ListItem key={s.label} secondaryAction={!s.done && <Button component={Link} to={s.to}>{s.action}</Button>} sx={{ pr: 14 }}>
                      <ListItemIcon>{s.done ? <CheckCircleIcon color="success" /> : <RadioButtonUncheckedIcon color="disabled" />}</ListItemIcon>
                      <ListItemText primary={s.label} />
                    </ListItem>
                  ))}
                </List>
              </Paper>
            )}
            <WatchCard today={today} />
          </Stack>
        </Grid>
      </Grid>
    </>
  );
}
