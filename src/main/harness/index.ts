import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { clockFromEnv, dataDirFromEnv } from '../core/context';
import { environmentMailSecrets } from '../core/mail/secrets';
import { readPassphraseFile } from '../db/encryption';
import { startHarness } from './server';

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: 'harness.encours' },
    port: { type: 'string', default: '5178' },
    // The passphrase of an encrypted company file, read from a file (never on the command line);
    // ENCOURS_PASSPHRASE_FILE says the same. Without it, the interface asks.
    'passphrase-file': { type: 'string' },
  },
});
const passphraseFile = values['passphrase-file'] ?? process.env.ENCOURS_PASSPHRASE_FILE;
let passphrase: string | undefined;
if (passphraseFile) {
  const read = readPassphraseFile(passphraseFile);
  if ('error' in read) {
    console.error(`Phrase de passe : ${read.error}`);
    process.exit(2);
  }
  passphrase = read.passphrase;
}

// ENCOURS_TODAY pins the whole app: the core's clock, and through app.info every screen's "today".
const now = clockFromEnv(process.env.ENCOURS_TODAY);
if (typeof now === 'string') {
  console.error(now);
  process.exit(2);
}
const harness = await startHarness({
  file: resolve(values.file),
  port: Number(values.port),
  rendererDir: resolve(import.meta.dirname, '../../../dist/renderer'),
  now,
  ...(passphrase !== undefined && { passphrase }),
  dataDir: dataDirFromEnv(process.env),
  mailSecrets: environmentMailSecrets(process.env),
});
console.log(`Encours — banc d’essai navigateur : ${harness.url}`);
console.log(`Dossier : ${harness.file.path} (127.0.0.1 seulement ; Ctrl+C pour arrêter)`);

const stop = () => void harness.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
