import AddIcon from '@mui/icons-material/Add';
import PrintIcon from '@mui/icons-material/Print';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatDateShort } from '../../../shared/dates';
import { CREDIT_NOTE_KIND_LABELS } from '../../../shared/domain/payment';
import { formatEuro } from '../../../shared/money';
import { EmptyState } from '../../components/EmptyState';
import { ErrorDialog } from '../../components/ErrorDialog';
import { errorMessage } from '../../components/form/serverErrors';
import { PageHeader } from '../../components/PageHeader';
import { usePdfPreview } from '../../components/pdf/PdfPreviewDialog';
import { statusColors } from '../../theme';
import { useCustomers } from '../customers/api';
import { EntryDetailDialog } from '../ledger/EntryDetailDialog';
import { useCreditNotes, useValidateCreditNote, type CreditNote } from './api';

/** Avoirs: every credit note, newest first, with the invoice it corrects. */
export function CreditNotesPage() {
  const navigate = useNavigate();
  const { data, isLoading, error } = useCreditNotes();
  const customers = useCustomers('');
  const names = new Map((customers.data?.rows ?? []).map((c) => [c.id, `${c.code} — ${c.name}`]));
  const [entry, setEntry] = useState<number | null>(null);
  const [draft, setDraft] = useState<CreditNote | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const validate = useValidateCreditNote();
  const pdf = usePdfPreview();
  const preview = (row: CreditNote) =>
    pdf.show({ kind: 'creditNote', id: row.id }, row.number ? `Avoir ${row.number}` : `Avoir en brouillon sur ${row.invoiceNumber}`, { facturx: row.status === 'validated' });
  const rows = data ?? [];

  const columns: GridColDef<CreditNote>[] = [
    {
      field: 'number',
      headerName: 'Numéro',
      width: 130,
      renderCell: ({ row }) => row.number ?? <Box component="span" sx={{ color: 'text.secondary', fontStyle: 'italic' }}>Brouillon</Box>,
    },
    { field: 'date', headerName: 'Date', width: 100, valueFormatter: (v: string) => formatDateShort(v) },
    { field: 'invoiceNumber', headerName: 'Facture', width: 120 },
    { field: 'customer', headerName: 'Client', flex: 1, minWidth: 150, valueGetter: (_v, row) => names.get(row.customerId) ?? '' },
    { field: 'kind', headerName: 'Nature', width: 150, valueGetter: (_v, row) => CREDIT_NOTE_KIND_LABELS[row.kind] },
    { field: 'reason', headerName: 'Motif', flex: 1, minWidth: 130 },
    { field: 'gross', headerName: 'Montant TTC', width: 120, align: 'right', headerAlign: 'right', valueGetter: (_v, row) => row.totals.gross, valueFormatter: (v: string) => formatEuro(v) },
    {
      field: 'status',
      headerName: 'État',
      width: 100,
      renderCell: ({ row }) =>
        row.status === 'validated' ? (
          <Chip size="small" label="Validé" sx={{ bgcolor: statusColors.paid, color: '#fff' }} />
        ) : (
          <Chip size="small" variant="outlined" label="Brouillon" />
        ),
    },
    {
      field: 'print',
      headerName: '',
      width: 56,
      sortable: false,
      filterable: false,
      disableColumnMenu: true,
      renderCell: ({ row }) => (
        <IconButton
          size="small"
          aria-label={`Aperçu et impression de l’avoir ${row.number ?? '(brouillon)'}`}
          title="Aperçu / Imprimer"
          onClick={(e) => {
            e.stopPropagation();
            preview(row);
          }}
        >
          <PrintIcon fontSize="small" />
        </IconButton>
      ),
    },
  ];

  const open = (row: CreditNote) => (row.entryId ? setEntry(row.entryId) : setDraft(row));

  return (
    <>
      <PageHeader
        title="Avoirs"
        subtitle="Une facture validée ne se modifie pas : on la corrige par un avoir, qui a son propre numéro (AV2026-00001…) et s’écrit dans vos comptes."
        actions={
          <Button variant="contained" startIcon={<AddIcon />} component={Link} to="/avoirs/nouveau">
            Nouvel avoir
          </Button>
        }
      />
      {error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(error)}</Alert>}
      {!isLoading && rows.length === 0 ? (
        <Paper>
          <EmptyState
            icon={<ReceiptLongIcon fontSize="inherit" />}
            title="Aucun avoir pour l’instant"
            action={
              <Button variant="contained" component={Link} to="/factures">
                Choisir la facture à corriger
              </Button>
            }
          >
            Un avoir annule tout ou partie d’une facture (erreur, retour de marchandise) ou accorde une remise après coup. Ouvrez la facture concernée et cliquez sur « Créer un avoir ». Les escomptes pris par vos clients créent leur avoir tout seuls.
          </EmptyState>
        </Paper>
      ) : (
        <Paper sx={{ p: 2 }}>
          <DataGrid
            rows={rows}
            columns={columns}
            loading={isLoading}
            density="compact"
            disableRowSelectionOnClick
            initialState={{ pagination: { paginationModel: { pageSize: 50 } } }}
            pageSizeOptions={[25, 50, 100]}
            onRowClick={({ row }) => open(row)}
            onCellKeyDown={({ row }, e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                open(row);
              }
            }}
            sx={{ height: 'calc(100vh - 260px)', minHeight: 320, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
            aria-label="Liste des avoirs"
          />
        </Paper>
      )}
      <EntryDetailDialog entryId={entry} onClose={() => setEntry(null)} />
      <Dialog open={draft !== null} onClose={() => setDraft(null)} aria-labelledby="cn-draft-title">
        <DialogTitle id="cn-draft-title">Avoir en brouillon sur {draft?.invoiceNumber}</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {draft && `${CREDIT_NOTE_KIND_LABELS[draft.kind]} de ${formatEuro(draft.totals.gross)} TTC, motif : ${draft.reason}.`} En le validant, il reçoit le prochain numéro de la série AV, s’écrit dans vos comptes et réduit le reste dû de la facture. Il ne pourra plus être modifié.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => draft && void navigate(`/factures/${draft.invoiceId}`)}>Voir la facture</Button>
          <Button startIcon={<PrintIcon />} onClick={() => draft && preview(draft)}>
            Aperçu
          </Button>
          <Button onClick={() => setDraft(null)}>Fermer</Button>
          <Button
            variant="contained"
            loading={validate.isPending}
            onClick={() =>
              draft &&
              validate.mutate(draft.id, {
                onSuccess: (cn) => {
                  setDraft(null);
                  setNotice(`Avoir ${cn.number ?? ''} validé.`);
                },
                onError: (err) => {
                  setDraft(null);
                  setRefusal(errorMessage(err));
                },
              })
            }
          >
            Valider l’avoir
          </Button>
        </DialogActions>
      </Dialog>
      <ErrorDialog message={refusal} onClose={() => setRefusal(null)} />
      {pdf.dialog}
      <Snackbar open={notice !== null} autoHideDuration={5000} onClose={() => setNotice(null)} message={notice} />
    </>
  );
}
