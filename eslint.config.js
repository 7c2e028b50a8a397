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

/** What the core and the database never import: they run under Node alone. */
const NODE_ALONE = [
  [['electron', 'electron/*'], 'Le cœur et la base tournent sous Node seul : pas d’Electron (passez par src/main/electron).'],
  [['react', 'react/*', 'react-dom', '@mui/*', '**/renderer/**', '**/electron/**'], 'Le cœur n’importe ni l’interface ni la couche Electron.'],
];

/** The domain folders of src/main/core (the rules of the business), each above files/ and documents/. */
const DOMAINS = ['**/company/**', '**/customers/**', '**/ledger/**', '**/receivables/**', '**/dunning/**', '**/doubtful/**', '**/bank/**', '**/quotes/**'];

/** A folder of src/main/core (or db) that must not import `above`, besides what the whole core must not. */
const layer = (files, above, message) => ({ files, rules: { 'no-restricted-imports': forbid(...NODE_ALONE, [above, message]) } });

export const layering = [
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [NODE_BUILTINS, 'src/shared est du TypeScript pur : pas de module Node.'],
        [['electron', 'electron/*'], 'src/shared ne dépend pas d’Electron.'],
        [['react', 'react/*', 'react-dom', 'react-dom/*', '@mui/*', '@emotion/*'], 'src/shared ne dépend pas de React ni de MUI.'],
        [['better-sqlite3', 'better-sqlite3-multiple-ciphers'], 'src/shared ne touche pas à la base.'],
        [['**/main/**', '**/renderer/**'], 'src/shared n’importe ni le processus principal ni l’interface.'],
      ),
    },
  },
  {
    files: ['src/main/core/**/*.ts', 'src/main/db/**/*.ts'],
    rules: { 'no-restricted-imports': forbid(...NODE_ALONE) },
  },
  // Inside the core, from the bottom up: files/ and documents/ (rendering) under the domains, the
  // ledger under receivables, receivables under dunning, dunning under doubtful, all under printing/.
  // A folder's rule repeats NODE_ALONE: a later rule replaces an earlier one, it does not add to it.
  layer(['src/main/db/**/*.ts'], ['**/core/**'], 'La base ne dépend pas du cœur : src/main/db n’importe rien de src/main/core.'),
  layer(
    ['src/main/core/files/**/*.ts'],
    [...DOMAINS, '**/documents/**', '**/printing/**', '**/db/**'],
    'core/files écrit des fichiers et rien d’autre : il n’importe ni un domaine, ni les documents, ni la base.',
  ),
  layer(
    ['src/main/core/documents/**/*.ts'],
    [...DOMAINS, '**/printing/**', '**/db/**'],
    'core/documents met en page ce qu’on lui donne : il n’importe aucun domaine (relances, créances douteuses, créances, clients, entreprise, grand livre) ni la base ; le domaine lui passe ce qu’il imprime.',
  ),
  layer(
    ['src/main/core/einvoice/**/*.ts'],
    [...DOMAINS, '**/printing/**', '**/db/**'],
    'core/einvoice traduit en EN 16931 ce qu’on lui donne (la facture, le document imprimé) : il n’importe aucun domaine ni la base ; core/printing lit le dossier et l’appelle.',
  ),
  layer(
    ['src/main/core/ledger/**/*.ts'],
    ['**/receivables/**', '**/dunning/**', '**/doubtful/**', '**/customers/**', '**/company/**', '**/documents/**', '**/printing/**', '**/bank/**', '**/quotes/**'],
    'Le grand livre est sous les domaines : core/ledger n’importe ni les créances, ni les relances, ni les créances douteuses, ni les clients, ni l’entreprise, ni les documents.',
  ),
  layer(
    ['src/main/core/receivables/**/*.ts'],
    ['**/dunning/**', '**/doubtful/**', '**/documents/**', '**/printing/**', '**/bank/**', '**/quotes/**'],
    'Les créances sont sous les relances, les créances douteuses, la banque et les devis : core/receivables ne les importe pas, ni les documents.',
  ),
  layer(
    ['src/main/core/quotes/**/*.ts'],
    ['**/dunning/**', '**/doubtful/**', '**/documents/**', '**/printing/**', '**/bank/**'],
    'Les devis sont au-dessus des créances (ils deviennent des factures d’acompte et une facture finale) : core/quotes n’importe ni les relances, ni les créances douteuses, ni la banque, ni les documents.',
  ),
  layer(
    ['src/main/core/bank/**/*.ts'],
    ['**/dunning/**', '**/doubtful/**', '**/documents/**', '**/printing/**'],
    'La banque est au-dessus des créances (elle rapprochera les opérations des factures) : core/bank n’importe ni les relances, ni les créances douteuses, ni les documents.',
  ),
  layer(['src/main/core/dunning/**/*.ts'], ['**/doubtful/**', '**/printing/**', '**/mail/**'], 'Les relances sont sous les créances douteuses : core/dunning n’importe ni core/doubtful ni core/printing (ni core/mail).'),
  layer(['src/main/core/doubtful/**/*.ts'], ['**/printing/**', '**/mail/**'], 'core/printing est au-dessus des domaines : core/doubtful ne l’importe pas (ni core/mail).'),
  // core/mail sends what printing draws: above printing, which never imports it.
  layer(['src/main/core/printing/**/*.ts'], ['**/mail/**'], 'core/mail est au-dessus de core/printing (il joint les PDF qu’il dessine) : core/printing ne l’importe pas.'),
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': forbid(
        [NODE_BUILTINS, 'L’interface tourne dans un bac à sable : pas de module Node.'],
        [['electron', 'electron/*'], 'L’interface passe par window.encours (lib/ipc.ts), jamais par Electron.'],
        [['better-sqlite3', 'better-sqlite3-multiple-ciphers'], 'L’interface ne touche pas à la base : elle appelle un canal.'],
        [['**/main/**', '**/src/main', '../main'], 'L’interface n’importe pas le processus principal : seulement src/shared.'],
      ),
    },
  },
  {
    files: ['src/main/electron/preload.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [[...NODE_BUILTINS, 'zod', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', '**/core/**', '**/db/**', '**/renderer/**'], 'Le preload n’importe qu’electron et src/shared/channels.'],
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
