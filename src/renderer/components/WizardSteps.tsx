import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';

/** The steps of a wizard, the current one highlighted (ux.md, Wizards). */
export function WizardSteps({ steps, active, label }: { steps: readonly string[]; active: number; label: string }) {
  return (
    <Stepper activeStep={active} sx={{ mb: 3 }} aria-label={label}>
      {steps.map((s) => (
        <Step key={s}>
          <StepLabel>{s}</StepLabel>
        </Step>
      ))}
    </Stepper>
  );
}
