import type { Handlers, Request } from '../../../shared/contract';
import type { InvoiceStatus } from '../../../shared/domain/invoice';
import { AppError } from '../../../shared/errors';
import type { Company } from '../../../shared/domain/company';
import { centsToString, formatEuro } from '../../../shared/money';
import { pricesFromTtc } from '../../../shared/prices-with-tax';
import type { Db } from '../../db/open';
import { readInvoiceRow } from '../../db/repositories/invoice-repo';
import { stmt } from '../../db/statements';
import { containsPattern, typedAmount } from '../../db/text-search';
import type { HandlerContext } from '../context';
import { requireCustomer } from '../customers/customer-service';
import { invoiceStatusCte } from './balances';
import { escompteDto } from './escompte';
import { recheckQuoteInvoice } from './deposits';
import { readInvoice, saveDraft, saveValidated, validateInvoice, type InvoiceDraft } from './invoices';

type InvoiceChannels = 'invoice.create' | 'invoice.update' | 'invoice.delete' | 'invoice.validate' | 'invoice.get' | 'invoice.list';

function requireDraft(db: Db, id: number) {
  const inv = readInvoiceRow(db, id);
  if (!inv) throw new AppError('NOT_FOUND', `Facture n° ${id} introuvable.`);
  if (inv.state !== 'draft') throw new AppError('CONFLICT', `La facture ${inv.number} est validée : elle ne se modifie ni ne se supprime. Corrigez-la par un avoir.`);
  return inv;
}

/** A draft made from a quote is remade from the quote (delete it, then « Facturer » again), not edited line by line. */
function requireEditableDraft(db: Db, id: number) {
  const inv = requireDraft(db, id);
  if (inv.quote_role) {
    throw new AppError('CONFLICT', `Ce brouillon de facture ${inv.quote_role === 'deposit' ? 'd’acompte' : 'finale'} vient d’un devis : supprimez-le et facturez à nouveau le devis pour le modifier.`);
  }
  return inv;
}

/**
 * Lines typed TTC, in HT: the unit prices that give the typed TTC (pricesFromTtc), and the warning when a
 * rate's total could not be reached to the cent. Lines typed HT are returned as they are.
 */
export function linesInHt(company: Company, lines: InvoiceDraft['lines'], pricesIncludeTax: boolean | undefined, document = 'la facture'): { lines: InvoiceDraft['lines']; warnings: string[] } {
  if (!pricesIncludeTax) return { lines, warnings: [] };
  const r = pricesFromTtc(lines, { noVat: company.vatRegime === 'franchise' });
  const warnings =
    r.difference === 0n
      ? []
      : [
          `Prix saisis TTC : ${document} fait ${formatEuro(r.typedGross + r.difference)} TTC, et non ${formatEuro(r.typedGross)}. La TVA, arrondie une fois par taux, ne permet pas d’atteindre ce total au centime près : ajustez un prix d’un centime si vous tenez au montant exact.`,
        ];
  return { lines: r.lines, warnings };
}

function draftOf(company: Company, req: Request<'invoice.create'>): { draft: InvoiceDraft; warnings: string[] } {
  const ht = linesInHt(company, req.lines, req.pricesIncludeTax);
  return {
    draft: {
      customerId: req.customerId, date: req.date, dueDate: req.dueDate, deliveryDate: req.deliveryDate, orderRef: req.orderRef, notes: req.notes,
      discountPercent: req.discountPercent, escompte: req.escompte ?? null, lines: ht.lines,
    },
    warnings: ht.warnings,
  };
}

export const invoiceHandlers: Pick<Handlers<HandlerContext>, InvoiceChannels> = {
  'invoice.create'({ db, company, now }, req) {
    const customer = requireCustomer(db, req.customerId);
    const { draft, warnings: priceWarnings } = draftOf(company, req);
    // Created validated: written once, with its number and entry (same checks and entry as validating a draft).
    const { id, warnings } = req.validate ? saveValidated(db, company, customer, draft, now(), req.overrideCreditLimit) : saveDraft(db, company, customer, draft, now());
    return readInvoice(db, id, [...priceWarnings, ...warnings]);
  },

  'invoice.update'({ db, company, now }, req) {
    const current = readInvoice(db, requireEditableDraft(db, req.id).id);
    const merged: InvoiceDraft = {
      customerId: req.customerId ?? current.customerId,
      date: req.date ?? current.date,
      dueDate: 'dueDate' in req ? req.dueDate : 'date' in req || 'customerId' in req ? undefined : current.dueDate,
      deliveryDate: 'deliveryDate' in req ? req.deliveryDate : current.deliveryDate,
      orderRef: 'orderRef' in req ? req.orderRef : current.orderRef,
      notes: 'notes' in req ? req.notes : current.notes,
      discountPercent: 'discountPercent' in req ? req.discountPercent : current.discountPercent,
      escompte: 'escompte' in req ? (req.escompte ?? null) : (current.escompte ?? null),
      lines: current.lines,
    };
    // New lines typed TTC become HT here; the draft's own lines are HT already.
    const ht = req.lines ? linesInHt(company, req.lines, req.pricesIncludeTax) : { lines: current.lines, warnings: [] };
    merged.lines = ht.lines;
    const customer = requireCustomer(db, merged.customerId);
    const { warnings } = saveDraft(db, company, customer, merged, now(), req.id);
    return readInvoice(db, req.id, [...ht.warnings, ...warnings]);
  },

  'invoice.delete'({ db }, req) {
    requireDraft(db, req.id);
    db.prepare("DELETE FROM invoice WHERE id = ? AND state = 'draft'").run(req.id);
    return { deleted: req.id };
  },

  'invoice.validate'({ db, now }, req) {
    const inv = requireDraft(db, req.id);
    recheckQuoteInvoice(db, inv);
    validateInvoice(db, inv.id, requireCustomer(db, inv.customer_id), now(), req.overrideCreditLimit);
    return readInvoice(db, inv.id);
  },

  'invoice.get'({ db }, req) {
    return readInvoice(db, req.id);
  },

  'invoice.list'({ db, today }, req) {
    return listInvoices(db, req, today());
  },
};

/**
 * The invoice list, filtered in SQL (status included, as readInvoice derives it, from the balances the
 * database keeps: invoice_balance), newest first. Without a status filter the page is cut from the invoice
 * index and only its invoices' balances are read.
 * `overdue` (« En retard »): validated invoices due before `asOf` (default `today`) that are still owed,
 * open or partly paid, as the renderer's chip says; the (state, due_date) index keeps already-due ones
 * only, and the list goes oldest due date first.
 */
export function listInvoices(db: Db, q: Request<'invoice.list'>, today: string) {
  const where: string[] = [];
  const p: Record<string, unknown> = {};
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
  if (q.search) {
    where.push("(i.number LIKE @search ESCAPE '\\' OR c.search_text LIKE @search ESCAPE '\\' OR printf('%d.%02d', i.gross_cents / 100, i.gross_cents % 100) = @amount)");
    p.search = containsPattern(q.search);
    p.amount = typedAmount(q.search);
  }
  if (q.overdue) {
    where.push("i.state = 'validated' AND i.due_date < @asOf");
    p.asOf = q.asOf ?? today;
  }
  // Every invoice has its customer (foreign key): the join is needed only to search the customer's text.
  const from = `FROM invoice i ${q.search ? 'JOIN customer c ON c.id = i.customer_id' : ''}`;
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const limit = q.limit ?? 50_000;
  const offset = q.offset ?? 0;

  let total: number;
  let ids: number[];
  // Overdue: open or partly paid (either, or the one asked for if it is one of them).
  const statuses = q.overdue ? (['open', 'partial'] as InvoiceStatus[]).filter((x) => !q.status || x === q.status) : q.status ? [q.status] : null;
  if (!statuses) {
    total = Number(stmt(db, `SELECT count(*) ${from} ${whereSql}`).pluck().get(p));
    ids = stmt(db, `SELECT i.id ${from} ${whereSql} ORDER BY i.date DESC, i.id DESC LIMIT @limit OFFSET @offset`).pluck().all({ ...p, limit, offset }) as number[];
  } else if (!statuses.includes('draft')) {
    // Validated invoices only: their status is a column of the kept balances, with its index.
    const params = { ...p, statuses: JSON.stringify(statuses) };
    const inStatuses = 'status IN (SELECT value FROM json_each(@statuses))';
    total = Number(
      (where.length
        ? stmt(db, `SELECT count(*) ${from} CROSS JOIN invoice_balance b ON b.invoice_id = i.id ${whereSql} AND b.${inStatuses}`)
        : stmt(db, `SELECT count(*) FROM invoice_balance b WHERE b.${inStatuses}`)
      ).pluck().get(params),
    );
    // Filtered otherwise too: from the invoices, through that filter's index. Else, many matches: walk the
    // invoices in list order and stop at the page; few: read the matches from the status index, then sort.
    const few = !where.length && total <= (offset + limit) * 10;
    const join = few ? `FROM invoice_balance b CROSS JOIN invoice i ON i.id = b.invoice_id` : `${from} CROSS JOIN invoice_balance b ON b.invoice_id = i.id`;
    const order = q.overdue ? 'ORDER BY i.due_date, i.id' : 'ORDER BY i.date DESC, i.id DESC';
    ids = stmt(db, `SELECT i.id ${join} WHERE ${[...where, `b.${inStatuses}`].join(' AND ')} ${order} LIMIT @limit OFFSET @offset`)
      .pluck()
      .all({ ...params, limit, offset }) as number[];
  } else {
    const cte = invoiceStatusCte({ from, where: whereSql });
    const order = q.overdue ? 'ORDER BY (SELECT due_date FROM invoice WHERE id = st.id), id' : 'ORDER BY date DESC, id DESC';
    const filter = 'WHERE status IN (SELECT value FROM json_each(@statuses))';
    const params = { ...p, statuses: JSON.stringify(statuses) };
    const page = stmt(db, `${cte} SELECT id, count(*) OVER () AS total FROM st ${filter} ${order} LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as { id: number; total: number }[];
    ids = page.map((r) => r.id);
    total = page[0]?.total ?? (offset > 0 ? Number(stmt(db, `${cte} SELECT count(*) FROM st ${filter}`).pluck().get(params)) : 0);
  }

  // The page's invoices, with their customer and their balance.
  const cte = invoiceStatusCte({ from: 'FROM invoice i', where: 'WHERE i.id IN (SELECT value FROM json_each(@ids))' });
  const found = stmt(
    db,
    `${cte} SELECT i.*, c.name AS customer_name, c.code AS customer_code, st.status, st.paid, st.credited,
                   CASE WHEN i.state = 'draft' THEN i.gross_cents ELSE st.outstanding END AS outstanding, o.number AS penalty_of_number
              FROM st JOIN invoice i ON i.id = st.id JOIN customer c ON c.id = i.customer_id LEFT JOIN invoice o ON o.id = i.penalty_of`,
  )
    .safeIntegers(true)
    .all({ ids: JSON.stringify(ids) }) as Record<string, unknown>[];
  const byId = new Map(found.map((r) => [Number(r.id), r]));
  const rows = ids.map((id) => byId.get(id)).filter((r): r is Record<string, unknown> => r !== undefined);
  const s = (v: unknown) => centsToString(v as bigint);
  return {
    total,
    rows: rows.map((r) => ({
      id: Number(r.id), ...(r.number ? { number: r.number as string } : {}), status: r.status as InvoiceStatus, customerId: Number(r.customer_id),
      customerName: r.customer_name as string, customerCode: r.customer_code as string, date: r.date as string, dueDate: r.due_date as string,
      ...(r.delivery_date ? { deliveryDate: r.delivery_date as string } : {}), ...(r.order_ref ? { orderRef: r.order_ref as string } : {}),
      ...(r.notes ? { notes: r.notes as string } : {}), ...(r.discount_percent ? { discountPercent: r.discount_percent as string } : {}),
      ...escompteDto(db, { id: Number(r.id), date: r.date as string, escompte_percent: (r.escompte_percent as string | null) ?? null, escompte_days: r.escompte_days === null ? null : Number(r.escompte_days) }),
      vatRegime: r.vat_regime as string,
      totals: { net: s(r.net_cents), vat: s(r.vat_cents), gross: s(r.gross_cents), byRate: [] },
      paid: s(r.paid), credited: s(r.credited), outstanding: s(r.outstanding),
      ...(r.entry_id !== null ? { entryId: Number(r.entry_id) } : {}), ...(r.validated_at ? { validatedAt: r.validated_at as string } : {}),
      ...(r.penalty_of !== null ? { penaltyOf: { invoiceId: Number(r.penalty_of), number: r.penalty_of_number as string } } : {}),
    })),
  };
}
