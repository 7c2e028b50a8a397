import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';

export interface RouteTab {
  path: string;
  label: string;
}

/** Tabs that are routes: each tab is a link, the current one follows the address (Back works). */
export function RouteTabs({ tabs, label, children }: { tabs: readonly RouteTab[]; label: string; children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <>
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 3, mt: -1 }}>
        <Tabs value={tabs.some((t) => t.path === pathname) ? pathname : false} aria-label={label} variant="scrollable" scrollButtons="auto">
          {tabs.map((t) => (
            <Tab key={t.path} label={t.label} value={t.path} component={Link} to={t.path} />
          ))}
        </Tabs>
      </Box>
      {children}
    </>
  );
}
