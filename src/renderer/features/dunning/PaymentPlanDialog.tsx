import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useFieldArray, useForm, useWatch, type Resolver } from 'react-hook-form';
import type { RequestInput } from '../../../shared/contract';
import { addMonths, formatDateShort } from '../../../shared/dates';
import { PaymentPlanCreateRequest } from '../../../shared/domain/dunning';
import { formatEuro, toCents } from '../../../shared/money';
import { FormDateField } from '../../components/form/FormDateField';
import { FormTextField } from '../../components/form/FormTextField';
import { errorMessage, nestErrors } from '../../components/form/serverErrors';
import { useToday } from '../../lib/today';
import { AppError } from '../../../shared/errors';
import { centsOrNull, inputText } from '../../lib/amounts';
import { useCreatePaymentPlan, type DueRow } from './api';
import { splitInstalments } from './plan';

interface PlanValues {
  date: string;
  instalments: { date: string; amount: string }[];
  note: string;
}

function toRequest(invoiceId: number, v: PlanValues): RequestInput<'paymentPlan.create'> {
  return {
    invoiceIds: [invoiceId],
    date: v.date,
    instalments: v.instalments.map((r) => ({ date: r.date, amount: r.amount })),
    ...(v.note.trim() ? { note: v.note } : {}),
  };
}

function sumOf(rows: { amount: string }[]): { cents: bigint; invalid: boolean } {
  let cents = 0n;
  let invalid = false;
  for (const r of rows) {
    const c = centsOrNull(r.amount);
    if (c === null) invalid = true;
    else cents += c;
  }
  return { cents, invalid };
}

/** The schema of the main process, then the one rule a form can check alone: the instalments add up to what is owed. */
function planResolver(invoiceId: number, outstanding: bigint): Resolver<PlanValues> {
  return async (values) => {
    const flat: Record<string, string> = {};
    const parsed = PaymentPlanCreateRequest.safeParse(toRequest(invoiceId, values));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.join('.');
        flat[path === 'instalments' || path === 'invoiceIds' ? 'instalments.root' : path] ??= issue.message;
      }
    }
    const sum = sumOf(values.instalments);
    if (!sum.invalid && sum.cents !== outstanding) flat['instalments.root'] ??= `Les échéances doivent totaliser le reste dû, ${formatEuro(outstanding)}.`;
    return Object.keys(flat).length > 0 ? { values: {}, errors: nestErrors<PlanValues>(flat) } : { values, errors: {} };
  };
}

/** « Proposer un échéancier »: the outstanding split into dated instalments that must add up to it, to the cent. */
export function PaymentPlanDialog({ row, onClose, onDone }: { row: DueRow; onClose: () => void; onDone: (message: string) => void }) {
  const outstanding = toCents(row.outstanding);
  const today = useToday();
  const [count, setCount] = useState('3');
  const [first, setFirst] = useState(addMonths(today, 1));
  const create = useCreatePaymentPlan();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [resolver] = useState(() => planResolver(row.invoiceId, outstanding));
  const { control, handleSubmit, setError, setValue, formState } = useForm<PlanValues>({
    resolver,
    defaultValues: { date: today, instalments: splitInstalments(outstanding, 3, addMonths(today, 1)), note: '' },
    mode: 'onChange',
  });
  const { fields, append, remove } = useFieldArray({ control, name: 'instalments' });
  const rows = useWatch({ control, name: 'instalments' });
  const sum = sumOf(rows);
  const diff = outstanding - sum.cents;
  const n = Number(count);
  const countOk = Number.isInteger(n) && n >= 1 && n <= 120;

  const submit = handleSubmit(async (v) => {
    setRefusal(null);
    try {
      const plan = await create.mutateAsync(toRequest(row.invoiceId, v));
      onDone(`Échéancier de ${plan.instalments.length} échéance${plan.instalments.length > 1 ? 's' : ''} enregistré pour ${row.customerName} : les relances suivent désormais ses échéances.`);
    } catch (err) {
      if (err instanceof AppError && err.fieldErrors) {
        let placed = 0;
        for (const [path, message] of Object.entries(err.fieldErrors)) {
          if (/^instalments\.\d+\.(date|amount)$/.test(path) || path === 'date' || path === 'note') {
            setError(path as never, { type: 'server', message });
            placed++;
          }
        }
        if (placed === 0) setRefusal(errorMessage(err));
      } else setRefusal(errorMessage(err));
    }
  });

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="plan-title">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <DialogTitle id="plan-title">Proposer un échéancier</DialogTitle>
        <DialogContent dividers>
          <DialogContentText sx={{ mb: 2 }}>
            {row.customerName} doit encore {formatEuro(row.outstanding)} sur la facture {row.number} (échue le {formatDateShort(row.dueDate)}). Un échéancier étale ce montant en versements datés : tant qu’il est suivi, les relances portent sur ses échéances ; une échéance manquée signale une créance à risque.
          </DialogContentText>
          <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'flex-start', flexWrap: 'wrap', mb: 2, p: 1.5, bgcolor: 'grey.50', borderRadius: 1 }}>
            <TextField
              label="Nombre d’échéances"
              value={count}
              onChange={(e) => setCount(e.target.value)}
              error={!countOk}
              helperText={countOk ? 'Mensuelles' : 'De 1 à 120.'}
              sx={{ width: 170 }}
              fullWidth={false}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
            <Box sx={{ width: 200 }}>
              <DatePicker
                label="Première échéance"
                value={first ? dayjs(first) : null}
                onChange={(d) => setFirst(d && d.isValid() ? d.format('YYYY-MM-DD') : '')}
                slotProps={{ textField: { size: 'small', fullWidth: true } }}
              />
            </Box>
            <Button
              variant="outlined"
              sx={{ mt: 0.25 }}
              disabled={!countOk || !first}
              onClick={() => setValue('instalments', splitInstalments(outstanding, n, first), { shouldValidate: true })}
            >
              Répartir le reste dû
            </Button>
          </Box>
          <Stack spacing={2} role="list" aria-label="Échéances">
            {fields.map((f, i) => (
              <Box key={f.id} role="group" aria-label={`Échéance ${i + 1}`} sx={{ display: 'grid', gridTemplateColumns: '32px 200px 200px 40px', gap: 1.5, alignItems: 'flex-start' }}>
                <Typography sx={{ mt: 1, color: 'text.secondary', fontVariantNumeric: 'tabular-nums' }}>{i + 1}.</Typography>
                <FormDateField control={control} name={`instalments.${i}.date`} label="Date" />
                <FormTextField
                  control={control}
                  name={`instalments.${i}.amount`}
                  label="Montant"
                  slotProps={{ htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">€</InputAdornment> } }}
                />
                <IconButton aria-label={`Supprimer l’échéance ${i + 1}`} onClick={() => remove(i)} disabled={fields.length <= 1}>
                  <DeleteOutlineIcon />
                </IconButton>
              </Box>
            ))}
          </Stack>
          <Button
            startIcon={<AddIcon />}
            sx={{ mt: 1 }}
            onClick={() => {
              const last = rows[rows.length - 1];
              append({ date: last?.date ? addMonths(last.date, 1) : first, amount: diff > 0n ? inputText(diff) : '' });
            }}
          >
            Ajouter une échéance
          </Button>
          <Alert
            role="status"
            aria-label="Total des échéances"
            severity={sum.invalid ? 'warning' : diff === 0n ? 'success' : 'info'}
            sx={{ mt: 2 }}
            data-testid="plan-balance"
          >
            Total des échéances <strong data-testid="plan-total">{formatEuro(sum.cents)}</strong> pour un reste dû de <strong>{formatEuro(outstanding)}</strong>
            {sum.invalid ? ' — un montant est mal écrit (deux décimales au plus).' : diff === 0n ? ' : le compte est bon.' : diff > 0n ? ` : il manque ${formatEuro(diff)}.` : ` : ${formatEuro(-diff)} de trop.`}
          </Alert>
          {formState.errors.instalments?.root?.message && formState.isSubmitted && (
            <Alert severity="error" sx={{ mt: 1 }}>
              {formState.errors.instalments.root.message}
            </Alert>
          )}
          <Box sx={{ mt: 2 }}>
            <FormTextField control={control} name="note" label="Note (facultatif)" helperText="Par exemple : accord donné par téléphone le …" />
          </Box>
          {refusal && <Alert severity="error" sx={{ mt: 2 }}>{refusal}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Annuler</Button>
          <Button type="submit" variant="contained" loading={create.isPending}>
            Enregistrer l’échéancier
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
