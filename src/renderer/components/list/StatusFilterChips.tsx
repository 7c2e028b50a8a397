import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';

/**
 * The status filter of a list: one chip a status, « Tous » / « Toutes » first; the chosen one filled in
 * its status's colour (aria-pressed says which).
 */
export function StatusFilterChips<S extends string>({
  options,
  value,
  onChange,
  label,
  color,
}: {
  /** The statuses, 'all' first. */
  options: readonly (S | 'all')[];
  value: S | 'all';
  onChange: (s: S | 'all') => void;
  label: (s: S | 'all') => string;
  /** The colour of a status's chip (none: the theme's). */
  color: (s: S) => string | undefined;
}) {
  return (
    <Box role="group" aria-label="Filtrer par statut" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mb: 2 }}>
      {options.map((s) => {
        const selected = value === s;
        const c = s === 'all' ? undefined : color(s);
        return (
          <Chip
            key={s}
            label={label(s)}
            clickable
            aria-pressed={selected}
            onClick={() => onChange(s)}
            variant={selected ? 'filled' : 'outlined'}
            sx={
              selected
                ? { bgcolor: c ?? 'primary.main', color: '#fff', '&:hover, &.Mui-focusVisible': { bgcolor: c ?? 'primary.dark' } }
                : { borderColor: c ?? 'divider', color: c ?? 'text.primary' }
            }
          />
        );
      })}
    </Box>
  );
}
