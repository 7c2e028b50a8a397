import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { frFR as gridFr } from '@mui/x-data-grid/locales';
import { useDeferredValue, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Response } from '../../../shared/contract';
import { formatEuro, formatPercent } from '../../../shared/money';
import { errorMessage } from '../../components/form/serverErrors';
import { useToday } from '../../lib/today';
import { PageHeader } from '../../components/PageHeader';
import { useDoubtfulList, useProvisionMatrix } from './api';
import { DoubtfulTabs } from './common';
import { PercentText, percentValue } from './percent';

interface Bucket {
  fromDays: string;
  toDays: string;
  percent: string;
}
const SEED: Bucket[] = [
  { fromDays: '0', toDays: '30', percent: '0' },
  { fromDays: '31', toDays: '90', percent: '5' },
  { fromDays: '91', toDays: '', percent: '30' },
];
const days = (v: string) => /^\d{1,4}$/.test(v.trim());

type Row = Response<'doubtful.provisionMatrix'>['rows'][number];

/** The provision matrix: an aid that posts nothing; each suggestion can become an individual provision. */
export function ProvisionMatrixPage() {
  const navigate = useNavigate();
  const today = useToday();
  const [buckets, setBuckets] = useState<Bucket[]>(SEED);
  const errors = buckets.map((b) => ({
    fromDays: days(b.fromDays) ? null : 'Jours entiers',
    toDays: b.toDays.trim() === '' || (days(b.toDays) && Number(b.toDays) >= Number(b.fromDays)) ? null : 'Après « de »',
    percent: PercentText.safeParse(b.percent).error?.issues[0]?.message ?? null,
  }));
  const ok = errors.every((e) => !e.fromDays && !e.toDays && !e.percent);
  const request = useDeferredValue(
    ok
      ? { asOf: today, buckets: buckets.map((b) => ({ fromDays: Number(b.fromDays), ...(b.toDays.trim() ? { toDays: Number(b.toDays) } : {}), percent: percentValue(b.percent) })) }
      : null,
  );
  const matrix = useProvisionMatrix(request);
  const doubtful = useDoubtfulList(today);
  const isDoubtful = (id: number) => (doubtful.data?.rows ?? []).some((r) => r.invoiceId === id);
  const set = (i: number, k: keyof Bucket, value: string) => setBuckets((bs) => bs.map((b, j) => (j === i ? { ...b, [k]: value } : b)));

  const columns: GridColDef<Row>[] = [
    { field: 'number', headerName: 'Facture', width: 130 },
    { field: 'customerName', headerName: 'Client', flex: 1, minWidth: 140 },
    { field: 'daysOverdue', headerName: 'Retard', width: 90, align: 'right', headerAlign: 'right', valueFormatter: (v: number) => `${v} j` },
    { field: 'outstandingHt', headerName: 'HT restant', width: 130, align: 'right', headerAlign: 'right', valueFormatter: (v: string) => formatEuro(v) },
    { field: 'percent', headerName: 'Taux', width: 80, align: 'right', headerAlign: 'right', valueFormatter: (v: string) => formatPercent(v) },
    { field: 'suggested', headerName: 'Suggestion', width: 130, align: 'right', headerAlign: 'right', valueFormatter: (v: string) => formatEuro(v) },
    { field: 'current', headerName: 'Dépréciation actuelle', width: 160, align: 'right', headerAlign: 'right', valueFormatter: (v: string) => formatEuro(v) },
    {
      field: 'action',
      headerName: '',
      width: 210,
      sortable: false,
      renderCell: ({ row }) =>
        Number(row.percent) > 0 ? (
          <Button
            size="small"
            onClick={() =>
              void navigate(
                isDoubtful(row.invoiceId)
                  ? `/creances-douteuses/${row.invoiceId}?action=reestimer&risque=${encodeURIComponent(row.percent)}`
                  : `/creances-douteuses/classer?factures=${row.invoiceId}&risque=${encodeURIComponent(row.percent)}`,
              )
            }
          >
            Déprécier cette facture…
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader title="Matrice de dépréciation" subtitle="Des taux par ancienneté de retard appliqués à vos créances : une aide pour estimer, jamais une écriture." />
      <DoubtfulTabs>
        <Alert severity="warning" sx={{ mb: 2 }}>
          Cette matrice n’écrit rien dans vos comptes. L’administration refuse les dépréciations forfaitaires : chaque dépréciation doit reposer sur un événement propre à la créance (relances restées sans réponse, mise en demeure, litige, procédure collective) et se justifier facture par facture. Utilisez la suggestion pour estimer, puis « Déprécier cette facture… » pour passer une dépréciation individuelle, avec ses pièces.
        </Alert>
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr', gap: 2, alignItems: 'start' }}>
          <Paper sx={{ p: 2, maxWidth: 560 }}>
            <Typography variant="h3" sx={{ mb: 1 }}>
              Tranches de retard
            </Typography>
            <Table size="small" aria-label="Tranches de la matrice">
              <TableHead>
                <TableRow>
                  <TableCell>De (jours)</TableCell>
                  <TableCell>À (jours)</TableCell>
                  <TableCell>Taux %</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {buckets.map((b, i) => (
                  <TableRow key={i} sx={{ verticalAlign: 'top' }}>
                    <TableCell>
                      <TextField size="small" value={b.fromDays} onChange={(e) => set(i, 'fromDays', e.target.value)} error={Boolean(errors[i]?.fromDays)} helperText={errors[i]?.fromDays} slotProps={{ htmlInput: { 'aria-label': `Tranche ${i + 1} : de`, inputMode: 'numeric' } }} />
                    </TableCell>
                    <TableCell>
                      <TextField size="small" value={b.toDays} placeholder="et plus" onChange={(e) => set(i, 'toDays', e.target.value)} error={Boolean(errors[i]?.toDays)} helperText={errors[i]?.toDays} slotProps={{ htmlInput: { 'aria-label': `Tranche ${i + 1} : à`, inputMode: 'numeric' } }} />
                    </TableCell>
                    <TableCell>
                      <TextField size="small" value={b.percent} onChange={(e) => set(i, 'percent', e.target.value)} error={Boolean(errors[i]?.percent)} helperText={errors[i]?.percent} slotProps={{ htmlInput: { 'aria-label': `Tranche ${i + 1} : taux`, inputMode: 'decimal' } }} />
                    </TableCell>
                    <TableCell padding="none">
                      <IconButton aria-label={`Supprimer la tranche ${i + 1}`} disabled={buckets.length === 1} onClick={() => setBuckets((bs) => bs.filter((_, j) => j !== i))}>
                        <DeleteIcon fontSize="small" />
                      </IconButton>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
              <Button size="small" startIcon={<AddIcon />} disabled={buckets.length >= 12} onClick={() => setBuckets((bs) => [...bs, { fromDays: '', toDays: '', percent: '' }])}>
                Ajouter une tranche
              </Button>
              <Button size="small" onClick={() => setBuckets(SEED)}>
                Taux d’exemple
              </Button>
            </Stack>
            <Typography variant="h3" sx={{ mt: 2 }} data-testid="matrix-total">
              Total suggéré : {matrix.data ? formatEuro(matrix.data.total) : '—'}
            </Typography>
          </Paper>
          <Paper>
            {matrix.error && <Alert severity="error">{errorMessage(matrix.error)}</Alert>}
            <DataGrid
              rows={matrix.data?.rows ?? []}
              columns={columns}
              getRowId={(r) => r.invoiceId}
              loading={matrix.isFetching}
              density="compact"
              disableColumnFilter
              disableRowSelectionOnClick
              pageSizeOptions={[25, 50, 100]}
              initialState={{ pagination: { paginationModel: { pageSize: 25 } } }}
              localeText={{ ...gridFr.components.MuiDataGrid.defaultProps.localeText, noRowsLabel: 'Aucune créance ouverte dans ces tranches.' }}
              sx={{ height: 420 }}
              aria-label="Suggestions de la matrice"
            />
          </Paper>
        </Box>
      </DoubtfulTabs>
    </>
  );
}
