import { JOURNALS, shortAccountReason, type JournalCode } from '../../../shared/accounts';
import { isValidIsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { centsToString } from '../../../shared/money';
import { firstCodePoints } from '../../../shared/text';
import type { Db } from '../../db/open';
import { documentDigest, printedKindOf } from '../../db/repositories/document-digest-repo';
import { linkLine, type InvoiceLink } from '../../db/repositories/invoice-repo';
import { stmt } from '../../db/statements';
import { accountLabel } from './accounts';
import { entryFault, type EntryFault } from './entry-check';
import { openFiscalYearFor, type FiscalYearRow } from './fiscal-years';
import { entryHash, GENESIS_HASH, HASH_VERSION } from './hash';

export interface PostingLine {
  account: string;
  /** The customer's auxiliary account (C00042): required on 41x and 491 lines, refused elsewhere. */
  aux?: string | null;
  /** Defaults to the entry's label. */
  label?: string;
  debit?: bigint;
  credit?: bigint;
  /** The invoice the line concerns and why (invoice_link): written with the line, never afterwards by position. */
  link?: InvoiceLink | undefined;
}

export interface Posting {
  journal: JournalCode;
  date: string;
  label: string;
  pieceRef: string;
  pieceDate?: string;
  lines: PostingLine[];
  /** The document the entry comes from (invoice 12, payment 7…), to find its entries again. */
  source?: { kind: string; id: number };
  /**
   * The source is a document that prints (an invoice or a credit note, `printedKindOf`): the entry's hash
   * covers the digest of its rows, which must be written by the time the entry is sealed (in `written`).
   */
  printed?: boolean;
}

export interface PostedEntry {
  id: number;
  fiscalYearId: number;
  num: number;
  seq: number;
  hash: string;
}

/** The entry as `written` sees it: numbered, not sealed yet (its hash covers what `written` writes). */
export type WrittenEntry = Omit<PostedEntry, 'hash'>;

/**
 * Tabs, line breaks and pipes would break the FEC (its separators): a label never carries them. Cut at
 * 200 characters counted in code points, never inside one (half an emoji would not survive SQLite, and
 * the hash of what was stored could never be checked again).
 */
export function cleanLabel(text: string): string {
  return firstCodePoints(text.replace(/[\t\r\n|]+/g, ' ').replace(/\s{2,}/g, ' ').trim(), 200).trim();
}

/** Accounts that hold one balance per customer, and so carry the customer's auxiliary account. */
export function needsAux(account: string): boolean {
  return account.startsWith('41') || account.startsWith('491');
}

const fmt = (c: bigint) => centsToString(c).replace('.', ',');

/**
 * The only way into the journal. Checks the entry (balanced, no zero or two-sided line, accounts and
 * customers exist, date in an open fiscal year), then writes and validates it in the caller's
 * transaction: EcritureNum, global sequence and hash chain are taken there, so a rollback leaves no gap.
 */
export function postEntry(db: Db, posting: Posting, now: Date, written?: (entry: WrittenEntry) => void): PostedEntry {
  return postEntries(db, [posting], now, written)[0] as PostedEntry;
}

/**
 * Several entries at once, in the order given, in the caller's transaction: each checked and written
 * exactly as postEntry does (it is the same code), but what the transaction already knows is read once
 * for the whole call: the fiscal year of each date, the last EcritureNum of each year, the head of the
 * hash chain, the accounts and customers already checked. For bulk writes (the import of open invoices).
 * `written`, if given, is called for each entry with the entry (written and numbered, not yet sealed) and its
 * index: it writes the document's own rows (the invoice the entry comes from, its number) while the entry's
 * pages are still in SQLite's cache, so that the seal can cover what the document prints. It must not post
 * to the journal itself: nothing else posts between two of these entries, so what was read stays true. The
 * lines' invoice links are written after the seal, so an invoice created with its entry exists by then.
 */
export function postEntries(db: Db, postings: readonly Posting[], now: Date, written?: (entry: WrittenEntry, index: number) => void): PostedEntry[] {
  if (!db.inTransaction) throw new Error('postEntry doit être appelé dans une transaction');
  const cursor = new JournalCursor(db);
  const validatedAt = now.toISOString();
  return postings.map((p, i) => {
    const { entry, links } = cursor.post(p, validatedAt, written && ((e) => written(e, i)));
    for (const { lineId, link } of links) linkLine(db, lineId, link);
    return entry;
  });
}

interface CheckedLine {
  account: string;
  aux: string | null;
  label: string;
  debit: bigint;
  credit: bigint;
  link: InvoiceLink | undefined;
}

/** The journal as one call sees it: its reads memoised, its numbers and chain head carried forward. */
class JournalCursor {
  private readonly years = new Map<string, FiscalYearRow>();
  private readonly numbers = new Map<number, YearNumbers>();
  private readonly accounts = new Set<string>();
  private readonly customers = new Set<string>();
  private head: { seq: number; hash: string } | null = null;

  constructor(private readonly db: Db) {}

  post(posting: Posting, validatedAt: string, written?: (entry: WrittenEntry) => void): { entry: PostedEntry; links: { lineId: number; link: InvoiceLink }[] } {
    const db = this.db;
    const label = cleanLabel(posting.label);
    const pieceRef = cleanLabel(posting.pieceRef);
    const pieceDate = posting.pieceDate ?? posting.date;
    if (!(posting.journal in JOURNALS)) throw new AppError('VALIDATION', `Journal inconnu : ${posting.journal}.`, { journal: 'Journal inconnu.' });
    if (!isValidIsoDate(posting.date) || !isValidIsoDate(pieceDate)) throw new AppError('VALIDATION', 'Date d’écriture invalide.', { date: 'Date invalide.' });
    if (!label) throw new AppError('VALIDATION', 'Une écriture a toujours un libellé.', { label: 'Libellé obligatoire.' });
    if (!pieceRef) throw new AppError('VALIDATION', 'Une écriture a toujours une référence de pièce.', { pieceRef: 'Référence de pièce obligatoire.' });
    const lines = checkLines(posting.lines, label);
    for (const l of lines) this.checkAccounts(l);

    const fy = this.fiscalYear(posting.date);
    const info = stmt(
      db,
      `INSERT INTO entry (fiscal_year_id, journal, date, label, piece_ref, piece_date, source_kind, source_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(fy.id, posting.journal, posting.date, label, pieceRef, pieceDate, posting.source?.kind ?? null, posting.source?.id ?? null);
    const id = Number(info.lastInsertRowid);
    const insertLine = stmt(db, 'INSERT INTO entry_line (entry_id, line_no, account, aux, label, debit_cents, credit_cents) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const links: { lineId: number; link: InvoiceLink }[] = [];
    lines.forEach((l, i) => {
      const lineId = Number(insertLine.run(id, i + 1, l.account, l.aux, l.label, l.debit, l.credit).lastInsertRowid);
      if (l.link) links.push({ lineId, link: l.link });
    });

    const num = this.nextNumber(fy, posting.journal);
    this.head ??= (stmt(db, 'SELECT seq, hash FROM entry WHERE seq = (SELECT max(seq) FROM entry)').get() as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: GENESIS_HASH };
    const seq = this.head.seq + 1;
    const prevHash = this.head.hash;
    written?.({ id, fiscalYearId: fy.id, num, seq });
    const docDigest = posting.printed ? printedDigest(db, posting) : null;
    const sourceKind = posting.source?.kind ?? null;
    const sourceId = posting.source?.id ?? null;
    const hash = entryHash(
      {
        seq, fiscalYearId: fy.id, num, journal: posting.journal, date: posting.date, label, pieceRef, pieceDate, validatedAt,
        lines: lines.map((l) => ({ account: l.account, aux: l.aux, label: l.label, debitCents: l.debit, creditCents: l.credit })),
        version: HASH_VERSION, sourceKind, sourceId, docDigest,
      },
      prevHash,
    );
    // The balance trigger checks the entry once more as it is validated.
    stmt(db, 'UPDATE entry SET num = ?, seq = ?, validated_at = ?, prev_hash = ?, hash = ?, hash_version = ?, doc_digest = ? WHERE id = ?').run(
      num, seq, validatedAt, prevHash, hash, HASH_VERSION, docDigest, id,
    );
    this.head = { seq, hash };
    return { entry: { id, fiscalYearId: fy.id, num, seq, hash }, links };
  }

  private checkAccounts(l: CheckedLine) {
    if (!this.accounts.has(l.account)) {
      const short = shortAccountReason(l.account);
      if (short) throw new AppError('VALIDATION', short, { account: 'Au moins trois chiffres.' });
      if (accountLabel(this.db, l.account) === null) {
        throw new AppError('VALIDATION', `Le compte ${l.account} n’existe pas dans votre plan comptable : créez-le dans les paramètres.`, { account: `Compte ${l.account} inconnu.` });
      }
      this.accounts.add(l.account);
    }
    if (needsAux(l.account) && !l.aux) {
      throw new AppError('VALIDATION', `Le compte ${l.account} se tient client par client : indiquez le compte auxiliaire du client.`, { aux: 'Compte client manquant.' });
    }
    if (l.aux) {
      if (!needsAux(l.account)) throw new AppError('VALIDATION', `Le compte ${l.account} ne se tient pas par client : retirez le compte auxiliaire ${l.aux}.`, { aux: 'Compte auxiliaire en trop.' });
      if (!this.customers.has(l.aux)) {
        if (!stmt(this.db, 'SELECT 1 FROM customer WHERE code = ?').get(l.aux)) {
          throw new AppError('VALIDATION', `Le compte client ${l.aux} n’existe pas.`, { aux: `Client ${l.aux} inconnu.` });
        }
        this.customers.add(l.aux);
      }
    }
  }

  private fiscalYear(date: string): FiscalYearRow {
    let fy = this.years.get(date);
    if (!fy) this.years.set(date, (fy = openFiscalYearFor(this.db, date)));
    return fy;
  }

  private nextNumber(fy: FiscalYearRow, journal: JournalCode): number {
    let year = this.numbers.get(fy.id);
    if (!year) this.numbers.set(fy.id, (year = yearNumbers(this.db, fy)));
    return takeEntryNumber(this.db, fy, year, journal);
  }
}

/** The digest of the printed document the posting comes from, whose rows `written` has just written. */
function printedDigest(db: Db, posting: Posting): string {
  const kind = printedKindOf(posting.source?.kind ?? null);
  const digest = kind && posting.source ? documentDigest(db, kind, posting.source.id) : null;
  if (digest === null) throw new Error(`Écriture scellée sur un document absent (${posting.source?.kind ?? '?'} ${posting.source?.id ?? '?'}).`);
  return digest;
}

/** The lines as they will be written, refused unless the entry is sound (entryFault). */
function checkLines(given: readonly PostingLine[], label: string): CheckedLine[] {
  const lines = given.map((l) => ({ account: l.account, aux: l.aux || null, label: cleanLabel(l.label ?? '') || label, debit: l.debit ?? 0n, credit: l.credit ?? 0n, link: l.link }));
  const fault = entryFault(lines);
  if (fault) throw new AppError('UNBALANCED_ENTRY', refusal(fault, lines));
  return lines;
}

const LINE_FAULTS = {
  negative: 'un montant négatif s’écrit dans l’autre colonne.',
  zero: 'une ligne à zéro n’a pas sa place dans une écriture.',
  'two-sided': 'une ligne est soit au débit, soit au crédit, pas les deux.',
};

/** The fault as postEntry refuses it. */
function refusal(fault: EntryFault, lines: readonly CheckedLine[]): string {
  if (fault.kind === 'too-few-lines') return 'Une écriture compte au moins deux lignes.';
  if (fault.kind === 'unbalanced') return `Écriture déséquilibrée : ${fmt(fault.debit)} € au débit pour ${fmt(fault.credit)} € au crédit.`;
  return `Ligne ${fault.line + 1} (compte ${lines[fault.line]?.account}) : ${LINE_FAULTS[fault.kind]}`;
}

/** What numbering a fiscal year needs to know: its last EcritureNum, and whether number 1 is kept for its opening entry. */
interface YearNumbers {
  max: number;
  reservesOpening: boolean;
  openingTaken: boolean | null;
}

function yearNumbers(db: Db, fy: { id: number; start_date: string }): YearNumbers {
  return {
    max: (stmt(db, 'SELECT max(num) FROM entry WHERE fiscal_year_id = ?').pluck().get(fy.id) as number | null) ?? 0,
    reservesOpening: stmt(db, 'SELECT 1 FROM fiscal_year WHERE end_date < ?').get(fy.start_date) !== undefined,
    openingTaken: null,
  };
}

/**
 * EcritureNum: continuous per fiscal year in validation order. A year that follows another keeps number
 * 1 for its opening entry (AN), posted when the previous year is closed, often after the first postings
 * of the new year: so the opening entry is always the year's first number, and no number is skipped.
 */
function takeEntryNumber(db: Db, fy: { id: number }, year: YearNumbers, journal: JournalCode): number {
  if (journal === 'AN') {
    if (!year.reservesOpening) throw new AppError('CONFLICT', 'Le premier exercice n’a pas d’à-nouveaux : ils viennent de la clôture de l’exercice précédent.');
    year.openingTaken ??= stmt(db, 'SELECT 1 FROM entry WHERE fiscal_year_id = ? AND num = 1').get(fy.id) !== undefined;
    if (year.openingTaken) throw new AppError('CONFLICT', 'Les à-nouveaux de cet exercice sont déjà passés.');
    year.openingTaken = true;
    year.max = Math.max(year.max, 1);
    return 1;
  }
  year.max = Math.max(year.max, year.reservesOpening ? 1 : 0) + 1;
  return year.max;
}
