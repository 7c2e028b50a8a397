import BackupIcon from '@mui/icons-material/Backup';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { errorMessage } from '../../components/form/serverErrors';
import { formatDateTime, formatSize } from '../../lib/format';
import { useBackups, useCreateBackup } from './api';

const SHOWN = 10;

/** The automatic copies of the company file, and one more on demand. */
export function BackupsSection() {
  const backups = useBackups();
  const create = useCreateBackup();
  const rows = backups.data?.rows ?? [];
  return (
    <Paper component="section" aria-labelledby="backups-title" sx={{ p: 3 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, flexWrap: 'wrap', mb: 1 }}>
        <Box sx={{ flexGrow: 1, minWidth: 320 }}>
          <Typography variant="h2" id="backups-title">
            Sauvegardes
          </Typography>
          <Typography color="text.secondary" sx={{ mt: 0.5, maxWidth: 760 }}>
            Encours garde automatiquement des copies complètes de votre dossier et supprime les plus anciennes ; il en fait une juste avant chaque clôture. Faites-en une de plus avant une opération importante. Pour revenir à une copie : menu <strong>Fichier › Restaurer une sauvegarde…</strong>
          </Typography>
        </Box>
        <Button variant="contained" startIcon={<BackupIcon />} onClick={() => create.mutate()} loading={create.isPending}>
          Sauvegarder maintenant
        </Button>
      </Box>
      {create.data && (
        <Alert severity="success" sx={{ my: 1.5 }} onClose={() => create.reset()} data-testid="backup-created">
          Copie enregistrée : <Box component="code" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{create.data.path}</Box>
        </Alert>
      )}
      {create.error && (
        <Alert severity="error" sx={{ my: 1.5 }}>
          {errorMessage(create.error)}
        </Alert>
      )}
      {backups.error && <Alert severity="error">{errorMessage(backups.error)}</Alert>}
      {backups.data && (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5, wordBreak: 'break-all' }}>
            Dossier des sauvegardes : <Box component="code" sx={{ fontFamily: 'monospace' }}>{backups.data.folder}</Box>
          </Typography>
          {rows.length === 0 ? (
            <Typography sx={{ mt: 2 }}>Aucune copie pour l’instant : la première sera faite à la prochaine ouverture du dossier, ou maintenant avec le bouton ci-dessus.</Typography>
          ) : (
            <Table size="small" aria-label="Dernières sauvegardes" sx={{ mt: 1.5 }}>
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 200 }}>Date</TableCell>
                  <TableCell>Fichier</TableCell>
                  <TableCell sx={{ width: 120, textAlign: 'right' }}>Taille</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.slice(0, SHOWN).map((b) => (
                  <TableRow key={b.path}>
                    <TableCell>{formatDateTime(b.createdAt)}</TableCell>
                    <TableCell sx={{ wordBreak: 'break-all' }} title={b.path}>
                      {b.name}
                    </TableCell>
                    <TableCell sx={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatSize(b.size)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {rows.length > SHOWN && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              … et {rows.length - SHOWN} copie{rows.length - SHOWN > 1 ? 's' : ''} plus ancienne{rows.length - SHOWN > 1 ? 's' : ''} dans le même dossier.
            </Typography>
          )}
        </>
      )}
    </Paper>
  );
}
