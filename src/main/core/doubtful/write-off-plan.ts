import { formatDateShort } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { prorata, shareOut } from '../../../shared/invoice-math';
import { formatEuro } from '../../../shared/money';

/**
 * The amounts of an irrecoverable debt (accounting.md §7), decided from plain data: what is left at each
 * VAT rate, the outstanding split into HT, VAT collected per rate and VAT still pending; what of the
 * collected VAT is regularised or lost; the provision reversed. writeOff gathers the data, asks, then
 * posts; the Article 272 duplicate, the provision base and the doubtful list read the same split.
 */

/** One VAT rate: base, VAT, and the part of that VAT on receipts (services under VAT on receipts). */
export interface RateAmounts {
  rate: string;
  base: bigint;
  vat: bigint;
  pending: bigint;
}

/**
 * What happened to the invoice after it was issued, in the order it happened: a credit note takes back
 * its own parts, rate by rate (`RateAmounts` summed per rate); money received (payment, advance applied,
 * a bank line lettered with it; negative when given back) settles the rates in proportion to what was
 * left at each when it came.
 */
export type InvoiceEvent = { kind: 'credit'; parts: readonly RateAmounts[] } | { kind: 'receipt'; amount: bigint };

export interface OutstandingInvoice {
  /** What is still owed (TTC), as the ledger says. */
  outstanding: bigint;
  /** VAT of this invoice still waiting on 44574, as the ledger says. */
  pendingVat: bigint;
  /** The invoice's rates as issued. */
  rates: readonly RateAmounts[];
  history: readonly InvoiceEvent[];
}

/** What is left owed at one rate: TTC, the VAT in it, and the part of that VAT on receipts. */
export interface RateLeft {
  rate: string;
  gross: bigint;
  vat: bigint;
  pending: bigint;
}

/**
 * What is left at each rate (accounting.md §7): what was invoiced at the rate, less the credit notes at
 * that rate, less each receipt's share, a receipt settling the rates in proportion to the TTC left at each
 * when it came. Within a rate, what is left keeps the VAT (and the VAT on receipts) in the proportion the
 * rate held it, rounded on what is left: rate / (100 + rate) up to the invoice's own rounding of that
 * rate, and a rate nothing was received on keeps exactly its invoiced VAT less its credit notes. Receipts
 * in a row, with no credit note between them, settle the rates as one (same proportions, rounded once).
 * Money given back returns to the rates in proportion to what they had received. Should the ledger's
 * outstanding differ from what the events leave (a movement no event names), the difference is settled
 * as a receipt.
 */
export function ratesLeft(inv: OutstandingInvoice): RateLeft[] {
  const left: RateLeft[] = inv.rates.map((r) => ({ rate: r.rate, gross: r.base + r.vat, vat: r.vat, pending: r.pending }));
  const received: RateLeft[] = inv.rates.map((r) => ({ rate: r.rate, gross: 0n, vat: 0n, pending: 0n }));
  const receive = (amount: bigint) => {
    if (amount > 0n) {
      const total = left.reduce((s, r) => s + r.gross, 0n);
      const shares = shareOut(amount < total ? amount : total, left.map((r) => r.gross));
      left.forEach((r, i) => move(r, received[i] as RateLeft, shares[i] ?? 0n));
    } else if (amount < 0n) {
      const total = received.reduce((s, r) => s + r.gross, 0n);
      const shares = shareOut(-amount < total ? -amount : total, received.map((r) => r.gross));
      received.forEach((r, i) => move(r, left[i] as RateLeft, shares[i] ?? 0n));
    }
  };
  let inARow = 0n;
  for (const event of inv.history) {
    if (event.kind === 'receipt') {
      inARow += event.amount;
      continue;
    }
    receive(inARow);
    inARow = 0n;
    for (const part of event.parts) {
      const r = left.find((x) => x.rate === part.rate);
      if (!r) continue;
      r.gross = clamp(r.gross - part.base - part.vat);
      r.vat = clamp(r.vat - part.vat);
      r.pending = clamp(r.pending - part.pending);
    }
  }
  receive(inARow);
  receive(left.reduce((s, r) => s + r.gross, 0n) - inv.outstanding);
  return left;
}

const clamp = (n: bigint) => (n > 0n ? n : 0n);

/**
 * Moves `amount` TTC from one rate's holding to another. What stays keeps the VAT (and pending VAT) in the
 * proportion `from` held it, rounded once on what stays; the amount moved carries the rest.
 */
function move(from: RateLeft, to: RateLeft, amount: bigint) {
  if (amount === 0n) return;
  const stays = from.gross - amount;
  const vat = from.vat - prorata(stays, from.vat, from.gross);
  const pending = from.pending - prorata(stays, from.pending, from.gross);
  from.gross -= amount; from.vat -= vat; from.pending -= pending;
  to.gross += amount; to.vat += vat; to.pending += pending;
}

export interface OutstandingSplit {
  ht: bigint;
  collectedVat: bigint;
  /** The collected VAT per rate, rates with none left out. */
  vatByRate: { rate: string; vat: bigint }[];
  pendingVat: bigint;
}

/**
 * The outstanding split by what is left at each rate (ratesLeft): the VAT still pending on 44574 exactly
 * as the ledger holds it (never paid to the State: nothing to recover; shared over the rates as they hold
 * it), the rest of each rate's VAT collected, the rest HT. The write-off, the Article 272 duplicate, the
 * provision base and the doubtful list all read this split.
 */
export function splitOutstanding(inv: OutstandingInvoice): OutstandingSplit {
  const left = ratesLeft(inv);
  const weights = left.some((r) => r.pending > 0n) ? left.map((r) => r.pending) : left.map((r) => r.vat);
  const pendingByRate = shareOut(inv.pendingVat, weights);
  const vatByRate = left.map((r, i) => ({ rate: r.rate, vat: clamp(r.vat - (pendingByRate[i] ?? 0n)) }));
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
