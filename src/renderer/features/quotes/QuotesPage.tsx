import AddIcon from '@mui/icons-material/Add';
import RequestQuoteIcon from '@mui/icons-material/RequestQuote';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import type { GridColDef, GridPaginationModel } from '@mui/x-data-grid';
import { useDeferredValue, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Response } from '../../../shared/contract';
import { formatDateShort } from '../../../shared/dates';
import { QUOTE_STATUS_LABELS, QUOTE_STATUSES, type QuoteStatus } from '../../../shared/domain/quote';
import { formatEuro } from '../../../shared/money';
import { CustomerSelect } from '../../components/CustomerSelect';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/form/serverErrors';
import { ClearFiltersButton, ListFilterBar, ListSearchField } from '../../components/list/ListFilters';
import { ServerPagedGrid } from '../../components/list/ServerPagedGrid';
import { StatusFilterChips } from '../../components/list/StatusFilterChips';
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
          <StatusFilterChips
            options={['all', ...QUOTE_STATUSES]}
            value={status}
            onChange={onFilter(setStatus)}
            label={(s) => (s === 'all' ? 'Tous' : QUOTE_STATUS_LABELS[s])}
            color={quoteStatusColor}
          />
          <ListFilterBar label="Filtres des devis">
            <ListSearchField placeholder="N° de devis, client ou montant" value={search} onChange={onFilter(setSearch)} />
            <Box sx={{ width: 280 }}>{customerFilter}</Box>
            {filtered && (
              <ClearFiltersButton
                onClick={() => {
                  setStatus('all');
                  setCustomerId(null);
                  setSearch('');
                  setPage((p) => ({ ...p, page: 0 }));
                }}
              />
            )}
          </ListFilterBar>
          <ServerPagedGrid
            rows={q.data?.rows ?? []}
            columns={columns}
            total={q.data?.total ?? 0}
            loading={q.isPending || q.isPlaceholderData}
            page={page}
            onPageChange={setPage}
            open={(row) => void navigate(`/devis/${row.id}`)}
            noRowsLabel="Aucun devis ne correspond à ces filtres."
            height="calc(100vh - 330px)"
            label="Liste des devis"
          />
        </Paper>
      )}
    </>
  );
}
