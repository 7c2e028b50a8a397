import { addDays, daysBetween } from '../../../shared/dates';
import type { Company } from '../../../shared/domain/company';
import type { DunningAction, DunningStep } from '../../../shared/domain/dunning';
import { centsToString, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { history } from './actions';
import { activePlanOf, type PlanState } from './payment-plans';
import { isFormalNotice, outstandingMovementsOf, penaltiesOf, penaltyCutsOf, penaltyRatesOf, regimeOf } from './penalties';
import { scenarioSteps, type CustomerKind } from './scenario';

/**
 * What is due on a day, invoice by invoice. Each invoice follows its customer kind's scenario on its own
 * history, and NEVER SKIPS A STEP: the step due is the first one after the last step recorded for THAT
 * invoice; its day (due date + offset) only says from when it is due. An invoice 90 days late that was
 * never reminded gets the written reminder, not the litigation. One exception, which is no escalation: a
 * step set before the due date (negative offset, the courtesy reminder) speaks of a coming due date, so
 * once that date has passed it is no longer proposed and the next step is. A promise of payment not yet
 * expired silences the invoice until the promised day has passed.
 *
 * Under a payment plan in force, the steps count from the first instalment not covered by payments (a
 * missed instalment is dunned, not the original due date), and only the actions recorded since the plan
 * was agreed count: the plan starts the scenario again.
 *
 * A penalty invoice (series PEN) is dunned like any invoice, from its own due date (payable on receipt: no
 * courtesy reminder before it); it bears no penalties.
 */

export interface DueStep {
  step: DunningStep;
  stepDueDate: string;
  basis: 'invoice' | 'instalment';
  instalment?: { planId: number; date: string; amount: string; unpaid: string };
}

/** What the due list reads once for every invoice. */
interface DueContext {
  steps: Record<CustomerKind, DunningStep[]>;
  actions: Map<number, DunningAction[]>;
}

/** The step due on `asOf` for an invoice, or null (nothing due, all steps done, promise pending). */
export function dueStepOf(ctx: DueContext, inv: { id: number; date: string; due_date: string }, kind: CustomerKind, asOf: string, plan?: PlanState): { due: DueStep | null; lastAction?: DunningAction } {
  const steps = ctx.steps[kind];
  let reference = inv.due_date;
  let since = '0000-01-01';
  let instalment: DueStep['instalment'];
  if (plan) {
    const next = plan.instalments.find((i) => i.status !== 'paid');
    if (next) {
      reference = next.date;
      since = plan.date;
      const unpaid = toCents(next.amount) - toCents(next.paid);
      instalment = { planId: plan.id, date: next.date, amount: next.amount, unpaid: centsToString(unpaid) };
    }
  }
  const actions = (ctx.actions.get(inv.id) ?? []).filter((a) => a.date >= since && a.date <= asOf);
  const lastAction = actions[actions.length - 1];
  if (lastAction?.promiseDate && lastAction.promiseDate >= asOf) return { due: null, lastAction };
  const done = actions.reduce((max, a) => Math.max(max, steps.findIndex((s) => s.key === a.step)), -1);
  let due: DueStep | null = null;
  for (let i = done + 1; i < steps.length; i++) {
    const step = steps[i] as DunningStep;
    // A reminder before the due date lapses once the date has passed (it is not an escalation step), and
    // has no room before an invoice payable on receipt (a penalty invoice).
    if (step.offsetDays < 0 && (asOf > reference || (!instalment && reference <= inv.date))) continue;
    const stepDueDate = addDays(reference, step.offsetDays);
    if (stepDueDate <= asOf) due = { step, stepDueDate, basis: instalment ? 'instalment' : 'invoice', ...(instalment ? { instalment } : {}) };
    break;
  }
  return { due, ...(lastAction ? { lastAction } : {}) };
}

export function dunningDue(db: Db, company: Company, asOf: string, customerId?: number) {
  const kinds: CustomerKind[] = ['business', 'consumer'];
  const steps = { business: scenarioSteps(db, 'business'), consumer: scenarioSteps(db, 'consumer') };
  // An invoice can be due for a step only once its due date + the earliest offset has come.
  const earliest = Math.min(...kinds.flatMap((k) => steps[k].map((s) => s.offsetDays)));
  const candidates = stmt(
    db,
    `SELECT i.id, i.number, i.date, i.due_date, i.gross_cents, i.penalty_of, (SELECT number FROM invoice WHERE id = i.penalty_of) AS penalty_of_number, c.id AS customer_id, c.name AS customer_name, c.kind AS customer_kind,
            EXISTS (SELECT 1 FROM payment_plan_invoice k JOIN payment_plan p ON p.id = k.plan_id WHERE k.invoice_id = i.id AND p.status = 'active') AS planned
       FROM (SELECT invoice_id FROM invoice_balance WHERE outstanding_cents <> 0 UNION SELECT invoice_id FROM invoice_balance WHERE last_move > @asOf) o
       CROSS JOIN invoice i ON i.id = o.invoice_id JOIN customer c ON c.id = i.customer_id
      WHERE i.state = 'validated' AND i.date <= @asOf AND (@customerId IS NULL OR i.customer_id = @customerId)
        AND (i.due_date <= @limit OR EXISTS (SELECT 1 FROM payment_plan_invoice k JOIN payment_plan p ON p.id = k.plan_id WHERE k.invoice_id = i.id AND p.status = 'active'))
      ORDER BY i.due_date, i.number`,
  )
    .safeIntegers(true)
    .all({ asOf, limit: addDays(asOf, -earliest), customerId: customerId ?? null }) as {
    id: bigint; number: string; date: string; due_date: string; gross_cents: bigint; penalty_of: bigint | null; penalty_of_number: string | null; customer_id: bigint; customer_name: string; customer_kind: CustomerKind; planned: bigint;
  }[];
  if (candidates.length === 0) return [];
  const ids = candidates.map((c) => Number(c.id));
  const moves = outstandingMovementsOf(db, ids);
  const cuts = penaltyCutsOf(db, ids);
  const actions = new Map<number, DunningAction[]>();
  for (const a of history(db, customerId ? { customerId } : {})) {
    let list = actions.get(a.invoiceId);
    if (!list) actions.set(a.invoiceId, (list = []));
    list.push(a);
  }
  const ctx: DueContext = { steps, actions };
  const rates = penaltyRatesOf(db, company);
  const rows = [];
  for (const c of candidates) {
    const id = Number(c.id);
    const m = moves.get(id) ?? [];
    const outstanding = m.reduce((s, x) => (x.date <= asOf ? s + x.delta : s), 0n);
    if (outstanding <= 0n) continue;
    const plan = c.planned ? activePlanOf(db, id, asOf) : undefined;
    const { due, lastAction } = dueStepOf(ctx, { id, date: c.date, due_date: c.due_date }, c.customer_kind, asOf, plan);
    if (!due) continue;
    const regime = regimeOf({ penalty_of: c.penalty_of === null ? null : Number(c.penalty_of) }, c.customer_kind);
    const notice = regime === 'consumer' ? (actions.get(id) ?? []).find((a) => a.date <= asOf && isFormalNotice(a))?.date ?? null : null;
    const p = penaltiesOf({ id, dueDate: c.due_date, regime, formalNotice: notice }, m, rates, asOf, cuts.get(id) ?? []);
    rows.push({
      invoiceId: id, number: c.number, customerId: Number(c.customer_id), customerName: c.customer_name, customerKind: c.customer_kind, date: c.date, dueDate: c.due_date,
      gross: centsToString(c.gross_cents), outstanding: centsToString(outstanding), daysOverdue: daysBetween(c.due_date, asOf),
      ...due, ...(lastAction ? { lastAction } : {}),
      penalties: { interest: p.interest, indemnity: p.indemnity, total: p.total },
      ...(c.penalty_of !== null ? { penaltyOf: { invoiceId: Number(c.penalty_of), number: c.penalty_of_number ?? '' } } : {}),
      ...(notice ? { formalNotice: notice } : {}),
    });
  }
  return rows.sort((a, b) => a.stepDueDate.localeCompare(b.stepDueDate) || a.number.localeCompare(b.number));
}
