import type { UnitCode } from '../../../shared/units';
import type { Db } from '../open';
import { stmt } from '../statements';

export interface InvoiceRow {
  id: number;
  number: string | null;
  customer_id: number;
  state: 'draft' | 'validated';
  date: string;
  due_date: string;
  delivery_date: string | null;
  order_ref: string | null;
  notes: string | null;
  discount_percent: string | null;
  escompte_percent: string | null;
  escompte_days: number | null;
  vat_regime: string;
  net_cents: bigint;
  vat_cents: bigint;
  gross_cents: bigint;
  vat_pending_cents: bigint;
  entry_id: number | null;
  validated_at: string | null;
  created_at: string;
  updated_at: string;
  /** A penalty invoice (series PEN): the invoice whose late payment it charges. */
  penalty_of: number | null;
  /** Made from a quote: the quote, and whether this is a deposit invoice or the final invoice. */
  quote_id: number | null;
  quote_role: 'deposit' | 'final' | null;
}

export interface InvoiceLineRow {
  line_no: number;
  description: string;
  kind: 'goods' | 'services';
  quantity: string;
  /** A UN/ECE unit code, or null: none stated. */
  unit: UnitCode | null;
  unit_price: string;
  vat_rate: string;
  discount_percent: string | null;
  account: string | null;
  net_cents: bigint;
}

export interface InvoiceVatRow {
  rate: string;
  base_cents: bigint;
  vat_cents: bigint;
  pending_cents: bigint;
}

/** What the ledger says about an invoice: amounts on the customer accounts (411/416) linked to it. */
export interface InvoiceBalance {
  outstanding: bigint;
  paid: bigint;
  credited: bigint;
  doubtful: bigint;
  writtenOff: boolean;
}

export function readInvoiceRow(db: Db, id: number): InvoiceRow | undefined {
  const row = stmt(db, 'SELECT * FROM invoice WHERE id = ?').safeIntegers(true).get(id) as (InvoiceRow & { id: bigint; customer_id: bigint; escompte_days: bigint | null; entry_id: bigint | null; penalty_of?: bigint | null; quote_id?: bigint | null }) | undefined;
  return row ? normalise(row) : undefined;
}

function normalise(r: InvoiceRow & { id: bigint; customer_id: bigint; escompte_days: bigint | null; entry_id: bigint | null; penalty_of?: bigint | null; quote_id?: bigint | null }): InvoiceRow {
  return {
    ...r, id: Number(r.id), customer_id: Number(r.customer_id), escompte_days: r.escompte_days === null ? null : Number(r.escompte_days), entry_id: r.entry_id === null ? null : Number(r.entry_id),
    penalty_of: r.penalty_of === null || r.penalty_of === undefined ? null : Number(r.penalty_of),
    quote_id: r.quote_id === null || r.quote_id === undefined ? null : Number(r.quote_id), quote_role: r.quote_role ?? null,
  };
}

export function readInvoiceLines(db: Db, id: number): InvoiceLineRow[] {
  return (stmt(db, 'SELECT line_no, description, kind, quantity, unit, unit_price, vat_rate, discount_percent, account, net_cents FROM invoice_line WHERE invoice_id = ? ORDER BY line_no').safeIntegers(true).all(id) as (InvoiceLineRow & { line_no: bigint })[]).map(
    (l) => ({ ...l, line_no: Number(l.line_no) }),
  );
}

export function readInvoiceVat(db: Db, id: number): InvoiceVatRow[] {
  return stmt(db, 'SELECT rate, base_cents, vat_cents, pending_cents FROM invoice_vat WHERE invoice_id = ? ORDER BY CAST(rate AS REAL) DESC').safeIntegers(true).all(id) as InvoiceVatRow[];
}

/** The balance of one invoice on the given customer accounts, from its linked ledger lines. */
export function invoiceBalance(db: Db, id: number, customerAccounts: { customers: string; doubtful: string }): InvoiceBalance {
  const r = stmt(
    db,
    `SELECT coalesce(sum(l.debit_cents - l.credit_cents), 0) AS outstanding,
            coalesce(sum(CASE WHEN k.role IN ('payment', 'advance', 'recovery') THEN l.credit_cents - l.debit_cents ELSE 0 END), 0) AS paid,
            coalesce(sum(CASE WHEN k.role IN ('credit_note', 'escompte') THEN l.credit_cents - l.debit_cents ELSE 0 END), 0) AS credited,
            coalesce(sum(CASE WHEN l.account = @doubtful THEN l.debit_cents - l.credit_cents ELSE 0 END), 0) AS doubtful,
            coalesce(max(k.role = 'writeoff'), 0) AS written_off
       FROM invoice_ledger_line k JOIN entry_line l ON l.id = k.line_id
      WHERE k.invoice_id = @id AND l.account IN (@customers, @doubtful)`,
  )
    .safeIntegers(true)
    .get({ id, ...customerAccounts }) as { outstanding: bigint; paid: bigint; credited: bigint; doubtful: bigint; written_off: bigint };
  return { outstanding: r.outstanding, paid: r.paid, credited: r.credited, doubtful: r.doubtful, writtenOff: r.written_off === 1n };
}

/**
 * Why a ledger line concerns an invoice (the roles invoice_link accepts). `opening`: the line of the next
 * year's opening entry (AN) that carries what the invoice still owed at closing (migration 0008). It
 * repeats what the closed year's lines already count, so no balance adds it (the view, the kept balances,
 * the reports at a date leave it out); the new year letters against it.
 */
export type LinkRole = 'invoice' | 'payment' | 'credit_note' | 'escompte' | 'advance' | 'reclass' | 'writeoff' | 'vat_receipt' | 'provision' | 'recovery' | 'opening';

export interface InvoiceLink {
  invoiceId: number;
  role: LinkRole;
}

/** Links a ledger line to its invoice: postEntry writes it with the line. */
export function linkLine(db: Db, lineId: number, link: InvoiceLink) {
  stmt(db, 'INSERT INTO invoice_link (line_id, invoice_id, role) VALUES (?, ?, ?)').run(lineId, link.invoiceId, link.role);
}
