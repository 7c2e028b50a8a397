// `npm test`: every check CI runs, in order, then one closing line counting both test runners:
//   tests: N passed, N failed, N skipped
// A failing step does not stop the others (you see everything at once), but fails the run; so does a run
// in which no test executed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const results = `${root}test-results`;
rmSync(`${results}/vitest.json`, { force: true });
rmSync(`${results}/playwright.json`, { force: true });
mkdirSync(results, { recursive: true });

const steps = [
  ['Module natif (better-sqlite3-multiple-ciphers pour Node)', 'node', ['src/tools/ensure-native.mjs', 'node']],
  ['Lint (dont la règle des couches)', 'npx', ['eslint', '.']],
  ['Vérification des types (une config par couche)', 'npm', ['run', '--silent', 'typecheck']],
  ['Tests vitest (cœur, base, CLI, banc d’essai, Electron simulé)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}/vitest.json`]],
  ['Construction (interface, processus principal, preload)', 'npm', ['run', '--silent', 'build']],
  ['Tests Playwright (Chromium de Debian, banc d’essai)', 'npx', ['playwright', 'test']],
];

const failed = [];
for (const [label, cmd, args] of steps) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (res.status === 0) console.log(`✔ ${label} (${seconds} s)`);
  else {
    console.log(`✘ ${label} (${seconds} s, code ${res.status ?? res.signal})`);
    failed.push(label);
  }
}

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

const vitest = readJson(`${results}/vitest.json`);
const playwright = readJson(`${results}/playwright.json`);
const passed = (vitest?.numPassedTests ?? 0) + (playwright ? playwright.stats.expected + playwright.stats.flaky : 0);
const failedTests = (vitest?.numFailedTests ?? 0) + (playwright?.stats.unexpected ?? 0);
const skipped = (vitest ? vitest.numPendingTests + vitest.numTodoTests : 0) + (playwright?.stats.skipped ?? 0);

console.log('');
if (failed.length) console.log(`Étapes en échec : ${failed.join(' ; ')}`);
if (passed + failedTests === 0) console.log('Aucun test n’a été exécuté.');
// A test that passed only on its retry counts as passed, and is named here so nobody mistakes it for stable.
if (playwright?.stats.flaky) console.log(`Instables (réussis au second essai) : ${playwright.stats.flaky}`);
console.log(`tests: ${passed} passed, ${failedTests} failed, ${skipped} skipped`);
process.exit(failed.length > 0 || failedTests > 0 || passed === 0 ? 1 : 0);
