import FilterAltOffIcon from '@mui/icons-material/FilterAltOff';
import SearchIcon from '@mui/icons-material/Search';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { ReactNode } from 'react';

/** The row of a list's filters (role « search », named by `label`): the search field first, then the others. */
export function ListFilterBar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack direction="row" useFlexGap spacing={1.5} sx={{ mb: 2, flexWrap: 'wrap', alignItems: 'flex-start' }} role="search" aria-label={label}>
      {children}
    </Stack>
  );
}

/** « Rechercher », with a magnifier: what the list's text search looks for is said by its placeholder. */
export function ListSearchField({ value, onChange, placeholder }: { value: string; onChange: (v: string) => void; placeholder: string }) {
  return (
    <TextField
      label="Rechercher"
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      sx={{ width: 300 }}
      fullWidth={false}
      slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon /></InputAdornment> } }}
    />
  );
}

/** « Effacer les filtres », shown by the list only while a filter is set. */
export function ClearFiltersButton({ onClick }: { onClick: () => void }) {
  return (
    <Button startIcon={<FilterAltOffIcon />} sx={{ mt: 0.25 }} onClick={onClick}>
      Effacer les filtres
    </Button>
  );
}
