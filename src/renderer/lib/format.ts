import { formatDateShort } from '../../shared/dates';
import { formatEuro, parseAmount } from '../../shared/money';

/** "1234.5" → "1 234,50 €"; an empty or zero amount in a debit/credit column stays blank. */
export function euroOrBlank(amount: string | undefined): string {
  if (!amount) return '';
  const d = parseAmount(amount);
  return d && !d.isZero() ? formatEuro(amount) : '';
}

/** Reports: negative amounts in parentheses (ux.md). */
export function euroReport(amount: string): string {
  return formatEuro(amount, { parentheses: true });
}

/** A fiscal year in a few characters: "2026", or "2025-2026" when it straddles two calendar years. */
export function fiscalYearShort(fy: { start: string; end: string }): string {
  const a = fy.start.slice(0, 4);
  const b = fy.end.slice(0, 4);
  return a === b ? a : `${a}-${b}`;
}

export function fiscalYearLong(fy: { start: string; end: string }): string {
  return `du ${formatDateShort(fy.start)} au ${formatDateShort(fy.end)}`;
}

/** An ISO timestamp at Paris time, as the company's day is Paris's: "22/11/2026 à 11:18". */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = d.toLocaleDateString('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Paris' });
  const time = d.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });
  return `${date} à ${time}`;
}

/** A file size for people: "12,5 Ko", "3,2 Mo". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} octets`;
  const units = ['Ko', 'Mo', 'Go'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} ${units[i]}`;
}

/** Accounts held customer by customer (41x, 491): their lines carry the customer's auxiliary account. */
export function needsAux(account: string): boolean {
  return account.startsWith('41') || account.startsWith('491');
}

/** Right-aligned figures that line up (tables of amounts). */
export const amountSx = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;
