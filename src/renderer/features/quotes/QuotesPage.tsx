import AddIcon from '@mui/icons-material/Add';
import FilterAltOffIcon from '@mui/icons-material/FilterAltOff';
import RequestQuoteIcon from '@mui/icons-material/RequestQuote';
import SearchIcon from '@mui/icons-material/Search';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { DataGrid, type GridColDef, type GridPaginationModel } from '@mui/x-data-grid';
import { frFR as gridFr } from '@mui/x-data-grid/locales';
import { useDeferredValue, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Response } from '../../../shared/contract';
import { formatDateShort } from '../../../shared/dates';
import { QUOTE_STATUS_LABELS, QUOTE_STATUSES, type QuoteStatus } from '../../../shared/domain/quote';
import { formatEuro } from '../../../shared/money';
import { CustomerSelect } from '../../components/CustomerSelect';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/form/serverErrors';
import { PageHeader } from '../../components/PageHeader';
import { searchText } from '../../lib/amounts';
import { useQuotes, type QuoteFilter } from './api';
import { quoteStatusColor, QuoteStatusChip } from './QuoteStatusChip';

type Row = Response<'quote.list'>['rows'][number];

const columns: GridColDef<Row>[] = [
  {
    field: 'number',
    headerName: 'Numéro',
    width: 140,
    renderCell: ({ row }) => row.number ?? <Box component="span" sx={{ color: 'text.secondary', fontStyle: 'italic' }}>Brouillon</Box>,
  },
  { field: 'date', headerName: 'Date', width: 110, valueFormatter: (v: string) => formatDateShort(v) },
  { field: 'customerName', headerName: 'Client', flex: 1, minWidth: 200, valueGetter: (_v, row) => `${row.customerCode} — ${row.customerName}` },
  { field: 'validUntil', headerName: 'Valable jusqu’au', width: 140, valueFormatter: (v: string) => formatDateShort(v) },
  { field: 'net', headerName: 'Montant HT', width: 140, align: 'right', headerAlign: 'right', valueGetter: (_v, row) => row.totals.net, valueFormatter: (v: string) => formatEuro(v) },
  { field: 'gross', headerName: 'Montant TTC', width: 140, align: 'right', headerAlign: 'right', valueGetter: (_v, row) => row.totals.gross, valueFormatter: (v: string) => formatEuro(v) },
  { field: 'status', headerName: 'Statut', width: 130, renderCell: ({ row }) => <QuoteStatusChip status={row.status} /> },
];

/** Devis: every quote, filtered by status, customer and text, paged by the main process. */
export function QuotesPage() {
  const navigate = useNavigate();
  const [status, setStatus] = useState<QuoteStatus | 'all'>('all');
  const [customerId, setCustomerId] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState<GridPaginationModel>({ page: 0, pageSize: 50 });
  const deferred = useDeferredValue(searchText(search));
  const filter: QuoteFilter = {
    ...(customerId ? { customerId } : {}),
    ...(deferred ? { search: deferred } : {}),
    ...(status !== 'all' ? { status } : {}),
  };
  const q = useQuotes(filter, page);
  const filtered = Object.keys(filter).length > 0;
  const nothingYet = !q.isLoading && !filtered && q.data?.total === 0;
  const onFilter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage((p) => ({ ...p, page: 0 }));
  };
  const customerFilter = useMemo(() => <CustomerSelect value={customerId} onChange={(c) => onFilter(setCustomerId)(c?.id ?? null)} label="Client" />, [customerId]);

  const newQuote = (
    <Button variant="contained" startIcon={<AddIcon />} component={Link} to="/devis/nouveau">
      Nouveau devis
    </Button>
  );

  return (
    <>
      <PageHeader title="Devis" subtitle="Vos devis, du plus récent au plus ancien. Un devis accepté se facture : acomptes, puis facture finale qui les déduit." actions={newQuote} />
      {q.error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(q.error)}</Alert>}
      {nothingYet ? (
        <Paper>
          <EmptyState
            icon={<RequestQuoteIcon fontSize="inherit" />}
            title="Aucun devis pour l’instant"
            action={
              <Button variant="contained" startIcon={<AddIcon />} component={Link} to="/devis/nouveau">
                Créer mon premier devis
              </Button>
            }
          >
            <p style={{ margin: '0 0 8px' }}>
              Un devis commence en brouillon. En l’émettant, il reçoit le numéro suivant de la série des devis (D2026-00001…). Il n’écrit rien dans vos comptes.
            </p>
            <p style={{ margin: 0 }}>Une fois accepté par le client, facturez un acompte à la commande, puis la facture finale : elle déduit les acomptes déjà facturés.</p>
          </EmptyState>
        </Paper>
      ) : (
        <Paper sx={{ p: 2 }}>
          <Box role="group" aria-label="Filtrer par statut" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mb: 2 }}>
            {(['all', ...QUOTE_STATUSES] as const).map((s) => {
              const selected = status === s;
              const color = s === 'all' ? undefined : quoteStatusColor(s);
              return (
                <Chip
                  key={s}
                  label={s === 'all' ? 'Tous' : QUOTE_STATUS_LABELS[s]}
                  clickable
                  aria-pressed={selected}
                  onClick={() => onFilter(setStatus)(s)}
                  variant={selected ? 'filled' : 'outlined'}
                  sx={
                    selected
                      ? { bgcolor: color ?? 'primary.main', color: '#fff', '&:hover, &.Mui-focusVisible': { bgcolor: color ?? 'primary.dark' } }
                      : { borderColor: color ?? 'divider', color: color ?? 'text.primary' }
                  }
                />
              );
            })}
          </Box>
          <Stack direction="row" useFlexGap spacing={1.5} sx={{ mb: 2, flexWrap: 'wrap', alignItems: 'flex-start' }} role="search" aria-label="Filtres des devis">
            <TextField
              label="Rechercher"
              placeholder="N° de devis, client ou montant"
              value={search}
              onChange={(e) => onFilter(setSearch)(e.target.value)}
              sx={{ width: 300 }}
              fullWidth={false}
              slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon /></InputAdornment> } }}
            />
            <Box sx={{ width: 280 }}>{customerFilter}</Box>
            {filtered && (
              <Button
                startIcon={<FilterAltOffIcon />}
                sx={{ mt: 0.25 }}
                onClick={() => {
                  setStatus('all');
                  setCustomerId(null);
                  setSearch('');
                  setPage((p) => ({ ...p, page: 0 }));
                }}
              >
                Effacer les filtres
              </Button>
            )}
          </Stack>
          <DataGrid
            rows={q.data?.rows ?? []}
            columns={columns}
            rowCount={q.data?.total ?? 0}
            loading={q.isPending || q.isPlaceholderData}
            paginationMode="server"
            paginationModel={page}
            onPaginationModelChange={setPage}
            pageSizeOptions={[25, 50, 100]}
            density="compact"
            disableColumnSorting
            disableColumnFilter
            disableRowSelectionOnClick
            onRowClick={({ row }) => void navigate(`/devis/${row.id}`)}
            onCellKeyDown={({ row }, e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void navigate(`/devis/${row.id}`);
              }
            }}
            localeText={{ ...gridFr.components.MuiDataGrid.defaultProps.localeText, noRowsLabel: 'Aucun devis ne correspond à ces filtres.' }}
            sx={{ height: 'calc(100vh - 330px)', minHeight: 360, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
            aria-label="Liste des devis"
          />
        </Paper>
      )}
    </>
  );
}
