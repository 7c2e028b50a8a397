// Lint, and above all the layering rule: a layer that imports what it must not fails the build.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util',
  'stream', 'stream/*', 'events', 'worker_threads', 'zlib', 'buffer', 'module', 'process', 'readline',
];

/** Builds a no-restricted-imports rule from groups of forbidden specifiers. */
const forbid = (...groups) => ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }];

export const layering = [
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [NODE_BUILTINS, 'src/shared est du TypeScript pur : pas de module Node.'],
        [['electron', 'electron/*'], 'src/shared ne dépend pas d’Electron.'],
        [['react', 'react/*', 'react-dom', 'react-dom/*', '@mui/*', '@emotion/*'], 'src/shared ne dépend pas de React ni de MUI.'],
        [['better-sqlite3'], 'src/shared ne touche pas à la base.'],
        [['**/main/**', '**/renderer/**'], 'src/shared n’importe ni le processus principal ni l’interface.'],
      ),
    },
  },
  {
    files: ['src/main/core/**/*.ts', 'src/main/db/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [['electron', 'electron/*'], 'Le cœur et la base tournent sous Node seul : pas d’Electron (passez par src/main/electron).'],
        [['react', 'react/*', 'react-dom', '@mui/*', '**/renderer/**', '**/electron/**'], 'Le cœur n’importe ni l’interface ni la couche Electron.'],
      ),
    },
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': forbid(
        [NODE_BUILTINS, 'L’interface tourne dans un bac à sable : pas de module Node.'],
        [['electron', 'electron/*'], 'L’interface passe par window.encours (lib/ipc.ts), jamais par Electron.'],
        [['better-sqlite3'], 'L’interface ne touche pas à la base : elle appelle un canal.'],
        [['**/main/**', '**/src/main', '../main'], 'L’interface n’importe pas le processus principal : seulement src/shared.'],
      ),
    },
  },
  {
    files: ['src/main/electron/preload.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [[...NODE_BUILTINS, 'zod', 'better-sqlite3', '**/core/**', '**/db/**', '**/renderer/**'], 'Le preload n’importe qu’electron et src/shared/channels.'],
      ),
    },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...layering,
);
