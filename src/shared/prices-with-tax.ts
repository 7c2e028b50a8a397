import { computeInvoice, lineNet, normaliseRate, roundCents, shareOut, vatOf, type LineInput } from './invoice-math';
import { Dec } from './money';

/**
 * Prices typed with tax included (TTC). An invoice stays computed HT (VAT rounded once per rate on the
 * bases, EN 16931): the HT unit prices are derived so that the invoice's TTC is what the owner typed.
 *
 * Per rate, the typed TTC total T is split into a base B and its VAT, B + vat(B) = T; B is shared over the
 * lines in proportion to their TTC; each line's HT unit price (4 decimals) is the one whose net is its
 * share. One cent cannot always be reached: vat(B) rounded jumps a cent now and then, so B + vat(B) skips
 * a value of T (at 20 %, roughly one total in six). The invoice then differs from what was typed by that
 * cent, and `difference` says so before anything is validated.
 */
export interface TtcResult<L extends LineInput> {
  /** The lines with their HT unit prices. */
  lines: L[];
  /** What the owner typed, in cents: Σ qty × TTC price × (1 − line discount), each line rounded. */
  typedGross: bigint;
  /** The invoice's TTC less what was typed (0 almost always; a cent or so when no base reaches it). */
  difference: bigint;
}

const lineGross = (l: LineInput) => lineNet(l);

/** The base whose base + VAT is `gross`, the nearest one when none is. */
function baseOf(gross: bigint, rate: string): bigint {
  const start = roundCents(new Dec(gross.toString()).div(100).div(new Dec(1).plus(new Dec(rate).div(100))));
  let best = start;
  let bestGap: bigint | null = null;
  for (const delta of [0n, -1n, 1n, -2n, 2n]) {
    const b = start + delta;
    const gap = b + vatOf(b, rate) - gross;
    const abs = gap < 0n ? -gap : gap;
    if (bestGap === null || abs < bestGap) {
      best = b;
      bestGap = abs;
    }
    if (abs === 0n) break;
  }
  return best;
}

/** The 4-decimal HT unit price whose line net is `net`, or the nearest. */
function unitPriceFor(line: LineInput, net: bigint): string {
  const factor = new Dec(line.quantity).times(new Dec(1).minus(new Dec(line.discountPercent ?? '0').div(100)));
  const start = new Dec(net.toString()).div(100).div(factor).toDecimalPlaces(4, Dec.ROUND_HALF_UP);
  for (const step of [0, 1, -1, 2, -2, 3, -3]) {
    const price = start.plus(new Dec(step).div(10_000));
    if (price.isNegative()) continue;
    if (lineNet({ ...line, unitPrice: price.toString() }) === net) return price.toString();
  }
  return start.toString();
}

export function pricesFromTtc<L extends LineInput>(lines: readonly L[], options: { noVat?: boolean } = {}): TtcResult<L> {
  const grosses = lines.map(lineGross);
  const typedGross = grosses.reduce((s, g) => s + g, 0n);
  // Under the franchise there is no VAT: TTC and HT are the same price.
  if (options.noVat) return { lines: [...lines], typedGross, difference: 0n };
  const byRate = new Map<string, number[]>();
  lines.forEach((l, i) => {
    const rate = normaliseRate(l.vatRate);
    byRate.set(rate, [...(byRate.get(rate) ?? []), i]);
  });
  const nets: bigint[] = lines.map(() => 0n);
  for (const [rate, indexes] of byRate) {
    const weights = indexes.map((i) => grosses[i] ?? 0n);
    const base = baseOf(weights.reduce((s, w) => s + w, 0n), rate);
    shareOut(base, weights).forEach((share, k) => {
      nets[indexes[k] ?? 0] = share;
    });
  }
  const converted = lines.map((l, i) => ({ ...l, unitPrice: unitPriceFor(l, nets[i] ?? 0n) }));
  const gross = computeInvoice(converted).gross;
  return { lines: converted, typedGross, difference: gross - typedGross };
}
