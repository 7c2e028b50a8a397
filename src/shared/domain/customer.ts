import { z } from 'zod';
import { sirenOfVatNumber } from '../identifiers';
import { MoneyString, NonNegativeMoneyInput } from '../money';
import { Address, AddressInput, Email, Id, optional, Paging, Phone, requiredText, Siren, text, VatNumber } from './common';

export const CUSTOMER_KINDS = ['business', 'consumer'] as const;
export const CustomerKind = z.enum(CUSTOMER_KINDS, { error: 'Type de client : professionnel (business) ou particulier (consumer).' });
export type CustomerKind = z.infer<typeof CustomerKind>;
export const CUSTOMER_KIND_LABELS: Record<CustomerKind, string> = { business: 'Professionnel', consumer: 'Particulier' };

/** Code de commerce L441-10: at most 60 days from the invoice date, between businesses. */
export const MAX_PAYMENT_TERMS_DAYS = 60;
/** No legal cap for a consumer: a year at most, a guard against typing errors. */
export const MAX_CONSUMER_TERMS_DAYS = 365;
export const DEFAULT_PAYMENT_TERMS_DAYS = 30;
const TERMS_CAP_MESSAGE = 'La loi limite le délai de paiement à 60 jours entre professionnels (art. L441-10 du Code de commerce).';

const PaymentTermsDays = z
  .number({ error: 'Délai de paiement : un nombre de jours.' })
  .int({ message: 'Délai de paiement : un nombre entier de jours.' })
  .min(0, { message: 'Le délai de paiement ne peut pas être négatif.' })
  .max(MAX_CONSUMER_TERMS_DAYS, { message: 'Délai de paiement : 365 jours au plus.' });

const customerFields = {
  name: requiredText('Indiquez le nom du client.'),
  kind: CustomerKind,
  siren: optional(Siren),
  vatNumber: optional(VatNumber),
  email: optional(Email),
  phone: optional(Phone),
  /** null (or absent on update) clears the address. */
  address: AddressInput.nullish(),
  paymentTermsDays: PaymentTermsDays.optional(),
  creditLimit: optional(NonNegativeMoneyInput),
  notes: optional(text(2000)),
};

type CustomerShape = { kind?: CustomerKind; siren?: string | undefined; vatNumber?: string | undefined };

/**
 * The 60-day cap of L441-10 binds businesses only; a consumer's terms are whatever was agreed. Checked even
 * when other fields are wrong (`when`), so that every mistake of a form or an imported line is said at once.
 */
const businessTermsCap = [
  (c: { kind?: unknown; paymentTermsDays?: unknown }, ctx: z.RefinementCtx) => {
    if (c.kind === 'business' && typeof c.paymentTermsDays === 'number' && c.paymentTermsDays > MAX_PAYMENT_TERMS_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['paymentTermsDays'], message: TERMS_CAP_MESSAGE });
    }
  },
  { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null },
] as const;

/** Rules between fields, shared by create and update (on update the core re-runs them on the merged record). */
export function checkCustomerCoherence(c: CustomerShape, ctx: z.RefinementCtx) {
  if (c.kind === 'consumer' && c.siren) {
    ctx.addIssue({ code: 'custom', path: ['siren'], message: 'Un particulier n’a pas de SIREN : choisissez « Professionnel » ou videz ce champ.' });
  }
  if (c.vatNumber && c.siren) {
    const inside = sirenOfVatNumber(c.vatNumber);
    if (inside && inside !== c.siren) {
      ctx.addIssue({ code: 'custom', path: ['vatNumber'], message: `Ce numéro de TVA correspond au SIREN ${inside}, pas à ${c.siren}.` });
    }
  }
}

export const CustomerCreateRequest = z.strictObject(customerFields).superRefine(checkCustomerCoherence).superRefine(...businessTermsCap);
export type CustomerCreateRequest = z.input<typeof CustomerCreateRequest>;

export const CustomerUpdateRequest = z
  .strictObject({ id: Id, ...customerFields })
  .partial()
  .required({ id: true })
  .superRefine(checkCustomerCoherence)
  .superRefine(...businessTermsCap);
export type CustomerUpdateRequest = z.input<typeof CustomerUpdateRequest>;

export const CustomerGetRequest = z.strictObject({ id: Id });

export const CustomerListRequest = z.strictObject({
  search: z.string().trim().max(100).optional(),
  kind: CustomerKind.optional(),
  ...Paging,
});
export type CustomerListRequest = z.input<typeof CustomerListRequest>;

export const Customer = z.object({
  id: z.number().int(),
  /** Auxiliary account (FEC CompAuxNum), given at creation and never reused. */
  code: z.string().regex(/^C\d{5,}$/),
  name: z.string(),
  kind: CustomerKind,
  siren: z.string().optional(),
  vatNumber: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  address: Address.optional(),
  paymentTermsDays: z.number().int(),
  creditLimit: MoneyString.optional(),
  notes: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Customer = z.infer<typeof Customer>;

/**
 * A business established in France (its address in France, no foreign VAT number): e-invoicing
 * identifies it by its SIREN (Factur-X B2B, the platforms' directory), so its invoices need one.
 */
export function isFrenchBusiness(c: Pick<Customer, 'kind' | 'address' | 'vatNumber'>): boolean {
  if (c.kind !== 'business') return false;
  const foreignVat = c.vatNumber !== undefined && c.vatNumber !== '' && !c.vatNumber.toUpperCase().startsWith('FR');
  return (c.address?.country ?? 'FR') === 'FR' && !foreignVat;
}

/** What an invoice to a French business without SIREN says (a warning: the invoice is still valid on paper). */
export const MISSING_SIREN_WARNING =
  'Ce client professionnel n’a pas de SIREN : renseignez-le dans sa fiche. La facture électronique (Factur-X) l’exige pour un client établi en France, et son export sera refusé sans lui.';

export const CustomerList = z.object({ rows: z.array(Customer), total: z.number().int() });
export type CustomerList = z.infer<typeof CustomerList>;
