import { APP_CREATED_ACCOUNTS, PCG_ACCOUNTS } from './pcg';

export { PCG_ACCOUNTS };

/**
 * Every role Encours posts to, with its default account (accounting.md, "Default accounts") and the
 * prefix any replacement must keep: a company may use 5121 for its bank, never 706 for it.
 */
export const ACCOUNT_ROLES = {
  customers: { account: '411', prefix: '411', label: 'Clients' },
  doubtfulCustomers: { account: '416', prefix: '416', label: 'Clients douteux ou litigieux' },
  customerAdvances: { account: '4191', prefix: '419', label: 'Avances et acomptes reçus des clients' },
  salesGoods: { account: '707', prefix: '70', label: 'Ventes de marchandises' },
  salesServices: { account: '706', prefix: '70', label: 'Prestations de services' },
  rebatesGoods: { account: '7097', prefix: '709', label: 'Rabais, remises et ristournes sur marchandises' },
  rebatesServices: { account: '7096', prefix: '709', label: 'Rabais, remises et ristournes sur services' },
  vatCollected: { account: '44571', prefix: '4457', label: 'TVA collectée' },
  vatPending: { account: '44574', prefix: '4457', label: 'TVA en attente d’encaissement' },
  bank: { account: '512', prefix: '51', label: 'Banque' },
  cash: { account: '530', prefix: '53', label: 'Caisse' },
  escompteGranted: { account: '665', prefix: '665', label: 'Escomptes accordés' },
  provisionCharge: { account: '68174', prefix: '6817', label: 'Dotations aux dépréciations des créances' },
  provisionAllowance: { account: '491', prefix: '491', label: 'Dépréciations des comptes clients' },
  provisionReversal: { account: '78174', prefix: '7817', label: 'Reprises sur dépréciations des créances' },
  lossCurrentYear: { account: '6541', prefix: '654', label: 'Pertes sur créances de l’exercice' },
  lossPriorYear: { account: '6544', prefix: '654', label: 'Pertes sur créances des exercices antérieurs' },
  recoveryAfterWriteOff: { account: '7583', prefix: '758', label: 'Rentrées sur créances amorties' },
  latePaymentInterest: { account: '7631', prefix: '763', label: 'Pénalités de retard facturées' },
  resultProfit: { account: '120', prefix: '120', label: 'Résultat de l’exercice (bénéfice)' },
  resultLoss: { account: '129', prefix: '129', label: 'Résultat de l’exercice (perte)' },
  openingBalances: { account: '471', prefix: '47', label: 'Compte d’attente (reprise des factures ouvertes)' },
  // Écarts de règlement: the PCG 2025 has no sub-account for them (6581–6588, 7581–7588 are other things).
  paymentDifferenceCharge: { account: '658', prefix: '658', label: 'Écarts de règlement en votre défaveur (pénalités et autres charges)' },
  paymentDifferenceProduct: { account: '758', prefix: '758', label: 'Écarts de règlement en votre faveur (indemnités et autres produits)' },
} as const;

export type AccountRole = keyof typeof ACCOUNT_ROLES;
export const ACCOUNT_ROLE_NAMES = Object.keys(ACCOUNT_ROLES) as AccountRole[];
export type AccountMap = Record<AccountRole, string>;

export const DEFAULT_ACCOUNTS: AccountMap = Object.fromEntries(
  ACCOUNT_ROLE_NAMES.map((role) => [role, ACCOUNT_ROLES[role].account]),
) as AccountMap;

/** An account number as the reports look one up: 2 to 10 digits (entries of old files may sit on 53). */
export const ACCOUNT_NUMBER = /^[1-9]\d{1,9}$/;

/**
 * An account a line may be posted to: 3 to 10 digits. The FEC's CompteNum has at least three digits (the
 * DGFiP's Test Compta Demat warns on `53`), so the chart's two-digit headings (53 Caisse, 58…) are only
 * reached through a sub-account (530).
 */
export const POSTING_ACCOUNT_NUMBER = /^[1-9]\d{2,9}$/;
export const MIN_ACCOUNT_DIGITS = 3;

/** The refusal of an account too short to be posted to, or null. */
export function shortAccountReason(account: string): string | null {
  if (account.length >= MIN_ACCOUNT_DIGITS) return null;
  return `Le compte ${account} n’a que ${account.length} chiffre${account.length > 1 ? 's' : ''} : le FEC exige des comptes d’au moins trois chiffres. Utilisez un sous-compte (ex. ${threeDigitAccount(account)}).`;
}

/**
 * The three-digit account a shorter one stands for: its number followed by zeros (53 → 530). Where the
 * FEC carries the lines an older file posted to 53 before migration 0008, and where the closing carries
 * their balance forward.
 */
export function threeDigitAccount(account: string): string {
  return account.length >= MIN_ACCOUNT_DIGITS ? account : account.padEnd(MIN_ACCOUNT_DIGITS, '0');
}

/** Class 1 to 7 (and 8 for special accounts): the first digit. */
export function accountClass(account: string): number {
  return Number(account[0]);
}

/** Balance-sheet accounts (classes 1–5) are carried forward by the opening entries. */
export function isBalanceSheetAccount(account: string): boolean {
  const c = accountClass(account);
  return c >= 1 && c <= 5;
}

/** The chart account a number belongs to: itself, or its longest prefix in the chart. */
export function chartParent(account: string): string | null {
  for (let len = account.length; len >= 2; len--) {
    const prefix = account.slice(0, len);
    if (PCG_ACCOUNTS[prefix] !== undefined) return prefix;
  }
  return null;
}

export type SubAccountCheck = { ok: true; parent: string } | { ok: false; reason: string };

/**
 * Whether the official chart details a two-digit account with accounts of three digits or more (41 → 411…;
 * not 53, whose 530 is Encours's own).
 */
function chartDetails(heading: string): boolean {
  return Object.keys(PCG_ACCOUNTS).some((n) => n.length > heading.length && n.startsWith(heading) && !APP_CREATED_ACCOUNTS.has(n));
}

/**
 * A company sub-account (e.g. 706100): 3 to 10 digits, longer than its parent, under an account of the
 * chart of at least 3 digits, or under a two-digit heading the chart does not detail (530 under 53 Caisse).
 */
export function checkSubAccount(account: string): SubAccountCheck {
  if (!POSTING_ACCOUNT_NUMBER.test(account)) return { ok: false, reason: 'Un numéro de compte ne contient que des chiffres (3 à 10), sans commencer par 0.' };
  if (PCG_ACCOUNTS[account] !== undefined) return { ok: false, reason: `Le compte ${account} existe déjà dans le plan comptable.` };
  const parent = chartParent(account);
  if (!parent || parent.length < 2 || (parent.length === 2 && chartDetails(parent))) {
    return { ok: false, reason: `Le compte ${account} doit prolonger un compte du plan comptable d’au moins 3 chiffres (ex. 706100 sous 706).` };
  }
  return { ok: true, parent };
}

/** A role may only point to an account of the same nature (its prefix), of three digits at least. */
export function checkRoleAccount(role: AccountRole, account: string): string | null {
  const { prefix, label } = ACCOUNT_ROLES[role];
  if (!account.startsWith(prefix)) return `Le compte « ${label} » doit commencer par ${prefix}.`;
  return shortAccountReason(account);
}

export const JOURNALS = { VT: 'Ventes', BQ: 'Banque', CA: 'Caisse', OD: 'Opérations diverses', AN: 'À-nouveaux' } as const;
export type JournalCode = keyof typeof JOURNALS;
export const JOURNAL_CODES = Object.keys(JOURNALS) as JournalCode[];
