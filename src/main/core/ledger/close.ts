import { accountClass, isBalanceSheetAccount } from '../../../shared/accounts';
import { formatDateShort } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';

import type { Db } from '../../db/open';
import { accountMap } from './accounts';
import { createNextFiscalYear, fiscalYearByEnd, listFiscalYears, type FiscalYearRow } from './fiscal-years';
import { postEntry, type PostingLine } from './post';
import { verifyLedger } from './verify';

export interface CloseResult {
  closed: FiscalYearRow;
  next: FiscalYearRow;
  resultCents: bigint;
  openingEntryId: number | null;
}

/**
 * Closes a fiscal year, irreversibly: checks it (ledger verified, no draft left, earlier years closed),
 * locks it, and posts the opening entry of the next year (journal AN, its number 1) carrying every
 * balance-sheet account per customer, with the year's result on 120 (profit) or 129 (loss).
 * Runs in the caller's transaction.
 */
export function closeFiscalYear(db: Db, fiscalYearEnd: string, now: Date): CloseResult {
  const fy = fiscalYearByEnd(db, fiscalYearEnd);
  if (fy.status === 'closed') throw new AppError('CONFLICT', `L’exercice clos le ${formatDateShort(fy.end_date)} est déjà clôturé.`);
  const earlierOpen = listFiscalYears(db).find((y) => y.end_date < fy.start_date && y.status === 'open');
  if (earlierOpen) throw new AppError('CONFLICT', `Clôturez d’abord l’exercice précédent (clos le ${formatDateShort(earlierOpen.end_date)}).`);
  const verify = verifyLedger(db);
  if (!verify.ok) throw new AppError('CONFLICT', `Le journal ne passe pas le contrôle d’intégrité (${verify.brokenAt?.reason ?? 'anomalie'}) : la clôture est impossible. Restaurez une sauvegarde saine.`);
  const drafts = countDrafts(db, fy);
  if (drafts > 0) throw new AppError('CONFLICT', `${drafts} brouillon(s) daté(s) dans cet exercice : validez-les ou supprimez-les avant de clôturer.`);

  const balances = db
    .prepare(
      `SELECT l.account, coalesce(l.aux, '') AS aux, sum(l.debit_cents) - sum(l.credit_cents) AS balance
         FROM entry_line l JOIN entry e ON e.id = l.entry_id
        WHERE e.fiscal_year_id = ? AND e.validated_at IS NOT NULL
        GROUP BY l.account, coalesce(l.aux, '')
        ORDER BY l.account, aux`,
    )
    .safeIntegers(true)
    .all(fy.id) as { account: string; aux: string; balance: bigint }[];

  // Result = products − charges = −(Σ balances of classes 6 and 7).
  const resultCents = -balances.filter((b) => accountClass(b.account) === 6 || accountClass(b.account) === 7).reduce((s, b) => s + b.balance, 0n);

  db.prepare("UPDATE fiscal_year SET status = 'closed', closed_at = ? WHERE id = ?").run(now.toISOString(), fy.id);
  const next = listFiscalYears(db).find((y) => y.start_date > fy.end_date) ?? createNextFiscalYear(db);

  const lines: PostingLine[] = balances
    .filter((b) => isBalanceSheetAccount(b.account) && b.balance !== 0n)
    .map((b) => ({ account: b.account, aux: b.aux || null, ...(b.balance > 0n ? { debit: b.balance } : { credit: -b.balance }) }));
  const accounts = accountMap(db);
  if (resultCents > 0n) lines.push({ account: accounts.resultProfit, credit: resultCents, label: `Résultat de l’exercice (bénéfice)` });
  if (resultCents < 0n) lines.push({ account: accounts.resultLoss, debit: -resultCents, label: `Résultat de l’exercice (perte)` });

  let openingEntryId: number | null = null;
  if (lines.length > 0) {
    openingEntryId = postEntry(
      db,
      {
        journal: 'AN',
        date: next.start_date,
        label: `À-nouveaux de l’exercice clos le ${formatDateShort(fy.end_date)}`,
        pieceRef: `AN${next.start_date.slice(0, 4)}`,
        pieceDate: next.start_date,
        lines,
        source: { kind: 'closing', id: fy.id },
      },
      now,
    ).id;
  }
  return { closed: { ...fy, status: 'closed', closed_at: now.toISOString() }, next, resultCents, openingEntryId };
}

/** Drafts dated in the year: entries left unvalidated, and draft documents once they exist. */
function countDrafts(db: Db, fy: FiscalYearRow): number {
  let n = db.prepare('SELECT count(*) FROM entry WHERE fiscal_year_id = ? AND validated_at IS NULL').pluck().get(fy.id) as number;
  const hasInvoices = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'invoice'").get();
  if (hasInvoices) {
    n += db.prepare("SELECT count(*) FROM invoice WHERE state = 'draft' AND date BETWEEN ? AND ?").pluck().get(fy.start_date, fy.end_date) as number;
  }
  return n;
}

