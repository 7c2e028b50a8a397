import ConstructionIcon from '@mui/icons-material/Construction';
import Paper from '@mui/material/Paper';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import type { NavItem } from '../../navigation';

/** A section of the drawer whose screen a later version brings: it says what it will be for. */
export function SectionPlaceholder({ item }: { item: NavItem }) {
  return (
    <>
      <PageHeader title={item.label} />
      <Paper>
        <EmptyState icon={<ConstructionIcon fontSize="inherit" />} title="Cette section arrive bientôt">
          {item.purpose}
        </EmptyState>
      </Paper>
    </>
  );
}
