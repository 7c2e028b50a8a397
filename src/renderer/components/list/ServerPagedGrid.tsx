import { DataGrid, type GridColDef, type GridPaginationModel, type GridValidRowModel } from '@mui/x-data-grid';
import { frFR as gridFr } from '@mui/x-data-grid/locales';

/**
 * A list paged by the main process: compact, no sorting or filtering of its own, a row (click or Entrée)
 * opens its page.
 */
export function ServerPagedGrid<R extends GridValidRowModel>({
  rows,
  columns,
  total,
  loading,
  page,
  onPageChange,
  open,
  noRowsLabel,
  height,
  label,
}: {
  rows: R[];
  columns: GridColDef<R>[];
  total: number;
  loading: boolean;
  page: GridPaginationModel;
  onPageChange: (page: GridPaginationModel) => void;
  /** Opens the row's own page. */
  open: (row: R) => void;
  noRowsLabel: string;
  /** The grid's CSS height (what is left of the window under the header and the filters). */
  height: string;
  label: string;
}) {
  return (
    <DataGrid
      rows={rows}
      columns={columns}
      rowCount={total}
      loading={loading}
      paginationMode="server"
      paginationModel={page}
      onPaginationModelChange={onPageChange}
      pageSizeOptions={[25, 50, 100]}
      density="compact"
      disableColumnSorting
      disableColumnFilter
      disableRowSelectionOnClick
      onRowClick={({ row }) => open(row)}
      onCellKeyDown={({ row }, e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          open(row);
        }
      }}
      localeText={{ ...gridFr.components.MuiDataGrid.defaultProps.localeText, noRowsLabel }}
      sx={{ height, minHeight: 360, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
      aria-label={label}
    />
  );
}
