import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Grid from '@mui/material/Grid';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { Controller, useWatch, type Control, type UseFormSetValue } from 'react-hook-form';
import { COUNTRIES } from '../../../shared/domain/common';
import { LEGAL_FORMS, VAT_REGIME_LABELS, VAT_REGIMES, type CompanyInitRequest } from '../../../shared/domain/company';
import { yearOf } from '../../../shared/dates';
import { compactId, frenchVatNumberFor, isValidSiren } from '../../../shared/identifiers';
import { FormDateField } from '../../components/form/FormDateField';
import { FormTextField } from '../../components/form/FormTextField';

export type CompanyFormValues = CompanyInitRequest;
type FieldsProps = { control: Control<CompanyFormValues> };

export const VAT_REGIME_HELP: Record<(typeof VAT_REGIMES)[number], string> = {
  debits: 'La TVA est due dès la facture. C’est la règle pour les ventes de biens ; pour les prestations de services, c’est une option qui sera mentionnée sur vos factures.',
  encaissements: 'Pour les prestations de services : la TVA n’est due que lorsque le client vous paie. Encours la garde « en attente » jusqu’au règlement.',
  franchise: 'Vous ne facturez pas de TVA et n’en récupérez pas. Vos factures portent « TVA non applicable, art. 293 B du CGI ».',
};

export function IdentityFields({ control, setValue }: FieldsProps & { setValue: UseFormSetValue<CompanyFormValues> }) {
  const siren = useWatch({ control, name: 'siren' }) ?? '';
  const compact = compactId(siren);
  const canDeriveVat = isValidSiren(compact);
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: 8 }}>
        <FormTextField control={control} name="name" label="Raison sociale ou nom commercial" required autoFocus />
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <FormTextField control={control} name="legalForm" label="Forme juridique" select>
          <MenuItem value="">
            <em>Non précisée</em>
          </MenuItem>
          {Object.entries(LEGAL_FORMS).map(([value, label]) => (
            <MenuItem key={value} value={value}>
              {label}
            </MenuItem>
          ))}
        </FormTextField>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <FormTextField control={control} name="siren" label="SIREN" required helperText="9 chiffres, sur votre Kbis ou votre avis de situation INSEE." slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <FormTextField
          control={control}
          name="vatNumber"
          label="N° de TVA intracommunautaire"
          helperText="FR + clé + SIREN. Facultatif en franchise de TVA."
          slotProps={{
            input: {
              endAdornment: canDeriveVat ? (
                <InputAdornment position="end">
                  <Button size="small" onClick={() => setValue('vatNumber', frenchVatNumberFor(compact), { shouldValidate: true, shouldDirty: true })}>
                    Calculer
                  </Button>
                </InputAdornment>
              ) : undefined,
            },
          }}
        />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <FormTextField control={control} name="email" label="E-mail" type="email" />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <FormTextField control={control} name="phone" label="Téléphone" type="tel" />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <FormTextField control={control} name="rcs" label="RCS ou RM (ville d’immatriculation)" helperText="Ex. RCS Lyon. Mentionné sur vos factures." />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <FormTextField control={control} name="shareCapital" label="Capital social (€)" helperText="Pour une société : figure sur vos factures." slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
      </Grid>
    </Grid>
  );
}

export function AddressFields({ control }: FieldsProps) {
  return (
    <Grid container spacing={2}>
      <Grid size={12}>
        <FormTextField control={control} name="address.line1" label="Adresse" required />
      </Grid>
      <Grid size={12}>
        <FormTextField control={control} name="address.line2" label="Complément d’adresse" />
      </Grid>
      <Grid size={{ xs: 12, md: 3 }}>
        <FormTextField control={control} name="address.postcode" label="Code postal" required />
      </Grid>
      <Grid size={{ xs: 12, md: 5 }}>
        <FormTextField control={control} name="address.city" label="Ville" required />
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
  );
}

export function VatAndYearFields({ control }: FieldsProps) {
  return (
    <Grid container spacing={2}>
      <Grid size={12}>
        <Controller
          control={control}
          name="vatRegime"
          render={({ field, fieldState }) => (
            <FormControl error={Boolean(fieldState.error)} component="fieldset">
              <FormLabel component="legend">Régime de TVA</FormLabel>
              <RadioGroup {...field} value={field.value ?? ''}>
                {VAT_REGIMES.map((regime) => (
                  <FormControlLabel
                    key={regime}
                    value={regime}
                    control={<Radio />}
                    sx={{ alignItems: 'flex-start', my: 0.5, '& .MuiRadio-root': { pt: 0.25 } }}
                    label={
                      <span>
                        <Typography component="span" sx={{ fontWeight: 500 }}>
                          {VAT_REGIME_LABELS[regime]}
                        </Typography>
                        <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
                          {VAT_REGIME_HELP[regime]}
                        </Typography>
                      </span>
                    }
                  />
                ))}
              </RadioGroup>
              {fieldState.error && <FormHelperText>{fieldState.error.message}</FormHelperText>}
            </FormControl>
          )}
        />
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <FormDateField control={control} name="fiscalYear.start" label="Début de l’exercice" />
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <FormDateField control={control} name="fiscalYear.end" label="Fin de l’exercice" helperText="12 mois en général ; le premier exercice peut aller jusqu’à 24 mois." />
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <FormTextField control={control} name="latePenaltyRate" label="Pénalités de retard (%)" helperText="Vide : le taux légal par défaut (taux BCE + 10 points)." slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
      </Grid>
    </Grid>
  );
}

export function BankFields({ control }: FieldsProps) {
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: 8 }}>
        <FormTextField control={control} name="iban" label="IBAN" helperText="Imprimé sur vos factures pour les paiements par virement." />
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <FormTextField control={control} name="bic" label="BIC" />
      </Grid>
    </Grid>
  );
}

/** Empty form values: every text field a string, so inputs stay controlled. */
export function emptyCompanyForm(today: string): CompanyFormValues {
  const year = yearOf(today);
  return {
    name: '',
    legalForm: '',
    siren: '',
    vatNumber: '',
    email: '',
    phone: '',
    rcs: '',
    shareCapital: '',
    address: { line1: '', line2: '', postcode: '', city: '', country: 'FR' },
    vatRegime: 'debits',
    fiscalYear: { start: `${year}-01-01`, end: `${year}-12-31` },
    latePenaltyRate: '',
    iban: '',
    bic: '',
  };
}

/** Which step (or section) each field lives in, to send the user to a server-side error. */
export const COMPANY_FIELD_GROUPS: string[][] = [
  ['name', 'legalForm', 'siren', 'vatNumber', 'email', 'phone', 'rcs', 'shareCapital'],
  ['address.line1', 'address.line2', 'address.postcode', 'address.city', 'address.country'],
  ['vatRegime', 'fiscalYear.start', 'fiscalYear.end', 'latePenaltyRate'],
  ['iban', 'bic'],
];
/** Every field a server error may name (the settings page adds the threshold of the écarts de règlement). */
export const COMPANY_FIELDS = [...COMPANY_FIELD_GROUPS.flat(), 'paymentDifferenceThreshold', 'facturxDefault'];
