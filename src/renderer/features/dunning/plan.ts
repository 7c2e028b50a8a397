import { addMonths } from '../../../shared/dates';
import { inputText } from '../../lib/amounts';

/**
 * `count` monthly instalments from `first`, equal to the cent, the last one taking the remainder, so that
 * they always add up to `total` exactly (1 000,00 € in 3: 333,33 + 333,33 + 333,34).
 */
export function splitInstalments(total: bigint, count: number, first: string): { date: string; amount: string }[] {
  if (!Number.isInteger(count) || count < 1) return [];
  const n = BigInt(count);
  const base = total / n;
  return Array.from({ length: count }, (_, i) => ({
    date: addMonths(first, i),
    amount: inputText(i === count - 1 ? total - base * (n - 1n) : base),
  }));
}
