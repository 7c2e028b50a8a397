import { accountClass, isBalanceSheetAccount, threeDigitAccount } from '../../../shared/accounts';
import { addDays, formatDateShort } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';

import type { Db } from '../../db/open';
import { accountLabel, accountMap } from './accounts';
import { createNextFiscalYear, fiscalYearByEnd, listFiscalYears, type FiscalYearRow } from './fiscal-years';
import { letterSettledInvoice } from './lettering';
import { postEntry, type PostingLine } from './post';
import { verifyLedger } from './verify';
import { chainHead } from './witness';

export interface CloseResult {
  closed: FiscalYearRow;
  next: FiscalYearRow;
  resultCents: bigint;
  openingEntryId: number | null;
  /** The copy of the file taken just before closing. */
  backup: string;
}

export interface CloseOptions {
  now: Date;
  /** The company's legal day: a year closes from the day after its end. */
  today: string;
  /**
   * Takes the copy of the company file kept from before the closing, and returns its path. Called once the
   * closing is known to be possible, before anything is written: it must copy the file as last committed.
   */
  backup: () => string;
}

/**
 * Closes a fiscal year, irreversibly: checks it (its last day has passed, ledger verified, no draft left,
 * earlier years closed), takes a backup, locks it, and posts the opening entry of the next year (journal
 * AN, its number 1) carrying every balance-sheet account per customer, with the year's result on 120
 * (profit) or 129 (loss). The lettered accounts (customers, doubtful customers, advances) are carried one
 * line per open item (accounting.md §9): each invoice something is still owed on gets its own line, with
 * its number, linked to it (role `opening`); what no invoice claims (advances, lines typed by hand) one line
 * per customer. The new year then letters against those lines, and what they settle already is lettered at
 * once, so the closed year's lines are never lettered again and its FEC never changes.
 * Runs in the caller's transaction.
 */
export function closeFiscalYear(db: Db, fiscalYearEnd: string, options: CloseOptions): CloseResult {
  const { now, today } = options;
  const fy = fiscalYearByEnd(db, fiscalYearEnd);
  if (fy.status === 'closed') throw new AppError('CONFLICT', `L’exercice clos le ${formatDateShort(fy.end_date)} est déjà clôturé.`);
  if (today <= fy.end_date) {
    throw new AppError(
      'CONFLICT',
      `L’exercice se termine le ${formatDateShort(fy.end_date)} : il ne peut être clôturé qu’à partir du ${formatDateShort(addDays(fy.end_date, 1))}, une fois sa dernière journée passée (nous sommes le ${formatDateShort(today)}).`,
    );
  }
  const earlierOpen = listFiscalYears(db).find((y) => y.end_date < fy.start_date && y.status === 'open');
  if (earlierOpen) throw new AppError('CONFLICT', `Clôturez d’abord l’exercice précédent (clos le ${formatDateShort(earlierOpen.end_date)}).`);
  const verify = verifyLedger(db);
  if (!verify.ok) throw new AppError('CONFLICT', `Le journal ne passe pas le contrôle d’intégrité (${verify.brokenAt?.reason ?? 'anomalie'}) : la clôture est impossible. Restaurez une sauvegarde saine.`);
  const drafts = countDrafts(db, fy);
  if (drafts > 0) throw new AppError('CONFLICT', `${drafts} brouillon(s) daté(s) dans cet exercice : validez-les ou supprimez-les avant de clôturer.`);

  let backup: string;
  try {
    backup = options.backup();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('CONFLICT', 'La sauvegarde prise avant la clôture n’a pas pu être écrite : rien n’a été clôturé. Vérifiez le dossier des sauvegardes (place libre, droit d’écriture), puis réessayez.');
  }

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

  // The head of the chain as the year closes, kept in its row: ledger.verify checks it is still there.
  const head = chainHead(db);
  db.prepare("UPDATE fiscal_year SET status = 'closed', closed_at = ?, closing_seq = ?, closing_hash = ? WHERE id = ?").run(now.toISOString(), head.seq, head.hash, fy.id);
  const next = listFiscalYears(db).find((y) => y.start_date > fy.end_date) ?? createNextFiscalYear(db);

  const accounts = accountMap(db);
  const lines = openingLines(db, fy, balances, [accounts.customers, accounts.doubtfulCustomers, accounts.customerAdvances], accounts.customerAdvances, now);
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
    // What the new year already settled (a payment of January, before the closing) is lettered now,
    // against the opening line: invoice by invoice, on the customer accounts.
    const invoices = new Set(lines.flatMap((l) => (l.link ? [l.link.invoiceId] : [])));
    for (const id of invoices) letterSettledInvoice(db, id, null, [accounts.customers, accounts.doubtfulCustomers], now);
  }
  return { closed: { ...fy, status: 'closed', closed_at: now.toISOString() }, next, resultCents, openingEntryId, backup };
}

/**
 * The opening lines of the balance-sheet accounts. An account shorter than three digits (53, from a file
 * older than migration 0008) is carried to its three-digit sub-account (530), created if need be. On the
 * lettered accounts each customer's balance is split into its open items: one line per invoice whose lines
 * of the year that are not lettered leave something, linked to it; the rest (advances, lines typed by
 * hand, and what a set lettered across years before migration 0008 leaves) on one line.
 */
function openingLines(
  db: Db,
  fy: FiscalYearRow,
  balances: readonly { account: string; aux: string; balance: bigint }[],
  lettered: readonly string[],
  advances: string,
  now: Date,
): PostingLine[] {
  const items = openItems(db, fy, lettered);
  const names = new Map(db.prepare('SELECT code, name FROM customer').raw(true).all() as [string, string][]);
  const carried = new Map<string, { account: string; aux: string; balance: bigint }>();
  for (const b of balances) {
    if (!isBalanceSheetAccount(b.account)) continue;
    const account = threeDigitAccount(b.account);
    if (account !== b.account && accountLabel(db, account) === null) {
      db.prepare('INSERT INTO account (number, label, created_at) VALUES (?, ?, ?)').run(account, accountLabel(db, b.account) ?? b.account, now.toISOString());
    }
    const key = `${account}|${b.aux}`;
    const c = carried.get(key) ?? { account, aux: b.aux, balance: 0n };
    c.balance += b.balance;
    carried.set(key, c);
  }
  const side = (cents: bigint) => (cents > 0n ? { debit: cents } : { credit: -cents });
  const lines: PostingLine[] = [];
  for (const c of carried.values()) {
    const aux = c.aux || null;
    if (!aux || !lettered.includes(c.account)) {
      if (c.balance !== 0n) lines.push({ account: c.account, aux, ...side(c.balance) });
      continue;
    }
    const name = names.get(c.aux) ?? c.aux;
    let rest = c.balance;
    for (const item of items.get(`${c.account}|${c.aux}`) ?? []) {
      rest -= item.balance;
      lines.push({ account: c.account, aux, label: `À-nouveau facture ${item.number} — ${name}`, ...side(item.balance), link: { invoiceId: item.invoiceId, role: 'opening' } });
    }
    if (rest !== 0n) lines.push({ account: c.account, aux, label: c.account === advances ? `À-nouveau avances reçues — ${name}` : `À-nouveau hors factures — ${name}`, ...side(rest) });
  }
  return lines;
}

/**
 * Per lettered account and customer, the invoices the year leaves something open on: the sum of each
 * invoice's lines of the year that are not lettered (its own line or its opening line, its payments, credit
 * notes, reclassification…), oldest invoice first. A line counts for one invoice only.
 */
function openItems(db: Db, fy: FiscalYearRow, lettered: readonly string[]): Map<string, { invoiceId: number; number: string; balance: bigint }[]> {
  const rows = db
    .prepare(
      `SELECT l.account, l.aux, k.invoice_id, i.number, sum(l.debit_cents - l.credit_cents) AS balance
         FROM entry e CROSS JOIN entry_line l ON l.entry_id = e.id
         CROSS JOIN invoice_link k ON k.line_id = l.id AND k.invoice_id = (SELECT min(x.invoice_id) FROM invoice_link x WHERE x.line_id = l.id)
         CROSS JOIN invoice i ON i.id = k.invoice_id
         LEFT JOIN lettering_line ll ON ll.line_id = l.id
        WHERE e.fiscal_year_id = ? AND e.validated_at IS NOT NULL AND ll.line_id IS NULL AND l.aux IS NOT NULL
          AND l.account IN (SELECT value FROM json_each(?))
        GROUP BY l.account, l.aux, k.invoice_id
       HAVING balance <> 0
        ORDER BY l.account, l.aux, i.date, i.number, k.invoice_id`,
    )
    .safeIntegers(true)
    .all(fy.id, JSON.stringify(lettered)) as { account: string; aux: string; invoice_id: bigint; number: string | null; balance: bigint }[];
  const out = new Map<string, { invoiceId: number; number: string; balance: bigint }[]>();
  for (const r of rows) {
    const key = `${r.account}|${r.aux}`;
    const list = out.get(key) ?? [];
    list.push({ invoiceId: Number(r.invoice_id), number: r.number ?? `n° ${r.invoice_id}`, balance: r.balance });
    out.set(key, list);
  }
  return out;
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
