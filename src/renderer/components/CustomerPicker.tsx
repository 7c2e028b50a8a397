import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { useDeferredValue, useState, type ReactNode, type Ref } from 'react';
import { useCustomers } from '../features/customers/api';

interface CustomerOption {
  code: string;
  name: string;
}

const text = (o: CustomerOption) => (o.name ? `${o.code} — ${o.name}` : o.code);

type Props = {
  /** The customer's auxiliary account code (C00042), or "". */
  value: string;
  onChange: (code: string) => void;
  label?: string;
  error?: boolean;
  helperText?: ReactNode;
  name?: string;
  inputRef?: Ref<HTMLInputElement>;
  onBlur?: () => void;
  ariaLabel?: string;
  disabled?: boolean;
  placeholder?: string;
  /** Keep the label above the field, so the placeholder (« Tous les clients ») shows. */
  shrinkLabel?: boolean;
};

/** A customer, found by name, code, SIREN… (the search runs in the main process). */
export function CustomerPicker({ value, onChange, label = 'Client', error, helperText, name, inputRef, onBlur, ariaLabel, disabled, placeholder, shrinkLabel }: Props) {
  const [input, setInput] = useState('');
  const [chosen, setChosen] = useState<CustomerOption | null>(null);
  const search = useDeferredValue(input.trim());
  const customers = useCustomers(search);
  const rows: CustomerOption[] = (customers.data?.rows ?? []).map((c) => ({ code: c.code, name: c.name }));
  const known = rows.find((o) => o.code === value) ?? (chosen?.code === value ? chosen : null);
  const selected = value ? (known ?? { code: value, name: '' }) : null;
  const options = selected && !rows.some((o) => o.code === selected.code) ? [selected, ...rows] : rows;
  return (
    <Autocomplete
      options={options}
      value={selected}
      onChange={(_e, o) => {
        setChosen(o);
        onChange(o?.code ?? '');
      }}
      onInputChange={(_e, v, reason) => {
        // Only what the user types searches; the label of a chosen customer does not.
        if (reason === 'input') setInput(v);
        if (reason === 'clear') setInput('');
      }}
      getOptionLabel={text}
      isOptionEqualToValue={(a, b) => a.code === b.code}
      filterOptions={(o) => o}
      autoHighlight
      disabled={disabled}
      loading={customers.isFetching}
      loadingText="Recherche…"
      noOptionsText={search ? 'Aucun client ne correspond' : 'Aucun client'}
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
          placeholder={placeholder}
          slotProps={{ ...params.slotProps, ...(shrinkLabel ? { inputLabel: { ...params.slotProps.inputLabel, shrink: true } } : {}), htmlInput: { ...params.slotProps.htmlInput, ...(ariaLabel ? { 'aria-label': ariaLabel } : {}) } }}
        />
      )}
    />
  );
}
