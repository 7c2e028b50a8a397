import { addDays, formatDateShort } from '../../../shared/dates';
import type { Company } from '../../../shared/domain/company';
import { DEFAULT_QUOTE_VALIDITY_DAYS, type Quote, type QuoteStatus } from '../../../shared/domain/quote';
import { AppError, fieldError } from '../../../shared/errors';
import { computeInvoice } from '../../../shared/invoice-math';
import { centsToString } from '../../../shared/money';
import type { UnitCode } from '../../../shared/units';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { takeDocumentNumber } from '../ledger/numbering';
import { depositsInvoiced } from '../receivables/deposits';
import type { InvoiceDraft } from '../receivables/invoices';


export interface QuoteDraft {
  customerId: number;
  date: string;
  validUntil?: string | undefined;
  lines: InvoiceDraft['lines'];
  discountPercent?: string | undefined;
  depositPercent?: string | undefined;
  paymentTerms?: string | undefined;
  consumerWork?: boolean | undefined;
  workSite?: string | undefined;
  travelCosts?: string | undefined;
  notes?: string | undefined;
}

export interface QuoteRow {
  id: number;
  number: string | null;
  customer_id: number;
  status: 'draft' | 'sent' | 'accepted' | 'refused';
  date: string;
  valid_until: string;
  discount_percent: string | null;
  deposit_percent: string | null;
  payment_terms: string | null;
  consumer_work: number;
  work_site: string | null;
  travel_costs: string | null;
  notes: string | null;
  vat_regime: string;
  net_cents: bigint;
  vat_cents: bigint;
  gross_cents: bigint;
  decided_on: string | null;
}

/**
 * The status the owner sees: what was decided, unless the facts say more. A final invoice made from it:
 * invoiced; sent and past its validity date: expired.
 */
export const QUOTE_STATUS_SQL = `CASE WHEN EXISTS (SELECT 1 FROM invoice f WHERE f.quote_id = q.id AND f.quote_role = 'final') THEN 'invoiced'
  WHEN q.status = 'sent' AND q.valid_until < @today THEN 'expired' ELSE q.status END`;

/** Checks a quote and computes its totals, as an invoice's are computed (the same arithmetic). */
function prepareQuote(company: Company, draft: QuoteDraft) {
  const validUntil = draft.validUntil ?? addDays(draft.date, DEFAULT_QUOTE_VALIDITY_DAYS);
  if (validUntil < draft.date) throw fieldError('validUntil', 'La fin de validité ne peut pas précéder la date du devis.');
  if (validUntil > addDays(draft.date, 366)) throw fieldError('validUntil', `Validité trop longue : un an au plus, soit jusqu’au ${formatDateShort(addDays(draft.date, 366))}.`);
  const noVat = company.vatRegime === 'franchise';
  if (noVat) {
    const i = draft.lines.findIndex((l) => l.vatRate !== '0');
    if (i >= 0) throw fieldError(`lines.${i}.vatRate`, 'En franchise en base de TVA, vos devis ne portent pas de TVA : taux 0 (« TVA non applicable, art. 293 B du CGI »).');
  }
  if (draft.consumerWork && !draft.workSite) {
    throw fieldError('workSite', 'Indiquez le lieu d’exécution des travaux : le devis d’un dépannage ou de travaux chez un particulier doit le mentionner.');
  }
  const totals = computeInvoice(draft.lines, { discountPercent: draft.discountPercent, noVat });
  if (totals.gross <= 0n) throw fieldError('lines', 'Le total du devis doit être supérieur à zéro.');
  return { validUntil, totals };
}

/** Writes a quote: new, or a draft rewritten (its lines replaced). */
export function saveQuote(db: Db, company: Company, draft: QuoteDraft, now: Date, id?: number): number {
  const p = prepareQuote(company, draft);
  const values = {
    customer_id: draft.customerId, date: draft.date, valid_until: p.validUntil, discount_percent: draft.discountPercent ?? null,
    deposit_percent: draft.depositPercent ?? null, payment_terms: draft.paymentTerms ?? null, consumer_work: draft.consumerWork ? 1 : 0,
    work_site: draft.workSite ?? null, travel_costs: draft.travelCosts ?? null, notes: draft.notes ?? null, vat_regime: company.vatRegime,
    net_cents: p.totals.net, vat_cents: p.totals.vat, gross_cents: p.totals.gross, now: now.toISOString(),
  };
  let quoteId: number;
  if (id === undefined) {
    quoteId = Number(
      stmt(
        db,
        `INSERT INTO quote (customer_id, date, valid_until, discount_percent, deposit_percent, payment_terms, consumer_work, work_site, travel_costs, notes,
                            vat_regime, net_cents, vat_cents, gross_cents, created_at, updated_at)
         VALUES (@customer_id, @date, @valid_until, @discount_percent, @deposit_percent, @payment_terms, @consumer_work, @work_site, @travel_costs, @notes,
                 @vat_regime, @net_cents, @vat_cents, @gross_cents, @now, @now)`,
      ).run(values).lastInsertRowid,
    );
  } else {
    quoteId = id;
    stmt(
      db,
      `UPDATE quote SET customer_id = @customer_id, date = @date, valid_until = @valid_until, discount_percent = @discount_percent,
              deposit_percent = @deposit_percent, payment_terms = @payment_terms, consumer_work = @consumer_work, work_site = @work_site,
              travel_costs = @travel_costs, notes = @notes, vat_regime = @vat_regime, net_cents = @net_cents, vat_cents = @vat_cents,
              gross_cents = @gross_cents, updated_at = @now
        WHERE id = @id AND status = 'draft'`,
    ).run({ ...values, id });
    stmt(db, 'DELETE FROM quote_line WHERE quote_id = ?').run(id);
  }
  const insert = stmt(db, 'INSERT INTO quote_line (quote_id, line_no, description, kind, quantity, unit, unit_price, vat_rate, discount_percent, account, net_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  draft.lines.forEach((l, i) =>
    insert.run(quoteId, i + 1, l.description, l.kind, l.quantity, l.unit ?? null, l.unitPrice, company.vatRegime === 'franchise' ? '0' : l.vatRate, l.discountPercent ?? null, l.account ?? null, p.totals.lineNets[i] ?? 0n),
  );
  return quoteId;
}

/** Gives a draft its number from the gapless series D (chronological, like every series). */
export function issueQuote(db: Db, id: number, now: Date): void {
  const q = requireQuoteRow(db, id);
  if (q.status !== 'draft') return;
  const number = takeDocumentNumber(db, 'D', q.date);
  stmt(db, "UPDATE quote SET number = ?, status = 'sent', issued_at = ?, updated_at = ? WHERE id = ?").run(number, now.toISOString(), now.toISOString(), id);
}

export function requireQuoteRow(db: Db, id: number): QuoteRow {
  const row = stmt(db, 'SELECT * FROM quote WHERE id = ?').safeIntegers(true).get(id) as (Omit<QuoteRow, 'id' | 'customer_id' | 'consumer_work'> & { id: bigint; customer_id: bigint; consumer_work: bigint }) | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Devis n° ${id} introuvable.`);
  return { ...row, id: Number(row.id), customer_id: Number(row.customer_id), consumer_work: Number(row.consumer_work) };
}

export function quoteStatus(db: Db, id: number, today: string): QuoteStatus {
  return stmt(db, `SELECT ${QUOTE_STATUS_SQL} FROM quote q WHERE q.id = @id`).pluck().get({ id, today }) as QuoteStatus;
}

/** The quote's lines, as the invoice draft that copies them takes them. */
export function quoteLines(db: Db, id: number): (InvoiceDraft['lines'][number] & { net: bigint })[] {
  const rows = stmt(db, 'SELECT description, kind, quantity, unit, unit_price, vat_rate, discount_percent, account, net_cents FROM quote_line WHERE quote_id = ? ORDER BY line_no').safeIntegers(true).all(id) as {
    description: string; kind: 'goods' | 'services'; quantity: string; unit: UnitCode | null; unit_price: string; vat_rate: string; discount_percent: string | null; account: string | null; net_cents: bigint;
  }[];
  return rows.map((l) => ({
    description: l.description, kind: l.kind, quantity: l.quantity, unitPrice: l.unit_price, vatRate: l.vat_rate, net: l.net_cents,
    ...(l.unit ? { unit: l.unit } : {}), ...(l.discount_percent ? { discountPercent: l.discount_percent } : {}), ...(l.account ? { account: l.account } : {}),
  }));
}

export function readQuote(db: Db, id: number, today: string, warnings?: string[]): Quote {
  const q = requireQuoteRow(db, id);
  const customer = stmt(db, 'SELECT code, name FROM customer WHERE id = ?').get(q.customer_id) as { code: string; name: string };
  const s = centsToString;
  const lines = quoteLines(db, id);
  const totals = computeInvoice(lines, { discountPercent: q.discount_percent ?? undefined, noVat: q.vat_regime === 'franchise' });
  const invoices = stmt(db, "SELECT id, number, quote_role, date, net_cents, vat_cents, gross_cents, state FROM invoice WHERE quote_id = ? ORDER BY quote_role = 'final', date, id")
    .safeIntegers(true)
    .all(id) as { id: bigint; number: string | null; quote_role: 'deposit' | 'final'; date: string; net_cents: bigint; vat_cents: bigint; gross_cents: bigint; state: string }[];
  const deposits = depositsInvoiced(db, id);
  const dNet = deposits.reduce((t, d) => t + d.base, 0n);
  const dVat = deposits.reduce((t, d) => t + d.vat, 0n);
  return {
    id: q.id,
    ...(q.number ? { number: q.number } : {}),
    status: quoteStatus(db, id, today),
    customerId: q.customer_id,
    customerName: customer.name,
    customerCode: customer.code,
    date: q.date,
    validUntil: q.valid_until,
    ...(q.discount_percent ? { discountPercent: q.discount_percent } : {}),
    ...(q.deposit_percent ? { depositPercent: q.deposit_percent } : {}),
    ...(q.payment_terms ? { paymentTerms: q.payment_terms } : {}),
    consumerWork: q.consumer_work === 1,
    ...(q.work_site ? { workSite: q.work_site } : {}),
    ...(q.travel_costs ? { travelCosts: q.travel_costs } : {}),
    ...(q.notes ? { notes: q.notes } : {}),
    vatRegime: q.vat_regime,
    lines: lines.map(({ net, ...l }) => ({ ...l, net: s(net) })),
    totals: { net: s(q.net_cents), vat: s(q.vat_cents), gross: s(q.gross_cents), byRate: totals.byRate.map((r) => ({ rate: r.rate, base: s(r.base), vat: s(r.vat) })) },
    ...(q.decided_on ? { decidedOn: q.decided_on } : {}),
    invoices: invoices.map((i) => ({
      id: Number(i.id), ...(i.number ? { number: i.number } : {}), role: i.quote_role, date: i.date, net: s(i.net_cents), vat: s(i.vat_cents), gross: s(i.gross_cents), validated: i.state === 'validated',
    })),
    depositsInvoiced: { net: s(dNet), vat: s(dVat), gross: s(dNet + dVat) },
    ...(warnings && warnings.length ? { warnings } : {}),
  };
}
