import type { AccountMap } from '../../../shared/accounts';
import { AppError } from '../../../shared/errors';
import { creditLineParts, escompte as escompteMath, prorata, vatOf } from '../../../shared/invoice-math';
import type { Db } from '../../db/open';
import { invoiceBalance, linkLines, readInvoiceLines, readInvoiceVat, type InvoiceRow } from '../../db/repositories/invoice-repo';
import { stmt } from '../../db/statements';
import { accountMap } from '../ledger/accounts';
import { takeDocumentNumber } from '../ledger/numbering';
import { postEntry, type PostingLine } from '../ledger/post';
import { openInvoice, refuseAboveOutstanding, refuseBeforeInvoice, type OpenInvoice } from './invoice-state';
import { letterSettledInvoice } from './lettering';

export type CreditNoteKind = 'cancellation' | 'rebate' | 'escompte';

/** What a credit note takes back for one rate and nature: base, VAT, and the part of it still pending. */
export interface CreditPart {
  rate: string;
  kind: 'goods' | 'services';
  account: string;
  base: bigint;
  vat: bigint;
  pending: bigint;
  description: string;
}

export interface CreditNoteLineInput {
  description: string;
  quantity: string;
  unitPrice: string;
  vatRate: string;
  kind: 'goods' | 'services';
  discountPercent?: string | undefined;
}

function revenueAccount(kind: CreditNoteKind, nature: 'goods' | 'services', accounts: AccountMap, lineAccount?: string | null): string {
  if (kind === 'rebate') return nature === 'goods' ? accounts.rebatesGoods : accounts.rebatesServices;
  if (kind === 'escompte') return accounts.escompteGranted;
  return lineAccount ?? (nature === 'goods' ? accounts.salesGoods : accounts.salesServices);
}

/** The invoice's own groups (rate × nature): base from its lines, VAT rounded once per rate and split. */
function invoiceGroups(db: Db, inv: InvoiceRow) {
  const lines = readInvoiceLines(db, inv.id);
  const groups: { rate: string; kind: 'goods' | 'services'; account: string | null; base: bigint; vat: bigint; pending: bigint }[] = [];
  for (const v of readInvoiceVat(db, inv.id)) {
    const atRate = lines.filter((l) => l.vat_rate === v.rate);
    for (const kind of ['goods', 'services'] as const) {
      const ofKind = atRate.filter((l) => l.kind === kind);
      if (ofKind.length === 0) continue;
      const base = ofKind.reduce((s, l) => s + l.net_cents, 0n);
      const accountsUsed = new Set(ofKind.map((l) => l.account));
      groups.push({ rate: v.rate, kind, account: accountsUsed.size === 1 ? (ofKind[0]?.account ?? null) : null, base, vat: 0n, pending: kind === 'services' ? v.pending_cents : 0n });
    }
    // The rate's VAT was rounded once: services carry their pending part, goods the rest.
    const ofRate = groups.filter((g) => g.rate === v.rate);
    const services = ofRate.find((g) => g.kind === 'services');
    const goods = ofRate.find((g) => g.kind === 'goods');
    if (services) services.vat = goods ? (v.pending_cents > 0n ? v.pending_cents : vatOf(services.base, v.rate)) : v.vat_cents;
    if (goods) goods.vat = v.vat_cents - (services?.vat ?? 0n);
  }
  return groups;
}

/**
 * The parts a credit note takes back. Lines given: computed like an invoice. No lines: the whole
 * outstanding, split in the invoice's own proportions, the last part absorbing the rounding so the
 * parts add up to the cent. Escompte: the discount per rate (accounting.md §4).
 */
export function creditParts(db: Db, open: OpenInvoice, kind: CreditNoteKind, accounts: AccountMap, lines?: CreditNoteLineInput[], escomptePercent?: string): CreditPart[] {
  const inv = open.row;
  const pendingShare = (vat: bigint, rate: string) => {
    const v = readInvoiceVat(db, inv.id).find((r) => r.rate === rate);
    return v && v.vat_cents > 0n ? prorata(vat, v.pending_cents, v.vat_cents) : 0n;
  };
  if (kind === 'escompte') {
    const e = escompteMath(readInvoiceVat(db, inv.id).map((v) => ({ rate: v.rate, base: v.base_cents, vat: v.vat_cents })), escomptePercent ?? '0');
    return e.perRate.map((r) => ({ rate: r.rate, kind: 'goods', account: accounts.escompteGranted, base: r.base, vat: r.vat, pending: pendingShare(r.vat, r.rate), description: `Escompte ${escomptePercent} %` }));
  }
  if (lines && lines.length > 0) {
    return creditLineParts(lines, { noVat: inv.vat_regime === 'franchise', vatOnReceipts: inv.vat_regime === 'encaissements' }).map(({ descriptions, ...p }) => ({
      ...p, account: revenueAccount(kind, p.kind, accounts), description: descriptions.join(', '),
    }));
  }
  const outstanding = open.balance.outstanding;
  const groups = invoiceGroups(db, inv);
  const parts = groups.map((g) => {
    const vat = outstanding === inv.gross_cents ? g.vat : prorata(outstanding, g.vat, inv.gross_cents);
    const base = outstanding === inv.gross_cents ? g.base : prorata(outstanding, g.base, inv.gross_cents);
    return { rate: g.rate, kind: g.kind, account: revenueAccount(kind, g.kind, accounts, g.account), base, vat, pending: g.pending > 0n ? (outstanding === inv.gross_cents ? g.pending : prorata(outstanding, g.pending, inv.gross_cents)) : 0n, description: 'Reste dû de la facture' };
  });
  const total = parts.reduce((s, p) => s + p.base + p.vat, 0n);
  const last = parts[parts.length - 1];
  if (last) last.base += outstanding - total;
  return parts;
}

function grossOf(parts: CreditPart[]) {
  return parts.reduce((s, p) => s + p.base + p.vat, 0n);
}

/** Writes a credit note (draft) for its invoice; refuses more than the outstanding. */
export function saveCreditNote(db: Db, req: { invoiceId: number; date: string; reason: string; kind: CreditNoteKind; lines?: CreditNoteLineInput[]; escomptePercent?: string }, now: Date): number {
  const accounts = accountMap(db);
  const open = openInvoice(db, req.invoiceId, null, accounts, 'd’émettre un avoir');
  refuseBeforeInvoice(open, req.date, 'date');
  const rates = new Set(readInvoiceVat(db, open.row.id).map((v) => v.rate));
  req.lines?.forEach((l, i) => {
    if (!rates.has(l.vatRate)) throw new AppError('VALIDATION', `La facture ${open.row.number} n’a pas de ligne à ${l.vatRate.replace('.', ',')} % : un avoir reprend les taux de sa facture.`, { [`lines.${i}.vatRate`]: 'Taux absent de la facture.' });
  });
  const parts = creditParts(db, open, req.kind, accounts, req.lines, req.escomptePercent);
  const gross = grossOf(parts);
  if (gross <= 0n) throw new AppError('VALIDATION', 'Un avoir porte un montant supérieur à zéro.', { lines: 'Montant nul.' });
  refuseAboveOutstanding(open, gross, req.lines ? 'lines' : 'invoiceId', 'L’avoir');
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
  refuseAboveOutstanding(open, cn.gross_cents, 'invoiceId', 'L’avoir');
  const customer = stmt(db, 'SELECT code, name FROM customer WHERE id = ?').get(open.row.customer_id) as { code: string; name: string };
  const parts = stmt(db, 'SELECT rate, kind, account, base_cents, vat_cents, pending_cents FROM credit_note_part WHERE credit_note_id = ?').safeIntegers(true).all(id) as {
    rate: string; kind: string; account: string; base_cents: bigint; vat_cents: bigint; pending_cents: bigint;
  }[];
  const number = takeDocumentNumber(db, 'AV', cn.date);
  const label = `Avoir ${number} sur ${open.row.number} ${customer.name}`;
  const posting: PostingLine[] = [];
  const linked: number[] = [];
  const byAccount = new Map<string, bigint>();
  for (const p of parts) byAccount.set(p.account, (byAccount.get(p.account) ?? 0n) + p.base_cents);
  for (const [account, base] of byAccount) if (base > 0n) posting.push({ account, debit: base, label });
  for (const p of parts) {
    const rate = p.rate.replace('.', ',');
    const pending = p.pending_cents > open.pendingVat ? open.pendingVat : p.pending_cents;
    if (p.vat_cents - pending > 0n) posting.push({ account: accounts.vatCollected, debit: p.vat_cents - pending, label: `TVA ${rate} % ${number}` });
    if (pending > 0n) {
      linked.push(posting.length);
      posting.push({ account: accounts.vatPending, debit: pending, label: `TVA ${rate} % en attente ${number}` });
    }
  }
  linked.push(posting.length);
  posting.push({ account: open.creditAccount, aux: customer.code, credit: cn.gross_cents, label });
  const entry = postEntry(db, { journal: 'VT', date: cn.date, label, pieceRef: number, pieceDate: cn.date, lines: posting, source: { kind: 'credit_note', id } }, now);
  linkLines(db, invoiceId, linked.map((i) => entry.lineIds[i] as number), cn.kind === 'escompte' ? 'escompte' : 'credit_note');
  stmt(db, "UPDATE credit_note SET state = 'validated', number = ?, entry_id = ?, validated_at = ? WHERE id = ?").run(number, entry.id, now.toISOString(), id);
  settleIfPaid(db, invoiceId, cn.date, accounts, now);
}

export function settleIfPaid(db: Db, invoiceId: number, date: string, accounts: AccountMap, now: Date) {
  const b = invoiceBalance(db, invoiceId, { customers: accounts.customers, doubtful: accounts.doubtfulCustomers });
  if (b.outstanding === 0n) letterSettledInvoice(db, invoiceId, date, [accounts.customers, accounts.doubtfulCustomers], now);
}
