import Alert from '@mui/material/Alert';
import type { SxProps, Theme } from '@mui/material/styles';

/** The warnings of a save (one a line), when there are any. */
export function WarningsAlert({ warnings, testId, onClose, sx }: { warnings: readonly string[] | undefined; testId: string; onClose?: () => void; sx?: SxProps<Theme> }) {
  if (!warnings || warnings.length === 0) return null;
  return (
    <Alert severity="warning" onClose={onClose} sx={sx} data-testid={testId}>
      {warnings.map((w) => (
        <div key={w}>{w}</div>
      ))}
    </Alert>
  );
}
