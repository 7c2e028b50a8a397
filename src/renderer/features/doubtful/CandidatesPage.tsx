import GavelIcon from '@mui/icons-material/Gavel';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DataGrid, type GridColDef, type GridRowSelectionModel } from '@mui/x-data-grid';
import { frFR as gridFr } from '@mui/x-data-grid/locales';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { formatDateShort } from '../../../shared/dates';
import { formatEuro } from '../../../shared/money';
import { errorMessage } from '../../components/form/serverErrors';
import { useToday } from '../../lib/today';
import { PageHeader } from '../../components/PageHeader';
import { useCandidates, type Candidate } from './api';
import { DoubtfulTabs } from './common';

/** The signals that point to a risk, as chips (none: a late payment alone is not enough). */
export function SignalChips({ s }: { s: Candidate['signals'] }) {
  const chips: { label: string; color: 'default' | 'warning' | 'error' | 'secondary' }[] = [];
  if (s.reminders > 0) chips.push({ label: `${s.reminders} relance${s.reminders > 1 ? 's' : ''}`, color: 'default' });
  if (s.formalNotices > 0) chips.push({ label: 'Mise en demeure', color: 'warning' });
  if (s.courtDecisions > 0) chips.push({ label: 'Litige en justice', color: 'error' });
  if (s.procedure) chips.push({ label: 'Procédure collective', color: 'error' });
  if (s.paymentPlanBroken) chips.push({ label: 'Échéancier non respecté', color: 'warning' });
  if (chips.length === 0) return <Typography variant="caption" color="text.secondary">Aucun signal</Typography>;
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', height: '100%' }}>
      {chips.map((c) => (
        <Chip key={c.label} size="small" variant="outlined" color={c.color} label={c.label} />
      ))}
    </Stack>
  );
}

const columns: GridColDef<Candidate>[] = [
  { field: 'number', headerName: 'Facture', width: 130 },
  { field: 'customerName', headerName: 'Client', flex: 1, minWidth: 180 },
  { field: 'dueDate', headerName: 'Échéance', width: 110, valueFormatter: (v: string) => formatDateShort(v) },
  { field: 'outstanding', headerName: 'Reste dû', width: 130, align: 'right', headerAlign: 'right', valueFormatter: (v: string) => formatEuro(v) },
  { field: 'daysOverdue', headerName: 'Retard', width: 100, align: 'right', headerAlign: 'right', valueFormatter: (v: number) => `${v} j` },
  { field: 'signals', headerName: 'Signaux', flex: 1.2, minWidth: 260, sortable: false, renderCell: ({ row }) => <SignalChips s={row.signals} /> },
];

/** « À examiner »: the invoices late beyond a threshold, with what points to a risk; classify a selection. */
export function CandidatesPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const threshold = Number(params.get('seuil') ?? '90');
  const [thresholdText, setThresholdText] = useState(String(threshold));
  const q = useCandidates(useToday(), Number.isInteger(threshold) && threshold >= 0 ? threshold : 90);
  const [selection, setSelection] = useState<GridRowSelectionModel>({ type: 'include', ids: new Set() });
  const rows = q.data?.rows ?? [];
  const chosen = rows.filter((r) => (selection.type === 'include' ? selection.ids.has(r.invoiceId) : !selection.ids.has(r.invoiceId)));
  const thresholdError = !/^\d{1,4}$/.test(thresholdText) || Number(thresholdText) > 3650 ? 'Un nombre de jours entre 0 et 3650.' : null;

  return (
    <>
      <PageHeader
        title="Créances douteuses"
        subtitle="Une créance dont le recouvrement devient incertain se classe en douteuse, se déprécie selon le risque, puis passe en perte quand elle est définitivement irrécouvrable : la TVA est alors récupérée."
        actions={
          <Button
            variant="contained"
            startIcon={<GavelIcon />}
            disabled={chosen.length === 0}
            onClick={() => void navigate(`/creances-douteuses/classer?factures=${chosen.map((c) => c.invoiceId).join(',')}`)}
          >
            Classer en douteuse{chosen.length > 0 ? ` (${chosen.length})` : ''}
          </Button>
        }
      />
      <DoubtfulTabs>
        <Paper sx={{ p: 2, mb: 2 }}>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
            <TextField
              label="Retard d’au moins (jours)"
              value={thresholdText}
              onChange={(e) => {
                setThresholdText(e.target.value);
                if (/^\d{1,4}$/.test(e.target.value) && Number(e.target.value) <= 3650) setParams({ seuil: e.target.value }, { replace: true });
              }}
              error={thresholdError !== null}
              helperText={thresholdError ?? '90 jours par défaut'}
              size="small"
              sx={{ width: 220 }}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
            <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
              Un simple retard ne suffit pas à déprécier une créance : il faut un événement (relances restées sans réponse, mise en demeure, litige, procédure collective). Cochez les factures à classer, puis « Classer en douteuse ».
            </Typography>
          </Stack>
        </Paper>
        {q.error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(q.error)}</Alert>}
        <Paper>
          <DataGrid
            rows={rows}
            columns={columns}
            getRowId={(r) => r.invoiceId}
            loading={q.isLoading || q.isFetching}
            checkboxSelection
            rowSelectionModel={selection}
            onRowSelectionModelChange={setSelection}
            density="compact"
            disableColumnFilter
            pageSizeOptions={[25, 50, 100]}
            initialState={{ pagination: { paginationModel: { pageSize: 25 } } }}
            localeText={{ ...gridFr.components.MuiDataGrid.defaultProps.localeText, noRowsLabel: `Aucune facture en retard de plus de ${threshold} jours : rien à examiner.` }}
            sx={{ height: 'calc(100vh - 420px)', minHeight: 320 }}
            aria-label="Factures à examiner"
          />
        </Paper>
        <Box sx={{ mt: 1 }}>
          <Typography variant="caption" color="text.secondary">
            Les relances et mises en demeure enregistrées par le module Relances apparaissent comme pièces justificatives de chaque facture.
          </Typography>
        </Box>
      </DoubtfulTabs>
    </>
  );
}
