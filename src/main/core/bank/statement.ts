import { isValidIsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { Dec, type Dec as DecT } from '../../../shared/money';

/** One line of a bank statement, as a parser reads it: the amount signed (money received is positive). */
export interface StatementLine {
  date: string;
  valueDate?: string;
  /** Canonical decimal string, two decimals ("-12.50"). */
  amount: string;
  label: string;
  remittance?: string;
  counterpartyName?: string;
  counterpartyIban?: string;
  /** The bank's own id of the transaction (OFX FITID, CAMT AcctSvcrRef…): the dedup key when present. */
  bankRef?: string;
}

export interface ParsedStatement {
  format: 'ofx' | 'camt053' | 'csv';
  account?: string;
  openingBalance?: string;
  closingBalance?: string;
  periodFrom?: string;
  periodTo?: string;
  lines: StatementLine[];
}

/** A malformed file: refused, in French, naming where it stumbled. */
export function badFile(message: string): AppError {
  return new AppError('VALIDATION', message, { contentBase64: message });
}

/** Euros only: the ledger's 512 is kept in euros. */
export function requireEuro(currency: string | undefined, where: string): void {
  if (currency === undefined || currency === '') return;
  const c = currency.trim().toUpperCase();
  if (c !== 'EUR') {
    throw badFile(`Le relevé est en ${c} (${where}) : Encours ne tient que des comptes bancaires en euros. Importez le relevé d’un compte en EUR.`);
  }
}

const AMOUNT = /^[+-]?\d+(\.\d+)?$/;

/**
 * A bank amount as text → canonical two-decimal string, with decimal.js only: "1 234,56", "-12.5",
 * "1234,5", "+45,00", "1.234,56" (dot for thousands, comma for decimals), "−3,00". null if not an amount.
 * More than two decimals is refused (a bank never books a fraction of a cent), never rounded.
 */
export function parseBankAmount(raw: string): string | null {
  let s = raw.trim().replace(/[\s\u00a0\u202f']/g, '').replace(/^\u2212/, '-').replace(/€$|EUR$/i, '');
  if (s === '') return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Both: the last one is the decimal mark, the other groups thousands.
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    if (s.indexOf(',') !== lastComma) return null;
    s = s.replace(',', '.');
  }
  if (!AMOUNT.test(s)) return null;
  const d = new Dec(s);
  if (!d.times(100).isInteger()) return null;
  return canonical(d);
}

export function canonical(d: DecT): string {
  return d.toFixed(2);
}

export function sumAmounts(amounts: readonly string[]): DecT {
  return amounts.reduce((acc, a) => acc.plus(a), new Dec(0));
}

export function negate(amount: string): string {
  return canonical(new Dec(amount).negated());
}

/** "20260315", "2026-03-15", "2026-03-15T10:00:00+01:00", "20260315120000[+1:CET]" → "2026-03-15"; null otherwise. */
export function isoDateFromCompact(raw: string | undefined): string | null {
  if (!raw) return null;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(raw.trim());
  if (!m) return null;
  const d = `${m[1]}-${m[2]}-${m[3]}`;
  return isValidIsoDate(d) ? d : null;
}

/** JJ/MM/AAAA, JJ-MM-AAAA, JJ.MM.AAAA, JJ/MM/AA or AAAA-MM-JJ → "AAAA-MM-JJ"; null otherwise. */
export function isoDateFromFrench(raw: string): string | null {
  const s = raw.trim();
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (fr) {
    const year = fr[3]!.length === 2 ? `20${fr[3]}` : fr[3]!;
    const d = `${year}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}`;
    return isValidIsoDate(d) ? d : null;
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (iso && isValidIsoDate(s)) return s;
  return null;
}

/** Spaces collapsed; empty → undefined. */
export function clean(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const s = String(value).replace(/\s+/g, ' ').trim();
  return s === '' ? undefined : s;
}

/**
 * Bytes → text. An explicit charset wins (OFX CHARSET:1252, an XML declaration), but a file said to be
 * UTF-8 that is not falls back like an undeclared one: UTF-8 if the bytes are valid UTF-8, else Windows-1252 (what French banks' Latin-1 exports really are). A BOM is dropped.
 */
export function decodeText(bytes: Uint8Array, declared?: string): string {
  const label = declared?.trim().toLowerCase();
  // OFX 1.x names its charset by number (CHARSET:1252, CHARSET:8859-1); NONE says nothing.
  const known = label === '1252' ? 'windows-1252' : label && /^8859-\d+$/.test(label) ? `iso-${label}` : label;
  if (known && known !== 'none' && !/^utf-?8$/.test(known)) {
    try {
      return new TextDecoder(known).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      // A label TextDecoder does not know: guessed below.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The first and last dates of the lines, when the file does not say its period. */
export function periodOf(lines: readonly StatementLine[]): { periodFrom?: string; periodTo?: string } {
  if (lines.length === 0) return {};
  const dates = lines.map((l) => l.date).sort();
  return { periodFrom: dates[0]!, periodTo: dates[dates.length - 1]! };
}
