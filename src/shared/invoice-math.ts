import { Dec, toCents } from './money';

/**
 * The arithmetic of an invoice (accounting.md, "Computing an invoice", §2, §4, §6, §7), pure and exact:
 * decimal.js throughout, half-up to the cent, VAT rounded once per rate (EN 16931 BR-CO-17). The main
 * process posts with it; the renderer previews with the very same functions.
 */

export interface LineInput {
  quantity: string;
  unitPrice: string;
  vatRate: string;
  discountPercent?: string | undefined;
}

export interface RateTotal {
  rate: string;
  base: bigint;
  vat: bigint;
}

export interface InvoiceTotals {
  lineNets: bigint[];
  byRate: RateTotal[];
  net: bigint;
  vat: bigint;
  gross: bigint;
}

const HUNDRED = new Dec(100);

/** Half-up to the cent, as integer cents. */
export function roundCents(amount: Dec): bigint {
  return toCents(amount.toDecimalPlaces(2, Dec.ROUND_HALF_UP));
}

/** Integer cents as a Decimal amount of euros. */
const euros = (c: bigint) => new Dec(c.toString()).div(HUNDRED);

const fraction = (percent: string | undefined) => (percent ? new Dec(percent).div(HUNDRED) : new Dec(0));

/**
 * A line's total HT: qty × unit price × (1 − line discount %), rounded once. The invoice-wide discount is
 * not in it: it is rounded once on the invoice's total (computeInvoice).
 */
export function lineNet(line: LineInput): bigint {
  return roundCents(new Dec(line.quantity).times(line.unitPrice).times(new Dec(1).minus(fraction(line.discountPercent))));
}

/** The invoice-wide discount: the total HT before it × the discount %, rounded once. */
export function invoiceDiscount(netBeforeDiscount: bigint, percent: string | undefined): bigint {
  return roundCents(euros(netBeforeDiscount).times(fraction(percent)));
}

/** VAT of a base at a rate, rounded once. */
export function vatOf(base: bigint, rate: string): bigint {
  return roundCents(euros(base).times(fraction(rate)));
}

/**
 * `amount` shared in proportion to `weights`, rounded on the running total (each share = rounded
 * cumulative − rounded previous cumulative): the shares add up to the amount exactly, a nil weight gets
 * nothing, and for 0 ≤ amount ≤ Σ weights (weights ≥ 0) no share exceeds its weight.
 */
export function shareOut(amount: bigint, weights: readonly bigint[]): bigint[] {
  const total = weights.reduce((s, w) => s + w, 0n);
  if (total === 0n) return weights.map(() => 0n);
  let cumulative = 0n;
  let given = 0n;
  return weights.map((w) => {
    cumulative += w;
    const upTo = prorata(amount, cumulative, total);
    const share = upTo - given;
    given = upTo;
    return share;
  });
}

export interface DiscountedTotals extends InvoiceTotals {
  /** Each line's total before the invoice-wide discount (its own discount applied). */
  linesBeforeDiscount: bigint[];
  netBeforeDiscount: bigint;
  /** The invoice-wide discount, as applied and as printed: netBeforeDiscount × %, rounded once. */
  discount: bigint;
}

/**
 * Totals per rate and for the invoice; under the franchise (`noVat`) the VAT is nil whatever the rates.
 *
 * Discounts, one rule: every discount is rounded once, on the amount it applies to. A line discount on its
 * line (lineNet). The invoice-wide discount on the total HT before it (invoiceDiscount: 3,33 % of 212,33 €
 * is 7,07 €, and 7,07 € is what the invoice prints and applies); it is then shared over the lines in
 * proportion to their totals, rounding on the running total (shareOut), so that the lines' nets, the
 * bases per rate and the total HT all add up to it to the cent. Each line's net after that share is
 * what is posted (706/707 by line) and kept; the VAT is then rounded once per rate on those bases.
 */
export function computeInvoice(lines: readonly LineInput[], options: { discountPercent?: string | undefined; noVat?: boolean } = {}): DiscountedTotals {
  const linesBeforeDiscount = lines.map((l) => lineNet(l));
  const netBeforeDiscount = linesBeforeDiscount.reduce((s, n) => s + n, 0n);
  const discount = invoiceDiscount(netBeforeDiscount, options.discountPercent);
  const shares = shareOut(discount, linesBeforeDiscount);
  const lineNets = linesBeforeDiscount.map((n, i) => n - (shares[i] ?? 0n));
  const bases = new Map<string, bigint>();
  lines.forEach((l, i) => {
    const rate = options.noVat ? '0' : normaliseRate(l.vatRate);
    bases.set(rate, (bases.get(rate) ?? 0n) + (lineNets[i] ?? 0n));
  });
  const byRate = [...bases.entries()]
    .sort(([a], [b]) => new Dec(b).comparedTo(a))
    .map(([rate, base]) => ({ rate, base, vat: vatOf(base, rate) }));
  const net = byRate.reduce((s, r) => s + r.base, 0n);
  const vat = byRate.reduce((s, r) => s + r.vat, 0n);
  return { lineNets, byRate, net, vat, gross: net + vat, linesBeforeDiscount, netBeforeDiscount, discount };
}

/** "20.0" and "20" are the same rate. */
export function normaliseRate(rate: string): string {
  return new Dec(rate).toString();
}

/** Cash discount taken at payment (§4): per rate, discount base and its VAT, each rounded. */
export function escompte(byRate: readonly RateTotal[], percent: string) {
  const f = new Dec(percent).div(HUNDRED);
  const perRate = byRate.map((r) => {
    const base = roundCents(euros(r.base).times(f));
    return { rate: r.rate, base, vat: vatOf(base, r.rate) };
  });
  const discountBase = perRate.reduce((s, r) => s + r.base, 0n);
  const discountVat = perRate.reduce((s, r) => s + r.vat, 0n);
  const gross = byRate.reduce((s, r) => s + r.base + r.vat, 0n);
  return { perRate, discountBase, discountVat, amountDue: gross - discountBase - discountVat };
}

/** `amount × numerator / denominator`, rounded half-up: VAT shares of a receipt, HT shares, splits. */
export function prorata(amount: bigint, numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) return 0n;
  return roundCents(euros(amount).times(numerator.toString()).div(denominator.toString()));
}

/**
 * Provision target (§6): outstanding HT × risk × (1 − insured), rounded once. The outstanding HT is what
 * is left owed less the VAT left in it, rate by rate (the write-off split, doubtful/write-off-plan.ts):
 * after a credit note on one rate, TTC × net / gross of the invoice as issued would be wrong.
 */
export function provisionTarget(outstandingHt: bigint, riskPercent: string, insuredPercent = '0'): bigint {
  return roundCents(euros(outstandingHt).times(fraction(riskPercent)).times(new Dec(1).minus(fraction(insuredPercent))));
}

/** The base inside a gross amount at a rate: gross / (1 + rate), rounded (reprise of an old invoice). */
export function baseFromGross(gross: bigint, rate: string): bigint {
  return roundCents(euros(gross).div(new Dec(1).plus(fraction(rate))));
}

export interface CreditLineInput extends LineInput {
  description: string;
  kind: 'goods' | 'services';
}

export interface CreditLinePart {
  rate: string;
  kind: 'goods' | 'services';
  base: bigint;
  vat: bigint;
  /** VAT not yet due (services under VAT on receipts): it comes off 44574, not 44571. */
  pending: bigint;
  /** The descriptions of the lines in the part. */
  descriptions: string[];
}

/**
 * A credit note given by lines, split per rate and nature: computed like an invoice (VAT once per rate);
 * services carry their own VAT (pending under VAT on receipts), goods the rest of the rate's VAT. The
 * main process posts these parts; the renderer previews the same.
 */
export function creditLineParts(lines: readonly CreditLineInput[], options: { noVat: boolean; vatOnReceipts: boolean }): CreditLinePart[] {
  const t = computeInvoice(lines, { noVat: options.noVat });
  const parts: CreditLinePart[] = [];
  for (const r of t.byRate) {
    const ofRate = lines.map((l, i) => ({ l, net: t.lineNets[i] ?? 0n })).filter(({ l }) => (options.noVat ? '0' : l.vatRate) === r.rate);
    const servicesBase = ofRate.filter(({ l }) => l.kind === 'services').reduce((s, x) => s + x.net, 0n);
    const goodsBase = r.base - servicesBase;
    const servicesVat = goodsBase > 0n ? vatOf(servicesBase, r.rate) : r.vat;
    const descriptions = (kind: 'goods' | 'services') => ofRate.filter(({ l }) => l.kind === kind).map(({ l }) => l.description);
    if (goodsBase > 0n) parts.push({ rate: r.rate, kind: 'goods', base: goodsBase, vat: r.vat - servicesVat, pending: 0n, descriptions: descriptions('goods') });
    if (servicesBase > 0n) parts.push({ rate: r.rate, kind: 'services', base: servicesBase, vat: servicesVat, pending: options.vatOnReceipts ? servicesVat : 0n, descriptions: descriptions('services') });
  }
  return parts;
}
