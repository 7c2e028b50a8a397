import AddIcon from '@mui/icons-material/Add';
import DescriptionIcon from '@mui/icons-material/Description';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import FacturxFilesIcon from '@mui/icons-material/DriveFileMove';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { GridColDef, GridPaginationModel } from '@mui/x-data-grid';
import { lazy, Suspense, useDeferredValue, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Response } from '../../../shared/contract';
import { formatDateShort } from '../../../shared/dates';
import { formatEuro } from '../../../shared/money';
import { CustomerSelect } from '../../components/CustomerSelect';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/form/serverErrors';
import { DISPLAY_STATUS_LABELS, InvoiceStatusChip, statusColor, type DisplayStatus } from '../../components/InvoiceStatusChip';
import { searchText } from '../../lib/amounts';
import { useToday } from '../../lib/today';
import { ClearFiltersButton, ListFilterBar, ListSearchField } from '../../components/list/ListFilters';
import { ServerPagedGrid } from '../../components/list/ServerPagedGrid';
import { StatusFilterChips } from '../../components/list/StatusFilterChips';
import { PageHeader } from '../../components/PageHeader';
import { PeriodFilter, type Period } from '../../components/PeriodFilter';
import { FacturxBatchDialog } from './FacturxBatchDialog';
import { FIRST_INVOICE_PAGE, useInvoices, useReadNextInvoices, type InvoiceFilter } from './api';

// The import wizard (CSV parsing) loads only when asked for, not with the list.
const ImportWizard = lazy(() => import('../customers/ImportWizard').then((m) => ({ default: m.ImportWizard })));

type Row = Response<'invoice.list'>['rows'][number];

const columns: GridColDef<Row>[] = [
  {
    field: 'number',
    headerName: 'Numéro',
    width: 140,
    renderCell: ({ row }) => row.number ?? <Box component="span" sx={{ color: 'text.secondary', fontStyle: 'italic' }}>Brouillon</Box>,
  },
  { field: 'date', headerName: 'Date', width: 110, valueFormatter: (v: string) => formatDateShort(v) },
  { field: 'customerName', headerName: 'Client', flex: 1, minWidth: 200, valueGetter: (_v, row) => `${row.customerCode} — ${row.customerName}` },
  { field: 'dueDate', headerName: 'Échéance', width: 110, valueFormatter: (v: string) => formatDateShort(v) },
  { field: 'gross', headerName: 'Montant TTC', width: 140, align: 'right', headerAlign: 'right', valueGetter: (_v, row) => row.totals.gross, valueFormatter: (v: string) => formatEuro(v) },
  {
    field: 'outstanding',
    headerName: 'Reste dû',
    width: 140,
    align: 'right',
    headerAlign: 'right',
    valueFormatter: (v: string, row) => (row.status === 'draft' ? '—' : formatEuro(v)),
  },
  { field: 'status', headerName: 'Statut', width: 190, renderCell: ({ row }) => <InvoiceStatusChip invoice={row} /> },
];

const FILTERS: (DisplayStatus | 'all')[] = ['all', 'draft', 'open', 'partial', 'overdue', 'paid', 'doubtful', 'written_off', 'cancelled'];

/** Factures: every invoice, filtered and paged by the main process (50 000 rows scroll as fast as 50). */
export function InvoicesPage() {
  const navigate = useNavigate();
  const today = useToday();
  const [params] = useSearchParams();
  const [status, setStatus] = useState<DisplayStatus | 'all'>(() => {
    const s = params.get('statut');
    return (FILTERS as string[]).includes(s ?? '') ? (s as DisplayStatus) : 'all';
  });
  const [customerId, setCustomerId] = useState<number | null>(null);
  const [period, setPeriod] = useState<Period>({ from: '', to: '' });
  const [search, setSearch] = useState('');
  const [page, setPage] = useState<GridPaginationModel>(FIRST_INVOICE_PAGE);
  const [importing, setImporting] = useState(false);
  const [exportingFacturx, setExportingFacturx] = useState(false);
  const deferred = useDeferredValue(searchText(search));
  const reversed = Boolean(period.from && period.to && period.from > period.to);
  const base: InvoiceFilter = {
    ...(customerId ? { customerId } : {}),
    ...(period.from ? { from: period.from } : {}),
    ...(period.to && !reversed ? { to: period.to } : {}),
    ...(deferred ? { search: deferred } : {}),
  };
  const overdue = status === 'overdue';
  // « En retard » is a date, not a status of the ledger: the main process keeps the invoices still owed
  // whose due date has passed (today's date here, as on the status chips) and pages them like the others.
  const filter: InvoiceFilter = { ...base, ...(overdue ? { overdue: true, asOf: today } : status !== 'all' ? { status } : {}) };
  const q = useInvoices(filter, page);
  // Once this page has come, the next one is read ahead (« page suivante » then shows it at once).
  useReadNextInvoices(filter, page, q.isPlaceholderData ? undefined : q.data?.total);
  const filtered = status !== 'all' || Object.keys(base).length > 0;
  const nothingYet = !q.isLoading && !filtered && q.data?.total === 0;
  const onFilter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage((p) => ({ ...p, page: 0 }));
  };

  // The customer field and the date pickers render again only when their own value changes, not with
  // each page of the list or each answer (a date field's layout effect costs a forced layout each time).
  const customerFilter = useMemo(() => <CustomerSelect value={customerId} onChange={(c) => onFilter(setCustomerId)(c?.id ?? null)} label="Client" />, [customerId]);
  const periodFilter = useMemo(() => <PeriodFilter value={period} onChange={onFilter(setPeriod)} />, [period]);

  const actions = (
    <Stack direction="row" spacing={1}>
      <Button variant="outlined" startIcon={<FacturxFilesIcon />} onClick={() => setExportingFacturx(true)} title="Un fichier Factur-X par facture et avoir validés de la période, pour votre plateforme agréée">
        Exporter les Factur-X de la période
      </Button>
      <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => setImporting(true)}>
        Importer…
      </Button>
      <Button variant="contained" startIcon={<AddIcon />} component={Link} to="/factures/nouvelle" title="Raccourci : Ctrl+N">
        Nouvelle facture
      </Button>
    </Stack>
  );

  return (
    <>
      <PageHeader title="Factures" subtitle="Vos factures, de la plus récente à la plus ancienne. Une facture validée porte un numéro définitif et s’écrit dans vos comptes." actions={actions} />
      {q.error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(q.error)}</Alert>}
      {nothingYet ? (
        <Paper>
          <EmptyState
            icon={<DescriptionIcon fontSize="inherit" />}
            title="Aucune facture pour l’instant"
            action={
              <Button variant="contained" startIcon={<AddIcon />} component={Link} to="/factures/nouvelle">
                Créer ma première facture
              </Button>
            }
          >
            <p style={{ margin: '0 0 8px' }}>
              Une facture commence en brouillon : vous pouvez la modifier autant que vous voulez. En la validant, elle reçoit le numéro suivant de la série de l’année (F2026-00001, F2026-00002…), sans trou ni retour en arrière, comme la loi l’exige.
            </p>
            <p style={{ margin: 0 }}>Une facture validée ne se modifie plus : une erreur se corrige par un avoir. Vous avez déjà des factures impayées ailleurs ? Importez-les.</p>
          </EmptyState>
        </Paper>
      ) : (
        <Paper sx={{ p: 2 }}>
          <StatusFilterChips options={FILTERS} value={status} onChange={onFilter(setStatus)} label={(s) => (s === 'all' ? 'Toutes' : DISPLAY_STATUS_LABELS[s])} color={statusColor} />
          <ListFilterBar label="Filtres des factures">
            <ListSearchField placeholder="N° de facture, client ou montant" value={search} onChange={onFilter(setSearch)} />
            <Box sx={{ width: 280 }}>{customerFilter}</Box>
            {periodFilter}
            {filtered && (
              <ClearFiltersButton
                onClick={() => {
                  setStatus('all');
                  setCustomerId(null);
                  setPeriod({ from: '', to: '' });
                  setSearch('');
                  setPage((p) => ({ ...p, page: 0 }));
                }}
              />
            )}
          </ListFilterBar>
          {overdue && (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              Les factures dont l’échéance est passée et qui ne sont pas entièrement réglées, la plus ancienne échéance d’abord.
            </Typography>
          )}
          <ServerPagedGrid
            rows={q.data?.rows ?? []}
            columns={columns}
            total={q.data?.total ?? 0}
            // Busy while the rows shown are not yet those asked for (first read, another page or filter);
            // a page read ahead shows at once, and a refresh of the rows shown leaves them as they are.
            loading={q.isPending || q.isPlaceholderData}
            page={page}
            onPageChange={setPage}
            open={(row) => void navigate(`/factures/${row.id}`)}
            noRowsLabel="Aucune facture ne correspond à ces filtres."
            height="calc(100vh - 380px)"
            label="Liste des factures"
          />
        </Paper>
      )}
      {exportingFacturx && <FacturxBatchDialog onClose={() => setExportingFacturx(false)} />}
      {importing && (
        <Suspense fallback={null}>
          <ImportWizard initialKind="openInvoices" onClose={() => setImporting(false)} />
        </Suspense>
      )}
    </>
  );
}
