import PrintIcon from '@mui/icons-material/Print';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useForm, useWatch } from 'react-hook-form';
import { formatDateShort, isValidIsoDate } from '../../../shared/dates';
import { formatEuro } from '../../../shared/money';
import { FormDateField } from '../../components/form/FormDateField';
import { errorMessage } from '../../components/form/serverErrors';
import { PageHeader } from '../../components/PageHeader';
import { usePdfPreview } from '../../components/pdf/PdfPreviewDialog';
import { RouteTabs } from '../../components/RouteTabs';
import { amountSx } from '../../lib/format';
import { useToday } from '../../lib/today';
import { useReconciliation, type Reconciliation } from './api';
import { BANK_TABS } from './BankPage';

const KIND_LABELS: Record<Reconciliation['items'][number]['kind'], string> = {
  bank_not_posted: 'En banque seulement',
  ledger_not_on_bank: 'En comptabilité seulement',
};

function Figure({ label, value, testId, strong = false }: { label: string; value: string; testId: string; strong?: boolean }) {
  return (
    <Box sx={{ p: 2, border: 1, borderColor: strong ? 'primary.main' : 'divider', borderRadius: 1, minWidth: 200, flex: 1 }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h2" component="p" data-testid={testId} sx={{ ...amountSx, textAlign: 'left', fontWeight: strong ? 700 : 500 }}>
        {formatEuro(value)}
      </Typography>
    </Box>
  );
}

/** « Rapprochement » : the statement's balance and 512's at a date, and the difference explained line by line. */
export function ReconciliationPage() {
  const today = useToday();
  const { control } = useForm<{ asOf: string }>({ defaultValues: { asOf: today } });
  const asOf = useWatch({ control, name: 'asOf' });
  const valid = isValidIsoDate(asOf);
  const { data, error, isFetching } = useReconciliation(valid ? asOf : null);
  const pdf = usePdfPreview();

  return (
    <>
      <PageHeader
        title="Banque"
        subtitle="Le rapprochement bancaire : le solde de votre relevé et celui du compte 512 à une date, et ce qui explique leur écart."
        actions={
          <Button variant="outlined" startIcon={<PrintIcon />} disabled={!valid} onClick={() => pdf.show({ kind: 'bankReconciliation', asOf }, `Rapprochement bancaire au ${formatDateShort(asOf)}`)}>
            Aperçu / Imprimer
          </Button>
        }
      />
      <RouteTabs tabs={BANK_TABS} label="Banque">
        <Paper sx={{ p: 2 }}>
          <Box sx={{ maxWidth: 260, mb: 2 }}>
            <FormDateField control={control} name="asOf" label="Date du rapprochement" helperText="Les soldes au soir de ce jour." />
          </Box>
          {error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(error)}</Alert>}
          {data && (
            <Box sx={{ opacity: isFetching ? 0.6 : 1 }}>
              <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mb: 1 }}>
                <Figure label="Solde du relevé" value={data.statementBalance} testId="statement-balance" />
                <Figure label={`Solde du compte ${data.account}`} value={data.ledgerBalance} testId="ledger-balance" />
                <Figure label="Écart" value={data.difference} testId="difference" strong />
              </Stack>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                {data.statementBasis}.
              </Typography>
              {data.explained ? (
                <Alert severity={data.items.length === 0 ? 'success' : 'info'} sx={{ mb: 2 }} data-testid="reconciliation-check">
                  {data.items.length === 0 ? 'Le relevé et le compte 512 sont d’accord : rien n’est en suspens.' : `Les ${data.items.length} opérations en suspens ci-dessous expliquent tout l’écart.`}
                </Alert>
              ) : (
                <Alert severity="warning" sx={{ mb: 2 }} data-testid="reconciliation-check">
                  {formatEuro(data.unexplained)} d’écart ne sont pas expliqués par les opérations en suspens : un solde d’ouverture du 512 non repris, ou une opération manquante dans les relevés importés.
                </Alert>
              )}
              {data.items.length > 0 && (
                <Table size="small" aria-label="Opérations en suspens">
                  <TableHead>
                    <TableRow>
                      <TableCell>Date</TableCell>
                      <TableCell>Nature</TableCell>
                      <TableCell>Libellé</TableCell>
                      <TableCell align="right">Montant</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {data.items.map((i, k) => (
                      <TableRow key={k}>
                        <TableCell>{formatDateShort(i.date)}</TableCell>
                        <TableCell>{KIND_LABELS[i.kind]}</TableCell>
                        <TableCell>{i.pieceRef ? `${i.label} (${i.pieceRef})` : i.label}</TableCell>
                        <TableCell align="right" sx={amountSx}>
                          {formatEuro(i.amount)}
                        </TableCell>
                      </TableRow>
                    ))}
                    <TableRow>
                      <TableCell colSpan={3} sx={{ fontWeight: 600 }}>
                        Total des opérations en suspens
                      </TableCell>
                      <TableCell align="right" sx={{ ...amountSx, fontWeight: 600 }}>
                        {formatEuro(data.itemsTotal)}
                      </TableCell>
                    </TableRow>
                  </TableBody>
                </Table>
              )}
            </Box>
          )}
        </Paper>
      </RouteTabs>
      {pdf.dialog}
    </>
  );
}
