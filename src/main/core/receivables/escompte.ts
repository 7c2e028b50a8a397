import { addDays } from '../../../shared/dates';
import { escompte as escompteMath } from '../../../shared/invoice-math';
import { centsToString } from '../../../shared/money';
import type { Db } from '../../db/open';
import { readInvoiceVat } from '../../db/repositories/invoice-repo';

/**
 * What an invoice's escompte offers (accounting.md §4): the last day a payment may take it, and the
 * amount that then settles the whole invoice (each rate's base and VAT less the discount, rounded per
 * rate). The one computation the payment posts with and the screens show.
 */
export function escompteTerms(db: Db, inv: { id: number; date: string; escompte_percent: string | null; escompte_days: number | null }) {
  if (!inv.escompte_percent) return null;
  const e = escompteMath(readInvoiceVat(db, inv.id).map((v) => ({ rate: v.rate, base: v.base_cents, vat: v.vat_cents })), inv.escompte_percent);
  return { percent: inv.escompte_percent, days: inv.escompte_days ?? 0, deadline: addDays(inv.date, inv.escompte_days ?? 0), amountDue: e.amountDue };
}

/** The terms as the Invoice schema carries them (decimal strings). */
export function escompteDto(db: Db, inv: Parameters<typeof escompteTerms>[1]) {
  const t = escompteTerms(db, inv);
  return t ? { escompte: { percent: t.percent, days: t.days, deadline: t.deadline, amountDue: centsToString(t.amountDue) } } : {};
}
