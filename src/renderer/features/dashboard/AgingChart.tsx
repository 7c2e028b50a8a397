import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { formatEuro } from '../../../shared/money';
import { statusColors } from '../../theme';
import type { Aging } from './api';

/**
 * Not yet due in the "open" blue, then warmer and darker as the delay grows, each step clearly apart in
 * hue and lightness (61–90 and over 90 days once looked alike): yellow, orange, red, then the oldest in a
 * dark maroon, whatever the number of buckets.
 */
const LATE_COLORS = ['#f9a825', '#ef6c00', statusColors.overdue];
const OLDEST = '#4e0d0d';

export function bucketColor(index: number, count: number): string {
  if (index === count - 1) return OLDEST;
  // With more buckets than steps, the middle ones share the red; the oldest keeps its own colour.
  return LATE_COLORS[Math.min(index, LATE_COLORS.length - 1)] ?? statusColors.overdue;
}

// The bars need numbers; the tooltips show the exact decimal strings of the report, never the float.
const euros = (v: string) => Number(v);
const exact = (amounts: string[]) => (v: number | null, { dataIndex }: { dataIndex: number }) => (v === null ? '' : formatEuro(amounts[dataIndex] ?? '0'));
const short = (v: number) => `${v.toLocaleString('fr-FR', { maximumFractionDigits: 0 })} €`;

/**
 * The aged balance as a stacked bar chart: one bar per customer (the largest first), each split into
 * what is not due yet and what is late by bucket of days.
 */
export function AgingChart({ aging, max = 8, height }: { aging: Aging; max?: number; height?: number }) {
  const rows = aging.rows.slice(0, max);
  if (rows.length === 0) {
    return (
      <Box sx={{ py: 6, textAlign: 'center', color: 'text.secondary' }}>
        <Typography>Aucune créance à cette date : vos clients ne vous doivent rien.</Typography>
      </Box>
    );
  }
  const names = rows.map((r) => (r.name.length > 24 ? `${r.name.slice(0, 23)}…` : r.name));
  const series = [
    { id: 'notDue', label: 'Non échu', data: rows.map((r) => euros(r.notDue)), stack: 'aging', color: statusColors.open, valueFormatter: exact(rows.map((r) => r.notDue)) },
    ...aging.bucketLabels.map((label, i) => ({
      id: `b${i}`,
      label: `Retard ${label}`,
      data: rows.map((r) => euros(r.buckets[i] ?? '0')),
      stack: 'aging',
      color: bucketColor(i, aging.bucketLabels.length),
      valueFormatter: exact(rows.map((r) => r.buckets[i] ?? '0')),
    })),
  ];
  return (
    <Box role="img" aria-label={`Balance âgée au ${aging.asOf.split('-').reverse().join('/')} : ${rows.map((r) => `${r.name} ${formatEuro(r.total)}`).join(', ')}`} data-testid="aging-chart">
      <BarChart
        layout="horizontal"
        height={height ?? 90 + rows.length * 44}
        yAxis={[{ scaleType: 'band', data: names, width: 170, tickLabelStyle: { fontSize: 13 }, categoryGapRatio: 0.45 }]}
        xAxis={[{ valueFormatter: (v: number) => short(v), tickLabelStyle: { fontSize: 12 }, tickNumber: 5 }]}
        series={series}
        margin={{ left: 8, right: 40, top: 8, bottom: 8 }}
        // The start-up animation drew wrong bars for a second: the figures are shown as they are.
        skipAnimation
        slotProps={{ legend: { position: { vertical: 'bottom', horizontal: 'center' } } }}
      />
    </Box>
  );
}
