import { formatDateShort } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { centsToString, formatEuro, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { outstandingAt, requireDunnableInvoice } from './penalties';

/**
 * Payment plans (échéanciers): the outstanding of one or more invoices of a customer, split into dated
 * instalments. What is paid on the plan is what the covered invoices' outstanding went down since the plan
 * was agreed; it covers the instalments in date order. An instalment past its date and not covered is
 * missed: the plan is broken (a signal for the doubtful-debt candidates) and the missed instalment drives
 * the dunning instead of the invoice's due date.
 */

export type InstalmentStatus = 'paid' | 'partial' | 'due' | 'missed';

export interface PlanState {
  id: number;
  customerId: number;
  customerName: string;
  date: string;
  status: 'active' | 'completed' | 'cancelled';
  broken: boolean;
  total: string;
  paid: string;
  invoices: { invoiceId: number; number: string; amount: string }[];
  instalments: { no: number; date: string; amount: string; paid: string; status: InstalmentStatus }[];
  note?: string;
  cancelledAt?: string;
}

interface PlanRow { id: number; customer_id: number; customer_name: string; date: string; total_cents: bigint; note: string | null; status: 'active' | 'cancelled'; cancelled_at: string | null }

/** The plan as of `asOf`: what is paid, each instalment's state. */
export function planState(db: Db, id: number, asOf: string): PlanState {
  const p = stmt(db, 'SELECT p.id, p.customer_id, c.name AS customer_name, p.date, p.total_cents, p.note, p.status, p.cancelled_at FROM payment_plan p JOIN customer c ON c.id = p.customer_id WHERE p.id = ?')
    .safeIntegers(true)
    .get(id) as (Omit<PlanRow, 'id' | 'customer_id'> & { id: bigint; customer_id: bigint }) | undefined;
  if (!p) throw new AppError('NOT_FOUND', `Échéancier n° ${id} introuvable.`);
  const invoices = stmt(db, 'SELECT k.invoice_id, i.number, k.outstanding_cents FROM payment_plan_invoice k JOIN invoice i ON i.id = k.invoice_id WHERE k.plan_id = ? ORDER BY i.date, i.number')
    .safeIntegers(true)
    .all(id) as { invoice_id: bigint; number: string; outstanding_cents: bigint }[];
  let paid = 0n;
  for (const inv of invoices) paid += inv.outstanding_cents - outstandingAt(db, Number(inv.invoice_id), asOf < p.date ? p.date : asOf);
  if (paid < 0n) paid = 0n;
  if (paid > p.total_cents) paid = p.total_cents;
  const rows = stmt(db, 'SELECT no, date, amount_cents FROM payment_plan_instalment WHERE plan_id = ? ORDER BY no').safeIntegers(true).all(id) as { no: bigint; date: string; amount_cents: bigint }[];
  let left = paid;
  const instalments = rows.map((r) => {
    const covered = left >= r.amount_cents ? r.amount_cents : left > 0n ? left : 0n;
    left -= covered;
    const status: InstalmentStatus = covered === r.amount_cents ? 'paid' : r.date < asOf ? 'missed' : covered > 0n ? 'partial' : 'due';
    return { no: Number(r.no), date: r.date, amount: centsToString(r.amount_cents), paid: centsToString(covered), status };
  });
  const cancelled = p.status === 'cancelled';
  const completed = paid >= p.total_cents;
  return {
    id, customerId: Number(p.customer_id), customerName: p.customer_name, date: p.date,
    status: cancelled ? 'cancelled' : completed ? 'completed' : 'active',
    broken: !cancelled && !completed && instalments.some((i) => i.status === 'missed'),
    total: centsToString(p.total_cents), paid: centsToString(paid),
    invoices: invoices.map((i) => ({ invoiceId: Number(i.invoice_id), number: i.number, amount: centsToString(i.outstanding_cents) })),
    instalments,
    ...(p.note ? { note: p.note } : {}), ...(p.cancelled_at ? { cancelledAt: p.cancelled_at } : {}),
  };
}

export function createPlan(
  db: Db,
  req: { invoiceIds: number[]; date?: string | undefined; instalments: { date: string; amount: string }[]; note?: string | undefined },
  today: string,
  now: Date,
): PlanState {
  const date = req.date ?? today;
  const ids = [...new Set(req.invoiceIds)];
  if (ids.length !== req.invoiceIds.length) throw new AppError('VALIDATION', 'Une facture figure deux fois dans l’échéancier.', { invoiceIds: 'Facture en double.' });
  let customerId: number | null = null;
  let total = 0n;
  const covered: { id: number; outstanding: bigint }[] = [];
  for (const id of ids) {
    const inv = requireDunnableInvoice(db, id);
    if (customerId !== null && inv.customer_id !== customerId) throw new AppError('VALIDATION', 'Un échéancier regroupe les factures d’un seul client.', { invoiceIds: 'Factures de clients différents.' });
    customerId = inv.customer_id;
    if (date < inv.date) throw new AppError('VALIDATION', `L’échéancier ne peut pas précéder la facture ${inv.number} du ${formatDateShort(inv.date)}.`, { date: 'Date antérieure à la facture.' });
    const outstanding = outstandingAt(db, id, '9999-12-31');
    if (outstanding <= 0n) throw new AppError('CONFLICT', `La facture ${inv.number} est réglée : elle n’a pas besoin d’échéancier.`, { invoiceIds: `${inv.number} réglée.` });
    const other = stmt(db, "SELECT p.id FROM payment_plan p JOIN payment_plan_invoice k ON k.plan_id = p.id WHERE k.invoice_id = ? AND p.status = 'active'").pluck().all(id) as number[];
    for (const planId of other) {
      if (planState(db, planId, today).status === 'active') {
        throw new AppError('CONFLICT', `La facture ${inv.number} a déjà un échéancier en cours (n° ${planId}) : annulez-le d’abord.`, { invoiceIds: `${inv.number} déjà dans un échéancier.` });
      }
    }
    total += outstanding;
    covered.push({ id, outstanding });
  }
  if (date > today) throw new AppError('VALIDATION', 'Un échéancier se crée le jour où il est convenu : sa date ne peut pas être dans le futur.', { date: 'Date future.' });
  const first = req.instalments[0];
  if (first && first.date < today) {
    throw new AppError('VALIDATION', `Les échéances sont à venir : la première ne peut pas précéder aujourd’hui, le ${formatDateShort(today)}.`, { 'instalments.0.date': `Au plus tôt le ${formatDateShort(today)}.` });
  }
  const sum = req.instalments.reduce((s, i) => s + toCents(i.amount), 0n);
  if (sum !== total) {
    throw new AppError('VALIDATION', `Les échéances totalisent ${formatEuro(sum)} : elles doivent égaler le reste dû, ${formatEuro(total)}.`, { instalments: `Total attendu : ${formatEuro(total)}.` });
  }
  const planId = Number(
    stmt(db, 'INSERT INTO payment_plan (customer_id, date, total_cents, note, created_at) VALUES (?, ?, ?, ?, ?)').run(customerId, date, total, req.note ?? null, now.toISOString()).lastInsertRowid,
  );
  const link = stmt(db, 'INSERT INTO payment_plan_invoice (plan_id, invoice_id, outstanding_cents) VALUES (?, ?, ?)');
  for (const c of covered) link.run(planId, c.id, c.outstanding);
  const insert = stmt(db, 'INSERT INTO payment_plan_instalment (plan_id, no, date, amount_cents) VALUES (?, ?, ?, ?)');
  req.instalments.forEach((i, n) => insert.run(planId, n + 1, i.date, toCents(i.amount)));
  return planState(db, planId, today);
}

export function listPlans(db: Db, q: { invoiceId?: number | undefined; customerId?: number | undefined }, asOf: string): PlanState[] {
  const ids = stmt(
    db,
    `SELECT DISTINCT p.id FROM payment_plan p JOIN payment_plan_invoice k ON k.plan_id = p.id
      WHERE (@invoiceId IS NULL OR k.invoice_id = @invoiceId) AND (@customerId IS NULL OR p.customer_id = @customerId)
      ORDER BY p.date DESC, p.id DESC`,
  )
    .pluck()
    .all({ invoiceId: q.invoiceId ?? null, customerId: q.customerId ?? null }) as number[];
  return ids.map((id) => planState(db, id, asOf));
}

export function cancelPlan(db: Db, id: number, today: string, now: Date): PlanState {
  const state = planState(db, id, today);
  if (state.status === 'cancelled') throw new AppError('CONFLICT', `L’échéancier n° ${id} est déjà annulé.`);
  stmt(db, "UPDATE payment_plan SET status = 'cancelled', cancelled_at = ? WHERE id = ?").run(now.toISOString(), id);
  return planState(db, id, today);
}

/** The plan in force for an invoice on `asOf` (agreed by then, not cancelled, not fully paid), if any. */
export function activePlanOf(db: Db, invoiceId: number, asOf: string): PlanState | undefined {
  const ids = stmt(db, "SELECT p.id FROM payment_plan p JOIN payment_plan_invoice k ON k.plan_id = p.id WHERE k.invoice_id = ? AND p.status = 'active' AND p.date <= ? ORDER BY p.date DESC, p.id DESC")
    .pluck()
    .all(invoiceId, asOf) as number[];
  for (const id of ids) {
    const s = planState(db, id, asOf);
    if (s.status === 'active') return s;
  }
  return undefined;
}

/** True when an instalment of a plan covering the invoice is missed on `asOf` (doubtful-debt signal). */
export function paymentPlanBroken(db: Db, invoiceId: number, asOf: string): boolean {
  return activePlanOf(db, invoiceId, asOf)?.broken ?? false;
}
