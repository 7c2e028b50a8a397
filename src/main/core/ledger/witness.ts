import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDateShort } from '../../../shared/dates';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { writeFileAtomicSync } from '../files/atomic-write';
import { GENESIS_HASH } from './hash';

/**
 * The head of the hash chain kept outside the company file: in a "witness" folder (the app's data folder
 * in Electron, ENCOURS_DATA_DIR or the user's data folder for the CLI and the harness), one small JSON per
 * file id, written after each commit that moves the chain. The chain alone cannot see its newest entries
 * deleted, nor an entry edited and every hash after it recomputed: the head seen before can.
 * Someone who holds both the file and this folder can rewrite both: this detects, it does not prevent.
 */

/** The newest entry of the chain: its sequence number and hash (0 and the genesis hash when empty). */
export interface ChainHead {
  seq: number;
  hash: string;
}

export interface WitnessRecord extends ChainHead {
  fileId: string;
  /** Where the file was when it was recorded, for the reader of the folder. */
  path: string;
  recordedAt: string;
}

/** How a file's chain stands against a head seen before (the witness, a backup's sidecar, a closing). */
export type HeadComparison = { kind: 'same' | 'ahead'; file: ChainHead } | { kind: 'behind' | 'rewritten'; file: ChainHead };

/** The witness folder inside a data folder. */
export function witnessDirIn(dataDir: string): string {
  return join(dataDir, 'empreintes');
}

/** The file's own id (migration 0011), or null for a file without one. */
export function fileIdOf(db: Db): string | null {
  return (stmt(db, 'SELECT id FROM file_identity LIMIT 1').pluck().get() as string | undefined) ?? null;
}

export function chainHead(db: Db): ChainHead {
  return (stmt(db, 'SELECT seq, hash FROM entry WHERE seq = (SELECT max(seq) FROM entry)').get() as ChainHead | undefined) ?? { seq: 0, hash: GENESIS_HASH };
}

/**
 * Compares the file's chain with a head seen before: the entry of that sequence number must still be
 * there (else the newest entries were deleted: behind) with that hash (else the chain was recomputed
 * after an edit: rewritten). A file further on (written elsewhere since) is ahead: not an error.
 */
export function compareHead(db: Db, seen: ChainHead): HeadComparison {
  const file = chainHead(db);
  if (seen.seq === 0) return { kind: file.seq === 0 ? 'same' : 'ahead', file };
  if (file.seq < seen.seq) return { kind: 'behind', file };
  const hash = stmt(db, 'SELECT hash FROM entry WHERE seq = ?').pluck().get(seen.seq) as string | undefined;
  if (hash !== seen.hash) return { kind: 'rewritten', file };
  return { kind: file.seq === seen.seq ? 'same' : 'ahead', file };
}

/** The French reason of a head that no longer matches; `seenWhere` says where it was seen (« sur cet ordinateur le 22/11/2026 »). */
export function headMismatchReason(cmp: HeadComparison, seen: ChainHead, seenWhere: string): string | null {
  if (cmp.kind === 'behind') {
    const left = cmp.file.seq === 0 ? 'ne contient plus aucune écriture' : `s’arrête à l’écriture n° ${cmp.file.seq} de la séquence`;
    return `Écritures supprimées : le journal ${left}, alors qu’il allait jusqu’à la n° ${seen.seq} ${seenWhere}. Les dernières écritures ont été effacées, ou ce fichier est une copie plus ancienne.`;
  }
  if (cmp.kind === 'rewritten') {
    return `Journal réécrit : l’écriture n° ${seen.seq} de la séquence n’a plus l’empreinte qu’elle avait ${seenWhere}. Une écriture a été modifiée puis les empreintes recalculées.`;
  }
  return null;
}

function witnessPath(dir: string, fileId: string): string {
  return join(dir, `${fileId}.json`);
}

/** The witness of a file id, or null if there is none (or it cannot be read: a crash while it was written). */
export function readWitness(dir: string, fileId: string): WitnessRecord | null {
  try {
    const w = JSON.parse(readFileSync(witnessPath(dir, fileId), 'utf8')) as Partial<WitnessRecord>;
    if (w.fileId !== fileId || !Number.isInteger(w.seq) || typeof w.hash !== 'string') return null;
    return w as WitnessRecord;
  } catch {
    return null;
  }
}

/**
 * Writes the witness whole or not at all (files/atomic-write: a hidden temp file, flushed, renamed over
 * it). After a power cut between the file's commit and this write, the witness is older than the file,
 * which only reads as a file ahead of it: never as tampering.
 */
export function writeWitness(dir: string, record: WitnessRecord): void {
  mkdirSync(dir, { recursive: true });
  writeFileAtomicSync(witnessPath(dir, record.fileId), `${JSON.stringify(record, null, 2)}\n`);
}

/** « sur cet ordinateur le 22/11/2026 » — where and when a witness was written. */
function seenOnThisComputer(w: WitnessRecord): string {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(w.recordedAt)?.[0];
  return `sur cet ordinateur${day ? ` le ${formatDateShort(day)}` : ''}`;
}

export interface WitnessCheck {
  fileId: string | null;
  /**
   * none: this computer had no witness of the file (first opening here, a copy, a restored backup);
   * same / ahead: the file is where it was seen, or further on; fault: it disagrees; no-id: a file
   * without an id (cannot happen once migrated).
   */
  status: 'none' | 'same' | 'ahead' | 'fault' | 'no-id';
  /** The French reason the file disagrees with its witness, or null. */
  fault: string | null;
  /** The sequence number of the entry the fault is about (the witnessed head). */
  seq: number;
  /** The file's head as last recorded. */
  recorded: ChainHead;
  /** What was said about the comparison: a new file, one ahead of its witness (written elsewhere). */
  note: string | null;
}

/**
 * Compares the file with its witness and, unless they disagree, records the file's head: a new file (no
 * witness yet) or one ahead of it (written on another machine, or by a door without this folder) is
 * not an error, and its witness moves on. A disagreement leaves the witness as it is: it is the evidence.
 */
export function checkWitness(db: Db, dir: string, path: string, now: Date): WitnessCheck {
  const fileId = fileIdOf(db);
  const head = chainHead(db);
  if (fileId === null) return { fileId, status: 'no-id', fault: null, seq: 0, recorded: head, note: null };
  const witness = readWitness(dir, fileId);
  if (witness) {
    const cmp = compareHead(db, witness);
    const fault = headMismatchReason(cmp, witness, seenOnThisComputer(witness));
    if (fault) return { fileId, status: 'fault', fault, seq: witness.seq, recorded: witness, note: null };
    if (cmp.kind === 'same') return { fileId, status: 'same', fault: null, seq: 0, recorded: head, note: null };
  }
  writeWitness(dir, { fileId, ...head, path, recordedAt: now.toISOString() });
  if (witness) {
    const note = `Le dossier va plus loin que ce que cet ordinateur en avait vu (écriture n° ${witness.seq} de la séquence, il en est à la n° ${head.seq}) : il a été complété ailleurs. Son empreinte est mise à jour.`;
    return { fileId, status: 'ahead', fault: null, seq: 0, recorded: head, note };
  }
  return { fileId, status: 'none', fault: null, seq: 0, recorded: head, note: noWitnessNote(head) };
}

/**
 * A file this computer has no witness of is not suspect (first opening here, a copy brought from another
 * laptop, a restored backup): nothing can be said of what happened to it before, and it is said plainly.
 */
function noWitnessNote(head: ChainHead): string {
  const journal = head.seq === 0 ? 'Son journal est encore vide' : `Son journal va jusqu’à l’écriture n° ${head.seq} de la séquence`;
  return `Aucune empreinte de ce dossier sur cet ordinateur quand il a été ouvert : c’est la première fois qu’il l’est ici, ou c’est une copie. Ses dernières écritures n’ont donc pu être comparées à rien. ${journal} : cette empreinte est enregistrée, et le dossier y sera comparé à chaque ouverture.`;
}

/** After a commit: records the file's head if the chain moved (never over a witness the file disagrees with). */
export function recordHead(db: Db, dir: string, path: string, now: Date, last: WitnessCheck): void {
  if (last.fault !== null || last.fileId === null) return;
  const head = chainHead(db);
  if (head.seq === last.recorded.seq && head.hash === last.recorded.hash) return;
  writeWitness(dir, { fileId: last.fileId, ...head, path, recordedAt: now.toISOString() });
  last.recorded = head;
}

/** What each open handle found on opening, so the comparison runs once per opening and commits can follow it. */
const checks = new WeakMap<Db, WitnessCheck>();

/** The comparison made when this handle was opened (made now if it was not). */
export function witnessOnOpen(db: Db, dir: string, path: string, now: Date): { check: WitnessCheck; first: boolean } {
  const known = checks.get(db);
  if (known) return { check: known, first: false };
  return { check: rewitness(db, dir, path, now), first: true };
}

/** The comparison made when this handle was opened, if one was (nothing is read nor written). */
export function witnessSeenOnOpen(db: Db): WitnessCheck | undefined {
  return checks.get(db);
}

/** Compares again, from the witness on disk (ledger.verify: another door may have written it since). */
export function rewitness(db: Db, dir: string, path: string, now: Date): WitnessCheck {
  const check = checkWitness(db, dir, path, now);
  checks.set(db, check);
  return check;
}

/** After a write transaction committed on this handle: the witness follows the chain. */
export function witnessCommit(db: Db, dir: string, path: string, now: Date): void {
  const check = checks.get(db);
  if (check) recordHead(db, dir, path, now, check);
  else {
    // A file just created (the only write that does not open it first): its first witness is no news.
    const created = rewitness(db, dir, path, now);
    if (created.status === 'none') checks.set(db, { ...created, status: 'same', note: null });
  }
}
