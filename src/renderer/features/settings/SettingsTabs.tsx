import type { ReactNode } from 'react';
import { RouteTabs } from '../../components/RouteTabs';

const TABS = [
  { path: '/parametres', label: 'Entreprise' },
  { path: '/parametres/comptes', label: 'Comptes' },
  { path: '/parametres/articles', label: 'Articles' },
  { path: '/parametres/relances', label: 'Relances' },
  { path: '/parametres/modeles', label: 'Modèles de lettres' },
  { path: '/parametres/penalites', label: 'Taux de pénalités' },
  { path: '/parametres/protection', label: 'Protection' },
  { path: '/parametres/e-mail', label: 'E-mail' },
];

/** Paramètres: the company's record, its accounts, its catalogue, how it dunns (scenario, letters, penalty rates), its passphrase. */
export function SettingsTabs({ children }: { children: ReactNode }) {
  return (
    <RouteTabs tabs={TABS} label="Paramètres">
      {children}
    </RouteTabs>
  );
}
