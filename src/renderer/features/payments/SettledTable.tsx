import Alert from '@mui/material/Alert';
import MuiLink from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { Link } from 'react-router';
import type { Response } from '../../../shared/contract';
import { formatEuro, formatPercent, toCents } from '../../../shared/money';
import { InvoiceStatusChip, StatusChip } from '../../components/InvoiceStatusChip';
import { amountSx } from '../../lib/format';
import { useInvoicesById } from '../invoices/api';

type Payment = Response<'payment.get'>;

/**
 * What a payment settled, as the main process recorded it: each invoice with its escompte or its écart de
 * règlement, and where each stands now; money recovered on written-off invoices; what it left in advance
 * or kept as a small surplus.
 */
export function SettledTable({ payment }: { payment: Payment }) {
  const now = useInvoicesById(payment.allocations.map((a) => a.invoiceId));
  const advance = toCents(payment.advance);
  const surplus = toCents(payment.surplus);
  const nothing = payment.allocations.length === 0 && payment.recoveries.length === 0;
  return (
    <Stack spacing={2}>
      <Table size="small" aria-label="Factures réglées">
        <TableHead>
          <TableRow>
            <TableCell>Facture</TableCell>
            <TableCell sx={amountSx}>Imputé</TableCell>
            <TableCell>Escompte, écart</TableCell>
            <TableCell sx={amountSx}>Reste dû</TableCell>
            <TableCell>Statut</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {payment.allocations.map((a, i) => {
            const inv = now[i]?.data;
            const difference = toCents(a.difference);
            return (
              <TableRow key={a.invoiceId}>
                <TableCell>
                  <MuiLink component={Link} to={`/factures/${a.invoiceId}`}>
                    {a.invoiceNumber}
                  </MuiLink>
                </TableCell>
                <TableCell sx={amountSx}>{formatEuro(a.amount)}</TableCell>
                <TableCell>
                  {a.escompte ? `Oui : avoir d’escompte${inv?.escompte ? ` de ${formatPercent(inv.escompte.percent)}` : ''} émis` : ''}
                  {difference > 0n ? `Écart de ${formatEuro(difference)} soldé (charge)` : ''}
                </TableCell>
                <TableCell sx={amountSx}>{inv ? formatEuro(inv.outstanding) : '…'}</TableCell>
                <TableCell>{inv ? <InvoiceStatusChip invoice={inv} /> : null}</TableCell>
              </TableRow>
            );
          })}
          {payment.recoveries.map((r) => (
            <TableRow key={`recovery-${r.invoiceId}`}>
              <TableCell>
                <MuiLink component={Link} to={`/factures/${r.invoiceId}`}>
                  {r.invoiceNumber}
                </MuiLink>
              </TableCell>
              <TableCell sx={amountSx}>{formatEuro(r.amount)}</TableCell>
              <TableCell>Rentrée sur créance passée en perte, dont {formatEuro(r.vat)} de TVA de nouveau due</TableCell>
              <TableCell sx={amountSx} />
              <TableCell>
                <StatusChip status="written_off" />
              </TableCell>
            </TableRow>
          ))}
          {nothing && (
            <TableRow>
              <TableCell colSpan={5}>Aucune facture : tout le montant est gardé en avance.</TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      {advance > 0n && (
        <Alert severity="info" variant="outlined">
          {formatEuro(advance)} dépassent les factures réglées : ils sont gardés en avance au compte du client (4191), à imputer sur une prochaine facture ou à rembourser.
        </Alert>
      )}
      {surplus > 0n && (
        <Alert severity="info" variant="outlined">
          {formatEuro(surplus)} payés en trop sont gardés en produit (écart de règlement) : rien ne reste dû au client.
        </Alert>
      )}
    </Stack>
  );
}
