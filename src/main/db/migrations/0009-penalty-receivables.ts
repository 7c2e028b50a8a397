import type { Database } from 'better-sqlite3-multiple-ciphers';
import { addDays, daysBetween } from '../../../shared/dates';
import { centsToString } from '../../../shared/money';
import { BALANCES_FROM_LEDGER_SQL } from '../repositories/invoice-balance-repo';
import type { Migration } from './types';

/**
 * Issue 14.
 *
 * 1. A penalty invoice (series PEN) becomes a receivable like any invoice: a row of `invoice` whose
 *    `penalty_of` names the invoice whose late payment it charges, with its lines (one per period of
 *    interest, one for the indemnity, at no VAT, on 7631) and its 411 line linked to it. The invoice list,
 *    the aged balance, the statement, payments, lettering and dunning then treat it as the receivable it
 *    is. Each penalty invoice already issued is written so: its own entry's 411 line is linked (the
 *    kept-balance trigger counts it), lettering included (balances rebuilt for them).
 * 2. The customers' payment terms: the 60-day cap of L441-10 binds businesses only. The CHECK of 0001 said
 *    0–60 for everyone; a CHECK cannot be altered in place, so the table is rebuilt (SQLite's documented
 *    procedure: new table, copy, drop, rename; foreign keys deferred to the commit and checked), its
 *    indexes and triggers — whatever migration made them — written back from the schema as they were, its
 *    AUTOINCREMENT counter kept (a code is never handed out twice).
 * 3. The owner's saved letter templates lose the sentences that stated reminders or a formal notice
 *    whether or not any had been sent, and the B2B penalty sentences: each exact sentence of the former
 *    defaults is replaced by the variable that says it only when true ({relances_precedentes},
 *    {phrase_penalites}). Sentences the owner rewrote are left alone.
 */

/** The former defaults' sentences (templates.ts before this version) and what replaces them. */
const TEMPLATE_REWRITES: [string, string][] = [
  ['Malgré nos précédentes relances, notre facture', '{relances_precedentes}\n\nNotre facture'],
  ['Notre mise en demeure étant restée sans effet, notre facture', '{relances_precedentes}\n\nNotre facture'],
  ['Notre mise en demeure étant restée sans effet, nous transmettons', '{relances_precedentes}\n\nNous transmettons'],
  [' Nous vous rappelons que des pénalités de retard au taux de {taux} l’an courent depuis le lendemain de l’échéance : {penalites} au {date}.', '\n\n{phrase_penalites}'],
  [' Pour mémoire, des pénalités de retard au taux de {taux} l’an courent depuis l’échéance : {penalites} à ce jour.', '\n\n{phrase_penalites}'],
  ['Les pénalités de retard au taux de {taux} l’an s’élèvent à {penalites} au {date}.', '{phrase_penalites}'],
  [
    'nous régler la somme de {total}, soit le reste dû augmenté des pénalités de retard ({penalites}) calculées au {date} au taux de {taux} l’an, sous huit jours, soit au plus tard le {delai}.',
    'nous régler la somme de {total}, reste dû et pénalités comprises, sous huit jours, soit au plus tard le {delai}.\n\n{phrase_penalites}',
  ],
  ['Les intérêts de retard continuent de courir jusqu’au complet paiement.', 'Les intérêts de retard courent jusqu’au complet paiement.'],
  // The call's letter is printed from the to-do before the call is noted: it no longer says one took place.
  ['Facture {facture} : suite à notre appel', 'Facture {facture} : proposition d’échéancier'],
  [
    'Comme convenu lors de notre entretien téléphonique, nous vous rappelons que notre facture n° {facture} du {date_facture}, échue le {echeance}, reste impayée pour {reste}, soit un retard de {retard} jours.',
    '{relances_precedentes}\n\nNous revenons vers vous au sujet de notre facture n° {facture} du {date_facture}, échue le {echeance}, qui reste impayée pour {reste}, soit un retard de {retard} jours.',
  ],
  [
    'Suite à notre appel, voici le rappel de notre facture n° {facture} du {date_facture}, échue le {echeance}, qui reste impayée pour {reste}.',
    'Nous revenons vers vous au sujet de notre facture n° {facture} du {date_facture}, échue le {echeance}, qui reste impayée pour {reste}.',
  ],
];

export function rewriteTemplateText(text: string): string {
  return TEMPLATE_REWRITES.reduce((t, [from, to]) => t.split(from).join(to), text);
}

const SHORT = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** "12.15" → "12,15 %" with a no-break space, as the documents print rates. */
const percent = (rate: string) => `${rate.replace('.', ',')}\u00a0%`;

function penaltyInvoicesAsReceivables(db: Database) {
  const regime = (db.prepare('SELECT vat_regime FROM company LIMIT 1').pluck().get() as string | undefined) ?? 'debits';
  const rows = db
    .prepare(
      `SELECT p.id, p.number, p.invoice_id, p.date, p.as_of, p.rate, p.days, p.interest_cents, p.indemnity_cents, p.entry_id, p.created_at,
              i.customer_id, i.due_date,
              (SELECT max(q.as_of) FROM penalty_invoice q WHERE q.invoice_id = p.invoice_id AND q.id < p.id) AS previous
         FROM penalty_invoice p JOIN invoice i ON i.id = p.invoice_id ORDER BY p.id`,
    )
    .safeIntegers(true)
    .all() as {
    id: bigint; number: string; invoice_id: bigint; date: string; as_of: string; rate: string; days: bigint; interest_cents: bigint; indemnity_cents: bigint;
    entry_id: bigint; created_at: string; customer_id: bigint; due_date: string; previous: string | null;
  }[];
  const insertInvoice = db.prepare(
    `INSERT INTO invoice (customer_id, date, due_date, vat_regime, net_cents, vat_cents, gross_cents, created_at, updated_at, notes, state, number, entry_id, validated_at, penalty_of)
     VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 'validated', ?, ?, ?, ?)`,
  );
  const insertLine = db.prepare(
    "INSERT INTO invoice_line (invoice_id, line_no, description, kind, quantity, unit_price, vat_rate, account, net_cents) VALUES (?, ?, ?, 'services', '1', ?, '0', ?, ?)",
  );
  const insertVat = db.prepare("INSERT INTO invoice_vat (invoice_id, rate, base_cents, vat_cents) VALUES (?, '0', ?, 0)");
  // The entry penalty-invoice.ts posted: one debit line on the customer's account, credits on 7631 (or the
  // account the company mapped late-payment interest to).
  const customerLine = db.prepare('SELECT id FROM entry_line WHERE entry_id = ? AND debit_cents > 0 ORDER BY id LIMIT 1').pluck();
  const interestAccountOf = db.prepare('SELECT account FROM entry_line WHERE entry_id = ? AND credit_cents > 0 ORDER BY id LIMIT 1').pluck();
  const link = db.prepare("INSERT INTO invoice_link (line_id, invoice_id, role) VALUES (?, ?, 'invoice')");
  const ids: number[] = [];
  for (const r of rows) {
    const interestAccount = (interestAccountOf.get(r.entry_id) as string | undefined) ?? '7631';
    const total = r.interest_cents + r.indemnity_cents;
    const id = Number(
      insertInvoice.run(r.customer_id, r.date, r.date, regime, total, total, r.created_at, r.created_at, null, r.number, r.entry_id, r.created_at, r.invoice_id).lastInsertRowid,
    );
    let no = 1;
    if (r.interest_cents > 0n) {
      const from = r.previous ? addDays(r.previous, 1) : addDays(r.due_date, 1);
      const days = Number(r.days) > 0 ? daysBetween(from, r.as_of) + 1 : 0;
      const text = `Intérêts de retard au taux annuel de ${percent(r.rate)} du ${SHORT(from)} au ${SHORT(r.as_of)}, ${days} jour${days > 1 ? 's' : ''}`;
      insertLine.run(id, no++, text, centsToString(r.interest_cents), interestAccount, r.interest_cents);
    }
    if (r.indemnity_cents > 0n) insertLine.run(id, no++, 'Indemnité forfaitaire pour frais de recouvrement', centsToString(r.indemnity_cents), interestAccount, r.indemnity_cents);
    insertVat.run(id, total);
    const line = customerLine.get(r.entry_id) as bigint | number | undefined;
    if (line !== undefined) link.run(line, id);
    ids.push(id);
  }
  return ids;
}

const OLD_TERMS_CHECK = 'CHECK (payment_terms_days BETWEEN 0 AND 60)';
const NEW_TERMS_CHECK = "CHECK (payment_terms_days BETWEEN 0 AND 365 AND (kind = 'consumer' OR payment_terms_days <= 60))";

function consumerTermsUncapped(db: Database) {
  const table = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'customer'").pluck().get() as string;
  if (!table.includes(OLD_TERMS_CHECK)) throw new Error('Migration 9 : contrainte du délai de paiement introuvable dans la table des clients.');
  const others = db.prepare("SELECT sql FROM sqlite_schema WHERE tbl_name = 'customer' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name").pluck().all() as string[];
  const columns = (db.prepare("SELECT name FROM pragma_table_info('customer')").pluck().all() as string[]).map((c) => `"${c}"`).join(', ');
  const seq = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'customer'").pluck().get() as number | undefined;
  // Foreign keys cannot be switched off inside the migration's transaction: they are deferred, and the
  // customers are inserted into the new table AFTER the old one is dropped, so that each insert settles the
  // references the drop left pending (SQLite counts them; a copy made before the drop would not).
  db.pragma('defer_foreign_keys = ON');
  db.exec(`CREATE TEMP TABLE customer_copy AS SELECT ${columns} FROM customer`);
  db.exec(table.replace(/^CREATE TABLE "?customer"?/, 'CREATE TABLE customer_new').replace(OLD_TERMS_CHECK, NEW_TERMS_CHECK));
  db.exec('DROP TABLE customer');
  db.exec('ALTER TABLE customer_new RENAME TO customer');
  db.exec(`INSERT INTO customer (${columns}) SELECT ${columns} FROM temp.customer_copy ORDER BY id`);
  db.exec('DROP TABLE temp.customer_copy');
  if (seq !== undefined) db.prepare("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'customer'").run(seq);
  for (const sql of others) db.exec(sql);
  const broken = db.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) throw new Error(`Migration 9 : ${broken.length} référence(s) aux clients rompue(s).`);
}

export const migration0009: Migration = {
  version: 9,
  name: 'penalty-receivables',
  up(db) {
    db.exec(`
      ALTER TABLE invoice ADD COLUMN penalty_of INTEGER REFERENCES invoice (id);
      CREATE INDEX invoice_by_penalty_of ON invoice (penalty_of) WHERE penalty_of IS NOT NULL;
    `);
    const ids = penaltyInvoicesAsReceivables(db);
    if (ids.length > 0) {
      // Their kept balances recomputed from the ledger: a PEN line lettered by hand with a payment before
      // this version counts as that payment, as for any invoice.
      const columns = 'invoice_id, gross_cents, outstanding_cents, paid_cents, credited_cents, doubtful_cents, written_off, last_move';
      const list = JSON.stringify(ids);
      db.prepare('DELETE FROM invoice_balance WHERE invoice_id IN (SELECT value FROM json_each(?))').run(list);
      db.prepare(`INSERT INTO invoice_balance (${columns}) SELECT ${columns} FROM (${BALANCES_FROM_LEDGER_SQL}) WHERE invoice_id IN (SELECT value FROM json_each(?))`).run(list);
    }
    consumerTermsUncapped(db);
    const update = db.prepare('UPDATE letter_template SET subject = ?, letter = ?, email = ? WHERE kind = ?');
    for (const t of db.prepare('SELECT kind, subject, letter, email FROM letter_template').all() as { kind: string; subject: string; letter: string; email: string }[]) {
      const next = { subject: rewriteTemplateText(t.subject), letter: rewriteTemplateText(t.letter), email: rewriteTemplateText(t.email) };
      if (next.subject !== t.subject || next.letter !== t.letter || next.email !== t.email) update.run(next.subject, next.letter, next.email, t.kind);
    }
  },
};
