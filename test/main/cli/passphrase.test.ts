import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../src/main/cli/run';
import { dumpDb, fileSnapshot } from '../../helpers/db';
import { companyInit, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { tempDir } from '../../helpers/temp';

async function cli(argv: string[], env: CliIo['env'] = { ENCOURS_TODAY: '2026-11-22' }) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env });
  return { code, stdout, stderr };
}

const PASSPHRASE = 'une phrase de passe assez longue';

/** A folder with a passphrase file as an editor writes it (a final line break), owner-only. */
function setup() {
  const dir = tempDir();
  const pass = join(dir, 'phrase.txt');
  writeFileSync(pass, `${PASSPHRASE}\n`, { mode: 0o600 });
  return { dir, file: join(dir, 'societe.encours'), pass };
}

const errorOf = (stderr: string) => (JSON.parse(stderr) as { error: { code: string; message: string } }).error;

describe('the CLI on an encrypted company file', () => {
  it('creates it with --passphrase-file, then every call needs the same file; the data is not on disk in clear', async () => {
    const { file, pass } = setup();
    expect((await cli(['--file', file, '--passphrase-file', pass, 'company.init', JSON.stringify(companyInit)])).code).toBe(0);
    expect((await cli(['--file', file, `--passphrase-file=${pass}`, 'customer.create', JSON.stringify(societeGenerale)])).code).toBe(0);
    expect(readFileSync(file).includes(Buffer.from('Société Générale'))).toBe(false);
    const list = await cli(['--file', file, '--passphrase-file', pass, 'customer.list', '{}']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toMatchObject({ total: 1, rows: [{ name: 'Société Générale' }] });
    expect(dumpDb(file, PASSPHRASE)).toContain('Société Générale');
  });

  it('refuses a missing or wrong passphrase in French (exit 1, DB_LOCKED) and leaves the file as it was', async () => {
    const { dir, file, pass } = setup();
    await cli(['--file', file, '--passphrase-file', pass, 'company.init', JSON.stringify(companyInit)]);
    const before = fileSnapshot(file);
    const missing = await cli(['--file', file, 'company.get']);
    expect(missing.code).toBe(1);
    expect(errorOf(missing.stderr)).toMatchObject({ code: 'DB_LOCKED' });
    expect(errorOf(missing.stderr).message).toContain('--passphrase-file');
    const wrongFile = join(dir, 'faux.txt');
    writeFileSync(wrongFile, 'pas la bonne phrase\n');
    const wrong = await cli(['--file', file, '--passphrase-file', wrongFile, 'customer.create', JSON.stringify(societeGenerale)]);
    expect(wrong.code).toBe(1);
    expect(errorOf(wrong.stderr).code).toBe('DB_LOCKED');
    expectFrench(errorOf(wrong.stderr).message);
    expect(fileSnapshot(file)).toEqual(before);
  });

  it('refuses a passphrase given on the command line, as an option or in the JSON request (exit 2), reading nothing', async () => {
    const { file, pass } = setup();
    await cli(['--file', file, '--passphrase-file', pass, 'company.init', JSON.stringify(companyInit)]);
    const before = fileSnapshot(file);
    for (const argv of [
      ['--file', file, '--passphrase', PASSPHRASE, 'company.get'],
      ['--file', file, `--passphrase=${PASSPHRASE}`, 'company.get'],
      ['--file', file, 'company.unlock', JSON.stringify({ passphrase: PASSPHRASE })],
      ['--file', file, '--passphrase-file', pass, 'company.encryption.set', JSON.stringify({ passphrase: 'nouvelle phrase', confirmation: 'nouvelle phrase' })],
    ]) {
      const run = await cli(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toContain('ne se donne pas sur la ligne de commande');
      expect(run.stdout).toBe('');
    }
    expect(fileSnapshot(file)).toEqual(before);
  });

  it('refuses an unreadable or empty passphrase file (exit 2)', async () => {
    const { dir, file } = setup();
    const absent = await cli(['--file', file, '--passphrase-file', join(dir, 'absent.txt'), 'company.get']);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain('impossible de lire');
    writeFileSync(join(dir, 'vide.txt'), '\n');
    const empty = await cli(['--file', file, '--passphrase-file', join(dir, 'vide.txt'), 'company.get']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('est vide');
  });

  it('encrypts a plain file with --new-passphrase-file, changes it, and removes it with {"passphrase":null}', async () => {
    const { dir, file, pass } = setup();
    await cli(['--file', file, 'company.init', JSON.stringify(companyInit)]);
    const set = await cli(['--file', file, 'company.encryption.set', '--new-passphrase-file', pass]);
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ encrypted: true });
    expect((await cli(['--file', file, 'company.get'])).code).toBe(1);
    expect((await cli(['--file', file, '--passphrase-file', pass, 'company.unlock'])).code).toBe(0);

    const next = join(dir, 'nouvelle.txt');
    writeFileSync(next, 'la nouvelle phrase de passe');
    expect((await cli(['--file', file, '--passphrase-file', pass, 'company.encryption.set', '--new-passphrase-file', next])).code).toBe(0);
    expect((await cli(['--file', file, '--passphrase-file', pass, 'company.get'])).code).toBe(1);
    const removed = await cli(['--file', file, '--passphrase-file', next, 'company.encryption.set', '{"passphrase":null}']);
    expect(JSON.parse(removed.stdout)).toMatchObject({ encrypted: false });
    expect((await cli(['--file', file, 'company.get'])).code).toBe(0);
    // --new-passphrase-file belongs to company.encryption.set only.
    expect((await cli(['--file', file, 'company.get', '--new-passphrase-file', next])).code).toBe(2);
  });
});
