import ListAltIcon from '@mui/icons-material/ListAlt';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDateShort } from '../../../shared/dates';
import { formatEuro } from '../../../shared/money';
import { AccountAutocomplete } from '../../components/AccountAutocomplete';
import { CustomerPicker } from '../../components/CustomerPicker';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/form/serverErrors';
import { PageHeader } from '../../components/PageHeader';
import { PeriodFilter, periodRequest, usePeriod } from '../../components/PeriodFilter';
import { amountSx, euroOrBlank, euroReport, needsAux } from '../../lib/format';
import { useGeneralLedger } from '../ledger/api';
import { EntryDetailDialog } from '../ledger/EntryDetailDialog';

const footSx = { fontWeight: 700, color: 'text.primary', fontSize: '0.875rem', bgcolor: 'grey.50' } as const;

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper sx={{ p: 2, flex: 1, minWidth: 180 }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h2" component="p" sx={{ mt: 0.5, fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
        {value}
      </Typography>
    </Paper>
  );
}

/** Grand livre: the lines of one account (and one customer), with the balance as it goes. */
export function GeneralLedgerPage() {
  const [period, setPeriod] = usePeriod();
  const [params, setParams] = useSearchParams();
  const account = params.get('compte') ?? '';
  const aux = params.get('client') ?? '';
  const [pageIndex, setPageIndex] = useState(0);
  const [pageSize, setPageSize] = useState(100);
  const [detail, setDetail] = useState<number | null>(null);
  const { data, isFetching, error } = useGeneralLedger(account ? { account, ...(aux ? { aux } : {}), ...periodRequest(period) } : null);
  const showAux = needsAux(account) && !aux;

  const setParam = (key: string, value: string) => {
    setPageIndex(0);
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key === 'compte' && !needsAux(value)) next.delete('client');
        return next;
      },
      { replace: true },
    );
  };

  const rows = data?.rows ?? [];
  const pageRows = rows.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize);
  const columns = 8 + (showAux ? 1 : 0);

  return (
    <>
      <PageHeader title="Grand livre" subtitle="Toutes les lignes d’un compte, dans l’ordre des dates, avec le solde après chacune. Cliquez sur une ligne pour voir son écriture." />
      <Paper sx={{ p: 2, mb: 2 }}>
        <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <Box sx={{ width: 320 }}>
            <AccountAutocomplete label="Compte" value={account} onChange={(v) => setParam('compte', v)} autoFocus={!account} />
          </Box>
          <Box sx={{ width: 290 }}>
            <CustomerPicker
              label="Client"
              value={aux}
              onChange={(v) => setParam('client', v)}
              disabled={!needsAux(account)}
              shrinkLabel
              placeholder={needsAux(account) ? 'Tous les clients' : 'Pour les comptes clients (411…)'}
            />
          </Box>
          <PeriodFilter value={period} onChange={(p) => { setPageIndex(0); setPeriod(p); }} />
        </Stack>
      </Paper>
      {error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(error)}</Alert>}
      {!account ? (
        <Paper>
          <EmptyState icon={<ListAltIcon fontSize="inherit" />} title="Choisissez un compte">
            Le grand livre montre un compte ligne par ligne : par exemple 411 pour ce que vos clients vous doivent (choisissez alors un client pour son seul compte), 512 pour votre banque, 706 pour vos prestations.
          </EmptyState>
        </Paper>
      ) : (
        data && (
          <>
            <Stack direction="row" useFlexGap spacing={2} sx={{ mb: 2, flexWrap: 'wrap' }} aria-label="Soldes du compte">
              <Figure label={period.from ? `Solde au ${formatDateShort(period.from)} (ouverture)` : 'Solde d’ouverture'} value={euroReport(data.opening)} testId="gl-opening" />
              <Figure label="Mouvements au débit" value={formatEuro(data.totals.debit)} testId="gl-debit" />
              <Figure label="Mouvements au crédit" value={formatEuro(data.totals.credit)} testId="gl-credit" />
              <Figure label={period.to ? `Solde au ${formatDateShort(period.to)} (clôture)` : 'Solde de clôture'} value={euroReport(data.closing)} testId="gl-closing" />
            </Stack>
            <Paper>
              {isFetching && <LinearProgress aria-label="Chargement du grand livre" />}
              <Box sx={{ px: 2, pt: 1.5 }}>
                <Typography variant="h3" component="h2">
                  {data.account} — {data.label}
                  {aux && <Chip size="small" sx={{ ml: 1 }} label={`Client ${aux}`} />}
                </Typography>
              </Box>
              <TableContainer sx={{ maxHeight: 'calc(100vh - 420px)', minHeight: 200 }}>
                <Table stickyHeader size="small" aria-label={`Grand livre du compte ${data.account}`}>
                  <TableHead>
                    <TableRow>
                      <TableCell sx={{ width: 100 }}>Date</TableCell>
                      <TableCell sx={{ width: 70 }}>Journal</TableCell>
                      <TableCell sx={{ width: 60, textAlign: 'right' }}>N°</TableCell>
                      <TableCell sx={{ width: 120 }}>Pièce</TableCell>
                      <TableCell>Libellé</TableCell>
                      {showAux && <TableCell sx={{ width: 90 }}>Client</TableCell>}
                      <TableCell sx={{ width: 80 }}>Lettrage</TableCell>
                      <TableCell sx={{ ...amountSx, width: 130 }}>Débit</TableCell>
                      <TableCell sx={{ ...amountSx, width: 130 }}>Crédit</TableCell>
                      <TableCell sx={{ ...amountSx, width: 140 }}>Solde</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {pageIndex === 0 && (
                      <TableRow sx={{ '& td': { color: 'text.secondary', fontStyle: 'italic' } }}>
                        <TableCell>{period.from ? formatDateShort(period.from) : ''}</TableCell>
                        <TableCell colSpan={columns - 1}>Solde d’ouverture</TableCell>
                        <TableCell sx={amountSx}>{euroReport(data.opening)}</TableCell>
                      </TableRow>
                    )}
                    {pageRows.map((r) => (
                      <TableRow
                        key={r.lineId}
                        hover
                        tabIndex={0}
                        onClick={() => setDetail(r.entryId)}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') {
                            e.preventDefault();
                            setDetail(r.entryId);
                          }
                        }}
                        sx={{ cursor: 'pointer' }}
                      >
                        <TableCell>{formatDateShort(r.date)}</TableCell>
                        <TableCell>{r.journal}</TableCell>
                        <TableCell sx={{ textAlign: 'right' }}>{r.num}</TableCell>
                        <TableCell>{r.pieceRef}</TableCell>
                        <TableCell>{r.label}</TableCell>
                        {showAux && <TableCell>{r.aux ?? ''}</TableCell>}
                        <TableCell>{r.lettering ? <Chip size="small" label={r.lettering} /> : ''}</TableCell>
                        <TableCell sx={amountSx}>{euroOrBlank(r.debit)}</TableCell>
                        <TableCell sx={amountSx}>{euroOrBlank(r.credit)}</TableCell>
                        <TableCell sx={amountSx}>{euroReport(r.balance)}</TableCell>
                      </TableRow>
                    ))}
                    {rows.length === 0 && (
                      <TableRow>
                        <TableCell colSpan={columns + 1} sx={{ py: 3, textAlign: 'center', color: 'text.secondary' }}>
                          Aucun mouvement sur cette période.
                        </TableCell>
                      </TableRow>
                    )}
                  </TableBody>
                  <TableFooter sx={{ position: 'sticky', bottom: 0 }}>
                    <TableRow>
                      <TableCell sx={footSx} colSpan={columns - 2}>
                        Total des mouvements
                      </TableCell>
                      <TableCell sx={{ ...footSx, ...amountSx }}>{formatEuro(data.totals.debit)}</TableCell>
                      <TableCell sx={{ ...footSx, ...amountSx }}>{formatEuro(data.totals.credit)}</TableCell>
                      <TableCell sx={{ ...footSx, ...amountSx }} />
                    </TableRow>
                    <TableRow>
                      <TableCell sx={footSx} colSpan={columns}>
                        Solde de clôture{period.to ? ` au ${formatDateShort(period.to)}` : ''}
                      </TableCell>
                      <TableCell sx={{ ...footSx, ...amountSx }}>{euroReport(data.closing)}</TableCell>
                    </TableRow>
                  </TableFooter>
                </Table>
              </TableContainer>
              {rows.length > 100 && (
                <TablePagination
                  component="div"
                  count={rows.length}
                  page={pageIndex}
                  onPageChange={(_e, p) => setPageIndex(p)}
                  rowsPerPage={pageSize}
                  onRowsPerPageChange={(e) => {
                    setPageSize(Number(e.target.value));
                    setPageIndex(0);
                  }}
                  rowsPerPageOptions={[100, 500, 1000]}
                />
              )}
            </Paper>
          </>
        )
      )}
      <EntryDetailDialog entryId={detail} onClose={() => setDetail(null)} />
    </>
  );
}
