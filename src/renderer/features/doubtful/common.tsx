import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { AccountMap } from '../../../shared/accounts';
import { toPreviewEntries, type PreviewEntry } from '../../components/EntryPreview';
import { RouteTabs } from '../../components/RouteTabs';
import type { DoubtfulPreview } from './api';

const TABS = [
  { path: '/creances-douteuses', label: 'À examiner' },
  { path: '/creances-douteuses/en-cours', label: 'Créances douteuses' },
  { path: '/creances-douteuses/revue', label: 'Revue de fin d’exercice' },
  { path: '/creances-douteuses/matrice', label: 'Matrice de dépréciation' },
];

/** Créances douteuses: the candidates, the doubtful invoices, the year-end review, the matrix. */
export function DoubtfulTabs({ children }: { children: ReactNode }) {
  return (
    <RouteTabs tabs={TABS} label="Créances douteuses">
      {children}
    </RouteTabs>
  );
}

/** Each wizard step says why it exists, in two plain sentences (ux.md, Wizards). */
export function StepIntro({ children }: { children: ReactNode }) {
  return (
    <Alert severity="info" variant="outlined" icon={false} sx={{ mb: 2 }} data-testid="step-intro">
      {children}
    </Alert>
  );
}

export const REASON_LABELS: Record<string, string> = { doubtful: 'Douteuse', disputed: 'Litigieuse' };

export const WRITE_OFF_REASON_LABELS = {
  liquidation: 'Liquidation judiciaire du client',
  certificate: 'Certificat d’irrécouvrabilité (mandataire, huissier)',
  prescription: 'Prescription (délai pour agir dépassé)',
  other: 'Autre motif (abandon, montant trop faible…)',
} as const;

/** The main process's preview as the EntryPreview panel shows it (the steps asked for, or all). */
export function previewEntries(preview: DoubtfulPreview | undefined, map: AccountMap, kinds?: ('classify' | 'provision' | 'writeOff')[]): PreviewEntry[] {
  return toPreviewEntries((preview?.entries ?? []).filter((e) => !kinds || kinds.includes(e.kind)), map);
}

export function Note({ children }: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
      {children}
    </Typography>
  );
}
