import UploadFileIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useRef, useState, type DragEvent } from 'react';
import type { Response } from '../../../shared/contract';
import { formatDateShort } from '../../../shared/dates';
import { CsvMapping } from '../../../shared/domain/bank';
import { formatEuro } from '../../../shared/money';
import { errorMessage } from '../../components/form/serverErrors';
import { formatSize } from '../../lib/format';
import { fileBase64, useCsvGuess, useImportStatement } from './api';

type Guess = Response<'bank.csvGuess'>;
type Imported = Response<'bank.import'>;

const MAPPING_FIELDS = [
  { key: 'date', label: 'Date de l’opération', required: true },
  { key: 'label', label: 'Libellé', required: true },
  { key: 'amount', label: 'Montant (signé)', required: false },
  { key: 'debit', label: 'Débit', required: false },
  { key: 'credit', label: 'Crédit', required: false },
  { key: 'valueDate', label: 'Date de valeur', required: false },
] as const;
type MappingKey = (typeof MAPPING_FIELDS)[number]['key'];
type MappingValues = Record<MappingKey, string>;

const isCsv = (name: string) => /\.(csv|txt)$/i.test(name);

const FORMAT_LABELS: Record<Imported['format'], string> = { ofx: 'OFX', camt053: 'CAMT.053', csv: 'CSV' };

/** « 20 opérations lues : 18 nouvelles, 2 déjà importées. » */
export function importSummary(r: Imported): string {
  const s = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
  const parts = [`${s(r.lines, 'opération lue', 'opérations lues')} (${FORMAT_LABELS[r.format]}) : ${s(r.added, 'nouvelle', 'nouvelles')}`];
  if (r.duplicates > 0) parts.push(`${s(r.duplicates, 'déjà importée', 'déjà importées')}, ignorée${r.duplicates > 1 ? 's' : ''}`);
  let text = parts.join(', ') + '.';
  if (r.periodFrom && r.periodTo) text += ` Période du ${formatDateShort(r.periodFrom)} au ${formatDateShort(r.periodTo)}.`;
  if (r.closingBalance) text += ` Solde de fin : ${formatEuro(r.closingBalance)}.`;
  return text;
}

/**
 * « Importer un relevé »: a file dropped or chosen (never a path: its bytes are read here and sent in
 * base64). OFX and CAMT.053 import at once; a CSV shows its header and first rows with the columns the
 * main process proposes, which the owner confirms or corrects before the import.
 */
export function ImportDialog({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: (r: Imported) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ name: string; size: number; base64: string } | null>(null);
  const [guess, setGuess] = useState<Guess | null>(null);
  const [mapping, setMapping] = useState<MappingValues | null>(null);
  const [mappingErrors, setMappingErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const csvGuess = useCsvGuess();
  const importer = useImportStatement();

  const reset = () => {
    setFile(null);
    setGuess(null);
    setMapping(null);
    setMappingErrors({});
    setRefusal(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  const send = async (chosen: { name: string; base64: string }, csvMapping?: CsvMapping) => {
    setRefusal(null);
    try {
      const r = await importer.mutateAsync({ contentBase64: chosen.base64, fileName: chosen.name, ...(csvMapping ? { csvMapping } : {}) });
      reset();
      onImported(r);
    } catch (err) {
      setRefusal(errorMessage(err));
    }
  };

  const pick = async (f: File | undefined) => {
    if (!f) return;
    reset();
    const chosen = { name: f.name, size: f.size, base64: await fileBase64(f) };
    setFile(chosen);
    if (!isCsv(f.name)) {
      await send(chosen);
      return;
    }
    try {
      const g = await csvGuess.mutateAsync(chosen.base64);
      setGuess(g);
      const m = g.mapping;
      setMapping({ date: m?.date ?? '', label: m?.label ?? '', amount: m?.amount ?? '', debit: m?.debit ?? '', credit: m?.credit ?? '', valueDate: m?.valueDate ?? '' });
    } catch (err) {
      setRefusal(errorMessage(err));
    }
  };

  const confirmCsv = () => {
    if (!file || !mapping) return;
    const candidate = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== ''));
    const parsed = CsvMapping.safeParse(candidate);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'amount')] ??= issue.path.length === 0 ? 'Colonne à choisir.' : issue.message;
      if (!candidate.date) errors.date = 'Choisissez la colonne de la date.';
      if (!candidate.label) errors.label = 'Choisissez la colonne du libellé.';
      setMappingErrors(errors);
      return;
    }
    setMappingErrors({});
    void send(file, parsed.data);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void pick(e.dataTransfer.files[0]);
  };

  const busy = importer.isPending || csvGuess.isPending;
  return (
    <Dialog open={open} onClose={close} maxWidth="md" fullWidth aria-labelledby="bank-import-title">
      <DialogTitle id="bank-import-title">Importer un relevé bancaire</DialogTitle>
      <DialogContent dividers>
        <Box
          data-testid="bank-drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          sx={{ border: 2, borderStyle: 'dashed', borderColor: dragging ? 'primary.main' : 'divider', borderRadius: 2, p: 3, textAlign: 'center', bgcolor: dragging ? 'action.hover' : 'transparent' }}
        >
          <UploadFileIcon color="action" sx={{ fontSize: 40 }} />
          <Typography sx={{ mb: 1 }}>Déposez ici le fichier de votre banque (OFX, CAMT.053 ou CSV), ou :</Typography>
          <input
            ref={input}
            type="file"
            accept=".ofx,.qfx,.xml,.csv,.txt,.sta"
            hidden
            aria-label="Fichier du relevé"
            data-testid="bank-file"
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              // Cleared, so that choosing the same file again reads it again.
              e.target.value = '';
              void pick(chosen);
            }}
          />
          <Button variant="outlined" onClick={() => input.current?.click()} loading={busy}>
            {file ? 'Choisir un autre fichier…' : 'Choisir le fichier…'}
          </Button>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            Chaque opération n’est enregistrée qu’une fois : réimporter un relevé, ou un relevé qui chevauche le précédent, n’ajoute que ce qui est nouveau.
          </Typography>
        </Box>
        {file && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }} data-testid="bank-file-info">
            {file.name} · {formatSize(file.size)}
          </Typography>
        )}
        {refusal && (
          <Alert severity="error" sx={{ mt: 2 }} onClose={() => setRefusal(null)}>
            <AlertTitle>Relevé refusé, rien n’a été importé</AlertTitle>
            {refusal}
          </Alert>
        )}
        {guess && mapping && (
          <Box sx={{ mt: 2 }} data-testid="csv-mapping">
            <Typography variant="h3" sx={{ mb: 1 }}>
              Les colonnes de votre fichier
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              Encours a lu l’en-tête à la ligne {guess.headerLine} (séparateur « {guess.delimiter === '\t' ? 'tabulation' : guess.delimiter} »).{' '}
              {guess.remembered
                ? 'Ce sont les colonnes que vous avez confirmées au dernier relevé de ce format : vérifiez-les au besoin.'
                : 'Vérifiez quelle colonne contient quoi : un montant signé, ou bien un débit et un crédit. Votre choix sera retenu pour les prochains relevés de ce format.'}
            </Typography>
            <Grid container spacing={2}>
              {MAPPING_FIELDS.map((f) => (
                <Grid key={f.key} size={{ xs: 12, sm: 6, md: 4 }}>
                  <TextField
                    select
                    fullWidth
                    size="small"
                    label={f.label}
                    required={f.required}
                    value={mapping[f.key]}
                    onChange={(e) => setMapping({ ...mapping, [f.key]: e.target.value })}
                    error={Boolean(mappingErrors[f.key])}
                    helperText={mappingErrors[f.key] ?? ' '}
                  >
                    <MenuItem value="">
                      <em>Aucune</em>
                    </MenuItem>
                    {guess.header.filter((h) => h.trim() !== '').map((h) => (
                      <MenuItem key={h} value={h}>
                        {h}
                      </MenuItem>
                    ))}
                  </TextField>
                </Grid>
              ))}
            </Grid>
            <TableContainer sx={{ mt: 1, maxHeight: 260, border: 1, borderColor: 'divider', borderRadius: 1 }}>
              <Table size="small" stickyHeader aria-label="Premières lignes du fichier">
                <TableHead>
                  <TableRow>
                    {guess.header.map((h, i) => (
                      <TableCell key={i} sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                        {h}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {guess.rows.map((r, i) => (
                    <TableRow key={i}>
                      {r.map((c, j) => (
                        <TableCell key={j} sx={{ whiteSpace: 'nowrap' }}>
                          {c}
                        </TableCell>
                      ))}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Fermer</Button>
        {guess && mapping && (
          <Button variant="contained" onClick={confirmCsv} loading={importer.isPending}>
            Importer avec ces colonnes
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
