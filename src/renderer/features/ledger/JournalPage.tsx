import AddIcon from '@mui/icons-material/Add';
import FilterAltOffIcon from '@mui/icons-material/FilterAltOff';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import { DataGrid, type GridColDef, type GridPaginationModel } from '@mui/x-data-grid';
import { frFR as gridFr } from '@mui/x-data-grid/locales';
import { useDeferredValue, useState } from 'react';
import { useSearchParams } from 'react-router';
import { JOURNAL_CODES, JOURNALS } from '../../../shared/accounts';
import { formatDateShort } from '../../../shared/dates';
import type { Entry } from '../../../shared/domain/ledger';
import { Dec, formatEuro } from '../../../shared/money';
import { CustomerPicker } from '../../components/CustomerPicker';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/form/serverErrors';
import { PageHeader } from '../../components/PageHeader';
import { PeriodFilter, type Period } from '../../components/PeriodFilter';
import { fiscalYearLong, fiscalYearShort } from '../../lib/format';
import { useEntries, useVerifyLedger, type EntriesFilter } from './api';
import { EntryDetailDialog, journalName } from './EntryDetailDialog';
import { EntryDialog } from './EntryDialog';

const debitTotal = (e: Entry) => e.lines.reduce((s, l) => s.plus(l.debit), new Dec(0)).toFixed(2);

const columns: GridColDef<Entry>[] = [
  { field: 'num', headerName: 'N°', width: 80, align: 'right', headerAlign: 'right' },
  { field: 'date', headerName: 'Date', width: 110, valueFormatter: (v: string) => formatDateShort(v) },
  {
    field: 'journal',
    headerName: 'Journal',
    width: 190,
    renderCell: ({ row }) => <Chip size="small" variant="outlined" label={`${row.journal} · ${journalName(row.journal)}`} />,
  },
  { field: 'pieceRef', headerName: 'Pièce', width: 130 },
  { field: 'label', headerName: 'Libellé', flex: 1, minWidth: 220 },
  {
    field: 'debitTotal',
    headerName: 'Montant',
    description: 'Total des débits (égal au total des crédits)',
    width: 150,
    align: 'right',
    headerAlign: 'right',
    valueGetter: (_v, row) => debitTotal(row),
    valueFormatter: (v: string) => formatEuro(v),
  },
  {
    field: 'fiscalYear',
    headerName: 'Exercice',
    width: 110,
    renderCell: ({ row }) => (
      <Tooltip title={`Exercice ${fiscalYearLong(row.fiscalYear)}`}>
        <span>{fiscalYearShort(row.fiscalYear)}</span>
      </Tooltip>
    ),
  },
];

const ACCOUNT_PREFIX = /^\d{0,10}$/;

/** "Empreinte invalide : … (écriture n° 12 du 05/10/2026)." */
function brokenText(b: { reason: string; num: number | null; date: string } | undefined): string {
  if (!b) return '';
  const where = b.num ? ` (écriture n° ${b.num}${b.date ? ` du ${formatDateShort(b.date)}` : ''})` : '';
  return `${b.reason.replace(/\.\s*$/, '')}${where}.`;
}

/** The journal: every validated entry, in the order of validation, each sealed by its fingerprint. */
export function JournalPage() {
  const [params] = useSearchParams();
  const [journal, setJournal] = useState(params.get('journal') ?? '');
  const [account, setAccount] = useState(params.get('compte') ?? '');
  const [aux, setAux] = useState(params.get('client') ?? '');
  const [period, setPeriod] = useState<Period>({ from: params.get('du') ?? '', to: params.get('au') ?? '' });
  const [page, setPage] = useState<GridPaginationModel>({ page: 0, pageSize: 50 });
  const [detail, setDetail] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [posted, setPosted] = useState<string | null>(null);
  const verify = useVerifyLedger();

  const accountValid = ACCOUNT_PREFIX.test(account.trim()) && !account.trim().startsWith('0');
  const deferredAccount = useDeferredValue(accountValid ? account.trim() : '');
  const reversed = Boolean(period.from && period.to && period.from > period.to);
  const filter: EntriesFilter = {
    ...(journal ? { journal } : {}),
    ...(deferredAccount ? { account: deferredAccount } : {}),
    ...(aux ? { aux } : {}),
    ...(period.from ? { from: period.from } : {}),
    ...(period.to && !reversed ? { to: period.to } : {}),
  };
  // A one-digit class is not an account number the API takes: two digits at least.
  if (filter.account && filter.account.length < 2) delete filter.account;
  const filtered = Object.keys(filter).length > 0;
  const { data, isLoading, isFetching, error } = useEntries(filter, page);
  const onFilter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage((p) => ({ ...p, page: 0 }));
  };
  const nothingYet = !isLoading && !filtered && data?.total === 0;

  const actions = (
    <Stack direction="row" spacing={1}>
      <Button variant="outlined" startIcon={<VerifiedUserIcon />} onClick={() => verify.mutate()} loading={verify.isPending}>
        Contrôler tout le journal
      </Button>
      <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
        Nouvelle écriture
      </Button>
    </Stack>
  );

  return (
    <>
      <PageHeader title="Journal" subtitle="Toutes les écritures validées, dans l’ordre de leur validation. Chacune est scellée par une empreinte : toute modification se voit." actions={actions} />
      {verify.error && (
        <Alert severity="error" sx={{ mb: 2 }} onClose={() => verify.reset()}>
          {errorMessage(verify.error)}
        </Alert>
      )}
      {verify.data && (
        <Alert
          severity={verify.data.ok ? 'success' : 'error'}
          sx={{ mb: 2 }}
          onClose={() => verify.reset()}
          data-testid="verify-result"
          action={
            verify.data.brokenAt && verify.data.brokenAt.entryId > 0 ? (
              <Button color="inherit" size="small" sx={{ whiteSpace: 'nowrap' }} onClick={() => setDetail(verify.data.brokenAt?.entryId ?? null)}>
                Voir l’écriture
              </Button>
            ) : undefined
          }
        >
          {verify.data.ok ? (
            <>
              <AlertTitle>Journal intègre</AlertTitle>
              {verify.data.entries} écriture{verify.data.entries > 1 ? 's' : ''} contrôlée{verify.data.entries > 1 ? 's' : ''} : toutes équilibrées, numérotées sans trou, et leurs empreintes correspondent.
            </>
          ) : (
            <>
              <AlertTitle>Le journal ne passe pas le contrôle</AlertTitle>
              {brokenText(verify.data.brokenAt)} Les écritures suivantes ne peuvent plus être garanties : restaurez une sauvegarde saine.
            </>
          )}
          {verify.data.notice && <div data-testid="verify-notice" style={{ marginTop: 8 }}>{verify.data.notice}</div>}
        </Alert>
      )}
      {error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(error)}</Alert>}
      {nothingYet ? (
        <Paper>
          <EmptyState
            icon={<MenuBookIcon fontSize="inherit" />}
            title="Votre journal est vide"
            action={
              <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
                Passer ma première écriture
              </Button>
            }
          >
            Chaque facture, avoir ou règlement validé s’écrit ici tout seul, avec un numéro continu et une empreinte qui prouve qu’il n’a pas été modifié. Pour une opération sans document (frais bancaires, apport, correction), passez une écriture manuelle.
          </EmptyState>
        </Paper>
      ) : (
        <Paper sx={{ p: 2 }}>
          <Stack direction="row" useFlexGap spacing={1.5} sx={{ mb: 2, flexWrap: 'wrap', alignItems: 'flex-start' }} role="search" aria-label="Filtres du journal">
            <TextField
              select
              label="Journal"
              value={journal}
              onChange={(e) => onFilter(setJournal)(e.target.value)}
              sx={{ width: 210 }}
              fullWidth={false}
              slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
            >
              <MenuItem value="">Tous les journaux</MenuItem>
              {JOURNAL_CODES.map((j) => (
                <MenuItem key={j} value={j}>
                  {JOURNALS[j]} ({j})
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label="Compte"
              placeholder="Tous (ex. 411, 70)"
              value={account}
              onChange={(e) => onFilter(setAccount)(e.target.value)}
              error={!accountValid}
              helperText={accountValid ? undefined : 'Des chiffres seulement.'}
              sx={{ width: 170 }}
              fullWidth={false}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'numeric', title: 'Les comptes qui commencent par ces chiffres' } }}
            />
            <Box sx={{ width: 280 }}>
              <CustomerPicker value={aux} onChange={onFilter(setAux)} label="Client" placeholder="Tous les clients" shrinkLabel />
            </Box>
            <PeriodFilter value={period} onChange={onFilter(setPeriod)} />
            {filtered && (
              <Button
                startIcon={<FilterAltOffIcon />}
                onClick={() => {
                  setJournal('');
                  setAccount('');
                  setAux('');
                  setPeriod({ from: '', to: '' });
                  setPage((p) => ({ ...p, page: 0 }));
                }}
                sx={{ mt: 0.25 }}
              >
                Effacer les filtres
              </Button>
            )}
          </Stack>
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
              // preventDefault: the same Enter must not also press the dialog's focused button.
              if (e.key === 'Enter') {
                e.preventDefault();
                setDetail(row.id);
              }
            }}
            localeText={{ ...gridFr.components.MuiDataGrid.defaultProps.localeText, noRowsLabel: 'Aucune écriture ne correspond à ces filtres.' }}
            sx={{ height: 'calc(100vh - 330px)', minHeight: 360, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
            aria-label="Écritures du journal"
          />
        </Paper>
      )}
      <EntryDetailDialog entryId={detail} onClose={() => setDetail(null)} />
      {creating && (
        <EntryDialog
          open
          onClose={() => setCreating(false)}
          onPosted={(e) => {
            setCreating(false);
            setPosted(`Écriture n° ${e.num} validée au journal ${journalName(e.journal)}.`);
            setDetail(e.id);
          }}
        />
      )}
      <Snackbar open={posted !== null} autoHideDuration={5000} onClose={() => setPosted(null)} message={posted} />
    </>
  );
}
