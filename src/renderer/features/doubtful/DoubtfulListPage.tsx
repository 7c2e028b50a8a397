import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { frFR as gridFr } from '@mui/x-data-grid/locales';
import { Link } from 'react-router';
import { formatDateShort } from '../../../shared/dates';
import { formatEuro, toCents } from '../../../shared/money';
import { errorMessage } from '../../components/form/serverErrors';
import { useToday } from '../../lib/today';
import { PageHeader } from '../../components/PageHeader';
import { useDoubtfulList, type DoubtfulRow } from './api';
import { DoubtfulTabs, REASON_LABELS } from './common';

const columns: GridColDef<DoubtfulRow>[] = [
  { field: 'number', headerName: 'Facture', width: 110 },
  { field: 'customerName', headerName: 'Client', flex: 1, minWidth: 130 },
  { field: 'reason', headerName: 'Nature', width: 85, valueFormatter: (v: string) => REASON_LABELS[v] ?? v },
  { field: 'outstanding', headerName: 'Reste dû TTC', width: 110, align: 'right', headerAlign: 'right', valueFormatter: (v: string) => formatEuro(v) },
  { field: 'provision', headerName: 'Dépréciation', width: 110, align: 'right', headerAlign: 'right', valueFormatter: (v: string) => formatEuro(v) },
  { field: 'evidenceCount', headerName: 'Pièces', width: 60, align: 'right', headerAlign: 'right' },
  {
    field: 'vatRecoveryDeadline',
    headerName: 'Limite TVA',
    description: 'Date limite pour récupérer la TVA si la créance passe en perte (31 décembre de la deuxième année après le jugement).',
    width: 110,
    valueGetter: (_v, row) => row.vatRecoveryDeadline ?? '',
    valueFormatter: (v: string) => (v ? formatDateShort(v) : 'Non connu'),
  },
  {
    field: 'actions',
    headerName: 'Actions',
    width: 330,
    sortable: false,
    renderCell: ({ row }) => (
      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', height: '100%' }}>
        <Button size="small" component={Link} to={`/creances-douteuses/${row.invoiceId}?action=reestimer`}>
          {toCents(row.outstanding) === 0n ? 'Reprendre la dépréciation' : 'Réestimer'}
        </Button>
        {toCents(row.outstanding) > 0n && (
          <>
            <Button size="small" component={Link} to={`/reglements/nouveau?client=${row.customerId}&facture=${row.invoiceId}`}>
              Encaissement
            </Button>
            <Button size="small" color="error" component={Link} to={`/creances-douteuses/${row.invoiceId}?action=perte`}>
              Passer en perte
            </Button>
          </>
        )}
      </Stack>
    ),
  },
];

/** The doubtful invoices: what is provisioned, the evidence, the VAT deadline, and what to do next. */
export function DoubtfulListPage() {
  const q = useDoubtfulList(useToday());
  return (
    <>
      <PageHeader
        title="Créances douteuses"
        subtitle="Les factures classées en douteuses ou litigieuses : réestimez leur dépréciation quand la situation change, enregistrez ce qui est encaissé, passez-les en perte quand elles sont définitivement irrécouvrables."
      />
      <DoubtfulTabs>
        {q.error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(q.error)}</Alert>}
        <Paper>
          <DataGrid
            rows={q.data?.rows ?? []}
            columns={columns}
            getRowId={(r) => r.invoiceId}
            loading={q.isLoading}
            density="compact"
            disableColumnFilter
            disableRowSelectionOnClick
            pageSizeOptions={[25, 50, 100]}
            initialState={{ pagination: { paginationModel: { pageSize: 25 } } }}
            localeText={{ ...gridFr.components.MuiDataGrid.defaultProps.localeText, noRowsLabel: 'Aucune créance douteuse : classez-en une depuis « À examiner » ou depuis la fiche d’une facture.' }}
            sx={{ height: 'calc(100vh - 330px)', minHeight: 320 }}
            aria-label="Créances douteuses en cours"
          />
        </Paper>
      </DoubtfulTabs>
    </>
  );
}
