// better-sqlite3-multiple-ciphers (better-sqlite3 with SQLCipher-compatible encryption, the one native
// module) is a native addon compiled for one ABI at a time: Node's for the tests and the CLI,
// Electron's for the app. This script makes sure the build in node_modules matches the runtime about to
// use it, rebuilding only when it does not, and records which one it is in a stamp file.
//   node src/tools/ensure-native.mjs node        → tests, CLI, harness, benchmark (npm test runs it)
//   node src/tools/ensure-native.mjs electron    → npm start, before packaging
//   node src/tools/ensure-native.mjs node --check → CI: fail if the Node build does not load
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const target = process.argv[2];
const checkOnly = process.argv.includes('--check');
const MODULE = 'better-sqlite3-multiple-ciphers';
const stampFile = `${root}node_modules/${MODULE}/build/Release/.encours-abi`;

function stamp() {
  return existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : 'node';
}

function run(cmd, args) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

function loadsUnderNode() {
  const res = spawnSync(process.execPath, ['-e', `const D=require('${MODULE}');new D(':memory:').prepare('select 1').get()`], { cwd: root, encoding: 'utf8' });
  return { ok: res.status === 0, detail: res.stderr.split('\n').find((l) => l.includes('Error')) ?? res.stderr.trim() };
}

if (target === 'node') {
  const first = loadsUnderNode();
  if (first.ok) {
    if (stamp() !== 'node') writeFileSync(stampFile, 'node');
    console.log(`${MODULE} : compilé pour Node ${process.versions.node} (ABI ${process.versions.modules}), chargé.`);
    process.exit(0);
  }
  if (checkOnly) {
    console.error(`${MODULE} ne se charge pas sous Node : ${first.detail}`);
    process.exit(1);
  }
  console.log(`${MODULE} n’est pas compilé pour Node (${first.detail}) : recompilation…`);
  run('npm', ['rebuild', MODULE]);
  const second = loadsUnderNode();
  if (!second.ok) {
    console.error(`${MODULE} ne se charge toujours pas : ${second.detail}`);
    process.exit(1);
  }
  writeFileSync(stampFile, 'node');
  console.log(`${MODULE} : recompilé pour Node.`);
} else if (target === 'electron') {
  const electronVersion = require('electron/package.json').version;
  if (stamp() === `electron-${electronVersion}`) {
    console.log(`${MODULE} : déjà compilé pour Electron ${electronVersion}.`);
    process.exit(0);
  }
  if (checkOnly) {
    console.error(`${MODULE} n’est pas compilé pour Electron ${electronVersion}.`);
    process.exit(1);
  }
  console.log(`${MODULE} : compilation pour Electron ${electronVersion}…`);
  run('npx', ['electron-builder', 'install-app-deps']);
  writeFileSync(stampFile, `electron-${electronVersion}`);
} else {
  console.error('Utilisation : node src/tools/ensure-native.mjs node|electron [--check]');
  process.exit(2);
}
