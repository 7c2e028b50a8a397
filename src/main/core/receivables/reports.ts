import type { AccountMap } from '../../../shared/accounts';
import { addDays, daysBetween, daysInMonth } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { prorata } from '../../../shared/invoice-math';
import { centsToString, Dec } from '../../../shared/money';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { accountLabel } from '../ledger/accounts';
import { unlinkedLetteredLines } from '../../db/repositories/invoice-balance-repo';
import { INVOICED_DEPOSIT_LINE } from './invoices';

const s = centsToString;

/**
 * `WITH … owed AS (…)`: (id, number, customer_id, date, due_date, gross_cents, outstanding) of each
 * validated invoice dated by the end of @asOf, with what it still owed then (zero included). The balance
 * the database keeps (invoice_balance) is the answer for every invoice nothing was counted on after that
 * day (`last_move`), so only the invoices owing something now, or moved since, are read; of those, the ones
 * moved since are weighed line by line: their lines on the customer accounts (@c, @d) posted by then, and
 * the lines lettered with them by then (the two parts of invoice_ledger_line). Over the whole file, or one
 * customer's invoices (@customerId).
 */
function owedAtCte(ofCustomer: boolean): string {
  const columns = 'i.id, i.number, i.customer_id, i.date, i.due_date, i.gross_cents, b.outstanding_cents, b.last_move > @asOf AS moved';
  const candidates = ofCustomer
    ? `SELECT ${columns} FROM invoice i CROSS JOIN invoice_balance b ON b.invoice_id = i.id
        WHERE i.customer_id = @customerId AND i.date <= @asOf AND (b.outstanding_cents <> 0 OR b.last_move > @asOf)`
    : `SELECT ${columns}
         FROM (SELECT invoice_id FROM invoice_balance WHERE outstanding_cents <> 0 UNION SELECT invoice_id FROM invoice_balance WHERE last_move > @asOf) c
         CROSS JOIN invoice_balance b ON b.invoice_id = c.invoice_id
         CROSS JOIN invoice i ON i.id = c.invoice_id
        WHERE i.date <= @asOf`;
  return `WITH cand AS MATERIALIZED (${candidates}),
    since AS (
      SELECT x.invoice_id, sum(x.amount) AS outstanding FROM (
        SELECT k.invoice_id, l.debit_cents - l.credit_cents AS amount
          FROM cand m CROSS JOIN invoice_link k ON k.invoice_id = m.id
          CROSS JOIN entry_line l ON l.id = k.line_id CROSS JOIN entry e ON e.id = l.entry_id
         WHERE m.moved AND k.role <> 'opening' AND l.account IN (@c, @d) AND e.date <= @asOf
        UNION ALL
        SELECT u.invoice_id, l.debit_cents - l.credit_cents
          FROM (${unlinkedLetteredLines({ in: 'SELECT id FROM cand WHERE moved' })}) u
          CROSS JOIN entry_line l ON l.id = u.line_id CROSS JOIN entry e ON e.id = l.entry_id
         WHERE u.lettered_on <= @asOf AND l.account IN (@c, @d) AND e.date <= @asOf
      ) x GROUP BY x.invoice_id
    ),
    owed AS (
      SELECT c.id, c.number, c.customer_id, c.date, c.due_date, c.gross_cents,
             CASE WHEN c.moved THEN coalesce(s.outstanding, 0) ELSE c.outstanding_cents END AS outstanding
        FROM cand c LEFT JOIN since s ON s.invoice_id = c.id
    )`;
}

/** The open invoices of one customer at the end of a day, oldest due first (the statement's list). */
function customerOpenInvoices(db: Db, customerId: number, asOf: string, accounts: AccountMap) {
  return stmt(db, `${owedAtCte(true)} SELECT * FROM owed WHERE outstanding <> 0 ORDER BY due_date, number`)
    .safeIntegers(true)
    .all({ asOf, customerId, c: accounts.customers, d: accounts.doubtfulCustomers }) as {
    id: bigint; number: string; customer_id: bigint; date: string; due_date: string; gross_cents: bigint; outstanding: bigint;
  }[];
}

/** Balance âgée: per customer, what is not yet due and what is overdue by bucket of days. */
export function aging(db: Db, asOf: string, bucketBounds: number[], accounts: AccountMap) {
  const bounds = [...bucketBounds].sort((a, b) => a - b);
  if (bounds.some((b) => b <= 0) || new Set(bounds).size !== bounds.length) throw new AppError('VALIDATION', 'Tranches : des nombres de jours croissants et positifs (ex. 30, 60, 90).', { buckets: 'Tranches invalides.' });
  const labels = bounds.map((b, i) => `${i === 0 ? 1 : (bounds[i - 1] as number) + 1}–${b} j`).concat(`> ${bounds[bounds.length - 1]} j`);
  const names = new Map((stmt(db, 'SELECT id, code, name FROM customer').all() as { id: number; code: string; name: string }[]).map((c) => [c.id, c]));
  // Summed per customer and bucket in SQL: bucket -1 is "not yet due", then one per bound, then beyond.
  const bucketOf = `CASE WHEN late <= 0 THEN -1 ${bounds.map((_, i) => `WHEN late <= @b${i} THEN ${i}`).join(' ')} ELSE ${bounds.length} END`;
  const sums = stmt(
    db,
    `${owedAtCte(false)}
     SELECT customer_id, ${bucketOf} AS bucket, sum(outstanding) AS amount
       FROM (SELECT customer_id, outstanding, CAST(julianday(@asOf) - julianday(due_date) AS INTEGER) AS late FROM owed WHERE outstanding <> 0)
      GROUP BY customer_id, bucket`,
  )
    .safeIntegers(true)
    .all({ asOf, c: accounts.customers, d: accounts.doubtfulCustomers, ...Object.fromEntries(bounds.map((b, i) => [`b${i}`, b])) }) as { customer_id: bigint; bucket: bigint; amount: bigint }[];
  const rows = new Map<number, { notDue: bigint; buckets: bigint[] }>();
  for (const x of sums) {
    const id = Number(x.customer_id);
    const row = rows.get(id) ?? { notDue: 0n, buckets: labels.map(() => 0n) };
    if (x.bucket < 0n) row.notDue += x.amount;
    else row.buckets[Number(x.bucket)] = (row.buckets[Number(x.bucket)] ?? 0n) + x.amount;
    rows.set(id, row);
  }
  const totals = { notDue: 0n, buckets: labels.map(() => 0n) };
  const out = [...rows.entries()]
    .map(([id, r]) => {
      totals.notDue += r.notDue;
      r.buckets.forEach((b, i) => (totals.buckets[i] = (totals.buckets[i] ?? 0n) + b));
      const total = r.notDue + r.buckets.reduce((x, y) => x + y, 0n);
      const c = names.get(id);
      return { customerId: id, code: c?.code ?? '', name: c?.name ?? '', notDue: s(r.notDue), buckets: r.buckets.map(s), total: s(total), sortKey: total };
    })
    .sort((a, b) => (b.sortKey > a.sortKey ? 1 : b.sortKey < a.sortKey ? -1 : a.name.localeCompare(b.name, 'fr')))
    .map(({ sortKey: _k, ...row }) => row);
  const total = totals.notDue + totals.buckets.reduce((x, y) => x + y, 0n);
  return { asOf, bucketLabels: labels, rows: out, totals: { notDue: s(totals.notDue), buckets: totals.buckets.map(s), total: s(total) } };
}

/**
 * The movements per day, up to a day, of one or two accounts (@a, @b), from the day totals kept at
 * validation (ledger_day), opening entries (AN) left out: an AN line repeats the balance the lines of the
 * year before already make, so a balance read across a closed year would count it twice.
 */
function movementsByDay(db: Db, a: string, b: string, to: string): { date: string; amount: bigint }[] {
  return stmt(
    db,
    `SELECT date, sum(amount) AS amount FROM (
       SELECT date, debit_cents - credit_cents AS amount FROM ledger_day WHERE account IN (@a, @b) AND date <= @to
       UNION ALL
       SELECT e.date, l.credit_cents - l.debit_cents FROM entry e CROSS JOIN entry_line l ON l.entry_id = e.id
        WHERE e.journal = 'AN' AND e.validated_at IS NOT NULL AND e.date <= @to AND l.account IN (@a, @b)
     ) GROUP BY date ORDER BY date`,
  )
    .safeIntegers(true)
    .all({ a, b, to }) as { date: string; amount: bigint }[];
}

/** The balance (debit − credit) of one or two accounts at the end of a day. */
function balanceAt(db: Db, a: string, b: string, to: string): bigint {
  return movementsByDay(db, a, b, to).reduce((sum, m) => sum + m.amount, 0n);
}

/** Receivables TTC (411 + 416) at the end of a day. */
function receivablesAt(db: Db, date: string, accounts: AccountMap): bigint {
  return balanceAt(db, accounts.customers, accounts.doubtfulCustomers, date);
}

/** Receivables TTC at the end of each of the given days (ascending), in one pass over the day totals. */
function receivablesAtEach(db: Db, days: string[], accounts: AccountMap): bigint[] {
  const last = days[days.length - 1];
  if (last === undefined) return [];
  const movements = movementsByDay(db, accounts.customers, accounts.doubtfulCustomers, last);
  let i = 0;
  let balance = 0n;
  return days.map((day) => {
    for (; i < movements.length && (movements[i] as { date: string }).date <= day; i++) balance += (movements[i] as { amount: bigint }).amount;
    return balance;
  });
}

/** Sales TTC between two dates: invoices, less cancellations and rebates (not escompte, a financial cost). */
function salesBetween(db: Db, from: string, to: string): bigint {
  // Penalty invoices (series PEN) are no sales.
  const invoiced = stmt(db, "SELECT coalesce(sum(gross_cents), 0) FROM invoice WHERE state = 'validated' AND penalty_of IS NULL AND date BETWEEN ? AND ?").pluck().safeIntegers(true).get(from, to) as bigint;
  const credited = stmt(
    db,
    "SELECT coalesce(sum(c.gross_cents), 0) FROM credit_note c JOIN invoice i ON i.id = c.invoice_id WHERE c.state = 'validated' AND c.kind <> 'escompte' AND i.penalty_of IS NULL AND c.date BETWEEN ? AND ?",
  ).pluck().safeIntegers(true).get(from, to) as bigint;
  return invoiced - credited;
}

function monthEnd(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${date.slice(0, 7)}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/**
 * DSO, three ways: ratio (receivables at the end / sales × days), average (mean receivables over the
 * month ends / sales × days), countback (days of the latest sales it takes to make up the receivables).
 */
export function dso(db: Db, from: string, to: string, method: 'ratio' | 'average' | 'countback', accounts: AccountMap) {
  if (from > to) throw new AppError('VALIDATION', 'La fin de la période précède son début.', { to: 'Fin avant le début.' });
  const days = daysBetween(from, to) + 1;
  const receivables = receivablesAt(db, to, accounts);
  const sales = salesBetween(db, from, to);
  const out = (value: Dec, rec: bigint) => ({ days: Number(value.toDecimalPlaces(1, Dec.ROUND_HALF_UP).toString()), receivables: s(rec), sales: s(sales), method });
  if (method === 'ratio') return out(sales > 0n ? new Dec(receivables.toString()).div(sales.toString()).times(days) : new Dec(0), receivables);
  if (method === 'average') {
    const ends = [addDays(from, -1)];
    for (let d = monthEnd(from); d < to; d = monthEnd(addDays(d, 1))) ends.push(d);
    const points = [...receivablesAtEach(db, ends, accounts), receivables];
    const average = new Dec(points.reduce((a, b) => a + b, 0n).toString()).div(points.length);
    return { ...out(sales > 0n ? average.div(sales.toString()).times(days) : new Dec(0), receivables), receivables: s(BigInt(average.toDecimalPlaces(0).toString())) };
  }
  // Countback, month by month from the end of the period.
  let left = new Dec(receivables.toString());
  let total = new Dec(0);
  let end = to;
  while (left.gt(0) && end >= from) {
    const start = end.slice(0, 8) + '01' < from ? from : `${end.slice(0, 8)}01`;
    const monthSales = new Dec(salesBetween(db, start, end).toString());
    const monthDays = daysBetween(start, end) + 1;
    if (monthSales.lte(0)) total = total.plus(monthDays);
    else if (left.gte(monthSales)) {
      total = total.plus(monthDays);
      left = left.minus(monthSales);
    } else {
      total = total.plus(left.div(monthSales).times(monthDays));
      left = new Dec(0);
    }
    end = addDays(start, -1);
  }
  return out(total, receivables);
}

/**
 * Relevé de compte: the customer's lines on 411, 416 and 4191, with running balance and lettering (4191
 * as money received: an invoiced deposit's 4191 lines are left out, its 411 line says what is owed). The
 * opening entries' lines are left out: they repeat what the closed years' lines already make, so the
 * balance runs on across a closing.
 */
export function customerStatement(db: Db, customerId: number, accounts: AccountMap, today: string, from?: string, to?: string) {
  const c = db.prepare('SELECT id, code, name FROM customer WHERE id = ?').get(customerId) as { id: number; code: string; name: string } | undefined;
  if (!c) throw new AppError('NOT_FOUND', `Client n° ${customerId} introuvable.`);
  const accountsOf = [accounts.customers, accounts.doubtfulCustomers, accounts.customerAdvances];
  const base = { aux: c.code, a1: accountsOf[0], a2: accountsOf[1], a3: accountsOf[2] };
  const opening = from
    ? (db.prepare(`SELECT coalesce(sum(l.debit_cents - l.credit_cents), 0) FROM entry_line l JOIN entry e ON e.id = l.entry_id WHERE e.validated_at IS NOT NULL AND e.journal <> 'AN' AND l.aux = @aux AND l.account IN (@a1, @a2, @a3) AND NOT (l.account = @a3 AND ${INVOICED_DEPOSIT_LINE}) AND e.date < @from`)
        .pluck().safeIntegers(true).get({ ...base, from }) as bigint)
    : 0n;
  const lines = stmt(
    db,
    `SELECT l.id, e.date, e.journal, e.piece_ref, l.label, l.account, l.debit_cents, l.credit_cents
       FROM entry_line l JOIN entry e ON e.id = l.entry_id
      WHERE e.validated_at IS NOT NULL AND e.journal <> 'AN' AND l.aux = @aux AND l.account IN (@a1, @a2, @a3) AND NOT (l.account = @a3 AND ${INVOICED_DEPOSIT_LINE})
        ${from ? 'AND e.date >= @from' : ''} ${to ? 'AND e.date <= @to' : ''}
      ORDER BY e.date, e.seq, l.line_no`,
  )
    .safeIntegers(true)
    .all({ ...base, ...(from ? { from } : {}), ...(to ? { to } : {}) }) as { id: bigint; date: string; journal: string; piece_ref: string; label: string; account: string; debit_cents: bigint; credit_cents: bigint }[];
  // The customer's lettering codes, read from the lettering side at once (a lettering holds the lines of
  // one account and customer) rather than looked up line by line.
  const codes = new Map(
    stmt(db, 'SELECT ll.line_id, lt.code FROM lettering lt CROSS JOIN lettering_line ll ON ll.lettering_id = lt.id WHERE lt.aux = @aux AND lt.account IN (@a1, @a2, @a3)')
      .raw(true)
      .all(base) as [number, string][],
  );
  let balance = opening;
  const rows = lines.map((l) => {
    balance += l.debit_cents - l.credit_cents;
    const lettering = codes.get(Number(l.id));
    return { lineId: Number(l.id), date: l.date, journal: l.journal, pieceRef: l.piece_ref, label: l.label, account: l.account, debit: s(l.debit_cents), credit: s(l.credit_cents), balance: s(balance), ...(lettering ? { lettering } : {}) };
  });
  const asOf = to ?? today;
  const openInvoices = customerOpenInvoices(db, customerId, asOf, accounts).map((i) => ({
    id: Number(i.id), number: i.number, date: i.date, dueDate: i.due_date, gross: s(i.gross_cents), outstanding: s(i.outstanding), daysOverdue: Math.max(0, daysBetween(i.due_date, asOf)),
  }));
  return { customer: c, opening: s(opening), rows, closing: s(balance), openInvoices };
}

/**
 * The VAT report of a period: VAT collected by rate (invoices on debits and goods, receipts under VAT on
 * receipts, less credit notes and escomptes), VAT still pending at the end, and the regularisations
 * (write-offs). Its total equals the movement of the VAT-collected account over the period.
 */
export function vatReport(db: Db, from: string, to: string, accounts: AccountMap) {
  const byRate = new Map<string, { base: bigint; vat: bigint }>();
  const add = (rate: string, base: bigint, vat: bigint) => {
    const r = byRate.get(rate) ?? { base: 0n, vat: 0n };
    r.base += base;
    r.vat += vat;
    byRate.set(rate, r);
  };
  // Collected at invoicing: the part of each rate not pending. Where nothing is pending (VAT on debits,
  // goods) base and VAT are collected whole: summed per rate in SQL; the others prorated one by one.
  // Penalty invoices (series PEN) are outside the scope of VAT: no line at all, not even at 0 %.
  const invoiced = stmt(
    db,
    `SELECT v.rate, v.pending_cents = 0 AS whole, sum(v.base_cents) AS base_cents, sum(v.vat_cents) AS vat_cents, 0 AS pending_cents
       FROM invoice i CROSS JOIN invoice_vat v ON v.invoice_id = i.id
      WHERE i.state = 'validated' AND i.penalty_of IS NULL AND i.date BETWEEN @from AND @to AND v.pending_cents = 0 GROUP BY v.rate
     UNION ALL
     SELECT v.rate, 0, v.base_cents, v.vat_cents, v.pending_cents
       FROM invoice i CROSS JOIN invoice_vat v ON v.invoice_id = i.id
      WHERE i.state = 'validated' AND i.penalty_of IS NULL AND i.date BETWEEN @from AND @to AND v.pending_cents <> 0`,
  ).safeIntegers(true).all({ from, to }) as { rate: string; whole: bigint; base_cents: bigint; vat_cents: bigint; pending_cents: bigint }[];
  for (const v of invoiced) {
    const collected = v.vat_cents - v.pending_cents;
    add(v.rate, v.whole === 1n || v.vat_cents <= 0n ? v.base_cents : prorata(v.base_cents, collected, v.vat_cents), collected);
  }
  // Collected at receipt: each move 44574 → 44571, spread over the invoice's pending rates; the VAT
  // cleared on an underpayment (658) was never received: not collected.
  const moved = new Map<number, bigint>();
  for (const m of vatReceiptMoves(db, from, to, accounts)) if (m.received) moved.set(m.invoiceId, (moved.get(m.invoiceId) ?? 0n) + m.moved);
  for (const [invoiceId, cents] of moved) spread(db, invoiceId, cents, add);
  // Credit notes and escomptes reduce what was collected (their pending part was never collected).
  for (const p of db.prepare(`SELECT p.rate, p.base_cents, p.vat_cents, p.pending_cents FROM credit_note_part p JOIN credit_note c ON c.id = p.credit_note_id JOIN invoice i ON i.id = c.invoice_id WHERE c.state = 'validated' AND i.penalty_of IS NULL AND c.date BETWEEN ? AND ?`).safeIntegers(true).all(from, to) as { rate: string; base_cents: bigint; vat_cents: bigint; pending_cents: bigint }[]) {
    const collected = p.vat_cents - p.pending_cents;
    add(p.rate, -(p.vat_cents > 0n ? prorata(p.base_cents, collected, p.vat_cents) : p.base_cents), -collected);
  }
  // The movement of 44571 over the period (credit − debit), opening entries (AN) excepted.
  const movement = balanceAt(db, accounts.vatCollected, accounts.vatCollected, addDays(from, -1)) - balanceAt(db, accounts.vatCollected, accounts.vatCollected, to);
  const collectedTotal = [...byRate.values()].reduce((a, r) => a + r.vat, 0n);
  // What moved on 44571 and is none of the above: write-off regularisations and manual entries.
  const other = movement - collectedTotal;
  const pending = -balanceAt(db, accounts.vatPending, accounts.vatPending, to);
  return {
    from, to,
    collected: [...byRate.entries()].sort(([a], [b]) => new Dec(b).comparedTo(a)).map(([rate, r]) => ({ rate, base: s(r.base), vat: s(r.vat) })),
    pending: s(pending),
    regularisations: other === 0n ? [] : [{ label: `Autres mouvements du compte ${accounts.vatCollected} (${accountLabel(db, accounts.vatCollected) ?? ''}) : régularisations, écritures manuelles`, vat: s(other) }],
    total: s(movement),
  };
}

/** One 44574 line linked `vat_receipt` to its invoice, and whether it is money received. */
export interface VatReceiptMove {
  lineId: number;
  entryId: number;
  date: string;
  invoiceId: number;
  number: string;
  /** Debit − credit on 44574 (negative on a reversal). */
  moved: bigint;
  /**
   * True when the VAT moves to 44571 with it (its next line, same entry, credits 44571 by the same amount:
   * payments.ts `vatReceived`): VAT due on money received. False for the VAT cleared without money (the
   * écart de règlement written off to 658, payments.ts `differenceSettled`).
   */
  received: boolean;
}

/** The `vat_receipt` lines on 44574 dated within the period, by date, invoice number and line. */
export function vatReceiptMoves(db: Db, from: string, to: string, accounts: AccountMap): VatReceiptMove[] {
  const rows = db
    .prepare(
      `SELECT l.id AS line_id, l.entry_id, e.date, k.invoice_id, i.number, l.debit_cents - l.credit_cents AS moved,
              (SELECT n.credit_cents - n.debit_cents FROM entry_line n WHERE n.id = l.id + 1 AND n.entry_id = l.entry_id AND n.account = @collected) AS paired
         FROM invoice_link k JOIN entry_line l ON l.id = k.line_id JOIN entry e ON e.id = l.entry_id JOIN invoice i ON i.id = k.invoice_id
        WHERE k.role = 'vat_receipt' AND l.account = @pending AND e.date BETWEEN @from AND @to
        ORDER BY e.date, i.number, l.id`,
    )
    .safeIntegers(true)
    .all({ pending: accounts.vatPending, collected: accounts.vatCollected, from, to }) as { line_id: bigint; entry_id: bigint; date: string; invoice_id: bigint; number: string; moved: bigint; paired: bigint | null }[];
  return rows.map((r) => ({ lineId: Number(r.line_id), entryId: Number(r.entry_id), date: r.date, invoiceId: Number(r.invoice_id), number: r.number, moved: r.moved, received: r.paired !== null && r.paired === r.moved }));
}

/** VAT moved from 44574 to 44571 on an invoice, spread over its pending rates (base prorated per rate): the one split the VAT report and the receipts list share. */
export function spread(db: Db, invoiceId: number, moved: bigint, add: (rate: string, base: bigint, vat: bigint) => void) {
  const rates = db.prepare('SELECT rate, pending_cents FROM invoice_vat WHERE invoice_id = ? AND pending_cents > 0 ORDER BY rate').safeIntegers(true).all(invoiceId) as { rate: string; pending_cents: bigint }[];
  const total = rates.reduce((a, r) => a + r.pending_cents, 0n);
  let left = moved;
  rates.forEach((r, i) => {
    const part = i === rates.length - 1 ? left : prorata(moved, r.pending_cents, total);
    left -= part;
    const base = stmt(db, 'SELECT base_cents, vat_cents FROM invoice_vat WHERE invoice_id = ? AND rate = ?').safeIntegers(true).get(invoiceId, r.rate) as { base_cents: bigint; vat_cents: bigint };
    add(r.rate, base.vat_cents > 0n ? prorata(base.base_cents, part, base.vat_cents) : 0n, part);
  });
}
