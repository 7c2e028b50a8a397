import type { AccountMap } from '../../../shared/accounts';
import { formatDateShort } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { formatEuro } from '../../../shared/money';
import type { Db } from '../../db/open';
import { invoiceBalance, type LinkRole } from '../../db/repositories/invoice-repo';
import { stmt } from '../../db/statements';
import { accountMap } from '../ledger/accounts';
import { needsAux, postEntry, type Posting, type PostingLine } from '../ledger/post';
import { letterLines, unletter } from './lettering';
import { advanceBalance } from './payments';

interface PaymentRow {
  id: number;
  customer_id: number;
  code: string;
  name: string;
  date: string;
  advance_cents: bigint;
  entry_id: number;
}

interface LineRow {
  id: number;
  account: string;
  aux: string | null;
  label: string;
  debit_cents: bigint;
  credit_cents: bigint;
  invoice_id: number | null;
  role: LinkRole | null;
}

/**
 * payment.cancel: a recorded payment is cancelled by reversal, never deleted. Every entry it posted — the
 * receipt itself, and for each escompte taken the financial credit note and the OD that moved the VAT
 * still pending, and the écart settled afterwards — gets its mirror (debit for credit, line for line, each reversed line linked to the same
 * invoice with the same role), dated `date`: the kept balances return to what they were without it. The
 * lettering of those lines is undone first (not where it belongs to a closed year: a closed year's FEC never
 * changes); then each customer line is lettered with its mirror, and the invoices are open again, to be
 * settled by the payment recorded anew. Refused when its invoice was written off since, or when the
 * advance it left has since been used (the customer would then owe the advance back).
 */
export function cancelPayment(db: Db, req: { id: number; date?: string | undefined; reason: string }, today: string, now: Date): void {
  const p = stmt(
    db,
    `SELECT p.id, p.customer_id, c.code, c.name, p.date, p.advance_cents, p.entry_id FROM payment p JOIN customer c ON c.id = p.customer_id WHERE p.id = ?`,
  ).safeIntegers(true).get(req.id) as (Omit<PaymentRow, 'id' | 'customer_id' | 'entry_id'> & { id: bigint; customer_id: bigint; entry_id: bigint }) | undefined;
  if (!p) throw new AppError('NOT_FOUND', `Règlement n° ${req.id} introuvable.`);
  const payment: PaymentRow = { ...p, id: Number(p.id), customer_id: Number(p.customer_id), entry_id: Number(p.entry_id) };
  const done = stmt(db, 'SELECT date FROM payment_cancellation WHERE payment_id = ?').pluck().get(payment.id) as string | undefined;
  if (done) throw new AppError('CONFLICT', `Ce règlement a déjà été annulé le ${formatDateShort(done)} : un règlement ne s’annule qu’une fois.`);
  const date = req.date ?? (today < payment.date ? payment.date : today);
  if (date < payment.date) {
    throw new AppError('VALIDATION', `L’annulation ne peut pas précéder le règlement qu’elle annule (${formatDateShort(payment.date)}).`, { date: 'Date antérieure au règlement.' });
  }
  const accounts = accountMap(db);
  const allocations = stmt(db, 'SELECT a.invoice_id, i.number, a.escompte_credit_note_id FROM payment_allocation a JOIN invoice i ON i.id = a.invoice_id WHERE a.payment_id = ? ORDER BY a.rowid').all(payment.id) as {
    invoice_id: number; number: string; escompte_credit_note_id: number | null;
  }[];
  refuseWhatCannotBeUndone(db, payment, allocations, accounts);

  const originals = [
    payment.entry_id,
    ...allocations.flatMap((a) => (a.escompte_credit_note_id === null ? [] : escompteEntries(db, a.escompte_credit_note_id, a.invoice_id))),
    // The écart settled afterwards (payment.settleDifference), if any.
    ...(stmt(db, "SELECT id FROM entry WHERE source_kind = 'payment_difference' AND source_id = ? ORDER BY seq").pluck().all(payment.id) as number[]),
  ];
  const openYear = !inClosedYear(db, payment.entry_id);
  undoLettering(db, originals);

  // A receipt on an invoice reclassified as doubtful since: what it owes again goes where its debt now is (416).
  const nowDoubtful = new Set(allocations.filter((a) => invoiceBalance(db, a.invoice_id, { customers: accounts.customers, doubtful: accounts.doubtfulCustomers }).doubtful > 0n).map((a) => a.invoice_id));
  const pairs: { original: LineRow; mirror: number }[] = [];
  const reversals = originals.map((entryId) => {
    const lines = entryLines(db, entryId);
    const posted = postEntry(db, reversalOf(db, entryId, lines, date, payment.id, (l) => (l.account === accounts.customers && l.role === 'payment' && l.invoice_id !== null && nowDoubtful.has(l.invoice_id) ? accounts.doubtfulCustomers : l.account)), now);
    const mirrors = stmt(db, 'SELECT id, account FROM entry_line WHERE entry_id = ? ORDER BY line_no').all(posted.id) as { id: number; account: string }[];
    lines.forEach((l, i) => {
      const m = mirrors[i];
      if (m && m.account === l.account && needsAux(l.account)) pairs.push({ original: l, mirror: m.id });
    });
    return posted.id;
  });
  stmt(db, 'INSERT INTO payment_cancellation (payment_id, entry_id, date, reason, created_at) VALUES (?, ?, ?, ?, ?)').run(payment.id, reversals[0], date, req.reason, now.toISOString());
  // The payment and its reversal cancel out: lettered together, per account and customer (not in a closed year).
  if (openYear) letterWithMirrors(db, pairs, date, now);
}

function refuseWhatCannotBeUndone(db: Db, payment: PaymentRow, allocations: { invoice_id: number; number: string }[], accounts: AccountMap) {
  for (const a of allocations) {
    const writeOff = stmt(db, 'SELECT date FROM write_off WHERE invoice_id = ?').pluck().get(a.invoice_id) as string | undefined;
    if (writeOff) {
      throw new AppError(
        'CONFLICT',
        `La facture ${a.number} a été passée en perte le ${formatDateShort(writeOff)}, après ce règlement : l’annuler changerait une perte déjà constatée. Voyez avec votre comptable l’écriture de régularisation.`,
      );
    }
  }
  if (payment.advance_cents > 0n) {
    const available = advanceBalance(db, payment.code, accounts);
    if (available < payment.advance_cents) {
      throw new AppError(
        'CONFLICT',
        `Ce règlement a laissé ${formatEuro(payment.advance_cents)} d’avance à ${payment.name}, dont il ne reste que ${formatEuro(available > 0n ? available : 0n)} : le reste a depuis été imputé sur une facture ou remboursé. L’annuler laisserait le client vous devoir son avance.`,
      );
    }
  }
}

/**
 * The entries an escompte posted with the payment: its financial credit note, and the OD that moved the
 * VAT still pending (VAT on receipts), which the payment posts right after the credit note (next in the chain).
 */
function escompteEntries(db: Db, creditNoteId: number, invoiceId: number): number[] {
  const note = stmt(db, 'SELECT e.id, e.seq FROM credit_note c JOIN entry e ON e.id = c.entry_id WHERE c.id = ?').get(creditNoteId) as { id: number; seq: number } | undefined;
  if (!note) return [];
  const vat = stmt(db, "SELECT id FROM entry WHERE seq = ? AND journal = 'OD' AND source_kind = 'invoice' AND source_id = ?").pluck().get(note.seq + 1, invoiceId) as number | undefined;
  return vat === undefined ? [note.id] : [note.id, vat];
}

function inClosedYear(db: Db, entryId: number): boolean {
  return stmt(db, "SELECT fy.status = 'closed' FROM entry e JOIN fiscal_year fy ON fy.id = e.fiscal_year_id WHERE e.id = ?").pluck().get(entryId) === 1;
}

/** Removes every lettering that holds a line of these entries, unless it holds a line of a closed year. */
function undoLettering(db: Db, entryIds: number[]) {
  const letterings = stmt(
    db,
    `SELECT DISTINCT lt.id, lt.code, lt.account, lt.aux,
            EXISTS (SELECT 1 FROM lettering_line o JOIN entry_line ol ON ol.id = o.line_id JOIN entry oe ON oe.id = ol.entry_id JOIN fiscal_year fy ON fy.id = oe.fiscal_year_id
                     WHERE o.lettering_id = lt.id AND fy.status = 'closed') AS closed
       FROM entry_line l JOIN lettering_line ll ON ll.line_id = l.id JOIN lettering lt ON lt.id = ll.lettering_id
      WHERE l.entry_id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(entryIds)) as { id: number; code: string; account: string; aux: string; closed: number }[];
  for (const lt of letterings) if (!lt.closed) unletter(db, { code: lt.code, account: lt.account, aux: lt.aux || undefined });
}

function entryLines(db: Db, entryId: number): LineRow[] {
  const rows = stmt(
    db,
    `SELECT l.id, l.account, l.aux, l.label, l.debit_cents, l.credit_cents, k.invoice_id, k.role
       FROM entry_line l LEFT JOIN invoice_link k ON k.line_id = l.id WHERE l.entry_id = ? ORDER BY l.line_no`,
  ).safeIntegers(true).all(entryId) as (Omit<LineRow, 'id' | 'invoice_id'> & { id: bigint; invoice_id: bigint | null })[];
  const lines = rows.map((r) => ({ ...r, id: Number(r.id), invoice_id: r.invoice_id === null ? null : Number(r.invoice_id) }));
  if (new Set(lines.map((l) => l.id)).size !== lines.length) throw new Error(`Écriture ${entryId} : une ligne liée à plusieurs factures ne se contre-passe pas.`);
  return lines;
}

/** The mirror of an entry: same journal and piece, each line on the other side, linked as the original was. */
function reversalOf(db: Db, entryId: number, lines: LineRow[], date: string, paymentId: number, accountOf: (l: LineRow) => string): Posting {
  const e = stmt(db, 'SELECT journal, label, piece_ref FROM entry WHERE id = ?').get(entryId) as { journal: Posting['journal']; label: string; piece_ref: string };
  return {
    journal: e.journal,
    date,
    label: `Annulation : ${e.label}`,
    pieceRef: e.piece_ref,
    pieceDate: date,
    source: { kind: 'payment_cancellation', id: paymentId },
    lines: lines.map(
      (l): PostingLine => ({
        account: accountOf(l),
        aux: l.aux,
        label: `Annulation ${l.label}`,
        debit: l.credit_cents,
        credit: l.debit_cents,
        ...(l.invoice_id !== null && l.role !== null ? { link: { invoiceId: l.invoice_id, role: l.role } } : {}),
      }),
    ),
  };
}

/** Letters each customer (or advance) line of the payment with its mirror, when the line is open again. */
function letterWithMirrors(db: Db, pairs: { original: LineRow; mirror: number }[], date: string, now: Date) {
  const lettered = stmt(db, 'SELECT 1 FROM lettering_line WHERE line_id = ?').pluck();
  const groups = new Map<string, number[]>();
  for (const { original, mirror } of pairs) {
    if (lettered.get(original.id)) continue;
    const key = `${original.account}|${original.aux ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), original.id, mirror]);
  }
  for (const ids of groups.values()) letterLines(db, ids, date, now);
}
