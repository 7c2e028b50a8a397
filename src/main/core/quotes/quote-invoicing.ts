import { formatDateShort } from '../../../shared/dates';
import { AppError, fieldError } from '../../../shared/errors';
import { roundCents, shareOut } from '../../../shared/invoice-math';
import { centsToString, Dec, formatEuro, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { accountMap } from '../ledger/accounts';
import type { Deduction, InvoiceDraft } from '../receivables/invoices';
import { depositsInvoiced } from '../receivables/deposits';
import { quoteLines, quoteStatus, requireQuoteRow, type QuoteRow } from './quotes';

/**
 * « Facturer » a quote (accounting.md §11). A deposit invoice: a percentage of the quote, or an amount HT,
 * shared over the quote's rates and natures in their proportions; its lines are credited to 4191 and its
 * VAT waits on 44574 until received (invoices.ts prepareDraft). The final invoice: the quote's lines, less
 * every deposit invoiced on it (per rate, as invoiced, net of credit notes).
 */

export interface QuoteInvoiceAsk {
  kind: 'deposit' | 'final';
  percent?: string | undefined;
  amount?: string | undefined;
  date: string;
  dueDate?: string | undefined;
}

function requireInvoiceable(db: Db, q: QuoteRow, today: string): void {
  const status = quoteStatus(db, q.id, today);
  if (status === 'invoiced') throw new AppError('CONFLICT', `Le devis ${q.number} a déjà sa facture finale : il n’y a plus rien à facturer.`);
  if (status !== 'accepted') {
    throw new AppError('CONFLICT', `Le devis ${q.number ?? 'brouillon'} n’est pas accepté : marquez-le accepté par le client avant de le facturer.`);
  }
}

/** What the quote's deposits ask HT, drafts included: validated ones net of their credit notes. */
function depositsAsked(db: Db, quoteId: number): bigint {
  const drafts = stmt(db, "SELECT coalesce(sum(net_cents), 0) FROM invoice WHERE quote_id = ? AND quote_role = 'deposit' AND state = 'draft'").pluck().safeIntegers(true).get(quoteId) as bigint;
  return drafts + depositsInvoiced(db, quoteId).reduce((t, d) => t + d.base, 0n);
}

/** The invoice draft « Facturer » makes, for invoices.ts to save or validate. */
export function quoteInvoiceDraft(db: Db, quoteId: number, ask: QuoteInvoiceAsk, today: string): InvoiceDraft {
  const q = requireQuoteRow(db, quoteId);
  requireInvoiceable(db, q, today);
  if (ask.date < q.date) throw fieldError('date', `Une facture ne peut pas précéder le devis qu’elle facture (${formatDateShort(q.date)}).`);
  return ask.kind === 'deposit' ? depositDraft(db, q, ask) : finalDraft(db, q, ask);
}

/** A percentage of a quote's total HT, rounded once. */
export function depositOfPercent(quoteNet: bigint, percent: string): bigint {
  return roundCents(new Dec(centsToString(quoteNet)).times(percent).div(100));
}

/**
 * A deposit of `target` HT over a quote's lines: one share per rate and nature (in the quote's order),
 * in their proportions, rounded on the running total so the shares add up to the cent. The deposit
 * invoice's lines and the deposit a quote prints are both made of these shares.
 */
export function depositShares(lines: readonly { vatRate: string; kind: 'goods' | 'services'; net: bigint }[], target: bigint) {
  const groups: { rate: string; kind: 'goods' | 'services'; net: bigint }[] = [];
  for (const l of lines) {
    const g = groups.find((x) => x.rate === l.vatRate && x.kind === l.kind);
    if (g) g.net += l.net;
    else groups.push({ rate: l.vatRate, kind: l.kind, net: l.net });
  }
  const shares = shareOut(target, groups.map((g) => g.net));
  return groups.map((g, i) => ({ rate: g.rate, kind: g.kind, share: shares[i] ?? 0n }));
}

function depositDraft(db: Db, q: QuoteRow, ask: QuoteInvoiceAsk): InvoiceDraft {
  const target = ask.percent !== undefined ? depositOfPercent(q.net_cents, ask.percent) : toCents(ask.amount ?? '0');
  const field = ask.percent !== undefined ? 'percent' : 'amount';
  if (target <= 0n) throw fieldError(field, 'L’acompte doit être d’au moins un centime.');
  const already = depositsAsked(db, q.id);
  if (already + target >= q.net_cents) {
    throw fieldError(
      field,
      `Les acomptes atteindraient ${formatEuro(already + target)} HT pour un devis de ${formatEuro(q.net_cents)} HT${already > 0n ? ` (${formatEuro(already)} HT déjà demandés)` : ''} : un acompte ne couvre pas tout le devis, facturez le solde par la facture finale.`,
    );
  }
  const groups = depositShares(quoteLines(db, q.id), target);
  const what = ask.percent !== undefined ? `Acompte de ${ask.percent.replace('.', ',')} %` : 'Acompte';
  const several = groups.length > 1;
  const advances = accountMap(db).customerAdvances;
  return {
    customerId: q.customer_id,
    date: ask.date,
    dueDate: ask.dueDate ?? ask.date,
    lines: groups.flatMap(({ share, ...g }) => {
      if (share <= 0n) return [];
      const detail = several ? ` — ${g.kind === 'goods' ? 'fournitures' : 'prestations'}${q.vat_regime === 'franchise' ? '' : ` à ${g.rate.replace('.', ',')} %`}` : '';
      return [{ description: `${what} sur le devis ${q.number} du ${formatDateShort(q.date)}${detail}`, quantity: '1', unitPrice: centsToString(share), vatRate: g.rate, kind: g.kind, account: advances }];
    }),
    quote: { id: q.id, role: 'deposit' },
  };
}

function finalDraft(db: Db, q: QuoteRow, ask: QuoteInvoiceAsk): InvoiceDraft {
  const pending = stmt(db, "SELECT number, id FROM invoice WHERE quote_id = ? AND quote_role = 'deposit' AND state = 'draft' LIMIT 1").get(q.id) as { id: number } | undefined;
  if (pending) throw fieldError('kind', `Une facture d’acompte de ce devis est encore en brouillon (n° ${pending.id}) : validez-la ou supprimez-la avant la facture finale.`);
  const deductions: Deduction[] = depositsInvoiced(db, q.id);
  return {
    customerId: q.customer_id,
    date: ask.date,
    dueDate: ask.dueDate,
    discountPercent: q.discount_percent ?? undefined,
    lines: quoteLines(db, q.id).map(({ net: _net, ...l }) => l),
    quote: { id: q.id, role: 'final' },
    deductions,
  };
}
