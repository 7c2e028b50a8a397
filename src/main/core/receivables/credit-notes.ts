import type { AccountMap } from '../../../shared/accounts';
import { AppError } from '../../../shared/errors';
import type { CreditLineInput } from '../../../shared/invoice-math';
import type { Db } from '../../db/open';
import { invoiceBalance, readInvoiceLines, readInvoiceVat } from '../../db/repositories/invoice-repo';
import { stmt } from '../../db/statements';
import { accountMap } from '../ledger/accounts';
import { takeDocumentNumber } from '../ledger/numbering';
import { credit, debit } from '../ledger/lines';
import { postEntry, type PostingLine } from '../ledger/post';
import { creditParts, type CreditedInvoice, type CreditNoteKind, type CreditPart } from './credit-parts';
import { openInvoice, payable, refuseAboveOutstanding, refuseBeforeInvoice, type OpenInvoice } from './invoice-state';
import { letterSettledInvoice } from './lettering';

/** The invoice as the credit-parts planner reads it. */
function creditedInvoice(db: Db, open: OpenInvoice, accounts: AccountMap): CreditedInvoice {
  const inv = open.row;
  const lines = readInvoiceLines(db, inv.id).map((l) => ({ kind: l.kind, rate: l.vat_rate, net: l.net_cents, account: l.account }));
  // A final invoice owes its lines less the deposits it deducts: they count as lines taken off 4191, so
  // the parts split what is owed, rate by rate.
  const deducted = stmt(db, 'SELECT rate, sum(base_cents) AS base FROM invoice_deduction WHERE invoice_id = ? GROUP BY rate').safeIntegers(true).all(inv.id) as { rate: string; base: bigint }[];
  for (const d of deducted) lines.push({ kind: lines.find((l) => l.rate === d.rate)?.kind ?? 'services', rate: d.rate, net: -d.base, account: accounts.customerAdvances });
  return {
    gross: inv.gross_cents, outstanding: open.balance.outstanding, vatRegime: inv.vat_regime,
    lines, pendingOnGoods: inv.quote_role === 'deposit' && inv.vat_regime !== 'encaissements',
    vat: readInvoiceVat(db, inv.id).map((v) => ({ rate: v.rate, base: v.base_cents, vat: v.vat_cents, pending: v.pending_cents })),
  };
}

function grossOf(parts: CreditPart[]) {
  return parts.reduce((s, p) => s + p.base + p.vat, 0n);
}

/** Writes a credit note (draft) for its invoice; refuses more than the outstanding. */
export function saveCreditNote(db: Db, req: { invoiceId: number; date: string; reason: string; kind: CreditNoteKind; lines?: CreditLineInput[]; escomptePercent?: string }, now: Date): number {
  const accounts = accountMap(db);
  const open = openInvoice(db, req.invoiceId, null, accounts, 'd’émettre un avoir');
  refuseBeforeInvoice(open.row, req.date, 'date');
  // Penalties (7631, no VAT) are given up whole: lines would be priced as sales (706/7097).
  if (open.row.penalty_of !== null && (req.kind !== 'cancellation' || (req.lines && req.lines.length > 0))) {
    const message = `${open.row.number} est une facture de pénalités : elle s’annule pour son reste dû, par un avoir d’annulation sans lignes.`;
    throw new AppError('VALIDATION', message, { [req.lines ? 'lines' : 'kind']: message });
  }
  const invoice = creditedInvoice(db, open, accounts);
  const rates = new Set(invoice.vat.map((v) => v.rate));
  req.lines?.forEach((l, i) => {
    if (!rates.has(l.vatRate)) throw new AppError('VALIDATION', `La facture ${open.row.number} n’a pas de ligne à ${l.vatRate.replace('.', ',')} % : un avoir reprend les taux de sa facture.`, { [`lines.${i}.vatRate`]: 'Taux absent de la facture.' });
  });
  const parts = creditParts(invoice, req, accounts);
  // A deposit invoice was credited to 4191, not to sales: whatever the credit note's kind, it goes back there.
  // Typed by lines, its goods' VAT is taken back where the deposit keeps it until received: 44574.
  if (open.row.quote_role === 'deposit') {
    for (const p of parts) {
      p.account = accounts.customerAdvances;
      if (req.lines?.length && p.kind === 'goods') p.pending = p.vat;
    }
  }
  const gross = grossOf(parts);
  if (gross <= 0n) throw new AppError('VALIDATION', 'Un avoir porte un montant supérieur à zéro.', { lines: 'Montant nul.' });
  refuseAboveOutstanding(payable(open), gross, req.lines ? 'lines' : 'invoiceId', 'L’avoir');
  const net = parts.reduce((s, p) => s + p.base, 0n);
  const id = Number(
    stmt(db, 'INSERT INTO credit_note (invoice_id, kind, date, reason, net_cents, vat_cents, gross_cents, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      req.invoiceId, req.kind, req.date, req.reason, net, gross - net, gross, now.toISOString(),
    ).lastInsertRowid,
  );
  const insert = stmt(db, 'INSERT INTO credit_note_part (credit_note_id, rate, kind, account, base_cents, vat_cents, pending_cents, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const p of parts) insert.run(id, p.rate, p.kind, p.account, p.base, p.vat, p.pending, p.description || 'Avoir');
  return id;
}

/**
 * Validates a credit note: AV number, the VT entry (D 706/707 or 7096/7097 or 665 nets, D 44571 or
 * 44574 VAT, C 411 or 416 gross), linked to its invoice, which is lettered once settled.
 */
export function validateCreditNote(db: Db, id: number, now: Date): void {
  const cn = stmt(db, 'SELECT * FROM credit_note WHERE id = ?').safeIntegers(true).get(id) as
    | { id: bigint; invoice_id: bigint; kind: CreditNoteKind; state: string; date: string; reason: string; gross_cents: bigint; number: string | null }
    | undefined;
  if (!cn) throw new AppError('NOT_FOUND', `Avoir n° ${id} introuvable.`);
  if (cn.state !== 'draft') throw new AppError('CONFLICT', `L’avoir ${cn.number} est déjà validé.`);
  const accounts = accountMap(db);
  const invoiceId = Number(cn.invoice_id);
  const open = openInvoice(db, invoiceId, null, accounts, 'd’émettre un avoir');
  refuseAboveOutstanding(payable(open), cn.gross_cents, 'invoiceId', 'L’avoir');
  const customer = stmt(db, 'SELECT code, name FROM customer WHERE id = ?').get(open.row.customer_id) as { code: string; name: string };
  const parts = stmt(db, 'SELECT rate, kind, account, base_cents, vat_cents, pending_cents FROM credit_note_part WHERE credit_note_id = ?').safeIntegers(true).all(id) as {
    rate: string; kind: string; account: string; base_cents: bigint; vat_cents: bigint; pending_cents: bigint;
  }[];
  const number = takeDocumentNumber(db, 'AV', cn.date);
  const label = `Avoir ${number} sur ${open.row.number} ${customer.name}`;
  // The pending VAT lines and the customer line are linked to the invoice, as its own were.
  const link = { invoiceId, role: cn.kind === 'escompte' ? 'escompte' : 'credit_note' } as const;
  const posting: PostingLine[] = [];
  const byAccount = new Map<string, bigint>();
  for (const p of parts) byAccount.set(p.account, (byAccount.get(p.account) ?? 0n) + p.base_cents);
  // A deposit invoice's credit note goes back to 4191, the customer's (see invoicedDepositLine).
  for (const [account, base] of byAccount) if (base > 0n) posting.push(debit(account, base, { label, ...(account === accounts.customerAdvances ? { aux: customer.code } : {}) }));
  const pendings = pendingTaken(parts, open.pendingVat, cn.gross_cents === open.balance.outstanding);
  parts.forEach((p, i) => {
    const rate = p.rate.replace('.', ',');
    const pending = pendings[i] ?? 0n;
    if (p.vat_cents - pending > 0n) posting.push(debit(accounts.vatCollected, p.vat_cents - pending, { label: `TVA ${rate} % ${number}` }));
    if (pending > 0n) posting.push(debit(accounts.vatPending, pending, { label: `TVA ${rate} % en attente ${number}`, link }));
  });
  posting.push(credit(open.creditAccount, cn.gross_cents, { aux: customer.code, label, link }));
  // The credit note takes its number before its entry is sealed: the seal covers what it prints.
  postEntry(db, { journal: 'VT', date: cn.date, label, pieceRef: number, pieceDate: cn.date, lines: posting, source: { kind: 'credit_note', id }, printed: true }, now, (entry) => {
    stmt(db, "UPDATE credit_note SET state = 'validated', number = ?, entry_id = ?, validated_at = ? WHERE id = ?").run(number, entry.id, now.toISOString(), id);
  });
  settleIfPaid(db, invoiceId, cn.date, accounts, now);
}

/**
 * The VAT each part takes back from 44574 (VAT on receipts still pending), the rest from 44571: its own
 * pending part, never more than the invoice still holds there. A credit note that settles the invoice
 * takes back whatever is still pending for it (as the payment that settles an invoice does, §2), whatever
 * nature its lines say: no money will come for that VAT, so it was never due, and 44574 is left clear.
 */
export function pendingTaken(parts: readonly { kind: string; vat_cents: bigint; pending_cents: bigint }[], pendingNow: bigint, settles: boolean): bigint[] {
  let left = pendingNow;
  const taken = parts.map((p) => {
    const t = p.pending_cents > left ? left : p.pending_cents;
    left -= t;
    return t;
  });
  if (!settles) return taken;
  // Services first: their VAT is the one that waits on receipts.
  const order = parts.map((_, i) => i).sort((a, b) => Number(parts[b]?.kind === 'services') - Number(parts[a]?.kind === 'services'));
  for (const i of order) {
    if (left <= 0n) break;
    const room = (parts[i]?.vat_cents ?? 0n) - (taken[i] ?? 0n);
    const more = room < left ? room : left;
    if (more > 0n) {
      taken[i] = (taken[i] ?? 0n) + more;
      left -= more;
    }
  }
  return taken;
}

export function settleIfPaid(db: Db, invoiceId: number, date: string, accounts: AccountMap, now: Date) {
  const b = invoiceBalance(db, invoiceId, { customers: accounts.customers, doubtful: accounts.doubtfulCustomers });
  if (b.outstanding === 0n) letterSettledInvoice(db, invoiceId, date, [accounts.customers, accounts.doubtfulCustomers], now);
}
