import { z } from 'zod';
import { MoneyString, NonNegativeMoneyInput } from '../money';
import { Id, IsoDate, optional, Paging, requiredText, text } from './common';
import { InvoiceLineInput } from './invoice';

export const PAYMENT_METHODS = ['transfer', 'check', 'card', 'cash', 'direct_debit'] as const;
export const PaymentMethod = z.enum(PAYMENT_METHODS, { error: 'Moyen de paiement : transfer, check, card, cash ou direct_debit.' });
export const PAYMENT_METHOD_LABELS = { transfer: 'Virement', check: 'Chèque', card: 'Carte bancaire', cash: 'Espèces', direct_debit: 'Prélèvement' } as const;

const PositiveMoney = NonNegativeMoneyInput.refine((v) => v !== '0.00', { message: 'Le montant doit être supérieur à zéro.' });

export const PaymentRecordRequest = z.strictObject({
  customerId: Id,
  date: IsoDate,
  amount: PositiveMoney,
  method: PaymentMethod,
  reference: optional(text(60)),
  allocations: z.array(z.strictObject({ invoiceId: Id, amount: PositiveMoney })).max(1000).optional(),
  escompte: z.array(z.strictObject({ invoiceId: Id })).max(1000).optional(),
  /**
   * Settle the small difference the receipt leaves (écart de règlement), up to the company's threshold: a
   * shortfall on the invoices it settles goes to 658 (they are then paid), an excess to 758 instead of an advance.
   */
  settleDifference: z.boolean().optional(),
});

export const PAYMENT_STATUSES = ['recorded', 'cancelled'] as const;
export const PAYMENT_STATUS_LABELS = { recorded: 'Enregistré', cancelled: 'Annulé' } as const;

export const Payment = z.object({
  id: z.number().int(),
  entryId: z.number().int(),
  customerId: z.number().int(),
  customerCode: z.string(),
  customerName: z.string(),
  date: z.string(),
  amount: MoneyString,
  method: PaymentMethod,
  reference: z.string().optional(),
  /** Per invoice settled: the amount received on it, its escompte, and the shortfall settled as a difference (658). */
  allocations: z.array(z.object({ invoiceId: z.number().int(), invoiceNumber: z.string(), amount: MoneyString, escompte: z.boolean(), difference: MoneyString })),
  /** Money received on written-off invoices (accounting.md §8): the amount, of which the VAT owed again. */
  recoveries: z.array(z.object({ invoiceId: z.number().int(), invoiceNumber: z.string(), amount: MoneyString, vat: MoneyString })),
  advance: MoneyString,
  /** What was paid too much and kept as a difference (758) instead of an advance. */
  surplus: MoneyString,
  status: z.enum(PAYMENT_STATUSES),
  /** A cancelled payment: when, why, and the reversal entries (the payment's first, then its escompte credit notes'). */
  cancellation: z.object({ date: z.string(), reason: z.string(), entryId: z.number().int(), entryIds: z.array(z.number().int()) }).optional(),
});
export type Payment = z.infer<typeof Payment>;

export const PaymentCancelRequest = z.strictObject({
  id: Id,
  /** The reversal's date: today when absent (or the payment's own date, if it is later). */
  date: optional(IsoDate),
  reason: requiredText('Indiquez pourquoi vous annulez ce règlement (chèque impayé, erreur de client ou de facture…).', 300),
});

/** The écart de règlement a payment left, settled afterwards (its own OD entry), within the company's threshold. */
export const PaymentSettleDifferenceRequest = z.strictObject({
  id: Id,
  /** The entry's date: today when absent (or the payment's own date, if it is later). */
  date: optional(IsoDate),
});

export const PaymentListRequest = z.strictObject({
  customerId: Id.optional(),
  status: z.enum(PAYMENT_STATUSES, { error: 'État : recorded (enregistré) ou cancelled (annulé).' }).optional(),
  /** A customer's name or code, a reference, or an amount. */
  search: optional(text(100)),
  ...Paging,
});
export const PaymentList = z.object({ rows: z.array(Payment), total: z.number().int() });

/** The written-off invoices of a customer on which money may still come in (a recovery, §8). */
export const PaymentRecoverableRequest = z.strictObject({ customerId: Id });
export const PaymentRecoverable = z.object({
  rows: z.array(
    z.object({
      invoiceId: z.number().int(),
      invoiceNumber: z.string(),
      writtenOffOn: z.string(),
      /** What was written off, VAT included; what receipts recovered since; what may still be recovered. */
      writtenOff: MoneyString,
      recovered: MoneyString,
      left: MoneyString,
      /** The VAT part of what is written off (owed again in proportion when money comes in). */
      vat: MoneyString,
    }),
  ),
});

export const CREDIT_NOTE_KINDS = ['cancellation', 'rebate', 'escompte'] as const;
export const CREDIT_NOTE_KIND_LABELS = { cancellation: 'Annulation ou retour', rebate: 'Rabais, remise, ristourne', escompte: 'Escompte' } as const;

export const CreditNoteCreateRequest = z.strictObject({
  invoiceId: Id,
  date: IsoDate,
  reason: requiredText('Indiquez le motif de l’avoir.', 300),
  kind: z.enum(['cancellation', 'rebate'], { error: 'Nature de l’avoir : cancellation (annulation, retour) ou rebate (rabais, remise, ristourne).' }).optional(),
  lines: z.array(InvoiceLineInput.omit({ account: true })).min(1).max(500).optional(),
  validate: z.boolean().optional(),
});
export const CreditNoteIdRequest = z.strictObject({ id: Id });

export const CreditNote = z.object({
  id: z.number().int(),
  number: z.string().optional(),
  status: z.enum(['draft', 'validated']),
  invoiceId: z.number().int(),
  invoiceNumber: z.string(),
  customerId: z.number().int(),
  kind: z.enum(CREDIT_NOTE_KINDS),
  date: z.string(),
  reason: z.string(),
  totals: z.object({ net: MoneyString, vat: MoneyString, gross: MoneyString }),
  parts: z.array(z.object({ rate: z.string(), kind: z.enum(['goods', 'services']), account: z.string(), base: MoneyString, vat: MoneyString, description: z.string() })),
  entryId: z.number().int().optional(),
});
export type CreditNote = z.infer<typeof CreditNote>;

export const AdvanceApplyRequest = z.strictObject({ customerId: Id, invoiceId: Id, amount: PositiveMoney, date: IsoDate });
export const AdvanceRefundRequest = z.strictObject({ customerId: Id, amount: PositiveMoney, date: IsoDate, method: PaymentMethod });
export const EntryRef = z.object({ entryId: z.number().int() });

export const LetteringMatchRequest = z.strictObject({
  lineIds: z.array(Id).min(2, { message: 'Un lettrage rapproche au moins deux lignes.' }).max(1000),
  date: optional(IsoDate),
});
export const LetteringUnmatchRequest = z.strictObject({
  code: z.string().trim().regex(/^[A-Z]{1,4}$/, { message: 'Code de lettrage : des lettres majuscules (A, B… AA).' }),
  account: optional(z.string().regex(/^\d{2,10}$/)),
  aux: optional(z.string().regex(/^C\d{5,}$/)),
});
export const LetteringAutoRequest = z.strictObject({ customerId: Id.optional() });
export const Lettering = z.object({ code: z.string(), date: z.string() });
