import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../src/shared/channels';
import { contract } from '../../../src/shared/contract';
import { runCli, type CliIo } from '../../../src/main/cli/run';
import { companyInit, jeanneMartin, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { tempDir } from '../../helpers/temp';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(argv: string[], env: CliIo['env'] = { ENCOURS_TODAY: '2026-11-22' }): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env });
  return { code, stdout, stderr };
}

function companyPath() {
  const dir = tempDir();
  return { dir, file: join(dir, 'societe.encours') };
}

describe('help', () => {
  it('--help lists every channel with its summary, exit 0', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    for (const name of CHANNEL_NAMES) {
      expect(run.stdout).toContain(name);
      expect(run.stdout).toContain(contract[name].summary);
    }
  });

  it('-h works as --help', async () => {
    expect((await cli(['-h'])).stdout).toEqual((await cli(['--help'])).stdout);
  });

  it.each(CHANNEL_NAMES)('%s --help prints the request as a JSON schema, exit 0', async (channel) => {
    const run = await cli([channel, '--help']);
    expect(run.code).toBe(0);
    const marker = 'Demande (JSON Schema) :\n';
    expect(run.stdout).toContain(marker);
    const schema = JSON.parse(run.stdout.slice(run.stdout.indexOf(marker) + marker.length)) as { type?: string; properties?: object };
    expect(schema.type).toBe('object');
    expect(schema).toHaveProperty('properties');
  });

  it('describes company.init’s fields, required ones included, and forbids unknown keys', async () => {
    const run = await cli(['company.init', '--help']);
    const schema = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: unknown;
    };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['name', 'siren', 'vatNumber', 'address', 'vatRegime', 'fiscalYear']));
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'siren', 'address', 'vatRegime', 'fiscalYear']));
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('usage errors exit 2 with a French message on stderr', () => {
  it('refuses a call without --file', async () => {
    const run = await cli(['company.get']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--file');
    expectFrench(run.stderr);
  });

  it('refuses --file without a path', async () => {
    const run = await cli(['company.get', '--file']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--file');
  });

  it('refuses a request that is not valid JSON, creating nothing', async () => {
    const { dir, file } = companyPath();
    const run = await cli(['--file', file, 'company.init', "{name:'Dupont'}"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('JSON');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an unknown channel and lists the real ones', async () => {
    const { file } = companyPath();
    const run = await cli(['--file', file, 'invoice.frobnicate', '{}']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('invoice.frobnicate');
    expect(run.stderr).toContain('customer.create');
  });

  it('refuses no channel at all', async () => {
    expect((await cli([])).code).toBe(2);
  });

  it('refuses an unknown option and extra arguments', async () => {
    const { file } = companyPath();
    expect((await cli(['--file', file, '--verbose', 'company.get'])).code).toBe(2);
    expect((await cli(['--file', file, 'company.get', '{}', '{}'])).code).toBe(2);
  });

  it('refuses an ENCOURS_TODAY that is not a date', async () => {
    const { file } = companyPath();
    const run = await cli(['--file', file, 'company.init', JSON.stringify(companyInit)], { ENCOURS_TODAY: 'demain' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ENCOURS_TODAY');
  });
});

describe('domain errors exit 1 with { error } as JSON on stderr', () => {
  it('reports NOT_FOUND for a missing file, creating nothing', async () => {
    const { dir, file } = companyPath();
    const run = await cli(['--file', file, 'company.get']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const { error } = JSON.parse(run.stderr) as { error: { code: string; message: string } };
    expect(error.code).toBe('NOT_FOUND');
    expectFrench(error.message);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports VALIDATION with its fieldErrors', async () => {
    const { file } = companyPath();
    await cli(['--file', file, 'company.init', JSON.stringify(companyInit)]);
    const run = await cli(['--file', file, 'customer.create', JSON.stringify({ ...jeanneMartin, siren: '552120222' })]);
    expect(run.code).toBe(1);
    const { error } = JSON.parse(run.stderr) as { error: { code: string; fieldErrors: Record<string, string> } };
    expect(error.code).toBe('VALIDATION');
    expect(error.fieldErrors).toHaveProperty('siren');
  });

  it('reports CONFLICT for a second company.init', async () => {
    const { file } = companyPath();
    expect((await cli(['--file', file, 'company.init', JSON.stringify(companyInit)])).code).toBe(0);
    const run = await cli(['--file', file, 'company.init', JSON.stringify(companyInit)]);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stderr) as { error: { code: string } }).error.code).toBe('CONFLICT');
  });
});

describe('success exits 0 with the result as JSON on stdout', () => {
  it('creates a company and customers, then lists them, each call a separate run', async () => {
    const { dir, file } = companyPath();
    const init = await cli(['--file', file, 'company.init', JSON.stringify(companyInit)]);
    expect(init).toMatchObject({ code: 0, stderr: '' });
    const company = contract['company.init'].response.parse(JSON.parse(init.stdout));
    expect(company.siren).toBe('732829320');
    expect(company.createdAt).toBe('2026-11-22T12:00:00.000Z');

    for (const c of [societeGenerale, jeanneMartin]) expect((await cli([`--file=${file}`, 'customer.create', JSON.stringify(c)])).code).toBe(0);
    const list = await cli(['customer.list', '{"search":"generale"}', '--file', file]);
    expect(list.code).toBe(0);
    const parsed = contract['customer.list'].response.parse(JSON.parse(list.stdout));
    expect(parsed.rows.map((r) => [r.code, r.name])).toEqual([['C00001', 'Société Générale']]);

    // Each run closes the file and folds its WAL back: the .encours alone is complete.
    expect(readdirSync(dir)).toEqual(['societe.encours']);
  });

  it('sends {} when no request is given', async () => {
    const { file } = companyPath();
    await cli(['--file', file, 'company.init', JSON.stringify(companyInit)]);
    const run = await cli(['--file', file, 'company.get']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ name: 'Atelier Dupont SARL' });
    expect(existsSync(file)).toBe(true);
  });
});
