import { z } from 'zod';
import { daysBetween, addMonths } from '../dates';
import { sirenOfVatNumber } from '../identifiers';
import { MoneyString, NonNegativeMoneyInput } from '../money';
import {
  Address, AddressInput, Bic, Email, Iban, IsoDate, optional, PercentInput, Phone, requiredText, Siren, text, VatNumber,
} from './common';

export const VAT_REGIMES = ['debits', 'encaissements', 'franchise'] as const;
export const VatRegime = z.enum(VAT_REGIMES, { error: 'Régime de TVA : débits, encaissements ou franchise.' });
export type VatRegime = z.infer<typeof VatRegime>;

export const VAT_REGIME_LABELS: Record<VatRegime, string> = {
  debits: 'TVA sur les débits',
  encaissements: 'TVA sur les encaissements',
  franchise: 'Franchise en base de TVA (art. 293 B du CGI)',
};

export const LEGAL_FORMS = {
  EI: 'Entreprise individuelle (EI)',
  MICRO: 'Micro-entreprise',
  EURL: 'EURL',
  SARL: 'SARL',
  SASU: 'SASU',
  SAS: 'SAS',
  SA: 'SA',
  SNC: 'SNC',
  SCOP: 'SCOP',
  ASSOCIATION: 'Association',
  AUTRE: 'Autre',
} as const;
export type LegalForm = keyof typeof LEGAL_FORMS;
export const LegalFormInput = z.enum(Object.keys(LEGAL_FORMS) as [LegalForm, ...LegalForm[]], {
  error: 'Forme juridique inconnue.',
});

export const FiscalYearInput = z
  .object({ start: IsoDate, end: IsoDate })
  .superRefine((fy, ctx) => {
    const days = daysBetween(fy.start, fy.end);
    if (days < 0) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'La fin de l’exercice doit suivre son début.' });
    } else if (fy.end >= addMonths(fy.start, 24)) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'Un exercice dure 24 mois au plus (12 mois en régime courant).' });
    }
  });

const companyFields = {
  name: requiredText('Indiquez la raison sociale ou le nom de l’entreprise.'),
  legalForm: optional(LegalFormInput),
  siren: Siren,
  vatNumber: optional(VatNumber),
  address: AddressInput,
  vatRegime: VatRegime,
  fiscalYear: FiscalYearInput,
  latePenaltyRate: optional(PercentInput),
  iban: optional(Iban),
  bic: optional(Bic),
  email: optional(Email),
  phone: optional(Phone),
  shareCapital: optional(NonNegativeMoneyInput),
  rcs: optional(text(120)),
  /** Up to how much a payment's small difference (écart de règlement) may be settled in one click (658 / 758); empty: 1,00 €. */
  paymentDifferenceThreshold: optional(NonNegativeMoneyInput),
  /** Factur-X as the default format of the preview's save button (the plain PDF still offered); absent: no. */
  facturxDefault: z.boolean({ error: 'Factur-X par défaut : oui (true) ou non (false).' }).optional(),
};

/** The company's VAT number must be the one of its own SIREN. */
function vatMatchesSiren(c: { siren?: string; vatNumber?: string | undefined }, ctx: z.RefinementCtx) {
  if (!c.vatNumber || !c.siren) return;
  const inside = sirenOfVatNumber(c.vatNumber);
  if (inside && inside !== c.siren) {
    ctx.addIssue({ code: 'custom', path: ['vatNumber'], message: `Ce numéro de TVA correspond au SIREN ${inside}, pas au vôtre (${c.siren}).` });
  }
}

export const CompanyInitRequest = z.strictObject(companyFields).superRefine(vatMatchesSiren);
export type CompanyInitRequest = z.input<typeof CompanyInitRequest>;

/** Every field optional; the core checks the VAT number against the stored SIREN when only one changes. */
export const CompanyUpdateRequest = z.strictObject(companyFields).partial().superRefine(vatMatchesSiren);
export type CompanyUpdateRequest = z.input<typeof CompanyUpdateRequest>;

export const Company = z.object({
  name: z.string(),
  legalForm: LegalFormInput.optional(),
  siren: z.string(),
  vatNumber: z.string().optional(),
  address: Address,
  vatRegime: VatRegime,
  fiscalYear: z.object({ start: z.string(), end: z.string() }),
  latePenaltyRate: z.string().optional(),
  iban: z.string().optional(),
  bic: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  shareCapital: z.string().optional(),
  rcs: z.string().optional(),
  /** The threshold of the écarts de règlement (1.00 unless the company chose another; 0.00: never). */
  paymentDifferenceThreshold: MoneyString,
  /** The preview saves Factur-X first (Paramètres › Entreprise); false unless the owner ticked it. */
  facturxDefault: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Company = z.infer<typeof Company>;
