import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { JOURNALS, type JournalCode } from '../../shared/accounts';
import { formatEuro } from '../../shared/money';
import type { PreviewEntry } from '../features/invoices/preview';
import { amountSx } from '../lib/format';

const cell = { px: 1, py: 0.75 } as const;

function EntryTable({ entry, label }: { entry: PreviewEntry; label: (account: string) => string }) {
  const debit = entry.lines.reduce((s, l) => s + l.debit, 0n);
  const credit = entry.lines.reduce((s, l) => s + l.credit, 0n);
  return (
    <Box sx={{ mb: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 0.5 }}>
        <Chip size="small" variant="outlined" label={`${entry.journal} · ${JOURNALS[entry.journal as JournalCode] ?? entry.journal}`} />
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {entry.title}
        </Typography>
      </Box>
      <Table size="small" aria-label={`Écriture : ${entry.title}`}>
        <TableHead>
          <TableRow>
            <TableCell sx={cell}>Compte</TableCell>
            <TableCell sx={{ ...cell, ...amountSx }}>Débit</TableCell>
            <TableCell sx={{ ...cell, ...amountSx }}>Crédit</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {entry.lines.map((l, i) => (
            <TableRow key={i} data-testid="preview-line">
              <TableCell sx={{ ...cell, verticalAlign: 'top' }}>
                <Box>
                  <Box component="span" sx={{ fontWeight: 600, mr: 0.75 }} data-testid="preview-account">
                    {l.account}
                  </Box>
                  <Box component="span" sx={{ color: 'text.secondary' }}>
                    {label(l.account)}
                    {l.aux ? ` (${l.aux})` : ''}
                  </Box>
                </Box>
                <Typography variant="caption" color="text.secondary" component="p" sx={{ lineHeight: 1.3, mt: 0.25 }}>
                  {l.why}
                </Typography>
              </TableCell>
              <TableCell sx={{ ...cell, ...amountSx, verticalAlign: 'top' }} data-testid="preview-debit">
                {l.debit > 0n ? formatEuro(l.debit) : ''}
              </TableCell>
              <TableCell sx={{ ...cell, ...amountSx, verticalAlign: 'top' }} data-testid="preview-credit">
                {l.credit > 0n ? formatEuro(l.credit) : ''}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
        <TableFooter>
          <TableRow sx={{ '& td': { fontWeight: 600, color: 'text.primary', fontSize: '0.8125rem' } }}>
            <TableCell sx={cell}>
              {debit === credit && debit > 0n && (
                <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, color: 'success.main' }}>
                  <CheckCircleOutlineIcon fontSize="inherit" aria-hidden /> Équilibrée
                </Box>
              )}
            </TableCell>
            <TableCell sx={{ ...cell, ...amountSx }}>{formatEuro(debit)}</TableCell>
            <TableCell sx={{ ...cell, ...amountSx }}>{formatEuro(credit)}</TableCell>
          </TableRow>
        </TableFooter>
      </Table>
    </Box>
  );
}

/**
 * « Ce que cette opération écrit dans vos comptes » (ux.md, Preview before posting): the entries a form
 * will post, updated as the user types, each line said in plain words.
 */
export function EntryPreview({
  title,
  entries,
  label,
  emptyText,
  footer,
}: {
  title: string;
  entries: PreviewEntry[];
  label: (account: string) => string;
  emptyText: string;
  footer?: string;
}) {
  const shown = entries.filter((e) => e.lines.length > 0);
  return (
    <Paper component="section" aria-labelledby="entry-preview-title" sx={{ p: 2 }} data-testid="entry-preview">
      <Typography variant="h3" id="entry-preview-title" sx={{ mb: 1.5 }}>
        {title}
      </Typography>
      {shown.length === 0 ? (
        <Typography color="text.secondary" variant="body2">
          {emptyText}
        </Typography>
      ) : (
        shown.map((e, i) => <EntryTable key={i} entry={e} label={label} />)
      )}
      {footer && shown.length > 0 && (
        <Typography variant="caption" color="text.secondary" component="p">
          {footer}
        </Typography>
      )}
    </Paper>
  );
}
