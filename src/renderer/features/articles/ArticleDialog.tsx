import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { RequestInput } from '../../../shared/contract';
import { ArticleCreateRequest, type Article } from '../../../shared/domain/article';
import { LINE_KIND_LABELS, VAT_RATES } from '../../../shared/domain/invoice';
import { formatPercent } from '../../../shared/money';
import { UNIT_CODES, UNITS, type UnitCode } from '../../../shared/units';
import { ErrorDialog } from '../../components/ErrorDialog';
import { FormTextField } from '../../components/form/FormTextField';
import { applyServerErrors, errorMessage, requestResolver } from '../../components/form/serverErrors';
import { inputText } from '../../lib/amounts';
import { useSaveArticle } from './api';

interface Values {
  reference: string;
  description: string;
  kind: 'goods' | 'services';
  unit: UnitCode;
  unitPrice: string;
  vatRate: string;
  account: string;
}

const FIELDS = ['reference', 'description', 'kind', 'unit', 'unitPrice', 'vatRate', 'account'];

const toRequest = (v: Values): RequestInput<'article.create'> => ({ ...v });

function toForm(a: Article | undefined, noVat: boolean): Values {
  return {
    reference: a?.reference ?? '',
    description: a?.description ?? '',
    kind: a?.kind ?? 'services',
    unit: a?.unit ?? 'C62',
    unitPrice: inputText(a?.unitPrice),
    vatRate: a?.vatRate ?? (noVat ? '0' : '20'),
    account: a?.account ?? '',
  };
}

/** Creates or edits an article; the main process's refusals (reference taken, not a revenue account) go under their field. */
export function ArticleDialog({ article, noVat, onClose, onSaved }: { article?: Article | undefined; noVat: boolean; onClose: () => void; onSaved: (a: Article) => void }) {
  const save = useSaveArticle();
  const [refusal, setRefusal] = useState<string | null>(null);
  const { control, handleSubmit, setError } = useForm<Values>({
    resolver: requestResolver<Values>(ArticleCreateRequest, (v) => ({ request: toRequest(v), fields: FIELDS })),
    defaultValues: toForm(article, noVat),
    mode: 'onTouched',
  });

  const submit = handleSubmit(async (v) => {
    try {
      onSaved(await save.mutateAsync({ id: article?.id, values: toRequest(v) }));
    } catch (err) {
      if (applyServerErrors(err, setError, FIELDS).length === 0) setRefusal(errorMessage(err));
    }
  });

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="article-title">
      <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <DialogTitle id="article-title">{article ? `Modifier l’article ${article.reference ?? ''}`.trim() : 'Nouvel article'}</DialogTitle>
        <DialogContent dividers>
          <DialogContentText sx={{ mb: 2 }}>
            {article
              ? 'Les factures déjà faites avec cet article gardent leurs lignes telles qu’elles sont : seules les prochaines reprendront ces valeurs.'
              : 'Tapé une fois, repris sur chaque facture : commencez à taper sa description dans une ligne de facture et choisissez-le.'}
          </DialogContentText>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 3 }}>
              <FormTextField control={control} name="reference" label="Référence" helperText="Facultative, unique." />
            </Grid>
            <Grid size={{ xs: 12, sm: 9 }}>
              <FormTextField control={control} name="description" label="Description" required autoFocus placeholder="Telle qu’elle figurera sur la facture" />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormTextField control={control} name="kind" label="Nature" select>
                {(['goods', 'services'] as const).map((k) => (
                  <MenuItem key={k} value={k}>{LINE_KIND_LABELS[k]}</MenuItem>
                ))}
              </FormTextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormTextField control={control} name="unit" label="Unité" select>
                {UNIT_CODES.map((u) => (
                  <MenuItem key={u} value={u}>{UNITS[u].label}</MenuItem>
                ))}
              </FormTextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <FormTextField
                control={control}
                name="unitPrice"
                label="Prix unitaire HT"
                required
                slotProps={{ htmlInput: { inputMode: 'decimal' }, input: { endAdornment: <InputAdornment position="end">€</InputAdornment> } }}
              />
            </Grid>
            {!noVat && (
              <Grid size={{ xs: 12, sm: 4 }}>
                <FormTextField control={control} name="vatRate" label="TVA" select>
                  {VAT_RATES.map((r) => (
                    <MenuItem key={r} value={r}>{formatPercent(r)}</MenuItem>
                  ))}
                </FormTextField>
              </Grid>
            )}
            <Grid size={{ xs: 12, sm: 8 }}>
              <FormTextField control={control} name="account" label="Compte de produits" helperText="Facultatif : 706 (services) ou 707 (marchandises) par défaut, ou un sous-compte de classe 7." slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
            </Grid>
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Annuler</Button>
          <Button type="submit" variant="contained" loading={save.isPending}>
            {article ? 'Enregistrer' : 'Ajouter l’article'}
          </Button>
        </DialogActions>
      </form>
      <ErrorDialog message={refusal} onClose={() => setRefusal(null)} />
    </Dialog>
  );
}
