import type { InvoiceLink } from '../../db/repositories/invoice-repo';
import type { PostingLine } from './post';

export interface LineOptions {
  /** The customer's auxiliary account: on 41x and 491 lines only. */
  aux?: string | null | undefined;
  /** Defaults to the entry's label. */
  label?: string | undefined;
  /** The invoice the line concerns and why: postEntry links them as it writes the line. */
  link?: InvoiceLink | undefined;
}

/** A debit line: `debit('512', 120000n, { label })`. */
export function debit(account: string, cents: bigint, options: LineOptions = {}): PostingLine {
  return { account, ...options, debit: cents };
}

/** A credit line: `credit('411', 120000n, { aux: 'C00001', link: { invoiceId: 7, role: 'payment' } })`. */
export function credit(account: string, cents: bigint, options: LineOptions = {}): PostingLine {
  return { account, ...options, credit: cents };
}
