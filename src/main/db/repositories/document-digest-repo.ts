import type { Db as Database } from '../open';
import { createHash } from 'node:crypto';
import { stmt } from '../statements';

/** The documents whose printed data an entry's hash covers, by the entry's source kind. */
export type PrintedKind = 'invoice' | 'credit_note';

/** The document an entry of this source kind prints from: invoices (penalty and imported ones too) and credit notes. */
export function printedKindOf(sourceKind: string | null): PrintedKind | null {
  if (sourceKind === 'credit_note') return 'credit_note';
  if (sourceKind === 'invoice' || sourceKind === 'opening_invoice') return 'invoice';
  return null;
}

const cell = (v: unknown) => (typeof v === 'bigint' ? v.toString() : v);
const row = (r: unknown[] | undefined) => r?.map(cell);
/** Rows in a canonical order, whatever order SQLite returns them in (a copy may renumber rowids). */
const canonicalRows = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r.map(cell))).sort();

/**
 * The digest of what a validated invoice or credit note prints, read from its rows: the invoice's number,
 * dates, customer, references, discount and escompte, VAT regime and totals, each line (description, kind,
 * quantity, unit when stated, unit price, rate, discount, account, net) and the base and VAT per rate; a credit note's
 * number, invoice, kind, date, reason, totals and parts. The customer is named by id: its name and
 * address may be corrected afterwards; an invoice made from a quote adds its quote, role and deductions.
 * Null when the document has no row.
 */
export function documentDigest(db: Database, kind: PrintedKind, id: number): string | null {
  let content: unknown[];
  if (kind === 'invoice') {
    const head = stmt(
      db,
      `SELECT number, customer_id, date, due_date, delivery_date, order_ref, notes, discount_percent, escompte_percent, escompte_days, vat_regime,
              net_cents, vat_cents, gross_cents, vat_pending_cents, penalty_of
         FROM invoice WHERE id = ?`,
    ).raw(true).safeIntegers(true).get(id) as unknown[] | undefined;
    if (!head) return null;
    // A line's unit (migration 16) joins its row only when stated: the lines written before keep their digest.
    const lines = (stmt(db, 'SELECT line_no, description, kind, quantity, unit_price, vat_rate, discount_percent, account, net_cents, unit FROM invoice_line WHERE invoice_id = ?')
      .raw(true).safeIntegers(true).all(id) as unknown[][]).map((l) => (l[l.length - 1] === null ? l.slice(0, -1) : l));
    const vat = stmt(db, 'SELECT rate, base_cents, vat_cents, pending_cents FROM invoice_vat WHERE invoice_id = ?').raw(true).safeIntegers(true).all(id) as unknown[][];
    // Made from a quote (migration 21): its quote and role, and what a final invoice deducts, appended only
    // then, so that every other invoice keeps its digest.
    const quote = stmt(db, 'SELECT quote_id, quote_role FROM invoice WHERE id = ? AND quote_id IS NOT NULL').raw(true).safeIntegers(true).get(id) as unknown[] | undefined;
    const deductions = stmt(db, 'SELECT deposit_id, rate, base_cents, vat_cents FROM invoice_deduction WHERE invoice_id = ?').raw(true).safeIntegers(true).all(id) as unknown[][];
    content = ['invoice', row(head), canonicalRows(lines), canonicalRows(vat), ...(quote ? [row(quote), canonicalRows(deductions)] : [])];
  } else {
    const head = stmt(db, 'SELECT number, invoice_id, kind, date, reason, net_cents, vat_cents, gross_cents FROM credit_note WHERE id = ?')
      .raw(true).safeIntegers(true).get(id) as unknown[] | undefined;
    if (!head) return null;
    const parts = stmt(db, 'SELECT rate, kind, account, base_cents, vat_cents, pending_cents, description FROM credit_note_part WHERE credit_note_id = ?')
      .raw(true).safeIntegers(true).all(id) as unknown[][];
    content = ['credit_note', row(head), canonicalRows(parts)];
  }
  return createHash('sha256').update(JSON.stringify(content), 'utf8').digest('hex');
}
