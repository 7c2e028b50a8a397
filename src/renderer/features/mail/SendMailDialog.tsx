import AttachFileIcon from '@mui/icons-material/AttachFile';
import DraftsIcon from '@mui/icons-material/Drafts';
import SendIcon from '@mui/icons-material/Send';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MuiLink from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type ReactNode } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import { Email } from '../../../shared/domain/common';
import type { MailDocument, MailSendResult } from '../../../shared/domain/mail';
import { FormTextField } from '../../components/form/FormTextField';
import { applyServerErrors, errorMessage, nestErrors } from '../../components/form/serverErrors';
import { base64ToBytes, downloadFile } from '../../components/pdf/pdf';
import { useMailDraft, useMailPreview, useMailSettings, useSendMail } from './api';

interface MailValues {
  to: string;
  subject: string;
  body: string;
}

/** What the form checks before anything goes to the main process (which checks again with its schema). */
const MailValues = z.object({
  to: z.string().trim().min(1, { message: 'Indiquez l’adresse e-mail du destinataire.' }).pipe(Email),
  subject: z.string().trim().min(1, { message: 'Indiquez l’objet du message.' }).max(300, { message: 'L’objet tient en 300 caractères au plus.' }),
  body: z.string().max(20000, { message: 'Le message tient en 20 000 caractères au plus.' }),
});

const resolver: Resolver<MailValues> = async (values) => {
  const parsed = MailValues.safeParse(values);
  if (parsed.success) return { values, errors: {} };
  const flat: Record<string, string> = {};
  for (const issue of parsed.error.issues) flat[String(issue.path[0] ?? 'to')] ??= issue.message;
  return { values: {}, errors: nestErrors<MailValues>(flat) };
};

const FIELDS = ['to', 'subject', 'body'];

/** « 12,3 Ko » */
function sizeOf(bytes: number): string {
  return bytes < 1024 ? `${bytes} octets` : `${(bytes / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Ko`;
}

/**
 * « Envoyer par e-mail » of a document: the mail as it will leave (recipient from the customer, editable;
 * subject and body from the templates, `mail.prepare`), sent through the owner's account (`mail.send`),
 * or saved as an .eml draft for the owner's mail program (`mail.draft`: « Préparer un e-mail »). Without
 * an account it says so and offers the draft. `onSent` runs once the server accepted the mail.
 */
export function SendMailDialog({
  document,
  title,
  summary,
  onClose,
  onSent,
  extraActions,
}: {
  document: MailDocument;
  title: string;
  summary?: ReactNode;
  onClose: () => void;
  onSent?: (result: MailSendResult) => void;
  /** More ways out (the dunning screen's « copier le texte »). */
  extraActions?: ReactNode;
}) {
  const settings = useMailSettings();
  const preview = useMailPreview({ document });
  const send = useSendMail();
  const draft = useMailDraft();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sent, setSent] = useState<MailSendResult | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<MailValues>({ resolver, mode: 'onTouched', defaultValues: { to: '', subject: '', body: '' } });
  const { reset } = form;
  const loaded = preview.data;
  useEffect(() => {
    if (loaded) reset({ to: loaded.to ?? '', subject: loaded.subject, body: loaded.body });
  }, [loaded, reset]);

  const configured = settings.data?.configured === true;
  const passwordMissing = configured && settings.data?.passwordAvailable === false;
  const canSend = configured && !passwordMissing && loaded !== undefined && sent === null;

  const request = (v: MailValues) => ({ document, to: v.to.trim(), subject: v.subject, body: v.body });

  const submit = form.handleSubmit(async (v) => {
    setRefusal(null);
    try {
      const result = await send.mutateAsync(request(v));
      setSent(result);
      onSent?.(result);
    } catch (err) {
      if (applyServerErrors(err, form.setError, FIELDS).length === 0) setRefusal(errorMessage(err));
    }
  });

  const saveDraft = async () => {
    setRefusal(null);
    setSaved(null);
    const v = form.getValues();
    const to = v.to.trim();
    // A draft may leave the recipient for the mail program; one typed must be an address.
    if (to && !Email.safeParse(to).success) {
      form.setError('to', { type: 'validate', message: 'Adresse e-mail invalide (ex. compta@exemple.fr).' });
      return;
    }
    if (!v.subject.trim()) {
      form.setError('subject', { type: 'validate', message: 'Indiquez l’objet du message.' });
      return;
    }
    try {
      const eml = await draft.mutateAsync({ document, ...(to ? { to } : {}), subject: v.subject, body: v.body });
      downloadFile(base64ToBytes(eml.eml), eml.fileName, 'message/rfc822');
      setSaved(eml.fileName);
    } catch (err) {
      if (applyServerErrors(err, form.setError, FIELDS).length === 0) setRefusal(errorMessage(err));
    }
  };

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="send-mail-title" data-testid="send-mail">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (canSend) void submit();
        }}
      >
        <DialogTitle id="send-mail-title">{title}</DialogTitle>
        <DialogContent dividers>
          {summary && <DialogContentText sx={{ mb: 2 }}>{summary}</DialogContentText>}
          {settings.data && !configured && (
            <Alert severity="info" sx={{ mb: 2 }} data-testid="mail-not-configured">
              Aucun compte e-mail n’est réglé : Encours ne peut pas envoyer lui-même. Réglez votre compte dans{' '}
              <MuiLink component={Link} to="/parametres/e-mail">
                Paramètres › E-mail
              </MuiLink>
              , ou préparez un e-mail : un brouillon .eml, avec le PDF joint, que votre messagerie ouvre pour l’envoyer.
            </Alert>
          )}
          {passwordMissing && (
            <Alert severity="warning" sx={{ mb: 2 }}>
              Le mot de passe du compte e-mail n’est pas disponible sur cet ordinateur : saisissez-le dans{' '}
              <MuiLink component={Link} to="/parametres/e-mail">
                Paramètres › E-mail
              </MuiLink>
              , ou préparez un e-mail à envoyer depuis votre messagerie.
            </Alert>
          )}
          {preview.isLoading && (
            <Box sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
              <CircularProgress size={24} aria-label="Préparation de l’e-mail" />
              <Typography color="text.secondary">Préparation de l’e-mail et de son PDF…</Typography>
            </Box>
          )}
          {preview.error && <Alert severity="error">{errorMessage(preview.error)}</Alert>}
          {loaded && (
            <Stack spacing={2}>
              <Typography variant="body2" color="text.secondary">
                De : {loaded.from}
              </Typography>
              <FormTextField
                control={form.control}
                name="to"
                label="Destinataire"
                type="email"
                autoFocus={!loaded.to}
                helperText={loaded.to ? 'L’adresse de la fiche client ; modifiez-la si besoin.' : 'Ce client n’a pas d’adresse e-mail sur sa fiche : indiquez-la ici.'}
                slotProps={{ htmlInput: { readOnly: sent !== null } }}
              />
              <FormTextField control={form.control} name="subject" label="Objet" slotProps={{ htmlInput: { readOnly: sent !== null } }} />
              <FormTextField control={form.control} name="body" label="Message" multiline minRows={8} maxRows={16} slotProps={{ htmlInput: { readOnly: sent !== null } }} />
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', color: 'text.secondary' }} data-testid="mail-attachment">
                <AttachFileIcon fontSize="small" aria-hidden />
                <Typography variant="body2">
                  Pièce jointe : {loaded.attachment.fileName} ({sizeOf(loaded.attachment.size)}) — empreinte SHA-256{' '}
                  <Box component="span" title={loaded.attachment.sha256} sx={{ fontFamily: 'monospace' }}>
                    {loaded.attachment.sha256.slice(0, 16)}…
                  </Box>
                </Typography>
              </Box>
            </Stack>
          )}
          {sent && (
            <Alert severity="success" sx={{ mt: 2 }} data-testid="mail-sent">
              E-mail envoyé à {sent.to}. Il est inscrit à l’historique de la facture (Message-ID {sent.messageId})
              {sent.dunningActionId !== undefined ? ', avec la relance, comme si vous l’aviez marquée envoyée' : ''}
              {sent.evidenceId !== undefined ? ' ; le courrier est gardé comme pièce justificative' : ''}.
            </Alert>
          )}
          {saved && (
            <Alert severity="success" sx={{ mt: 2 }} data-testid="mail-draft-saved">
              Brouillon « {saved} » enregistré : ouvrez-le avec votre messagerie pour l’envoyer. Rien n’est inscrit à l’historique tant qu’il n’est pas envoyé depuis Encours.
            </Alert>
          )}
          {refusal && (
            <Alert severity="error" sx={{ mt: 2 }} data-testid="mail-error">
              {refusal}
            </Alert>
          )}
        </DialogContent>
        <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
          {extraActions}
          <Box sx={{ flexGrow: 1 }} />
          <Button onClick={onClose}>{sent ? 'Fermer' : 'Annuler'}</Button>
          {sent === null && (
            <Button variant={canSend ? 'outlined' : 'contained'} startIcon={<DraftsIcon />} onClick={() => void saveDraft()} disabled={!loaded} loading={draft.isPending}>
              Préparer un e-mail
            </Button>
          )}
          {sent === null && configured && (
            <Button type="submit" variant="contained" startIcon={<SendIcon />} disabled={!canSend} loading={send.isPending}>
              Envoyer
            </Button>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
