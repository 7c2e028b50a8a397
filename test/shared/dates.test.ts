import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays, addMonths, daysBetween, daysInMonth, formatDateLong, formatDateShort, isValidIsoDate, parisDate, pinnedInstant,
} from '../../src/shared/dates';

describe('isValidIsoDate', () => {
  it('accepts 29 February in leap years, including 2000 (divisible by 400)', () => {
    for (const d of ['2024-02-29', '2028-02-29', '2000-02-29']) expect(isValidIsoDate(d), d).toBe(true);
  });

  it('refuses 29 February in common years, including 1900 and 2100 (centuries not divisible by 400)', () => {
    for (const d of ['2026-02-29', '2025-02-29', '1900-02-29', '2100-02-29']) expect(isValidIsoDate(d), d).toBe(false);
  });

  it('refuses days that do not exist, such as 2026-02-30 and 2026-04-31', () => {
    for (const d of ['2026-02-30', '2026-04-31', '2026-06-31', '2026-01-32', '2026-01-00', '2026-00-10', '2026-13-01']) {
      expect(isValidIsoDate(d), d).toBe(false);
    }
  });

  it('accepts the last day of every month of 2026', () => {
    const last = ['31', '28', '31', '30', '31', '30', '31', '31', '30', '31', '30', '31'];
    last.forEach((day, i) => expect(isValidIsoDate(`2026-${String(i + 1).padStart(2, '0')}-${day}`)).toBe(true));
  });

  it('refuses other formats and out-of-range years', () => {
    for (const d of ['2026-1-05', '26-01-05', '05/01/2026', '2026-01-05T00:00:00Z', ' 2026-01-05', '1899-12-31', '3000-01-01', '']) {
      expect(isValidIsoDate(d), d).toBe(false);
    }
  });
});

describe('date arithmetic', () => {
  it('knows the length of February in leap and common years', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    // Across the end of summer time in France (25 October 2026): calendar days, not hours.
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
  });

  it('counts whole days between two dates, negative when the second is earlier', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2026-12-31', '2026-01-01')).toBe(-364);
  });

  it('adds months clamping to the end of the month (31 January + 1 month = 28 or 29 February)', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-01-01', 24)).toBe('2028-01-01');
  });

  it('makes daysBetween the inverse of addDays', () => {
    const date = fc.date({ min: new Date('1960-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: -20_000, max: 20_000 }), (start, n) => {
        const end = addDays(start, n);
        expect(isValidIsoDate(end)).toBe(true);
        expect(daysBetween(start, end)).toBe(n);
      }),
    );
  });
});

describe('French date formats', () => {
  it('writes dd/mm/yyyy for tables', () => {
    expect(formatDateShort('2026-10-05')).toBe('05/10/2026');
  });

  it('writes the day, the month in words and the year for letters, with « 1er » for the first', () => {
    expect(formatDateLong('2026-10-05')).toBe('5 octobre 2026');
    expect(formatDateLong('2026-02-01')).toBe('1er février 2026');
    expect(formatDateLong('2026-08-15')).toBe('15 août 2026');
  });
});

describe('parisDate: the company’s legal day, whatever the machine’s time zone', () => {
  it('is already 1 January 2027 at 23:30 UTC on 31 December 2026 (Paris is UTC+1 in winter)', () => {
    expect(parisDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(parisDate(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
  });

  it('turns at 22:00 UTC in summer time and at 23:00 UTC in winter time, around the March change', () => {
    // Summer time starts on Sunday 29 March 2026 at 01:00 UTC (02:00 → 03:00 in Paris).
    expect(parisDate(new Date('2026-03-28T22:30:00Z')), 'Saturday, still UTC+1: 23:30 on the 28th').toBe('2026-03-28');
    expect(parisDate(new Date('2026-03-29T00:59:59Z')), '01:59:59 CET').toBe('2026-03-29');
    expect(parisDate(new Date('2026-03-29T01:00:00Z')), '03:00 CEST').toBe('2026-03-29');
    expect(parisDate(new Date('2026-03-29T21:59:59Z')), 'Sunday, now UTC+2: 23:59:59').toBe('2026-03-29');
    expect(parisDate(new Date('2026-03-29T22:30:00Z')), 'Sunday 22:30 UTC is Monday 00:30 in Paris').toBe('2026-03-30');
  });

  it('turns back at 23:00 UTC once winter time returns on 25 October 2026', () => {
    expect(parisDate(new Date('2026-10-24T22:00:00Z')), 'UTC+2: midnight, the 25th').toBe('2026-10-25');
    expect(parisDate(new Date('2026-10-25T22:30:00Z')), 'UTC+1 again: 23:30 on the 25th').toBe('2026-10-25');
    expect(parisDate(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });

  it('gives the same day as pinnedInstant for every date (noon UTC is the same day in Paris)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10);
        expect(parisDate(pinnedInstant(day))).toBe(day);
      }),
    );
  });
});
