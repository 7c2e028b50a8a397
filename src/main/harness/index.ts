import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHarness } from './server';

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: 'harness.encours' },
    port: { type: 'string', default: '5178' },
  },
});

const today = process.env.ENCOURS_TODAY;
const harness = await startHarness({
  file: resolve(values.file),
  port: Number(values.port),
  rendererDir: resolve(import.meta.dirname, '../../../dist/renderer'),
  ...(today ? { now: () => new Date(`${today}T12:00:00.000Z`) } : {}),
});
console.log(`Encours — banc d’essai navigateur : ${harness.url}`);
console.log(`Dossier : ${harness.file.path} (127.0.0.1 seulement ; Ctrl+C pour arrêter)`);

const stop = () => void harness.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
