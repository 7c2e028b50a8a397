import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import Paper from '@mui/material/Paper';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import type { z } from 'zod';
import { formatDateShort } from '../../../shared/dates';
import { COUNTRIES } from '../../../shared/domain/common';
import { CompanyInitRequest, LEGAL_FORMS, VAT_REGIME_LABELS, type LegalForm } from '../../../shared/domain/company';
import { ErrorDialog } from '../../components/ErrorDialog';
import { applyServerErrors, errorMessage } from '../../components/form/serverErrors';
import { useToday } from '../../lib/today';
import { useInitCompany } from './api';
import {
  AddressFields, BankFields, COMPANY_FIELD_GROUPS, COMPANY_FIELDS, emptyCompanyForm, IdentityFields, VatAndYearFields,
  type CompanyFormValues,
} from './CompanyFields';

const STEPS = [
  { label: 'Identité', why: 'Ces informations figurent sur chacune de vos factures : la loi exige votre nom, votre SIREN et votre numéro de TVA. Le SIREN est vérifié pour éviter une faute de frappe.' },
  { label: 'Adresse', why: 'L’adresse de votre siège apparaît sur vos factures et vos courriers de relance. Vos clients s’en servent pour vous identifier.' },
  { label: 'TVA et exercice', why: 'Le régime de TVA décide quand la TVA est due et ce que vos factures doivent mentionner. L’exercice fixe la période de vos comptes annuels et du fichier FEC.' },
  { label: 'Banque', why: 'Votre IBAN est imprimé sur vos factures pour que vos clients vous paient par virement. Vous pourrez le compléter plus tard dans les paramètres.' },
  { label: 'Vérification', why: 'Relisez avant de créer le dossier : rien n’est enregistré avant cette étape. Tout reste modifiable ensuite dans les paramètres.' },
];

type Output = z.output<typeof CompanyInitRequest>;

/** First run: create the company file in five steps; nothing is written before the last one. */
export function FirstRunWizard() {
  const [step, setStep] = useState(0);
  const [refusal, setRefusal] = useState<string | null>(null);
  const init = useInitCompany();
  const today = useToday();
  const form = useForm<CompanyFormValues, unknown, Output>({
    resolver: zodResolver(CompanyInitRequest),
    defaultValues: emptyCompanyForm(today),
    mode: 'onTouched',
  });
  const { control, handleSubmit, trigger, setError, setValue, getValues } = form;
  const last = step === STEPS.length - 1;

  async function next() {
    const fields = COMPANY_FIELD_GROUPS[step] as FieldPath<CompanyFormValues>[] | undefined;
    if (fields && !(await trigger(fields, { shouldFocus: true }))) return;
    setStep((s) => s + 1);
  }

  const submit = handleSubmit(
    async (values) => {
      try {
        await init.mutateAsync(values);
      } catch (err) {
        const placed = applyServerErrors(err, setError, COMPANY_FIELDS);
        const firstStep = COMPANY_FIELD_GROUPS.findIndex((g) => g.some((f) => placed.includes(f)));
        if (firstStep >= 0) setStep(firstStep);
        else setRefusal(errorMessage(err));
      }
    },
    (errors) => {
      // The whole form is checked once more at the end: go back to the first step with an error.
      const firstStep = COMPANY_FIELD_GROUPS.findIndex((g) => g.some((f) => f.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], errors)));
      if (firstStep >= 0) setStep(firstStep);
    },
  );

  return (
    <Container maxWidth="md" sx={{ py: 5 }}>
      <Typography variant="h1" gutterBottom>
        Bienvenue dans Encours
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        Créons le dossier de votre entreprise. Il est enregistré sur cet ordinateur, dans un seul fichier que vous pourrez sauvegarder.
      </Typography>
      <Stepper activeStep={step} alternativeLabel sx={{ mb: 3 }}>
        {STEPS.map((s) => (
          <Step key={s.label}>
            <StepLabel>{s.label}</StepLabel>
          </Step>
        ))}
      </Stepper>
      <Paper component="form" noValidate onSubmit={(e) => { e.preventDefault(); if (last) void submit(); else void next(); }} sx={{ p: 3 }} aria-label={`Étape ${step + 1} : ${STEPS[step]?.label ?? ''}`}>
        <Typography variant="h2" gutterBottom>
          {STEPS[step]?.label}
        </Typography>
        <Alert severity="info" variant="outlined" sx={{ mb: 3 }}>
          {STEPS[step]?.why}
        </Alert>
        {step === 0 && <IdentityFields control={control} setValue={setValue} />}
        {step === 1 && <AddressFields control={control} />}
        {step === 2 && <VatAndYearFields control={control} />}
        {step === 3 && <BankFields control={control} />}
        {step === 4 && <Recap values={getValues()} />}
        <Box sx={{ display: 'flex', justifyContent: 'space-between', mt: 4 }}>
          <Button disabled={step === 0} onClick={() => setStep((s) => s - 1)}>
            Retour
          </Button>
          <Button
            type="submit"
            variant="contained"
            loading={init.isPending}
            // The field being left keeps its focus until the click: its blur would show its own error first,
            // push the button down under the pointer, and the click (the whole step's check: an empty SIREN
            // too) would be lost.
            onMouseDown={(e) => e.preventDefault()}
          >
            {last ? 'Créer le dossier' : 'Continuer'}
          </Button>
        </Box>
      </Paper>
      <ErrorDialog message={refusal} onClose={() => setRefusal(null)} title="Création impossible" />
    </Container>
  );
}

function Recap({ values }: { values: CompanyFormValues }) {
  const a = values.address;
  const rows: [string, string][] = [
    ['Entreprise', [values.name, values.legalForm ? LEGAL_FORMS[values.legalForm as LegalForm] : ''].filter(Boolean).join(' — ')],
    ['SIREN', values.siren],
    ['N° de TVA', values.vatNumber || '—'],
    ['Adresse', [a.line1, a.line2, `${a.postcode} ${a.city}`, COUNTRIES[a.country || 'FR'] ?? a.country].filter(Boolean).join(', ')],
    ['Régime de TVA', VAT_REGIME_LABELS[values.vatRegime]],
    ['Exercice', values.fiscalYear.start && values.fiscalYear.end ? `du ${formatDateShort(values.fiscalYear.start)} au ${formatDateShort(values.fiscalYear.end)}` : '—'],
    ['IBAN', values.iban || '—'],
  ];
  return (
    <Table size="small" aria-label="Récapitulatif">
      <TableBody>
        {rows.map(([label, value]) => (
          <TableRow key={label}>
            <TableCell component="th" sx={{ width: 180, color: 'text.secondary' }}>
              {label}
            </TableCell>
            <TableCell>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
