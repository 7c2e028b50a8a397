import AddIcon from '@mui/icons-material/Add';
import Inventory2Icon from '@mui/icons-material/Inventory2';
import SearchIcon from '@mui/icons-material/Search';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useDeferredValue, useState } from 'react';
import type { Article } from '../../../shared/domain/article';
import { LINE_KIND_LABELS } from '../../../shared/domain/invoice';
import { formatEuro, formatPercent } from '../../../shared/money';
import { UNITS } from '../../../shared/units';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/form/serverErrors';
import { useCompany } from '../company/api';
import { useArchiveArticle, useArticles } from './api';
import { ArticleDialog } from './ArticleDialog';

type Editing = { article?: Article } | null;

/** Paramètres › Articles: the catalogue the invoice lines are picked from. */
export function ArticlesPage() {
  const [showArchived, setShowArchived] = useState(false);
  const [search, setSearch] = useState('');
  const { data, isLoading, error } = useArticles(showArchived, useDeferredValue(search));
  const company = useCompany();
  const noVat = company.data?.vatRegime === 'franchise';
  const archive = useArchiveArticle();
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rows = data?.rows ?? [];

  const toggle = async (a: Article) => {
    try {
      await archive.mutateAsync({ id: a.id, archived: !a.archived });
      setNotice(a.archived ? `« ${a.description} » de nouveau proposé sur les factures.` : `« ${a.description} » archivé : il n’est plus proposé, les factures faites ne changent pas.`);
    } catch (err) {
      setNotice(errorMessage(err));
    }
  };

  const columns: GridColDef<Article>[] = [
    { field: 'reference', headerName: 'Référence', width: 120, valueGetter: (_v, row) => row.reference ?? '' },
    { field: 'description', headerName: 'Description', flex: 1, minWidth: 220 },
    { field: 'kind', headerName: 'Nature', width: 150, valueFormatter: (v: Article['kind']) => LINE_KIND_LABELS[v] },
    { field: 'unit', headerName: 'Unité', width: 110, valueFormatter: (v: Article['unit']) => UNITS[v].label },
    { field: 'unitPrice', headerName: 'Prix HT', width: 120, align: 'right', headerAlign: 'right', valueFormatter: (v: string) => formatEuro(v) },
    ...(noVat ? [] : [{ field: 'vatRate', headerName: 'TVA', width: 80, align: 'right', headerAlign: 'right', valueFormatter: (v: string) => formatPercent(v) } satisfies GridColDef<Article>]),
    { field: 'account', headerName: 'Compte', width: 100, valueGetter: (_v, row) => row.account ?? 'par défaut' },
    {
      field: 'actions',
      headerName: '',
      width: 130,
      sortable: false,
      renderCell: ({ row }) => (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', height: '100%' }}>
          {row.archived && <Chip size="small" label="Archivé" />}
          <Button size="small" onClick={(e) => { e.stopPropagation(); void toggle(row); }}>
            {row.archived ? 'Réactiver' : 'Archiver'}
          </Button>
        </Stack>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Articles"
        subtitle="Ce que vous vendez souvent, tapé une fois : dans une ligne de facture, commencez à taper la description et choisissez l’article."
        actions={
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing({})}>
            Nouvel article
          </Button>
        }
      />
      {error && <Alert severity="error">{errorMessage(error)}</Alert>}
      {!isLoading && !error && rows.length === 0 && !showArchived && !search ? (
        <Paper>
          <EmptyState icon={<Inventory2Icon fontSize="inherit" />} title="Aucun article pour l’instant">
            Une heure de main-d’œuvre, un déplacement, un produit que vous revendez : enregistrez-les ici avec leur prix et leur taux de TVA.
          </EmptyState>
        </Paper>
      ) : (
        <Paper sx={{ p: 2 }}>
          <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center' }}>
            <TextField
              label="Rechercher"
              placeholder="Référence ou description"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              sx={{ maxWidth: 420, flex: 1 }}
              slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon /></InputAdornment> } }}
            />
            <FormControlLabel control={<Switch checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />} label="Montrer les articles archivés" />
          </Stack>
          <DataGrid
            rows={rows}
            columns={columns}
            loading={isLoading}
            density="compact"
            disableRowSelectionOnClick
            onRowClick={({ row }) => setEditing({ article: row })}
            initialState={{ pagination: { paginationModel: { pageSize: 50 } } }}
            pageSizeOptions={[25, 50, 100]}
            sx={{ height: 'calc(100vh - 340px)', minHeight: 320, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
            aria-label="Catalogue des articles"
          />
        </Paper>
      )}
      {editing && (
        <ArticleDialog
          article={editing.article}
          noVat={noVat}
          onClose={() => setEditing(null)}
          onSaved={(a) => {
            setEditing(null);
            setNotice(editing.article ? `Article « ${a.description} » modifié.` : `Article « ${a.description} » ajouté au catalogue.`);
          }}
        />
      )}
      <Snackbar open={notice !== null} autoHideDuration={5000} onClose={() => setNotice(null)} message={notice} />
    </>
  );
}
