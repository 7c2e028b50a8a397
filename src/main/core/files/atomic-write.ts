import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { outputError } from './output-target';

/**
 * Writes `target` whole or not at all: `fill` writes into a hidden temp file in the same folder (in as
 * many pieces as it likes: the FEC streams), which is flushed to disk and renamed over the target once
 * `fill` has returned. A failure, in `fill` or in the file system, leaves the target as it was (absent,
 * or the previous version) and no temp file behind; the file system's refusals come back in French.
 */
export async function writeAtomically<T>(target: string, fill: (write: (data: string | Uint8Array) => void) => T | Promise<T>): Promise<T> {
  const dir = dirname(target);
  const tmp = join(dir, `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.partiel`);
  let fd: number | null = null;
  let created = false;
  try {
    const opened = openSync(tmp, 'wx');
    fd = opened;
    created = true;
    const result = await fill((data) => {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(opened, bytes, offset, bytes.length - offset);
    });
    fsyncSync(opened);
    fd = null;
    closeSync(opened);
    renameSync(tmp, target);
    return result;
  } catch (err) {
    if (fd !== null) closeQuietly(fd);
    if (created) {
      try {
        unlinkSync(tmp);
      } catch {
        // Already renamed.
      }
    }
    throw writeError(err, dir);
  }
}

/**
 * The synchronous twin of writeFileAtomic, for the small files written between two operations (the
 * witness of a company file's chain head): a hidden temp file in the same folder, flushed, renamed over
 * `target`. A failure leaves `target` as it was and no temp file behind.
 */
export function writeFileAtomicSync(target: string, data: string | Uint8Array): void {
  const dir = dirname(target);
  const tmp = join(dir, `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.partiel`);
  let fd: number | null = null;
  let created = false;
  try {
    fd = openSync(tmp, 'wx');
    created = true;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    const opened = fd;
    fd = null;
    closeSync(opened);
    renameSync(tmp, target);
  } catch (err) {
    if (fd !== null) closeQuietly(fd);
    if (created) {
      try {
        unlinkSync(tmp);
      } catch {
        // Already renamed.
      }
    }
    throw writeError(err, dir);
  }
}

/** Writes bytes to `target` atomically (see writeAtomically); returns the path written. */
export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<string> {
  await writeAtomically(target, (write) => write(bytes));
  return target;
}

function closeQuietly(fd: number) {
  try {
    closeSync(fd);
  } catch {
    // The error that brought us here is the one to report.
  }
}

/** The file system's refusals, said in French; anything else passes as it is. */
function writeError(err: unknown, dir: string): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown }).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return outputError(`Impossible d’écrire dans « ${dir} » : vous n’avez pas les droits sur ce dossier. Choisissez-en un autre.`);
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') return outputError(`Le disque de « ${dir} » est plein : libérez de la place ou choisissez un autre dossier.`);
  return err;
}
