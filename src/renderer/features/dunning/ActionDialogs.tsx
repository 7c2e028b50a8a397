import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import type { RequestInput } from '../../../shared/contract';
import { formatDateShort } from '../../../shared/dates';
import { DunningRecordRequest, type DunningChannel } from '../../../shared/domain/dunning';
import { formatEuro } from '../../../shared/money';
import { FormDateField } from '../../components/form/FormDateField';
import { FormTextField } from '../../components/form/FormTextField';
import { applyServerErrors, errorMessage } from '../../components/form/serverErrors';
import { useToday } from '../../lib/today';
import { SendMailDialog } from '../mail/SendMailDialog';
import { useRecordAction, type DueRow } from './api';

/** The invoice a dialog acts on, said in one line. */
function RowSummary({ row }: { row: DueRow }) {
  return (
    <DialogContentText sx={{ mb: 2 }}>
      Facture {row.number} de {row.customerName}, échue le {formatDateShort(row.dueDate)} : reste dû {formatEuro(row.outstanding)}
      {row.penalties.total !== '0.00' && `, pénalités à ce jour ${formatEuro(row.penalties.total)}`}.
    </DialogContentText>
  );
}

interface RecordValues {
  date: string;
  note: string;
  promiseDate: string;
}

const RECORD_FIELDS = ['date', 'note', 'promiseDate'];

function recordRequest(row: DueRow, channel: DunningChannel, v: RecordValues): RequestInput<'dunning.record'> {
  return {
    invoiceId: row.invoiceId,
    step: row.step.key,
    date: v.date,
    channel,
    ...(v.note.trim() ? { note: v.note } : {}),
    ...(v.promiseDate ? { promiseDate: v.promiseDate } : {}),
  };
}

/** The very schema the main process parses with, on the request the form is about to send. */
function recordResolver(row: DueRow, channel: DunningChannel): Resolver<RecordValues> {
  return async (values) => {
    const parsed = DunningRecordRequest.safeParse(recordRequest(row, channel, values));
    if (parsed.success) {
      if (values.promiseDate && values.promiseDate < values.date) {
        return { values: {}, errors: { promiseDate: { type: 'validate', message: 'La promesse de paiement suit la date de l’appel.' } } as never };
      }
      return { values, errors: {} };
    }
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'date');
      errors[RECORD_FIELDS.includes(key) ? key : 'date'] ??= { type: 'validate', message: issue.message };
    }
    return { values: {}, errors: errors as never };
  };
}

/** Records what was done on the row's step: the to-do then moves the invoice to its next step. */
function useRecordForm(row: DueRow, channel: DunningChannel, onDone: (message: string) => void, note = '') {
  const record = useRecordAction();
  const [refusal, setRefusal] = useState<string | null>(null);
  const today = useToday();
  const form = useForm<RecordValues>({ resolver: recordResolver(row, channel), defaultValues: { date: today, note, promiseDate: '' }, mode: 'onTouched' });
  const submit = form.handleSubmit(async (v) => {
    setRefusal(null);
    try {
      await record.mutateAsync(recordRequest(row, channel, v));
      onDone(`Relance enregistrée : « ${row.step.label} » pour la facture ${row.number}.`);
    } catch (err) {
      if (applyServerErrors(err, form.setError, RECORD_FIELDS).length === 0) setRefusal(errorMessage(err));
    }
  });
  return { form, submit, refusal, pending: record.isPending };
}

/** The invoice a dialog acts on, said in one line (as text, for the mail dialog). */
function rowText(row: DueRow): string {
  return `Facture ${row.number} de ${row.customerName}, échue le ${formatDateShort(row.dueDate)} : reste dû ${formatEuro(row.outstanding)}${
    row.penalties.total !== '0.00' ? `, pénalités à ce jour ${formatEuro(row.penalties.total)}` : ''
  }.`;
}

/**
 * « Envoyer par e-mail » of a reminder or a formal notice: the dunning e-mail with its letter attached,
 * sent from Encours (recorded as « Marquer comme envoyée » does, the letter kept as evidence), or prepared
 * as a draft for the owner's mail program, then « Marquer comme envoyée » once sent from there.
 */
export function EmailDialog({ row, asOf, onClose, onDone }: { row: DueRow; asOf: string; onClose: () => void; onDone: (message: string) => void }) {
  const record = useRecordAction();
  const today = useToday();
  const [refusal, setRefusal] = useState<string | null>(null);
  const markSent = async () => {
    setRefusal(null);
    try {
      await record.mutateAsync({ invoiceId: row.invoiceId, step: row.step.key, date: today, channel: 'email' });
      onDone(`Relance enregistrée : « ${row.step.label} » pour la facture ${row.number}.`);
    } catch (err) {
      setRefusal(errorMessage(err));
    }
  };
  const written = row.step.kind === 'reminder' || row.step.kind === 'formal_notice';
  return (
    <SendMailDialog
      document={{ kind: 'dunningLetter', id: row.invoiceId, step: row.step.key, asOf }}
      title={`Envoyer par e-mail — ${row.step.label}`}
      summary={`${rowText(row)} Envoyé depuis Encours, l’e-mail s’inscrit dans l’historique de la facture${written ? ', la lettre jointe gardée comme pièce justificative' : ''}. Envoyé depuis votre messagerie (« Préparer un e-mail »), revenez ici pour le marquer comme envoyé.`}
      onClose={onClose}
      onSent={(sent) => onDone(`Relance enregistrée : « ${row.step.label} » pour la facture ${row.number}, envoyée par e-mail à ${sent.to}.`)}
      extraActions={
        <>
          <Button onClick={() => void markSent()} loading={record.isPending} title="Vous l’avez envoyée depuis votre messagerie : gardez-en la trace">
            Marquer comme envoyée
          </Button>
          {refusal && (
            <Alert severity="error" sx={{ flexBasis: '100%' }}>
              {refusal}
            </Alert>
          )}
        </>
      }
    />
  );
}

/** « Appel »: the call made, what was said, and the date the customer promised to pay. */
export function CallDialog({ row, onClose, onDone }: { row: DueRow; onClose: () => void; onDone: (message: string) => void }) {
  const { form, submit, refusal, pending } = useRecordForm(row, 'phone', onDone);
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="call-title">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <DialogTitle id="call-title">Noter un appel</DialogTitle>
        <DialogContent dividers>
          <RowSummary row={row} />
          <Stack spacing={2}>
            <FormDateField control={form.control} name="date" label="Date de l’appel" />
            <FormTextField control={form.control} name="note" label="Ce qui a été dit" multiline minRows={3} autoFocus helperText="Par exemple : « facture égarée, paiement prévu après réception du duplicata »." />
            <FormDateField control={form.control} name="promiseDate" label="Promesse de paiement (facultatif)" helperText="La date à laquelle le client s’est engagé à payer." />
          </Stack>
          {refusal && <Alert severity="error" sx={{ mt: 2 }}>{refusal}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Annuler</Button>
          <Button type="submit" variant="contained" loading={pending}>
            Enregistrer l’appel
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** After the letter's preview: was it sent? Recording it keeps the letter as evidence. */
export function LetterSentDialog({ row, onClose, onDone }: { row: DueRow; onClose: () => void; onDone: (message: string) => void }) {
  const { form, submit, refusal, pending } = useRecordForm(row, 'letter', onDone);
  const formal = row.step.kind === 'formal_notice';
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="letter-sent-title">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <DialogTitle id="letter-sent-title">{formal ? 'La mise en demeure est-elle partie ?' : 'La lettre est-elle partie ?'}</DialogTitle>
        <DialogContent dividers>
          <RowSummary row={row} />
          <DialogContentText sx={{ mb: 2 }}>
            Marquez-la comme envoyée une fois postée{formal ? ' (en recommandé avec accusé de réception)' : ''} : elle s’inscrit dans l’historique de la facture et comme pièce justificative pour une éventuelle créance douteuse.
          </DialogContentText>
          <Stack spacing={2}>
            <FormDateField control={form.control} name="date" label="Date d’envoi" />
            <FormTextField control={form.control} name="note" label="Note (facultatif)" helperText={formal ? 'Par exemple le numéro du recommandé.' : undefined} />
          </Stack>
          {refusal && <Alert severity="error" sx={{ mt: 2 }}>{refusal}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Pas encore</Button>
          <Button type="submit" variant="contained" loading={pending}>
            Marquer comme envoyée
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
