import type { Handlers, Request } from '../../../shared/contract';
import type { InvoiceStatus } from '../../../shared/domain/invoice';
import { AppError } from '../../../shared/errors';
import { centsToString } from '../../../shared/money';
import type { Db } from '../../db/open';
import { readInvoiceRow } from '../../db/repositories/invoice-repo';
import { containsPattern } from '../../db/text-search';
import { requireCompany } from '../company/company-service';
import type { ServiceContext } from '../context';
import { requireCustomer } from '../customers/customer-service';
import { accountMap } from '../ledger/accounts';
import { readInvoice, saveDraft, validateInvoice, type InvoiceDraft } from './invoices';

type InvoiceChannels = 'invoice.create' | 'invoice.update' | 'invoice.delete' | 'invoice.validate' | 'invoice.get' | 'invoice.list';

function requireDraft(db: Db, id: number) {
  const inv = readInvoiceRow(db, id);
  if (!inv) throw new AppError('NOT_FOUND', `Facture n° ${id} introuvable.`);
  if (inv.state !== 'draft') throw new AppError('CONFLICT', `La facture ${inv.number} est validée : elle ne se modifie ni ne se supprime. Corrigez-la par un avoir.`);
  return inv;
}

function draftOf(req: Request<'invoice.create'>): InvoiceDraft {
  return {
    customerId: req.customerId, date: req.date, dueDate: req.dueDate, deliveryDate: req.deliveryDate, orderRef: req.orderRef, notes: req.notes,
    discountPercent: req.discountPercent, escompte: req.escompte ?? null, lines: req.lines,
  };
}

export const invoiceHandlers: Pick<Handlers<ServiceContext>, InvoiceChannels> = {
  'invoice.create'(ctx, req) {
    return ctx.file.write((db) => {
      const company = requireCompany(db);
      const customer = requireCustomer(db, req.customerId);
      const now = ctx.now();
      const { id, warnings } = saveDraft(db, company, customer, draftOf(req), now);
      if (req.validate) validateInvoice(db, id, customer, now, req.overrideCreditLimit);
      return readInvoice(db, id, warnings);
    });
  },

  'invoice.update'(ctx, req) {
    return ctx.file.write((db) => {
      const company = requireCompany(db);
      const current = readInvoice(db, requireDraft(db, req.id).id);
      const merged: InvoiceDraft = {
        customerId: req.customerId ?? current.customerId,
        date: req.date ?? current.date,
        dueDate: 'dueDate' in req ? req.dueDate : 'date' in req || 'customerId' in req ? undefined : current.dueDate,
        deliveryDate: 'deliveryDate' in req ? req.deliveryDate : current.deliveryDate,
        orderRef: 'orderRef' in req ? req.orderRef : current.orderRef,
        notes: 'notes' in req ? req.notes : current.notes,
        discountPercent: 'discountPercent' in req ? req.discountPercent : current.discountPercent,
        escompte: 'escompte' in req ? (req.escompte ?? null) : (current.escompte ?? null),
        lines: req.lines ?? current.lines,
      };
      const customer = requireCustomer(db, merged.customerId);
      const { warnings } = saveDraft(db, company, customer, merged, ctx.now(), req.id);
      return readInvoice(db, req.id, warnings);
    });
  },

  'invoice.delete'(ctx, req) {
    return ctx.file.write((db) => {
      requireCompany(db);
      requireDraft(db, req.id);
      db.prepare("DELETE FROM invoice WHERE id = ? AND state = 'draft'").run(req.id);
      return { deleted: req.id };
    });
  },

  'invoice.validate'(ctx, req) {
    return ctx.file.write((db) => {
      requireCompany(db);
      const inv = requireDraft(db, req.id);
      validateInvoice(db, inv.id, requireCustomer(db, inv.customer_id), ctx.now(), req.overrideCreditLimit);
      return readInvoice(db, inv.id);
    });
  },

  'invoice.get'(ctx, req) {
    const db = ctx.file.db();
    requireCompany(db);
    return readInvoice(db, req.id);
  },

  'invoice.list'(ctx, req) {
    const db = ctx.file.db();
    requireCompany(db);
    return listInvoices(db, req);
  },
};

const STATUS_SQL = `CASE
  WHEN i.state = 'draft' THEN 'draft'
  WHEN coalesce(b.written_off, 0) = 1 AND coalesce(b.outstanding, 0) = 0 THEN 'written_off'
  WHEN coalesce(b.outstanding, 0) <= 0 THEN CASE WHEN coalesce(b.paid, 0) = 0 AND coalesce(b.credited, 0) >= i.gross_cents THEN 'cancelled' ELSE 'paid' END
  WHEN coalesce(b.doubtful, 0) > 0 THEN 'doubtful'
  WHEN coalesce(b.paid, 0) > 0 OR coalesce(b.credited, 0) > 0 THEN 'partial'
  ELSE 'open' END`;

/** The invoice list, filtered in SQL (status included, derived from the ledger the same way as readInvoice). */
export function listInvoices(db: Db, q: Request<'invoice.list'>) {
  const accounts = accountMap(db);
  const where: string[] = [];
  const p: Record<string, unknown> = { c: accounts.customers, d: accounts.doubtfulCustomers };
  if (q.customerId) {
    where.push('i.customer_id = @customerId');
    p.customerId = q.customerId;
  }
  if (q.from) {
    where.push('i.date >= @from');
    p.from = q.from;
  }
  if (q.to) {
    where.push('i.date <= @to');
    p.to = q.to;
  }
  if (q.status) {
    where.push(`(${STATUS_SQL}) = @status`);
    p.status = q.status;
  }
  if (q.search) {
    where.push("(i.number LIKE @search ESCAPE '\\' OR c.search_text LIKE @search ESCAPE '\\' OR printf('%d.%02d', i.gross_cents / 100, i.gross_cents % 100) = @amount)");
    p.search = containsPattern(q.search);
    p.amount = q.search.replace(',', '.').replace(/[\s\u00a0\u202f€]/g, '');
  }
  const from = `FROM invoice i JOIN customer c ON c.id = i.customer_id
    LEFT JOIN (
      SELECT k.invoice_id,
             sum(l.debit_cents - l.credit_cents) AS outstanding,
             sum(CASE WHEN k.role IN ('payment', 'advance', 'recovery') THEN l.credit_cents - l.debit_cents ELSE 0 END) AS paid,
             sum(CASE WHEN k.role IN ('credit_note', 'escompte') THEN l.credit_cents - l.debit_cents ELSE 0 END) AS credited,
             sum(CASE WHEN l.account = @d THEN l.debit_cents - l.credit_cents ELSE 0 END) AS doubtful,
             max(k.role = 'writeoff') AS written_off
        FROM invoice_ledger_line k JOIN entry_line l ON l.id = k.line_id
       WHERE l.account IN (@c, @d)
       GROUP BY k.invoice_id) b ON b.invoice_id = i.id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const total = Number(db.prepare(`SELECT count(*) ${from}`).pluck().get(p));
  const rows = db
    .prepare(
      `SELECT i.*, c.name AS customer_name, c.code AS customer_code, ${STATUS_SQL} AS status,
              coalesce(b.paid, 0) AS paid, coalesce(b.credited, 0) AS credited,
              CASE WHEN i.state = 'draft' THEN i.gross_cents ELSE coalesce(b.outstanding, 0) END AS outstanding
       ${from} ORDER BY i.date DESC, i.id DESC LIMIT @limit OFFSET @offset`,
    )
    .safeIntegers(true)
    .all({ ...p, limit: q.limit ?? 50_000, offset: q.offset ?? 0 }) as Record<string, unknown>[];
  const s = (v: unknown) => centsToString(v as bigint);
  return {
    total,
    rows: rows.map((r) => ({
      id: Number(r.id), ...(r.number ? { number: r.number as string } : {}), status: r.status as InvoiceStatus, customerId: Number(r.customer_id),
      customerName: r.customer_name as string, customerCode: r.customer_code as string, date: r.date as string, dueDate: r.due_date as string,
      ...(r.delivery_date ? { deliveryDate: r.delivery_date as string } : {}), ...(r.order_ref ? { orderRef: r.order_ref as string } : {}),
      ...(r.notes ? { notes: r.notes as string } : {}), ...(r.discount_percent ? { discountPercent: r.discount_percent as string } : {}),
      ...(r.escompte_percent ? { escompte: { percent: r.escompte_percent as string, days: Number(r.escompte_days ?? 0) } } : {}),
      vatRegime: r.vat_regime as string,
      totals: { net: s(r.net_cents), vat: s(r.vat_cents), gross: s(r.gross_cents), byRate: [] },
      paid: s(r.paid), credited: s(r.credited), outstanding: s(r.outstanding),
      ...(r.entry_id !== null ? { entryId: Number(r.entry_id) } : {}), ...(r.validated_at ? { validatedAt: r.validated_at as string } : {}),
    })),
  };
}
