import { ACCOUNT_ROLE_NAMES, DEFAULT_ACCOUNTS, PCG_ACCOUNTS, type AccountMap } from '../../../shared/accounts';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';

/** The accounts this company posts to: the defaults, overridden by its settings. */
export function accountMap(db: Db): AccountMap {
  const map: AccountMap = { ...DEFAULT_ACCOUNTS };
  const rows = stmt(db, 'SELECT role, account FROM account_role').all() as { role: string; account: string }[];
  for (const r of rows) if ((ACCOUNT_ROLE_NAMES as string[]).includes(r.role)) map[r.role as keyof AccountMap] = r.account;
  return map;
}

/** The label of an account of the chart or of the company's sub-accounts; null if it does not exist. */
export function accountLabel(db: Db, account: string): string | null {
  const chart = PCG_ACCOUNTS[account];
  if (chart !== undefined) return chart;
  const row = stmt(db, 'SELECT label FROM account WHERE number = ?').pluck().get(account) as string | undefined;
  return row ?? null;
}

/** Every account the company can use: the chart plus its sub-accounts, sorted as a chart reads. */
export function allAccounts(db: Db): { number: string; label: string; custom: boolean }[] {
  const custom = db.prepare('SELECT number, label FROM account').all() as { number: string; label: string }[];
  return [
    ...Object.entries(PCG_ACCOUNTS).map(([number, label]) => ({ number, label, custom: false })),
    ...custom.map((c) => ({ ...c, custom: true })),
  ].sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
}
