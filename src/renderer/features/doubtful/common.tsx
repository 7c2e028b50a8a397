import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { AccountMap } from '../../../shared/accounts';
import { formatDateShort } from '../../../shared/dates';
import { toCents } from '../../../shared/money';
import { RouteTabs } from '../../components/RouteTabs';
import type { PreviewEntry, PreviewLine } from '../invoices/preview';
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

/** "80" → "80 %", "5.5" → "5,5 %". */
export const percentText = (p: string) => `${p.replace('.', ',')} %`;

/** In plain words, what one line of a doubtful-debt entry does. */
function why(account: string, debit: boolean, map: AccountMap): string {
  if (account === map.doubtfulCustomers) return debit ? 'La créance passe en « clients douteux » : le client vous la doit toujours.' : 'La créance douteuse sort de vos comptes : elle ne sera plus réclamée.';
  if (account === map.customers) return debit ? 'La créance revient chez les clients ordinaires.' : 'Elle quitte les clients ordinaires.';
  if (account === map.provisionCharge) return 'Charge de l’exercice : la perte probable, hors TVA (déductible si elle est justifiée).';
  if (account === map.provisionAllowance) return debit ? 'La dépréciation détenue sur cette facture est annulée.' : 'La dépréciation, tenue au compte du client, diminue la valeur de la créance.';
  if (account === map.provisionReversal) return 'Produit : la dépréciation devenue inutile revient dans le résultat.';
  if (account === map.lossCurrentYear) return 'La perte définitive, hors TVA, sur une facture de cet exercice.';
  if (account === map.lossPriorYear) return 'La perte définitive, hors TVA, sur une facture d’un exercice antérieur.';
  if (account === map.vatCollected) return 'La TVA collectée et reversée sur cette facture est récupérée (article 272 du CGI).';
  if (account === map.vatPending) return 'La TVA jamais encaissée (TVA sur les encaissements) est annulée : rien à récupérer.';
  return '';
}

/** The main process's preview as the EntryPreview panel shows it. */
export function previewEntries(preview: DoubtfulPreview | undefined, map: AccountMap, kinds?: ('classify' | 'provision' | 'writeOff')[]): PreviewEntry[] {
  return (preview?.entries ?? [])
    .filter((e) => !kinds || kinds.includes(e.kind))
    .map((e) => ({
      journal: e.journal as PreviewEntry['journal'],
      title: `${e.label} · ${formatDateShort(e.date)}`,
      lines: e.lines.map((l): PreviewLine => {
        const debit = toCents(l.debit);
        return { account: l.account, aux: l.aux, debit, credit: toCents(l.credit), why: why(l.account, debit > 0n, map) };
      }),
    }));
}

export function Note({ children }: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
      {children}
    </Typography>
  );
}
