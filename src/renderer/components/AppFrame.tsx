import AccountBalanceWalletIcon from '@mui/icons-material/AccountBalanceWallet';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { formatDateShort } from '../../shared/dates';
import type { Company } from '../../shared/domain/company';
import { NAVIGATION, type NavItem } from '../navigation';

const DRAWER_WIDTH = 250;

function NavLink({ item, nested }: { item: NavItem; nested?: boolean }) {
  const { pathname } = useLocation();
  const selected = pathname === item.path || (!item.children && pathname.startsWith(`${item.path}/`));
  return (
    <ListItemButton component={Link} to={item.path} selected={selected} sx={{ pl: nested ? 7 : 2, py: nested ? 0.25 : 0.75 }} aria-current={selected ? 'page' : undefined}>
      {item.icon && <ListItemIcon sx={{ minWidth: 40 }}>{item.icon}</ListItemIcon>}
      <ListItemText primary={item.label} slotProps={{ primary: { variant: nested ? 'body2' : 'body1' } }} />
    </ListItemButton>
  );
}

/** The frame every screen sits in: the company and its fiscal year on top, the sections on the left. */
export function AppFrame({ company, children }: { company: Company; children: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (t) => t.zIndex.drawer + 1 }}>
        <Toolbar>
          <AccountBalanceWalletIcon sx={{ mr: 1.5 }} aria-hidden />
          <Typography variant="h6" component="span" sx={{ fontWeight: 600, mr: 3 }}>
            Encours
          </Typography>
          <Typography component="span" sx={{ flexGrow: 1 }} data-testid="company-name">
            {company.name}
          </Typography>
          <Chip
            variant="outlined"
            sx={{ color: 'inherit', borderColor: 'rgba(255,255,255,.5)' }}
            label={`Exercice du ${formatDateShort(company.fiscalYear.start)} au ${formatDateShort(company.fiscalYear.end)}`}
          />
        </Toolbar>
      </AppBar>
      <Drawer variant="permanent" sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box', bgcolor: '#fff', borderRight: '1px solid #e0e3e8' } }}>
        <Toolbar />
        <Box component="nav" aria-label="Sections" sx={{ overflow: 'auto' }}>
          <List dense>
            {NAVIGATION.map((item) => (
              <Box key={item.path}>
                <NavLink item={item} />
                {item.children?.map((child) => <NavLink key={child.path} item={child} nested />)}
              </Box>
            ))}
          </List>
        </Box>
      </Drawer>
      <Box component="main" sx={{ flexGrow: 1, p: 3, minWidth: 0 }}>
        <Toolbar />
        {children}
      </Box>
    </Box>
  );
}
