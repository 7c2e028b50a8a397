import AddIcon from '@mui/icons-material/Add';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useFieldArray, useForm, useWatch, type Control, type FieldErrors, type Resolver } from 'react-hook-form';
import type { RequestInput } from '../../../shared/contract';
import { DUNNING_STEP_KIND_LABELS, DUNNING_STEP_KINDS, DunningScenarioSetRequest, type DunningStep, type DunningStepKind } from '../../../shared/domain/dunning';
import { AppError } from '../../../shared/errors';
import { FormTextField } from '../../components/form/FormTextField';
import { errorMessage, nestErrors } from '../../components/form/serverErrors';
import { PageHeader } from '../../components/PageHeader';
import { useSaveScenario, useScenario } from '../dunning/api';
import { offsetText, STEP_KIND_HELP, StepChip } from '../dunning/common';

type CustomerKind = 'business' | 'consumer';
interface StepValues {
  key: string;
  label: string;
  kind: DunningStepKind;
  offsetDays: string;
}
interface ScenarioValues {
  business: StepValues[];
  consumer: StepValues[];
}

const KIND_TABS: Record<CustomerKind, string> = { business: 'Clients professionnels', consumer: 'Clients particuliers' };

const toForm = (steps: DunningStep[]): StepValues[] => steps.map((s) => ({ key: s.key, label: s.label, kind: s.kind, offsetDays: String(s.offsetDays) }));

function toRequest(v: ScenarioValues): RequestInput<'dunning.scenario.set'> {
  const steps = (rows: StepValues[]) =>
    rows.map((s) => {
      const t = s.offsetDays.trim().replace('−', '-');
      return { key: s.key, label: s.label, kind: s.kind, offsetDays: /^-?\d+$/.test(t) ? Number(t) : (t as unknown as number) };
    });
  return { business: steps(v.business), consumer: steps(v.consumer) };
}

/** A step's key identifies it in the history: an existing step keeps its own, a new one gets a fresh one. */
function freshKey(kind: DunningStepKind, taken: string[]): string {
  const base = kind.replace('_', '-');
  for (let i = 1; ; i++) {
    const key = i === 1 ? base : `${base}-${i}`;
    if (!taken.includes(key)) return key;
  }
}

function flatErrors(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String);
    // A key error (duplicate) is said on the label: the key itself is not shown.
    if (path[2] === 'key') path[2] = 'label';
    const at = path.length >= 3 ? path.join('.') : `${path[0] ?? 'business'}.root`;
    flat[at] ??= issue.message;
  }
  return flat;
}

const resolver: Resolver<ScenarioValues> = async (values) => {
  const parsed = DunningScenarioSetRequest.safeParse(toRequest(values));
  if (parsed.success) return { values, errors: {} };
  return { values: {}, errors: nestErrors<ScenarioValues>(flatErrors(parsed.error.issues)) };
};

function StepsEditor({ control, who, errors }: { control: Control<ScenarioValues>; who: CustomerKind; errors: FieldErrors<ScenarioValues> }) {
  const { fields, append, remove, move } = useFieldArray({ control, name: who });
  const rows = useWatch({ control, name: who });
  const rootError = errors[who]?.root?.message;
  return (
    <Stack spacing={1.5} role="list" aria-label={`Étapes — ${KIND_TABS[who]}`}>
      {fields.map((f, i) => {
        const row = rows[i];
        const offset = Number(row?.offsetDays);
        return (
          <Box
            key={f.id}
            role="group"
            aria-label={`Étape ${i + 1}`}
            data-testid="scenario-step"
            sx={{ display: 'grid', gridTemplateColumns: '28px minmax(180px, 1.4fr) minmax(180px, 1fr) 150px auto', gap: 1.5, alignItems: 'flex-start', p: 1.5, border: 1, borderColor: 'divider', borderRadius: 1 }}
          >
            <Typography sx={{ mt: 1, color: 'text.secondary', fontWeight: 600 }}>{i + 1}.</Typography>
            <FormTextField control={control} name={`${who}.${i}.label`} label="Libellé" helperText={row && STEP_KIND_HELP[row.kind]} />
            <FormTextField control={control} name={`${who}.${i}.kind`} label="Nature" select>
              {DUNNING_STEP_KINDS.map((k) => (
                <MenuItem key={k} value={k}>
                  {DUNNING_STEP_KIND_LABELS[k]}
                </MenuItem>
              ))}
            </FormTextField>
            <FormTextField
              control={control}
              name={`${who}.${i}.offsetDays`}
              label="Délai (jours)"
              helperText={Number.isInteger(offset) && row?.offsetDays.trim() ? offsetText(offset) : 'Négatif : avant l’échéance.'}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
            <Box sx={{ display: 'flex', mt: 0.25 }}>
              <IconButton aria-label={`Monter l’étape ${i + 1}`} disabled={i === 0} onClick={() => move(i, i - 1)}>
                <ArrowUpwardIcon fontSize="small" />
              </IconButton>
              <IconButton aria-label={`Descendre l’étape ${i + 1}`} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)}>
                <ArrowDownwardIcon fontSize="small" />
              </IconButton>
              <IconButton aria-label={`Supprimer l’étape ${i + 1}`} disabled={fields.length <= 1} onClick={() => remove(i)}>
                <DeleteOutlineIcon fontSize="small" />
              </IconButton>
            </Box>
          </Box>
        );
      })}
      {rootError && <Alert severity="error">{rootError}</Alert>}
      <Box>
        <Button
          startIcon={<AddIcon />}
          disabled={fields.length >= 20}
          onClick={() => {
            const last = rows[rows.length - 1];
            const lastOffset = Number(last?.offsetDays);
            append({
              key: freshKey('reminder', rows.map((r) => r.key)),
              label: 'Nouvelle relance',
              kind: 'reminder',
              offsetDays: String(Number.isInteger(lastOffset) ? lastOffset + 15 : 7),
            });
          }}
        >
          Ajouter une étape
        </Button>
      </Box>
    </Stack>
  );
}

/** Paramètres › Relances: the steps of the dunning, one scenario for professionals and one for consumers. */
export function ScenarioSettings() {
  const scenario = useScenario();
  const save = useSaveScenario();
  const [who, setWho] = useState<CustomerKind>('business');
  const [notice, setNotice] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const values: ScenarioValues | undefined = scenario.data ? { business: toForm(scenario.data.business), consumer: toForm(scenario.data.consumer) } : undefined;
  const { control, handleSubmit, reset, setError, formState } = useForm<ScenarioValues>({ resolver, values, resetOptions: { keepDirtyValues: false }, mode: 'onChange' });
  const business = useWatch({ control, name: 'business' });
  const consumer = useWatch({ control, name: 'consumer' });
  const shown = (who === 'business' ? business : consumer) ?? [];

  const submit = handleSubmit(async (v) => {
    setRefusal(null);
    try {
      const saved = await save.mutateAsync(toRequest(v));
      reset({ business: toForm(saved.business), consumer: toForm(saved.consumer) });
      setNotice('Scénario de relance enregistré : les relances du jour le suivent dès maintenant.');
    } catch (err) {
      if (err instanceof AppError && err.fieldErrors) {
        const flat = flatErrors(Object.entries(err.fieldErrors).map(([path, message]) => ({ path: path.split('.'), message })));
        for (const [path, message] of Object.entries(flat)) setError(path as never, { type: 'server', message });
      } else setRefusal(errorMessage(err));
    }
  });

  if (scenario.isLoading) return <CircularProgress aria-label="Chargement du scénario" />;
  if (scenario.error) return <Alert severity="error">{errorMessage(scenario.error)}</Alert>;
  const kindErrors = (k: CustomerKind) => Boolean(formState.errors[k]);

  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <PageHeader
        title="Scénario de relance"
        subtitle="Les étapes qu’une facture impayée traverse, et quand : le délai se compte depuis l’échéance de la facture (ou d’une échéance d’échéancier). Chaque étape apparaît dans les relances du jour à sa date."
      />
      <Paper sx={{ p: 2 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 2 }}>
          <ToggleButtonGroup exclusive color="primary" size="small" value={who} onChange={(_e, v: CustomerKind | null) => v && setWho(v)} aria-label="Type de client">
            {(['business', 'consumer'] as const).map((k) => (
              <ToggleButton key={k} value={k} sx={kindErrors(k) ? { color: 'error.main' } : undefined}>
                {KIND_TABS[k]}
                {kindErrors(k) ? ' (à corriger)' : ''}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <Typography variant="body2" color="text.secondary" sx={{ flex: 1, minWidth: 240 }}>
            {who === 'business'
              ? 'Entre professionnels, les pénalités et l’indemnité forfaitaire de 40 € sont dues de plein droit.'
              : 'Avec un particulier, pas d’indemnité de 40 € : restez plus progressif, et pensez à la médiation de la consommation.'}
          </Typography>
        </Box>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 2 }} aria-label="Aperçu du scénario">
          {shown.map((s, i) => {
            const n = Number(s.offsetDays);
            return <StepChip key={`${s.key}-${i}`} kind={s.kind} label={`${s.label} · ${Number.isInteger(n) ? (n > 0 ? `J+${n}` : n < 0 ? `J${n}` : 'J') : '?'}`} />;
          })}
        </Box>
        {who === 'business' ? <StepsEditor key="business" control={control} who="business" errors={formState.errors} /> : <StepsEditor key="consumer" control={control} who="consumer" errors={formState.errors} />}
        {refusal && <Alert severity="error" sx={{ mt: 2 }}>{refusal}</Alert>}
        <Stack direction="row" spacing={1} sx={{ mt: 3, justifyContent: 'flex-end' }}>
          <Button disabled={!formState.isDirty} onClick={() => reset()}>
            Annuler les modifications
          </Button>
          <Button type="submit" variant="contained" loading={save.isPending} disabled={!formState.isDirty}>
            Enregistrer le scénario
          </Button>
        </Stack>
      </Paper>
      <Snackbar open={notice !== null} autoHideDuration={5000} onClose={() => setNotice(null)} message={notice} />
    </form>
  );
}
