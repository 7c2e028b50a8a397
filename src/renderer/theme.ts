import { createTheme } from '@mui/material/styles';
import { frFR as materialFr } from '@mui/material/locale';
import { frFR as dataGridFr } from '@mui/x-data-grid/locales';
import { frFR as pickersFr } from '@mui/x-date-pickers/locales';

/** Status colours mean the same on every screen (ux.md). */
export const statusColors = {
  open: '#1565c0',
  partial: '#b26a00',
  paid: '#2e7d32',
  overdue: '#c62828',
  doubtful: '#6a1b9a',
  written_off: '#616161',
} as const;

export const theme = createTheme(
  {
    palette: {
      mode: 'light',
      primary: { main: '#1f4e79' },
      secondary: { main: '#00796b' },
      background: { default: '#f5f6f8' },
    },
    shape: { borderRadius: 8 },
    typography: {
      fontFamily: 'Roboto, "Segoe UI", system-ui, sans-serif',
      h1: { fontSize: '1.75rem', fontWeight: 600 },
      h2: { fontSize: '1.35rem', fontWeight: 600 },
      h3: { fontSize: '1.1rem', fontWeight: 600 },
    },
    components: {
      MuiButton: { defaultProps: { disableElevation: true }, styleOverrides: { root: { textTransform: 'none', fontWeight: 500 } } },
      MuiToggleButton: { styleOverrides: { root: { textTransform: 'none' } } },
      MuiTab: { styleOverrides: { root: { textTransform: 'none', fontWeight: 500, fontSize: '0.95rem' } } },
      MuiTextField: { defaultProps: { size: 'small', fullWidth: true } },
      MuiPaper: { defaultProps: { elevation: 0 }, styleOverrides: { root: { border: '1px solid #e0e3e8' } } },
      MuiAppBar: { styleOverrides: { root: { border: 0 } } },
      MuiDrawer: { styleOverrides: { paper: { border: 0 } } },
    },
  },
  materialFr,
  dataGridFr,
  pickersFr,
);
