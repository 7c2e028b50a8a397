import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { Link } from 'react-router';
import type { Company } from '../../../shared/domain/company';
import { PageHeader } from '../../components/PageHeader';
import { useCustomers } from '../customers/api';

/** For now: where the owner stands and what to do next. Encours, aging and DSO come with receivables. */
export function DashboardPage({ company }: { company: Company }) {
  const customers = useCustomers('');
  const customerCount = customers.data?.total ?? 0;
  const steps = [
    { done: true, label: 'Créer le dossier de l’entreprise', to: '/parametres', action: 'Voir' },
    { done: Boolean(company.iban), label: 'Indiquer votre IBAN pour qu’il figure sur vos factures', to: '/parametres', action: 'Compléter' },
    { done: customerCount > 0, label: 'Créer vos clients', to: '/clients', action: 'Ouvrir' },
  ];
  return (
    <>
      <PageHeader title="Tableau de bord" subtitle={`Bonjour ! Voici où en est ${company.name}.`} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Paper sx={{ p: 3 }}>
            <Typography variant="h2" gutterBottom>
              Pour bien démarrer
            </Typography>
            <List>
              {steps.map((s) => (
                <ListItem key={s.label} secondaryAction={!s.done && <Button component={Link} to={s.to}>{s.action}</Button>}>
                  <ListItemIcon>{s.done ? <CheckCircleIcon color="success" /> : <RadioButtonUncheckedIcon color="disabled" />}</ListItemIcon>
                  <ListItemText primary={s.label} />
                </ListItem>
              ))}
            </List>
          </Paper>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Paper sx={{ p: 3 }}>
            <Typography variant="h3" color="text.secondary">
              Clients
            </Typography>
            <Typography variant="h1" component="p" sx={{ my: 1 }} data-testid="customer-count">
              {customerCount}
            </Typography>
            <Button component={Link} to="/clients">
              Voir les clients
            </Button>
          </Paper>
        </Grid>
      </Grid>
    </>
  );
}
