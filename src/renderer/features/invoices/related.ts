import type { Entry } from '../../../shared/domain/ledger';
import { Dec } from '../../../shared/money';

export type RelatedKind = 'payment' | 'credit_note' | 'advance' | 'vat' | 'cancellation' | 'other';

export interface RelatedEntry {
  entry: Entry;
  kind: RelatedKind;
  /** What this entry settled on the invoice (credit on the customer's account), as "123.45". */
  amount: string;
}

const KINDS: Record<string, RelatedKind> = { payment: 'payment', credit_note: 'credit_note', advance: 'advance', invoice: 'vat', payment_cancellation: 'cancellation' };

export const RELATED_LABELS: Record<RelatedKind, string> = {
  payment: 'Règlement',
  credit_note: 'Avoir',
  advance: 'Imputation d’avance',
  vat: 'TVA encaissée',
  cancellation: 'Annulation d’un règlement',
  other: 'Écriture',
};

/**
 * The entries of a customer that concern one invoice besides its own: payments allocated to it, its credit
 * notes (escompte included), advances applied to it, VAT moved when it was paid. Each names the invoice's
 * number in its lines (that is how the main process labels them).
 */
export function relatedEntries(entries: Entry[], invoice: { number?: string | undefined; entryId?: number | undefined }, customerAccounts: string[]): RelatedEntry[] {
  const number = invoice.number;
  if (!number) return [];
  const names = (text: string) => new RegExp(`${number.replace(/[-]/g, '\\-')}(?!\\d)`).test(text);
  return entries
    .filter((e) => e.id !== invoice.entryId && (e.pieceRef === number || e.label.includes(number) || e.lines.some((l) => names(l.label))))
    .map((e) => {
      const mine = e.lines.filter((l) => customerAccounts.includes(l.account) && (names(l.label) || names(e.label)));
      const amount = mine.reduce((s, l) => s.plus(l.credit).minus(l.debit), new Dec(0));
      return { entry: e, kind: KINDS[e.source?.kind ?? ''] ?? 'other', amount: amount.toFixed(2) };
    })
    .sort((a, b) => (a.entry.date < b.entry.date ? -1 : a.entry.date > b.entry.date ? 1 : a.entry.num - b.entry.num));
}
