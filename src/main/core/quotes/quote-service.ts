import type { Handlers, Request } from '../../../shared/contract';
import type { Company } from '../../../shared/domain/company';
import type { QuoteList } from '../../../shared/domain/quote';
import { AppError } from '../../../shared/errors';
import { centsToString } from '../../../shared/money';
import { formatDateShort } from '../../../shared/dates';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { containsPattern, typedAmount } from '../../db/text-search';
import { mergeUpdate } from '../company/company-service';
import type { HandlerContext } from '../context';
import { requireCustomer } from '../customers/customer-service';
import { linesInHt } from '../receivables/invoice-service';
import { readInvoice, saveDraft, saveValidated } from '../receivables/invoices';
import { quoteInvoiceDraft } from './quote-invoicing';
import { issueQuote, QUOTE_STATUS_SQL, quoteStatus, readQuote, requireQuoteRow, saveQuote, type QuoteDraft } from './quotes';

type QuoteChannels = 'quote.create' | 'quote.update' | 'quote.delete' | 'quote.get' | 'quote.list' | 'quote.setStatus' | 'quote.invoice';

function draftOf(company: Company, req: Omit<Request<'quote.create'>, 'validate'>): { draft: QuoteDraft; warnings: string[] } {
  const { pricesIncludeTax, ...fields } = req;
  const ht = linesInHt(company, req.lines, pricesIncludeTax, 'le devis');
  return { draft: { ...fields, lines: ht.lines }, warnings: ht.warnings };
}

function requireDraftQuote(db: Db, id: number) {
  const q = requireQuoteRow(db, id);
  if (q.status !== 'draft') throw new AppError('CONFLICT', `Le devis ${q.number} est émis : il ne se modifie plus ni ne se supprime. Faites-en un nouveau, et marquez celui-ci refusé.`);
  return q;
}

export const quoteHandlers: Pick<Handlers<HandlerContext>, QuoteChannels> = {
  'quote.create'({ db, company, now, today }, req) {
    requireCustomer(db, req.customerId);
    const { validate, ...fields } = req;
    const { draft, warnings } = draftOf(company, fields);
    const id = saveQuote(db, company, draft, now());
    if (validate) issueQuote(db, id, now());
    return readQuote(db, id, today(), warnings);
  },

  'quote.update'({ db, company, now, today }, req) {
    requireDraftQuote(db, req.id);
    const current = readQuote(db, req.id, today());
    const { id, pricesIncludeTax, ...changes } = req;
    const base: QuoteDraft = {
      customerId: current.customerId, date: current.date, validUntil: current.validUntil, lines: current.lines.map(({ net: _n, ...l }) => l),
      discountPercent: current.discountPercent, depositPercent: current.depositPercent, paymentTerms: current.paymentTerms,
      consumerWork: current.consumerWork, workSite: current.workSite, travelCosts: current.travelCosts, notes: current.notes,
    };
    // A new date without a new validity moves the validity with it.
    if ('date' in changes && !('validUntil' in changes)) base.validUntil = undefined;
    const merged = mergeUpdate(base, changes);
    requireCustomer(db, merged.customerId);
    const ht = req.lines ? linesInHt(company, req.lines, pricesIncludeTax, 'le devis') : { lines: merged.lines, warnings: [] };
    saveQuote(db, company, { ...merged, lines: ht.lines }, now(), id);
    return readQuote(db, id, today(), ht.warnings);
  },

  'quote.delete'({ db }, req) {
    requireDraftQuote(db, req.id);
    stmt(db, "DELETE FROM quote WHERE id = ? AND status = 'draft'").run(req.id);
    return { deleted: req.id };
  },

  'quote.get'({ db, today }, req) {
    return readQuote(db, req.id, today());
  },

  'quote.list'({ db, today }, req) {
    return listQuotes(db, req, today());
  },

  'quote.setStatus'({ db, now, today }, req) {
    const q = requireQuoteRow(db, req.id);
    const status = quoteStatus(db, q.id, today());
    if (status === 'invoiced') throw new AppError('CONFLICT', `Le devis ${q.number} est facturé : son statut ne change plus.`);
    const made = stmt(db, 'SELECT count(*) FROM invoice WHERE quote_id = ?').pluck().get(q.id) as number;
    if (made > 0 && req.status !== 'accepted') {
      throw new AppError('CONFLICT', `Le devis ${q.number} a déjà des factures d’acompte : il reste accepté. Pour revenir dessus, faites un avoir sur chaque acompte.`);
    }
    if (q.status === 'draft' && req.status === 'refused') throw new AppError('CONFLICT', 'Un brouillon de devis n’a pas été remis au client : supprimez-le plutôt que de le marquer refusé.');
    const warnings: string[] = [];
    const date = req.date ?? today();
    if (req.status !== 'sent' && date < q.date) throw new AppError('VALIDATION', 'La décision du client ne peut pas précéder le devis.', { date: `Date antérieure au devis (${formatDateShort(q.date)}).` });
    if (req.status === 'accepted' && status === 'expired') warnings.push(`Ce devis n’était plus valable depuis le ${formatDateShort(q.valid_until)} : l’acceptation est enregistrée, vérifiez que les prix tiennent toujours.`);
    issueQuote(db, q.id, now());
    stmt(db, 'UPDATE quote SET status = ?, decided_on = ?, updated_at = ? WHERE id = ?').run(req.status, req.status === 'sent' ? null : date, now().toISOString(), q.id);
    return readQuote(db, q.id, today(), warnings);
  },

  'quote.invoice'({ db, company, now, today }, req) {
    const draft = quoteInvoiceDraft(db, req.quoteId, req, today());
    const customer = requireCustomer(db, draft.customerId);
    const { id, warnings } = req.validate ? saveValidated(db, company, customer, draft, now(), req.overrideCreditLimit) : saveDraft(db, company, customer, draft, now());
    return readInvoice(db, id, warnings);
  },
};

/** Quotes newest first, filtered in SQL (the status as read from the facts). */
function listQuotes(db: Db, q: Request<'quote.list'>, today: string): QuoteList {
  const where: string[] = [];
  const p: Record<string, unknown> = { today };
  if (q.customerId) {
    where.push('q.customer_id = @customerId');
    p.customerId = q.customerId;
  }
  if (q.status) {
    where.push(`(${QUOTE_STATUS_SQL}) = @status`);
    p.status = q.status;
  }
  if (q.search) {
    // As the invoice list: a number, the customer, or the total TTC as typed (« 12 000,00 € »).
    where.push("(q.number LIKE @search ESCAPE '\\' OR c.search_text LIKE @search ESCAPE '\\' OR printf('%d.%02d', q.gross_cents / 100, q.gross_cents % 100) = @amount)");
    p.search = containsPattern(q.search);
    p.amount = typedAmount(q.search);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const from = 'FROM quote q JOIN customer c ON c.id = q.customer_id';
  const total = Number(stmt(db, `SELECT count(*) ${from} ${whereSql}`).pluck().get(p));
  const rows = stmt(db, `SELECT q.*, c.name AS customer_name, c.code AS customer_code, ${QUOTE_STATUS_SQL} AS derived ${from} ${whereSql} ORDER BY q.date DESC, q.id DESC LIMIT @limit OFFSET @offset`)
    .safeIntegers(true)
    .all({ ...p, limit: q.limit ?? 10_000, offset: q.offset ?? 0 }) as Record<string, unknown>[];
  const s = (v: unknown) => centsToString(v as bigint);
  const opt = (key: string, v: unknown) => (v === null || v === undefined ? {} : { [key]: v as string });
  return {
    total,
    rows: rows.map((r) => ({
      id: Number(r.id), ...opt('number', r.number), status: r.derived as QuoteList['rows'][number]['status'], customerId: Number(r.customer_id),
      customerName: r.customer_name as string, customerCode: r.customer_code as string, date: r.date as string, validUntil: r.valid_until as string,
      ...opt('discountPercent', r.discount_percent), ...opt('depositPercent', r.deposit_percent), ...opt('paymentTerms', r.payment_terms),
      consumerWork: Number(r.consumer_work) === 1, ...opt('workSite', r.work_site), ...opt('travelCosts', r.travel_costs), ...opt('notes', r.notes),
      vatRegime: r.vat_regime as string, totals: { net: s(r.net_cents), vat: s(r.vat_cents), gross: s(r.gross_cents), byRate: [] }, ...opt('decidedOn', r.decided_on),
    })),
  };
}
