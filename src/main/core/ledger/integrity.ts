import { formatDateShort } from '../../../shared/dates';
import { centsToString } from '../../../shared/money';
import type { Db } from '../../db/open';
import { balanceDrift } from '../../db/repositories/invoice-balance-repo';
import { ledgerDayDrift } from '../../db/repositories/ledger-day-repo';
import { verifyLedger, type BrokenAt, type VerifyReport } from './verify';
import { compareHead, headMismatchReason, rewitness, witnessSeenOnOpen } from './witness';

export interface WitnessPlace {
  dir: string;
  path: string;
  now: Date;
}

/**
 * ledger.verify: the journal's own checks (verifyLedger: balance, numbering, hash chain, the documents
 * the entries sealed), then what the chain alone cannot see: the head recorded at each closing, the head
 * kept outside the file (the witness, when the door has a data folder), the links between tables
 * (PRAGMA foreign_key_check) and the kept totals against the ledger lines. The first fault is reported.
 */
export function verifyIntegrity(db: Db, witness?: WitnessPlace): VerifyReport {
  // What this computer knew of the file when it was opened: nothing (a first opening, a copy) is said, not faulted.
  const seen = witness ? witnessSeenOnOpen(db) : undefined;
  const note = seen?.status === 'none' ? seen.note : null;
  const notice = note ? { notice: note } : {};
  const report = verifyLedger(db);
  if (!report.ok) return { ...report, ...notice };
  const broken = closingFault(db) ?? (witness ? witnessFault(db, witness) : undefined) ?? foreignKeyFault(db) ?? keptTotalsFault(db);
  return broken ? { ok: false, entries: report.entries, brokenAt: broken, ...notice } : { ...report, ...notice };
}

/** Where a fault about an entry of the sequence points: that entry if it is still there. */
function atSeq(db: Db, seq: number, reason: string): BrokenAt {
  const e = db.prepare('SELECT id, num, date FROM entry WHERE seq = ?').get(seq) as { id: number; num: number; date: string } | undefined;
  return e ? { entryId: e.id, seq, num: e.num, date: e.date, reason } : { entryId: 0, seq, num: null, date: '', reason };
}

/** Each closing recorded the head of the chain (migration 0011): it must still be there, with its hash. */
function closingFault(db: Db): BrokenAt | undefined {
  const years = db.prepare('SELECT end_date, closing_seq, closing_hash FROM fiscal_year WHERE closing_seq IS NOT NULL ORDER BY end_date').all() as {
    end_date: string; closing_seq: number; closing_hash: string;
  }[];
  for (const y of years) {
    const seen = { seq: y.closing_seq, hash: y.closing_hash };
    const reason = headMismatchReason(compareHead(db, seen), seen, `à la clôture de l’exercice clos le ${formatDateShort(y.end_date)}`);
    if (reason) return atSeq(db, seen.seq, reason);
  }
  return undefined;
}

function witnessFault(db: Db, w: WitnessPlace): BrokenAt | undefined {
  const check = rewitness(db, w.dir, w.path, w.now);
  return check.fault ? atSeq(db, check.seq, check.fault) : undefined;
}

function foreignKeyFault(db: Db): BrokenAt | undefined {
  const broken = db.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string }[];
  const first = broken[0];
  if (!first) return undefined;
  const more = broken.length > 1 ? ` (${broken.length} liens rompus en tout)` : '';
  return {
    entryId: 0, seq: 0, num: null, date: '',
    reason: `Lien rompu : une ligne de la table « ${first.table} »${first.rowid === null ? '' : ` (n° ${first.rowid})`} renvoie à un élément de « ${first.parent} » qui n’existe pas${more}. Un enregistrement a été supprimé ou modifié en dehors d’Encours.`,
  };
}

/** The kept totals (invoice balances, totals per account and day) must agree with the ledger lines. */
function keptTotalsFault(db: Db): BrokenAt | undefined {
  const invoice = balanceDrift(db, 1)[0];
  if (invoice) {
    const number = (db.prepare('SELECT number FROM invoice WHERE id = ?').pluck().get(invoice.invoiceId) as string | null | undefined) ?? `n° ${invoice.invoiceId}`;
    const amount = (r: Record<string, unknown> | null) => (r && typeof r.outstanding === 'number' ? `${centsToString(BigInt(r.outstanding)).replace('.', ',')} €` : 'aucun');
    return {
      entryId: 0, seq: 0, num: null, date: '',
      reason: `Totaux conservés faussés : le solde enregistré de la facture ${number} (reste dû ${amount(invoice.kept)}) ne correspond plus à ses écritures (reste dû ${amount(invoice.ledger)}). La liste des factures et la balance âgée afficheraient un chiffre que le journal ne contient pas.`,
    };
  }
  const day = ledgerDayDrift(db, 1)[0];
  if (day) {
    return {
      entryId: 0, seq: 0, num: null, date: day.date,
      reason: `Totaux conservés faussés : les totaux enregistrés du compte ${day.account} au ${formatDateShort(day.date)} ne correspondent plus aux lignes du journal. La balance et les rapports qui les lisent afficheraient un chiffre que le journal ne contient pas.`,
    };
  }
  return undefined;
}
