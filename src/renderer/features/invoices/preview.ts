import type { AccountMap } from '../../../shared/accounts';
import type { Invoice } from '../../../shared/domain/invoice';
import { creditLineParts, escompte, prorata, vatOf, type InvoiceTotals } from '../../../shared/invoice-math';
import { Dec, formatEuro, normaliseDecimalText, toCents } from '../../../shared/money';

/**
 * The entries a form will post, computed in the renderer with the very functions and rules the main
 * process posts with (accounting.md §1–4), so the owner reads « ce que cette opération écrit dans vos
 * comptes » before it happens.
 */

export interface PreviewLine {
  account: string;
  aux?: string | undefined;
  debit: bigint;
  credit: bigint;
  /** In plain words, what this line means for the owner. */
  why: string;
}

export interface PreviewEntry {
  journal: 'VT' | 'BQ' | 'CA' | 'OD';
  title: string;
  lines: PreviewLine[];
}

const rateText = (rate: string) => `${rate.replace('.', ',')} %`;
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** "12,5" → "12.5" when it is a plain decimal number with at most `places` decimals, else null. */
export function decimalOrNull(text: string, places = 4): string | null {
  const v = normaliseDecimalText(text);
  return new RegExp(`^\\d{1,12}(\\.\\d{1,${places}})?$`).test(v) ? v : null;
}

/** A money string with at most two decimals, in cents, or null (never rounded). */
export function centsOrNull(text: string): bigint | null {
  const v = decimalOrNull(text, 2);
  return v === null ? null : toCents(v);
}

export interface PreviewInvoiceLine {
  description: string;
  kind: 'goods' | 'services';
  quantity: string;
  unitPrice: string;
  vatRate: string;
  discountPercent?: string | undefined;
  account?: string | undefined;
}

/** VAT of the services at each rate, which waits on 44574 under VAT on receipts (as prepareDraft computes it). */
export function pendingByRate(lines: { kind: 'goods' | 'services'; vatRate: string }[], lineNets: bigint[], regime: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  if (regime !== 'encaissements') return out;
  const servicesBase = new Map<string, bigint>();
  lines.forEach((l, i) => {
    if (l.kind === 'services') servicesBase.set(l.vatRate, (servicesBase.get(l.vatRate) ?? 0n) + (lineNets[i] ?? 0n));
  });
  for (const [rate, base] of servicesBase) out.set(rate, vatOf(base, rate));
  return out;
}

/** §1: D 411 gross / C 706-707 nets / C 44571 (or 44574, services under VAT on receipts) per rate. */
export function invoiceEntry(
  lines: PreviewInvoiceLine[],
  totals: InvoiceTotals,
  regime: string,
  accounts: AccountMap,
  aux: string | undefined,
  number?: string,
): PreviewEntry {
  const out: PreviewLine[] = [];
  if (totals.gross > 0n) out.push({ account: accounts.customers, aux, debit: totals.gross, credit: 0n, why: 'Ce que le client vous doit, TVA comprise' });
  const revenue = new Map<string, { net: bigint; kind: 'goods' | 'services' }>();
  lines.forEach((l, i) => {
    const account = l.account || (l.kind === 'goods' ? accounts.salesGoods : accounts.salesServices);
    const r = revenue.get(account) ?? { net: 0n, kind: l.kind };
    r.net += totals.lineNets[i] ?? 0n;
    revenue.set(account, r);
  });
  for (const [account, r] of revenue) {
    if (r.net > 0n) out.push({ account, debit: 0n, credit: r.net, why: r.kind === 'goods' ? 'Votre chiffre d’affaires : ventes de marchandises (HT)' : 'Votre chiffre d’affaires : prestations de services (HT)' });
  }
  const pending = pendingByRate(lines, totals.lineNets, regime);
  for (const r of totals.byRate) {
    const p = pending.get(r.rate) ?? 0n;
    const collected = r.vat - p;
    if (collected > 0n) out.push({ account: accounts.vatCollected, debit: 0n, credit: collected, why: `TVA à ${rateText(r.rate)} que vous reverserez à l’État` });
    if (p > 0n) out.push({ account: accounts.vatPending, debit: 0n, credit: p, why: `TVA à ${rateText(r.rate)} due seulement quand le client paiera (prestations)` });
  }
  return { journal: 'VT', title: number ? `Facture ${number}` : 'Facture (numéro donné à la validation)', lines: out };
}

/** The invoice's totals per rate as the math functions take them. */
export function byRateCents(inv: Pick<Invoice, 'totals'>) {
  return inv.totals.byRate.map((r) => ({ rate: r.rate, base: toCents(r.base), vat: toCents(r.vat) }));
}

/** The VAT of a validated invoice that waited on 44574 when it was invoiced, per rate. */
export function invoicedPending(inv: Pick<Invoice, 'lines' | 'vatRegime'>): Map<string, bigint> {
  return pendingByRate(inv.lines, inv.lines.map((l) => toCents(l.net)), inv.vatRegime);
}

export interface CreditPart {
  rate: string;
  kind: 'goods' | 'services';
  account: string;
  base: bigint;
  vat: bigint;
  pending: bigint;
}

/**
 * The parts a credit note takes back (as credit-notes.ts computes them): lines given, computed like an
 * invoice; no lines, the whole outstanding in the invoice's own proportions, the last part absorbing the
 * rounding.
 */
export function creditParts(inv: Invoice, kind: 'cancellation' | 'rebate', accounts: AccountMap, lines?: PreviewInvoiceLine[]): CreditPart[] {
  const revenueAccount = (nature: 'goods' | 'services', lineAccount?: string | null) => {
    if (kind === 'rebate') return nature === 'goods' ? accounts.rebatesGoods : accounts.rebatesServices;
    return lineAccount ?? (nature === 'goods' ? accounts.salesGoods : accounts.salesServices);
  };
  if (lines) {
    return creditLineParts(lines, { noVat: inv.vatRegime === 'franchise', vatOnReceipts: inv.vatRegime === 'encaissements' }).map(({ descriptions: _d, ...p }) => ({ ...p, account: revenueAccount(p.kind) }));
  }
  const gross = toCents(inv.totals.gross);
  const outstanding = toCents(inv.outstanding);
  const pendingAtRate = invoicedPending(inv);
  const groups: CreditPart[] = [];
  for (const v of inv.totals.byRate) {
    const vatCents = toCents(v.vat);
    const atRate = inv.lines.filter((l) => l.vatRate === v.rate);
    const ofRate: CreditPart[] = [];
    for (const nature of ['goods', 'services'] as const) {
      const ofKind = atRate.filter((l) => l.kind === nature);
      if (ofKind.length === 0) continue;
      const base = ofKind.reduce((s, l) => s + toCents(l.net), 0n);
      const used = new Set(ofKind.map((l) => l.account ?? null));
      const lineAccount = used.size === 1 ? (ofKind[0]?.account ?? null) : null;
      ofRate.push({ rate: v.rate, kind: nature, account: revenueAccount(nature, lineAccount), base, vat: 0n, pending: nature === 'services' ? (pendingAtRate.get(v.rate) ?? 0n) : 0n });
    }
    const services = ofRate.find((g) => g.kind === 'services');
    const goods = ofRate.find((g) => g.kind === 'goods');
    const p = pendingAtRate.get(v.rate) ?? 0n;
    if (services) services.vat = goods ? (p > 0n ? p : vatOf(services.base, v.rate)) : vatCents;
    if (goods) goods.vat = vatCents - (services?.vat ?? 0n);
    groups.push(...ofRate);
  }
  const whole = outstanding === gross;
  const parts = groups.map((g) => ({
    ...g,
    base: whole ? g.base : prorata(outstanding, g.base, gross),
    vat: whole ? g.vat : prorata(outstanding, g.vat, gross),
    pending: g.pending > 0n ? (whole ? g.pending : prorata(outstanding, g.pending, gross)) : 0n,
  }));
  const total = parts.reduce((s, p) => s + p.base + p.vat, 0n);
  const last = parts[parts.length - 1];
  if (last) last.base += outstanding - total;
  return parts;
}

/** §3: D 706/707 (or 7096/7097) nets, D 44571 (44574 while pending) VAT, C 411 (416 if doubtful) gross. */
export function creditNoteEntry(parts: CreditPart[], accounts: AccountMap, aux: string, doubtful: boolean, invoiceNumber: string, kind: 'cancellation' | 'rebate' | 'escompte'): PreviewEntry {
  const out: PreviewLine[] = [];
  const byAccount = new Map<string, bigint>();
  for (const p of parts) byAccount.set(p.account, (byAccount.get(p.account) ?? 0n) + p.base);
  const why =
    kind === 'rebate' ? 'La remise accordée diminue votre chiffre d’affaires (HT)' : kind === 'escompte' ? 'L’escompte accordé est une charge financière (HT)' : 'La vente annulée sort de votre chiffre d’affaires (HT)';
  for (const [account, base] of byAccount) if (base > 0n) out.push({ account, debit: base, credit: 0n, why });
  for (const p of parts) {
    if (p.vat - p.pending > 0n) out.push({ account: accounts.vatCollected, debit: p.vat - p.pending, credit: 0n, why: `La TVA à ${rateText(p.rate)} que vous ne devez plus à l’État` });
    if (p.pending > 0n) out.push({ account: accounts.vatPending, debit: p.pending, credit: 0n, why: `La TVA à ${rateText(p.rate)} en attente qui n’est plus due` });
  }
  const gross = parts.reduce((s, p) => s + p.base + p.vat, 0n);
  if (gross > 0n) out.push({ account: doubtful ? accounts.doubtfulCustomers : accounts.customers, aux, debit: 0n, credit: gross, why: 'Le client vous doit d’autant moins' });
  const title = kind === 'escompte' ? `Avoir d’escompte sur ${invoiceNumber}` : `Avoir sur ${invoiceNumber}`;
  return { journal: 'VT', title, lines: out };
}

/** What a payment form knows about an invoice it allocates to. */
export interface AllocatedInvoice {
  invoice: Invoice;
  amount: bigint;
  escompte: boolean;
}

/**
 * Under VAT on receipts, the part of an invoice's pending VAT (44574) that an amount received moves to
 * 44571: its prorata, and whatever is left when the amount settles the invoice.
 */
export function vatReceiptShare(inv: Invoice, amount: bigint): bigint {
  const pendingInvoiced = [...invoicedPending(inv).values()].reduce((s, v) => s + v, 0n);
  if (pendingInvoiced <= 0n) return 0n;
  const gross = toCents(inv.totals.gross);
  const remaining = pendingInvoiced - min(prorata(toCents(inv.paid), pendingInvoiced, gross), pendingInvoiced);
  return amount === toCents(inv.outstanding) ? remaining : min(prorata(amount, pendingInvoiced, gross), remaining);
}

/** advance.apply: D 4191 / C 411 (416), and the VAT on receipts the amount moves. */
export function advanceApplyEntry(inv: Invoice, amount: bigint, accounts: AccountMap, aux: string): PreviewEntry {
  const lines: PreviewLine[] = [
    { account: accounts.customerAdvances, aux, debit: amount, credit: 0n, why: 'L’avance du client est utilisée…' },
    { account: inv.status === 'doubtful' ? accounts.doubtfulCustomers : accounts.customers, aux, debit: 0n, credit: amount, why: `…pour régler ${inv.number ?? ''}` },
  ];
  const share = vatReceiptShare(inv, amount);
  if (share > 0n) {
    lines.push({ account: accounts.vatPending, debit: share, credit: 0n, why: 'La TVA en attente de la facture…' });
    lines.push({ account: accounts.vatCollected, debit: 0n, credit: share, why: '…devient due : elle est payée' });
  }
  return { journal: 'OD', title: `Imputation de l’avance sur ${inv.number ?? ''}`, lines };
}

/** advance.refund: D 4191 / C 512 (53 in cash). */
export function advanceRefundEntry(amount: bigint, method: string, accounts: AccountMap, aux: string): PreviewEntry {
  const cash = method === 'cash';
  return {
    journal: cash ? 'CA' : 'BQ',
    title: 'Remboursement de l’avance',
    lines: [
      { account: accounts.customerAdvances, aux, debit: amount, credit: 0n, why: 'Vous ne devez plus cette avance au client' },
      { account: cash ? accounts.cash : accounts.bank, debit: 0n, credit: amount, why: cash ? 'L’argent sort de la caisse' : 'L’argent sort de votre compte bancaire' },
    ],
  };
}

/** The discount an invoice allows if the customer takes it: per rate, and what is left to pay. */
export function escompteOf(inv: Invoice) {
  if (!inv.escompte) return null;
  return escompte(byRateCents(inv), inv.escompte.percent);
}

/**
 * §2 and §4: D 512 (53 cash) amount / C 411 (416 doubtful) per invoice / C 4191 what is left; under VAT on
 * receipts D 44574 / C 44571 the invoice's share; an escompte taken adds its financial credit note.
 */
export function paymentEntries(
  amount: bigint,
  method: string,
  allocations: AllocatedInvoice[],
  accounts: AccountMap,
  aux: string | undefined,
): PreviewEntry[] {
  const cash = method === 'cash';
  const main: PreviewLine[] = [];
  if (amount > 0n) main.push({ account: cash ? accounts.cash : accounts.bank, debit: amount, credit: 0n, why: cash ? 'L’argent entre dans votre caisse' : 'L’argent arrive sur votre compte bancaire' });
  const extra: PreviewEntry[] = [];
  let allocated = 0n;
  for (const a of allocations) {
    if (a.amount <= 0n) continue;
    allocated += a.amount;
    const inv = a.invoice;
    const number = inv.number ?? '';
    const doubtful = inv.status === 'doubtful';
    main.push({ account: doubtful ? accounts.doubtfulCustomers : accounts.customers, aux, debit: 0n, credit: a.amount, why: `Le client a réglé ${number}` });
    const pending = invoicedPending(inv);
    const pendingInvoiced = [...pending.values()].reduce((s, v) => s + v, 0n);
    if (a.escompte) {
      const e = escompteOf(inv);
      if (!e) continue;
      const parts: CreditPart[] = e.perRate.map((r) => {
        const vatAtRate = toCents(inv.totals.byRate.find((b) => b.rate === r.rate)?.vat ?? '0');
        const p = pending.get(r.rate) ?? 0n;
        return { rate: r.rate, kind: 'goods', account: accounts.escompteGranted, base: r.base, vat: r.vat, pending: vatAtRate > 0n ? prorata(r.vat, p, vatAtRate) : 0n };
      });
      extra.push(creditNoteEntry(parts, accounts, aux ?? '', doubtful, number, 'escompte'));
      const left = pendingInvoiced - parts.reduce((s, p) => s + p.pending, 0n);
      if (left > 0n) {
        extra.push({
          journal: 'OD',
          title: `TVA encaissée ${number}`,
          lines: [
            { account: accounts.vatPending, debit: left, credit: 0n, why: 'La TVA en attente de la facture…' },
            { account: accounts.vatCollected, debit: 0n, credit: left, why: '…devient due : le client a payé' },
          ],
        });
      }
    } else if (pendingInvoiced > 0n) {
      const share = vatReceiptShare(inv, a.amount);
      if (share > 0n) {
        main.push({ account: accounts.vatPending, debit: share, credit: 0n, why: `La TVA en attente de ${number} reçue avec ce paiement…` });
        main.push({ account: accounts.vatCollected, debit: 0n, credit: share, why: '…devient due à l’État' });
      }
    }
  }
  const advance = amount - allocated;
  if (advance > 0n) main.push({ account: accounts.customerAdvances, aux, debit: 0n, credit: advance, why: 'Le surplus reste au client : une avance à imputer ou rembourser' });
  return [{ journal: cash ? 'CA' : 'BQ', title: 'Règlement', lines: main }, ...extra];
}

/** A unit price keeps its four decimals when it has them ("12,3456 €"); else like any amount. */
export function formatUnitPrice(v: string): string {
  const m = /^(\d+)\.(\d{3,4})$/.exec(v);
  if (!m) return formatEuro(new Dec(v).toFixed(2));
  const decimals = (m[2] ?? '').replace(/0+$/, '').padEnd(2, '0');
  if (decimals.length <= 2) return formatEuro(new Dec(v).toFixed(2));
  const units = (m[1] ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${units},${decimals}\u00a0€`;
}
