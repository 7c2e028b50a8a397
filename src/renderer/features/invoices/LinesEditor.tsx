import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { Controller, useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import type { Article } from '../../../shared/domain/article';
import { LINE_KIND_LABELS, VAT_RATES } from '../../../shared/domain/invoice';
import { formatEuro, formatPercent } from '../../../shared/money';
import { DEFAULT_UNIT, UNIT_CODES, UNITS } from '../../../shared/units';
import { FieldErrorsBelow, FormTextField } from '../../components/form/FormTextField';
import { inputText } from '../../lib/amounts';
import { amountSx } from '../../lib/format';
import { ArticleDescriptionField } from '../articles/ArticleDescriptionField';
import { emptyLine, type LinesFormShape, type LineTotals } from './lines';

/** The document the lines belong to, for the words that name it. */
export type LinesDocument = 'facture' | 'devis';

const NAMES: Record<LinesDocument, { one: string; total: string; all: string }> = {
  facture: { one: 'Une facture', total: 'la facture fait le total TTC que vous tapez', all: 'vos factures' },
  devis: { one: 'Un devis', total: 'le devis fait le total TTC que vous tapez', all: 'vos devis' },
};

/**
 * The lines of an invoice or a quote: description (free or from the catalogue), unit, nature, quantity,
 * price HT or TTC, VAT, discount, and each line's amount as computed by the caller. It reads and writes
 * the form of the FormProvider around it, whose values include LinesFormShape.
 */
export function LinesEditor({ document, title, noVat, nets }: { document: LinesDocument; title: string; noVat: boolean; nets: (bigint | null)[] }) {
  const { control, setValue } = useFormContext<LinesFormShape>();
  const { fields, append, remove } = useFieldArray({ control, name: 'lines' });
  const lines = useWatch({ control, name: 'lines' });
  const ttc = useWatch({ control, name: 'pricesIncludeTax' }) && !noVat;
  const names = NAMES[document];
  // An article from the catalogue fills the line; the line keeps its copy (the article may change later).
  const pickArticle = (i: number, a: Article) => {
    const set = { shouldDirty: true, shouldValidate: true } as const;
    setValue(`lines.${i}.description`, a.description, set);
    setValue(`lines.${i}.kind`, a.kind, set);
    setValue(`lines.${i}.unit`, a.unit === DEFAULT_UNIT ? '' : a.unit, set);
    setValue(`lines.${i}.unitPrice`, inputText(a.unitPrice), set);
    if (!noVat) setValue(`lines.${i}.vatRate`, a.vatRate, set);
    setValue(`lines.${i}.account`, a.account ?? '', set);
  };
  return (
    <Paper component="section" aria-labelledby="doc-lines" sx={{ p: 2 }}>
      <Box sx={{ mb: 1 }}>
        <Typography variant="h3" id="doc-lines">
          {title}
        </Typography>
        {!noVat && (
          <FormControlLabel
            sx={{ mt: 0.5 }}
            control={<Controller name="pricesIncludeTax" control={control} render={({ field }) => <Switch checked={field.value} onChange={(e) => field.onChange(e.target.checked)} />} />}
            label={`Prix saisis TTC : Encours en déduit les prix HT, et ${names.total}`}
          />
        )}
        {noVat && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            Franchise en base de TVA : {names.all} ne portent pas de TVA et mentionnent « TVA non applicable, art. 293 B du CGI ».
          </Typography>
        )}
      </Box>
      {fields.map((f, i) => {
        const net = nets[i];
        return (
          <Box key={f.id} role="group" aria-label={`Ligne ${i + 1}`} data-testid={`line-${i}`} sx={{ py: 1.5, borderTop: i > 0 ? 1 : 0, borderColor: 'divider' }}>
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'minmax(0, 1fr) 120px 180px' }, gap: 1.5, mb: 1.5 }}>
              <ArticleDescriptionField control={control} name={`lines.${i}.description`} noVat={noVat} onPick={(a) => pickArticle(i, a)} />
              <FormTextField control={control} name={`lines.${i}.unit`} label="Unité" select slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}>
                <MenuItem value="">—</MenuItem>
                {UNIT_CODES.filter((u) => u !== DEFAULT_UNIT).map((u) => (
                  <MenuItem key={u} value={u}>
                    {UNITS[u].label}
                  </MenuItem>
                ))}
              </FormTextField>
              <FormTextField control={control} name={`lines.${i}.kind`} label="Nature" select>
                {(['goods', 'services'] as const).map((k) => (
                  <MenuItem key={k} value={k}>
                    {LINE_KIND_LABELS[k]}
                  </MenuItem>
                ))}
              </FormTextField>
            </Box>
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', sm: noVat ? '90px 150px 100px minmax(0, 1fr) 40px' : '90px 150px 100px 100px minmax(0, 1fr) 40px' }, gap: 1.5, alignItems: 'start' }}>
              <FormTextField control={control} name={`lines.${i}.quantity`} label="Quantité" errorBelow slotProps={{ htmlInput: { inputMode: 'decimal' } }} />
              <FormTextField
                control={control}
                name={`lines.${i}.unitPrice`}
                label={ttc ? 'Prix unitaire TTC' : 'Prix unitaire HT'}
                errorBelow
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">€</InputAdornment> } }}
              />
              {!noVat && (
                <FormTextField control={control} name={`lines.${i}.vatRate`} label="TVA" errorBelow select>
                  {VAT_RATES.map((r) => (
                    <MenuItem key={r} value={r}>
                      {formatPercent(r)}
                    </MenuItem>
                  ))}
                </FormTextField>
              )}
              <FormTextField
                control={control}
                name={`lines.${i}.discountPercent`}
                label="Remise"
                errorBelow
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">%</InputAdornment> } }}
              />
              <Box sx={{ textAlign: 'right', pt: 0.25 }}>
                <Typography variant="caption" color="text.secondary" component="div">
                  Montant HT
                </Typography>
                <Typography sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 500, whiteSpace: 'nowrap' }} data-testid={`line-net-${i}`}>
                  {net == null ? '—' : formatEuro(net)}
                </Typography>
              </Box>
              <Tooltip title={fields.length > 1 ? 'Supprimer la ligne' : `${names.one} a au moins une ligne`}>
                <span>
                  <IconButton aria-label={`Supprimer la ligne ${i + 1}`} onClick={() => remove(i)} disabled={fields.length <= 1} size="small" sx={{ mt: 0.5 }}>
                    <DeleteOutlineIcon />
                  </IconButton>
                </span>
              </Tooltip>
            </Box>
            <FieldErrorsBelow
              control={control}
              fields={[
                { name: `lines.${i}.quantity`, label: 'Quantité' },
                { name: `lines.${i}.unitPrice`, label: 'Prix unitaire HT' },
                { name: `lines.${i}.vatRate`, label: 'TVA' },
                { name: `lines.${i}.discountPercent`, label: 'Remise' },
              ]}
            />
          </Box>
        );
      })}
      <Button startIcon={<AddIcon />} onClick={() => append(emptyLine(noVat, lines[lines.length - 1]), { focusName: `lines.${fields.length}.description` })}>
        Ajouter une ligne
      </Button>
    </Paper>
  );
}

/** The live totals of the lines: before and after the document-wide discount, per VAT rate, HT, TVA, TTC. */
export function LineTotalsTable({ totals, noVat, discountPercent, label }: { totals: LineTotals; noVat: boolean; discountPercent: string | undefined; label: string }) {
  return (
    <Table size="small" aria-label={label} sx={{ '& td': { px: 0.5 } }}>
      <TableBody>
        {totals.discount !== 0n && (
          <>
            <TableRow>
              <TableCell>Total HT avant remise</TableCell>
              <TableCell sx={amountSx} data-testid="total-before-discount">
                {formatEuro(totals.netBeforeDiscount)}
              </TableCell>
            </TableRow>
            <TableRow>
              <TableCell>Remise {formatPercent(discountPercent ?? '0')}</TableCell>
              <TableCell sx={amountSx} data-testid="total-discount">
                {formatEuro(-totals.discount)}
              </TableCell>
            </TableRow>
          </>
        )}
        {!noVat &&
          totals.byRate.map((r) => (
            <TableRow key={r.rate} data-testid={`rate-${r.rate}`}>
              <TableCell>
                Base HT à {formatPercent(r.rate)}
                <Typography variant="caption" color="text.secondary" component="div">
                  TVA {formatPercent(r.rate)}
                </Typography>
              </TableCell>
              <TableCell sx={amountSx}>
                <span data-testid={`base-${r.rate}`}>{formatEuro(r.base)}</span>
                <Typography variant="caption" color="text.secondary" component="div" data-testid={`vat-${r.rate}`}>
                  {formatEuro(r.vat)}
                </Typography>
              </TableCell>
            </TableRow>
          ))}
        <TableRow>
          <TableCell>Total HT</TableCell>
          <TableCell sx={amountSx} data-testid="total-net">
            {formatEuro(totals.net)}
          </TableCell>
        </TableRow>
        <TableRow>
          <TableCell>{noVat ? 'TVA non applicable, art. 293 B du CGI' : 'Total TVA'}</TableCell>
          <TableCell sx={amountSx} data-testid="total-vat">
            {noVat ? '' : formatEuro(totals.vat)}
          </TableCell>
        </TableRow>
        <TableRow sx={{ '& td': { fontWeight: 700, fontSize: '1rem', borderBottom: 0 } }}>
          <TableCell>Total TTC</TableCell>
          <TableCell sx={amountSx} data-testid="total-gross">
            {formatEuro(totals.gross)}
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}
