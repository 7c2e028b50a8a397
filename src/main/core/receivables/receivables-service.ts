import type { Handlers } from '../../../shared/contract';
import { vatReceipts } from './vat-receipts';
import type { CreditNote } from '../../../shared/domain/payment';
import { AppError } from '../../../shared/errors';
import { centsToString, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import type { HandlerContext } from '../context';
import { requireCustomer } from '../customers/customer-service';
import { accountMap } from '../ledger/accounts';
import { saveCreditNote, validateCreditNote } from './credit-notes';
import type { CreditNoteKind } from './credit-parts';
import { autoLetter, letterLines, unletter } from './lettering';
import { applyAdvance, recordPayment, refundAdvance } from './payments';
import { readPayment } from './payment-service';
import { aging, customerStatement, dso, vatReport } from './reports';
import { importCustomers, importOpenInvoices } from './import';

type Channels =
  | 'creditNote.create' | 'creditNote.validate' | 'creditNote.get' | 'payment.record' | 'payment.get' | 'advance.apply' | 'advance.refund'
  | 'lettering.match' | 'lettering.unmatch' | 'lettering.auto' | 'report.aging' | 'report.dso' | 'report.customerStatement' | 'report.vat' | 'report.vatReceipts' | 'import.customers' | 'import.openInvoices';

const s = centsToString;

export function readCreditNote(db: Db, id: number): CreditNote {
  const cn = stmt(db, 'SELECT c.*, i.number AS invoice_number, i.customer_id FROM credit_note c JOIN invoice i ON i.id = c.invoice_id WHERE c.id = ?').safeIntegers(true).get(id) as
    | { id: bigint; number: string | null; state: 'draft' | 'validated'; invoice_id: bigint; invoice_number: string; customer_id: bigint; kind: CreditNoteKind; date: string; reason: string; net_cents: bigint; vat_cents: bigint; gross_cents: bigint; entry_id: bigint | null }
    | undefined;
  if (!cn) throw new AppError('NOT_FOUND', `Avoir n° ${id} introuvable.`);
  const parts = stmt(db, 'SELECT rate, kind, account, base_cents, vat_cents, description FROM credit_note_part WHERE credit_note_id = ?').safeIntegers(true).all(id) as { rate: string; kind: 'goods' | 'services'; account: string; base_cents: bigint; vat_cents: bigint; description: string }[];
  return {
    id: Number(cn.id), ...(cn.number ? { number: cn.number } : {}), status: cn.state, invoiceId: Number(cn.invoice_id), invoiceNumber: cn.invoice_number, customerId: Number(cn.customer_id),
    kind: cn.kind, date: cn.date, reason: cn.reason, totals: { net: s(cn.net_cents), vat: s(cn.vat_cents), gross: s(cn.gross_cents) },
    parts: parts.map((p) => ({ rate: p.rate, kind: p.kind, account: p.account, base: s(p.base_cents), vat: s(p.vat_cents), description: p.description })),
    ...(cn.entry_id !== null ? { entryId: Number(cn.entry_id) } : {}),
  };
}

export const receivablesHandlers: Pick<Handlers<HandlerContext>, Channels> = {
  'creditNote.create'({ db, now }, req) {
    const id = saveCreditNote(db, { invoiceId: req.invoiceId, date: req.date, reason: req.reason, kind: req.kind ?? 'cancellation', ...(req.lines ? { lines: req.lines } : {}) }, now());
    if (req.validate) validateCreditNote(db, id, now());
    return readCreditNote(db, id);
  },
  'creditNote.validate'({ db, now }, req) {
    validateCreditNote(db, req.id, now());
    return readCreditNote(db, req.id);
  },
  'creditNote.get'({ db }, req) {
    return readCreditNote(db, req.id);
  },
  'payment.record'({ db, now, company }, req) {
    requireCustomer(db, req.customerId);
    const r = recordPayment(
      db,
      {
        customerId: req.customerId, date: req.date, amount: toCents(req.amount), method: req.method, reference: req.reference,
        allocations: req.allocations?.map((a) => ({ invoiceId: a.invoiceId, amount: toCents(a.amount) })), escompte: req.escompte,
        settleDifference: req.settleDifference ? { threshold: toCents(company.paymentDifferenceThreshold) } : undefined,
      },
      now(),
    );
    return readPayment(db, r.paymentId);
  },
  'payment.get'({ db }, req) {
    return readPayment(db, req.id);
  },
  'advance.apply'({ db, now }, req) {
    return applyAdvance(db, { ...req, amount: toCents(req.amount) }, now());
  },
  'advance.refund'({ db, now }, req) {
    return refundAdvance(db, { ...req, amount: toCents(req.amount) }, now());
  },
  'lettering.match'({ db, now }, req) {
    const date = req.date ?? (db.prepare('SELECT max(e.date) FROM entry_line l JOIN entry e ON e.id = l.entry_id WHERE l.id IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(req.lineIds)) as string | null);
    if (!date) throw new AppError('NOT_FOUND', 'Lignes d’écriture introuvables.');
    return letterLines(db, req.lineIds, date, now());
  },
  'lettering.unmatch'({ db }, req) {
    return unletter(db, req);
  },
  'lettering.auto'({ db, now }, req) {
    const accounts = accountMap(db);
    const code = req.customerId ? requireCustomer(db, req.customerId).code : null;
    return { matched: autoLetter(db, [accounts.customers, accounts.doubtfulCustomers, accounts.customerAdvances], code, now()) };
  },
  'report.aging'({ db }, req) {
    return aging(db, req.asOf, req.buckets ?? [30, 60, 90], accountMap(db));
  },
  'report.dso'({ db }, req) {
    return dso(db, req.from, req.to, req.method, accountMap(db));
  },
  'report.customerStatement'({ db, today }, req) {
    return customerStatement(db, req.customerId, accountMap(db), today(), req.from, req.to);
  },
  'report.vat'({ db }, req) {
    return vatReport(db, req.from, req.to, accountMap(db));
  },
  'report.vatReceipts'({ db }, req) {
    return vatReceipts(db, req.from, req.to, accountMap(db));
  },
  'import.customers'({ db, now }, req) {
    return importCustomers(db, req.csv, req.dryRun ?? false, now());
  },
  'import.openInvoices'({ db, company, now }, req) {
    return importOpenInvoices(db, company, req.csv, req.dryRun ?? false, now());
  },
};
