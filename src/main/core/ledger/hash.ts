import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

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
}

/**
 * SHA-256 over the entry's canonical content and the previous entry's hash. JSON of an array fixes the
 * field order and escapes every character, so two different entries never share a canonical text.
 */
export function entryHash(entry: HashableEntry, prevHash: string): string {
  const canonical = JSON.stringify([
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
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
