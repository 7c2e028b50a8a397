import AddIcon from '@mui/icons-material/Add';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import dayjs from 'dayjs';
import { useState } from 'react';
import { formatDateShort } from '../../../shared/dates';
import { EVIDENCE_KIND_LABELS, EVIDENCE_KINDS, EvidenceAddRequest } from '../../../shared/domain/doubtful';
import { useToday } from '../../lib/today';

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export interface PendingEvidence {
  invoiceId: number;
  kind: EvidenceKind;
  date: string;
  note: string;
}
interface KnownEvidence {
  id: number;
  kind: string;
  date: string;
  note: string;
}

const label = (kind: string) => EVIDENCE_KIND_LABELS[kind as EvidenceKind] ?? kind;

/** What the file lacks for the deduction, said plainly (law.md: the provision rests on an event, justified). */
export function missingEvidence(kinds: string[], purpose: 'provision' | 'writeOff', reason?: string): string[] {
  const out: string[] = [];
  if (purpose === 'provision') {
    if (!kinds.includes('reminder') && !kinds.includes('formal_notice')) out.push('Aucune relance écrite : gardez la trace de vos relances (courriel, courrier).');
    if (!kinds.includes('formal_notice') && !kinds.includes('court')) out.push('Pas de mise en demeure : c’est elle qui montre que le client ne paiera pas de lui-même.');
  } else {
    if (reason === 'liquidation' && !kinds.includes('court')) out.push('Le jugement de liquidation n’est pas joint : ajoutez-le comme « Décision de justice ».');
    if (reason === 'certificate' && !kinds.includes('certificate')) out.push('Le certificat d’irrécouvrabilité n’est pas joint.');
    if (reason === 'other' && !kinds.includes('formal_notice') && !kinds.includes('court')) out.push('Sans mise en demeure ni décision de justice, la perte risque de ne pas être déductible.');
  }
  return out;
}

/**
 * The evidence of one invoice: what is recorded (reminders of the dunning module included), what this
 * wizard will add at its last step, what is missing, and a small form to add a piece.
 */
export function EvidencePanel({
  invoiceId,
  title,
  known,
  pending,
  onAdd,
  onRemove,
  purpose,
  reason,
}: {
  invoiceId: number;
  title: string;
  known: KnownEvidence[];
  pending: PendingEvidence[];
  onAdd: (e: PendingEvidence) => void;
  onRemove: (index: number) => void;
  purpose: 'provision' | 'writeOff';
  reason?: string;
}) {
  const [kind, setKind] = useState<EvidenceKind>('formal_notice');
  const [date, setDate] = useState(useToday());
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mine = pending.map((p, i) => ({ p, i })).filter((x) => x.p.invoiceId === invoiceId);
  const missing = missingEvidence([...known.map((k) => k.kind), ...mine.map((m) => m.p.kind)], purpose, reason);

  const add = () => {
    const parsed = EvidenceAddRequest.safeParse({ invoiceId, kind, date, note });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Pièce incomplète.');
      return;
    }
    setError(null);
    onAdd({ invoiceId, kind, date, note: note.trim() });
    setNote('');
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid={`evidence-${invoiceId}`}>
      <Typography variant="subtitle2" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {known.length === 0 && mine.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          Aucune pièce pour cette facture.
        </Typography>
      )}
      <Stack spacing={0.5} sx={{ mb: 1 }}>
        {known.map((e) => (
          <Typography key={e.id} variant="body2">
            <Box component="span" sx={{ fontWeight: 600 }}>{label(e.kind)}</Box> du {formatDateShort(e.date)} — {e.note}
          </Typography>
        ))}
        {mine.map(({ p, i }) => (
          <Box key={i} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <Typography variant="body2">
              <Box component="span" sx={{ fontWeight: 600 }}>{label(p.kind)}</Box> du {formatDateShort(p.date)} — {p.note}
            </Typography>
            <Chip size="small" color="info" variant="outlined" label="enregistrée à la dernière étape" onDelete={() => onRemove(i)} />
          </Box>
        ))}
      </Stack>
      {missing.length > 0 && (
        <Alert severity="warning" sx={{ mb: 1.5 }} data-testid="missing-evidence">
          <Typography variant="body2" component="div">
            Pièces manquantes :
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
              {missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </Typography>
        </Alert>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '230px 190px minmax(0, 1fr) auto' }, gap: 1, alignItems: 'start' }}>
        <TextField select size="small" label="Nature de la pièce" value={kind} onChange={(e) => setKind(e.target.value as EvidenceKind)} fullWidth>
          {EVIDENCE_KINDS.map((k) => (
            <MenuItem key={k} value={k}>
              {label(k)}
            </MenuItem>
          ))}
        </TextField>
        <DatePicker
          label="Date de la pièce"
          value={dayjs(date)}
          onChange={(d) => d && d.isValid() && setDate(d.format('YYYY-MM-DD'))}
          slotProps={{ textField: { size: 'small', fullWidth: true } }}
        />
        <TextField
          size="small"
          label="Description"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={error !== null}
          helperText={error ?? 'Par exemple : « LRAR du 3 mars restée sans réponse »'}
          fullWidth
        />
        <Button variant="outlined" startIcon={<AddIcon />} onClick={add} sx={{ whiteSpace: 'nowrap', height: 40 }}>
          Ajouter la pièce
        </Button>
      </Box>
    </Paper>
  );
}
