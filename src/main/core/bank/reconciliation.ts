import type { BankReconciliation, BankReconciliationItem } from '../../../shared/domain/bank';
import { formatDateShort } from '../../../shared/dates';
import { centsToString, formatEuro, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { accountMap } from '../ledger/accounts';

/**
 * The reconciliation (rapprochement bancaire) at the end of `asOf`. Read only.
 *
 * - The statement's balance: the closing balance of the last statement ending on or before `asOf`, plus the
 *   lines dated after its end up to `asOf`; failing that, the opening balance of the first statement
 *   starting on or before `asOf`, plus its lines and the later ones up to `asOf`; failing both, the sum of
 *   the lines up to `asOf` (the files gave no balance).
 * - The ledger's: the bank account's validated entry lines dated up to `asOf`, debit minus credit.
 * - The items, each with what it adds to statement − ledger: the bank lines up to `asOf` whose posting
 *   (the payment a match recorded, or the entry posted by hand) is not in the ledger by `asOf` (+ amount);
 *   the bank account's entry lines up to `asOf` that no bank line up to `asOf` carries (− their effect on
 *   512). A cancelled payment and its reversal, or an entry and its reversal (`entry_reversal`), both
 *   dated up to `asOf`, cancel out and are left out; so are the entries dated before the first day the
 *   statements cover, when the bank gave a balance (that balance holds them). The items' sum is checked against the difference:
 *   what is left (`unexplained`) is a balance the ledger and the statement do not share (an opening
 *   balance not brought forward, a line deleted at the bank…).
 */
export function reconciliation(db: Db, asOf: string): BankReconciliation {
  const account = accountMap(db).bank;
  const { balance: statementBalance, basis: statementBasis, fromBalance } = statementBalanceAt(db, asOf);
  // A balance the bank gave holds every movement before the statements begin: 512's entries before that
  // day are in it, not items (without a balance, the lines are summed from zero: every entry counts).
  const coverageStart = fromBalance
    ? (stmt(db, 'SELECT min(d) FROM (SELECT min(period_from) AS d FROM bank_statement UNION ALL SELECT min(date) FROM bank_line)').pluck().get() as string | null)
    : null;

  const ledgerBalance = BigInt(
    (stmt(db, `SELECT coalesce(sum(l.debit_cents - l.credit_cents), 0) FROM entry_line l JOIN entry e ON e.id = l.entry_id
               WHERE l.account = ? AND e.validated_at IS NOT NULL AND e.date <= ?`).pluck().safeIntegers(true).get(account, asOf) as bigint),
  );

  const items: BankReconciliationItem[] = [];
  // Bank lines up to asOf, with the date of what posted them (if anything did).
  const lines = stmt(
    db,
    `SELECT b.id, b.date, b.amount_cents, b.label, b.status, coalesce(pe.date, me.date) AS posted_on, coalesce(pe.id, me.id) AS entry_id
       FROM bank_line b
       LEFT JOIN payment p ON p.id = b.payment_id LEFT JOIN entry pe ON pe.id = p.entry_id
       LEFT JOIN entry me ON me.id = b.entry_id
      WHERE b.date <= ? ORDER BY b.date, b.id`,
  ).safeIntegers(true).all(asOf) as { id: bigint; date: string; amount_cents: bigint; label: string; status: 'to_process' | 'matched' | 'ignored'; posted_on: string | null; entry_id: bigint | null }[];
  for (const l of lines) {
    if (l.posted_on !== null && l.posted_on <= asOf) continue;
    items.push({
      kind: 'bank_not_posted',
      date: l.date,
      label: l.posted_on !== null ? `${l.label} (comptabilisée le ${formatDateShort(l.posted_on)})` : l.label,
      amount: centsToString(l.amount_cents),
      lineId: Number(l.id),
      lineStatus: l.status,
      ...(l.entry_id !== null ? { entryId: Number(l.entry_id) } : {}),
    });
  }

  // Entries on the bank account up to asOf that a bank line up to asOf carries.
  const carried = new Set(
    (stmt(
      db,
      `SELECT coalesce(p.entry_id, b.entry_id) FROM bank_line b LEFT JOIN payment p ON p.id = b.payment_id
        WHERE b.date <= ? AND (b.payment_id IS NOT NULL OR b.entry_id IS NOT NULL)`,
    ).pluck().all(asOf) as number[]),
  );
  // Pairs that cancel out when both are dated up to asOf: a cancelled payment and its reversal; an entry and its reversal.
  const pairs = stmt(
    db,
    `SELECT p.entry_id AS a, c.entry_id AS b FROM payment_cancellation c JOIN payment p ON p.id = c.payment_id
     UNION ALL SELECT source_id AS a, id AS b FROM entry WHERE source_kind = 'entry_reversal'`,
  ).all() as { a: number; b: number }[];
  const ledgerLines = stmt(
    db,
    `SELECT e.id, e.date, e.label, e.piece_ref, l.label AS line_label, l.debit_cents - l.credit_cents AS effect
       FROM entry_line l JOIN entry e ON e.id = l.entry_id
      WHERE l.account = ? AND e.validated_at IS NOT NULL AND e.date <= ? ORDER BY e.date, e.seq, l.line_no`,
  ).safeIntegers(true).all(account, asOf) as { id: bigint; date: string; label: string; piece_ref: string; line_label: string; effect: bigint }[];
  const dated = new Set(ledgerLines.map((l) => Number(l.id)));
  const cancelled = new Set<number>();
  for (const { a, b } of pairs) {
    if (dated.has(a) && dated.has(b) && !carried.has(a) && !carried.has(b)) {
      cancelled.add(a);
      cancelled.add(b);
    }
  }
  for (const l of ledgerLines) {
    const id = Number(l.id);
    if (carried.has(id) || cancelled.has(id) || (coverageStart !== null && l.date < coverageStart)) continue;
    items.push({ kind: 'ledger_not_on_bank', date: l.date, label: l.line_label, amount: centsToString(-l.effect), entryId: id, pieceRef: l.piece_ref });
  }
  items.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));

  const difference = statementBalance - ledgerBalance;
  const itemsTotal = items.reduce((s, i) => s + toCents(i.amount), 0n);
  const unexplained = difference - itemsTotal;
  return {
    asOf,
    account,
    statementBalance: centsToString(statementBalance),
    statementBasis,
    ledgerBalance: centsToString(ledgerBalance),
    difference: centsToString(difference),
    items,
    itemsTotal: centsToString(itemsTotal),
    unexplained: centsToString(unexplained),
    explained: unexplained === 0n,
  };
}

interface StatementRow {
  id: bigint;
  file_name: string;
  balance: bigint;
  bound: string;
}

const sumLines = (db: Db, fromExclusive: string | null, fromInclusive: string | null, to: string): bigint =>
  stmt(db, 'SELECT coalesce(sum(amount_cents), 0) FROM bank_line WHERE (@after IS NULL OR date > @after) AND (@from IS NULL OR date >= @from) AND date <= @to')
    .pluck()
    .safeIntegers(true)
    .get({ after: fromExclusive, from: fromInclusive, to }) as bigint;

/** The statement's balance at the end of `asOf`, and where it comes from (see reconciliation). */
export function statementBalanceAt(db: Db, asOf: string): { balance: bigint; basis: string; fromBalance: boolean } {
  const closing = stmt(
    db,
    `SELECT id, file_name, closing_balance_cents AS balance, period_to AS bound FROM bank_statement
      WHERE closing_balance_cents IS NOT NULL AND period_to IS NOT NULL AND period_to <= ? ORDER BY period_to DESC, id DESC LIMIT 1`,
  ).safeIntegers(true).get(asOf) as StatementRow | undefined;
  if (closing) {
    const after = sumLines(db, closing.bound, null, asOf);
    const basis = `Solde de clôture du relevé « ${closing.file_name} » au ${formatDateShort(closing.bound)} (${formatEuro(closing.balance)})`;
    return { balance: closing.balance + after, fromBalance: true, basis: after === 0n && closing.bound === asOf ? basis : `${basis}, plus les opérations jusqu’au ${formatDateShort(asOf)} (${formatEuro(after)})` };
  }
  const opening = stmt(
    db,
    `SELECT id, file_name, opening_balance_cents AS balance, period_from AS bound FROM bank_statement
      WHERE opening_balance_cents IS NOT NULL AND period_from IS NOT NULL AND period_from <= ? ORDER BY period_from, id LIMIT 1`,
  ).safeIntegers(true).get(asOf) as StatementRow | undefined;
  if (opening) {
    const lines = sumLines(db, null, opening.bound, asOf);
    return {
      balance: opening.balance + lines,
      fromBalance: true,
      basis: `Solde d’ouverture du relevé « ${opening.file_name} » au ${formatDateShort(opening.bound)} (${formatEuro(opening.balance)}), plus les opérations jusqu’au ${formatDateShort(asOf)} (${formatEuro(lines)})`,
    };
  }
  const lines = sumLines(db, null, null, asOf);
  return { balance: lines, fromBalance: false, basis: `Aucun relevé ne donne de solde : somme des opérations importées jusqu’au ${formatDateShort(asOf)}` };
}
