import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import type * as NodeFs from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { callErr, callOk, makeTestCompany, type TestCompany } from '../../helpers/context';
import { expectFrench } from '../../helpers/french';
import { bigLedger, SIREN, YEAR1 } from './fixture';

/** Watches (and on demand breaks) the export's writes: the disk fills up at the N-th write. */
const disk = vi.hoisted(() => ({ writes: [] as number[], failAt: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  const writeSync = (...args: unknown[]) => {
    const data = args[1];
    disk.writes.push(typeof data === 'string' ? Buffer.byteLength(data) : (args[3] as number | undefined) ?? (data as Buffer).length);
    if (disk.failAt > 0 && disk.writes.length >= disk.failAt) {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    return (fs.writeSync as (...a: unknown[]) => number)(...args);
  };
  return { ...fs, writeSync, default: { ...fs, writeSync } };
});

const ENTRIES = 12_500; // 25 000 lines, about 3 MB

let big: TestCompany & { dispose: () => void };
beforeAll(async () => {
  big = makeTestCompany();
  await bigLedger(big.ctx, ENTRIES);
});
afterAll(() => big.dispose());
beforeEach(() => {
  disk.writes = [];
  disk.failAt = 0;
});

function folder(name: string): string {
  const dir = join(big.dir, name);
  mkdirSync(dir);
  return dir;
}

describe('export.fec writing', () => {
  it('streams the file in chunks of about 1 MB, never the whole file at once', async () => {
    const out = folder('chunks');
    const r = await callOk(big.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: out });
    const size = readFileSync(r.path).length;
    expect(size).toBeGreaterThan(2_500_000);
    expect(disk.writes.reduce((a, b) => a + b, 0)).toBe(size);
    expect(disk.writes.length).toBeGreaterThanOrEqual(3);
    for (const w of disk.writes) expect(w).toBeLessThan(1.2 * 2 ** 20);
  });

  it('leaves no file at all when the disk fills up midway, with a French message', async () => {
    const out = folder('fresh');
    disk.failAt = 2; // the first megabyte is already in the temp file
    const err = await callErr(big.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: out });
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('plein');
    expectFrench(err.message);
    expect(disk.writes.length).toBe(2);
    expect(readdirSync(out)).toEqual([]);
  });

  it('keeps the previous export whole when a new one fails midway: the file is replaced only once complete', async () => {
    const out = folder('replace');
    const first = await callOk(big.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: out });
    const before = readFileSync(first.path);
    await callOk(big.ctx, 'ledger.post', {
      journal: 'OD', date: '2026-12-01', label: 'Écriture plus récente', pieceRef: 'APRES',
      lines: [{ account: '512', debit: '2.00' }, { account: '706', credit: '2.00' }],
    });
    disk.writes = [];
    disk.failAt = 3;
    await callErr(big.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: out });
    expect(readdirSync(out)).toEqual([`${SIREN}FEC20261231.txt`]);
    expect(readFileSync(first.path).equals(before)).toBe(true);

    disk.failAt = 0;
    const again = await callOk(big.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: out });
    expect(again.lines).toBe(first.lines + 2);
    expect(readdirSync(out)).toEqual([`${SIREN}FEC20261231.txt`]);
  });
});
