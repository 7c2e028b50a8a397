import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/** A fresh temp folder, removed however the test ends. Call it inside a test or a beforeEach. */
export function tempDir(): string {
  const { dir, remove } = makeTempDir();
  onTestFinished(remove);
  return dir;
}

/** A temp folder the caller removes itself (for beforeAll / afterAll). */
export function makeTempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'encours-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
