import type { AccountMap } from '../../../shared/accounts';
import { formatDateShort } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { formatEuro } from '../../../shared/money';
import type { Db } from '../../db/open';
import { invoiceBalance, readInvoiceRow, type InvoiceBalance, type InvoiceRow } from '../../db/repositories/invoice-repo';
import { stmt } from '../../db/statements';

export interface OpenInvoice {
  row: InvoiceRow;
  balance: InvoiceBalance;
  /** 416 once the invoice was reclassified as doubtful, else 411: where receipts and credit notes go. */
  creditAccount: string;
  /** VAT of this invoice still waiting on 44574. */
  pendingVat: bigint;
}

/** A validated invoice of this customer with something still owed on it, or a French refusal. */
export function openInvoice(db: Db, invoiceId: number, customerId: number | null, accounts: AccountMap, what: string): OpenInvoice {
  const row = readInvoiceRow(db, invoiceId);
  if (!row) throw new AppError('NOT_FOUND', `Facture n° ${invoiceId} introuvable.`);
  if (row.state !== 'validated') throw new AppError('CONFLICT', `La facture n° ${invoiceId} est un brouillon : validez-la avant ${what}.`);
  if (customerId !== null && row.customer_id !== customerId) throw new AppError('CONFLICT', `La facture ${row.number} est celle d’un autre client.`);
  const balance = invoiceBalance(db, invoiceId, { customers: accounts.customers, doubtful: accounts.doubtfulCustomers });
  if (balance.outstanding <= 0n) throw new AppError('CONFLICT', `La facture ${row.number} est déjà soldée : il n’y a plus rien à y imputer.`);
  return { row, balance, creditAccount: balance.doubtful > 0n ? accounts.doubtfulCustomers : accounts.customers, pendingVat: pendingVatOf(db, invoiceId, accounts) };
}

export function pendingVatOf(db: Db, invoiceId: number, accounts: AccountMap): bigint {
  // CROSS JOIN fixes the order: the invoice's few links first, never every line of the account (411 holds
  // hundreds of thousands at 100 000 invoices; the same holds for every per-invoice query of this shape).
  return stmt(
    db,
    `SELECT coalesce(sum(l.credit_cents - l.debit_cents), 0) FROM invoice_link k CROSS JOIN entry_line l ON l.id = k.line_id
      WHERE k.invoice_id = ? AND l.account = ?`,
  )
    .pluck()
    .safeIntegers(true)
    .get(invoiceId, accounts.vatPending) as bigint;
}

/** An open invoice as plain data: what the rules that decide amounts (the planners) read. */
export interface PayableInvoice {
  id: number;
  number: string | null;
  date: string;
  dueDate: string;
  gross: bigint;
  outstanding: bigint;
  /** The VAT on receipts the invoice was issued with: each receipt takes its share of it… */
  vatOnReceipts: bigint;
  /** …out of what is still pending on 44574. */
  pendingVat: bigint;
}

export function payable(open: OpenInvoice): PayableInvoice {
  const r = open.row;
  return {
    id: r.id, number: r.number, date: r.date, dueDate: r.due_date, gross: r.gross_cents, outstanding: open.balance.outstanding,
    vatOnReceipts: r.vat_pending_cents, pendingVat: open.pendingVat,
  };
}

export function refuseAboveOutstanding(inv: Pick<PayableInvoice, 'number' | 'outstanding'>, amount: bigint, field: string, what: string) {
  if (amount > inv.outstanding) {
    throw new AppError('VALIDATION', `${what} (${formatEuro(amount)}) dépasse ce qui reste dû sur la facture ${inv.number} (${formatEuro(inv.outstanding)}).`, {
      [field]: `Au plus ${formatEuro(inv.outstanding)}.`,
    });
  }
}

export function refuseBeforeInvoice(inv: Pick<PayableInvoice, 'number' | 'date'>, date: string, field: string) {
  if (date < inv.date) {
    throw new AppError('VALIDATION', `La date précède celle de la facture ${inv.number} (${formatDateShort(inv.date)}).`, { [field]: 'Date antérieure à la facture.' });
  }
}
