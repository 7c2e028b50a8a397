import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useMemo, useState } from 'react';
import { formatDateShort } from '../../../shared/dates';
import { formatEuro, toCents } from '../../../shared/money';
import { EmptyState } from '../../components/EmptyState';
import { ErrorDialog } from '../../components/ErrorDialog';
import { errorMessage } from '../../components/form/serverErrors';
import { PageHeader } from '../../components/PageHeader';
import { RouteTabs } from '../../components/RouteTabs';
import { inputText } from '../../lib/amounts';
import { amountSx } from '../../lib/format';
import { statusColors } from '../../theme';
import { EntryDialog, type EntryDialogStart } from '../ledger/EntryDialog';
import { LINE_STATE_LABELS, lineState, SURE_CONFIDENCE, useAutoMatch, useBankLines, useIgnore, useRefreshBank, useUnmatch, type BankLine, type LineState } from './api';
import { ImportDialog, importSummary } from './ImportDialog';
import { SuggestionDialog } from './SuggestionDialog';

export const BANK_TABS = [
  { path: '/banque', label: 'Opérations' },
  { path: '/banque/rapprochement', label: 'Rapprochement' },
] as const;

const STATE_COLORS: Record<LineState, { bg: string; fg: string; outlined?: boolean }> = {
  matched: { bg: statusColors.paid, fg: '#fff' },
  suggestion: { bg: statusColors.open, fg: '#fff' },
  to_process: { bg: statusColors.partial, fg: '#fff' },
  ignored: { bg: 'transparent', fg: '#616161', outlined: true },
};

type Filter = LineState | 'all';

/** The manual entry that posts a line which is no customer payment: 512 and the amount filled, the other account to choose. */
function entryStart(line: BankLine): EntryDialogStart {
  const cents = toCents(line.amount);
  const amount = inputText(cents < 0n ? -cents : cents);
  const bank = { account: '512', aux: '', label: '', debit: cents > 0n ? amount : '', credit: cents < 0n ? amount : '' };
  const other = { account: '', aux: '', label: '', debit: cents < 0n ? amount : '', credit: cents > 0n ? amount : '' };
  return {
    bankLineId: line.id,
    title: 'Comptabiliser l’opération bancaire',
    intro: `Opération du ${formatDateShort(line.date)} : ${line.label} (${formatEuro(line.amount)}). Le compte 512 et le montant sont remplis : choisissez l’autre compte (frais bancaires 627, fournisseur 401…).`,
    values: {
      journal: 'BQ',
      date: line.date,
      pieceRef: (line.bankRef ?? `Relevé ${formatDateShort(line.date)}`).slice(0, 60),
      label: line.label.slice(0, 200),
      lines: cents < 0n ? [other, bank] : [bank, other],
    },
  };
}

/** « Banque » : the statements' lines, what each is, and what to do with it. */
export function BankPage() {
  const { data, isLoading, error } = useBankLines();
  const [filter, setFilter] = useState<Filter>('all');
  const [importing, setImporting] = useState(false);
  const [reviewing, setReviewing] = useState<BankLine | null>(null);
  const [posting, setPosting] = useState<BankLine | null>(null);
  const [undoing, setUndoing] = useState<BankLine | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const autoMatch = useAutoMatch();
  const unmatch = useUnmatch();
  const ignore = useIgnore();
  // The entry dialog refreshes the journal; the line it matched is the bank's to read again.
  const refreshBank = useRefreshBank();

  const rows = useMemo(() => data?.rows ?? [], [data]);
  const counts = useMemo(() => {
    const c: Record<LineState, number> = { matched: 0, suggestion: 0, to_process: 0, ignored: 0 };
    for (const r of rows) c[lineState(r)]++;
    return c;
  }, [rows]);
  const sure = rows.filter((r) => r.status === 'to_process' && (r.suggestions[0]?.confidence ?? 0) >= SURE_CONFIDENCE).length;
  const shown = filter === 'all' ? rows : rows.filter((r) => lineState(r) === filter);

  const acceptSure = async () => {
    try {
      const r = await autoMatch.mutateAsync();
      setNotice(r.matched === 0 ? 'Aucune correspondance sûre à accepter.' : `${r.matched} correspondance${r.matched > 1 ? 's sûres acceptées' : ' sûre acceptée'} : les règlements sont enregistrés.`);
    } catch (err) {
      setRefusal(errorMessage(err));
    }
  };

  const setAside = async (line: BankLine, ignored: boolean) => {
    try {
      await ignore.mutateAsync({ lineId: line.id, ignored });
      setNotice(ignored ? `Opération du ${formatDateShort(line.date)} écartée.` : `Opération du ${formatDateShort(line.date)} reprise.`);
    } catch (err) {
      setRefusal(errorMessage(err));
    }
  };

  const undo = async () => {
    if (!undoing) return;
    try {
      await unmatch.mutateAsync(undoing.id);
      setNotice(`Rapprochement défait : l’opération du ${formatDateShort(undoing.date)} est de nouveau à traiter.`);
    } catch (err) {
      setRefusal(errorMessage(err));
    } finally {
      setUndoing(null);
    }
  };

  const columns: GridColDef<BankLine>[] = [
    { field: 'date', headerName: 'Date', width: 100, valueFormatter: (v: string) => formatDateShort(v) },
    {
      field: 'label',
      headerName: 'Libellé',
      flex: 1,
      minWidth: 220,
      renderCell: ({ row }) => (
        <Box sx={{ lineHeight: 1.3, py: 0.5, overflow: 'hidden' }}>
          <Box component="span" sx={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis' }}>{row.label}</Box>
          {(row.counterpartyName || row.remittance) && (
            <Box component="span" sx={{ display: 'block', color: 'text.secondary', fontSize: '0.8em', overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {[row.counterpartyName, row.remittance].filter(Boolean).join(' · ')}
            </Box>
          )}
        </Box>
      ),
    },
    { field: 'amount', headerName: 'Montant', width: 120, align: 'right', headerAlign: 'right', renderCell: ({ row }) => <Box sx={{ ...amountSx, color: row.amount.startsWith('-') ? 'error.main' : 'success.dark' }}>{formatEuro(row.amount)}</Box> },
    {
      field: 'state',
      headerName: 'État',
      width: 120,
      valueGetter: (_v, row) => LINE_STATE_LABELS[lineState(row)],
      renderCell: ({ row }) => {
        const s = lineState(row);
        const c = STATE_COLORS[s];
        return <Chip size="small" label={LINE_STATE_LABELS[s]} variant={c.outlined ? 'outlined' : 'filled'} sx={{ bgcolor: c.bg, color: c.fg }} />;
      },
    },
    {
      field: 'detail',
      headerName: 'Rapprochement',
      flex: 1,
      minWidth: 220,
      sortable: false,
      valueGetter: (_v, row) => {
        const best = row.suggestions[0];
        if (row.status === 'matched') return row.paymentId ? `Règlement n° ${row.paymentId}` : `Écriture n° ${row.entryId ?? ''}`;
        if (best) return `${best.customerName} — ${best.invoiceNumbers.join(', ')} (${best.confidence} %)`;
        return '';
      },
    },
    {
      field: 'actions',
      headerName: '',
      width: 330,
      sortable: false,
      filterable: false,
      disableColumnMenu: true,
      renderCell: ({ row }) => {
        const label = `l’opération du ${formatDateShort(row.date)} de ${formatEuro(row.amount)}`;
        return (
          <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', height: '100%' }}>
            {row.status === 'to_process' && row.suggestions.length > 0 && (
              <Button size="small" variant="outlined" onClick={() => setReviewing(row)} aria-label={`Examiner ${label}`}>
                Examiner
              </Button>
            )}
            {row.status === 'to_process' && (
              <Tooltip title="Passer l’opération à un autre compte (frais, fournisseur…)">
                <Button size="small" onClick={() => setPosting(row)} aria-label={`Comptabiliser ${label}`}>
                  Comptabiliser
                </Button>
              </Tooltip>
            )}
            {row.status === 'to_process' && (
              <Button size="small" color="inherit" onClick={() => void setAside(row, true)} aria-label={`Écarter ${label}`}>
                Écarter
              </Button>
            )}
            {row.status === 'ignored' && (
              <Button size="small" onClick={() => void setAside(row, false)} aria-label={`Reprendre ${label}`}>
                Reprendre
              </Button>
            )}
            {row.status === 'matched' && (
              <Button size="small" color="error" onClick={() => setUndoing(row)} aria-label={`Défaire le rapprochement de ${label}`}>
                Défaire
              </Button>
            )}
          </Stack>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title="Banque"
        subtitle="Les opérations de vos relevés, rapprochées de vos factures : un encaissement reconnu enregistre le règlement, comme le formulaire de règlement."
        actions={
          <Stack direction="row" spacing={1}>
            <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => setImporting(true)}>
              Importer un relevé
            </Button>
            <Button variant="contained" startIcon={<DoneAllIcon />} onClick={() => void acceptSure()} loading={autoMatch.isPending} disabled={sure === 0} data-testid="accept-sure">
              Accepter les correspondances sûres ({sure})
            </Button>
          </Stack>
        }
      />
      <RouteTabs tabs={BANK_TABS} label="Banque">
        {error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(error)}</Alert>}
        {!isLoading && rows.length === 0 ? (
          <Paper>
            <EmptyState
              icon={<AccountBalanceIcon fontSize="inherit" />}
              title="Aucun relevé importé"
              action={
                <Button variant="contained" startIcon={<UploadFileIcon />} onClick={() => setImporting(true)}>
                  Importer un relevé
                </Button>
              }
            >
              Téléchargez le relevé de votre compte sur le site de votre banque (format OFX, CAMT.053 ou CSV) et importez-le : Encours reconnaît les virements de vos clients et vous propose les factures qu’ils règlent.
            </EmptyState>
          </Paper>
        ) : (
          <Paper sx={{ p: 2 }}>
            <ToggleButtonGroup size="small" exclusive value={filter} onChange={(_e, v: Filter | null) => v && setFilter(v)} aria-label="Filtrer par état" sx={{ mb: 1.5, flexWrap: 'wrap' }}>
              <ToggleButton value="all">Toutes ({rows.length})</ToggleButton>
              {(Object.keys(LINE_STATE_LABELS) as LineState[]).map((s) => (
                <ToggleButton key={s} value={s} data-testid={`filter-${s}`}>
                  {LINE_STATE_LABELS[s]} ({counts[s]})
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
            <DataGrid
              rows={shown}
              columns={columns}
              loading={isLoading}
              density="compact"
              getRowHeight={() => 52}
              disableRowSelectionOnClick
              hideFooter={shown.length <= 100}
              initialState={{ pagination: { paginationModel: { pageSize: 100 } } }}
              pageSizeOptions={[100]}
              sx={{ height: 'calc(100vh - 300px)', minHeight: 360 }}
              aria-label="Opérations bancaires"
              localeText={{ noRowsLabel: 'Aucune opération dans cet état.' }}
            />
          </Paper>
        )}
      </RouteTabs>
      <ImportDialog
        open={importing}
        onClose={() => setImporting(false)}
        onImported={(r) => {
          setImporting(false);
          setNotice(importSummary(r));
        }}
      />
      {reviewing && (
        <SuggestionDialog
          line={reviewing}
          onClose={() => setReviewing(null)}
          onMatched={(m) => {
            setReviewing(null);
            setNotice(m);
          }}
        />
      )}
      {posting && (
        <EntryDialog
          open
          start={entryStart(posting)}
          onClose={() => setPosting(null)}
          onPosted={(e) => {
            setPosting(null);
            void refreshBank();
            setNotice(`Opération comptabilisée : écriture n° ${e.num} au journal ${e.journal}.`);
          }}
        />
      )}
      <Dialog open={undoing !== null} onClose={() => setUndoing(null)} aria-labelledby="undo-title">
        <DialogTitle id="undo-title">Défaire ce rapprochement ?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {undoing?.paymentId
              ? 'Le règlement enregistré pour cette opération sera annulé par une écriture de contre-passation (jamais supprimé) : ses factures redeviendront dues.'
              : 'L’écriture passée pour cette opération sera contre-passée par une nouvelle écriture (jamais supprimée).'}{' '}
            L’opération redeviendra à traiter.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setUndoing(null)}>Garder</Button>
          <Button color="error" variant="contained" onClick={() => void undo()} loading={unmatch.isPending}>
            Défaire le rapprochement
          </Button>
        </DialogActions>
      </Dialog>
      <ErrorDialog message={refusal} onClose={() => setRefusal(null)} />
      <Snackbar open={notice !== null} autoHideDuration={6000} onClose={() => setNotice(null)} message={notice ?? ''} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }} />
    </>
  );
}
