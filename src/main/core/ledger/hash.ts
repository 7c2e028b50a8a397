import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The formula entries are validated with today (migration 0011); entries validated before keep version 1. */
export const HASH_VERSION = 2;

export interface HashableEntry {
  seq: number;
  fiscalYearId: number;
  num: number;
  journal: string;
  date: string;
  label: string;
  pieceRef: string;
  pieceDate: string;
  validatedAt: string;
  lines: { account: string; aux: string | null; label: string; debitCents: bigint; creditCents: bigint }[];
  /** 1 (before migration 0011) or 2; absent means 1. */
  version?: number;
  /** Version 2: the document the entry comes from, as stored (source_kind, source_id). */
  sourceKind?: string | null;
  sourceId?: number | null;
  /** Version 2: the digest of what that document prints (invoice, credit note), or null. */
  docDigest?: string | null;
}

/**
 * SHA-256 over the entry's canonical content and the previous entry's hash. JSON of an array fixes the
 * field order and escapes every character, so two different entries never share a canonical text.
 * Version 2 adds the entry's source and the digest of the document it comes from.
 */
export function entryHash(entry: HashableEntry, prevHash: string): string {
  const fields: unknown[] = [
    prevHash,
    entry.seq,
    entry.fiscalYearId,
    entry.num,
    entry.journal,
    entry.date,
    entry.label,
    entry.pieceRef,
    entry.pieceDate,
    entry.validatedAt,
    entry.lines.map((l) => [l.account, l.aux ?? '', l.label, l.debitCents.toString(), l.creditCents.toString()]),
  ];
  const canonical = (entry.version ?? 1) === 1 ? fields : ['v2', ...fields, entry.sourceKind ?? null, entry.sourceId ?? null, entry.docDigest ?? null];
  return createHash('sha256').update(JSON.stringify(canonical), 'utf8').digest('hex');
}
