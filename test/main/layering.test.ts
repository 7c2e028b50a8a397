import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/repo';

const RULE = 'no-restricted-imports';
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

/** Lints a fixture's source as if it lived at `asPath` in the repository. */
async function lintAs(fixture: string, asPath: string) {
  const code = readFileSync(join(repoRoot, 'test/fixtures/layering', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, asPath) });
  if (!result) return expect.fail('no lint result');
  return result.messages;
}

async function expectForbidden(fixture: string, asPath: string) {
  const messages = await lintAs(fixture, asPath);
  const layering = messages.filter((m) => m.ruleId === RULE);
  expect(layering.length, JSON.stringify(messages)).toBeGreaterThan(0);
  expect(layering.every((m) => m.severity === 2)).toBe(true);
  return layering;
}

describe('src/shared stays pure TypeScript', () => {
  it('refuses node:fs in shared, with a French reason', async () => {
    const [m] = await expectForbidden('shared-imports-node-fs.ts', 'src/shared/x.ts');
    expect(m?.message).toContain('module Node');
  });

  it('refuses a bare Node builtin (path) in shared', async () => {
    await expectForbidden('shared-imports-bare-path.ts', 'src/shared/domain/x.ts');
  });

  it('refuses react in shared', async () => {
    await expectForbidden('shared-imports-react.ts', 'src/shared/x.ts');
  });

  it('refuses electron in shared', async () => {
    await expectForbidden('shared-imports-electron.ts', 'src/shared/x.ts');
  });

  it('refuses the main process in shared', async () => {
    await expectForbidden('shared-imports-main.ts', 'src/shared/x.ts');
  });

  it('lets a clean shared file through without any error', async () => {
    const messages = await lintAs('shared-clean.ts', 'src/shared/x.ts');
    expect(messages.filter((m) => m.severity === 2)).toEqual([]);
  });
});

describe('the core and the database run under Node alone', () => {
  it('refuses electron in src/main/core', async () => {
    await expectForbidden('core-imports-electron.ts', 'src/main/core/x.ts');
  });

  it('refuses electron in src/main/db', async () => {
    await expectForbidden('db-imports-electron.ts', 'src/main/db/x.ts');
  });

  it('refuses the renderer in src/main/core', async () => {
    await expectForbidden('core-imports-renderer.ts', 'src/main/core/x.ts');
  });

  it('lets the Electron layer import electron', async () => {
    const messages = await lintAs('core-imports-electron.ts', 'src/main/electron/x.ts');
    expect(messages.filter((m) => m.ruleId === RULE)).toEqual([]);
  });
});

describe('layers inside the core', () => {
  it('refuses dunning in documents, with a French reason', async () => {
    const [m] = await expectForbidden('documents-imports-dunning.ts', 'src/main/core/documents/x.ts');
    expect(m?.message).toContain('aucun domaine');
  });

  it('refuses doubtful debts in documents', async () => {
    await expectForbidden('documents-imports-doubtful.ts', 'src/main/core/documents/x.ts');
  });

  it('refuses the receivables services in documents', async () => {
    await expectForbidden('documents-imports-receivables.ts', 'src/main/core/documents/x.ts');
  });

  it('refuses the company service in documents', async () => {
    await expectForbidden('documents-imports-company.ts', 'src/main/core/documents/x.ts');
  });

  it('refuses the database in documents', async () => {
    await expectForbidden('documents-imports-db.ts', 'src/main/core/documents/x.ts');
  });

  it('still refuses electron in documents, which has a rule of its own', async () => {
    const [m] = await expectForbidden('core-imports-electron.ts', 'src/main/core/documents/x.ts');
    expect(m?.message).toContain('Electron');
  });

  it('lets documents import src/shared, core/files and itself', async () => {
    const messages = await lintAs('documents-clean.ts', 'src/main/core/documents/x.ts');
    expect(messages.filter((m) => m.severity === 2)).toEqual([]);
  });

  it('lets a domain lay out its documents with documents/', async () => {
    for (const domain of ['dunning', 'doubtful']) {
      const messages = await lintAs('domain-imports-documents.ts', `src/main/core/${domain}/x.ts`);
      expect(messages.filter((m) => m.ruleId === RULE), domain).toEqual([]);
    }
  });

  it('lets printing import the domains and documents', async () => {
    const messages = await lintAs('printing-imports-domains.ts', 'src/main/core/printing/x.ts');
    expect(messages.filter((m) => m.ruleId === RULE)).toEqual([]);
  });

  it('refuses documents in core/files', async () => {
    await expectForbidden('files-imports-documents.ts', 'src/main/core/files/x.ts');
  });

  it('refuses receivables and dunning in the ledger', async () => {
    await expectForbidden('ledger-imports-receivables.ts', 'src/main/core/ledger/x.ts');
    await expectForbidden('ledger-imports-dunning.ts', 'src/main/core/ledger/x.ts');
  });

  it('refuses dunning in receivables', async () => {
    await expectForbidden('receivables-imports-dunning.ts', 'src/main/core/receivables/x.ts');
  });

  it('refuses doubtful debts in dunning', async () => {
    await expectForbidden('dunning-imports-doubtful.ts', 'src/main/core/dunning/x.ts');
  });

  it('refuses printing in a domain', async () => {
    await expectForbidden('doubtful-imports-printing.ts', 'src/main/core/doubtful/x.ts');
  });

  it('refuses the core in src/main/db', async () => {
    const [m] = await expectForbidden('db-imports-core.ts', 'src/main/db/x.ts');
    expect(m?.message).toContain('src/main/core');
  });
});

describe('the renderer talks to the main process only through window.encours', () => {
  it('refuses node:path in the renderer', async () => {
    await expectForbidden('renderer-imports-node-path.ts', 'src/renderer/lib/x.ts');
  });

  it('refuses electron in the renderer', async () => {
    await expectForbidden('renderer-imports-electron.ts', 'src/renderer/lib/x.ts');
  });

  it('refuses ../../main/core/service in the renderer', async () => {
    await expectForbidden('renderer-imports-main-service.ts', 'src/renderer/lib/x.ts');
  });

  it('refuses the same imports in a .tsx component', async () => {
    await expectForbidden('renderer-imports-electron.ts', 'src/renderer/components/X.tsx');
  });

  it('lets the renderer import src/shared', async () => {
    const messages = await lintAs('renderer-clean.ts', 'src/renderer/lib/x.ts');
    expect(messages.filter((m) => m.severity === 2)).toEqual([]);
  });
});

describe('the preload', () => {
  it('refuses zod in the preload (only electron and the channel list)', async () => {
    await expectForbidden('preload-imports-zod.ts', 'src/main/electron/preload.ts');
  });
});
