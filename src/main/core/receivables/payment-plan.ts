import { formatDateShort } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { prorata } from '../../../shared/invoice-math';
import { formatEuro } from '../../../shared/money';
import { refuseAboveOutstanding, refuseBeforeInvoice, type PayableInvoice } from './invoice-state';

/**
 * How a receipt is spread (accounting.md §2, §4, §8), decided from plain data and nothing else: which
 * invoices it settles and for how much, the VAT on receipts each part releases, the money recovered on
 * written-off invoices, the advance left over. recordPayment gathers the data, asks, then posts.
 */

/** An invoice the receipt may settle; `escompte`, for the invoices named for it, is what its escompte offers (null: none). */
export interface PaymentInvoice extends PayableInvoice {
  escompte?: { deadline: string; amountDue: bigint } | null | undefined;
}

/** A written-off invoice (§7): money received on it is a recovery, its VAT part owed again. */
export interface WrittenOffInvoice {
  invoiceId: number;
  number: string;
  /** What was written off: the loss, the VAT regularised and the VAT pending. */
  amount: bigint;
  /** The VAT part of it (regularised + pending). */
  vat: bigint;
  /** What receipts already recovered on it. */
  recovered: bigint;
}

/** What an allocation's invoice turned out to be, or the refusal its look-up met (thrown in its turn). */
export type AllocationTarget<T extends PaymentInvoice> =
  | { kind: 'open'; invoice: T }
  | { kind: 'written_off'; writeOff: WrittenOffInvoice }
  | { kind: 'refused'; error: AppError };

interface PlanRequest {
  date: string;
  amount: bigint;
  /** The invoices the customer takes the escompte on. */
  escompte: ReadonlySet<number>;
  /** Their numbers, to name them in a refusal (the id otherwise). */
  escompteNumbers?: ReadonlyMap<number, string> | undefined;
  /** The owner settles the small difference the receipt leaves (écart de règlement), up to the company's threshold. */
  settleDifference?: { threshold: bigint } | undefined;
}

/** Either the allocations the user typed, each with its target, or the customer's open invoices (any order). */
export type PaymentPlanInput<T extends PaymentInvoice> = PlanRequest &
  ({ allocations: readonly { invoiceId: number; amount: bigint; target: AllocationTarget<T> }[] } | { openInvoices: readonly T[] });

export interface PlannedAllocation<T extends PaymentInvoice> {
  invoice: T;
  amount: bigint;
  escompte: boolean;
  /** VAT on receipts this part releases (D 44574 / C 44571); nil with the escompte (its credit note moves it). */
  vatShare: bigint;
  /** What the receipt leaves unpaid on the invoice and the owner settles (D 658 / C 411): nil unless settleDifference. */
  difference: bigint;
  /** The part of it that is VAT on receipts still pending: never received, hence never due (D 44574, cleared). */
  differenceVat: bigint;
}

export interface PlannedRecovery {
  invoiceId: number;
  number: string;
  amount: bigint;
  vat: bigint;
}

export interface PaymentPlan<T extends PaymentInvoice> {
  allocations: PlannedAllocation<T>[];
  recoveries: PlannedRecovery[];
  /** What no invoice takes: C 4191. */
  advance: bigint;
  /** What the customer paid too much and the owner keeps as a product (C 758) instead of an advance: nil unless settleDifference. */
  surplus: bigint;
}

/**
 * Explicit allocations are checked one by one, in the order given (the first fault is the one reported).
 * Without them: the invoices named for escompte first, each at its discounted amount, then the others
 * oldest due date first (then by number); invoices dated after the payment are left alone.
 */
export function planPayment<T extends PaymentInvoice>(input: PaymentPlanInput<T>): PaymentPlan<T> {
  if (input.amount <= 0n) throw new AppError('VALIDATION', 'Un règlement porte un montant supérieur à zéro.', { amount: 'Montant supérieur à zéro.' });
  const { allocations, recoveries } = 'allocations' in input ? followAllocations(input, input.allocations) : { allocations: spread(input, input.openInvoices), recoveries: [] };
  for (const id of input.escompte) {
    if (!allocations.some((a) => a.invoice.id === id && a.escompte)) {
      const named = input.escompteNumbers?.get(id) ?? `n° ${id}`;
      throw new AppError('VALIDATION', `L’escompte de la facture ${named} suppose qu’elle soit réglée par ce règlement.`, { escompte: 'Facture non réglée ici.' });
    }
  }
  const allocated = allocations.reduce((s, a) => s + a.amount, 0n) + recoveries.reduce((s, r) => s + r.amount, 0n);
  if (allocated > input.amount) throw new AppError('VALIDATION', `La répartition (${formatEuro(allocated)}) dépasse le montant reçu (${formatEuro(input.amount)}).`, { allocations: 'Répartition supérieure au montant.' });
  const plan: PaymentPlan<T> = {
    allocations: allocations.map((a) => ({ ...a, vatShare: a.escompte ? 0n : vatReceiptShare(a.invoice, a.amount), difference: 0n, differenceVat: 0n })),
    recoveries,
    advance: input.amount - allocated,
    surplus: 0n,
  };
  return input.settleDifference ? settleDifference(plan, input.settleDifference.threshold) : plan;
}

/**
 * The écart de règlement a payment left, settled afterwards: what its invoices still owe (each whole, as
 * a shortfall), or else the advance it left (a surplus). The same rules as at recording, nothing received.
 */
export function planLateDifference<T extends PaymentInvoice>(owed: readonly T[], advance: bigint, threshold: bigint): PaymentPlan<T> {
  const allocations = owed.filter((inv) => inv.outstanding > 0n).map((invoice) => ({ invoice, amount: 0n, escompte: false, vatShare: 0n, difference: 0n, differenceVat: 0n }));
  return settleDifference({ allocations, recoveries: [], advance, surplus: 0n }, threshold);
}

const FIELD = 'settleDifference';

/**
 * The écart de règlement, settled in the same receipt when the owner asks: either the receipt leaves a
 * little unpaid on the invoices it settles (each shortfall to 658, the invoices then paid), or it leaves
 * a little over (758 instead of an advance). Never both, never above the threshold, never nothing.
 */
function settleDifference<T extends PaymentInvoice>(plan: PaymentPlan<T>, threshold: bigint): PaymentPlan<T> {
  const short = plan.allocations.filter((a) => !a.escompte && a.amount < a.invoice.outstanding);
  const over = `votre seuil d’écart de règlement (${formatEuro(threshold)}, dans les paramètres de l’entreprise)`;
  if (plan.advance > 0n && short.length > 0) {
    const first = short[0] as PlannedAllocation<T>;
    throw new AppError('VALIDATION', `Ce règlement laisse à la fois un reste dû sur la facture ${first.invoice.number} et ${formatEuro(plan.advance)} non imputés : imputez d’abord ce montant sur la facture.`, { [FIELD]: 'Reste dû et excédent à la fois.' });
  }
  if (plan.advance > 0n) {
    if (plan.advance > threshold) throw new AppError('VALIDATION', `L’excédent de ${formatEuro(plan.advance)} dépasse ${over} : il reste en avance au client.`, { [FIELD]: `Au plus ${formatEuro(threshold)}.` });
    return { ...plan, advance: 0n, surplus: plan.advance };
  }
  if (short.length === 0) throw new AppError('VALIDATION', 'Ce règlement ne laisse aucun écart à solder : ses factures sont réglées, et rien n’est resté en avance.', { [FIELD]: 'Aucun écart à solder.' });
  const total = short.reduce((s, a) => s + a.invoice.outstanding - a.amount, 0n);
  if (total > threshold) throw new AppError('VALIDATION', `L’écart de règlement (${formatEuro(total)}) dépasse ${over} : la facture reste due pour ce montant.`, { [FIELD]: `Au plus ${formatEuro(threshold)}.` });
  return { ...plan, allocations: plan.allocations.map((a) => (short.includes(a) ? withDifference(a) : a)) };
}

/**
 * A shortfall settled: the VAT on receipts still pending once the receipt took its share belongs to money
 * never received, so it is not due (D 44574), up to the shortfall; a rounding cent beyond moves with the
 * receipt (D 44574 / C 44571), so that nothing stays pending on a paid invoice.
 */
function withDifference<T extends PaymentInvoice>(a: PlannedAllocation<T>): PlannedAllocation<T> {
  const difference = a.invoice.outstanding - a.amount;
  const left = a.invoice.pendingVat - a.vatShare;
  const differenceVat = left < difference ? left : difference;
  return { ...a, difference, differenceVat, vatShare: a.vatShare + left - differenceVat };
}

type Allocation<T extends PaymentInvoice> = Omit<PlannedAllocation<T>, 'vatShare' | 'difference' | 'differenceVat'>;

function followAllocations<T extends PaymentInvoice>(req: PlanRequest, asked: readonly { invoiceId: number; amount: bigint; target: AllocationTarget<T> }[]) {
  const allocations: Allocation<T>[] = [];
  const recoveries: PlannedRecovery[] = [];
  const seen = new Set<number>();
  asked.forEach((a, i) => {
    if (seen.has(a.invoiceId)) throw new AppError('VALIDATION', 'Une facture ne figure qu’une fois dans la répartition.', { [`allocations.${i}.invoiceId`]: 'Facture en double.' });
    seen.add(a.invoiceId);
    const field = `allocations.${i}.amount`;
    const target = a.target;
    if (target.kind === 'refused') throw target.error;
    if (target.kind === 'written_off') {
      recoveries.push(recovery(target.writeOff, a.amount, field));
      return;
    }
    const inv = target.invoice;
    refuseBeforeInvoice(inv, req.date, 'date');
    const takesEscompte = req.escompte.has(a.invoiceId);
    if (takesEscompte) {
      const amountDue = escompteDue(inv, req.date);
      if (a.amount !== amountDue) throw new AppError('VALIDATION', `Avec l’escompte, la facture ${inv.number} se règle ${formatEuro(amountDue)}.`, { [field]: `${formatEuro(amountDue)} avec l’escompte.` });
    } else refuseAboveOutstanding(inv, a.amount, field, 'L’imputation');
    allocations.push({ invoice: inv, amount: a.amount, escompte: takesEscompte });
  });
  return { allocations, recoveries };
}

function spread<T extends PaymentInvoice>(req: PlanRequest, open: readonly T[]): Allocation<T>[] {
  const allocations: Allocation<T>[] = [];
  let left = req.amount;
  const candidates = open.filter((o) => o.date <= req.date).sort(oldestDueFirst);
  for (const inv of candidates.filter((o) => req.escompte.has(o.id))) {
    const amountDue = escompteDue(inv, req.date);
    if (left < amountDue) throw new AppError('VALIDATION', `Le règlement ne couvre pas la facture ${inv.number} escomptée (${formatEuro(amountDue)}).`, { amount: 'Montant insuffisant.' });
    allocations.push({ invoice: inv, amount: amountDue, escompte: true });
    left -= amountDue;
  }
  for (const inv of candidates.filter((o) => !req.escompte.has(o.id))) {
    if (left <= 0n) break;
    const amount = left < inv.outstanding ? left : inv.outstanding;
    allocations.push({ invoice: inv, amount, escompte: false });
    left -= amount;
  }
  return allocations;
}

const oldestDueFirst = (a: PayableInvoice, b: PayableInvoice) => compare(a.dueDate, b.dueDate) || compare(a.number ?? '', b.number ?? '');
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The amount that settles the invoice with its escompte on this date, or a French refusal. */
function escompteDue(inv: PaymentInvoice, date: string): bigint {
  const terms = inv.escompte;
  if (!terms) throw new AppError('CONFLICT', `La facture ${inv.number} ne prévoit pas d’escompte.`);
  if (date > terms.deadline) throw new AppError('CONFLICT', `Le délai d’escompte de la facture ${inv.number} a expiré le ${formatDateShort(terms.deadline)} : le client doit le montant entier.`);
  if (inv.outstanding !== inv.gross) throw new AppError('CONFLICT', `L’escompte porte sur la facture ${inv.number} entière : elle a déjà été réglée ou créditée en partie.`);
  return terms.amountDue;
}

/** Money received on a written-off invoice: at most what is left of it; its VAT part in the write-off's proportion. */
function recovery(w: WrittenOffInvoice, amount: bigint, field: string): PlannedRecovery {
  const left = w.amount - w.recovered;
  if (amount > left) throw new AppError('VALIDATION', `Il ne reste que ${formatEuro(left)} de la créance ${w.number} passée en perte.`, { [field]: `Au plus ${formatEuro(left)}.` });
  return { invoiceId: w.invoiceId, number: w.number, amount, vat: prorata(amount, w.vat, w.amount) };
}

/**
 * VAT on receipts (§2): the share of the invoice's VAT on receipts a receipt of `amount` releases, never
 * more than is still pending; the receipt that settles the invoice releases all that is left.
 */
export function vatReceiptShare(inv: Pick<PayableInvoice, 'outstanding' | 'gross' | 'vatOnReceipts' | 'pendingVat'>, amount: bigint): bigint {
  if (inv.pendingVat <= 0n) return 0n;
  if (amount === inv.outstanding) return inv.pendingVat;
  const share = prorata(amount, inv.vatOnReceipts, inv.gross);
  return share < inv.pendingVat ? share : inv.pendingVat;
}
