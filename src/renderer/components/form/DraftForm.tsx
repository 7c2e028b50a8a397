import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useNavigate, type NavigateOptions } from 'react-router';
import type { Customer } from '../../../shared/domain/customer';
import { CustomerSelect } from '../CustomerSelect';
import { errorMessage } from './serverErrors';
import { useLeaveGuard } from '../LeaveGuard';

/*
 * The pieces a document's draft form (an invoice, a quote) is made of: the two columns (the document, then
 * its totals and buttons, sticky), its sections, the customer field, the buttons, the deletion of the draft.
 */

/** The form: the document's sections on the left, `side` (totals, buttons) on the right; Entrée submits. */
export function DraftFormLayout({ onSubmit, side, children, dialogs }: { onSubmit: () => void; side: ReactNode; children: ReactNode; dialogs: ReactNode }) {
  return (
    <Box component="form" noValidate onSubmit={(e) => { e.preventDefault(); onSubmit(); }} sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) 380px' }, gap: 2, alignItems: 'start' }}>
      <Stack spacing={2} sx={{ minWidth: 0 }}>
        {children}
      </Stack>

      <Stack spacing={2} sx={{ position: { lg: 'sticky' }, top: { lg: 88 }, minWidth: 0 }}>
        {side}
      </Stack>

      {dialogs}
    </Box>
  );
}

/** A section of the form, named by its heading (`id`). */
export function FormSection({ id, title, children, headingGap = 1.5 }: { id: string; title: string; children: ReactNode; headingGap?: number }) {
  return (
    <Paper component="section" aria-labelledby={id} sx={{ p: 2 }}>
      <Typography variant="h3" id={id} sx={{ mb: headingGap }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

/** The slots of a percentage typed in a FormTextField: label always up, decimal keyboard, « % » after. */
export const percentSlotProps = { inputLabel: { shrink: true }, htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">%</InputAdornment> } } as const;

/** The document's customer (required), chosen in the list of customers; `hint` under it when there is no error. */
export function FormCustomerField<T extends FieldValues>({ control, hint, autoFocus }: { control: Control<T>; hint?: string; autoFocus: boolean }) {
  return (
    <Controller
      name={'customerId' as FieldPath<T>}
      control={control}
      render={({ field, fieldState }) => (
        <CustomerSelect
          value={field.value as number | null}
          onChange={(c: Customer | null) => field.onChange(c?.id ?? null)}
          name={field.name}
          inputRef={field.ref}
          onBlur={field.onBlur}
          error={Boolean(fieldState.error)}
          helperText={fieldState.error?.message ?? hint}
          required
          autoFocus={autoFocus}
        />
      )}
    />
  );
}

/** The lines the totals leave out, by their number. */
export function IncompleteLinesNote({ incomplete }: { incomplete: number[] }) {
  if (incomplete.length === 0) return null;
  return (
    <Typography variant="body2" color="warning.main" sx={{ mt: 1 }}>
      {incomplete.length === 1 ? `La ligne ${incomplete[0]} n’est pas comptée` : `Les lignes ${incomplete.join(', ')} ne sont pas comptées`} : quantité, prix ou remise à compléter.
    </Typography>
  );
}

/** The draft's buttons: submit (Ctrl+Entrée), « Enregistrer le brouillon » (Ctrl+S), and « Supprimer le brouillon » for a saved draft. */
export function DraftActions({
  submitLabel,
  submitLoading,
  saveLoading,
  busy,
  onSave,
  onDelete,
}: {
  submitLabel: string;
  submitLoading: boolean;
  saveLoading: boolean;
  busy: boolean;
  onSave: () => void;
  /** Only for a draft already saved. */
  onDelete?: () => void;
}) {
  return (
    <Stack spacing={1} sx={{ mt: 2 }}>
      <Button type="submit" variant="contained" loading={submitLoading} disabled={busy} title="Raccourci : Ctrl+Entrée">
        {submitLabel}
      </Button>
      <Button variant="outlined" onClick={onSave} loading={saveLoading} disabled={busy} title="Raccourci : Ctrl+S">
        Enregistrer le brouillon
      </Button>
      {onDelete && (
        <Button color="error" onClick={onDelete} disabled={busy}>
          Supprimer le brouillon
        </Button>
      )}
    </Stack>
  );
}

/**
 * « Supprimer ce brouillon ? », with what deleting it means (`text`): deletes the draft `id` (none: a new
 * form, nothing to delete), then `onDeleted`; a refusal closes the dialog and goes to `onRefused`.
 */
export function DeleteDraftDialog({
  open,
  onClose,
  titleId,
  text,
  id,
  remove,
  onDeleted,
  onRefused,
}: {
  open: boolean;
  onClose: () => void;
  titleId: string;
  text: string;
  id: number | undefined;
  remove: { isPending: boolean; mutate: (id: number, options: { onSuccess: () => void; onError: (err: unknown) => void }) => void };
  onDeleted: () => void;
  onRefused: (message: string) => void;
}) {
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>Supprimer ce brouillon ?</DialogTitle>
      <DialogContent>
        <DialogContentText>{text}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Annuler
        </Button>
        <Button
          color="error"
          variant="contained"
          loading={remove.isPending}
          onClick={() => {
            if (id === undefined) return;
            remove.mutate(id, {
              onSuccess: onDeleted,
              onError: (err) => {
                onClose();
                onRefused(errorMessage(err));
              },
            });
          }}
        >
          Supprimer le brouillon
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** « Brouillon enregistré. », floating at the bottom of the window until closed. */
export function SavedNotice({ notice, onClose }: { notice: string | null; onClose: () => void }) {
  if (!notice) return null;
  return (
    <Alert severity="success" onClose={onClose} sx={{ position: 'fixed', bottom: 24, left: '50%', transform: 'translateX(-50%)', zIndex: 1400, boxShadow: 3 }}>
      {notice}
    </Alert>
  );
}

/**
 * Asks before leaving the form with unsaved changes (useLeaveGuard); `go` is the form's own navigation
 * (after a save), which goes through.
 */
export function useGuardedNavigate(dirty: boolean, what: string) {
  const navigate = useNavigate();
  const guard = useLeaveGuard(dirty, what);
  const go = (to: string, options?: NavigateOptions) => {
    guard.allow();
    return navigate(to, options);
  };
  return { go, dialog: guard.dialog };
}
