import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import InputAdornment from '@mui/material/InputAdornment';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { CompanyInitRequest, type Company } from '../../../shared/domain/company';
import { ErrorDialog } from '../../components/ErrorDialog';
import { applyServerErrors, errorMessage } from '../../components/form/serverErrors';
import { inputText } from '../../lib/amounts';
import { formatDecimal } from '../../../shared/money';
import { useToday } from '../../lib/today';
import { FormTextField } from '../../components/form/FormTextField';
import { PageHeader } from '../../components/PageHeader';
import { useUpdateCompany } from './api';
import { AddressFields, BankFields, COMPANY_FIELDS, emptyCompanyForm, IdentityFields, VatAndYearFields, type CompanyFormValues } from './CompanyFields';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper component="section" sx={{ p: 3, mb: 2 }} aria-label={title}>
      <Typography variant="h3" sx={{ mb: 2 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

/** The stored company as form values: every field a string, absent ones empty. */
function toForm(company: Company, today: string): CompanyFormValues {
  const { createdAt: _c, updatedAt: _u, ...rest } = company;
  const blank = emptyCompanyForm(today);
  return { ...blank, ...rest, address: { ...blank.address, ...company.address }, paymentDifferenceThreshold: inputText(company.paymentDifferenceThreshold),
    // « 7 500 » as the owner typed it, not the stored "7500.00".
    shareCapital: company.shareCapital ? formatDecimal(company.shareCapital) : '' };
}

/** Paramètres › Entreprise: the same fields as the first-run wizard, on one page. */
export function CompanySettingsPage({ company }: { company: Company }) {
  const update = useUpdateCompany();
  const today = useToday();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<CompanyFormValues, unknown, z.output<typeof CompanyInitRequest>>({
    resolver: zodResolver(CompanyInitRequest),
    values: toForm(company, today),
    mode: 'onTouched',
  });
  const { control, handleSubmit, setError, setValue, getValues, formState } = form;

  // The raw values go out, so an emptied field reaches the main process as "" and is cleared there.
  const submit = handleSubmit(async () => {
    try {
      await update.mutateAsync(getValues());
      setSaved(true);
    } catch (err) {
      if (applyServerErrors(err, setError, COMPANY_FIELDS).length === 0) setRefusal(errorMessage(err));
    }
  });

  return (
    <Box component="form" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }} sx={{ maxWidth: 960 }}>
      <PageHeader
        title="Paramètres de l’entreprise"
        subtitle="Ces informations figurent sur vos factures et dans votre FEC."
        actions={
          <Button type="submit" variant="contained" loading={update.isPending} disabled={!formState.isDirty}>
            Enregistrer
          </Button>
        }
      />
      <Section title="Identité">
        <IdentityFields control={control} setValue={setValue} />
      </Section>
      <Section title="Adresse du siège">
        <AddressFields control={control} />
      </Section>
      <Section title="TVA et exercice">
        <Alert severity="warning" variant="outlined" sx={{ mb: 2 }}>
          Changer de régime de TVA ne modifie pas les factures déjà validées : seules les suivantes suivent le nouveau régime.
        </Alert>
        <VatAndYearFields control={control} />
      </Section>
      <Section title="Banque">
        <BankFields control={control} />
      </Section>
      <Section title="Règlements">
        <FormTextField
          control={control}
          name="paymentDifferenceThreshold"
          label="Écart de règlement accepté"
          helperText="Jusqu’à ce montant, ce qu’un client a payé en moins (ou en trop) se solde en un clic au règlement : en charge (658) ou en produit (758). 0 : jamais."
          sx={{ maxWidth: 560 }}
          slotProps={{ htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">€</InputAdornment> } }}
        />
      </Section>
      <Section title="Facturation électronique">
        <Controller
          control={control}
          name="facturxDefault"
          render={({ field }) => (
            <FormControlLabel
              control={<Checkbox checked={field.value === true} onChange={(e) => field.onChange(e.target.checked)} onBlur={field.onBlur} />}
              label="Enregistrer les factures et avoirs en Factur-X par défaut"
            />
          )}
        />
        <FormHelperText sx={{ maxWidth: 720 }}>
          L’aperçu propose alors d’abord « Enregistrer en Factur-X » : le PDF avec ses données EN 16931 (factur-x.xml), que votre plateforme agréée lit. Le PDF simple reste proposé à côté.
        </FormHelperText>
      </Section>
      <Snackbar open={saved} autoHideDuration={4000} onClose={() => setSaved(false)} message="Paramètres enregistrés." />
      <ErrorDialog message={refusal} onClose={() => setRefusal(null)} />
    </Box>
  );
}
