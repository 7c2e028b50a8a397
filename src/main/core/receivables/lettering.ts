import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';

/** A, B, … Z, AA, AB…: the lettering codes of one account and customer, in order. */
export function letteringCode(index: number): string {
  let n = index + 1;
  let code = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    code = String.fromCharCode(65 + r) + code;
    n = Math.floor((n - 1) / 26);
  }
  return code;
}

function nextCode(db: Db, account: string, aux: string): string {
  const used = stmt(db, 'SELECT count(*) FROM lettering WHERE account = ? AND aux = ?').pluck().get(account, aux) as number;
  // Usually the next letter; after an unmatch, the first code still free from there.
  let index = used;
  for (;;) {
    const code = letteringCode(index);
    if (!stmt(db, 'SELECT 1 FROM lettering WHERE account = ? AND aux = ? AND code = ?').get(account, aux, code)) return code;
    index++;
  }
}

/**
 * Letters a set of lines of one account (and customer) that nets to zero: they share a code and a date.
 * Refuses a set that does not net to zero, mixes accounts or customers, or holds an already lettered line.
 */
export function letterLines(db: Db, lineIds: number[], date: string, now: Date): { code: string; date: string } {
  if (lineIds.length < 2) throw new AppError('VALIDATION', 'Un lettrage rapproche au moins deux lignes.');
  const rows = lineIds.map((id) => {
    const r = stmt(
      db,
      `SELECT l.id, l.account, coalesce(l.aux, '') AS aux, l.debit_cents - l.credit_cents AS amount, ll.line_id IS NOT NULL AS lettered, e.validated_at IS NOT NULL AS validated
         FROM entry_line l JOIN entry e ON e.id = l.entry_id LEFT JOIN lettering_line ll ON ll.line_id = l.id WHERE l.id = ?`,
    )
      .safeIntegers(true)
      .get(id) as { id: bigint; account: string; aux: string; amount: bigint; lettered: bigint; validated: bigint } | undefined;
    if (!r || r.validated !== 1n) throw new AppError('NOT_FOUND', `Ligne d’écriture n° ${id} introuvable.`);
    if (r.lettered === 1n) throw new AppError('CONFLICT', `La ligne n° ${id} est déjà lettrée : délettrez-la d’abord.`);
    return r;
  });
  const first = rows[0] as (typeof rows)[number];
  if (rows.some((r) => r.account !== first.account || r.aux !== first.aux)) {
    throw new AppError('CONFLICT', 'Un lettrage ne rapproche que des lignes d’un même compte et d’un même client.');
  }
  const sum = rows.reduce((s, r) => s + r.amount, 0n);
  if (sum !== 0n) throw new AppError('CONFLICT', 'Ces lignes ne se soldent pas (le total des débits diffère de celui des crédits) : on ne lettre que des ensembles soldés.');
  const code = nextCode(db, first.account, first.aux);
  const letteringId = Number(
    stmt(db, 'INSERT INTO lettering (account, aux, code, date, created_at) VALUES (?, ?, ?, ?, ?)').run(first.account, first.aux, code, date, now.toISOString()).lastInsertRowid,
  );
  const insert = stmt(db, 'INSERT INTO lettering_line (line_id, lettering_id) VALUES (?, ?)');
  for (const id of lineIds) insert.run(id, letteringId);
  return { code, date };
}

/**
 * Once an invoice is settled, letters its lines on each customer account that now nets to zero (the
 * invoice with its payments and credit notes; after a reclassification, each of 411 and 416).
 */
export function letterSettledInvoice(db: Db, invoiceId: number, date: string, customerAccounts: string[], now: Date): void {
  const lines = stmt(
    db,
    `SELECT l.id, l.account, l.debit_cents - l.credit_cents AS amount
       FROM invoice_link k CROSS JOIN entry_line l ON l.id = k.line_id LEFT JOIN lettering_line ll ON ll.line_id = l.id
      WHERE k.invoice_id = ? AND ll.line_id IS NULL AND l.account IN (SELECT value FROM json_each(?))`,
  )
    .safeIntegers(true)
    .all(invoiceId, JSON.stringify(customerAccounts)) as { id: bigint; account: string; amount: bigint }[];
  const byAccount = new Map<string, { ids: number[]; sum: bigint }>();
  for (const l of lines) {
    const g = byAccount.get(l.account) ?? { ids: [], sum: 0n };
    g.ids.push(Number(l.id));
    g.sum += l.amount;
    byAccount.set(l.account, g);
  }
  for (const g of byAccount.values()) if (g.ids.length >= 2 && g.sum === 0n) letterLines(db, g.ids, date, now);
}

/** Removes a lettering (never an entry): its lines become open again. */
export function unletter(db: Db, q: { code: string; account?: string | undefined; aux?: string | undefined }): { code: string } {
  const rows = db
    .prepare(`SELECT id FROM lettering WHERE code = @code ${q.account ? 'AND account = @account' : ''} ${q.aux ? 'AND aux = @aux' : ''}`)
    .all({ code: q.code, ...(q.account ? { account: q.account } : {}), ...(q.aux ? { aux: q.aux } : {}) }) as { id: number }[];
  if (rows.length === 0) throw new AppError('NOT_FOUND', `Aucun lettrage « ${q.code} ».`);
  if (rows.length > 1) throw new AppError('VALIDATION', `Plusieurs comptes ont un lettrage « ${q.code} » : précisez le compte et le client.`, { aux: 'Précisez le client.' });
  stmt(db, 'DELETE FROM lettering WHERE id = ?').run((rows[0] as { id: number }).id);
  return { code: q.code };
}

/**
 * Letters what can be matched without a doubt, per customer: settled invoices with what settled them, then
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
    const outstanding = db.prepare(`SELECT coalesce(sum(l.debit_cents - l.credit_cents), 0) FROM invoice_link k CROSS JOIN entry_line l ON l.id = k.line_id WHERE k.invoice_id = ? AND l.account IN (SELECT value FROM json_each(?))`)
      .pluck().safeIntegers(true).get(id, JSON.stringify(customerAccounts)) as bigint;
    if (outstanding === 0n) {
      const date = db.prepare('SELECT max(e.date) FROM invoice_link k JOIN entry_line l ON l.id = k.line_id JOIN entry e ON e.id = l.entry_id WHERE k.invoice_id = ?').pluck().get(id) as string;
      letterSettledInvoice(db, id, date, customerAccounts, now);
    }
  }
  matched += before() - start;

  const open = db
    .prepare(
      `SELECT l.id, l.account, l.aux, l.debit_cents - l.credit_cents AS amount, e.piece_ref, e.label, e.date
         FROM entry_line l JOIN entry e ON e.id = l.entry_id LEFT JOIN lettering_line ll ON ll.line_id = l.id
        WHERE ll.line_id IS NULL AND e.validated_at IS NOT NULL AND l.aux IS NOT NULL
          AND l.account IN (SELECT value FROM json_each(@accounts)) ${customerCode ? 'AND l.aux = @aux' : ''}
        ORDER BY e.date, l.id`,
    )
    .safeIntegers(true)
    .all({ accounts: JSON.stringify(customerAccounts), ...(customerCode ? { aux: customerCode } : {}) }) as { id: bigint; account: string; aux: string; amount: bigint; piece_ref: string; label: string; date: string }[];
  const used = new Set<bigint>();
  const pairs: [typeof open[number], typeof open[number]][] = [];
  const debits = open.filter((l) => l.amount > 0n);
  const credits = open.filter((l) => l.amount < 0n);
  const sameBook = (a: typeof open[number], b: typeof open[number]) => a.account === b.account && a.aux === b.aux && a.amount === -b.amount;
  for (const d of debits) {
    const c = credits.find((x) => !used.has(x.id) && sameBook(d, x) && (x.piece_ref.includes(d.piece_ref) || x.label.includes(d.piece_ref)));
    if (c) {
      used.add(d.id).add(c.id);
      pairs.push([d, c]);
    }
  }
  for (const d of debits.filter((x) => !used.has(x.id))) {
    const candidates = credits.filter((x) => !used.has(x.id) && sameBook(d, x));
    const rivals = debits.filter((x) => !used.has(x.id) && x.account === d.account && x.aux === d.aux && x.amount === d.amount);
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
