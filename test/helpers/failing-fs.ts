import type * as NodeFs from 'node:fs';

/**
 * A node:fs whose temp-file opening or writes fail on demand with a given system error (ENOSPC, EACCES…),
 * for the tests of what a failed export or copy says and leaves. Use it from a test file with
 *   vi.mock('node:fs', async (original) => (await import('<path>/failing-fs')).failingFs(await original()));
 * then set `disk.openFails` / `disk.writeFails` (and reset them in beforeEach with resetDisk()).
 * This module imports no value from node:fs itself, so it can serve inside that mock.
 */
export const disk = { openFails: '', writeFails: '' };

export function resetDisk(): void {
  disk.openFails = '';
  disk.writeFails = '';
}

export function failingFs(fs: typeof NodeFs): typeof NodeFs {
  const fail = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });
  const openSync = (...args: unknown[]) => {
    if (disk.openFails && String(args[0]).endsWith('.partiel')) throw fail(disk.openFails);
    return (fs.openSync as (...a: unknown[]) => number)(...args);
  };
  const writeSync = (...args: unknown[]) => {
    if (disk.writeFails) throw fail(disk.writeFails);
    return (fs.writeSync as (...a: unknown[]) => number)(...args);
  };
  return { ...fs, openSync, writeSync, default: { ...fs, openSync, writeSync } } as typeof NodeFs;
}
