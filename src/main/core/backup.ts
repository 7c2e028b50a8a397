import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import type { Handlers } from '../../shared/contract';
import { encryptedApplicationId, isEncrypted, openKeyed, openReadOnlyTwin, OWNER_ONLY, passphraseWrong, readFileKind } from '../db/encryption';
import { APPLICATION_ID, type Db } from '../db/open';
import type { HandlerContext, ServiceContext } from './context';
import { removeStaleTemps, replaceAtomically, replaceAtomicallySync, writeError, writeFileAtomicSync } from './files/atomic-write';
import { chainHead, compareHead, fileIdOf, type ChainHead } from './ledger/witness';

/**
 * A consistent copy of the open company file through SQLite's online backup: the app keeps working
 * while it runs and the copy is a complete, standalone .encours file, its owner's only. An encrypted
 * file's copy is encrypted with the same key, through VACUUM INTO (the online backup cannot encrypt).
 */
export async function backupCompanyDb(db: Db, output: string, options: { overwrite?: boolean; now?: Date } = {}): Promise<string> {
  const target = resolve(output);
  if (target === resolve(db.name)) throw new AppError('CONFLICT', 'La copie ne peut pas remplacer le dossier ouvert : choisissez un autre nom.');
  if (existsSync(target) && !options.overwrite) {
    throw new AppError('CONFLICT', `« ${target} » existe déjà : choisissez un autre nom pour la copie.`);
  }
  makeFolder(target);
  // Into a temp file renamed at the end: an interrupted copy is never seen under the copy's name, and
  // the copy it replaces stays whole until the new one is. An encrypted file is copied whole with VACUUM
  // INTO (same key), a plain one through SQLite's online backup; the temp file is owner-only either way.
  await replaceAtomically(
    target,
    async (tmp) => {
      if (isEncrypted(db)) db.prepare('VACUUM INTO ?').run(tmp);
      else await db.backup(tmp);
      writeBackupMeta(tmp, target, db, db.name, options.now);
      dropStaleSideFiles(target);
    },
    { sqlite: true },
  );
  return target;
}

/** The folder of a copy, created if needed; a refusal said in French. */
function makeFolder(target: string) {
  try {
    mkdirSync(dirname(target), { recursive: true });
  } catch (err) {
    throw writeError(err, target);
  }
}

/**
 * The WAL and shared-memory files of the copy being replaced: SQLite would replay them into the new one.
 * Removed just before the rename, once the new copy is whole.
 */
function dropStaleSideFiles(target: string) {
  rmSync(`${target}-wal`, { force: true });
  rmSync(`${target}-shm`, { force: true });
}

/**
 * What a backup was when it was taken, kept beside it (`<copy>.empreinte.json`): the file's id and the
 * head of its hash chain. Restoring compares the copy with it: a copy whose newest entries were deleted,
 * or whose chain was rewritten, after it was taken no longer matches. Like the witness, this detects; it
 * does not prevent someone who can rewrite both the copy and its metadata.
 */
export interface BackupMeta extends ChainHead {
  fileId: string | null;
  /** The company file the copy was taken from. */
  source: string;
  takenAt: string | null;
}

export function backupMetaPath(backup: string): string {
  return `${backup}.empreinte.json`;
}

/** Reads the head of the copy at `copy` (its own connection) and writes the metadata of `backup` beside it. */
function writeBackupMeta(copy: string, backup: string, keyedAs: Db, source: string, now: Date | undefined): void {
  // The copy of an encrypted file has its key: read with the connection's.
  const db = openKeyed(copy, { keyedAs }, { readonly: true });
  if (!db) return;
  let meta: BackupMeta;
  try {
    meta = { fileId: hasTable(db, 'file_identity') ? fileIdOf(db) : null, ...chainHead(db), source, takenAt: now ? now.toISOString() : null };
  } finally {
    db.close();
    // A read-only connection to a copy in WAL mode leaves empty side files: not part of the copy.
    rmSync(`${copy}-wal`, { force: true });
    rmSync(`${copy}-shm`, { force: true });
  }
  writeFileAtomicSync(backupMetaPath(backup), `${JSON.stringify(meta, null, 2)}\n`);
}

function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(name) !== undefined;
}

/** The metadata written beside a backup, or null (none: an older copy, a migration copy, a file from elsewhere). */
export function readBackupMeta(backup: string): BackupMeta | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(backupMetaPath(backup), 'utf8'));
  } catch {
    return null;
  }
  const m = raw as Partial<BackupMeta>;
  if (!Number.isInteger(m.seq) || typeof m.hash !== 'string') return null;
  return { fileId: typeof m.fileId === 'string' ? m.fileId : null, seq: m.seq as number, hash: m.hash, source: typeof m.source === 'string' ? m.source : '', takenAt: typeof m.takenAt === 'string' ? m.takenAt : null };
}

/**
 * The French reason a backup no longer matches the metadata written when it was taken, or null when it
 * does (or when it has none). A copy is frozen: any difference (entries gone, a hash changed, entries
 * added, another file's id) means it was changed after it was taken.
 */
export function backupMetaFault(backup: string, passphrase?: string): string | null {
  const meta = readBackupMeta(backup);
  if (!meta) return null;
  const name = basename(backup);
  const when = meta.takenAt ? ` le ${meta.takenAt.slice(8, 10)}/${meta.takenAt.slice(5, 7)}/${meta.takenAt.slice(0, 4)}` : '';
  let db: Db | null;
  try {
    // An encrypted copy whose passphrase is not known here is not compared (its opening asks for it).
    db = openKeyed(backup, { passphrase }, { readonly: true });
  } catch {
    return null;
  }
  if (!db) return null;
  try {
    return metaFaultIn(db, meta, name, when);
  } catch {
    // Unreadable as a database: the opening of the restored copy says what is wrong with it.
    return null;
  } finally {
    db.close();
  }
}

function metaFaultIn(db: Db, meta: BackupMeta, name: string, when: string): string | null {
  if (!hasTable(db, 'entry')) return null;
  const fileId = hasTable(db, 'file_identity') ? fileIdOf(db) : null;
  if (meta.fileId !== null && fileId !== meta.fileId) {
    return `La sauvegarde « ${name} » n’est plus le dossier copié${when} : son identifiant a changé.`;
  }
  const cmp = compareHead(db, meta);
  if (cmp.kind === 'behind') {
    const left = cmp.file.seq === 0 ? 'n’a plus aucune écriture' : `s’arrête à l’écriture n° ${cmp.file.seq} de la séquence`;
    return `La sauvegarde « ${name} » ${left}, alors qu’elle allait jusqu’à la n° ${meta.seq} quand elle a été prise${when} : ses dernières écritures ont été supprimées.`;
  }
  if (cmp.kind === 'rewritten') {
    return `Dans la sauvegarde « ${name} », l’écriture n° ${meta.seq} de la séquence n’a plus l’empreinte qu’elle avait quand la copie a été prise${when} : le journal a été modifié puis ses empreintes recalculées.`;
  }
  if (cmp.kind === 'ahead') {
    return `La sauvegarde « ${name} » va jusqu’à l’écriture n° ${cmp.file.seq} de la séquence, alors qu’elle s’arrêtait à la n° ${meta.seq} quand elle a été prise${when} : des écritures y ont été ajoutées depuis.`;
  }
  return null;
}

export const backupHandlers: Pick<Handlers<HandlerContext>, 'backup.create' | 'backup.list'> = {
  // Dispatch opens the file and checks its company, outside any transaction: the online copy awaits.
  async 'backup.create'({ db, file, now }: HandlerContext, req) {
    const output = req.output ?? uniqueBackupPath(file.backupDir, file.path, now());
    return { path: await backupCompanyDb(db, output, { now: now() }) };
  },

  // Needs no open file: the folder and its copies only. The temp files of copies interrupted (process
  // killed, power cut) are removed on the way; those of a copy under way are left to it.
  'backup.list'(ctx: ServiceContext) {
    removeStaleTemps(ctx.file.backupDir);
    return { folder: ctx.file.backupDir, rows: listAutomaticBackups(ctx.file.path, ctx.file.backupDir) };
  },
};

/** "Mon entreprise.encours" → "Mon entreprise-2026-11-22-101500.encours" (UTC). */
export function datedBackupName(file: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace('T', '-').replace(/:/g, '');
  return `${basename(file, '.encours')}-${stamp}.encours`;
}

/** The dated name in `dir`, suffixed -2, -3… when a copy was already taken in the same second. */
function uniqueBackupPath(dir: string, file: string, now: Date): string {
  const first = join(dir, datedBackupName(file, now));
  let path = first;
  for (let n = 2; existsSync(path); n++) path = first.replace(/\.encours$/, `-${n}.encours`);
  return path;
}

export interface BackupFile {
  path: string;
  name: string;
  size: number;
  /** ISO instant, read from the name (the file's time if the name carries none). */
  createdAt: string;
  kind: 'automatic' | 'migration';
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The copies of one company file in a backups folder, newest first: the automatic dated copies
 * (`<name>-AAAA-MM-JJ-HHMMSS.encours`, from rotateBackups or backup.create) and the copies taken before a
 * migration (`<name>.encours.avant-migration-v<N>-<instant>.bak`). Matched on the file's base name: in
 * the app the folder is shared by every company file.
 */
export function scanBackups(file: string, backupDir: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(backupDir);
  } catch {
    return [];
  }
  const automatic = new RegExp(`^${escapeRegExp(basename(file, '.encours'))}-(\\d{4}-\\d{2}-\\d{2})-(\\d{2})(\\d{2})(\\d{2})(?:-\\d+)?\\.encours$`);
  const migration = new RegExp(`^${escapeRegExp(basename(file))}\\.avant-migration-v\\d+-(\\d{4}-\\d{2}-\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})-(\\d{3})Z\\.bak$`);
  const out: BackupFile[] = [];
  for (const name of names) {
    const a = automatic.exec(name);
    const m = a ? null : migration.exec(name);
    if (!a && !m) continue;
    const path = join(backupDir, name);
    let st;
    try {
      st = statSync(path);
    } catch {
      continue;
    }
    // Empty: what an interrupted copy of an older version left under the copy's name, never a copy.
    if (!st.isFile() || st.size === 0) continue;
    const stamp = a ? `${a[1]}T${a[2]}:${a[3]}:${a[4]}.000Z` : `${m?.[1]}T${m?.[2]}:${m?.[3]}:${m?.[4]}.${m?.[5]}Z`;
    const time = Date.parse(stamp);
    out.push({
      path,
      name,
      size: st.size,
      createdAt: Number.isNaN(time) ? st.mtime.toISOString() : new Date(time).toISOString(),
      kind: a ? 'automatic' : 'migration',
    });
  }
  return out.sort((x, y) => (x.createdAt !== y.createdAt ? (x.createdAt < y.createdAt ? 1 : -1) : x.name < y.name ? 1 : x.name > y.name ? -1 : 0));
}

/** backup.list's rows: every copy of this company file in the backups folder, newest first. */
export function listAutomaticBackups(file: string, backupDir: string): { path: string; name: string; size: number; createdAt: string }[] {
  return scanBackups(file, backupDir).map(({ path, name, size, createdAt }) => ({ path, name, size, createdAt }));
}

export interface RotationResult {
  /** The copy just written. */
  path: string;
  /** The older automatic copies removed to keep `keep`. */
  deleted: string[];
}

/**
 * The automatic backup, taken when the app quits and when it switches company files: a dated copy with
 * `VACUUM INTO` (synchronous, consistent, WAL included, compact), then the oldest automatic copies beyond
 * `keep` are deleted. The copies taken before a migration (`*.avant-migration-*.bak`) are kept apart and
 * never deleted here: they are the way back from an upgrade, and only the user removes them.
 * The copy is written under a temporary name then renamed, so an interrupted copy never counts as one
 * (replaceAtomicallySync: VACUUM INTO writes the empty temp file it is given).
 */
export function rotateBackups(db: Db, file: string, backupDir: string, now: Date, keep = 10): RotationResult {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError('keep doit être un entier ≥ 1');
  const target = uniqueBackupPath(backupDir, file, now);
  makeFolder(target);
  replaceAtomicallySync(
    target,
    (tmp) => {
      db.prepare('VACUUM INTO ?').run(tmp);
      writeBackupMeta(tmp, target, db, file, now);
    },
    { sqlite: true },
  );
  const deleted: string[] = [];
  const automatic = scanBackups(file, backupDir).filter((b) => b.kind === 'automatic');
  for (const old of automatic.slice(keep)) {
    rmSync(old.path, { force: true });
    rmSync(backupMetaPath(old.path), { force: true });
    deleted.push(old.path);
  }
  return { path: target, deleted };
}

/**
 * An automatic copy (rotateBackups) taken from a read-only connection of its own, so that a write handler
 * can take it synchronously inside its transaction: VACUUM INTO cannot run in a transaction, and the other
 * connection copies the file as last committed, nothing the transaction wrote. The closing takes one just
 * before it writes (ledger/close.ts).
 */
export function backupAsCommitted(db: Db, file: string, backupDir: string, now: Date): string {
  // Keyed as the app's connection is: an encrypted file's copy is encrypted with the same key.
  const reader = openReadOnlyTwin(db);
  try {
    reader.pragma('busy_timeout = 5000');
    return rotateBackups(reader, file, backupDir, now).path;
  } finally {
    reader.close();
  }
}

/**
 * Whether this connection wrote anything since it was opened: the app takes its automatic copy only
 * then, so opening and closing a file ten times without a change does not push real copies out.
 */
export function sessionHasWrites(db: Db): boolean {
  return Number(db.prepare('SELECT total_changes()').pluck().get()) > 0;
}

const SQLITE_HEADER = 'SQLite format 3\0';

/** An Encours company file, by its header alone (no connection, so nothing is written beside it). */
export function looksLikeCompanyFile(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const header = Buffer.alloc(100);
    if (readSync(fd, header, 0, 100, 0) < 100) return false;
    return header.toString('latin1', 0, 16) === SQLITE_HEADER && header.readUInt32BE(68) === APPLICATION_ID;
  } finally {
    closeSync(fd);
  }
}

/** The name proposed for a restored copy: "Mon entreprise-2026-11-22-101500 (restauré).encours". */
export function restoredFileName(backup: string): string {
  const name = basename(backup).replace(/\.encours\.avant-migration-.*\.bak$/, '').replace(/\.(encours|bak)$/, '');
  return `${name} (restauré).encours`;
}

/**
 * Restoring a backup never overwrites the open file: the backup is copied to `target` (a new company
 * file, which the app then opens), through a temporary name renamed at the end. The caller has already
 * asked before replacing an existing `target`; that file's own WAL and shared-memory files go with it,
 * or SQLite would replay them into the restored copy. An encrypted backup is copied as it is, still
 * encrypted: checked first with `passphrase` when one is given, else its passphrase is asked on opening.
 * Its chain is compared with the metadata written when it was taken, and the copy gets a new file id;
 * for an encrypted copy both need its key: `passphrase`, else `hint` (the open file's), else skipped.
 */
export function restoreBackupCopy(source: string, target: string, openFile: string, passphrase?: string, hint?: string): string {
  const from = resolve(source);
  const to = resolve(target);
  if (to === resolve(openFile)) throw new AppError('CONFLICT', 'La sauvegarde ne peut pas remplacer le dossier ouvert : choisissez un autre nom pour la copie restaurée.');
  if (to === from) throw new AppError('CONFLICT', 'Choisissez un autre emplacement que la sauvegarde elle-même : elle reste intacte.');
  const unreadable = () => new AppError('DB_CORRUPT', `« ${basename(from)} » n’est pas une sauvegarde Encours lisible : choisissez un autre fichier.`);
  if (readFileKind(from) === 'encrypted') {
    if (passphrase !== undefined) {
      let appId: number | null;
      try {
        appId = encryptedApplicationId(from, passphrase);
      } catch {
        throw unreadable();
      }
      if (appId === null) throw passphraseWrong(from);
      if (appId !== APPLICATION_ID) throw unreadable();
    }
  } else if (!looksLikeCompanyFile(from)) {
    throw unreadable();
  }
  const fault = backupMetaFault(from, passphrase ?? hint);
  if (fault) {
    throw new AppError('CONFLICT', `${fault} Elle n’est pas restaurée : choisissez une autre sauvegarde, et lancez le contrôle d’intégrité du journal sur le dossier ouvert.`);
  }
  makeFolder(to);
  replaceAtomicallySync(to, (tmp) => {
    copyFileSync(from, tmp);
    chmodSync(tmp, OWNER_ONLY);
    renewFileId(tmp, passphrase ?? hint);
    dropStaleSideFiles(to);
  });
  return to;
}

/**
 * A restored copy is a new company file: it takes a new id, so that it is not compared with the chain
 * head this computer recorded for the file it was copied from (which has moved on since the copy was
 * taken, and would make the restored copy read as one whose newest entries were deleted).
 */
function renewFileId(path: string, passphrase: string | undefined): void {
  // An encrypted copy whose passphrase is not known here keeps its id (see README: integrity).
  const db = openKeyed(path, { passphrase }, { readonly: false });
  if (!db) return;
  try {
    if (hasTable(db, 'file_identity')) db.prepare('UPDATE file_identity SET id = ?').run(randomBytes(16).toString('hex'));
  } finally {
    db.close();
  }
}
