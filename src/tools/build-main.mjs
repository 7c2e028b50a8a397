// Bundles the Electron main process and the preload into dist/main (CommonJS, as Electron loads them).
// electron and the native better-sqlite3 stay outside the bundle; everything else is inlined.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  // The packaged app has no npm around it: the version is written in at build time.
  define: { 'process.env.npm_package_version': JSON.stringify(version) },
};

await Promise.all([
  build({ ...common, entryPoints: ['src/main/electron/main.ts'], outfile: 'dist/main/main.cjs', external: ['electron', 'better-sqlite3'] }),
  // The sandboxed preload may require only 'electron': it bundles the channel list and nothing with Node.
  build({ ...common, entryPoints: ['src/main/electron/preload.ts'], outfile: 'dist/main/preload.cjs', external: ['electron'] }),
]);
console.log('dist/main : processus principal et preload construits.');
