import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';

const TABS = [
  { path: '/parametres', label: 'Entreprise' },
  { path: '/parametres/comptes', label: 'Comptes' },
  { path: '/parametres/relances', label: 'Relances' },
  { path: '/parametres/modeles', label: 'Modèles de lettres' },
  { path: '/parametres/penalites', label: 'Taux de pénalités' },
];

/** Paramètres: the company's record, its accounts, then how it dunns (scenario, letters, penalty rates). */
export function SettingsTabs({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <>
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 3, mt: -1 }}>
        <Tabs value={TABS.some((t) => t.path === pathname) ? pathname : false} aria-label="Paramètres" variant="scrollable" scrollButtons="auto">
          {TABS.map((t) => (
            <Tab key={t.path} label={t.label} value={t.path} component={Link} to={t.path} />
          ))}
        </Tabs>
      </Box>
      {children}
    </>
  );
}
