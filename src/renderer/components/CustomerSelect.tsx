import { useQuery } from '@tanstack/react-query';
import type { Customer } from '../../shared/domain/customer';
import { call } from '../lib/ipc';
import { CustomerAutocomplete, type CustomerFieldProps } from './CustomerAutocomplete';

/** One customer by id (for a form reopened on a draft, a link carrying ?client=ID). */
export function useCustomer(id: number | null) {
  return useQuery({
    queryKey: ['customers', 'get', id],
    queryFn: () => call('customer.get', { id: id as number }),
    enabled: id !== null && id > 0,
  });
}

type Props = CustomerFieldProps & {
  /** The customer's id, or null. */
  value: number | null;
  onChange: (customer: Customer | null) => void;
};

/**
 * A customer given back whole: a form needs its id, its payment terms and its credit limit, not only its
 * auxiliary account code.
 */
export function CustomerSelect({ value, onChange, ...field }: Props) {
  const current = useCustomer(value);
  return (
    <CustomerAutocomplete<Customer>
      {...field}
      toOption={(c) => c}
      resolve={(found) => (value ? (found.find((c) => c.id === value) ?? current.data ?? null) : null)}
      same={(a, b) => a.id === b.id}
      onChange={onChange}
      emptyText="Aucun client : créez-le dans Clients"
    />
  );
}
