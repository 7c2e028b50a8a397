import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Response } from '../../../shared/contract';
import { errorMessage } from '../../components/form/serverErrors';
import { call } from '../../lib/ipc';
import { formatSize } from '../../lib/format';
import { ledgerKey } from '../ledger/api';
import { customersKey } from './api';
import { WizardSteps } from '../../components/WizardSteps';

export type ImportKind = 'customers' | 'openInvoices';
type ImportResult = Response<'import.customers'>;

const KIND_TEXT: Record<ImportKind, { title: string; what: string; columns: string; example: string; noun: [string, string] }> = {
  customers: {
    title: 'Vos clients',
    what: 'Un client par ligne. Chacun reçoit son compte auxiliaire (C00001…), comme s’il était créé à la main.',
    columns: 'nom (obligatoire) ; type (professionnel ou particulier) ; siren ; tva ; email ; telephone ; adresse ; code postal ; ville ; delai ; plafond',
    example: 'nom;type;siren;adresse;code postal;ville;delai\nBoulangerie Martin;professionnel;552120222;1 place Bellecour;69002;Lyon;30',
    noun: ['client', 'clients'],
  },
  openInvoices: {
    title: 'Vos factures non réglées (reprise)',
    what: 'Les factures de votre ancien logiciel qui restent dues : elles gardent leur numéro, et leur reste dû entre dans vos comptes (411 contre 471) sans TVA, déjà déclarée.',
    columns: 'numero ; client (code C00001, SIREN ou nom exact) ; date ; ttc (obligatoires) ; echeance ; reste du ; ht ; taux ; libelle',
    example: 'numero;client;date;echeance;ttc;reste du\nFA-2025-118;C00001;15/10/2026;14/11/2026;1 200,00;1 200,00',
    noun: ['facture', 'factures'],
  },
};

/** The API's field names → the column names the owner wrote. */
const FIELD_LABELS: Record<string, string> = {
  name: 'Nom', kind: 'Type', siren: 'SIREN', vatNumber: 'N° TVA', email: 'E-mail', phone: 'Téléphone', line1: 'Adresse', line2: 'Complément',
  postcode: 'Code postal', city: 'Ville', country: 'Pays', paymentTermsDays: 'Délai', creditLimit: 'Plafond', notes: 'Notes',
  number: 'Numéro', customer: 'Client', date: 'Date', dueDate: 'Échéance', gross: 'TTC', outstanding: 'Reste dû', net: 'HT', vatRate: 'Taux', description: 'Libellé',
  numero: 'Numéro', client: 'Client', echeance: 'Échéance', ttc: 'TTC', reste_du: 'Reste dû', ht: 'HT', taux: 'Taux', nature: 'Nature', libelle: 'Libellé',
  'address.line1': 'Adresse', 'address.postcode': 'Code postal', 'address.city': 'Ville', 'address.country': 'Pays', ligne: 'Ligne',
};
const fieldLabel = (f: string) => FIELD_LABELS[f] ?? f;

const STEPS = ['Quoi importer', 'Le fichier', 'Vérification', 'Import'];
const STEP_HELP = [
  'Encours reprend vos clients, puis les factures qui vous restent dues, depuis un tableur (CSV). Importez les clients d’abord : les factures les désignent.',
  'Enregistrez votre tableau au format CSV (séparateur point-virgule ou virgule, première ligne = noms des colonnes). Le fichier est lu ici, sur votre ordinateur : rien n’est encore écrit.',
  'Chaque ligne est contrôlée avec les mêmes règles que la saisie à la main. Si une seule ligne est fausse, rien n’est importé : corrigez le fichier et choisissez-le à nouveau.',
  'Tout est importé d’un coup, ou rien : une coupure en cours de route ne laisse jamais la moitié du fichier. Voici le récapitulatif.',
];

/** Reads a file chosen by the user (never a path): UTF-8, or Windows-1252 as Excel often writes it. */
function readText(file: File): Promise<string> {
  const read = (encoding: string) =>
    new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result ?? ''));
      reader.onerror = () => reject(new Error('Le fichier n’a pas pu être lu.'));
      reader.readAsText(file, encoding);
    });
  return read('UTF-8').then((text) => (text.includes('\uFFFD') ? read('windows-1252') : text));
}

const plural = (n: number, [one, many]: [string, string]) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

/**
 * Import wizard (ux.md, Wizards): what, the file, the line-by-line check (a dry run), then the import —
 * nothing is written before the last step, and the last step recaps.
 */
export function ImportWizard({ initialKind, onClose }: { initialKind: ImportKind; onClose: () => void }) {
  const qc = useQueryClient();
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<ImportKind>(initialKind);
  const [file, setFile] = useState<{ name: string; size: number; text: string } | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const channel = kind === 'customers' ? 'import.customers' : 'import.openInvoices';
  const check = useMutation({ mutationFn: (csv: string) => call(channel, { csv, dryRun: true }) });
  const run = useMutation({
    mutationFn: (csv: string) => call(channel, { csv }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: customersKey }), qc.invalidateQueries({ queryKey: ['receivables'] }), qc.invalidateQueries({ queryKey: ledgerKey })]),
  });
  const text = KIND_TEXT[kind];
  const checked: ImportResult | undefined = check.data;
  const ok = checked !== undefined && checked.errors.length === 0 && checked.rows > 0;
  const lines = file ? file.text.split(/\r\n|\n|\r/).filter((l) => l.trim()).length - 1 : 0;

  const goTo = (n: number) => {
    setStep(n);
    if (n === 2 && file) {
      check.reset();
      check.mutate(file.text);
    }
  };

  const pick = async (f: File | undefined) => {
    if (!f) return;
    setReadError(null);
    setReading(true);
    try {
      setFile({ name: f.name, size: f.size, text: await readText(f) });
      check.reset();
    } catch (err) {
      setReadError(errorMessage(err));
    } finally {
      setReading(false);
    }
  };

  const errorLines = new Set(checked?.errors.map((e) => e.line) ?? []);
  const columns = checked?.columns ?? [];

  return (
    <Dialog open onClose={run.isPending ? undefined : onClose} maxWidth="lg" fullWidth aria-labelledby="import-title">
      <DialogTitle id="import-title">Importer depuis un fichier CSV</DialogTitle>
      <DialogContent dividers sx={{ minHeight: 420 }}>
        <WizardSteps steps={STEPS} active={step} label="Étapes de l’import" />
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {STEP_HELP[step]}
        </Typography>

        {step === 0 && (
          <RadioGroup value={kind} onChange={(e) => { setKind(e.target.value as ImportKind); check.reset(); }} aria-label="Quoi importer">
            {(['customers', 'openInvoices'] as const).map((k) => (
              <Box key={k} sx={{ border: 1, borderColor: kind === k ? 'primary.main' : 'divider', borderRadius: 1, p: 1.5, mb: 1.5 }}>
                <FormControlLabel value={k} control={<Radio />} label={<Typography sx={{ fontWeight: 600 }}>{KIND_TEXT[k].title}</Typography>} />
                <Typography variant="body2" sx={{ ml: 4 }}>
                  {KIND_TEXT[k].what}
                </Typography>
                <Typography variant="body2" color="text.secondary" sx={{ ml: 4, mt: 0.5 }}>
                  Colonnes reconnues : {KIND_TEXT[k].columns}.
                </Typography>
                <Box component="pre" sx={{ ml: 4, mt: 1, mb: 0, p: 1, bgcolor: 'grey.50', borderRadius: 1, fontSize: '0.8rem', overflowX: 'auto' }}>
                  {KIND_TEXT[k].example}
                </Box>
              </Box>
            ))}
          </RadioGroup>
        )}

        {step === 1 && (
          <Box>
            <input ref={input} type="file" accept=".csv,text/csv,text/plain" hidden aria-label="Fichier CSV" data-testid="import-file" onChange={(e) => {
                const chosen = e.target.files?.[0];
                // Cleared, so that choosing the same file again (corrected in the meantime) reads it again.
                e.target.value = '';
                void pick(chosen);
              }} />
            <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => input.current?.click()} autoFocus>
              {file ? 'Choisir un autre fichier…' : 'Choisir le fichier CSV…'}
            </Button>
            {file && (
              <Alert severity="info" variant="outlined" sx={{ mt: 2 }} data-testid="import-file-info">
                <AlertTitle>{file.name}</AlertTitle>
                {formatSize(file.size)} · {plural(Math.max(lines, 0), ['ligne', 'lignes'])} après l’en-tête · {text.title.toLowerCase()}
              </Alert>
            )}
            {readError && <Alert severity="error" sx={{ mt: 2 }}>{readError}</Alert>}
          </Box>
        )}

        {step === 2 && (
          <Box>
            {check.isPending && (
              <Box role="status" aria-live="polite">
                <LinearProgress aria-label="Vérification du fichier" />
                <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                  Vérification ligne par ligne…
                </Typography>
              </Box>
            )}
            {check.error && <Alert severity="error">{errorMessage(check.error)}</Alert>}
            {checked && (
              <>
                {ok ? (
                  <Alert severity="success" icon={<CheckCircleIcon />} sx={{ mb: 2 }} data-testid="import-check">
                    {plural(checked.rows, text.noun)} {kind === 'customers' ? 'prêt' : 'prête'}{checked.rows > 1 ? 's' : ''} à importer, aucune erreur.
                  </Alert>
                ) : (
                  <Alert severity="error" icon={<ErrorOutlineIcon />} sx={{ mb: 2 }} data-testid="import-check">
                    <AlertTitle>
                      {checked.rows === 0 ? 'Le fichier ne contient aucune ligne de données.' : `${plural(checked.errors.length, ['erreur', 'erreurs'])} sur ${plural(errorLines.size, ['ligne', 'lignes'])} : rien ne sera importé.`}
                    </AlertTitle>
                    Corrigez ces lignes dans votre tableur, enregistrez en CSV, puis revenez à l’étape précédente pour choisir le fichier corrigé.
                  </Alert>
                )}
                {checked.errors.length > 0 && (
                  <TableContainer sx={{ maxHeight: 200, mb: 2, border: 1, borderColor: 'divider', borderRadius: 1 }}>
                    <Table size="small" stickyHeader aria-label="Erreurs ligne par ligne">
                      <TableHead>
                        <TableRow>
                          <TableCell sx={{ width: 80 }}>Ligne</TableCell>
                          <TableCell sx={{ width: 160 }}>Colonne</TableCell>
                          <TableCell>Ce qui ne va pas</TableCell>
                        </TableRow>
                      </TableHead>
                      <TableBody>
                        {checked.errors.map((e, i) => (
                          <TableRow key={i}>
                            <TableCell>{e.line}</TableCell>
                            <TableCell>{fieldLabel(e.field)}</TableCell>
                            <TableCell sx={{ color: 'error.main' }}>{e.message}</TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  </TableContainer>
                )}
                {checked.preview.length > 0 && (
                  <>
                    <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                      Aperçu{checked.rows > checked.preview.length ? ` des ${checked.preview.length} premières lignes` : ''} — colonnes lues : {columns.map(fieldLabel).join(', ')}.
                    </Typography>
                    <TableContainer sx={{ maxHeight: 260, border: 1, borderColor: 'divider', borderRadius: 1 }}>
                      <Table size="small" stickyHeader aria-label="Aperçu de l’import">
                        <TableHead>
                          <TableRow>
                            <TableCell sx={{ width: 70 }}>Ligne</TableCell>
                            {columns.map((c) => (
                              <TableCell key={c}>{fieldLabel(c)}</TableCell>
                            ))}
                          </TableRow>
                        </TableHead>
                        <TableBody>
                          {checked.preview.map((r) => (
                            <TableRow key={r.line} sx={errorLines.has(r.line) ? { bgcolor: '#fdecea' } : undefined}>
                              <TableCell>{r.line}</TableCell>
                              {columns.map((c) => (
                                <TableCell key={c}>{r.values[c] ?? ''}</TableCell>
                              ))}
                            </TableRow>
                          ))}
                        </TableBody>
                      </Table>
                    </TableContainer>
                  </>
                )}
              </>
            )}
          </Box>
        )}

        {step === 3 && (
          <Box>
            {!run.data && !run.isPending && !run.error && checked && (
              <Alert severity="info" variant="outlined">
                {plural(checked.rows, text.noun)} {checked.rows > 1 ? 'vont' : 'va'} être importé{kind === 'customers' ? '' : 'e'}{checked.rows > 1 ? 's' : ''}. {kind === 'openInvoices' ? 'Leur reste dû s’inscrira au débit de chaque client (411), en contrepartie du compte d’attente 471.' : 'Chacun recevra son compte auxiliaire.'}
              </Alert>
            )}
            {run.isPending && (
              <Box role="status" aria-live="polite">
                <LinearProgress aria-label="Import en cours" />
                <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                  Import en cours : tout ou rien…
                </Typography>
              </Box>
            )}
            {run.error && <Alert severity="error">{errorMessage(run.error)} Rien n’a été importé.</Alert>}
            {run.data && (
              <Alert severity="success" data-testid="import-result">
                <AlertTitle>Import terminé</AlertTitle>
                {plural(run.data.created, text.noun)} importé{kind === 'customers' ? '' : 'e'}{run.data.created > 1 ? 's' : ''}.{' '}
                {kind === 'customers' ? 'Vous les trouvez dans Clients.' : 'Vous les trouvez dans Factures, et dans la balance âgée.'}
              </Alert>
            )}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        {!run.data && (
          <Button onClick={onClose} disabled={run.isPending}>
            Annuler
          </Button>
        )}
        <Box sx={{ flexGrow: 1 }} />
        {step > 0 && !run.data && (
          <Button onClick={() => goTo(step - 1)} disabled={run.isPending}>
            Retour
          </Button>
        )}
        {step === 0 && (
          <Button variant="contained" onClick={() => goTo(1)}>
            Suivant
          </Button>
        )}
        {step === 1 && (
          <Button variant="contained" onClick={() => goTo(2)} disabled={!file || reading}>
            Vérifier le fichier
          </Button>
        )}
        {step === 2 && (
          <Button variant="contained" onClick={() => goTo(3)} disabled={!ok}>
            Suivant
          </Button>
        )}
        {step === 3 && !run.data && (
          <Button variant="contained" onClick={() => file && run.mutate(file.text)} loading={run.isPending} disabled={!ok}>
            Importer {checked ? plural(checked.rows, text.noun) : ''}
          </Button>
        )}
        {run.data && (
          <Button variant="contained" onClick={onClose} autoFocus>
            Terminé
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
