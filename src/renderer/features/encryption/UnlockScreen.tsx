import LockIcon from '@mui/icons-material/Lock';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Container from '@mui/material/Container';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { applyServerErrors, errorMessage } from '../../components/form/serverErrors';
import { useAppInfo } from '../../lib/today';
import { useUnlock } from './api';
import { PassphraseField } from './PassphraseField';

interface Values {
  passphrase: string;
  remember: boolean;
}

/**
 * The company file is encrypted and its passphrase is not known (DB_LOCKED): asked here, before anything
 * else. « Se souvenir sur cet ordinateur » only where the OS keychain can keep it (the app, not the harness).
 */
export function UnlockScreen() {
  const info = useAppInfo();
  const unlock = useUnlock();
  const [refusal, setRefusal] = useState<string | null>(null);
  const { control, handleSubmit, setError, register } = useForm<Values>({ defaultValues: { passphrase: '', remember: false } });
  const canRemember = info.data?.encryption.canRemember ?? false;

  const submit = handleSubmit(async ({ passphrase, remember }) => {
    setRefusal(null);
    if (passphrase === '') {
      setError('passphrase', { message: 'Indiquez la phrase de passe.' });
      return;
    }
    try {
      await unlock.mutateAsync({ passphrase, ...(canRemember && { remember }) });
    } catch (err) {
      if (applyServerErrors(err, setError, ['passphrase']).length === 0) setRefusal(errorMessage(err));
    }
  });

  return (
    <Container maxWidth="sm" sx={{ py: 8 }}>
      <Paper component="form" noValidate aria-labelledby="unlock-title" sx={{ p: 4 }} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mb: 2 }}>
          <LockIcon color="primary" />
          <Typography variant="h1" id="unlock-title" sx={{ fontSize: '1.5rem' }}>
            Dossier protégé
          </Typography>
        </Box>
        <Typography sx={{ mb: 1 }}>Ce dossier est chiffré : indiquez sa phrase de passe pour l’ouvrir.</Typography>
        {info.data && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 3, wordBreak: 'break-all' }}>
            {info.data.file}
          </Typography>
        )}
        <PassphraseField name="passphrase" control={control} label="Phrase de passe" autoFocus autoComplete="current-password" />
        {canRemember && (
          <FormControlLabel sx={{ mt: 1 }} control={<Checkbox {...register('remember')} />} label="Se souvenir sur cet ordinateur" />
        )}
        {refusal && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {refusal}
          </Alert>
        )}
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: 3 }}>
          <Button type="submit" variant="contained" loading={unlock.isPending}>
            Ouvrir le dossier
          </Button>
        </Box>
      </Paper>
    </Container>
  );
}
