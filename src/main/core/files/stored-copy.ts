import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fieldError } from '../../../shared/errors';

/** An evidence file is a scan, a photo, an e-mail: 20 Mo at most (it is read whole to check it is intact). */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

export interface StoredCopy {
  /** The original file's name. */
  name: string;
  /** Where the copy is: `<sha256 16 first>-<name>` in the folder. */
  path: string;
  sha256: string;
  /** False when the same content was already there (the copy is shared). */
  created: boolean;
}

const size = (bytes: number) => {
  const [value, unit] = bytes >= 1024 ** 3 ? [bytes / 1024 ** 3, 'Go'] : [bytes / 1024 ** 2, 'Mo'];
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(value)} ${unit}`;
};

function tooBig(source: string, bytes: number, max: number) {
  return fieldError(
    'file',
    `La pièce « ${basename(source)} » fait ${size(bytes)} : une pièce justificative fait ${size(max)} au plus. Joignez un fichier plus léger (un PDF compressé, une photo moins lourde) ou un extrait.`,
  );
}

/**
 * Copies `source` into `folder` under its hash, reading it once (size-bounded, hashed on the way, flushed
 * to disk, renamed into place): the content is the one hashed, a file that grows past `maxBytes` meanwhile
 * is refused, and a failure leaves nothing behind. Asynchronous, outside any transaction: the caller
 * records the copy afterwards. The refusals are in French, on the field `file`.
 */
export async function storeCopy(source: string, folder: string, maxBytes = EVIDENCE_MAX_BYTES): Promise<StoredCopy> {
  const st = await stat(source).catch(() => null);
  if (!st) throw fieldError('file', `Fichier introuvable : « ${source} ».`);
  if (!st.isFile()) throw fieldError('file', `« ${source} » n’est pas un fichier : choisissez le fichier de la pièce.`);
  if (st.size > maxBytes) throw tooBig(source, st.size, maxBytes);

  await mkdir(folder, { recursive: true });
  const tmp = join(folder, `.${randomBytes(6).toString('hex')}.partiel`);
  // Owner-only (0600 on Linux and macOS), as the company file: evidence is often personal.
  const out = await open(tmp, 'wx', 0o600);
  const hash = createHash('sha256');
  let read = 0;
  try {
    try {
      for await (const chunk of createReadStream(source, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
        read += chunk.length;
        if (read > maxBytes) throw tooBig(source, read, maxBytes);
        hash.update(chunk);
        await out.write(chunk);
      }
      await out.sync();
    } finally {
      await out.close();
    }
    const sha256 = hash.digest('hex');
    const name = basename(source);
    const path = join(folder, `${sha256.slice(0, 16)}-${name}`);
    const existing = await stat(path).catch(() => null);
    if (existing?.isFile()) {
      await rm(tmp, { force: true });
      return { name, path, sha256, created: false };
    }
    await rename(tmp, path);
    return { name, path, sha256, created: true };
  } catch (err) {
    await rm(tmp, { force: true });
    const code = (err as { code?: unknown }).code;
    if (code === 'EACCES' || code === 'EPERM') throw fieldError('file', `Impossible de copier « ${source} » dans « ${folder} » : vous n’avez pas les droits sur le fichier ou sur ce dossier.`);
    throw err;
  }
}
