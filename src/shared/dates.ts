/** Calendar dates as "YYYY-MM-DD" strings: no time zone can shift them. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtc(value: string): number {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(value: string, days: number): string {
  return fromUtc(toUtc(value) + days * 86_400_000);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

/** Adds calendar months, clamping the day to the end of the month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(value: string, months: number): string {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "2026-10-05" → "05/10/2026" (tables). */
export function formatDateShort(value: string): string {
  const [y, m, d] = value.split('-');
  return `${d}/${m}/${y}`;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "2026-10-05" → "5 octobre 2026" (letters); the first of the month is written « 1er ». */
export function formatDateLong(value: string): string {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return `${d === 1 ? '1er' : d} ${MONTHS[m - 1]} ${y}`;
}

/*
 * "Today" for a French company is the calendar date in Europe/Paris, whatever the machine's time zone:
 * at 23:30 UTC on 31 December it is already 1 January in Paris. Intl carries the summer-time rules.
 */
const PARIS_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Paris calendar date of an instant, as "YYYY-MM-DD". */
export function parisDate(instant: Date): string {
  const parts = PARIS_DAY.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The instant a pinned date stands for: noon UTC, which is 13:00 or 14:00 in Paris, so the same calendar
 * day there and in every time zone from UTC−11 to UTC+11.
 */
export function pinnedInstant(date: string): Date {
  return new Date(`${date}T12:00:00.000Z`);
}

/** The year of a "YYYY-MM-DD" date. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** A half-year as the letters name it: "2026-H1" → "1er semestre 2026", "2026-H2" → "2e semestre 2026". */
export function formatHalfYear(period: string): string {
  return `${period.endsWith('H1') ? '1er' : '2e'} semestre ${period.slice(0, 4)}`;
}
