import { centsToString } from '../../shared/money';
import type { PreviewedEntry } from '../../shared/domain/preview';
import { translateSqliteError, type Db } from '../db/open';
import { stmt } from '../db/statements';
import { requireCompany } from './company/company-service';
import type { HandlerContext, ServiceContext } from './context';

const ROLLBACK = Symbol('dry run');

/**
 * Runs `fn` in an IMMEDIATE transaction and rolls it back whatever happens: what it computed comes out,
 * nothing it wrote stays (numbers taken, entries, documents). A refusal inside is thrown as it is.
 */
export function rolledBack<T>(db: Db, fn: () => T): T {
  let out: { value: T } | null = null;
  try {
    db.transaction(() => {
      const value = fn();
      if (value instanceof Promise) throw new Error('Un aperçu ne peut pas exécuter un traitement asynchrone.');
      out = { value };
      throw ROLLBACK;
    }).immediate();
  } catch (err) {
    if (err !== ROLLBACK) throw translateSqliteError(err, db.name);
  }
  return (out as unknown as { value: T }).value;
}

/**
 * A posting channel's dry run (`preview`): its own handler, on the same file, in a transaction rolled
 * back; the entries it posted are read back from the journal before the rollback, line by line.
 */
export function dryRun(ctx: ServiceContext, fn: (ctx: HandlerContext) => unknown): { entries: PreviewedEntry[]; result: unknown } {
  const db = ctx.file.db();
  const company = requireCompany(db);
  return rolledBack(db, () => {
    const before = lastSeq(db);
    const result = fn({ ...ctx, db, company });
    return { entries: entriesAfter(db, before), result };
  });
}

function lastSeq(db: Db): number {
  return (stmt(db, 'SELECT max(seq) FROM entry').pluck().get() as number | null) ?? 0;
}

interface EntryRow {
  id: number;
  journal: string;
  date: string;
  label: string;
  piece_ref: string;
  source_kind: string | null;
  source_id: number | null;
}

const ENTRY_COLUMNS = 'SELECT id, journal, date, label, piece_ref, source_kind, source_id FROM entry';

/** The entries validated after sequence `seq`, in the order they were posted. */
export function entriesAfter(db: Db, seq: number): PreviewedEntry[] {
  return (stmt(db, `${ENTRY_COLUMNS} WHERE seq > ? ORDER BY seq`).all(seq) as EntryRow[]).map((e) => previewed(db, e));
}

/** One entry as a preview shows it. */
export function previewedEntry(db: Db, entryId: number): PreviewedEntry {
  return previewed(db, stmt(db, `${ENTRY_COLUMNS} WHERE id = ?`).get(entryId) as EntryRow);
}

function previewed(db: Db, e: EntryRow): PreviewedEntry {
  return {
    journal: e.journal,
    date: e.date,
    label: e.label,
    pieceRef: e.piece_ref,
    ...(e.source_kind !== null && e.source_id !== null ? { source: { kind: e.source_kind, id: e.source_id } } : {}),
    lines: entryLines(db, e.id),
  };
}

function entryLines(db: Db, entryId: number): PreviewedEntry['lines'] {
  const lines = stmt(db, 'SELECT account, aux, label, debit_cents, credit_cents FROM entry_line WHERE entry_id = ? ORDER BY line_no').safeIntegers(true).all(entryId) as {
    account: string;
    aux: string | null;
    label: string;
    debit_cents: bigint;
    credit_cents: bigint;
  }[];
  return lines.map((l) => ({ account: l.account, ...(l.aux ? { aux: l.aux } : {}), label: l.label, debit: centsToString(l.debit_cents), credit: centsToString(l.credit_cents) }));
}
