import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/run';
import { contract } from '../../../src/shared/contract';
import { companyInit } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { repoRoot } from '../../helpers/repo';
import { tempDir } from '../../helpers/temp';
import { base64 } from '../bank/bank-files';
import { camt } from '../bank/matching-helpers';

async function cli(argv: string[], stdin?: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: { ENCOURS_TODAY: '2026-11-22' },
    ...(stdin !== undefined ? { stdin: () => Promise.resolve(stdin) } : {}),
  });
  return { code, stdout, stderr };
}

async function company() {
  const file = join(tempDir(), 'societe.encours');
  expect((await cli(['--file', file, 'company.init', JSON.stringify(companyInit)])).code).toBe(0);
  return file;
}

/** A bank.import request of `n` lines, as JSON: 600 lines weigh some 500 Kio, far over the 128 Kio an argument may hold. */
function bigImport(n: number): string {
  const lines = Array.from({ length: n }, (_, i) => ({ date: '2026-05-04', amount: `${100 + i}.15`, name: `CLIENT ${i}`, remittance: `Règlement facture numéro ${i} — merci` }));
  return JSON.stringify({ fileName: 'gros-releve.xml', contentBase64: base64(camt(lines)) });
}

describe('a request too large for the command line', () => {
  it('is read from a file named @request.json (over 128 Kio): the 600 lines imported', async () => {
    const file = await company();
    const request = bigImport(600);
    expect(Buffer.byteLength(request)).toBeGreaterThan(128 * 1024);
    const path = join(tempDir(), 'demande.json');
    writeFileSync(path, request);
    const r = await cli(['--file', file, 'bank.import', `@${path}`]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(contract['bank.import'].response.parse(JSON.parse(r.stdout))).toMatchObject({ lines: 600, added: 600 });
  });

  it('is read from standard input with « - »', async () => {
    const file = await company();
    const r = await cli(['--file', file, 'bank.import', '-'], bigImport(600));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toMatchObject({ lines: 600, added: 600 });
  });

  it('says in French what is wrong: a missing file, an empty input, JSON that is not', async () => {
    const file = await company();
    const missing = await cli(['--file', file, 'bank.import', '@/nulle/part/demande.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Impossible de lire la demande dans /nulle/part/demande.json');
    const empty = await cli(['--file', file, 'bank.import', '-'], '  \n');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('L’entrée standard est vide');
    const broken = await cli(['--file', file, 'bank.import', '-'], '{"fileName":');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('La demande lue sur l’entrée standard n’est pas un JSON valide.');
    for (const r of [missing, empty, broken]) expectFrench(r.stderr.split('\n')[0]!);
  });

  it('goes through the real npm script piped on standard input, where the same request as an argument could not even be passed', async () => {
    const file = await company();
    const request = bigImport(600);
    const run = (args: string[], input?: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string; error?: string }>((resolve) => {
        let child: ReturnType<typeof spawn>;
        try {
          child = spawn('npm', ['run', '--silent', 'cli', '--', ...args], { cwd: repoRoot, env: { ...process.env, ENCOURS_TODAY: '2026-11-22', ENCOURS_DATA_DIR: tempDir() } });
        } catch (e) {
          resolve({ code: null, stdout: '', stderr: '', error: (e as NodeJS.ErrnoException).code ?? String(e) });
          return;
        }
        let stdout = '';
        let stderr = '';
        child.stdout!.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
        child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
        child.on('error', (e: NodeJS.ErrnoException) => resolve({ code: null, stdout, stderr, error: e.code ?? e.message }));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
        child.stdin!.on('error', () => undefined);
        child.stdin!.end(input ?? '');
      });
    const asArgument = await run(['--file', file, 'bank.import', request]);
    expect(asArgument.error).toBe('E2BIG');
    const piped = await run(['--file', file, 'bank.import', '-'], request);
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout.slice(piped.stdout.indexOf('{')))).toMatchObject({ lines: 600, added: 600 });
  }, 60_000);
});
