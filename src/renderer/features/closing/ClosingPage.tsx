import DownloadIcon from '@mui/icons-material/Download';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import LockIcon from '@mui/icons-material/Lock';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { Response } from '../../../shared/contract';
import { addDays, formatDateShort } from '../../../shared/dates';
import { errorMessage } from '../../components/form/serverErrors';
import { PageHeader } from '../../components/PageHeader';
import { fiscalYearLong, fiscalYearShort, formatDateTime } from '../../lib/format';
import { useToday } from '../../lib/today';
import { statusColors } from '../../theme';
import { useCreateNextFiscalYear, useFiscalYears } from '../ledger/api';
import { BackupsSection } from './BackupsSection';
import { CloseYearDialog } from './CloseYearDialog';
import { FecExportDialog } from './FecExportDialog';

type FiscalYear = Response<'fiscalYear.list'>['rows'][number];

function StatusChip({ year }: { year: FiscalYear }) {
  return year.status === 'open' ? (
    <Chip size="small" variant="outlined" label="Ouvert" sx={{ color: statusColors.open, borderColor: statusColors.open }} />
  ) : (
    <Chip
      size="small"
      icon={<LockIcon />}
      label={year.closedAt ? `Clôturé le ${formatDateTime(year.closedAt).split(' à ')[0]}` : 'Clôturé'}
      sx={{ color: '#fff', bgcolor: statusColors.written_off, '& .MuiChip-icon': { color: '#fff' } }}
    />
  );
}

/** Clôture & FEC: the fiscal years, closing one, its FEC for the accountant, and the backups. */
export function ClosingPage() {
  const years = useFiscalYears();
  const next = useCreateNextFiscalYear();
  const [closing, setClosing] = useState<FiscalYear | null>(null);
  const [exporting, setExporting] = useState<FiscalYear | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const today = useToday();
  const rows = years.data?.rows ?? [];
  // Years close in order: only the oldest open one, and only once its last day has passed.
  const oldestOpen = rows.find((y) => y.status === 'open');

  return (
    <>
      <PageHeader
        title="Clôture & FEC"
        subtitle="Une fois par an, l’exercice se clôture : ses comptes sont arrêtés et leurs soldes reportés sur l’exercice suivant. Le FEC est le fichier de toutes vos écritures, pour votre comptable et l’administration."
        actions={
          <Button
            variant="outlined"
            startIcon={<EventRepeatIcon />}
            loading={next.isPending}
            onClick={() => next.mutate(undefined, { onSuccess: (fy) => setMessage(`Exercice ${fiscalYearShort(fy)} ouvert (${fiscalYearLong(fy)}).`) })}
          >
            Ouvrir l’exercice suivant
          </Button>
        }
      />
      {next.error && (
        <Alert severity="error" sx={{ mb: 2 }} onClose={() => next.reset()}>
          {errorMessage(next.error)}
        </Alert>
      )}
      {years.error && <Alert severity="error" sx={{ mb: 2 }}>{errorMessage(years.error)}</Alert>}
      <Paper component="section" aria-labelledby="years-title" sx={{ mb: 3 }}>
        <Box sx={{ p: 2, pb: 1 }}>
          <Typography variant="h2" id="years-title">
            Exercices
          </Typography>
          <Typography color="text.secondary" sx={{ mt: 0.5 }}>
            Ouvrez l’exercice suivant pour y enregistrer des opérations avant d’avoir clôturé celui en cours.
          </Typography>
        </Box>
        <Table aria-label="Exercices">
          <TableHead>
            <TableRow>
              <TableCell>Exercice</TableCell>
              <TableCell>Période</TableCell>
              <TableCell>État</TableCell>
              <TableCell sx={{ textAlign: 'right' }}>Écritures</TableCell>
              <TableCell sx={{ textAlign: 'right' }}>Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((y) => (
              <TableRow key={y.end} data-testid={`fiscal-year-${y.end}`}>
                <TableCell sx={{ fontWeight: 600 }}>{fiscalYearShort(y)}</TableCell>
                <TableCell>
                  {formatDateShort(y.start)} – {formatDateShort(y.end)}
                </TableCell>
                <TableCell>
                  <StatusChip year={y} />
                </TableCell>
                <TableCell sx={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{y.entries.toLocaleString('fr-FR')}</TableCell>
                <TableCell sx={{ textAlign: 'right' }}>
                  <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
                    <Button size="small" startIcon={<DownloadIcon />} onClick={() => setExporting(y)} aria-label={`Exporter le FEC de l’exercice ${fiscalYearShort(y)}`}>
                      Exporter le FEC
                    </Button>
                    {y === oldestOpen && today > y.end && (
                      <Button size="small" variant="outlined" color="warning" startIcon={<LockIcon />} onClick={() => setClosing(y)} aria-label={`Clôturer l’exercice ${fiscalYearShort(y)}`}>
                        Clôturer l’exercice
                      </Button>
                    )}
                    {y === oldestOpen && today <= y.end && (
                      <Typography variant="body2" color="text.secondary" sx={{ alignSelf: 'center' }} data-testid="close-not-yet">
                        Clôture possible à partir du {formatDateShort(addDays(y.end, 1))}
                      </Typography>
                    )}
                  </Stack>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
      <BackupsSection />
      {closing && <CloseYearDialog year={closing} onClose={() => setClosing(null)} />}
      {exporting && <FecExportDialog year={exporting} onClose={() => setExporting(null)} />}
      <Snackbar open={message !== null} autoHideDuration={5000} onClose={() => setMessage(null)} message={message} />
    </>
  );
}
