import type { SxProps, Theme } from '@mui/material/styles';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { ReactNode } from 'react';
import { formatDateShort } from '../../../shared/dates';
import { formatEuro } from '../../../shared/money';
import { amountSx } from '../../lib/format';

export interface InvoiceAmountsRow {
  key: number;
  /** The invoice, as the first column shows it (its number, a link…). */
  name: ReactNode;
  date: string;
  net: string;
  vat: string;
  gross: string;
}

/** Invoices with their date and amounts HT, TVA, TTC (a quote's invoices, the deposits of a final invoice). */
export function InvoiceAmountsTable({
  label,
  heading,
  rows,
  rowTestId,
  footer,
  sx,
}: {
  label: string;
  /** The first column's heading. */
  heading: string;
  rows: readonly InvoiceAmountsRow[];
  rowTestId?: string;
  /** A TableFooter, after the rows. */
  footer?: ReactNode;
  sx?: SxProps<Theme>;
}) {
  return (
    <Table size="small" aria-label={label} sx={sx}>
      <TableHead>
        <TableRow>
          <TableCell>{heading}</TableCell>
          <TableCell>Date</TableCell>
          <TableCell sx={amountSx}>HT</TableCell>
          <TableCell sx={amountSx}>TVA</TableCell>
          <TableCell sx={amountSx}>TTC</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.key} data-testid={rowTestId}>
            <TableCell>{r.name}</TableCell>
            <TableCell>{formatDateShort(r.date)}</TableCell>
            <TableCell sx={amountSx}>{formatEuro(r.net)}</TableCell>
            <TableCell sx={amountSx}>{formatEuro(r.vat)}</TableCell>
            <TableCell sx={amountSx}>{formatEuro(r.gross)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
      {footer}
    </Table>
  );
}
