import { useState } from 'react';
import { CustomerAutocomplete, type CustomerFieldProps } from './CustomerAutocomplete';

interface CustomerOption {
  code: string;
  name: string;
}

type Props = CustomerFieldProps & {
  /** The customer's auxiliary account code (C00042), or "". */
  value: string;
  onChange: (code: string) => void;
};

/** A customer by its auxiliary account code (ledger filters and lines). */
export function CustomerPicker({ value, onChange, ...field }: Props) {
  const [chosen, setChosen] = useState<CustomerOption | null>(null);
  return (
    <CustomerAutocomplete<CustomerOption>
      {...field}
      toOption={(c) => ({ code: c.code, name: c.name })}
      resolve={(found) => (value ? (found.find((o) => o.code === value) ?? (chosen?.code === value ? chosen : null) ?? { code: value, name: '' }) : null)}
      same={(a, b) => a.code === b.code}
      onChange={(o) => {
        setChosen(o);
        onChange(o?.code ?? '');
      }}
      emptyText="Aucun client"
    />
  );
}
