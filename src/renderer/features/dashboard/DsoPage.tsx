import Alert from '@mui/material/Alert';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { LineChart } from '@mui/x-charts/LineChart';
import { addDays, addMonths, daysBetween, daysInMonth, formatDateShort } from '../../../shared/dates';
import { formatEuro } from '../../../shared/money';
import { errorMessage } from '../../components/form/serverErrors';
import { useToday } from '../../lib/today';
import { PageHeader } from '../../components/PageHeader';
import { PeriodFilter, usePeriod } from '../../components/PeriodFilter';
import { statusColors } from '../../theme';
import { DSO_METHODS, useDsoAllMethods, useDsoTrend, type DsoMethod } from './api';

const monthEnd = (d: string) => {
  const [y, m] = d.split('-').map(Number) as [number, number];
  return `${d.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
};
const MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];
const monthLabel = (d: string) => `${MONTHS[Number(d.slice(5, 7)) - 1]} ${d.slice(2, 4)}`;

/** DSO: how many days customers take to pay, over a period, by the three usual methods, and its trend. */
export function DsoPage() {
  const [period, setPeriod] = usePeriod();
  const today = useToday();
  const from = period.from;
  // A period still running is measured up to today.
  const to = period.to && period.to > today ? today : period.to;
  const valid = Boolean(from && to && from <= to);
  const results = useDsoAllMethods(from, to, valid);
  const end = to || today;
  const ends = Array.from({ length: 12 }, (_v, k) => monthEnd(addMonths(end, k - 11))).map((d) => (d > end ? end : d));
  const trend = useDsoTrend(ends.map((t) => ({ from: addDays(addMonths(t, -3), 1), to: t })));
  const trendData = trend.map((q) => q.data?.days ?? null);
  const error = results.find((r) => r.error)?.error;

  return (
    <>
      <PageHeader
        title="DSO — délai moyen de paiement"
        subtitle="Le nombre de jours qu’il faut en moyenne à vos clients pour vous payer. Il se calcule de plusieurs façons : comparez-les sur la même période, et suivez son évolution."
      />
      <Paper sx={{ p: 2, mb: 2 }}>
        <PeriodFilter value={period} onChange={setPeriod} />
        {valid && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            Du {formatDateShort(from)} au {formatDateShort(to)}, soit {daysBetween(from, to) + 1} jours.
          </Typography>
        )}
        {!valid && (
          <Typography variant="body2" color="warning.main" sx={{ mt: 1 }}>
            Choisissez une période avec un début et une fin.
          </Typography>
        )}
      </Paper>
      {error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(error)}</Alert>}
      {(() => {
        const r = results[0]?.data;
        return (
          <Paper sx={{ p: 2.5, mb: 2 }} data-testid="dso-ratio" component="section" aria-labelledby="dso-headline">
            <Typography variant="h2" id="dso-headline">
              Vos clients vous paient en moyenne en
            </Typography>
            {r ? (
              <Typography variant="h1" component="p" sx={{ my: 1, fontVariantNumeric: 'tabular-nums' }} data-testid="dso-headline-days">
                {r.days.toLocaleString('fr-FR')} jours
              </Typography>
            ) : (
              <Skeleton variant="text" sx={{ fontSize: '1.75rem', my: 1, width: '30%' }} />
            )}
            <Typography variant="body2">
              Calcul : ce que vos clients vous doivent à la fin de la période{r ? ` (${formatEuro(r.receivables)})` : ''}, divisé par vos ventes TTC de la période{r ? ` (${formatEuro(r.sales)})` : ''}, multiplié par son nombre de jours.
              C’est la méthode comptable, celle du tableau de bord (qui la calcule sur les 90 derniers jours : son chiffre diffère si la période choisie ici est autre).
            </Typography>
          </Paper>
        );
      })()}
      <Typography variant="h2" sx={{ mb: 1 }}>
        Pour comparer : deux autres façons de le mesurer
      </Typography>
      <Grid container spacing={2} sx={{ mb: 2 }}>
        {(['average', 'countback'] as const).map((m) => {
          const r = results[(Object.keys(DSO_METHODS) as DsoMethod[]).indexOf(m)]?.data;
          return (
            <Grid key={m} size={{ xs: 12, md: 6 }}>
              <Paper sx={{ p: 2.5, height: '100%' }} data-testid={`dso-${m}`}>
                <Typography variant="h3" component="h3">
                  {DSO_METHODS[m].label}
                </Typography>
                {r ? (
                  <Typography variant="h2" component="p" sx={{ my: 1, fontVariantNumeric: 'tabular-nums' }}>
                    {r.days.toLocaleString('fr-FR')} jours
                  </Typography>
                ) : (
                  <Skeleton variant="text" sx={{ fontSize: '1.5rem', my: 1, width: '50%' }} />
                )}
                {r && (
                  <Typography variant="body2" sx={{ mb: 1 }}>
                    {m === 'average' ? 'Créances moyennes' : 'Créances en fin de période'} : {formatEuro(r.receivables)} · ventes TTC : {formatEuro(r.sales)}
                  </Typography>
                )}
                <Typography variant="body2" color="text.secondary">
                  {DSO_METHODS[m].help}
                </Typography>
              </Paper>
            </Grid>
          );
        })}
      </Grid>
      <Paper component="section" aria-labelledby="dso-trend" sx={{ p: 2.5 }}>
        <Typography variant="h2" id="dso-trend">
          Évolution sur douze mois
        </Typography>
        <Typography variant="body2" color="text.secondary">
          À chaque fin de mois, le DSO des trois mois écoulés (méthode comptable). Une courbe qui monte : vos clients paient de plus en plus tard.
        </Typography>
        {trendData.every((d) => d !== null) ? (
          <LineChart
            height={260}
            xAxis={[{ scaleType: 'point', data: ends.map(monthLabel) }]}
            yAxis={[{ valueFormatter: (v: number) => `${v.toLocaleString('fr-FR')} j`, width: 56 }]}
            series={[{ data: trendData as number[], label: 'DSO (jours)', color: statusColors.open, valueFormatter: (v) => (v === null ? '' : `${v.toLocaleString('fr-FR')} jours`) }]}
            hideLegend
            skipAnimation
            margin={{ left: 8, right: 36, top: 16, bottom: 8 }}
          />
        ) : (
          <Skeleton variant="rounded" height={260} sx={{ mt: 1 }} />
        )}
      </Paper>
    </>
  );
}
