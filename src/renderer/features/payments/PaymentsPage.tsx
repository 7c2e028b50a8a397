import AddIcon from '@mui/icons-material/Add';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import PaymentsIcon from '@mui/icons-material/Payments';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { DataGrid, type GridColDef, type GridPaginationModel } from '@mui/x-data-grid';
import { frFR as gridFr } from '@mui/x-data-grid/locales';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatDateShort } from '../../../shared/dates';
import type { Entry } from '../../../shared/domain/ledger';
import { Dec, formatEuro } from '../../../shared/money';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/form/serverErrors';
import { PageHeader } from '../../components/PageHeader';
import { call } from '../../lib/ipc';
import { EntryDetailDialog } from '../ledger/EntryDetailDialog';
import { receivablesKey } from '../invoices/api';
import { PaymentForm } from './PaymentForm';

const SOURCE: Record<string, string> = { payment: 'Règlement client', advance_refund: 'Remboursement d’avance' };

const received = (e: Entry) => e.lines.filter((l) => /^5/.test(l.account)).reduce((s, l) => s.plus(l.debit).minus(l.credit), new Dec(0)).toFixed(2);
const customerOf = (e: Entry) => e.lines.find((l) => l.aux)?.auxLabel ?? '';

const columns: GridColDef<Entry>[] = [
  { field: 'date', headerName: 'Date', width: 110, valueFormatter: (v: string) => formatDateShort(v) },
  { field: 'kind', headerName: 'Nature', width: 190, valueGetter: (_v, row) => SOURCE[row.source?.kind ?? ''] ?? 'Écriture manuelle' },
  { field: 'customer', headerName: 'Client', flex: 1, minWidth: 160, valueGetter: (_v, row) => customerOf(row) },
  { field: 'pieceRef', headerName: 'Référence', width: 150 },
  { field: 'label', headerName: 'Libellé', flex: 1.2, minWidth: 200 },
  { field: 'amount', headerName: 'Montant', width: 140, align: 'right', headerAlign: 'right', valueGetter: (_v, row) => received(row), valueFormatter: (v: string) => formatEuro(v, { parentheses: true }) },
];

/** The bank (or cash) journal, most recent first: read the last page first. */
function useRecentEntries(journal: 'BQ' | 'CA', page: GridPaginationModel) {
  return useQuery({
    queryKey: [...receivablesKey, 'recent', journal, page],
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const { total } = await call('ledger.entries', { journal, limit: 1 });
      const end = total - page.page * page.pageSize;
      const start = Math.max(0, end - page.pageSize);
      if (end <= 0) return { total, rows: [] as Entry[] };
      const { rows } = await call('ledger.entries', { journal, limit: end - start, offset: start });
      return { total, rows: [...rows].reverse() };
    },
  });
}

/** Règlements: what came in, most recent first, and the button to record a new one. */
export function PaymentsPage() {
  const [journal, setJournal] = useState<'BQ' | 'CA'>('BQ');
  const [page, setPage] = useState<GridPaginationModel>({ page: 0, pageSize: 50 });
  const [detail, setDetail] = useState<number | null>(null);
  const { data, isLoading, isFetching, error } = useRecentEntries(journal, page);
  const nothingYet = !isLoading && journal === 'BQ' && data?.total === 0;
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
          <ToggleButtonGroup
            exclusive
            size="small"
            color="primary"
            value={journal}
            onChange={(_e, v: 'BQ' | 'CA' | null) => {
              if (v) {
                setJournal(v);
                setPage((p) => ({ ...p, page: 0 }));
              }
            }}
            aria-label="Journal"
            sx={{ mb: 2 }}
          >
            <ToggleButton value="BQ">Banque (512)</ToggleButton>
            <ToggleButton value="CA">Caisse (53)</ToggleButton>
          </ToggleButtonGroup>
          <DataGrid
            rows={data?.rows ?? []}
            columns={columns}
            rowCount={data?.total ?? 0}
            loading={isLoading || isFetching}
            paginationMode="server"
            paginationModel={page}
            onPaginationModelChange={setPage}
            pageSizeOptions={[25, 50, 100]}
            density="compact"
            disableColumnSorting
            disableColumnFilter
            disableRowSelectionOnClick
            onRowClick={({ row }) => setDetail(row.id)}
            onCellKeyDown={({ row }, e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                setDetail(row.id);
              }
            }}
            localeText={{ ...gridFr.components.MuiDataGrid.defaultProps.localeText, noRowsLabel: journal === 'CA' ? 'Aucun mouvement de caisse.' : 'Aucun mouvement de banque.' }}
            sx={{ height: 'calc(100vh - 300px)', minHeight: 320, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
            aria-label="Derniers règlements"
          />
        </Paper>
      )}
      <EntryDetailDialog entryId={detail} onClose={() => setDetail(null)} />
    </>
  );
}

export function NewPaymentPage() {
  const [params] = useSearchParams();
  const id = (k: string) => {
    const n = Number(params.get(k));
    return Number.isInteger(n) && n > 0 ? n : null;
  };
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
      <PaymentForm initialCustomerId={id('client')} initialInvoiceId={id('facture')} />
    </>
  );
}
