/**
 * What makes an entry sound, whether it is about to be posted or read back from the journal: each line
 * one-sided, non-zero and not negative, at least two lines, debits equal to credits. One rule for
 * postEntry (which refuses) and verifyLedger (which reports); each words the fault for its reader.
 */
export type EntryFault =
  | { kind: 'negative' | 'zero' | 'two-sided'; line: number }
  | { kind: 'too-few-lines' }
  | { kind: 'unbalanced'; debit: bigint; credit: bigint };

/** The first fault of an entry's lines (line by line first, then the whole), or null if it is sound. */
export function entryFault(lines: readonly { debit: bigint; credit: bigint }[]): EntryFault | null {
  let debit = 0n;
  let credit = 0n;
  for (const [line, l] of lines.entries()) {
    if (l.debit < 0n || l.credit < 0n) return { kind: 'negative', line };
    if (l.debit === 0n && l.credit === 0n) return { kind: 'zero', line };
    if (l.debit !== 0n && l.credit !== 0n) return { kind: 'two-sided', line };
    debit += l.debit;
    credit += l.credit;
  }
  if (lines.length < 2) return { kind: 'too-few-lines' };
  if (debit !== credit) return { kind: 'unbalanced', debit, credit };
  return null;
}
