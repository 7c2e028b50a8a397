import { describe, expect, it } from 'vitest';
import { entryFault } from '../../../src/main/core/ledger/entry-check';

const line = (debit: bigint, credit: bigint) => ({ debit, credit });

describe('entryFault: the one check of an entry, for postEntry and verifyLedger', () => {
  it.each([
    { why: 'balanced, one-sided, non-zero', lines: [line(120000n, 0n), line(0n, 100000n), line(0n, 20000n)], fault: null },
    { why: 'a negative amount', lines: [line(-100n, 0n), line(0n, -100n)], fault: { kind: 'negative', line: 0 } },
    { why: 'a zero line, whatever the balance', lines: [line(100n, 0n), line(0n, 0n), line(0n, 99n)], fault: { kind: 'zero', line: 1 } },
    { why: 'a line on both sides', lines: [line(100n, 0n), line(50n, 150n)], fault: { kind: 'two-sided', line: 1 } },
    { why: 'the first faulty line is the one named', lines: [line(0n, 0n), line(-1n, 0n)], fault: { kind: 'zero', line: 0 } },
    { why: 'a single line', lines: [line(100n, 0n)], fault: { kind: 'too-few-lines' } },
    { why: 'no line', lines: [], fault: { kind: 'too-few-lines' } },
    { why: 'debits and credits apart by a cent', lines: [line(120000n, 0n), line(0n, 100000n), line(0n, 19999n)], fault: { kind: 'unbalanced', debit: 120000n, credit: 119999n } },
  ])('$why', ({ lines, fault }) => {
    expect(entryFault(lines)).toEqual(fault);
  });
});
