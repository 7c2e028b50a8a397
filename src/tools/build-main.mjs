// Bundles the Electron main process, its PDF utility process and the preload into dist/main (CommonJS, as Electron loads them).
// electron and the native better-sqlite3-multiple-ciphers stay outside the bundle; everything else is inlined.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
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

// pdfkit (and its fontkit) are bundled like the rest. In CommonJS import.meta is empty, so its two
// fields in use get their CommonJS values: pdfkit's ES build resolves a data path from import.meta.url
// as it loads, and the document code finds its fonts (copied below) from import.meta.dirname.
const withPdfkit = {
  ...common,
  external: ['electron', 'better-sqlite3-multiple-ciphers'],
  inject: ['src/tools/import-meta-url.mjs'],
  define: { ...common.define, 'import.meta.dirname': '__dirname', 'import.meta.url': 'importMetaUrl' },
};

await Promise.all([
  build({ ...withPdfkit, entryPoints: ['src/main/electron/main.ts'], outfile: 'dist/main/main.cjs' }),
  // The utility process that draws the PDFs (src/main/electron/pdf-process.ts forks it).
  build({ ...withPdfkit, entryPoints: ['src/main/electron/pdf-worker.ts'], outfile: 'dist/main/pdf-worker.cjs' }),
  // The sandboxed preload may require only 'electron': it bundles the channel list and nothing with Node.
  build({ ...common, entryPoints: ['src/main/electron/preload.ts'], outfile: 'dist/main/preload.cjs', external: ['electron'] }),
]);
// The fonts embedded in PDFs (src/main/core/documents/fonts.ts) travel beside the bundle.
mkdirSync(`${root}dist/main/fonts`, { recursive: true });
for (const name of readdirSync(`${root}assets/fonts`)) copyFileSync(`${root}assets/fonts/${name}`, `${root}dist/main/fonts/${name}`);
// The sRGB ICC profile pdfkit embeds as the output intent of a PDF/A (Factur-X): its bundled code looks
// for it at data/ beside the bundle (new URL('./data/…', import.meta.url)).
mkdirSync(`${root}dist/main/data`, { recursive: true });
copyFileSync(`${root}node_modules/pdfkit/js/data/sRGB_IEC61966_2_1.icc`, `${root}dist/main/data/sRGB_IEC61966_2_1.icc`);
console.log('dist/main : processus principal, processus PDF, preload et polices des documents construits.');
