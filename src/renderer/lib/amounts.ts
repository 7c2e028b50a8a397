import { centsToString, normaliseDecimalText, parseAmount, toCents } from '../../shared/money';

/*
 * What the owner types in a number field, read without rounding, and what a form puts back in one. The
 * API reads "1 234,5" as well as "1234.50": these helpers only serve what a form shows as the user types.
 */

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

/** A value as a French input field holds it: 123456n cents or "1234.56" → "1234,56"; nothing → "". */
export function inputText(value: bigint | string | undefined): string {
  if (value === undefined) return '';
  return (typeof value === 'bigint' ? centsToString(value) : value).replace('.', ',');
}

/** "1 234,56 €" → "1234.56", so a typed amount finds the invoice; anything else is searched as typed. */
export function searchText(input: string): string {
  const t = input.trim();
  if (!/[,.€]/.test(t)) return t;
  const amount = parseAmount(normaliseDecimalText(t.replace('€', '')));
  return amount ? amount.toFixed(2) : t;
}
