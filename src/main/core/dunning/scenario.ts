import { DUNNING_STEP_KINDS, type DunningStep, type DunningStepKind } from '../../../shared/domain/dunning';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';

export type CustomerKind = 'business' | 'consumer';

/**
 * The default scenario (issue 6): a courtesy reminder 15 days before the due date, a written reminder at
 * +7, a phone call with a payment-plan offer at +30, the formal notice at +60, the hand-over to litigation
 * at +90. The same steps for consumers (no 40 € indemnity is claimed from them: the letters say so).
 */
export const DEFAULT_STEPS: readonly DunningStep[] = [
  { key: 'courtesy', label: 'Rappel de courtoisie avant l’échéance', kind: 'courtesy', offsetDays: -15 },
  { key: 'reminder', label: 'Relance écrite', kind: 'reminder', offsetDays: 7 },
  { key: 'call', label: 'Appel et proposition d’échéancier', kind: 'call', offsetDays: 30 },
  { key: 'formal-notice', label: 'Mise en demeure', kind: 'formal_notice', offsetDays: 60 },
  { key: 'litigation', label: 'Transmission au contentieux', kind: 'litigation', offsetDays: 90 },
];

/** The steps of a customer kind, in order: the owner's if saved, else the defaults. */
export function scenarioSteps(db: Db, kind: CustomerKind): DunningStep[] {
  const rows = stmt(db, 'SELECT key, label, kind, offset_days FROM dunning_step WHERE customer_kind = ? ORDER BY position').all(kind) as { key: string; label: string; kind: DunningStepKind; offset_days: number }[];
  if (rows.length === 0) return DEFAULT_STEPS.map((s) => ({ ...s }));
  return rows.map((r) => ({ key: r.key, label: r.label, kind: r.kind, offsetDays: r.offset_days }));
}

export function readScenario(db: Db): { business: DunningStep[]; consumer: DunningStep[] } {
  return { business: scenarioSteps(db, 'business'), consumer: scenarioSteps(db, 'consumer') };
}

/** Replaces both scenarios (the schema already checked unique keys and increasing offsets). */
export function saveScenario(db: Db, req: { business: DunningStep[]; consumer: DunningStep[] }) {
  stmt(db, 'DELETE FROM dunning_step').run();
  const insert = stmt(db, 'INSERT INTO dunning_step (customer_kind, position, key, label, kind, offset_days) VALUES (?, ?, ?, ?, ?, ?)');
  for (const kind of ['business', 'consumer'] as const) req[kind].forEach((s, i) => insert.run(kind, i, s.key, s.label, s.kind, s.offsetDays));
}

export const STEP_KIND_ORDER: Record<DunningStepKind, number> = Object.fromEntries(DUNNING_STEP_KINDS.map((k, i) => [k, i])) as Record<DunningStepKind, number>;
