import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import { formatDateShort } from '../../../shared/dates';
import { formatEuro, formatPercent, toCents } from '../../../shared/money';
import { amountSx } from '../../lib/format';

/** Rows of a document's totals table: « TVA 20 % sur 1 000,00 € », its VAT, one a rate. */
export function VatByRateRows({ byRate }: { byRate: readonly { rate: string; base: string; vat: string }[] }) {
  return byRate.map((r) => (
    <TableRow key={r.rate}>
      <TableCell>
        TVA {formatPercent(r.rate)} sur {formatEuro(r.base)}
      </TableCell>
      <TableCell sx={amountSx}>{formatEuro(r.vat)}</TableCell>
    </TableRow>
  ));
}

/** Rows of a final invoice's totals: « Acompte FA… du … », the deposit's TTC taken off. */
export function DeductedDepositRows({ deductions, rowTestId }: { deductions: readonly { invoiceId: number; number: string; date: string; gross: string }[]; rowTestId?: string }) {
  return deductions.map((d) => (
    <TableRow key={d.invoiceId} data-testid={rowTestId}>
      <TableCell>
        Acompte {d.number} du {formatDateShort(d.date)}
      </TableCell>
      <TableCell sx={amountSx}>{formatEuro(-toCents(d.gross))}</TableCell>
    </TableRow>
  ));
}
