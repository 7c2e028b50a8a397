import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { RequestInput } from '../../../shared/contract';
import { MAIL_SECURITY, MAIL_SECURITY_LABELS, MailSettingsSetRequest, type MailSecurity } from '../../../shared/domain/mail';
import { PageHeader } from '../../components/PageHeader';
import { FormTextField } from '../../components/form/FormTextField';
import { applyServerErrors, errorMessage, requestResolver } from '../../components/form/serverErrors';
import { useMailSettings, useSaveMailSettings, useTestMail } from './api';

interface Values {
  host: string;
  port: string;
  security: MailSecurity;
  user: string;
  from: string;
  fromName: string;
  password: string;
}

const FIELDS = ['host', 'port', 'security', 'user', 'from', 'fromName', 'password'];

const toRequest = (v: Values): RequestInput<'mail.settings.set'> => ({
  host: v.host, port: v.port, security: v.security, user: v.user, from: v.from, fromName: v.fromName, ...(v.password ? { password: v.password } : {}),
});

/**
 * Paramètres › E-mail : the owner's own mail account (SMTP). The password goes to the system's keychain,
 * never into the company file; « Tester la connexion » logs in with what is saved and sends nothing.
 */
export function MailSettingsPage() {
  const settings = useMailSettings();
  const save = useSaveMailSettings();
  const test = useTestMail();
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const { control, handleSubmit, setError, reset } = useForm<Values>({
    defaultValues: { host: '', port: '587', security: 'starttls', user: '', from: '', fromName: '', password: '' },
    resolver: requestResolver<Values>(MailSettingsSetRequest, (v) => ({ request: toRequest(v), fields: FIELDS })),
  });
  const s = settings.data;
  useEffect(() => {
    if (s?.configured) {
      reset({ host: s.host ?? '', port: String(s.port ?? ''), security: s.security ?? 'starttls', user: s.user ?? '', from: s.from ?? '', fromName: s.fromName ?? '', password: '' });
    }
  }, [s, reset]);
  if (!s) return null;

  const submit = handleSubmit(async (v) => {
    setNotice(null);
    try {
      await save.mutateAsync(toRequest(v));
      setNotice({ severity: 'success', text: 'Compte d’envoi enregistré.' });
    } catch (err) {
      if (applyServerErrors(err, setError, FIELDS).length === 0) setNotice({ severity: 'error', text: errorMessage(err) });
    }
  });

  const tryConnection = async () => {
    setNotice(null);
    try {
      setNotice({ severity: 'success', text: (await test.mutateAsync()).message });
    } catch (err) {
      setNotice({ severity: 'error', text: errorMessage(err) });
    }
  };

  return (
    <Box sx={{ maxWidth: 760 }}>
      <PageHeader title="E-mail" subtitle="Votre propre compte de messagerie (SMTP) : factures, avoirs et relances partent de votre adresse, avec leur PDF joint." />
      <Paper component="form" noValidate aria-label="Compte d’envoi" sx={{ p: 3, mb: 2 }} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Stack spacing={2}>
          <Stack direction="row" spacing={2}>
            <FormTextField name="host" control={control} label="Serveur SMTP" placeholder="smtp.exemple.fr" fullWidth />
            <FormTextField name="port" control={control} label="Port" inputMode="numeric" sx={{ width: 140 }} />
          </Stack>
          <FormTextField name="security" control={control} label="Sécurité de la connexion" select>
            {MAIL_SECURITY.map((k) => <MenuItem key={k} value={k}>{MAIL_SECURITY_LABELS[k]}</MenuItem>)}
          </FormTextField>
          <FormTextField name="user" control={control} label="Identifiant" autoComplete="username" />
          <FormTextField
            name="password" control={control} label="Mot de passe" type="password" autoComplete="new-password" disabled={!s.canStorePassword}
            helperText={s.canStorePassword ? (s.passwordAvailable ? 'Retenu dans le trousseau de cet ordinateur ; laissez vide pour le garder.' : 'Gardé dans le trousseau du système, jamais dans le dossier.') : 'Ce système n’offre pas de trousseau sécurisé : le mot de passe ne peut pas être retenu ici.'}
          />
          <FormTextField name="from" control={control} label="Adresse d’expédition" placeholder="compta@exemple.fr" autoComplete="email" />
          <FormTextField name="fromName" control={control} label="Nom de l’expéditeur (facultatif)" />
        </Stack>
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', gap: 1, mt: 2 }}>
          <Button onClick={() => void tryConnection()} disabled={!s.configured} loading={test.isPending}>
            Tester la connexion
          </Button>
          <Button type="submit" variant="contained" loading={save.isPending}>
            Enregistrer
          </Button>
        </Box>
      </Paper>
      {notice && <Alert severity={notice.severity} sx={{ mb: 2 }} onClose={() => setNotice(null)}>{notice.text}</Alert>}
      <Typography color="text.secondary" variant="body2">
        Sans connexion ou sans compte, « Préparer un e-mail » enregistre un brouillon (.eml) que votre messagerie ouvre.
      </Typography>
    </Box>
  );
}
