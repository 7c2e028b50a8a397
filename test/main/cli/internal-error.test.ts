import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { runCli } from '../../../src/main/cli/run';
import type * as Service from '../../../src/main/core/service';
import { tempDir } from '../../helpers/temp';

// The real table, with app.info (which needs no company file) failing the way a bug would.
vi.mock('../../../src/main/core/service', async (importOriginal) => {
  const real = await importOriginal<typeof Service>();
  return {
    handlers: {
      ...real.handlers,
      'app.info': () => {
        throw new Error('ENOSPC: disque plein sur /var/secret/chemin');
      },
    },
  };
});

it('exits 2 on an internal error, printing an INTERNAL error with its incident id but not the cause', async () => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--file', join(tempDir(), 'x.encours'), 'app.info'], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: {},
  });
  expect(code).toBe(2);
  expect(stdout).toBe('');
  const { error } = JSON.parse(stderr) as { error: { code: string; incidentId: string; message: string } };
  expect(error.code).toBe('INTERNAL');
  expect(error.incidentId).toMatch(/^[0-9a-f]{8}$/);
  expect(stderr).not.toContain('/var/secret');
});
