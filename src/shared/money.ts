import Decimal from 'decimal.js';
import { z } from 'zod';

/**
 * Money lives in a private Decimal clone rounding half-up (French commercial practice), is stored as
 * integer cents and crosses boundaries as a decimal string with a dot and two decimals ("1200.00").
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Dec = InstanceType<typeof Dec>;

const CANONICAL = /^-?\d+(\.\d{1,2})?$/;

/** Parses a canonical or user-typed amount ("1 234,5") into a Decimal; null when it is not an amount. */
export function parseAmount(input: string): Dec | null {
  const cleaned = normaliseDecimalText(input);
  if (!CANONICAL.test(cleaned)) return null;
  return new Dec(cleaned);
}

/** Accepts a comma or a dot as decimal mark and spaces (incl. non-breaking) as thousands separators. */
export function normaliseDecimalText(input: string): string {
  // The minus sign a spreadsheet or a French keyboard types (U+2212) is a minus too.
  return input.trim().replace(/[\s\u00a0\u202f]/g, '').replace(/^\u2212/, '-').replace(',', '.');
}

/** Exact conversion to integer cents; throws if the amount has more than two decimals. */
export function toCents(amount: Dec | string): bigint {
  const d = typeof amount === 'string' ? new Dec(amount) : amount;
  const scaled = d.times(100);
  if (!scaled.isInteger()) throw new RangeError(`Montant non exprimable en centimes : ${d.toString()}`);
  // toFixed(), not toString(): from 1e40 on, toString() switches to exponent notation, which BigInt refuses.
  return BigInt(scaled.toFixed());
}

/** Integer cents → canonical string "1234.56" (or "-0.50"). */
export function centsToString(cents: bigint | number): string {
  const c = BigInt(cents);
  const neg = c < 0n;
  const abs = neg ? -c : c;
  const units = abs / 100n;
  const rest = abs % 100n;
  return `${neg ? '-' : ''}${units.toString()}.${rest.toString().padStart(2, '0')}`;
}

/** Rounds half-up to the cent and returns the canonical string. */
export function roundToCents(amount: Dec): string {
  return centsToString(BigInt(amount.toDecimalPlaces(2, Dec.ROUND_HALF_UP).times(100).toFixed()));
}

const NNBSP = '\u202f'; // thousands separator, as Intl fr-FR prints it
const NBSP = '\u00a0'; // between the number and the € sign

/** "1234.56" → "1 234,56 €"; negative amounts with a sign, or in parentheses for reports. */
export function formatEuro(amount: string | bigint, options: { parentheses?: boolean; symbol?: boolean } = {}): string {
  const canonical = typeof amount === 'bigint' ? centsToString(amount) : centsToString(toCents(amount));
  const neg = canonical.startsWith('-');
  const [units = '0', decimals = '00'] = (neg ? canonical.slice(1) : canonical).split('.');
  const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
  const body = `${grouped},${decimals}${options.symbol === false ? '' : `${NBSP}€`}`;
  if (!neg) return body;
  return options.parentheses ? `(${body})` : `-${body}`;
}

const amountMessage = 'Montant invalide : indiquez un nombre avec au plus deux décimales (ex. 1234,56).';

/** Amounts must fit in SQLite's 64-bit integer cents (and in Dec's precision): refuse, never overflow. */
const MAX_AMOUNT = new Dec('1e15');
const tooLargeMessage = 'Montant trop élevé : 999 999 999 999 999,99 au plus.';

/**
 * Money in a request: a string (never a JSON number, which would be a float), a comma or a dot, at most
 * two decimals, never rounded silently. Output is canonical ("1234.50").
 */
export const MoneyInput = z
  .string({ error: 'Montant attendu sous forme de texte, par exemple "1200.00".' })
  .transform((raw, ctx) => {
    const d = parseAmount(raw);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: amountMessage });
      return z.NEVER;
    }
    if (d.abs().gte(MAX_AMOUNT)) {
      ctx.addIssue({ code: 'custom', message: tooLargeMessage });
      return z.NEVER;
    }
    return centsToString(toCents(d));
  });

export const NonNegativeMoneyInput = MoneyInput.refine((v) => !v.startsWith('-'), {
  message: 'Le montant ne peut pas être négatif.',
});

/** Money in a response: always canonical. */
export const MoneyString = z.string().regex(/^-?\d+\.\d{2}$/);

/** Groups the integer part by thousands with the narrow no-break space, as Intl fr-FR does. */
function groupThousands(units: string): string {
  return units.replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
}

/**
 * A decimal as French documents print it, with a decimal comma and only the decimals it needs:
 * "1.5" → "1,5", "2.000" → "2", "1234.25" → "1 234,25". Quantities, percentages.
 */
export function formatDecimal(value: string, options: { maxDecimals?: number } = {}): string {
  const d = new Dec(normaliseDecimalText(value)).toDecimalPlaces(options.maxDecimals ?? 4, Dec.ROUND_HALF_UP);
  const neg = d.isNegative() && !d.isZero();
  const [units = '0', decimals = ''] = d.abs().toFixed().split('.');
  const body = decimals ? `${groupThousands(units)},${decimals}` : groupThousands(units);
  return neg ? `-${body}` : body;
}

/** A rate as ux.md writes it: "5.5" → "5,5 %" (no-break space before the sign). */
export function formatPercent(value: string): string {
  return `${formatDecimal(value)}${NBSP}%`;
}

/**
 * A unit price: two decimals like any amount, up to four when it has them ("12,3456 €"), never rounded
 * below what was entered (prices are stored with up to four decimals).
 */
export function formatUnitPrice(value: string): string {
  const d = new Dec(normaliseDecimalText(value)).toDecimalPlaces(4, Dec.ROUND_HALF_UP);
  if (d.decimalPlaces() <= 2) return formatEuro(centsToString(toCents(d)));
  const neg = d.isNegative();
  const [units = '0', decimals = ''] = d.abs().toFixed().split('.');
  return `${neg ? '-' : ''}${groupThousands(units)},${decimals}${NBSP}€`;
}
