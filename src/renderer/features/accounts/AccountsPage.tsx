import AddIcon from '@mui/icons-material/Add';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { ACCOUNT_ROLES, type AccountRole } from '../../../shared/accounts';
import { AccountAutocomplete } from '../../components/AccountAutocomplete';
import { errorMessage } from '../../components/form/serverErrors';
import { PageHeader } from '../../components/PageHeader';
import { useAccounts, useSetAccountRole } from '../ledger/api';
import { SubAccountDialog } from './SubAccountDialog';

interface RoleRow {
  role: string;
  label: string;
  account: string;
  default: string;
}

/** One role: the account Encours posts to, changed on the spot; a refusal stays under the field. */
function RoleRowView({ row, onSaved }: { row: RoleRow; onSaved: (message: string) => void }) {
  const setRole = useSetAccountRole();
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const prefix = ACCOUNT_ROLES[row.role as AccountRole]?.prefix;
  const value = draft ?? row.account;
  return (
    <TableRow>
      <TableCell sx={{ width: '42%' }}>
        <Typography>{row.label}</Typography>
        {prefix && (
          <Typography variant="caption" color="text.secondary">
            Un compte qui commence par {prefix}
          </Typography>
        )}
      </TableCell>
      <TableCell sx={{ width: 400 }}>
        <AccountAutocomplete
          minDigits={3}
          ariaLabel={`Compte « ${row.label} »`}
          value={value}
          prefix={prefix}
          error={error !== null}
          helperText={error ?? undefined}
          onChange={(account) => {
            if (!account || account === row.account) {
              setDraft(null);
              setError(null);
              return;
            }
            setDraft(account);
            setError(null);
            setRole.mutate(
              { role: row.role as AccountRole, account },
              {
                onSuccess: (r) => {
                  setDraft(null);
                  onSaved(`« ${r.label} » passe désormais au compte ${r.account}.`);
                },
                onError: (err) => setError((err as { fieldErrors?: Record<string, string> }).fieldErrors?.account ?? errorMessage(err)),
              },
            );
          }}
        />
      </TableCell>
      <TableCell>
        {row.account === row.default ? (
          <Chip size="small" variant="outlined" label="Par défaut" />
        ) : (
          <Chip size="small" color="primary" variant="outlined" icon={<CheckCircleIcon />} label={`Modifié (défaut : ${row.default})`} />
        )}
      </TableCell>
    </TableRow>
  );
}

/** Paramètres › Comptes: which account each kind of operation goes to, and the company's sub-accounts. */
export function AccountsPage() {
  const { data, error } = useAccounts();
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const custom = (data?.accounts ?? []).filter((a) => a.custom);
  return (
    <Box sx={{ maxWidth: 1100 }}>
      <PageHeader
        title="Comptes"
        subtitle="Encours écrit chaque opération sur les comptes du plan comptable général. Si votre comptable utilise des sous-comptes (ex. 5121 pour une deuxième banque), indiquez-les ici : les écritures suivantes les utiliseront."
        actions={
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
            Ajouter un sous-compte
          </Button>
        }
      />
      {error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(error)}</Alert>}
      <Paper component="section" aria-label="Comptes utilisés par Encours" sx={{ mb: 2 }}>
        <Typography variant="h3" sx={{ p: 2, pb: 1 }}>
          Comptes utilisés par Encours
        </Typography>
        <Typography color="text.secondary" sx={{ px: 2, pb: 1 }}>
          Changer un compte ne modifie pas les écritures déjà validées.
        </Typography>
        <Table size="small" aria-label="Compte de chaque opération">
          <TableHead>
            <TableRow>
              <TableCell>Opération</TableCell>
              <TableCell>Compte</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {(data?.roles ?? []).map((r) => (
              <RoleRowView key={r.role} row={r} onSaved={setMessage} />
            ))}
          </TableBody>
        </Table>
      </Paper>
      <Paper component="section" aria-label="Vos sous-comptes" sx={{ p: 2 }}>
        <Typography variant="h3" sx={{ mb: 1 }}>
          Vos sous-comptes
        </Typography>
        {custom.length === 0 ? (
          <Typography color="text.secondary">
            Aucun pour l’instant. Un sous-compte prolonge un compte du plan : 706100 « Prestations — atelier » sous 706, 5121 « Banque — Crédit Agricole » sous 512.
          </Typography>
        ) : (
          <Table size="small" aria-label="Sous-comptes">
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 140 }}>Compte</TableCell>
                <TableCell>Intitulé</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {custom.map((a) => (
                <TableRow key={a.number}>
                  <TableCell sx={{ fontWeight: 600 }}>{a.number}</TableCell>
                  <TableCell>{a.label}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Paper>
      {adding && (
        <SubAccountDialog
          onClose={() => setAdding(false)}
          onCreated={(a) => {
            setAdding(false);
            setMessage(`Compte ${a.number} « ${a.label} » créé.`);
          }}
        />
      )}
      <Snackbar open={message !== null} autoHideDuration={5000} onClose={() => setMessage(null)} message={message} />
    </Box>
  );
}
