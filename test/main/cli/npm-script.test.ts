import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { contract } from '../../../src/shared/contract';
import { companyInit, jeanneMartin, societeGenerale } from '../../helpers/fixtures';
import { repoRoot } from '../../helpers/repo';
import { tempDir } from '../../helpers/temp';

/** Runs `npm run --silent cli -- …` for real, from the repository root, keeping chain heads in `dataDir`. */
function npmCli(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // The chain head of each file is kept in a data folder of the test's own, never the user's (~/.local/share).
    const env: NodeJS.ProcessEnv = { ...process.env, ENCOURS_TODAY: '2026-11-22', ENCOURS_DATA_DIR: dataDir };
    delete env.ENCOURS_DEBUG;
    const child = spawn('npm', ['run', '--silent', 'cli', '--', ...args], { cwd: repoRoot, env, shell: process.platform === 'win32' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The JSON part of an output: npm may print a warning line (e.g. « Unknown user config "nodedir" ») before
 * it on some machines, so parse from the first line that opens an object.
 */
function jsonPart(text: string): unknown {
  const start = text.search(/^[{[]/m);
  if (start < 0) return expect.fail(`no JSON in: ${text}`);
  return JSON.parse(text.slice(start));
}

it('runs the real npm script end to end: company.init, customer.create, customer.list, and a domain error', async () => {
  const file = join(tempDir(), 'societe.encours');
  const data = tempDir();

  const init = await npmCli(['--file', file, 'company.init', JSON.stringify(companyInit)], data);
  expect(init.code, init.stderr).toBe(0);
  expect(contract['company.init'].response.parse(jsonPart(init.stdout))).toMatchObject({ siren: '732829320', createdAt: '2026-11-22T12:00:00.000Z' });

  const created = await npmCli(['--file', file, 'customer.create', JSON.stringify(societeGenerale)], data);
  expect(created.code, created.stderr).toBe(0);
  expect(contract['customer.create'].response.parse(jsonPart(created.stdout)).code).toBe('C00001');

  const list = await npmCli(['--file', file, 'customer.list', '{}'], data);
  expect(list.code, list.stderr).toBe(0);
  expect(contract['customer.list'].response.parse(jsonPart(list.stdout))).toMatchObject({ total: 1, rows: [{ name: 'Société Générale' }] });

  const refused = await npmCli(['--file', file, 'customer.create', JSON.stringify({ ...jeanneMartin, siren: '552120222' })], data);
  expect(refused.code).toBe(1);
  expect(refused.stdout).toBe('');
  expect(jsonPart(refused.stderr)).toMatchObject({ error: { code: 'VALIDATION', fieldErrors: { siren: expect.any(String) } } });
  // ENCOURS_DATA_DIR holds the file's chain head, one JSON named after its id.
  expect(readdirSync(join(data, 'empreintes'))).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.json$/)]);
}, 60_000);
