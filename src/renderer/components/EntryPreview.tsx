import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import Alert from '@mui/material/Alert';
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
import { JOURNALS, type AccountMap, type JournalCode } from '../../shared/accounts';
import { formatDateShort } from '../../shared/dates';
import type { PreviewableChannel } from '../../shared/domain/preview';
import { formatEuro, toCents } from '../../shared/money';
import { amountSx } from '../lib/format';
import type { PostingPreview } from '../lib/preview';
import { useAccountBook } from './accountBook';
import { lineWhy } from './entryWhy';

export interface PreviewLine {
  account: string;
  aux?: string | undefined;
  debit: bigint;
  credit: bigint;
  /** In plain words, what this line means for the owner. */
  why: string;
  /** The line's own label, when it says more than the entry's (the invoice it settles, the VAT rate). */
  detail?: string | undefined;
}

export interface PreviewEntry {
  journal: string;
  title: string;
  lines: PreviewLine[];
}

/** An entry as the main process previews it (`preview`, `doubtful.preview`). */
interface EntryLike {
  journal: string;
  date: string;
  label: string;
  lines: readonly { account: string; aux?: string | undefined; label: string; debit: string; credit: string }[];
  source?: { kind: string } | undefined;
  /** doubtful.preview's step (classify, provision, writeOff). */
  kind?: string;
}

/** The main process's entries as the panel shows them: its amounts, and each line said in plain words. */
export function toPreviewEntries(entries: readonly EntryLike[], map: AccountMap): PreviewEntry[] {
  return entries.map((e) => ({
    journal: e.journal,
    title: `${e.label} · ${formatDateShort(e.date)}`,
    lines: e.lines.map((l) => {
      const debit = toCents(l.debit);
      return {
        account: l.account,
        aux: l.aux,
        debit,
        credit: toCents(l.credit),
        why: lineWhy({ account: l.account, debit: debit > 0n, journal: e.journal, source: e.source?.kind ?? e.kind, label: l.label }, map),
        detail: l.label && l.label !== e.label ? l.label : undefined,
      };
    }),
  }));
}

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
                {l.detail && (
                  <Typography variant="caption" component="p" sx={{ lineHeight: 1.3, mt: 0.25 }} data-testid="preview-detail">
                    {l.detail}
                  </Typography>
                )}
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
 * will post, updated as the user types, each line said in plain words; or why it cannot be posted.
 */
export function EntryPreview({
  title,
  entries,
  label,
  emptyText,
  footer,
  refusal,
  busy = false,
}: {
  title: string;
  entries: PreviewEntry[];
  label: (account: string) => string;
  emptyText: string;
  footer?: string | undefined;
  /** Why the main process would refuse the operation, in French. */
  refusal?: string | null | undefined;
  /** What is shown is not yet what the form holds: dimmed until the answer comes. */
  busy?: boolean;
}) {
  const shown = entries.filter((e) => e.lines.length > 0);
  return (
    <Paper component="section" aria-labelledby="entry-preview-title" aria-busy={busy} sx={{ p: 2 }} data-testid="entry-preview">
      <Typography variant="h3" id="entry-preview-title" sx={{ mb: 1.5 }}>
        {title}
      </Typography>
      <Box sx={{ opacity: busy ? 0.6 : 1, transition: 'opacity 120ms' }}>
        {refusal ? (
          // Said as it is typed, politely: the refusal of a submission is the alert.
          <Alert severity="error" variant="outlined" role="status" data-testid="preview-refusal">
            {refusal}
          </Alert>
        ) : shown.length === 0 ? (
          <Typography color="text.secondary" variant="body2">
            {emptyText}
          </Typography>
        ) : (
          shown.map((e, i) => <EntryTable key={i} entry={e} label={label} />)
        )}
        {footer && !refusal && shown.length > 0 && (
          <Typography variant="caption" color="text.secondary" component="p">
            {footer}
          </Typography>
        )}
      </Box>
    </Paper>
  );
}

/**
 * The panel of a posting form, fed by usePostingPreview: the entries, or the posting's refusal in French.
 * `saidUnderField`: the refusal's message already stands under a field, the panel points there instead.
 */
export function PostingPreviewPanel<C extends PreviewableChannel>({
  preview,
  title,
  emptyText,
  footer,
  saidUnderField = false,
}: {
  preview: PostingPreview<C>;
  title: string;
  emptyText: string;
  footer?: string | undefined;
  saidUnderField?: boolean;
}) {
  const book = useAccountBook();
  const refusal = preview.refusal ? (saidUnderField ? 'Corrigez le champ signalé en rouge : l’écriture s’affichera ensuite.' : preview.refusal.message) : null;
  return (
    <EntryPreview
      title={title}
      entries={toPreviewEntries(preview.entries, book.map)}
      label={book.label}
      emptyText={emptyText}
      footer={footer}
      refusal={refusal}
      busy={preview.waiting && !preview.idle}
    />
  );
}
