import type { Db } from '../../db/open';
import { documentDigest, printedKindOf, type PrintedKind } from '../../db/repositories/document-digest-repo';
import { entryFault, type EntryFault } from './entry-check';
import { entryHash, GENESIS_HASH, type HashableEntry } from './hash';

/** An unsound entry as the verification reports it (postEntry would have refused it). */
const FAULTS: Record<EntryFault['kind'], string> = {
  negative: 'Ligne au montant négatif.',
  zero: 'Ligne à zéro ou à la fois au débit et au crédit.',
  'two-sided': 'Ligne à zéro ou à la fois au débit et au crédit.',
  'too-few-lines': 'Écriture déséquilibrée.',
  unbalanced: 'Écriture déséquilibrée.',
};

export interface BrokenAt {
  entryId: number;
  seq: number;
  num: number | null;
  date: string;
  reason: string;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  brokenAt?: BrokenAt;
  /** What could not be compared (no witness of the file on this computer when it was opened), in French. */
  notice?: string;
}

interface Row {
  id: bigint;
  seq: bigint;
  fiscal_year_id: bigint;
  num: bigint;
  journal: string;
  date: string;
  label: string;
  piece_ref: string;
  piece_date: string;
  validated_at: string;
  prev_hash: string;
  hash: string;
  account: string;
  aux: string | null;
  line_label: string;
  debit_cents: bigint;
  credit_cents: bigint;
  hash_version: bigint;
  doc_digest: string | null;
  source_kind: string | null;
  source_id: bigint | null;
}

type Pending = { row: Row; lines: HashableEntry['lines'] };

/** A row of the query below, in its column order. */
type RawRow = [
  id: bigint, seq: bigint, fiscal_year_id: bigint, num: bigint, journal: string, date: string, label: string, piece_ref: string, piece_date: string,
  validated_at: string, prev_hash: string, hash: string, account: string, aux: string | null, line_label: string, debit_cents: bigint, credit_cents: bigint,
  hash_version: bigint, doc_digest: string | null, source_kind: string | null, source_id: bigint | null,
];

function entryOf(r: RawRow): Row {
  return {
    id: r[0], seq: r[1], fiscal_year_id: r[2], num: r[3], journal: r[4], date: r[5], label: r[6], piece_ref: r[7], piece_date: r[8], validated_at: r[9],
    prev_hash: r[10], hash: r[11], account: r[12], aux: r[13], line_label: r[14], debit_cents: r[15], credit_cents: r[16],
    hash_version: r[17], doc_digest: r[18], source_kind: r[19], source_id: r[20],
  };
}

/**
 * Recomputes the whole journal, in validation order, streaming: every entry balanced with at least two
 * lines, the global sequence and each year's EcritureNum continuous, each hash equal to the hash of its
 * content chained to the previous one. The first failure is reported: everything after it is suspect.
 */
export function verifyLedger(db: Db): VerifyReport {
  // Entries in sequence order through the seq index, each entry's lines in order through the
  // (entry_id, line_no) index (CROSS JOIN keeps entry as the outer loop): nothing to sort, the first
  // entry is checked at once and memory stays flat however long the journal.
  const unvalidated = db.prepare('SELECT id, date FROM entry WHERE validated_at IS NULL ORDER BY id LIMIT 1').get() as { id: number; date: string } | undefined;
  const rows = db
    .prepare(
      `SELECT e.id, e.seq, e.fiscal_year_id, e.num, e.journal, e.date, e.label, e.piece_ref, e.piece_date, e.validated_at,
              e.prev_hash, e.hash, l.account, l.aux, l.label AS line_label, l.debit_cents, l.credit_cents,
              e.hash_version, e.doc_digest, e.source_kind, e.source_id
         FROM entry e CROSS JOIN entry_line l ON l.entry_id = e.id
        WHERE e.validated_at IS NOT NULL
        ORDER BY e.seq, e.id, l.line_no`,
    )
    .safeIntegers(true)
    .raw(true)
    .iterate() as IterableIterator<RawRow>;

  // Numbers seen per fiscal year, checked for continuity at the end (the opening entry may come late).
  const numsByYear = new Map<bigint, { nums: number[]; firstSeq: number; entryId: number; date: string }>();
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let current: Pending | null = null;
  let broken: BrokenAt | undefined;

  const check = (p: Pending): BrokenAt | undefined => {
    const r = p.row;
    const at = (reason: string): BrokenAt => ({ entryId: Number(r.id), seq: Number(r.seq), num: Number(r.num), date: r.date, reason });
    if (Number(r.seq) !== expectedSeq) return at(`Séquence rompue : écriture n° ${expectedSeq} attendue, n° ${r.seq} trouvée (écriture manquante ou sans lignes).`);
    const fault = entryFault(p.lines.map((l) => ({ debit: l.debitCents, credit: l.creditCents })));
    if (fault) return at(FAULTS[fault.kind]);
    if (r.prev_hash !== prevHash) return at('Chaînage rompu : l’empreinte précédente ne correspond pas.');
    const hash = entryHash(
      {
        seq: Number(r.seq), fiscalYearId: Number(r.fiscal_year_id), num: Number(r.num), journal: r.journal, date: r.date, label: r.label, pieceRef: r.piece_ref,
        pieceDate: r.piece_date, validatedAt: r.validated_at, lines: p.lines,
        version: Number(r.hash_version), sourceKind: r.source_kind, sourceId: r.source_id === null ? null : Number(r.source_id), docDigest: r.doc_digest,
      },
      prevHash,
    );
    if (hash !== r.hash) return at('Empreinte invalide : le contenu de l’écriture a été modifié après sa validation.');
    prevHash = hash;
    expectedSeq++;
    count++;
    const year = numsByYear.get(r.fiscal_year_id) ?? { nums: [], firstSeq: Number(r.seq), entryId: Number(r.id), date: r.date };
    year.nums.push(Number(r.num));
    numsByYear.set(r.fiscal_year_id, year);
    return undefined;
  };

  // Rows come as arrays (no object per line); the entry's columns become a Row once per entry.
  for (const raw of rows) {
    if (current && current.row.id !== raw[0]) {
      broken = check(current);
      current = null;
      if (broken) break;
    }
    current ??= { row: entryOf(raw), lines: [] };
    current.lines.push({ account: raw[12], aux: raw[13], label: raw[14], debitCents: raw[15], creditCents: raw[16] });
  }
  if (!broken && current) broken = check(current);

  // The documents the entries sealed, up to the first broken entry: one edited since is the earlier fault.
  broken = printedDocumentFault(db, broken?.seq ?? Number.MAX_SAFE_INTEGER) ?? broken;
  if (!broken) {
    const maxSeq = db.prepare('SELECT max(seq) FROM entry').pluck().get() as number | null;
    if ((maxSeq ?? 0) !== count) broken = { entryId: 0, seq: count + 1, num: null, date: '', reason: 'Écriture validée sans lignes.' };
  }
  if (!broken) {
    for (const [fyId, year] of numsByYear) {
      const nums = [...year.nums].sort((a, b) => a - b);
      const hasOpening = nums[0] === 1;
      const followsAnother = db.prepare('SELECT 1 FROM fiscal_year WHERE end_date < (SELECT start_date FROM fiscal_year WHERE id = ?)').get(fyId) !== undefined;
      const start = hasOpening || !followsAnother ? 1 : 2;
      const gap = nums.findIndex((n, i) => n !== start + i);
      if (gap >= 0) {
        broken = { entryId: year.entryId, seq: year.firstSeq, num: start + gap, date: year.date, reason: `Numérotation discontinue dans l’exercice : le n° ${start + gap} manque.` };
        break;
      }
    }
  }
  if (!broken && unvalidated) {
    broken = { entryId: unvalidated.id, seq: 0, num: null, date: unvalidated.date, reason: 'Une écriture est restée non validée (brouillon).' };
  }
  return broken ? { ok: false, entries: count, brokenAt: broken } : { ok: true, entries: count };
}

/**
 * The first entry (in sequence order, before `beforeSeq`) whose printed document no longer has the
 * digest the entry sealed: an invoice or credit note edited after its validation (a line's price, a total,
 * a rate). Read in pages by sequence: another statement cannot run while the journal is being iterated.
 */
function printedDocumentFault(db: Db, beforeSeq: number): BrokenAt | undefined {
  const page = db.prepare(
    'SELECT id, seq, num, date, source_kind, source_id, doc_digest FROM entry WHERE doc_digest IS NOT NULL AND seq > ? AND seq < ? ORDER BY seq LIMIT 500',
  );
  let after = 0;
  for (;;) {
    const rows = page.all(after, beforeSeq) as { id: number; seq: number; num: number; date: string; source_kind: string | null; source_id: number | null; doc_digest: string }[];
    for (const r of rows) {
      const kind = printedKindOf(r.source_kind);
      const digest = kind && r.source_id !== null ? documentDigest(db, kind, r.source_id) : null;
      if (digest !== r.doc_digest) {
        const what = kind === 'credit_note' ? 'L’avoir' : 'La facture';
        const number = kind && r.source_id !== null ? documentNumber(db, kind, r.source_id) : null;
        const reason = digest === null
          ? `${what} dont cette écriture est issue a disparu du dossier.`
          : `${what} ${number ?? ''} ne correspond plus à ce qui a été validé : ses lignes, ses montants, sa date ou son client ont été modifiés après sa validation, et ce qu’${kind === 'credit_note' ? 'il' : 'elle'} imprimerait n’est plus ce que le journal contient.`.replace('  ', ' ');
        return { entryId: r.id, seq: r.seq, num: r.num, date: r.date, reason };
      }
    }
    if (rows.length < 500) return undefined;
    after = (rows[rows.length - 1] as { seq: number }).seq;
  }
}

function documentNumber(db: Db, kind: PrintedKind, id: number): string | null {
  const table = kind === 'credit_note' ? 'credit_note' : 'invoice';
  return (db.prepare(`SELECT number FROM ${table} WHERE id = ?`).pluck().get(id) as string | null | undefined) ?? null;
}
