import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  centsToString, Dec, formatEuro, MoneyInput, MoneyString, NonNegativeMoneyInput, parseAmount, roundToCents, toCents,
} from '../../src/shared/money';
import { expectFrench } from '../helpers/french';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('parsing amounts typed by people', () => {
  it('reads "1 234,5" as 1234.50', () => {
    expect(MoneyInput.parse('1 234,5')).toBe('1234.50');
    expect(parseAmount('1 234,5')?.toString()).toBe('1234.5');
  });

  it('accepts a dot or a comma, and ordinary, non-breaking and narrow spaces as thousands separators', () => {
    expect(MoneyInput.parse('1234.56')).toBe('1234.56');
    expect(MoneyInput.parse(`1${NBSP}234,56`)).toBe('1234.56');
    expect(MoneyInput.parse(`1${NNBSP}234${NNBSP}567,8`)).toBe('1234567.80');
    expect(MoneyInput.parse('  12 ')).toBe('12.00');
    expect(MoneyInput.parse('-0,5')).toBe('-0.50');
  });

  it('refuses "1.234" (three decimals) instead of rounding it', () => {
    const parsed = MoneyInput.safeParse('1.234');
    expect(parsed.success).toBe(false);
    expectFrench(parsed.error?.issues[0]?.message);
  });

  it('never rounds: any third decimal is refused, even a zero', () => {
    for (const raw of ['0.005', '12,345', '10.000', '1 234,567']) expect(MoneyInput.safeParse(raw).success, raw).toBe(false);
  });

  it('refuses amounts that are not plain decimals', () => {
    for (const raw of ['', ' ', 'abc', '1e3', '1,234.56', '12.', '.5', '--1', '1 234,56 €', 'Infinity', 'NaN']) {
      expect(MoneyInput.safeParse(raw).success, raw).toBe(false);
    }
  });

  it('refuses amounts of a thousand billion euros or more, which integer cents in SQLite could not hold', () => {
    expect(MoneyInput.parse('999 999 999 999 999,99')).toBe('999999999999999.99');
    for (const raw of ['1000000000000000', '-1000000000000000', '1'.padEnd(45, '0')]) {
      const parsed = MoneyInput.safeParse(raw);
      expect(parsed.success, raw).toBe(false);
      expectFrench(parsed.error?.issues[0]?.message);
    }
  });

  it('refuses a JSON number with a French message: money travels as text', () => {
    const parsed = MoneyInput.safeParse(12.5);
    expect(parsed.success).toBe(false);
    expectFrench(parsed.error?.issues[0]?.message);
  });

  it('refuses a negative amount where only positive ones make sense', () => {
    expect(NonNegativeMoneyInput.parse('0')).toBe('0.00');
    const parsed = NonNegativeMoneyInput.safeParse('-1');
    expect(parsed.success).toBe(false);
    expectFrench(parsed.error?.issues[0]?.message);
  });

  it('produces only canonical strings that MoneyString accepts', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 17n) + 1n, max: 10n ** 17n - 1n }), fc.boolean(), (cents, comma) => {
        const text = centsToString(cents);
        const typed = comma ? text.replace('.', ',') : text;
        const parsed = MoneyInput.parse(typed);
        expect(parsed).toBe(text);
        expect(MoneyString.safeParse(parsed).success).toBe(true);
      }),
    );
  });
});

describe('cents', () => {
  it('converts exactly to and from integer cents', () => {
    expect(toCents('1234.56')).toBe(123456n);
    expect(toCents('-0.5')).toBe(-50n);
    expect(toCents(new Dec('0.1').plus('0.2'))).toBe(30n);
    expect(centsToString(123456n)).toBe('1234.56');
    expect(centsToString(-50n)).toBe('-0.50');
    expect(centsToString(0)).toBe('0.00');
    expect(centsToString(7)).toBe('0.07');
  });

  it('refuses to convert an amount with more than two decimals', () => {
    expect(() => toCents('0.001')).toThrow(RangeError);
  });

  it('keeps amounts far beyond a double’s precision exact', () => {
    const huge = 123456789012345678901234567890n;
    expect(centsToString(huge)).toBe('1234567890123456789012345678.90');
    expect(toCents(centsToString(huge))).toBe(huge);
  });

  it('round-trips any amount of up to 40 digits (Dec’s precision) through centsToString and toCents', () => {
    const limit = 10n ** 40n - 1n;
    fc.assert(
      fc.property(fc.bigInt({ min: -limit, max: limit }), (cents) => {
        expect(toCents(centsToString(cents))).toBe(cents);
      }),
    );
  });

  it('rounds half-up to the cent, away from zero for negatives (French commercial practice)', () => {
    expect(roundToCents(new Dec('2.345'))).toBe('2.35');
    expect(roundToCents(new Dec('2.3449'))).toBe('2.34');
    expect(roundToCents(new Dec('-2.345'))).toBe('-2.35');
    expect(roundToCents(new Dec('0.005'))).toBe('0.01');
    expect(roundToCents(new Dec('100').dividedBy(3))).toBe('33.33');
  });
});

describe('formatEuro', () => {
  it('writes 1234.56 as « 1 234,56 € » with a narrow no-break space for thousands and a no-break space before €', () => {
    expect(formatEuro('1234.56')).toBe(`1${NNBSP}234,56${NBSP}€`);
  });

  it('groups every three digits and always shows two decimals', () => {
    expect(formatEuro('1000000')).toBe(`1${NNBSP}000${NNBSP}000,00${NBSP}€`);
    expect(formatEuro('999.9')).toBe(`999,90${NBSP}€`);
    expect(formatEuro(0n)).toBe(`0,00${NBSP}€`);
    expect(formatEuro(123456n)).toBe(`1${NNBSP}234,56${NBSP}€`);
  });

  it('writes negatives with a minus sign, or in parentheses when asked', () => {
    expect(formatEuro('-1234.56')).toBe(`-1${NNBSP}234,56${NBSP}€`);
    expect(formatEuro('-1234.56', { parentheses: true })).toBe(`(1${NNBSP}234,56${NBSP}€)`);
    expect(formatEuro('1234.56', { parentheses: true })).toBe(`1${NNBSP}234,56${NBSP}€`);
  });

  it('can leave out the € sign', () => {
    expect(formatEuro('1234.5', { symbol: false })).toBe(`1${NNBSP}234,50`);
  });

  it('matches what Intl prints for fr-FR', () => {
    const intl = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
    expect(formatEuro('1234.56')).toBe(intl.format(1234.56));
    expect(formatEuro('987654.32')).toBe(intl.format(987654.32));
  });

  it('never contains a dot, and reads back to the same amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.boolean(), (cents, parentheses) => {
        const text = formatEuro(cents, { parentheses });
        expect(text).not.toContain('.');
        expect(text.endsWith(`${NBSP}€`) || text.endsWith(`${NBSP}€)`)).toBe(true);
        const back = text.replace(/[()€\u00a0\u202f]/g, '').replace(',', '.');
        const sign = cents < 0n && parentheses ? '-' : '';
        expect(`${sign}${back}`).toBe(centsToString(cents));
      }),
    );
  });
});
