import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { useDeferredValue, useState, type ReactNode, type Ref } from 'react';
import type { Customer } from '../../shared/domain/customer';
import { useCustomers } from '../features/customers/api';

/** The props of the text field, common to every customer picker. */
export type CustomerFieldProps = {
  label?: string;
  error?: boolean;
  helperText?: ReactNode;
  name?: string;
  inputRef?: Ref<HTMLInputElement>;
  onBlur?: () => void;
  disabled?: boolean;
  autoFocus?: boolean;
  required?: boolean;
  ariaLabel?: string;
  placeholder?: string;
  /** Keep the label above the field, so the placeholder (« Tous les clients ») shows. */
  shrinkLabel?: boolean;
};

type Props<T extends { code: string; name: string }> = CustomerFieldProps & {
  /** What a found customer becomes as an option. */
  toOption: (c: Customer) => T;
  /** The chosen option, among the options found (or known otherwise), or null. */
  resolve: (found: T[]) => T | null;
  same: (a: T, b: T) => boolean;
  onChange: (option: T | null) => void;
  /** What the empty list says when nothing is typed. */
  emptyText: string;
};

/**
 * A customer found by name, code, SIREN… (the search runs in the main process): only what the user types
 * searches, never the label of the customer chosen. CustomerSelect (by id) and CustomerPicker (by code)
 * adapt it.
 */
export function CustomerAutocomplete<T extends { code: string; name: string }>({ toOption, resolve, same, onChange, emptyText, label = 'Client', error, helperText, name, inputRef, onBlur, disabled, autoFocus, required, ariaLabel, placeholder, shrinkLabel }: Props<T>) {
  const [input, setInput] = useState('');
  const search = useDeferredValue(input.trim());
  const customers = useCustomers(search);
  const rows = (customers.data?.rows ?? []).map(toOption);
  const selected = resolve(rows);
  const options = selected && !rows.some((o) => same(o, selected)) ? [selected, ...rows] : rows;
  return (
    <Autocomplete
      options={options}
      value={selected}
      onChange={(_e, o) => onChange(o)}
      onInputChange={(_e, v, reason) => {
        if (reason === 'input') setInput(v);
        if (reason === 'clear') setInput('');
      }}
      getOptionLabel={(o) => (o.name ? `${o.code} — ${o.name}` : o.code)}
      isOptionEqualToValue={same}
      filterOptions={(o) => o}
      autoHighlight
      disabled={disabled}
      loading={customers.isFetching}
      loadingText="Recherche…"
      noOptionsText={search ? 'Aucun client ne correspond' : emptyText}
      size="small"
      fullWidth
      renderOption={({ key, ...props }, o) => (
        <Box component="li" key={key} {...props} sx={{ gap: 1 }}>
          <Box component="span" sx={{ fontWeight: 600, minWidth: 64 }}>
            {o.code}
          </Box>
          <Box component="span">{o.name}</Box>
        </Box>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          name={name}
          error={error}
          helperText={helperText}
          inputRef={inputRef}
          onBlur={onBlur}
          autoFocus={autoFocus}
          required={required}
          placeholder={placeholder}
          slotProps={{ ...params.slotProps, ...(shrinkLabel ? { inputLabel: { ...params.slotProps.inputLabel, shrink: true } } : {}), htmlInput: { ...params.slotProps.htmlInput, ...(ariaLabel ? { 'aria-label': ariaLabel } : {}) } }}
        />
      )}
    />
  );
}
