import LockIcon from '@mui/icons-material/Lock';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { RequestInput, Response } from '../../../shared/contract';
import { EncryptionSetRequest } from '../../../shared/domain/encryption';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors, errorMessage, requestResolver } from '../../components/form/serverErrors';
import { useAppInfo } from '../../lib/today';
import { useSetPassphrase } from './api';
import { PassphraseField } from './PassphraseField';

interface Values {
  passphrase: string;
  confirmation: string;
  remember: boolean;
}

const FIELDS = ['passphrase', 'confirmation'];

const toRequest = (v: Values): RequestInput<'company.encryption.set'> => ({ passphrase: v.passphrase, confirmation: v.confirmation, remember: v.remember });

/**
 * Paramètres › Protection : a passphrase on the company file (encrypted in place, its backups from now on
 * too), changed or removed. Said plainly: a forgotten passphrase cannot be recovered by anyone.
 */
export function EncryptionSettings() {
  const info = useAppInfo();
  const set = useSetPassphrase();
  const [done, setDone] = useState<Response<'company.encryption.set'> | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [confirmRemoval, setConfirmRemoval] = useState(false);
  const status = info.data?.encryption;
  const { control, handleSubmit, setError, register, reset } = useForm<Values>({
    defaultValues: { passphrase: '', confirmation: '', remember: status?.remembered ?? false },
    resolver: requestResolver<Values>(EncryptionSetRequest, (v) => ({ request: toRequest(v), fields: FIELDS })),
  });
  if (!status) return null;

  async function send(request: RequestInput<'company.encryption.set'>) {
    setRefusal(null);
    setDone(null);
    try {
      setDone(await set.mutateAsync(request));
      reset({ passphrase: '', confirmation: '', remember: request.remember ?? false });
    } catch (err) {
      if (applyServerErrors(err, setError, FIELDS).length === 0) setRefusal(errorMessage(err));
    }
  }

  const submit = handleSubmit((v) => send({ ...toRequest(v), remember: status.canRemember && v.remember }));

  return (
    <Box sx={{ maxWidth: 760 }}>
      <PageHeader title="Protection du dossier" subtitle="Une phrase de passe chiffre le dossier et ses sauvegardes : sans elle, un ordinateur volé ne livre rien." />
      <Paper component="section" aria-labelledby="encryption-state" sx={{ p: 3, mb: 2 }}>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 1 }}>
          {status.encrypted ? <LockIcon color="success" /> : <LockOpenIcon color="warning" />}
          <Typography variant="h3" id="encryption-state">
            {status.encrypted ? 'Ce dossier est protégé par une phrase de passe' : 'Ce dossier n’est pas chiffré'}
          </Typography>
        </Stack>
        <Typography color="text.secondary">
          {status.encrypted
            ? `Le fichier et ses sauvegardes sont chiffrés (SQLCipher 4) : il faut la phrase de passe pour les ouvrir, dans Encours comme avec un autre outil.${status.remembered ? ' Elle est retenue sur cet ordinateur.' : ''}`
            : 'Quiconque a le fichier, ou une de ses sauvegardes, peut en lire le contenu. Définissez une phrase de passe pour le chiffrer.'}
        </Typography>
      </Paper>

      <Paper component="form" noValidate aria-label={status.encrypted ? 'Changer la phrase de passe' : 'Définir une phrase de passe'} sx={{ p: 3, mb: 2 }}
        onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Typography variant="h3" sx={{ mb: 2 }}>
          {status.encrypted ? 'Changer la phrase de passe' : 'Définir une phrase de passe'}
        </Typography>
        <Alert severity="warning" variant="outlined" sx={{ mb: 2 }}>
          Notez-la en lieu sûr : si elle est oubliée, personne — ni Encours, ni votre comptable — ne pourra rouvrir le dossier ni ses sauvegardes.
        </Alert>
        <Stack spacing={2}>
          <PassphraseField name="passphrase" control={control} label="Nouvelle phrase de passe" autoComplete="new-password" />
          <PassphraseField name="confirmation" control={control} label="Confirmation" autoComplete="new-password" />
        </Stack>
        {status.canRemember && <FormControlLabel sx={{ mt: 1 }} control={<Checkbox defaultChecked={status.remembered} {...register('remember')} />} label="Se souvenir sur cet ordinateur" />}
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', gap: 1, mt: 2 }}>
          {status.encrypted && (
            <Button color="warning" onClick={() => setConfirmRemoval(true)} disabled={set.isPending}>
              Retirer la phrase de passe…
            </Button>
          )}
          <Button type="submit" variant="contained" loading={set.isPending}>
            {status.encrypted ? 'Changer la phrase de passe' : 'Chiffrer le dossier'}
          </Button>
        </Box>
      </Paper>

      {done && (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setDone(null)} data-testid="encryption-done">
          {done.encrypted ? 'Le dossier est chiffré avec la nouvelle phrase de passe ; les prochaines sauvegardes le seront aussi.' : 'La phrase de passe est retirée : le dossier n’est plus chiffré.'}
        </Alert>
      )}
      {done && done.unencryptedBackups.length > 0 && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {done.unencryptedBackups.length === 1 ? 'Une sauvegarde antérieure n’est pas chiffrée' : `${done.unencryptedBackups.length} sauvegardes antérieures ne sont pas chiffrées`} : supprimez-les si elles ne vous servent plus (Encours ne les supprime pas).
          <Box component="ul" sx={{ m: 0, mt: 1, pl: 2, wordBreak: 'break-all', fontFamily: 'monospace', fontSize: '0.85em' }}>
            {done.unencryptedBackups.map((p) => <li key={p}>{p}</li>)}
          </Box>
        </Alert>
      )}
      {refusal && <Alert severity="error" sx={{ mb: 2 }}>{refusal}</Alert>}

      <Dialog open={confirmRemoval} onClose={() => setConfirmRemoval(false)} aria-labelledby="remove-passphrase-title">
        <DialogTitle id="remove-passphrase-title">Retirer la phrase de passe ?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Le dossier sera déchiffré : quiconque aura le fichier, ou une sauvegarde faite ensuite, pourra le lire. Les sauvegardes déjà faites restent chiffrées.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmRemoval(false)} autoFocus>
            Annuler
          </Button>
          <Button color="warning" onClick={() => { setConfirmRemoval(false); void send({ passphrase: null }); }}>
            Retirer
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
