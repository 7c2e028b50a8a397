import Autocomplete, { createFilterOptions } from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import type { Article } from '../../../shared/domain/article';
import { formatEuro, formatPercent } from '../../../shared/money';
import { foldForSearch } from '../../../shared/text';
import { UNITS } from '../../../shared/units';
import { useArticles } from './api';

const filter = createFilterOptions<Article>({ stringify: (a) => foldForSearch(`${a.reference ?? ''} ${a.description}`), limit: 20 });

/**
 * A line's description, typed freely or picked from the catalogue: picking an article hands it to
 * `onPick`, which fills the rest of the line. The line keeps a copy; the article may change later.
 */
export function ArticleDescriptionField<T extends FieldValues>({ control, name, noVat, onPick }: { control: Control<T>; name: FieldPath<T>; noVat: boolean; onPick: (a: Article) => void }) {
  const articles = useArticles(false);
  const options = articles.data?.rows ?? [];
  return (
    <Controller
      name={name}
      control={control}
      render={({ field, fieldState }) => (
        <Autocomplete<Article, false, false, true>
          freeSolo
          options={options}
          filterOptions={(opts, state) => filter(opts, { ...state, inputValue: foldForSearch(state.inputValue) })}
          getOptionLabel={(o) => (typeof o === 'string' ? o : o.description)}
          inputValue={(field.value as string | undefined) ?? ''}
          onInputChange={(_e, value, reason) => {
            if (reason === 'input' || reason === 'clear') field.onChange(value);
          }}
          onChange={(_e, value) => {
            if (value && typeof value !== 'string') onPick(value);
          }}
          value={null}
          blurOnSelect
          renderOption={({ key, ...props }, a) => (
            <Box component="li" key={key} {...props} sx={{ display: 'flex', justifyContent: 'space-between', gap: 2 }}>
              <span>
                {a.description}
                {a.reference && (
                  <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                    {a.reference}
                  </Typography>
                )}
              </span>
              <Typography component="span" variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                {formatEuro(a.unitPrice)} HT / {UNITS[a.unit].label}
                {noVat ? '' : ` · TVA ${formatPercent(a.vatRate)}`}
              </Typography>
            </Box>
          )}
          renderInput={(params) => (
            <TextField
              {...params}
              name={field.name}
              inputRef={field.ref}
              onBlur={field.onBlur}
              label="Description"
              placeholder={options.length > 0 ? 'Ce qui est vendu, ou un article du catalogue' : 'Ce qui est vendu, précisément'}
              required
              error={Boolean(fieldState.error)}
              helperText={fieldState.error?.message}
            />
          )}
        />
      )}
    />
  );
}
