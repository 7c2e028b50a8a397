import { z } from 'zod';
import { DoubtfulProvisionRequest } from '../../../shared/domain/doubtful';
import { formatPercent } from '../../../shared/money';

const shared = DoubtfulProvisionRequest.shape.riskPercent;

/** A percentage typed by the owner, checked by the very schema the main process applies (0 to 100). */
export const PercentText = z.string().superRefine((v, ctx) => {
  if (v.trim() === '') {
    ctx.addIssue({ code: 'custom', message: 'Indiquez un pourcentage, par exemple 80.' });
    return;
  }
  const r = shared.safeParse(v);
  if (!r.success) ctx.addIssue({ code: 'custom', message: r.error.issues[0]?.message ?? 'Taux invalide.' });
});

/** "80,5" → "80.5" (the main process reads either). */
export const percentValue = (v: string) => v.trim().replace(',', '.');

export function percentOk(v: string): boolean {
  return PercentText.safeParse(v).success;
}

/** A typed percentage as French prints it ("80,5 %"), or as typed while it is not one yet. */
export const percentShown = (v: string) => (percentOk(v) ? formatPercent(percentValue(v)) : v);
