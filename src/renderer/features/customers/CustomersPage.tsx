import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import PeopleIcon from '@mui/icons-material/People';
import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import SearchIcon from '@mui/icons-material/Search';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useDeferredValue, useState } from 'react';
import { useNavigate } from 'react-router';
import { CUSTOMER_KIND_LABELS, type Customer } from '../../../shared/domain/customer';
import { formatEuro } from '../../../shared/money';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/form/serverErrors';
import { useCustomers } from './api';
import { CustomerDialog } from './CustomerDialog';
import { ImportWizard } from './ImportWizard';

const baseColumns: GridColDef<Customer>[] = [
  { field: 'code', headerName: 'Compte', width: 110 },
  { field: 'name', headerName: 'Nom', flex: 1.4, minWidth: 180 },
  {
    field: 'kind',
    headerName: 'Type',
    width: 120,
    renderCell: ({ row }) => <Chip size="small" variant="outlined" label={CUSTOMER_KIND_LABELS[row.kind]} />,
  },
  { field: 'siren', headerName: 'SIREN', width: 110 },
  { field: 'city', headerName: 'Ville', width: 120, valueGetter: (_v, row) => row.address?.city ?? '' },
  { field: 'email', headerName: 'E-mail', flex: 1, minWidth: 160 },
  { field: 'paymentTermsDays', headerName: 'Délai', width: 70, align: 'right', headerAlign: 'right', valueFormatter: (v: number) => `${v} j` },
  {
    field: 'creditLimit',
    headerName: 'Plafond',
    width: 130,
    align: 'right',
    headerAlign: 'right',
    valueFormatter: (v?: string) => (v ? formatEuro(v) : '—'),
  },
];

type Editing = { customer?: Customer } | null;

export function CustomersPage() {
  const navigate = useNavigate();
  const [importing, setImporting] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  // A row opens the customer's account (statement, open invoices, lettering), where the owner looks first;
  // the customer's card is edited with the row's « Modifier » button.
  const columns: GridColDef<Customer>[] = [
    {
      field: 'code',
      headerName: 'Compte',
      width: 130,
      renderCell: ({ row }) => (
        <Button
          size="small"
          startIcon={<AccountBalanceIcon />}
          aria-label={`Compte de ${row.name}`}
          title="Voir son compte : factures, règlements, lettrage"
          onClick={(e) => {
            e.stopPropagation();
            void navigate(`/clients/${row.id}`);
          }}
          onKeyDown={(e) => e.stopPropagation()}
          sx={{ fontWeight: 600 }}
        >
          {row.code}
        </Button>
      ),
    },
    ...baseColumns.filter((c) => c.field !== 'code'),
    {
      field: 'edit',
      headerName: '',
      width: 56,
      sortable: false,
      disableColumnMenu: true,
      renderCell: ({ row }) => (
        <IconButton
          size="small"
          aria-label={`Modifier ${row.name}`}
          title="Modifier la fiche du client"
          onClick={(e) => {
            e.stopPropagation();
            setEditing({ customer: row });
          }}
          onKeyDown={(e) => e.stopPropagation()}
        >
          <EditIcon fontSize="small" />
        </IconButton>
      ),
    },
  ];
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim());
  const { data, isLoading, error } = useCustomers(deferred);
  const [saved, setSaved] = useState<string | null>(null);
  const rows = data?.rows ?? [];
  const nothingYet = !isLoading && !deferred && data?.total === 0;

  return (
    <>
      <PageHeader
        title="Clients"
        subtitle="Chaque client a son compte auxiliaire : ce qu’il vous doit y est suivi facture par facture."
        actions={
          <Stack direction="row" spacing={1}>
            <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => setImporting(true)}>
              Importer…
            </Button>
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing({})}>
              Nouveau client
            </Button>
          </Stack>
        }
      />
      {error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(error)}</Alert>}
      {nothingYet ? (
        <Paper>
          <EmptyState
            icon={<PeopleIcon fontSize="inherit" />}
            title="Aucun client pour l’instant"
            action={
              <Stack direction="row" spacing={1} sx={{ justifyContent: 'center' }}>
                <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing({})}>
                  Créer mon premier client
                </Button>
                <Button startIcon={<UploadFileIcon />} onClick={() => setImporting(true)}>
                  Importer depuis un tableur
                </Button>
              </Stack>
            }
          >
            Créez vos clients avant de les facturer. Pour un professionnel, son SIREN figurera sur vos factures ; pour chacun, le délai de paiement donne la date d’échéance.
          </EmptyState>
        </Paper>
      ) : (
        <Paper sx={{ p: 2 }}>
          <TextField
            label="Rechercher"
            placeholder="Nom, compte, SIREN, e-mail, ville…"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            sx={{ mb: 2, maxWidth: 420 }}
            slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon /></InputAdornment> } }}
          />
          <DataGrid
            rows={rows}
            columns={columns}
            loading={isLoading}
            density="compact"
            disableRowSelectionOnClick
            onRowClick={({ row }) => void navigate(`/clients/${row.id}`)}
            initialState={{ pagination: { paginationModel: { pageSize: 50 } } }}
            pageSizeOptions={[25, 50, 100]}
            paginationMode="client"
            sx={{ height: 'calc(100vh - 290px)', minHeight: 320, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
            aria-label="Liste des clients"
          />
        </Paper>
      )}
      {editing && (
        <CustomerDialog
          open
          customer={editing.customer}
          onClose={() => setEditing(null)}
          onSaved={(c) => {
            setEditing(null);
            setSaved(editing.customer ? `Client ${c.code} modifié.` : `Client ${c.code} créé.`);
          }}
        />
      )}
      {importing && <ImportWizard initialKind="customers" onClose={() => setImporting(false)} />}
      <Snackbar open={saved !== null} autoHideDuration={4000} onClose={() => setSaved(null)} message={saved} />
    </>
  );
}
