import Box from '@mui/material/Box';
import MuiLink from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateShort } from '../../../shared/dates';
import { formatDecimal, formatEuro, formatPercent, formatUnitPrice } from '../../../shared/money';
import { UNITS, type UnitCode } from '../../../shared/units';
import { amountSx } from '../../lib/format';
import { Fact } from '../Fact';

/*
 * The parts an issued document's page (an invoice, a quote) shares: the header's subtitle, the customer,
 * the notes, the table of the lines.
 */

/** The page header's subtitle: the status chip, then « Client (CODE) · du 05/12/2026 ». */
export function DocumentSubtitle({ chip, customerName, customerCode, date }: { chip: ReactNode; customerName: string; customerCode: string; date: string }) {
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
      {chip}
      <span>
        {customerName} ({customerCode}) · du {formatDateShort(date)}
      </span>
    </Box>
  );
}

/** « Client », a link to the customer's account. */
export function CustomerFact({ id, code, name }: { id: number; code: string; name: string }) {
  return (
    <Fact label="Client">
      <MuiLink component={Link} to={`/clients/${id}`}>
        {code} — {name}
      </MuiLink>
    </Fact>
  );
}

/** The notes printed on the document, as typed (line breaks kept). */
export function DocumentNotes({ notes }: { notes: string | undefined | null }) {
  if (!notes) return null;
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mt: 2, whiteSpace: 'pre-wrap' }}>
      {notes}
    </Typography>
  );
}

interface DocumentLine {
  description: string;
  quantity: string;
  unit?: UnitCode;
  unitPrice: string;
  discountPercent?: string;
  net: string;
}

/**
 * « Lignes »: the document's lines (a section named by its heading `titleId`), then `children` (its totals).
 * `kind` and `vat` say what the Nature and TVA columns show of a line; no TVA column under the franchise.
 */
export function DocumentLinesSection<L extends DocumentLine>({
  titleId,
  tableLabel,
  lines,
  noVat,
  kind,
  vat,
  showUnits = false,
  children,
}: {
  titleId: string;
  tableLabel: string;
  lines: readonly L[];
  noVat: boolean;
  kind: (line: L) => string;
  vat: (line: L) => string;
  /** The quantity followed by its unit (« 3 h »). */
  showUnits?: boolean;
  children: ReactNode;
}) {
  return (
    <Paper component="section" aria-labelledby={titleId}>
      <Typography variant="h3" id={titleId} sx={{ p: 2, pb: 1 }}>
        Lignes
      </Typography>
      <Table size="small" aria-label={tableLabel}>
        <TableHead>
          <TableRow>
            <TableCell>Description</TableCell>
            <TableCell>Nature</TableCell>
            <TableCell sx={amountSx}>Quantité</TableCell>
            <TableCell sx={amountSx}>Prix unitaire HT</TableCell>
            <TableCell sx={amountSx}>Remise</TableCell>
            {!noVat && <TableCell sx={amountSx}>TVA</TableCell>}
            <TableCell sx={amountSx}>Montant HT</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {lines.map((l, i) => (
            <TableRow key={i}>
              <TableCell>{l.description}</TableCell>
              <TableCell>{kind(l)}</TableCell>
              <TableCell sx={amountSx}>
                {formatDecimal(l.quantity)}
                {showUnits && l.unit ? ` ${UNITS[l.unit].label}` : ''}
              </TableCell>
              <TableCell sx={amountSx}>{formatUnitPrice(l.unitPrice)}</TableCell>
              <TableCell sx={amountSx}>{l.discountPercent ? formatPercent(l.discountPercent) : ''}</TableCell>
              {!noVat && <TableCell sx={amountSx}>{vat(l)}</TableCell>}
              <TableCell sx={amountSx}>{formatEuro(l.net)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', p: 2 }}>{children}</Box>
    </Paper>
  );
}
