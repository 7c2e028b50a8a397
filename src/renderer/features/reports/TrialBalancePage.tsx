import BalanceIcon from '@mui/icons-material/Balance';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { formatEuro } from '../../../shared/money';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/form/serverErrors';
import { PageHeader } from '../../components/PageHeader';
import { PeriodFilter, periodRequest, usePeriod } from '../../components/PeriodFilter';
import { amountSx, euroOrBlank, euroReport } from '../../lib/format';
import { useTrialBalance } from '../ledger/api';

const footSx = { fontWeight: 700, color: 'text.primary', fontSize: '0.875rem', borderTop: 2, borderColor: 'divider', bgcolor: 'grey.50' } as const;

/** Balance générale: what each account adds up to over the period. */
export function TrialBalancePage() {
  const [period, setPeriod] = usePeriod();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [byAux, setByAux] = useState(params.get('clients') === '1');
  const { data, isLoading, isFetching, error } = useTrialBalance({ ...periodRequest(period), byAux });
  const rows = data?.rows ?? [];
  const balanced = data ? data.totals.debit === data.totals.credit : true;

  const openLedger = (account: string, aux?: string) => {
    const q = new URLSearchParams({ compte: account, du: period.from, au: period.to });
    if (aux) q.set('client', aux);
    void navigate(`/rapports/grand-livre?${q.toString()}`);
  };

  return (
    <>
      <PageHeader title="Balance générale" subtitle="Le total des débits, des crédits et le solde de chaque compte sur la période. Cliquez sur un compte pour voir son grand livre." />
      <Paper sx={{ p: 2, mb: 2 }}>
        <Stack direction="row" useFlexGap spacing={3} sx={{ flexWrap: 'wrap', rowGap: 1.5, alignItems: 'center' }}>
          <PeriodFilter value={period} onChange={setPeriod} />
          <FormControlLabel
            control={
              <Switch checked={byAux} onChange={(e) => setByAux(e.target.checked)} />
            }
            label="Détail par client"
          />
          <Box sx={{ flexGrow: 1 }} />
          {data && rows.length > 0 && (
            <Chip
              color={balanced ? 'success' : 'error'}
              variant="outlined"
              label={balanced ? 'Balance équilibrée : débits = crédits' : 'Balance déséquilibrée : contrôlez le journal'}
              data-testid="balance-status"
            />
          )}
        </Stack>
      </Paper>
      {error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(error)}</Alert>}
      <Paper>
        {isFetching && <LinearProgress aria-label="Calcul de la balance" />}
        {!isLoading && rows.length === 0 ? (
          <EmptyState icon={<BalanceIcon fontSize="inherit" />} title="Aucune écriture sur cette période">
            La balance additionne, compte par compte, les écritures du journal. Choisissez une autre période, ou validez d’abord vos factures et règlements : ils s’y inscriront d’eux-mêmes.
          </EmptyState>
        ) : (
          <TableContainer sx={{ maxHeight: 'calc(100vh - 320px)' }}>
            <Table stickyHeader size="small" aria-label="Balance générale">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 110 }}>Compte</TableCell>
                  {byAux && <TableCell sx={{ width: 260 }}>Client</TableCell>}
                  <TableCell>Intitulé</TableCell>
                  <TableCell sx={{ ...amountSx, width: 150 }}>Débit</TableCell>
                  <TableCell sx={{ ...amountSx, width: 150 }}>Crédit</TableCell>
                  <TableCell sx={{ ...amountSx, width: 160 }}>Solde</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => (
                  <TableRow
                    key={`${r.account}/${r.aux ?? ''}`}
                    hover
                    tabIndex={0}
                    onClick={() => openLedger(r.account, r.aux)}
                    onKeyDown={(e) => e.key === 'Enter' && openLedger(r.account, r.aux)}
                    sx={{ cursor: 'pointer' }}
                  >
                    <TableCell sx={{ fontWeight: 600 }}>{r.account}</TableCell>
                    {byAux && <TableCell>{r.aux ? `${r.aux} — ${r.auxLabel ?? ''}` : ''}</TableCell>}
                    <TableCell>{r.label}</TableCell>
                    <TableCell sx={amountSx}>{euroOrBlank(r.debit)}</TableCell>
                    <TableCell sx={amountSx}>{euroOrBlank(r.credit)}</TableCell>
                    <TableCell sx={amountSx}>{euroReport(r.balance)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
              {data && rows.length > 0 && (
                <TableFooter sx={{ position: 'sticky', bottom: 0 }}>
                  <TableRow>
                    <TableCell sx={footSx} colSpan={byAux ? 3 : 2}>
                      Total
                    </TableCell>
                    <TableCell sx={{ ...footSx, ...amountSx }} data-testid="total-debit">
                      {formatEuro(data.totals.debit)}
                    </TableCell>
                    <TableCell sx={{ ...footSx, ...amountSx }} data-testid="total-credit">
                      {formatEuro(data.totals.credit)}
                    </TableCell>
                    <TableCell sx={{ ...footSx, ...amountSx }} data-testid="total-balance">
                      {euroReport(data.totals.balance)}
                    </TableCell>
                  </TableRow>
                </TableFooter>
              )}
            </Table>
          </TableContainer>
        )}
      </Paper>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
        Solde = débit − crédit. Un solde entre parenthèses est créditeur : c’est normal pour les ventes (70…), la TVA collectée (44571) ou le capital.
      </Typography>
    </>
  );
}
