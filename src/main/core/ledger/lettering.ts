import { formatDateShort } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';

/**
 * Lettering (lettrage): sets of lines of one account and customer that net to zero share a code and a date,
 * which the FEC prints (EcritureLet, DateLet). Two rules keep every FEC true once written:
 *  - a set lies within one fiscal year, so it balances within that year's file;
 *  - a closed year's lines are never lettered nor unlettered again, so its FEC never changes. What such a
 *    line still leaves open is carried by the next year's opening entry (close.ts: one line per open
 *    invoice, linked to it), and the new year letters against that line.
 */

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

const closedYearRefusal = (what: string, end: string) =>
  new AppError('CONFLICT', `${what} appartient à l’exercice clos le ${formatDateShort(end)} : les lignes d’un exercice clôturé ne se lettrent ni ne se délettrent plus (son FEC est arrêté). Lettrez dans l’exercice ouvert, avec la ligne d’à-nouveau de la facture.`);

/**
 * Letters a set of lines of one account (and customer) that nets to zero: they share a code and a date.
 * Refuses a set that does not net to zero, mixes accounts, customers or fiscal years, holds an already
 * lettered line or a line of a closed year.
 */
export function letterLines(db: Db, lineIds: number[], date: string, now: Date): { code: string; date: string } {
  if (lineIds.length < 2) throw new AppError('VALIDATION', 'Un lettrage rapproche au moins deux lignes.');
  const rows = lineIds.map((id) => {
    const r = stmt(
      db,
      `SELECT l.id, l.account, coalesce(l.aux, '') AS aux, l.debit_cents - l.credit_cents AS amount, ll.line_id IS NOT NULL AS lettered,
              e.validated_at IS NOT NULL AS validated, e.fiscal_year_id AS year, f.status, f.end_date
         FROM entry_line l JOIN entry e ON e.id = l.entry_id JOIN fiscal_year f ON f.id = e.fiscal_year_id
         LEFT JOIN lettering_line ll ON ll.line_id = l.id WHERE l.id = ?`,
    )
      .safeIntegers(true)
      .get(id) as { id: bigint; account: string; aux: string; amount: bigint; lettered: bigint; validated: bigint; year: bigint; status: string; end_date: string } | undefined;
    if (!r || r.validated !== 1n) throw new AppError('NOT_FOUND', `Ligne d’écriture n° ${id} introuvable.`);
    if (r.status === 'closed') throw closedYearRefusal(`La ligne n° ${id}`, r.end_date);
    if (r.lettered === 1n) throw new AppError('CONFLICT', `La ligne n° ${id} est déjà lettrée : délettrez-la d’abord.`);
    return r;
  });
  const first = rows[0] as (typeof rows)[number];
  if (rows.some((r) => r.account !== first.account || r.aux !== first.aux)) {
    throw new AppError('CONFLICT', 'Un lettrage ne rapproche que des lignes d’un même compte et d’un même client.');
  }
  if (rows.some((r) => r.year !== first.year)) {
    throw new AppError('CONFLICT', 'Un lettrage ne rapproche que des lignes d’un même exercice : chaque FEC doit se solder seul. Une facture d’un exercice précédent se lettre avec sa ligne d’à-nouveau, une fois cet exercice clôturé.');
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
 * invoice with its payments and credit notes; after a reclassification, each of 411 and 416), year by
 * year and in open years only: in the year after a closing, the invoice's opening line stands for what the
 * closed year left open. The set is dated `date` when it falls in the set's year, else on its latest line.
 */
export function letterSettledInvoice(db: Db, invoiceId: number, date: string | null, customerAccounts: string[], now: Date): void {
  const lines = stmt(
    db,
    `SELECT l.id, l.account, e.fiscal_year_id AS year, f.start_date, f.end_date, e.date, l.debit_cents - l.credit_cents AS amount
       FROM invoice_link k CROSS JOIN entry_line l ON l.id = k.line_id CROSS JOIN entry e ON e.id = l.entry_id CROSS JOIN fiscal_year f ON f.id = e.fiscal_year_id
       LEFT JOIN lettering_line ll ON ll.line_id = l.id
      WHERE k.invoice_id = ? AND ll.line_id IS NULL AND f.status = 'open' AND l.account IN (SELECT value FROM json_each(?))`,
  )
    .safeIntegers(true)
    .all(invoiceId, JSON.stringify(customerAccounts)) as { id: bigint; account: string; year: bigint; start_date: string; end_date: string; date: string; amount: bigint }[];
  const groups = new Map<string, { ids: number[]; sum: bigint; start: string; end: string; last: string }>();
  for (const l of lines) {
    const key = `${l.account}|${l.year}`;
    const g = groups.get(key) ?? { ids: [], sum: 0n, start: l.start_date, end: l.end_date, last: l.date };
    g.ids.push(Number(l.id));
    g.sum += l.amount;
    if (l.date > g.last) g.last = l.date;
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    if (g.ids.length >= 2 && g.sum === 0n) letterLines(db, g.ids, date && date >= g.start && date <= g.end ? date : g.last, now);
  }
}

/** Removes a lettering (never an entry): its lines become open again. Not in a closed year. */
export function unletter(db: Db, q: { code: string; account?: string | undefined; aux?: string | undefined }): { code: string } {
  const rows = db
    .prepare(`SELECT id FROM lettering WHERE code = @code ${q.account ? 'AND account = @account' : ''} ${q.aux ? 'AND aux = @aux' : ''}`)
    .all({ code: q.code, ...(q.account ? { account: q.account } : {}), ...(q.aux ? { aux: q.aux } : {}) }) as { id: number }[];
  if (rows.length === 0) throw new AppError('NOT_FOUND', `Aucun lettrage « ${q.code} ».`);
  if (rows.length > 1) throw new AppError('VALIDATION', `Plusieurs comptes ont un lettrage « ${q.code} » : précisez le compte et le client.`, { aux: 'Précisez le client.' });
  const id = (rows[0] as { id: number }).id;
  const closed = stmt(
    db,
    `SELECT f.end_date FROM lettering_line ll CROSS JOIN entry_line l ON l.id = ll.line_id CROSS JOIN entry e ON e.id = l.entry_id CROSS JOIN fiscal_year f ON f.id = e.fiscal_year_id
      WHERE ll.lettering_id = ? AND f.status = 'closed' LIMIT 1`,
  ).pluck().get(id) as string | undefined;
  if (closed) throw closedYearRefusal(`Le lettrage « ${q.code} »`, closed);
  stmt(db, 'DELETE FROM lettering WHERE id = ?').run(id);
  return { code: q.code };
}
