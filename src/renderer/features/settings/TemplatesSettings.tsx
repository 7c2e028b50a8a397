import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRef, useState, type FocusEvent } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { DUNNING_STEP_KIND_LABELS, DunningTemplateInput, TEMPLATE_PLACEHOLDERS, type DunningStepKind } from '../../../shared/domain/dunning';
import { formatEuro, formatPercent } from '../../../shared/money';
import { FormTextField } from '../../components/form/FormTextField';
import { applyServerErrors, errorMessage } from '../../components/form/serverErrors';
import { PageHeader } from '../../components/PageHeader';
import { useSaveTemplates, useTemplates } from '../dunning/api';
import { STEP_KINDS_IN_ORDER } from '../dunning/common';

type Field = 'subject' | 'letter' | 'email';
interface TemplateValues {
  kind: DunningStepKind;
  subject: string;
  letter: string;
  email: string;
}

/**
 * What the preview puts in place of each variable: an invoice of a business 38 days late, reminded once, in
 * the formats of the letters (sample words, not a computation: the letters' own come from the main process).
 */
const SAMPLE: Record<string, string> = {
  client: 'Garage Moreau',
  facture: 'F2026-00042',
  date_facture: '15 septembre 2026',
  echeance: '15 octobre 2026',
  montant: formatEuro('1200.00'),
  reste: formatEuro('1200.00'),
  retard: '38',
  taux: formatPercent('12.15'),
  interets: formatEuro('15.18'),
  indemnite: formatEuro('40.00'),
  penalites: formatEuro('55.18'),
  total: formatEuro('1255.18'),
  date: '22 novembre 2026',
  delai: '30 novembre 2026',
  entreprise: 'Atelier Dupont',
  phrase_penalites: `Des pénalités de retard courent depuis le lendemain de l’échéance, au taux de ${formatPercent('12.15')} l’an : intérêts de retard de ${formatEuro('15.18')} et indemnité forfaitaire pour frais de recouvrement de ${formatEuro('40.00')} au 22 novembre 2026.`,
  relances_precedentes: 'Nous vous avons déjà relancé au sujet de cette facture : relance écrite le 22 octobre 2026 (courrier).',
};

export function fillSample(text: string): string {
  return text.replace(/\{([a-z_]+)\}/g, (whole, name: string) => SAMPLE[name] ?? whole);
}

const FIELDS: Field[] = ['subject', 'letter', 'email'];

function TemplateEditor({ initial, custom, onSaved }: { initial: TemplateValues; custom: boolean; onSaved: (message: string) => void }) {
  const save = useSaveTemplates();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [resetting, setResetting] = useState(false);
  const { control, handleSubmit, setError, setValue, getValues, reset, formState } = useForm<TemplateValues>({ resolver: zodResolver(DunningTemplateInput), defaultValues: initial, mode: 'onChange' });
  const [subject, letter, email] = useWatch({ control, name: ['subject', 'letter', 'email'] });
  const focused = useRef<{ field: Field; el: HTMLInputElement | HTMLTextAreaElement } | null>(null);

  const insert = (name: string) => {
    const target = focused.current ?? null;
    const field = target?.field ?? 'letter';
    const current = getValues(field);
    const token = `{${name}}`;
    const start = target?.el.selectionStart ?? current.length;
    const end = target?.el.selectionEnd ?? current.length;
    setValue(field, current.slice(0, start) + token + current.slice(end), { shouldDirty: true, shouldValidate: true });
    requestAnimationFrame(() => {
      if (!target) return;
      target.el.focus();
      target.el.setSelectionRange(start + token.length, start + token.length);
    });
  };
  const track = (field: Field) => ({
    onFocus: (e: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      focused.current = { field, el: e.target };
    },
  });

  const submit = handleSubmit(async (v) => {
    setRefusal(null);
    try {
      await save.mutateAsync({ templates: [v] });
      reset(v);
      onSaved(`Modèle « ${DUNNING_STEP_KIND_LABELS[v.kind]} » enregistré.`);
    } catch (err) {
      if (applyServerErrors(err, setError, FIELDS).length === 0) setRefusal(errorMessage(err));
    }
  });

  const backToDefault = async () => {
    setRefusal(null);
    try {
      const data = await save.mutateAsync({ templates: [getValues()], reset: [initial.kind] });
      const t = data.templates.find((x) => x.kind === initial.kind);
      if (t) reset({ kind: t.kind, subject: t.subject, letter: t.letter, email: t.email });
      onSaved(`Modèle « ${DUNNING_STEP_KIND_LABELS[initial.kind]} » remis par défaut.`);
    } catch (err) {
      setRefusal(errorMessage(err));
    } finally {
      setResetting(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) minmax(0, 1fr)' }, gap: 2, alignItems: 'start' }}>
        <Stack spacing={2}>
          <Box>
            <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
              Variables — cliquez pour insérer à l’endroit du curseur
            </Typography>
            <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75 }} role="list" aria-label="Variables disponibles">
              {Object.entries(TEMPLATE_PLACEHOLDERS).map(([name, help]) => (
                <Tooltip key={name} title={help}>
                  <Chip size="small" variant="outlined" label={`{${name}}`} onMouseDown={(e) => e.preventDefault()} onClick={() => insert(name)} role="listitem" aria-label={`Insérer {${name}} : ${help}`} sx={{ fontFamily: 'monospace' }} />
                </Tooltip>
              ))}
            </Box>
          </Box>
          <FormTextField control={control} name="subject" label="Objet (lettre et e-mail)" slotProps={{ htmlInput: track('subject') }} />
          <FormTextField control={control} name="letter" label="Texte de la lettre" multiline minRows={10} maxRows={24} slotProps={{ htmlInput: track('letter') }} helperText="L’en-tête (vos coordonnées, celles du client, la date) et le rappel du taux légal sont ajoutés par Encours." />
          <FormTextField control={control} name="email" label="Texte de l’e-mail" multiline minRows={6} maxRows={18} slotProps={{ htmlInput: track('email') }} />
          {refusal && <Alert severity="error">{refusal}</Alert>}
          <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
            {custom && (
              <Button color="inherit" onClick={() => setResetting(true)}>
                Revenir au modèle d’origine
              </Button>
            )}
            <Button disabled={!formState.isDirty} onClick={() => reset()}>
              Annuler les modifications
            </Button>
            <Button type="submit" variant="contained" loading={save.isPending} disabled={!formState.isDirty}>
              Enregistrer le modèle
            </Button>
          </Stack>
        </Stack>
        <Paper variant="outlined" component="section" aria-labelledby="template-preview-title" sx={{ p: 3, bgcolor: '#fff' }} data-testid="template-preview">
          <Typography variant="overline" color="text.secondary" id="template-preview-title">
            Aperçu avec un exemple
          </Typography>
          <Typography variant="body2" color="text.secondary" data-testid="template-preview-note">
            Un client professionnel déjà relancé une fois. Sans relance enregistrée, le paragraphe {'{relances_precedentes}'} disparaît ; pour un particulier, {'{phrase_penalites}'} ne parle que des intérêts au taux légal, à partir de la mise en demeure.
          </Typography>
          <Typography sx={{ fontWeight: 700, mt: 1, mb: 2 }} data-testid="template-preview-subject">
            Objet : {fillSample(subject ?? '')}
          </Typography>
          <Typography component="div" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'Georgia, "DejaVu Serif", serif', fontSize: '0.95rem', lineHeight: 1.6 }} data-testid="template-preview-letter">
            {fillSample(letter ?? '')}
          </Typography>
          <Typography variant="overline" color="text.secondary" component="p" sx={{ mt: 3 }}>
            E-mail
          </Typography>
          <Typography component="div" sx={{ whiteSpace: 'pre-wrap', fontSize: '0.9rem', color: 'text.secondary' }}>
            {fillSample(email ?? '')}
          </Typography>
        </Paper>
      </Box>
      <Dialog open={resetting} onClose={() => setResetting(false)} aria-labelledby="template-reset-title">
        <DialogTitle id="template-reset-title">Revenir au modèle d’origine ?</DialogTitle>
        <DialogContent>
          <DialogContentText>Votre texte pour « {DUNNING_STEP_KIND_LABELS[initial.kind]} » sera remplacé par celui fourni avec Encours. Les lettres déjà envoyées ne changent pas.</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setResetting(false)} autoFocus>
            Garder mon texte
          </Button>
          <Button variant="contained" loading={save.isPending} onClick={() => void backToDefault()}>
            Revenir à l’origine
          </Button>
        </DialogActions>
      </Dialog>
    </form>
  );
}

/** Paramètres › Modèles de lettres: the text of each kind of step, its variables, and what it gives. */
export function TemplatesSettings() {
  const templates = useTemplates();
  const [kind, setKind] = useState<DunningStepKind>('reminder');
  const [notice, setNotice] = useState<string | null>(null);
  if (templates.isLoading) return <CircularProgress aria-label="Chargement des modèles" />;
  if (templates.error || !templates.data) return <Alert severity="error">{errorMessage(templates.error)}</Alert>;
  const t = templates.data.templates.find((x) => x.kind === kind);
  return (
    <>
      <PageHeader
        title="Modèles de lettres"
        subtitle="Le texte des relances, des mises en demeure et des e-mails, par nature d’étape. Les variables entre accolades sont remplacées par les chiffres de chaque facture."
      />
      <Paper sx={{ p: 2 }}>
        <Tabs value={kind} onChange={(_e, v: DunningStepKind) => setKind(v)} aria-label="Nature d’étape" variant="scrollable" sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}>
          {STEP_KINDS_IN_ORDER.map((k) => {
            const custom = templates.data.templates.find((x) => x.kind === k)?.custom;
            return <Tab key={k} value={k} label={`${DUNNING_STEP_KIND_LABELS[k]}${custom ? ' (personnalisé)' : ''}`} />;
          })}
        </Tabs>
        {t ? (
          <TemplateEditor key={kind} initial={{ kind: t.kind, subject: t.subject, letter: t.letter, email: t.email }} custom={t.custom} onSaved={setNotice} />
        ) : (
          <Alert severity="info">Pas de modèle pour cette nature d’étape.</Alert>
        )}
      </Paper>
      <Snackbar open={notice !== null} autoHideDuration={5000} onClose={() => setNotice(null)} message={notice} />
    </>
  );
}
