import { ACCOUNT_ROLES, DEFAULT_ACCOUNTS, type AccountMap, type AccountRole } from '../../shared/accounts';
import { useAccounts } from '../features/ledger/api';

export interface AccountBook {
  /** The account used for each role (the company's choice, else the default of accounting.md). */
  map: AccountMap;
  /** "706" → "Prestations de services". */
  label: (account: string) => string;
}

const ROLE_BY_DEFAULT = new Map<string, AccountRole>(Object.entries(ACCOUNT_ROLES).map(([role, r]) => [r.account, role as AccountRole]));

/** The accounts a preview names: the same roles the main process posts with. */
export function useAccountBook(): AccountBook {
  const { data } = useAccounts();
  const map = { ...DEFAULT_ACCOUNTS };
  for (const r of data?.roles ?? []) if (r.role in map) map[r.role as AccountRole] = r.account;
  const labels = new Map((data?.accounts ?? []).map((a) => [a.number, a.label]));
  return {
    map,
    label: (account) => {
      const known = labels.get(account);
      if (known) return known;
      const role = ROLE_BY_DEFAULT.get(account);
      return role ? ACCOUNT_ROLES[role].label : '';
    },
  };
}
