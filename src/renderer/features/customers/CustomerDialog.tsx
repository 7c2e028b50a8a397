import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import Grid from '@mui/material/Grid';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Controller, useForm, useWatch, type Resolver } from 'react-hook-form';
import { COUNTRIES } from '../../../shared/domain/common';
import {
  CUSTOMER_KIND_LABELS, CustomerCreateRequest, DEFAULT_PAYMENT_TERMS_DAYS, type Customer, type CustomerCreateRequest as CustomerRequest, type CustomerKind,
} from '../../../shared/domain/customer';
import { useLeaveGuard } from '../../components/LeaveGuard';
import { ErrorDialog } from '../../components/ErrorDialog';
import { FormTextField } from '../../components/form/FormTextField';
import { applyServerErrors, errorMessage } from '../../components/form/serverErrors';
import { useSaveCustomer } from './api';

/** What the form holds: every field a string, so inputs stay controlled and "" means empty. */
export interface CustomerFormValues {
  name: string;
  kind: CustomerKind;
  siren: string;
  vatNumber: string;
  email: string;
  phone: string;
  address: { line1: string; line2: string; postcode: string; city: string; country: string };
  paymentTermsDays: string;
  creditLimit: string;
  notes: string;
}

const FIELDS = [
  'name', 'kind', 'siren', 'vatNumber', 'email', 'phone', 'address.line1', 'address.line2', 'address.postcode', 'address.city',
  'address.country', 'paymentTermsDays', 'creditLimit', 'notes',
];

function toForm(c?: Customer): CustomerFormValues {
  return {
    name: c?.name ?? '',
    kind: c?.kind ?? 'business',
    siren: c?.siren ?? '',
    vatNumber: c?.vatNumber ?? '',
    email: c?.email ?? '',
    phone: c?.phone ?? '',
    address: { line1: c?.address?.line1 ?? '', line2: c?.address?.line2 ?? '', postcode: c?.address?.postcode ?? '', city: c?.address?.city ?? '', country: c?.address?.country ?? 'FR' },
    paymentTermsDays: String(c?.paymentTermsDays ?? DEFAULT_PAYMENT_TERMS_DAYS),
    creditLimit: c?.creditLimit ?? '',
    notes: c?.notes ?? '',
  };
}

/**
 * The request as the API takes it: "" stays "" (on update it clears the field), an address left blank
 * is null, the payment terms a number. Raw, not parsed: the main process parses it again anyway.
 */
export function toRequest(v: CustomerFormValues): CustomerRequest {
  const a = v.address;
  const blankAddress = !a.line1.trim() && !a.line2.trim() && !a.postcode.trim() && !a.city.trim();
  const terms = v.paymentTermsDays.trim();
  return {
    ...v,
    siren: v.kind === 'consumer' ? '' : v.siren,
    address: blankAddress ? null : a,
    paymentTermsDays: terms === '' ? DEFAULT_PAYMENT_TERMS_DAYS : /^\d+$/.test(terms) ? Number(terms) : (terms as unknown as number),
  };
}

// zod judges the request the user is about to send, with the very schema the main process uses.
const resolver: Resolver<CustomerFormValues> = async (values, ctx, options) => {
  const result = await zodResolver(CustomerCreateRequest)(toRequest(values), ctx, options as never);
  return result.errors && Object.keys(result.errors).length > 0 ? { values: {}, errors: result.errors as never } : { values, errors: {} };
};

export function CustomerDialog({ open, customer, onClose, onSaved }: { open: boolean; customer?: Customer; onClose: () => void; onSaved: (c: Customer) => void }) {
  const save = useSaveCustomer();
  const [refusal, setRefusal] = useState<string | null>(null);
  const { control, handleSubmit, setError, getValues, formState } = useForm<CustomerFormValues>({ resolver, values: toForm(customer), mode: 'onTouched' });
  const kind = useWatch({ control, name: 'kind' });
  const editing = customer !== undefined;
  // What was typed is never dropped silently: closing the dialog or leaving the page asks first.
  const dirty = open && formState.isDirty;
  const guard = useLeaveGuard(dirty, editing ? 'La fiche du client' : 'Ce nouveau client');
  const [closing, setClosing] = useState(false);
  const askClose = () => (dirty ? setClosing(true) : onClose());

  const submit = handleSubmit(async () => {
    try {
      const saved = await save.mutateAsync({ id: customer?.id, values: toRequest(getValues()) });
      guard.allow();
      onSaved(saved);
    } catch (err) {
      if (applyServerErrors(err, setError, FIELDS).length === 0) setRefusal(errorMessage(err));
    }
  });

  return (
    <Dialog open={open} onClose={askClose} maxWidth="md" fullWidth aria-labelledby="customer-dialog-title">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <DialogTitle id="customer-dialog-title">
          {editing ? `Modifier le client ${customer.code}` : 'Nouveau client'}
        </DialogTitle>
        <DialogContent dividers>
          {!editing && (
            <Alert severity="info" variant="outlined" sx={{ mb: 2 }}>
              Encours attribue au client un compte auxiliaire (C00001, C00002…) : c’est sous ce code qu’il apparaît dans vos comptes et dans le FEC.
            </Alert>
          )}
          <Grid container spacing={2}>
            <Grid size={12}>
              <Controller
                control={control}
                name="kind"
                render={({ field }) => (
                  <ToggleButtonGroup exclusive color="primary" size="small" value={field.value} onChange={(_e, v: CustomerKind | null) => v && field.onChange(v)} aria-label="Type de client">
                    {(['business', 'consumer'] as const).map((k) => (
                      <ToggleButton key={k} value={k}>
                        {CUSTOMER_KIND_LABELS[k]}
                      </ToggleButton>
                    ))}
                  </ToggleButtonGroup>
                )}
              />
            </Grid>
            <Grid size={{ xs: 12, md: kind === 'business' ? 6 : 12 }}>
              <FormTextField control={control} name="name" label={kind === 'business' ? 'Raison sociale' : 'Nom et prénom'} required autoFocus />
            </Grid>
            {kind === 'business' && (
              <>
                <Grid size={{ xs: 12, md: 3 }}>
                  <FormTextField control={control} name="siren" label="SIREN" helperText="Obligatoire sur les factures depuis 2026." />
                </Grid>
                <Grid size={{ xs: 12, md: 3 }}>
                  <FormTextField control={control} name="vatNumber" label="N° de TVA" />
                </Grid>
              </>
            )}
            <Grid size={{ xs: 12, md: 6 }}>
              <FormTextField control={control} name="email" label="E-mail" type="email" helperText="Pour envoyer factures et relances." />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <FormTextField control={control} name="phone" label="Téléphone" type="tel" />
            </Grid>
          </Grid>
          <Divider sx={{ my: 2 }} />
          <Typography variant="h3" sx={{ mb: 1.5 }}>
            Adresse de facturation
          </Typography>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 6 }}>
              <FormTextField control={control} name="address.line1" label="Adresse" />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <FormTextField control={control} name="address.line2" label="Complément" />
            </Grid>
            <Grid size={{ xs: 12, md: 3 }}>
              <FormTextField control={control} name="address.postcode" label="Code postal" />
            </Grid>
            <Grid size={{ xs: 12, md: 5 }}>
              <FormTextField control={control} name="address.city" label="Ville" />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <FormTextField control={control} name="address.country" label="Pays" select>
                {Object.entries(COUNTRIES).map(([code, label]) => (
                  <MenuItem key={code} value={code}>
                    {label}
                  </MenuItem>
                ))}
              </FormTextField>
            </Grid>
          </Grid>
          <Divider sx={{ my: 2 }} />
          <Typography variant="h3" sx={{ mb: 1.5 }}>
            Conditions de paiement
          </Typography>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 4 }}>
              <FormTextField
                control={control}
                name="paymentTermsDays"
                label="Délai de paiement"
                helperText={kind === 'business' ? '60 jours au plus après la facture entre professionnels (loi).' : 'Pas de plafond légal pour un particulier (un an au plus).'}
                slotProps={{ htmlInput: { inputMode: 'numeric' }, input: { endAdornment: <InputAdornment position="end">jours</InputAdornment> } }}
              />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <FormTextField
                control={control}
                name="creditLimit"
                label="Plafond d’encours"
                helperText="Vide : pas de plafond."
                slotProps={{ htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">€</InputAdornment> } }}
              />
            </Grid>
            <Grid size={12}>
              <FormTextField control={control} name="notes" label="Notes" multiline minRows={2} />
            </Grid>
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={askClose}>Annuler</Button>
          <Button type="submit" variant="contained" loading={save.isPending}>
            {editing ? 'Enregistrer les modifications' : 'Créer le client'}
          </Button>
        </DialogActions>
      </form>
      <ErrorDialog message={refusal} onClose={() => setRefusal(null)} />
      {guard.dialog}
      <Dialog open={closing} onClose={() => setClosing(false)} aria-labelledby="customer-close-title" maxWidth="xs" fullWidth>
        <DialogTitle id="customer-close-title">Fermer sans enregistrer ?</DialogTitle>
        <DialogContent>
          <DialogContentText>{`${editing ? 'La fiche du client' : 'Ce nouveau client'} a des modifications qui ne sont pas enregistrées : elles seront perdues.`}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setClosing(false)} autoFocus>
            Continuer la saisie
          </Button>
          <Button
            color="error"
            onClick={() => {
              setClosing(false);
              onClose();
            }}
          >
            Fermer sans enregistrer
          </Button>
        </DialogActions>
      </Dialog>
    </Dialog>
  );
}
