import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { letterLines, letterSettledInvoice } from '../ledger/lettering';

export { letteringCode, letterLines, letterSettledInvoice, unletter } from '../ledger/lettering';

/**
 * Letters what can be matched without a doubt, per customer, within each open fiscal year: settled invoices with what settled them, then
 * an open debit and an open credit of the same amount when the credit names the debit's piece (invoice
 * number), then equal amounts when each has exactly one counterpart.
 */
export function autoLetter(db: Db, customerAccounts: string[], customerCode: string | null, now: Date): number {
  let matched = 0;
  const settled = db
    .prepare(
      `SELECT DISTINCT k.invoice_id FROM invoice_link k JOIN entry_line l ON l.id = k.line_id JOIN invoice i ON i.id = k.invoice_id
        LEFT JOIN lettering_line ll ON ll.line_id = l.id
        WHERE ll.line_id IS NULL AND l.account IN (SELECT value FROM json_each(@accounts)) ${customerCode ? 'AND l.aux = @aux' : ''}`,
    )
    .pluck()
    .all({ accounts: JSON.stringify(customerAccounts), ...(customerCode ? { aux: customerCode } : {}) }) as number[];
  const before = () => stmt(db, 'SELECT count(*) FROM lettering').pluck().get() as number;
  const start = before();
  for (const id of settled) {
    // The opening lines repeat what the closed year's lines already count (close.ts): left out.
    const outstanding = db.prepare(`SELECT coalesce(sum(l.debit_cents - l.credit_cents), 0) FROM invoice_link k CROSS JOIN entry_line l ON l.id = k.line_id WHERE k.invoice_id = ? AND k.role <> 'opening' AND l.account IN (SELECT value FROM json_each(?))`)
      .pluck().safeIntegers(true).get(id, JSON.stringify(customerAccounts)) as bigint;
    if (outstanding === 0n) {
      const date = db.prepare('SELECT max(e.date) FROM invoice_link k JOIN entry_line l ON l.id = k.line_id JOIN entry e ON e.id = l.entry_id WHERE k.invoice_id = ?').pluck().get(id) as string;
      letterSettledInvoice(db, id, date, customerAccounts, now);
    }
  }
  matched += before() - start;

  const open = db
    .prepare(
      `SELECT l.id, l.account, l.aux, l.debit_cents - l.credit_cents AS amount, e.piece_ref, e.label, e.date, e.fiscal_year_id AS year
         FROM entry_line l JOIN entry e ON e.id = l.entry_id JOIN fiscal_year f ON f.id = e.fiscal_year_id LEFT JOIN lettering_line ll ON ll.line_id = l.id
        WHERE ll.line_id IS NULL AND e.validated_at IS NOT NULL AND l.aux IS NOT NULL AND f.status = 'open'
          AND l.account IN (SELECT value FROM json_each(@accounts)) ${customerCode ? 'AND l.aux = @aux' : ''}
        ORDER BY e.date, l.id`,
    )
    .safeIntegers(true)
    .all({ accounts: JSON.stringify(customerAccounts), ...(customerCode ? { aux: customerCode } : {}) }) as { id: bigint; account: string; aux: string; amount: bigint; piece_ref: string; label: string; date: string; year: bigint }[];
  const used = new Set<bigint>();
  const pairs: [typeof open[number], typeof open[number]][] = [];
  const debits = open.filter((l) => l.amount > 0n);
  const credits = open.filter((l) => l.amount < 0n);
  // A set stays within one fiscal year (ledger/lettering.ts).
  const sameBook = (a: typeof open[number], b: typeof open[number]) => a.account === b.account && a.aux === b.aux && a.year === b.year && a.amount === -b.amount;
  for (const d of debits) {
    const c = credits.find((x) => !used.has(x.id) && sameBook(d, x) && (x.piece_ref.includes(d.piece_ref) || x.label.includes(d.piece_ref)));
    if (c) {
      used.add(d.id).add(c.id);
      pairs.push([d, c]);
    }
  }
  for (const d of debits.filter((x) => !used.has(x.id))) {
    const candidates = credits.filter((x) => !used.has(x.id) && sameBook(d, x));
    const rivals = debits.filter((x) => !used.has(x.id) && x.account === d.account && x.aux === d.aux && x.year === d.year && x.amount === d.amount);
    if (candidates.length === 1 && rivals.length === 1) {
      const c = candidates[0] as typeof open[number];
      used.add(d.id).add(c.id);
      pairs.push([d, c]);
    }
  }
  for (const [d, c] of pairs) {
    letterLines(db, [Number(d.id), Number(c.id)], d.date > c.date ? d.date : c.date, now);
    matched++;
  }
  return matched;
}
