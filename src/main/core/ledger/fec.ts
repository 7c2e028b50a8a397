import { dirname } from 'node:path';
import { JOURNALS, threeDigitAccount } from '../../../shared/accounts';
import type { Handlers } from '../../../shared/contract';
import type { Company } from '../../../shared/domain/company';
import { AppError } from '../../../shared/errors';
import { centsToString } from '../../../shared/money';
import { openReadOnlyTwin } from '../../db/encryption';
import type { Db } from '../../db/open';
import type { HandlerContext } from '../context';
import { writeAtomically } from '../files/atomic-write';
import { resolveOutputTarget } from '../files/output-target';
import { startJob, type JobHandle } from '../jobs';
import { allAccounts } from './accounts';
import { fiscalYearByEnd } from './fiscal-years';

/** The 18 columns of LPF art. A47 A-1, in their order. */
export const FEC_COLUMNS = [
  'JournalCode', 'JournalLib', 'EcritureNum', 'EcritureDate', 'CompteNum', 'CompteLib', 'CompAuxNum', 'CompAuxLib', 'PieceRef',
  'PieceDate', 'EcritureLib', 'Debit', 'Credit', 'EcritureLet', 'DateLet', 'ValidDate', 'Montantdevise', 'Idevise',
] as const;

/** Field separator: the tab, one of the two A47 A-1 allows; no field ever contains it (see `field`). */
const SEP = '\t';
/**
 * Record separator: CRLF. A47 A-1 does not fix it and the DGFiP's Test Compta Demat accepts both; the
 * administration describes flat files with "retour chariot" record ends, the accounting software the
 * accountant imports the file into mostly runs on Windows, and RFC 4180 CSV readers (hledger included)
 * take CRLF as well. Written identically on every platform: never os.EOL.
 */
const EOL = '\r\n';
/** Written to disk in chunks of about this many characters; a million lines never sit in memory. */
const FLUSH_AT = 1 << 20;
/** Lines between two pauses that let the event loop run (job.status, other channels). */
const YIELD_EVERY = 10_000;

export interface FecExportOptions {
  fiscalYearEnd: string;
  /** A folder (the file is named `<SIREN>FEC<AAAAMMJJ>.txt` in it) or a full path ending in `.txt`. */
  output: string;
  job?: JobHandle | undefined;
}

export interface FecExportResult {
  path: string;
  /** Data lines, the header excluded. */
  lines: number;
}

/**
 * The columns of a FEC row, read as arrays (`.raw()`): no object per line. The entry's own columns come
 * with its first line only (line_no 1, as postEntry numbers them), NULL on the others: the formatter reads
 * them once per entry, and a million lines do not carry seven copies of what they share.
 */
const ENTRY_COLUMNS = ['journal', 'seq', 'date', 'label', 'piece_ref', 'piece_date', 'validated_at'] as const;
const C = {
  journal: 0, seq: 1, date: 2, entryLabel: 3, pieceRef: 4, pieceDate: 5, validatedAt: 6, num: 7,
  account: 8, aux: 9, lineLabel: 10, debit: 11, credit: 12, letCode: 13, letDate: 14, entryId: 15,
} as const;
type EntryColumns = [journal: string, seq: number, date: string, entryLabel: string, pieceRef: string, pieceDate: string, validatedAt: string];
type LineColumns = [num: number, account: string, aux: string | null, lineLabel: string, debit: string, credit: string, letCode: string | null, letDate: string | null, entryId: number];
/** An entry's first line, with the entry's own columns. */
type FirstRow = [...EntryColumns, ...LineColumns];
type Nullable<T extends unknown[]> = { [K in keyof T]: T[K] | null };
/** Any line: the entry's columns are NULL after its first. */
type FecRow = [...Nullable<EntryColumns>, ...LineColumns];

/** `<SIREN>FEC<AAAAMMJJ>.txt`, the closing date of the year. */
export function fecFileName(siren: string, fiscalYearEnd: string): string {
  return `${siren}FEC${fecDate(fiscalYearEnd)}.txt`;
}

/** "2026-12-31" (or an ISO timestamp) → "20261231". */
export function fecDate(iso: string): string {
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
}

/**
 * fecAmount and fecDate in SQL, for the export's hot loop: SQLite hands over the finished text instead of
 * a BigInt per amount (integer arithmetic on integer cents, exact; debits and credits are never negative,
 * CHECK in migration 0002). Tested equal to the JS functions.
 */
export const fecAmountSql = (column: string) => `printf('%d,%02d', ${column} / 100, ${column} % 100)`;
export const fecDateSql = (column: string) => `substr(${column}, 1, 4) || substr(${column}, 6, 2) || substr(${column}, 9, 2)`;

/** Integer cents → "1234,56": decimal comma, no thousands separator. */
export function fecAmount(cents: bigint): string {
  if (cents < 0n) return centsToString(cents).replace('.', ',');
  // Debits and credits are never negative: the digits, with a comma before the last two.
  const digits = cents.toString().padStart(3, '0');
  return `${digits.slice(0, -2)},${digits.slice(-2)}`;
}

/**
 * A field as the FEC can carry it: no tab, CR, LF or other control character (they would split a line
 * or a column), no `|` (the other separator A47 A-1 allows: a reader that guesses the separator must not
 * find it in a field), no line or paragraph separator, no surrounding blanks. Every text column goes
 * through it: labels, piece references, the customer's code and name, the lettering code.
 */
export function field(value: string | null | undefined): string {
  const v = value ?? '';
  // Most values are clean already: one test instead of two replacements and a trim.
  if (!NEEDS_CLEANING.test(v)) return v;
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return v.replace(/[\u0000-\u001f\u007f\u2028\u2029|]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** What `field` would change: a control or separator character, two spaces, a blank at either end. */
// eslint-disable-next-line no-control-regex -- detecting control characters is the point
const NEEDS_CLEANING = /[\u0000-\u001f\u007f\u2028\u2029|]| {2}|^\s|\s$/;

/**
 * CompteNum and CompteLib of an account. CompteNum has at least three digits: lines a file posted to 53
 * before migration 0008 (validated, hash-chained, never rewritten) are written as 530, the sub-account
 * that migration created for the cash and that the closing carries their balance to; in general an
 * account shorter than three digits is written followed by zeros (threeDigitAccount). CompteLib is that
 * account's label, else the original's.
 */
export function fecAccountColumns(account: string, labels: ReadonlyMap<string, string>): [compteNum: string, compteLib: string] {
  const num = threeDigitAccount(account);
  return [num, field(labels.get(num) ?? labels.get(account)) || num];
}

/**
 * Writes the FEC of one fiscal year: every line of every validated entry of the year, the opening entry
 * (AN, EcritureNum 1) first, then the others in validation order. Streams: the rows are read with
 * `.iterate()` from a read-only connection of their own (one snapshot, and the app's connection stays
 * free while the export pauses) and written in ~1 MB chunks to a temp file renamed at the end, so the
 * target is either the whole file or untouched. An open year gives a provisional FEC.
 */
export async function exportFec(db: Db, company: Company, options: FecExportOptions): Promise<FecExportResult> {
  const fy = fiscalYearByEnd(db, options.fiscalYearEnd);
  const target = resolveOutputTarget(options.output, fecFileName(company.siren, fy.end_date), { ext: 'txt', noun: 'le FEC' });
  // The output first: a folder that cannot be written is refused before any connection is opened.
  const lines = await writeAtomically(target, async (write) => {
    // Keyed as the app's connection is (an encrypted file's reader needs the same key).
    const reader = openReadOnlyTwin(db);
    let rows: IterableIterator<FecRow> | null = null;
    try {
      reader.pragma('busy_timeout = 5000');
      // One read transaction: the count and the lines come from the same snapshot.
      reader.exec('BEGIN');
      const total = Number(
        reader
          .prepare('SELECT count(*) FROM entry_line l JOIN entry e ON e.id = l.entry_id WHERE e.fiscal_year_id = ? AND e.validated_at IS NOT NULL')
          .pluck()
          .get(fy.id),
      );
      options.job?.setTotal(total);
      // accountLabel's rule (the chart first, then the company's sub-accounts), and the customers' names,
      // read before iterating: a connection busy with an iterator cannot run another statement.
      const labels = new Map<string, string>();
      for (const a of allAccounts(reader)) if (!a.custom || !labels.has(a.number)) labels.set(a.number, a.label);
      const customerNames = new Map((reader.prepare('SELECT code, name FROM customer').raw(true).all() as [string, string][]));

      // The order A47 A-1 asks for, opening entry first then validation order, is EcritureNum's order by
      // construction (post.ts: the AN entry takes number 1, every other entry the next number as it is
      // validated), and the (fiscal_year_id, num) index reads it without sorting: the first line comes at
      // once instead of after a sort of the whole year; within an entry, the (entry_id, line_no) index gives
      // the lines in order (e.id makes each step of the outer order one entry, so nothing is sorted). The
      // loop checks that construction (seq rising).
      rows = reader
        .prepare(
          `SELECT ${ENTRY_COLUMNS.map((c) => `CASE WHEN l.line_no = 1 THEN e.${c} END`).join(', ')}, e.num,
                  l.account, l.aux, l.label AS line_label, ${fecAmountSql('l.debit_cents')}, ${fecAmountSql('l.credit_cents')},
                  lt.code AS let_code, ${fecDateSql('lt.date')}, e.id
             FROM entry e
             JOIN entry_line l ON l.entry_id = e.id
             LEFT JOIN lettering_line ll ON ll.line_id = l.id
             LEFT JOIN lettering lt ON lt.id = ll.lettering_id
            WHERE e.fiscal_year_id = ? AND e.validated_at IS NOT NULL
            ORDER BY e.num, e.id, l.line_no`,
        )
        .raw(true)
        .iterate(fy.id) as IterableIterator<FecRow>;

      let buffer = FEC_COLUMNS.join(SEP) + EOL;
      let count = 0;
      let lastEntry = -1;
      let lastSeq = 0;
      const format = new FecFormatter(labels, customerNames);
      for (const r of rows) {
        if (r[C.entryId] !== lastEntry) {
          lastEntry = r[C.entryId];
          const num = r[C.num];
          if (r[C.journal] === null) {
            throw new AppError('CONFLICT', `Les lignes de l’écriture n° ${num} ne sont plus numérotées à partir de 1 : lancez le contrôle d’intégrité du journal avant d’exporter le FEC.`);
          }
          const first = r as FirstRow;
          if (first[C.journal] !== 'AN') {
            if (first[C.seq] < lastSeq) {
              throw new AppError('CONFLICT', `La numérotation de l’exercice ne suit plus l’ordre de validation (écriture n° ${num}) : lancez le contrôle d’intégrité du journal avant d’exporter le FEC.`);
            }
            lastSeq = first[C.seq];
          }
        }
        buffer += format.line(r) + EOL;
        count++;
        if (buffer.length >= FLUSH_AT) {
          write(buffer);
          buffer = '';
        }
        if (count % YIELD_EVERY === 0) {
          options.job?.progress(count);
          await new Promise<void>((resume) => setImmediate(resume));
        }
      }
      write(buffer);
      return count;
    } finally {
      // The iterator before its connection: a connection with an iterator open refuses to close
      // ("connection is busy"), which would hide the real error and leave the reader open.
      rows?.return?.();
      reader.close();
    }
  });
  options.job?.progress(lines);
  return { path: target, lines };
}

/**
 * One FEC line per journal line. What repeats is computed once: the entry's own columns for all its
 * lines, each account's label, each customer's columns, the last line label.
 */
class FecFormatter {
  private entryId = -1;
  private entryHead = '';
  private entryTail = '';
  private pieceColumns = '';
  private entryLabel = '';
  private journalLib = '';
  private lastLineLabel: string | null = null;
  private lastLineField = '';
  private readonly accounts = new Map<string, string>();
  private readonly auxColumns = new Map<string, string>();

  constructor(
    private readonly labels: Map<string, string>,
    private readonly customerNames: Map<string, string>,
  ) {}

  line(r: FecRow): string {
    if (r[C.entryId] !== this.entryId) {
      // An entry's first line (checked by the loop): it carries the entry's columns.
      const e = r as FirstRow;
      this.entryId = e[C.entryId];
      const journal = e[C.journal];
      this.journalLib = JOURNALS[journal as keyof typeof JOURNALS] ?? journal;
      const num = e[C.num].toString();
      this.entryHead = `${journal}${SEP}${this.journalLib}${SEP}${num}${SEP}${fecDate(e[C.date])}${SEP}`;
      this.pieceColumns = `${field(e[C.pieceRef]) || `${journal}${num}`}${SEP}${fecDate(e[C.pieceDate])}${SEP}`;
      this.entryLabel = field(e[C.entryLabel]);
      this.entryTail = `${SEP}${fecDate(e[C.validatedAt])}${SEP}${SEP}`;
    }
    const account = r[C.account];
    let accountColumns = this.accounts.get(account);
    if (accountColumns === undefined) {
      const [num, lib] = fecAccountColumns(account, this.labels);
      accountColumns = `${num}${SEP}${lib}${SEP}`;
      this.accounts.set(account, accountColumns);
    }
    const aux = r[C.aux];
    let auxColumns = SEP + SEP;
    if (aux) {
      const cached = this.auxColumns.get(aux);
      if (cached === undefined) {
        auxColumns = `${field(aux)}${SEP}${field(this.customerNames.get(aux)) || field(aux)}${SEP}`;
        this.auxColumns.set(aux, auxColumns);
      } else auxColumns = cached;
    }
    const lineLabel = r[C.lineLabel];
    if (lineLabel !== this.lastLineLabel) {
      this.lastLineLabel = lineLabel;
      this.lastLineField = field(lineLabel);
    }
    const label = this.lastLineField || this.entryLabel || this.journalLib;
    const letCode = r[C.letCode];
    const letDate = r[C.letDate];
    const lettering = letCode ? `${field(letCode)}${SEP}${letDate ?? ''}` : SEP;
    return `${this.entryHead}${accountColumns}${auxColumns}${this.pieceColumns}${label}${SEP}${r[C.debit]}${SEP}${r[C.credit]}${SEP}${lettering}${this.entryTail}`;
  }
}

export const fecHandlers: Pick<Handlers<HandlerContext>, 'export.fec'> = {
  async 'export.fec'({ db, company, file }, req) {
    // Registered before anything else, so a job.status sent right after this call already finds it.
    const job = req.jobId ? startJob(req.jobId) : undefined;
    try {
      return await exportFec(db, company, { fiscalYearEnd: req.fiscalYearEnd, output: req.output ?? dirname(file.path), job });
    } finally {
      job?.finish();
    }
  },
};
