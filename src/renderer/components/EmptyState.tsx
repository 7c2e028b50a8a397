import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** Empty states teach: what this place is for, and the first thing to do. */
export function EmptyState({ icon, title, children, action }: { icon?: ReactNode; title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Box sx={{ textAlign: 'center', py: 8, px: 2, maxWidth: 560, mx: 'auto', color: 'text.secondary' }}>
      {icon && <Box sx={{ fontSize: 48, mb: 1, color: 'primary.light' }}>{icon}</Box>}
      <Typography variant="h2" component="p" color="text.primary" gutterBottom>
        {title}
      </Typography>
      <Typography component="div" sx={{ mb: 3 }}>
        {children}
      </Typography>
      {action}
    </Box>
  );
}
