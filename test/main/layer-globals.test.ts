import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './../helpers/repo';

/** Type-checks one fixture with the compiler options of a layer's tsconfig; returns the error codes. */
function compileUnder(layerTsconfig: string, fixture: string): number[] {
  const configPath = join(repoRoot, layerTsconfig);
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, join(repoRoot, layerTsconfig, '..'));
  const program = ts.createProgram([join(repoRoot, 'test/fixtures/globals', fixture)], { ...parsed.options, noEmit: true });
  return ts.getPreEmitDiagnostics(program).map((d) => d.code);
}

// "Cannot find name 'process'" (2580, or 2591 when the compiler suggests @types/node).
const UNKNOWN_NODE_GLOBAL = [2580, 2591];

describe('one tsconfig per layer: a wrong global fails to compile', () => {
  it('refuses a Node global (process) in src/shared', () => {
    expect(compileUnder('src/shared/tsconfig.json', 'shared-uses-node-global.ts')).toEqual([expect.toBeOneOf(UNKNOWN_NODE_GLOBAL)]);
  });

  it('refuses a DOM global (document) in src/shared', () => {
    expect(compileUnder('src/shared/tsconfig.json', 'shared-uses-dom-global.ts')).toContain(2584);
  });

  it('refuses a Node global (process) in the renderer', () => {
    expect(compileUnder('src/renderer/tsconfig.json', 'renderer-uses-node-global.ts')).toEqual([expect.toBeOneOf(UNKNOWN_NODE_GLOBAL)]);
  });

  it('lets the renderer use the DOM', () => {
    expect(compileUnder('src/renderer/tsconfig.json', 'renderer-uses-dom-global.ts')).toEqual([]);
  });
});
