import type { Entry, GeneralLedger, TrialBalance } from '../../../shared/domain/ledger';
import { AppError } from '../../../shared/errors';
import { centsToString } from '../../../shared/money';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { accountLabel } from './accounts';
import { entryHash, GENESIS_HASH } from './hash';
import { noDraftEntry, periodHoldsEveryEntry } from './scope';

const s = centsToString;

function customerName(db: Db, code: string): string | undefined {
  return (stmt(db, 'SELECT name FROM customer WHERE code = ?').pluck().get(code) as string | undefined) ?? undefined;
}

/** Validated lines between two dates, as a WHERE fragment on `e` (entry) with its parameters. */
function periodClause(from?: string, to?: string) {
  const where = ['e.validated_at IS NOT NULL'];
  const params: Record<string, string> = {};
  if (from) {
    where.push('e.date >= @from');
    params.from = from;
  }
  if (to) {
    where.push('e.date <= @to');
    params.to = to;
  }
  return { where: where.join(' AND '), params };
}

/** Balance générale: one row per account (or per account and customer), balance = debit − credit. */
export function trialBalance(db: Db, q: { from?: string; to?: string; byAux?: boolean }): TrialBalance {
  const group = q.byAux ? 'l.account, l.aux' : 'l.account';
  const columns = `l.account, ${q.byAux ? 'l.aux' : 'NULL'} AS aux, sum(l.debit_cents) AS debit, sum(l.credit_cents) AS credit`;
  let rows: { account: string; aux: string | null; debit: bigint; credit: bigint }[];
  if (!q.byAux) {
    // Per account only: the day totals kept at each validation (ledger_day) are enough.
    const where = [q.from ? 'date >= @from' : '', q.to ? 'date <= @to' : ''].filter(Boolean);
    rows = stmt(db, `SELECT account, NULL AS aux, sum(debit_cents) AS debit, sum(credit_cents) AS credit FROM ledger_day ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY account ORDER BY account`)
      .safeIntegers(true)
      .all({ ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) }) as typeof rows;
  } else if (periodHoldsEveryEntry(db, q.from, q.to)) {
    // Every validated line counts: read from the (account, entry, aux, amounts) index alone, without
    // joining each line to its entry (only a draft entry, inside a posting, would need excluding).
    const excludeDrafts = noDraftEntry(db) ? '' : 'WHERE l.entry_id NOT IN (SELECT id FROM entry WHERE validated_at IS NULL)';
    rows = stmt(db, `SELECT ${columns} FROM entry_line l ${excludeDrafts} GROUP BY ${group} ORDER BY l.account, aux`).safeIntegers(true).all() as typeof rows;
  } else {
    const { where, params } = periodClause(q.from, q.to);
    rows = stmt(db, `SELECT ${columns} FROM entry_line l JOIN entry e ON e.id = l.entry_id WHERE ${where} GROUP BY ${group} ORDER BY l.account, aux`)
      .safeIntegers(true)
      .all(params) as typeof rows;
  }
  let debit = 0n;
  let credit = 0n;
  const labels = new Map<string, string>();
  const out = rows.map((r) => {
    debit += r.debit;
    credit += r.credit;
    if (!labels.has(r.account)) labels.set(r.account, accountLabel(db, r.account) ?? r.account);
    return {
      account: r.account,
      label: labels.get(r.account) as string,
      ...(r.aux ? { aux: r.aux, auxLabel: customerName(db, r.aux) ?? r.aux } : {}),
      debit: s(r.debit),
      credit: s(r.credit),
      balance: s(r.debit - r.credit),
    };
  });
  return { rows: out, totals: { debit: s(debit), credit: s(credit), balance: s(debit - credit) } };
}

/** Grand livre of one account (optionally one customer): opening balance, lines with running balance. */
export function generalLedger(db: Db, q: { account: string; aux?: string; from?: string; to?: string }): GeneralLedger {
  const label = accountLabel(db, q.account);
  if (label === null) throw new AppError('NOT_FOUND', `Le compte ${q.account} n’existe pas.`);
  const auxClause = q.aux ? 'AND l.aux = @aux' : '';
  const base = { account: q.account, ...(q.aux ? { aux: q.aux } : {}) };
  const opening = q.from
    ? ((db
        .prepare(`SELECT coalesce(sum(l.debit_cents) - sum(l.credit_cents), 0) FROM entry_line l JOIN entry e ON e.id = l.entry_id
                  WHERE e.validated_at IS NOT NULL AND e.date < @from AND l.account = @account ${auxClause}`)
        .pluck()
        .safeIntegers(true)
        .get({ ...base, from: q.from }) as bigint) ?? 0n)
    : 0n;
  const { where, params } = periodClause(q.from, q.to);
  const rows = db
    .prepare(
      `SELECT e.id AS entry_id, l.id AS line_id, e.num, e.journal, e.date, e.piece_ref, l.label, l.aux, l.debit_cents, l.credit_cents, lt.code AS lettering
         FROM entry_line l JOIN entry e ON e.id = l.entry_id
         LEFT JOIN lettering_line ll ON ll.line_id = l.id LEFT JOIN lettering lt ON lt.id = ll.lettering_id
        WHERE ${where} AND l.account = @account ${auxClause}
        ORDER BY e.date, e.seq, l.line_no`,
    )
    .safeIntegers(true)
    .all({ ...params, ...base }) as {
    entry_id: bigint; line_id: bigint; num: bigint; journal: string; date: string; piece_ref: string; label: string; aux: string | null;
    debit_cents: bigint; credit_cents: bigint; lettering: string | null;
  }[];
  let balance = opening;
  let debit = 0n;
  let credit = 0n;
  const out = rows.map((r) => {
    balance += r.debit_cents - r.credit_cents;
    debit += r.debit_cents;
    credit += r.credit_cents;
    return {
      entryId: Number(r.entry_id), lineId: Number(r.line_id), num: Number(r.num), journal: r.journal, date: r.date, pieceRef: r.piece_ref, label: r.label,
      ...(r.aux ? { aux: r.aux } : {}), debit: s(r.debit_cents), credit: s(r.credit_cents), balance: s(balance), ...(r.lettering ? { lettering: r.lettering } : {}),
    };
  });
  return { ...base, label, opening: s(opening), rows: out, totals: { debit: s(debit), credit: s(credit), balance: s(debit - credit) }, closing: s(balance) };
}

interface EntryRow {
  id: bigint; num: bigint; seq: bigint; fiscal_year_id: bigint; journal: string; date: string; label: string; piece_ref: string; piece_date: string;
  validated_at: string; hash: string; prev_hash: string; source_kind: string | null; source_id: bigint | null; fy_start: string; fy_end: string;
}
interface LineRow {
  id: bigint; entry_id: bigint; account: string; aux: string | null; label: string; debit_cents: bigint; credit_cents: bigint; lettering: string | null; lettering_date: string | null;
}

const ENTRY_COLUMNS = `e.id, e.num, e.seq, e.fiscal_year_id, e.journal, e.date, e.label, e.piece_ref, e.piece_date, e.validated_at, e.hash, e.prev_hash,
  e.source_kind, e.source_id, fy.start_date AS fy_start, fy.end_date AS fy_end`;

/** The journal, filtered: entries in validation order with their lines. */
export function listEntries(
  db: Db,
  q: { from?: string; to?: string; journal?: string; account?: string; aux?: string; limit: number; offset: number },
): { rows: Entry[]; total: number } {
  const { where, params } = periodClause(q.from, q.to);
  const clauses = [where];
  const p: Record<string, unknown> = { ...params };
  if (q.journal) {
    clauses.push('e.journal = @journal');
    p.journal = q.journal;
  }
  if (q.account || q.aux) {
    clauses.push(`EXISTS (SELECT 1 FROM entry_line f WHERE f.entry_id = e.id ${q.account ? 'AND f.account LIKE @account' : ''} ${q.aux ? 'AND f.aux = @aux' : ''})`);
    if (q.account) p.account = `${q.account}%`;
    if (q.aux) p.aux = q.aux;
  }
  const whereSql = clauses.join(' AND ');
  const total = Number(db.prepare(`SELECT count(*) FROM entry e WHERE ${whereSql}`).pluck().get(p));
  const entries = db
    .prepare(`SELECT ${ENTRY_COLUMNS} FROM entry e JOIN fiscal_year fy ON fy.id = e.fiscal_year_id WHERE ${whereSql} ORDER BY e.seq LIMIT @limit OFFSET @offset`)
    .safeIntegers(true)
    .all({ ...p, limit: q.limit, offset: q.offset }) as EntryRow[];
  return { rows: withLines(db, entries), total };
}

function withLines(db: Db, entries: EntryRow[]): Entry[] {
  if (entries.length === 0) return [];
  const ids = entries.map((e) => e.id);
  const lines = db
    .prepare(
      `SELECT l.id, l.entry_id, l.account, l.aux, l.label, l.debit_cents, l.credit_cents, lt.code AS lettering, lt.date AS lettering_date
         FROM entry_line l LEFT JOIN lettering_line ll ON ll.line_id = l.id LEFT JOIN lettering lt ON lt.id = ll.lettering_id
        WHERE l.entry_id IN (SELECT value FROM json_each(?)) ORDER BY l.entry_id, l.line_no`,
    )
    .safeIntegers(true)
    .all(JSON.stringify(ids.map(String).map(Number))) as LineRow[];
  const byEntry = new Map<bigint, LineRow[]>();
  for (const l of lines) byEntry.set(l.entry_id, [...(byEntry.get(l.entry_id) ?? []), l]);
  const labels = new Map<string, string>();
  const label = (a: string) => {
    if (!labels.has(a)) labels.set(a, accountLabel(db, a) ?? a);
    return labels.get(a) as string;
  };
  return entries.map((e) => ({
    id: Number(e.id), fiscalYear: { start: e.fy_start, end: e.fy_end }, num: Number(e.num), seq: Number(e.seq), journal: e.journal, date: e.date,
    label: e.label, pieceRef: e.piece_ref, pieceDate: e.piece_date, validatedAt: e.validated_at, hash: e.hash,
    ...(e.source_kind && e.source_id !== null ? { source: { kind: e.source_kind, id: Number(e.source_id) } } : {}),
    lines: (byEntry.get(e.id) ?? []).map((l) => ({
      id: Number(l.id), account: l.account, accountLabel: label(l.account),
      ...(l.aux ? { aux: l.aux, auxLabel: customerName(db, l.aux) ?? l.aux } : {}),
      label: l.label, debit: s(l.debit_cents), credit: s(l.credit_cents),
      ...(l.lettering ? { lettering: { code: l.lettering, date: l.lettering_date ?? '' } } : {}),
    })),
  }));
}

/** One entry and whether its own hash, and its link to the previous entry, still hold. */
export function entryDetail(db: Db, id: number): { entry: Entry; hashOk: boolean; chainOk: boolean } {
  const row = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM entry e JOIN fiscal_year fy ON fy.id = e.fiscal_year_id WHERE e.id = ? AND e.validated_at IS NOT NULL`).safeIntegers(true).get(id) as EntryRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Écriture n° ${id} introuvable.`);
  const [entry] = withLines(db, [row]) as [Entry];
  const raw = db.prepare('SELECT account, aux, label, debit_cents, credit_cents FROM entry_line WHERE entry_id = ? ORDER BY line_no').safeIntegers(true).all(id) as {
    account: string; aux: string | null; label: string; debit_cents: bigint; credit_cents: bigint;
  }[];
  const seal = db.prepare('SELECT hash_version, doc_digest FROM entry WHERE id = ?').get(id) as { hash_version: number; doc_digest: string | null };
  const recomputed = entryHash(
    {
      seq: Number(row.seq), fiscalYearId: Number(row.fiscal_year_id), num: Number(row.num), journal: row.journal, date: row.date, label: row.label,
      pieceRef: row.piece_ref, pieceDate: row.piece_date, validatedAt: row.validated_at,
      lines: raw.map((l) => ({ account: l.account, aux: l.aux, label: l.label, debitCents: l.debit_cents, creditCents: l.credit_cents })),
      version: seal.hash_version, sourceKind: row.source_kind, sourceId: row.source_id === null ? null : Number(row.source_id), docDigest: seal.doc_digest,
    },
    row.prev_hash,
  );
  const previous = row.seq > 1n ? (db.prepare('SELECT hash FROM entry WHERE seq = ?').pluck().get(row.seq - 1n) as string | undefined) : GENESIS_HASH;
  return { entry, hashOk: recomputed === row.hash, chainOk: previous === row.prev_hash };
}
