import { formatDateShort } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { prorata } from '../../../shared/invoice-math';
import { formatEuro } from '../../../shared/money';

/**
 * The amounts of an irrecoverable debt (accounting.md §7), decided from plain data: the outstanding split
 * into HT, VAT collected per rate and VAT still pending; what of the collected VAT is regularised or lost;
 * the provision reversed. writeOff gathers the data, asks, then posts; the Article 272 mention and the
 * doubtful list read the same split.
 */

/** One VAT rate of the invoice. */
export interface RateAmounts {
  rate: string;
  /** As issued: base, VAT, and the part of that VAT on receipts. */
  base: bigint;
  vat: bigint;
  pending: bigint;
  /** What is left at this rate once the validated credit notes are taken off. Not read yet: see splitOutstanding. */
  remaining: { base: bigint; vat: bigint; pending: bigint };
}

export interface OutstandingInvoice {
  gross: bigint;
  /** What is still owed (TTC). */
  outstanding: bigint;
  /** VAT of this invoice still waiting on 44574. */
  pendingVat: bigint;
  rates: readonly RateAmounts[];
}

export interface OutstandingSplit {
  ht: bigint;
  collectedVat: bigint;
  /** The collected VAT per rate, rates with none left out. */
  vatByRate: { rate: string; vat: bigint }[];
  pendingVat: bigint;
}

/**
 * The outstanding split: the pending VAT of the invoice exactly (never paid to the State: nothing to
 * recover), the collected VAT of each rate in the invoice's issued proportion, the rest HT.
 * Known defect, kept as it is: the issued proportions are used even when a credit note took back one
 * rate only; the per-rate `remaining` amounts are the input its fix needs.
 */
export function splitOutstanding(inv: OutstandingInvoice): OutstandingSplit {
  const vatByRate = inv.rates.map((r) => ({ rate: r.rate, vat: prorata(inv.outstanding, r.vat - r.pending, inv.gross) }));
  const collectedVat = vatByRate.reduce((s, r) => s + r.vat, 0n);
  return { ht: inv.outstanding - collectedVat - inv.pendingVat, collectedVat, vatByRate: vatByRate.filter((r) => r.vat > 0n), pendingVat: inv.pendingVat };
}

export interface WriteOffTerms {
  date: string;
  reason: 'liquidation' | 'certificate' | 'prescription' | 'other';
  /** Given (and checked by the caller) for a liquidation. */
  judgmentDate?: string | undefined;
  /** Outside the recovery window (or without proof), the VAT can only be posted as a loss: the user says so. */
  vatTreatment?: 'regularise' | 'loss' | undefined;
}

export interface WriteOffPlan extends OutstandingSplit {
  /** D 6541/6544: the HT, plus the VAT posted as a loss. */
  loss: bigint;
  /** D 44571 (art. 272 CGI). */
  vatRegularised: bigint;
  vatAsLoss: bigint;
  /** D 491 / C 78174: the whole provision held. */
  provisionReversed: bigint;
  /** The last day to recover the VAT, when there is collected VAT. */
  recoveryDeadline: string | null;
}

/** 31 December of the second year after the event: the last day to recover the VAT (law.md). */
export function vatRecoveryDeadline(eventDate: string): string {
  return `${Number(eventDate.slice(0, 4)) + 2}-12-31`;
}

/**
 * The write-off's amounts, or a French refusal when the collected VAT cannot be regularised as asked:
 * without proof (reason "other") the user chooses; past the recovery window it can only be a loss.
 */
export function planWriteOff(inv: OutstandingInvoice, terms: WriteOffTerms, provisionHeld: bigint): WriteOffPlan {
  const split = splitOutstanding(inv);
  const { collectedVat } = split;
  const deadline = vatRecoveryDeadline(terms.reason === 'liquidation' ? (terms.judgmentDate as string) : terms.date);
  const proven = terms.reason !== 'other';
  const inWindow = terms.date <= deadline;
  let vatAsLoss = 0n;
  if (collectedVat > 0n) {
    if (!proven && terms.vatTreatment !== 'regularise' && terms.vatTreatment !== 'loss') {
      throw new AppError('CONFLICT', `Sans jugement, certificat d’irrécouvrabilité ni prescription, la récupération de ${formatEuro(collectedVat)} de TVA n’est pas acquise. Choisissez de régulariser la TVA (vous en prenez la responsabilité) ou de la passer en perte.`, { vatTreatment: 'Choix nécessaire.' });
    }
    if (proven && !inWindow && terms.vatTreatment !== 'loss') {
      throw new AppError('CONFLICT', `Le délai pour récupérer la TVA a expiré le ${formatDateShort(deadline)} (31 décembre de la deuxième année après l’événement) : les ${formatEuro(collectedVat)} de TVA ne peuvent plus être régularisés. Confirmez pour les passer en perte.`, { vatTreatment: 'Confirmez la perte de TVA.' });
    }
    if (terms.vatTreatment === 'loss') vatAsLoss = collectedVat;
  }
  return {
    ...split,
    loss: split.ht + vatAsLoss,
    vatRegularised: collectedVat - vatAsLoss,
    vatAsLoss,
    provisionReversed: provisionHeld,
    recoveryDeadline: collectedVat > 0n ? deadline : null,
  };
}
