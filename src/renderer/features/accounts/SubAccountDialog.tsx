import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { checkSubAccount, PCG_ACCOUNTS } from '../../../shared/accounts';
import { AccountCreateRequest } from '../../../shared/domain/ledger';
import { ErrorDialog } from '../../components/ErrorDialog';
import { FormTextField } from '../../components/form/FormTextField';
import { applyServerErrors, errorMessage } from '../../components/form/serverErrors';
import { useCreateAccount } from '../ledger/api';

interface Values {
  number: string;
  label: string;
}

export function SubAccountDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (a: { number: string; label: string }) => void }) {
  const create = useCreateAccount();
  const [refusal, setRefusal] = useState<string | null>(null);
  const { control, handleSubmit, setError, formState } = useForm<Values>({ resolver: zodResolver(AccountCreateRequest), defaultValues: { number: '', label: '' }, mode: 'onTouched' });
  const number = useWatch({ control, name: 'number' }).trim();
  const check = /^\d{3,}$/.test(number) ? checkSubAccount(number) : null;

  const submit = handleSubmit(async (values) => {
    try {
      onCreated(await create.mutateAsync(values));
    } catch (err) {
      if (applyServerErrors(err, setError, ['number', 'label']).length === 0) setRefusal(errorMessage(err));
    }
  });

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="subaccount-title">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <DialogTitle id="subaccount-title">Ajouter un sous-compte</DialogTitle>
        <DialogContent dividers>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormTextField control={control} name="number" label="Numéro" required autoFocus slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
            </Grid>
            <Grid size={{ xs: 12, sm: 8 }}>
              <FormTextField control={control} name="label" label="Intitulé" required />
            </Grid>
          </Grid>
          {check && !formState.errors.number && (
            <Alert severity={check.ok ? 'info' : 'warning'} variant="outlined" sx={{ mt: 2 }}>
              {check.ok ? `Sous-compte de ${check.parent} « ${PCG_ACCOUNTS[check.parent] ?? ''} ».` : check.reason}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Annuler</Button>
          <Button type="submit" variant="contained" loading={create.isPending}>
            Créer le compte
          </Button>
        </DialogActions>
      </form>
      <ErrorDialog message={refusal} onClose={() => setRefusal(null)} />
    </Dialog>
  );
}
