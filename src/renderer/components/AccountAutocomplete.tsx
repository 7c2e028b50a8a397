import Autocomplete, { createFilterOptions } from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { useMemo, type ReactNode, type Ref } from 'react';
import { useAccounts } from '../features/ledger/api';

export interface AccountOption {
  number: string;
  label: string;
  custom: boolean;
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const byLabel = createFilterOptions<AccountOption>({ stringify: (o) => `${o.number} ${fold(o.label)}`, limit: 60 });

/** Typing digits finds the accounts that start with them (706 → 706, 7061…); words search the labels. */
function filterAccounts(options: AccountOption[], state: { inputValue: string; getOptionLabel: (o: AccountOption) => string }) {
  const input = state.inputValue.trim();
  if (/^\d+$/.test(input)) {
    return options.filter((o) => o.number.startsWith(input)).slice(0, 60);
  }
  // The input shows the chosen option's label: everything stays on offer.
  if (/^\d+ — /.test(input)) return options.slice(0, 60);
  return byLabel(options, { ...state, inputValue: fold(input) });
}

export function accountText(o: AccountOption): string {
  return o.label ? `${o.number} — ${o.label}` : o.number;
}

type Props = {
  value: string;
  onChange: (account: string) => void;
  /** The visible label; without it, `ariaLabel` names the field. */
  label?: string;
  /** Only the accounts starting with it (a role keeps its nature: 51 for the bank). */
  prefix?: string;
  /** The shortest number offered: 3 where a line is posted or a role chosen (the FEC wants three digits). */
  minDigits?: number;
  error?: boolean;
  helperText?: ReactNode;
  name?: string;
  inputRef?: Ref<HTMLInputElement>;
  onBlur?: () => void;
  ariaLabel?: string;
  disabled?: boolean;
  autoFocus?: boolean;
  required?: boolean;
};

/** An account of the company's chart, picked by number or by label. */
export function AccountAutocomplete({ value, onChange, label, prefix, minDigits = 2, error, helperText, name, inputRef, onBlur, ariaLabel, disabled, autoFocus, required }: Props) {
  const accounts = useAccounts();
  const options = useMemo(
    () => (accounts.data?.accounts ?? []).filter((a) => a.number.length >= minDigits && (!prefix || a.number.startsWith(prefix))),
    [accounts.data, prefix, minDigits],
  );
  const selected = value ? (options.find((o) => o.number === value) ?? { number: value, label: '', custom: false }) : null;
  return (
    <Autocomplete
      options={options}
      value={selected}
      onChange={(_e, o) => onChange(o?.number ?? '')}
      getOptionLabel={accountText}
      isOptionEqualToValue={(a, b) => a.number === b.number}
      filterOptions={filterAccounts}
      autoHighlight
      autoSelect
      disabled={disabled}
      loading={accounts.isLoading}
      loadingText="Chargement du plan comptable…"
      noOptionsText="Aucun compte : créez-le dans Paramètres › Comptes"
      size="small"
      fullWidth
      renderOption={({ key, ...props }, o) => (
        <Box component="li" key={key} {...props} sx={{ gap: 1 }}>
          <Box component="span" sx={{ fontWeight: 600, minWidth: 64, fontVariantNumeric: 'tabular-nums' }}>
            {o.number}
          </Box>
          <Box component="span">{o.label}</Box>
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
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, ...(ariaLabel ? { 'aria-label': ariaLabel } : {}) } }}
        />
      )}
    />
  );
}
