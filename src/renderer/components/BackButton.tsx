import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import Button from '@mui/material/Button';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** Back to a list (« Toutes les factures », « Tous les devis »), in a page header's actions. */
export function BackButton({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Button startIcon={<ArrowBackIcon />} component={Link} to={to}>
      {children}
    </Button>
  );
}
