import AddIcon from '@mui/icons-material/Add';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import PaymentsIcon from '@mui/icons-material/Payments';
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
import { useDeferredValue, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Response } from '../../../shared/contract';
import { formatDateShort } from '../../../shared/dates';
import { PAYMENT_METHOD_LABELS, PAYMENT_STATUS_LABELS, PAYMENT_STATUSES } from '../../../shared/domain/payment';
import { formatEuro } from '../../../shared/money';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/form/serverErrors';
import { PageHeader } from '../../components/PageHeader';
import { statusColors } from '../../theme';
import { usePayment, usePayments, type PaymentFilter } from './api';
import { PaymentForm } from './PaymentForm';

type Payment = Response<'payment.get'>;
type Status = (typeof PAYMENT_STATUSES)[number];

/** A payment's state: recorded (green), or cancelled by a reversal (grey, as what no longer counts). */
export function PaymentStatusChip({ status }: { status: Status }) {
  const color = status === 'cancelled' ? statusColors.written_off : statusColors.paid;
  return <Chip size="small" label={PAYMENT_STATUS_LABELS[status]} data-status={status} variant="outlined" sx={{ borderColor: color, color, fontWeight: 500 }} />;
}

/** What a payment settled, in a few words: its invoices, its recoveries, what it left in advance. */
export function settledText(p: Payment): string {
  const parts = [...p.allocations.map((a) => a.invoiceNumber), ...p.recoveries.map((r) => `${r.invoiceNumber} (passée en perte)`)];
  if (p.advance !== '0.00') parts.push(`avance ${formatEuro(p.advance)}`);
  return parts.join(', ');
}

const columns: GridColDef<Payment>[] = [
  { field: 'date', headerName: 'Reçu le', width: 110, valueFormatter: (v: string) => formatDateShort(v) },
  { field: 'customerName', headerName: 'Client', flex: 1, minWidth: 170 },
  { field: 'reference', headerName: 'Référence', width: 140 },
  { field: 'method', headerName: 'Moyen', width: 130, valueFormatter: (v: Payment['method']) => PAYMENT_METHOD_LABELS[v] },
  { field: 'settled', headerName: 'Factures réglées', flex: 1.2, minWidth: 200, valueGetter: (_v, row) => settledText(row) },
  { field: 'amount', headerName: 'Montant', width: 130, align: 'right', headerAlign: 'right', valueFormatter: (v: string) => formatEuro(v) },
  { field: 'status', headerName: 'État', width: 120, renderCell: ({ row }) => <PaymentStatusChip status={row.status} /> },
];

const FILTERS: (Status | 'all')[] = ['all', ...PAYMENT_STATUSES];
const FILTER_LABELS: Record<Status | 'all', string> = { all: 'Tous', recorded: 'Enregistrés', cancelled: 'Annulés' };

/** Règlements: what came in, most recent first; a payment opens on its page (where it can be cancelled). */
export function PaymentsPage() {
  const navigate = useNavigate();
  const [status, setStatus] = useState<Status | 'all'>('all');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState<GridPaginationModel>({ page: 0, pageSize: 50 });
  const deferred = useDeferredValue(search.trim());
  const filter: PaymentFilter = { ...(status !== 'all' ? { status } : {}), ...(deferred ? { search: deferred } : {}) };
  const { data, isPending, isPlaceholderData, error } = usePayments(filter, page);
  const filtered = Object.keys(filter).length > 0;
  const nothingYet = !isPending && !filtered && data?.total === 0;
  const onFilter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage((p) => ({ ...p, page: 0 }));
  };
  const open = (id: number) => void navigate(`/reglements/${id}`);
  const action = (
    <Button variant="contained" startIcon={<AddIcon />} component={Link} to="/reglements/nouveau">
      Enregistrer un règlement
    </Button>
  );
  return (
    <>
      <PageHeader title="Règlements" subtitle="L’argent reçu de vos clients, le plus récent d’abord. Chaque règlement solde des factures, et ce qui dépasse reste en avance au client." actions={action} />
      {error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(error)}</Alert>}
      {nothingYet ? (
        <Paper>
          <EmptyState icon={<PaymentsIcon fontSize="inherit" />} title="Aucun règlement pour l’instant" action={action}>
            Quand un client vous paie, enregistrez-le ici : Encours l’impute à ses factures les plus anciennes (vous pouvez choisir), lettre les factures soldées et garde l’éventuel surplus en avance.
          </EmptyState>
        </Paper>
      ) : (
        <Paper sx={{ p: 2 }}>
          <Stack direction="row" useFlexGap spacing={1.5} sx={{ mb: 2, flexWrap: 'wrap', alignItems: 'center' }} role="search" aria-label="Filtres des règlements">
            <TextField
              label="Rechercher"
              placeholder="Client, référence ou montant"
              value={search}
              onChange={(e) => onFilter(setSearch)(e.target.value)}
              sx={{ width: 300 }}
              fullWidth={false}
              slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon /></InputAdornment> } }}
            />
            <Box role="group" aria-label="Filtrer par état" sx={{ display: 'flex', gap: 1 }}>
              {FILTERS.map((f) => (
                <Chip key={f} label={FILTER_LABELS[f]} clickable aria-pressed={status === f} color={status === f ? 'primary' : 'default'} variant={status === f ? 'filled' : 'outlined'} onClick={() => onFilter(setStatus)(f)} />
              ))}
            </Box>
          </Stack>
          <DataGrid
            rows={data?.rows ?? []}
            columns={columns}
            rowCount={data?.total ?? 0}
            loading={isPending || isPlaceholderData}
            paginationMode="server"
            paginationModel={page}
            onPaginationModelChange={setPage}
            pageSizeOptions={[25, 50, 100]}
            density="compact"
            disableColumnSorting
            disableColumnFilter
            disableRowSelectionOnClick
            onRowClick={({ row }) => open(row.id)}
            onCellKeyDown={({ row }, e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                open(row.id);
              }
            }}
            localeText={{ ...gridFr.components.MuiDataGrid.defaultProps.localeText, noRowsLabel: 'Aucun règlement ne correspond à ces filtres.' }}
            sx={{ height: 'calc(100vh - 300px)', minHeight: 320, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
            aria-label="Liste des règlements"
          />
        </Paper>
      )}
    </>
  );
}

export function NewPaymentPage() {
  const [params] = useSearchParams();
  const id = (k: string) => {
    const n = Number(params.get(k));
    return Number.isInteger(n) && n > 0 ? n : null;
  };
  // « Enregistrer à nouveau » a cancelled payment: the form starts from it.
  const from = usePayment(id('depuis'));
  return (
    <>
      <PageHeader
        title="Enregistrer un règlement"
        subtitle="Ce que le client vous a payé, et les factures que cela solde. Rien n’est écrit avant que vous cliquiez sur « Enregistrer »."
        actions={
          <Button startIcon={<ArrowBackIcon />} component={Link} to="/reglements">
            Tous les règlements
          </Button>
        }
      />
      {id('depuis') !== null && !from.data ? (
        from.error ? <Alert severity="error">{errorMessage(from.error)}</Alert> : null
      ) : (
        <PaymentForm initialCustomerId={from.data?.customerId ?? id('client')} initialInvoiceId={id('facture')} again={from.data ?? null} />
      )}
    </>
  );
}
