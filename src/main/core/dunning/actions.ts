import { formatDateShort } from '../../../shared/dates';
import type { DunningAction, DunningChannel, DunningStepKind } from '../../../shared/domain/dunning';
import { DUNNING_CHANNEL_LABELS } from '../../../shared/domain/dunning';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { customerKindOf, outstandingAt, requireDunnableInvoice } from './penalties';
import { scenarioSteps } from './scenario';

/**
 * The dunning history, kept PER INVOICE: an action concerns one invoice and moves only that invoice along
 * its scenario. Actions are never changed nor deleted (a trigger refuses it): they are evidence.
 */

interface ActionRow {
  id: number; invoice_id: number; number: string; customer_id: number; customer_name: string; step_key: string; step_label: string; step_kind: DunningStepKind;
  date: string; channel: DunningChannel; note: string | null; promise_date: string | null; evidence_id: number | null; created_at: string;
}

const SELECT = `SELECT a.id, a.invoice_id, i.number, i.customer_id, c.name AS customer_name, a.step_key, a.step_label, a.step_kind, a.date, a.channel, a.note,
                       a.promise_date, a.evidence_id, a.created_at
                  FROM dunning_action a JOIN invoice i ON i.id = a.invoice_id JOIN customer c ON c.id = i.customer_id`;

function toAction(r: ActionRow): DunningAction {
  return {
    id: r.id, invoiceId: r.invoice_id, invoiceNumber: r.number, customerId: r.customer_id, customerName: r.customer_name, step: r.step_key, stepLabel: r.step_label, stepKind: r.step_kind,
    date: r.date, channel: r.channel, createdAt: r.created_at,
    ...(r.note ? { note: r.note } : {}), ...(r.promise_date ? { promiseDate: r.promise_date } : {}), ...(r.evidence_id !== null ? { evidenceId: r.evidence_id } : {}),
  };
}

export function readAction(db: Db, id: number): DunningAction {
  return toAction(stmt(db, `${SELECT} WHERE a.id = ?`).get(id) as ActionRow);
}

/** Actions in date order (then in the order they were recorded), for one invoice, one customer or all. */
export function history(db: Db, q: { invoiceId?: number | undefined; customerId?: number | undefined }): DunningAction[] {
  const rows = stmt(
    db,
    `${SELECT} WHERE (@invoiceId IS NULL OR a.invoice_id = @invoiceId) AND (@customerId IS NULL OR i.customer_id = @customerId) ORDER BY a.date, a.id`,
  ).all({ invoiceId: q.invoiceId ?? null, customerId: q.customerId ?? null }) as ActionRow[];
  return rows.map(toAction);
}

/** Written reminders and formal notices sent by letter or e-mail are kept as evidence for the doubtful-debt wizard. */
const EVIDENCE_KIND: Partial<Record<DunningStepKind, 'reminder' | 'formal_notice'>> = { reminder: 'reminder', formal_notice: 'formal_notice' };

export function recordAction(
  db: Db,
  req: { invoiceId: number; step: string; date: string; channel: DunningChannel; note?: string | undefined; promiseDate?: string | undefined },
  today: string,
  now: Date,
): DunningAction {
  const inv = requireDunnableInvoice(db, req.invoiceId);
  if (req.date < inv.date) {
    throw new AppError('VALIDATION', `La relance ne peut pas précéder la facture ${inv.number} du ${formatDateShort(inv.date)}.`, { date: `Date antérieure à la facture (${formatDateShort(inv.date)}).` });
  }
  if (req.date > today) throw new AppError('VALIDATION', 'Enregistrez une relance une fois faite : sa date ne peut pas être dans le futur.', { date: 'Date future.' });
  if (req.promiseDate !== undefined && req.promiseDate < req.date) {
    throw new AppError('VALIDATION', 'La date promise de paiement ne peut pas précéder la relance.', { promiseDate: 'Date antérieure à la relance.' });
  }
  if (outstandingAt(db, inv.id, req.date) <= 0n) {
    throw new AppError('CONFLICT', `La facture ${inv.number} est réglée : il n’y a plus rien à relancer.`, { invoiceId: 'Facture réglée.' });
  }
  const steps = scenarioSteps(db, customerKindOf(db, inv.customer_id));
  const position = steps.findIndex((s) => s.key === req.step);
  const step = steps[position];
  if (!step) {
    throw new AppError('VALIDATION', `Étape de relance inconnue : « ${req.step} ». Étapes possibles : ${steps.map((s) => s.key).join(', ')}.`, { step: 'Étape inconnue.' });
  }
  let evidenceId: number | null = null;
  const evidenceKind = EVIDENCE_KIND[step.kind];
  if (evidenceKind && req.channel !== 'phone') {
    const note = `${step.label} (${DUNNING_CHANNEL_LABELS[req.channel].toLowerCase()})${req.note ? ` : ${req.note}` : ''}`;
    evidenceId = Number(
      stmt(db, 'INSERT INTO evidence (invoice_id, kind, date, note, created_at) VALUES (?, ?, ?, ?, ?)').run(inv.id, evidenceKind, req.date, note.slice(0, 2000), now.toISOString()).lastInsertRowid,
    );
  }
  const id = Number(
    stmt(
      db,
      `INSERT INTO dunning_action (invoice_id, step_key, step_label, step_kind, step_position, date, channel, note, promise_date, evidence_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(inv.id, step.key, step.label, step.kind, position, req.date, req.channel, req.note ?? null, req.promiseDate ?? null, evidenceId, now.toISOString()).lastInsertRowid,
  );
  return readAction(db, id);
}
