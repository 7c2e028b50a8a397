import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/repo';

/** A fixture of test/fixtures/bank, as the bytes the bank gave. */
export function bankFile(name: string): Buffer {
  return readFileSync(join(repoRoot, 'test/fixtures/bank', name));
}

export const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

/** The lines as [date, amount, label] for compact assertions. */
export const brief = (lines: readonly { date: string; amount: string; label: string }[]) => lines.map((l) => [l.date, l.amount, l.label]);
