import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState, type ReactNode, type Ref } from 'react';
import type { Customer } from '../../shared/domain/customer';
import { useCustomers } from '../features/customers/api';
import { call } from '../lib/ipc';

const text = (c: Customer) => `${c.code} — ${c.name}`;

/** One customer by id (for a form reopened on a draft, a link carrying ?client=ID). */
export function useCustomer(id: number | null) {
  return useQuery({
    queryKey: ['customers', 'get', id],
    queryFn: () => call('customer.get', { id: id as number }),
    enabled: id !== null && id > 0,
  });
}

type Props = {
  /** The customer's id, or null. */
  value: number | null;
  onChange: (customer: Customer | null) => void;
  label?: string;
  error?: boolean;
  helperText?: ReactNode;
  name?: string;
  inputRef?: Ref<HTMLInputElement>;
  onBlur?: () => void;
  disabled?: boolean;
  autoFocus?: boolean;
  required?: boolean;
};

/**
 * A customer found by name, code, SIREN… (searched in the main process), given back whole: a form needs
 * its id, its payment terms and its credit limit, not only its auxiliary account code.
 */
export function CustomerSelect({ value, onChange, label = 'Client', error, helperText, name, inputRef, onBlur, disabled, autoFocus, required }: Props) {
  const [input, setInput] = useState('');
  const search = useDeferredValue(input.trim());
  const customers = useCustomers(search);
  const current = useCustomer(value);
  const rows = customers.data?.rows ?? [];
  const selected = value ? (rows.find((c) => c.id === value) ?? current.data ?? null) : null;
  const options = selected && !rows.some((c) => c.id === selected.id) ? [selected, ...rows] : rows;
  return (
    <Autocomplete
      options={options}
      value={selected}
      onChange={(_e, c) => onChange(c)}
      onInputChange={(_e, v, reason) => {
        if (reason === 'input') setInput(v);
        if (reason === 'clear') setInput('');
      }}
      getOptionLabel={text}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterOptions={(o) => o}
      autoHighlight
      disabled={disabled}
      loading={customers.isFetching}
      loadingText="Recherche…"
      noOptionsText={search ? 'Aucun client ne correspond' : 'Aucun client : créez-le dans Clients'}
      size="small"
      fullWidth
      renderOption={({ key, ...props }, c) => (
        <Box component="li" key={key} {...props} sx={{ gap: 1 }}>
          <Box component="span" sx={{ fontWeight: 600, minWidth: 64 }}>
            {c.code}
          </Box>
          <Box component="span">{c.name}</Box>
        </Box>
      )}
      renderInput={(params) => (
        <TextField {...params} label={label} name={name} error={error} helperText={helperText} inputRef={inputRef} onBlur={onBlur} autoFocus={autoFocus} required={required} />
      )}
    />
  );
}
