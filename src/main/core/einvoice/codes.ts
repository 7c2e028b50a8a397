/**
 * The code lists an EN 16931 invoice in CII speaks (Factur-X 1.0x, profile EN 16931, French CTC rules
 * BR-FR-*), kept in one place: the mapping (cii-invoice.ts) names them, never writes a literal code.
 */

/** BT-24: the specification the document follows (Factur-X EN 16931 = plain EN 16931). */
export const GUIDELINE_EN16931 = 'urn:cen.eu:en16931:2017';

/** BT-3, UNTDID 1001: commercial invoice, credit note, prepayment (deposit) invoice. */
export const TYPE_CODE = { invoice: '380', creditNote: '381', deposit: '386' } as const;

/**
 * BT-23, the French « cadre de facturation » (BR-FR-08): B = goods, S = services, M = both; 1 = an
 * invoice to be paid (a deposit invoice too), 4 = the final invoice after deposits (BR-FR-CO-08: never a
 * deposit invoice); 2 = already paid, which Encours does not issue.
 */
export function billingMode(kinds: { goods: boolean; services: boolean }, final = false): 'B1' | 'S1' | 'M1' | 'B4' | 'S4' | 'M4' {
  const nature = kinds.goods && kinds.services ? 'M' : kinds.goods ? 'B' : 'S';
  return `${nature}${final ? '4' : '1'}`;
}

/** BT-21, UNTDID 4451 and the French CTC notes (BR-FR-05/06/20). */
export const NOTE_SUBJECT = {
  /** Late-payment penalties clause (L441-10), mandatory. */
  latePenalty: 'PMD',
  /** The 40 € flat recovery indemnity, mandatory. */
  recoveryIndemnity: 'PMT',
  /** The escompte offered, or « néant », mandatory. */
  escompte: 'AAB',
  /** Tax mention (franchise, option on debits, reverse charge…): once at most. */
  tax: 'TXD',
  /** General information (nature of the operation, the owner's notes, a credit note's reason). */
  general: 'AAI',
  /** The French « traitement » of the document: B2B, B2BINT, B2C (BR-FR-20). */
  treatment: 'BAR',
} as const;

/** BT-30-1 / BT-47-1, ISO 6523: the SIREN. */
export const SCHEME_SIREN = '0002';
/** BT-34-1 / BT-49-1: the French directory's electronic address, starting with the SIREN (BR-FR-21). */
export const SCHEME_FR_DIRECTORY = '0225';
/** BT-34-1 / BT-49-1: an e-mail address. */
export const SCHEME_EMAIL = 'EM';

/** BT-81, UNTDID 4461: SEPA credit transfer. */
export const PAYMENT_MEANS_SEPA_TRANSFER = '58';

/** BT-151 / BT-118, UNTDID 5305. */
export const VAT_CATEGORY = {
  standard: 'S',
  zero: 'Z',
  exempt: 'E',
  reverseCharge: 'AE',
  intraEu: 'K',
  outsideScope: 'O',
} as const;
export type VatCategory = (typeof VAT_CATEGORY)[keyof typeof VAT_CATEGORY];

/** BT-121, VATEX codes of the exemptions Encours knows. */
export const VATEX = {
  franchise: 'VATEX-FR-FRANCHISE',
  reverseCharge: 'VATEX-EU-AE',
  intraEu: 'VATEX-EU-IC',
  outsideScope: 'VATEX-EU-O',
} as const;

/**
 * BT-8, UNTDID 2005: when the VAT becomes due. 5 = the invoice's date (services under the option on
 * debits), 72 = when paid (services under VAT on receipts, the French default for services). A goods-only
 * invoice carries none: goods' VAT is due on delivery whatever the option.
 */
export const VAT_POINT = { invoiceDate: '5', paid: '72' } as const;

/** BT-130, UN/ECE Rec. 20: « one » (unit), what a line is when it states no unit (shared/units.ts). */
export { DEFAULT_UNIT } from '../../../shared/units';

/** BT-140 / BT-98, UNTDID 5189: discount. */
export const ALLOWANCE_REASON_DISCOUNT = '95';

/** Factur-X: the attachment's name and the XMP's values (Factur-X 1.0, § 6). */
export const FACTURX = {
  fileName: 'factur-x.xml',
  documentType: 'INVOICE',
  version: '1.0',
  conformanceLevel: 'EN 16931',
} as const;
