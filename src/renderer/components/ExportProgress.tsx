import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';

const count = (n: number) => n.toLocaleString('fr-FR');

/** A long export's progress from its job: « 1 200 / 5 000 lignes », or « Préparation… » until its size is known. */
export function ExportProgress({ done, total, unit, testId }: { done: number; total: number; unit: string; testId: string }) {
  return (
    <Box sx={{ mt: 2 }} role="status" aria-live="polite">
      <LinearProgress variant={total > 0 ? 'determinate' : 'indeterminate'} value={total > 0 ? Math.min(100, (done / total) * 100) : undefined} aria-label="Avancement de l’export" />
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }} data-testid={testId}>
        {total > 0 ? `${count(done)} / ${count(total)} ${unit}` : 'Préparation de l’export…'}
      </Typography>
    </Box>
  );
}
