import GppBadIcon from '@mui/icons-material/GppBad';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableFooter from '@mui/material/TableFooter';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { JOURNALS, type JournalCode } from '../../../shared/accounts';
import { formatDateShort } from '../../../shared/dates';
import type { Entry } from '../../../shared/domain/ledger';
import { Dec, formatEuro } from '../../../shared/money';
import { Fact } from '../../components/Fact';
import { errorMessage } from '../../components/form/serverErrors';
import { amountSx, euroOrBlank, fiscalYearLong, formatDateTime } from '../../lib/format';
import { useEntry } from './api';

export const journalName = (code: string) => JOURNALS[code as JournalCode] ?? code;

/** What wrote an entry, in the owner's words (the core's source kinds). */
const SOURCE_LABELS: Record<string, string> = {
  manual: 'Écriture manuelle',
  closing: 'À-nouveaux de la clôture',
  opening_invoice: 'À-nouveaux : facture restant due',
  invoice: 'Facture',
  credit_note: 'Avoir',
  creditNote: 'Avoir',
  payment: 'Règlement',
  payment_cancellation: 'Annulation de règlement',
  payment_difference: 'Écart de règlement',
  advance: 'Imputation d’une avance',
  advance_refund: 'Remboursement d’une avance',
  doubtful: 'Passage en créance douteuse',
  provision: 'Dépréciation',
  writeoff: 'Passage en perte',
};

function HashStatus({ hashOk, chainOk, hash }: { hashOk: boolean; chainOk: boolean; hash: string }) {
  if (hashOk && chainOk) {
    return (
      <Alert severity="success" icon={<VerifiedUserIcon />} variant="outlined" data-testid="hash-status">
        <AlertTitle>Empreinte vérifiée</AlertTitle>
        Le contenu de l’écriture est exactement celui qui a été validé, et elle reste chaînée à la précédente.
      </Alert>
    );
  }
  return (
    <Alert severity="error" icon={<GppBadIcon />} data-testid="hash-status">
      <AlertTitle>{hashOk ? 'Chaînage rompu : l’écriture précédente a été modifiée ou supprimée' : 'Empreinte invalide : l’écriture a été modifiée'}</AlertTitle>
      Cette écriture ne correspond plus à ce qui a été validé (empreinte {hash.slice(0, 12)}…). Restaurez une sauvegarde saine et prévenez votre comptable.
    </Alert>
  );
}

export function EntryLinesTable({ entry }: { entry: Entry }) {
  const debit = entry.lines.reduce((s, l) => s.plus(l.debit), new Dec(0));
  const credit = entry.lines.reduce((s, l) => s.plus(l.credit), new Dec(0));
  return (
    <Table size="small" aria-label="Lignes de l’écriture">
      <TableHead>
        <TableRow>
          <TableCell>Compte</TableCell>
          <TableCell>Client</TableCell>
          <TableCell>Libellé</TableCell>
          <TableCell sx={amountSx}>Débit</TableCell>
          <TableCell sx={amountSx}>Crédit</TableCell>
          <TableCell>Lettrage</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entry.lines.map((l) => (
          <TableRow key={l.id}>
            <TableCell>
              <Box component="span" sx={{ fontWeight: 600, mr: 1 }}>
                {l.account}
              </Box>
              <Box component="span" sx={{ color: 'text.secondary' }}>
                {l.accountLabel}
              </Box>
            </TableCell>
            <TableCell>{l.aux ? `${l.aux} — ${l.auxLabel ?? ''}` : ''}</TableCell>
            <TableCell>{l.label}</TableCell>
            <TableCell sx={amountSx}>{euroOrBlank(l.debit)}</TableCell>
            <TableCell sx={amountSx}>{euroOrBlank(l.credit)}</TableCell>
            <TableCell>{l.lettering ? <Chip size="small" label={l.lettering.code} title={`Lettré le ${formatDateShort(l.lettering.date)}`} /> : ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
      <TableFooter>
        <TableRow sx={{ '& td': { fontWeight: 600, color: 'text.primary', fontSize: '0.875rem' } }}>
          <TableCell colSpan={3}>Total</TableCell>
          <TableCell sx={amountSx}>{formatEuro(debit.toFixed(2))}</TableCell>
          <TableCell sx={amountSx}>{formatEuro(credit.toFixed(2))}</TableCell>
          <TableCell />
        </TableRow>
      </TableFooter>
    </Table>
  );
}

/** One entry as it was validated, its lines, and whether its fingerprint still holds. */
export function EntryDetailDialog({ entryId, onClose }: { entryId: number | null; onClose: () => void }) {
  const { data, isLoading, error } = useEntry(entryId);
  const entry = data?.entry;
  return (
    <Dialog open={entryId !== null} onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="entry-detail-title">
      <DialogTitle id="entry-detail-title">{entry ? `Écriture n° ${entry.num} — ${journalName(entry.journal)} (${entry.journal})` : 'Écriture'}</DialogTitle>
      <DialogContent dividers>
        {isLoading && <CircularProgress aria-label="Chargement de l’écriture" />}
        {error && <Alert severity="error">{errorMessage(error)}</Alert>}
        {data && entry && (
          <>
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(170px, 1fr))', gap: 2, mb: 2 }}>
              <Fact label="Date">{formatDateShort(entry.date)}</Fact>
              <Fact label="Pièce justificative">
                {entry.pieceRef}
                {entry.pieceDate !== entry.date && ` du ${formatDateShort(entry.pieceDate)}`}
              </Fact>
              <Fact label="Exercice">{fiscalYearLong(entry.fiscalYear)}</Fact>
              <Fact label="Validée le">{formatDateTime(entry.validatedAt)}</Fact>
              <Fact label="Origine">{entry.source ? (SOURCE_LABELS[entry.source.kind] ?? 'Autre opération') : 'Écriture manuelle'}</Fact>
            </Box>
            <Typography variant="h3" component="p" sx={{ mb: 1 }}>
              {entry.label}
            </Typography>
            <EntryLinesTable entry={entry} />
            <Box sx={{ mt: 2 }}>
              <HashStatus hashOk={data.hashOk} chainOk={data.chainOk} hash={entry.hash} />
              <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1, wordBreak: 'break-all' }}>
                Empreinte SHA-256 : <Box component="code" sx={{ fontFamily: 'monospace' }}>{entry.hash}</Box>
              </Typography>
            </Box>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Fermer
        </Button>
      </DialogActions>
    </Dialog>
  );
}
