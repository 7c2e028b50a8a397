import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { outputError } from './output-target';

/**
 * The temp files this process is writing right now (full paths): a leftover carrying this process's id
 * but absent from here is one an earlier failure could not remove, and may go.
 */
const writing = new Set<string>();

/** The longest file name (in bytes) most file systems accept; the temp name keeps room for SQLite's `-journal`. */
const NAME_MAX = 255;
const TEMP_NAME_MAX = NAME_MAX - '-journal'.length;

/**
 * A hidden temp file beside `target`, `.<name>.<pid>-<8 hex>.partiel`: same folder (so the rename is
 * atomic), the writer's process id (so a later cleanup knows whether it still runs), and a name cut short
 * enough for the disk whatever the target's length.
 */
export function tempPathFor(target: string): string {
  const suffix = `.${process.pid}-${randomBytes(4).toString('hex')}.partiel`;
  let name = basename(target);
  const room = TEMP_NAME_MAX - 1 - Buffer.byteLength(suffix);
  if (Buffer.byteLength(name) > room) {
    // Cut on a character, never inside one.
    let cut = '';
    for (const ch of name) {
      if (Buffer.byteLength(cut + ch) > room) break;
      cut += ch;
    }
    name = cut;
  }
  return join(dirname(target), `.${name}${suffix}`);
}

/** A temp file of writeAtomically / replaceAtomically, and SQLite's files beside it. */
const TEMP_NAME = /^\..*\.(\d+)-[0-9a-f]{8}\.partiel(?:-journal|-wal|-shm)?$/;

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, under another user.
    return (err as { code?: unknown }).code === 'EPERM';
  }
}

/** Whether `name` (in `dir`) is a temp file of an interrupted write: its process is gone, or is this one and no longer writes it. */
export function isStaleTemp(dir: string, name: string): boolean {
  const m = TEMP_NAME.exec(name);
  if (!m) return false;
  const pid = Number(m[1]);
  if (pid === process.pid) return !writing.has(join(dir, name.replace(/-(?:journal|wal|shm)$/, '')));
  return !processRuns(pid);
}

/** Whether `name` is a temp file of a write (interrupted or under way): never a finished file. */
export function isTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}

/**
 * Removes from `dir` the temp files an interrupted write left (a process killed midway, a power cut),
 * keeping those of a write still under way; returns their names. Never throws: a folder that cannot be
 * read or a file that cannot be removed is left as it is.
 */
export function removeStaleTemps(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!isStaleTemp(dir, name)) continue;
    try {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // Someone else's file, or already gone: left as it is.
    }
  }
  return removed;
}

export interface ReplaceOptions {
  /** The producer writes through SQLite: its refusals (disk full, cannot open, I/O) are the output's too. */
  sqlite?: boolean;
}

/**
 * Makes `target` whole or not at all. The temp file is created first (empty, exclusively), so a folder
 * that cannot be written is refused before any work; `produce` fills it, by its descriptor or by its path
 * (SQLite's backup and VACUUM INTO write an empty file), then it is flushed to disk and renamed over
 * `target`. A failure or an interruption leaves `target` as it was (absent, or the previous version); a
 * failure leaves no temp file, and the leftovers of an interrupted write (process killed) are removed by
 * the next write to the same folder. The file system's refusals come back in French.
 */
export async function replaceAtomically<T>(target: string, produce: (tmp: string, fd: number) => T | Promise<T>, options: ReplaceOptions = {}): Promise<T> {
  const temp = beginTemp(target, options);
  try {
    const result = await produce(temp.tmp, temp.fd);
    commitTemp(temp);
    return result;
  } catch (err) {
    throw abortTemp(temp, err, options);
  }
}

/** replaceAtomically for a synchronous producer (VACUUM INTO inside a handler's transaction). */
export function replaceAtomicallySync<T>(target: string, produce: (tmp: string, fd: number) => T, options: ReplaceOptions = {}): T {
  const temp = beginTemp(target, options);
  try {
    const result = produce(temp.tmp, temp.fd);
    commitTemp(temp);
    return result;
  } catch (err) {
    throw abortTemp(temp, err, options);
  }
}

interface Temp {
  target: string;
  tmp: string;
  fd: number;
  closed: boolean;
  renamed: boolean;
}

function beginTemp(target: string, options: ReplaceOptions): Temp {
  removeStaleTemps(dirname(target));
  const tmp = tempPathFor(target);
  writing.add(tmp);
  try {
    // Owner-only (0600 on Linux and macOS): a FEC, a backup or an invoice says as much as the company file.
    return { target, tmp, fd: openSync(tmp, 'wx', 0o600), closed: false, renamed: false };
  } catch (err) {
    writing.delete(tmp);
    throw writeError(err, target, options);
  }
}

function commitTemp(t: Temp) {
  fsyncSync(t.fd);
  t.closed = true;
  closeSync(t.fd);
  renameSync(t.tmp, t.target);
  t.renamed = true;
  writing.delete(t.tmp);
  syncFolder(dirname(t.target));
}

/** Closes and removes the temp file (and SQLite's files beside it); returns the error to throw. */
function abortTemp(t: Temp, err: unknown, options: ReplaceOptions): unknown {
  if (!t.closed) closeQuietly(t.fd);
  if (!t.renamed) for (const f of [t.tmp, `${t.tmp}-journal`, `${t.tmp}-wal`, `${t.tmp}-shm`]) removeQuietly(f);
  writing.delete(t.tmp);
  return writeError(err, t.target, options);
}

/**
 * Writes `target` whole or not at all (see replaceAtomically): `fill` writes into the temp file in as
 * many pieces as it likes (the FEC streams).
 */
export async function writeAtomically<T>(target: string, fill: (write: (data: string | Uint8Array) => void) => T | Promise<T>): Promise<T> {
  return replaceAtomically(target, (_tmp, fd) =>
    fill((data) => writeAll(fd, data)),
  );
}

/**
 * The synchronous twin of writeFileAtomic, for the small files written between two operations (the
 * witness of a company file's chain head, a backup's metadata).
 */
export function writeFileAtomicSync(target: string, data: string | Uint8Array): void {
  replaceAtomicallySync(target, (_tmp, fd) => writeAll(fd, data));
}

function writeAll(fd: number, data: string | Uint8Array) {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/** Writes bytes to `target` atomically (see writeAtomically); returns the path written. */
export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<string> {
  await writeAtomically(target, (write) => write(bytes));
  return target;
}

/** The rename is in the folder: flushed too, where the system allows it (not on Windows). */
function syncFolder(dir: string) {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: the file itself is on disk already.
  } finally {
    if (fd !== null) closeQuietly(fd);
  }
}

function closeQuietly(fd: number) {
  try {
    closeSync(fd);
  } catch {
    // The error that brought us here is the one to report.
  }
}

function removeQuietly(path: string) {
  try {
    rmSync(path, { force: true });
  } catch {
    // Left for the next write's cleanup.
  }
}

/** SQLite's refusals on the file it writes, as the system error they stand for. */
const SQLITE_AS_SYSTEM: Record<string, string> = {
  SQLITE_FULL: 'ENOSPC',
  SQLITE_READONLY: 'EROFS',
  SQLITE_PERM: 'EACCES',
  SQLITE_CANTOPEN: 'EACCES',
};

/** The file system's refusals, said in French, on `output`; anything else passes as it is. */
export function writeError(err: unknown, target: string, options: ReplaceOptions = {}): unknown {
  if (err instanceof AppError) return err;
  const dir = dirname(target);
  const raw = (err as { code?: unknown } | null)?.code;
  if (typeof raw !== 'string') return err;
  let code = raw;
  if (code.startsWith('SQLITE_')) {
    if (!options.sqlite) return err;
    code = SQLITE_AS_SYSTEM[code] ?? code;
    if (code.startsWith('SQLITE_') && !code.startsWith('SQLITE_IOERR')) return err;
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return outputError(`Impossible d’écrire dans « ${dir} » : vous n’avez pas les droits sur ce dossier. Choisissez-en un autre.`);
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') return outputError(`Le disque de « ${dir} » est plein : libérez de la place ou choisissez un autre dossier.`);
  if (code === 'ENOENT') return outputError(`Le dossier « ${dir} » n’existe plus : choisissez un dossier existant.`);
  if (code === 'ENOTDIR' || code === 'EEXIST') return outputError(`« ${dir} » n’est pas un dossier : choisissez un dossier existant.`);
  if (code === 'ENAMETOOLONG') {
    return outputError(`Le nom « ${basename(target).slice(0, 40)}… » est trop long pour le disque : choisissez un nom plus court.`);
  }
  if (/^E[A-Z]+$/.test(code) || code.startsWith('SQLITE_IOERR')) {
    return outputError(`L’écriture de « ${target} » a échoué (erreur du système ${code}) : vérifiez le disque ou choisissez un autre dossier.`);
  }
  return err;
}
