import type { Company } from '../../../shared/domain/company';
import { isFrenchBusiness, type Customer } from '../../../shared/domain/customer';
import type { Invoice } from '../../../shared/domain/invoice';
import type { CreditNote } from '../../../shared/domain/payment';
import { lineNet } from '../../../shared/invoice-math';
import { centsToString, Dec, formatPercent, toCents } from '../../../shared/money';
import { formatDateShort } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import type { PrintedDocument } from '../documents/invoice-document';
import { mentionText, type MentionId } from '../documents/legal-mentions';
import {
  ALLOWANCE_REASON_DISCOUNT,
  billingMode,
  DEFAULT_UNIT,
  NOTE_SUBJECT,
  PAYMENT_MEANS_SEPA_TRANSFER,
  SCHEME_EMAIL,
  SCHEME_FR_DIRECTORY,
  TYPE_CODE,
  VAT_CATEGORY,
  VAT_POINT,
  VATEX,
  type VatCategory,
} from './codes';

/**
 * What an EN 16931 invoice says, as plain strings, before any XML (cii-xml.ts writes it): mapped from the
 * very data the PDF prints. Amounts are the core's (invoice-math.ts through the invoice's totals, the
 * credit note's parts): nothing is recomputed here but the sums of amounts already rounded.
 */
export interface CiiParty {
  name: string;
  /** BT-33, the seller's additional legal information (legal form, capital, RCS). */
  legalInfo?: string;
  siren?: string;
  vatNumber?: string;
  /** BT-32: a tax registration identifier when there is no VAT number (franchise). */
  taxNumber?: string;
  address: { line1: string; line2?: string; postcode: string; city: string; country: string };
  endpoint: { id: string; scheme: string };
}

export interface CiiLine {
  id: string;
  name: string;
  quantity: string;
  unitCode: string;
  netPrice: string;
  category: VatCategory;
  /** Absent for category O. */
  rate?: string;
  allowance?: { percent: string; base: string; amount: string };
  total: string;
}

export interface CiiTax {
  category: VatCategory;
  rate?: string;
  base: string;
  vat: string;
  exemptionReason?: string;
  exemptionCode?: string;
  dueDateTypeCode?: string;
}

export interface CiiModel {
  number: string;
  typeCode: string;
  date: string;
  billingMode: string;
  notes: { subject: string; content: string }[];
  lines: CiiLine[];
  seller: CiiParty;
  buyer: CiiParty;
  orderRef?: string;
  /**
   * BT-72: the delivery or the service's date. The PDF prints it only when it differs from the invoice's
   * date, which is then the date of the operation: the XML always says it (an empty delivery block is
   * refused by PEPPOL-EN16931-R008).
   */
  deliveryDate: string;
  /**
   * BG-13/BT-80, where goods delivered intra-EU go (BR-IC-12): Encours records no delivery address, so
   * it is the customer's own.
   */
  shipTo?: { name: string; country: string; address: CiiParty['address'] };
  payment?: { means: string; iban: string; bic?: string };
  paymentReference?: string;
  taxes: CiiTax[];
  allowances: { amount: string; reason: string; reasonCode: string; category: VatCategory; rate?: string }[];
  terms: { description: string; dueDate?: string };
  totals: { lines: string; allowances?: string; basis: string; tax: string; grand: string; due: string };
  /** BG-3: the invoices this one refers to (a credit note's invoice, a final invoice's deposit invoices). */
  preceding?: { number: string; date: string }[];
}

const money = (cents: bigint) => centsToString(cents);
/** A decimal string without trailing zeros ("20", "5.5", "1.2345"). */
const plain = (value: string) => new Dec(value).toFixed();

function refuse(message: string, field = 'facturx'): never {
  throw new AppError('VALIDATION', message, { [field]: message });
}

const EU_FR_TREATMENT = { domestic: 'B2B', international: 'B2BINT', consumer: 'B2C' } as const;

/** The seller: SIREN (legal registration, scheme 0002), VAT number, address, its directory address. */
function sellerParty(company: Company, printed: PrintedDocument, withVat: boolean): CiiParty {
  const siren = company.siren.replace(/\s/g, '');
  return {
    name: company.name,
    // BT-33: the legal identity the PDF repeats at the foot of each page (form, capital, RCS…).
    legalInfo: printed.footer,
    siren,
    ...(withVat && company.vatNumber ? { vatNumber: company.vatNumber } : {}),
    ...(withVat && !company.vatNumber ? { taxNumber: siren } : {}),
    address: { line1: company.address.line1, ...(company.address.line2 ? { line2: company.address.line2 } : {}), postcode: company.address.postcode, city: company.address.city, country: company.address.country || 'FR' },
    endpoint: { id: siren, scheme: SCHEME_FR_DIRECTORY },
  };
}

/** The French « traitement » of the document: a French business, a foreign one, a consumer. */
function treatmentOf(customer: Customer): (typeof EU_FR_TREATMENT)[keyof typeof EU_FR_TREATMENT] {
  if (customer.kind !== 'business') return EU_FR_TREATMENT.consumer;
  return isFrenchBusiness(customer) ? EU_FR_TREATMENT.domestic : EU_FR_TREATMENT.international;
}

/**
 * The buyer. What the platform needs and the file may lack is refused here with what to fill in: an
 * address (BG-8), the SIREN of a French business (BR-FR-11/21: its directory address starts with it), an
 * e-mail address for whoever has no SIREN (BT-49 is mandatory, BR-FR-12).
 */
function buyerParty(customer: Customer, withVat: boolean): CiiParty {
  const treatment = treatmentOf(customer);
  if (!customer.address) refuse(`Factur-X : l’adresse du client ${customer.name} manque. Complétez sa fiche (rue, code postal, ville) avant d’exporter.`, 'customer.address');
  const siren = customer.siren?.replace(/\s/g, '');
  if (treatment === 'B2B' && !siren) {
    refuse(`Factur-X : le SIREN du client ${customer.name} est obligatoire pour une facture électronique entre entreprises françaises. Renseignez-le dans sa fiche client.`, 'customer.siren');
  }
  let endpoint: CiiParty['endpoint'];
  if (siren) endpoint = { id: siren, scheme: SCHEME_FR_DIRECTORY };
  else if (customer.email) endpoint = { id: customer.email, scheme: SCHEME_EMAIL };
  else refuse(`Factur-X : indiquez l’adresse e-mail du client ${customer.name} (son adresse électronique de facturation est obligatoire).`, 'customer.email');
  const a = customer.address;
  return {
    name: customer.name,
    ...(siren ? { siren } : {}),
    ...(withVat && customer.vatNumber ? { vatNumber: customer.vatNumber } : {}),
    address: { line1: a.line1, ...(a.line2 ? { line2: a.line2 } : {}), postcode: a.postcode, city: a.city, country: a.country || 'FR' },
    endpoint,
  };
}

/** The category of a line's VAT: franchise E, a positive rate S; a zero rate as the PDF explains it. */
function categoryOf(regime: string, rate: string, kind: 'goods' | 'services', texts: Partial<Record<MentionId, string>>): VatCategory {
  if (regime === 'franchise') return VAT_CATEGORY.exempt;
  if (new Dec(rate).gt(0)) return VAT_CATEGORY.standard;
  if (kind === 'goods' && texts.intraEuGoodsExemption) return VAT_CATEGORY.intraEu;
  if (kind === 'services' && texts.reverseCharge) return VAT_CATEGORY.reverseCharge;
  return VAT_CATEGORY.zero;
}

/** The exemption of a category, with the printed sentence as its reason (BR-E-10, BR-AE-10, BR-IC-10, BR-O-10). */
function exemptionOf(category: VatCategory, texts: Partial<Record<MentionId, string>>): Pick<CiiTax, 'exemptionReason' | 'exemptionCode'> {
  switch (category) {
    case VAT_CATEGORY.exempt:
      // The PDF prints it on every franchise document; the wording in force otherwise (legal-mentions.ts).
      return { exemptionReason: texts.vatFranchise ?? mentionText('vatFranchise', '9999-12-31', {}) ?? '', exemptionCode: VATEX.franchise };
    case VAT_CATEGORY.reverseCharge:
      return { ...(texts.reverseCharge ? { exemptionReason: texts.reverseCharge } : {}), exemptionCode: VATEX.reverseCharge };
    case VAT_CATEGORY.intraEu:
      return { ...(texts.intraEuGoodsExemption ? { exemptionReason: texts.intraEuGoodsExemption } : {}), exemptionCode: VATEX.intraEu };
    case VAT_CATEGORY.outsideScope:
      return { ...(texts.penaltyOutsideVat ? { exemptionReason: texts.penaltyOutsideVat } : {}), exemptionCode: VATEX.outsideScope };
    default:
      return {};
  }
}

/** BT-8: VAT on the invoice's date (option on debits) or on payment (services under VAT on receipts). */
function vatPointOf(regime: string, taxedServices: boolean): string | undefined {
  if (!taxedServices) return undefined;
  if (regime === 'debits') return VAT_POINT.invoiceDate;
  if (regime === 'encaissements') return VAT_POINT.paid;
  return undefined;
}

/**
 * BT-8 of a deposit invoice, as the ledger keeps its VAT (receivables/invoices.ts prepareDraft): a deposit
 * on goods is taxed when received, whatever the regime; on services, as the regime says (on the invoice
 * under the option for debits, on payment under VAT on receipts).
 */
function depositVatPoint(invoice: Invoice): string | undefined {
  const taxed = invoice.lines.filter((l) => new Dec(l.vatRate).gt(0));
  if (invoice.vatRegime === 'franchise' || taxed.length === 0) return undefined;
  return taxed.some((l) => l.kind === 'goods') ? VAT_POINT.paid : vatPointOf(invoice.vatRegime, true);
}

const CONSUMER_NO_INDEMNITY = 'Indemnité forfaitaire pour frais de recouvrement : sans objet, le client n’est pas un professionnel.';
const CREDIT_NOTE_NOT_PAYABLE = { penalty: 'Pénalités de retard : sans objet, un avoir ne se paie pas.', indemnity: 'Indemnité forfaitaire pour frais de recouvrement : sans objet pour un avoir.', escompte: 'Escompte pour paiement anticipé : sans objet pour un avoir.' };

function mandatoryNotes(
  printed: PrintedDocument,
  customer: Customer,
  fallback?: { penalty: string; indemnity: string; escompte: string },
): { subject: string; content: string }[] {
  const t = printed.mentionTexts ?? {};
  const penalty = t.latePenalty ?? t.consumerLateInterest ?? fallback?.penalty;
  const indemnity = t.recoveryIndemnity ?? (customer.kind === 'business' ? fallback?.indemnity : CONSUMER_NO_INDEMNITY) ?? fallback?.indemnity;
  const escompte = t.escompteConditions ?? t.escompteNone ?? fallback?.escompte;
  const notes: { subject: string; content: string }[] = [{ subject: NOTE_SUBJECT.treatment, content: treatmentOf(customer) }];
  if (penalty) notes.push({ subject: NOTE_SUBJECT.latePenalty, content: penalty });
  if (indemnity) notes.push({ subject: NOTE_SUBJECT.recoveryIndemnity, content: indemnity });
  if (escompte) notes.push({ subject: NOTE_SUBJECT.escompte, content: escompte });
  const tax = [...printed.vatNotes, ...(t.vatOnDebits ? [t.vatOnDebits] : [])].filter((x) => x);
  if (tax.length) notes.push({ subject: NOTE_SUBJECT.tax, content: tax.join(' ') });
  return notes;
}

/** Per category and rate: the breakdown rows, with their exemption and VAT point. */
function taxRows(
  byRate: readonly { rate: string; base: string; vat: string }[],
  lines: readonly CiiLine[],
  texts: Partial<Record<MentionId, string>>,
  vatPoint: string | undefined,
): CiiTax[] {
  const rows: CiiTax[] = [];
  for (const r of byRate) {
    const atRate = lines.filter((l) => new Dec(l.rate ?? '0').eq(r.rate));
    const categories = [...new Set(atRate.map((l) => l.category))];
    if (categories.length <= 1) {
      const category = categories[0] ?? VAT_CATEGORY.standard;
      rows.push({ category, ...(category === VAT_CATEGORY.outsideScope ? {} : { rate: plain(r.rate) }), base: money(toCents(r.base)), vat: money(toCents(r.vat)), ...exemptionOf(category, texts), ...(category === VAT_CATEGORY.standard && vatPoint ? { dueDateTypeCode: vatPoint } : {}) });
      continue;
    }
    // Several categories at one rate can only be a zero rate (K, AE, Z): no VAT to round, the bases add up.
    if (toCents(r.vat) !== 0n) throw new Error(`Taux ${r.rate} : plusieurs catégories de TVA sur un taux non nul.`);
    for (const category of categories) {
      const base = atRate.filter((l) => l.category === category).reduce((s, l) => s + toCents(l.total), 0n);
      rows.push({ category, rate: plain(r.rate), base: money(base), vat: '0.00', ...exemptionOf(category, texts) });
    }
  }
  return rows;
}

function paymentOf(company: Company): CiiModel['payment'] {
  if (!company.iban) return undefined;
  return { means: PAYMENT_MEANS_SEPA_TRANSFER, iban: company.iban.replace(/\s/g, ''), ...(company.bic ? { bic: company.bic } : {}) };
}

/** A validated invoice's number, or a refusal: a draft has no number and is no invoice yet. */
function numberOf(number: string | undefined, status: string, what: string): string {
  if (!number || status === 'draft') refuse(`Factur-X : ${what} est un brouillon ; validez-la avant de l’exporter.`);
  return number;
}

/**
 * A final invoice's deposits as lines (the French « facture définitive après acompte »): one negative line
 * per deposit invoice and rate, at the category of the quote's lines of that rate, so that the lines add
 * up to the balance and the VAT breakdown is what was posted (the balance per rate). A line's net price
 * is never negative (BR-27): the quantity is −1.
 */
function deductionLines(invoice: Invoice, lines: readonly CiiLine[], texts: Partial<Record<MentionId, string>>, firstId: number): CiiLine[] {
  const franchise = invoice.vatRegime === 'franchise';
  const out: CiiLine[] = [];
  for (const d of invoice.deductions ?? []) {
    const rates = d.byRate.filter((r) => toCents(r.base) !== 0n);
    for (const r of rates) {
      const rate = franchise ? '0' : plain(r.rate);
      const category = lines.find((l) => l.rate === rate)?.category ?? categoryOf(invoice.vatRegime, r.rate, 'services', texts);
      const base = toCents(r.base);
      out.push({
        id: String(firstId + out.length),
        name: `Acompte ${d.number} du ${formatDateShort(d.date)}${rates.length > 1 ? ` (TVA ${formatPercent(r.rate)})` : ''}`,
        quantity: '-1',
        unitCode: DEFAULT_UNIT,
        netPrice: money(base),
        category,
        rate,
        total: money(-base),
      });
    }
  }
  return out;
}

/**
 * An invoice (series F) as EN 16931: its lines, discounts, VAT per rate and mentions as printed. A deposit
 * invoice is a 386; a final invoice (cadre 4) deducts its deposits as negative lines and names them (BG-3).
 */
export function invoiceCii(company: Company, customer: Customer, invoice: Invoice, printed: PrintedDocument): CiiModel {
  const number = numberOf(invoice.number, invoice.status, 'la facture');
  const texts = printed.mentionTexts ?? {};
  const franchise = invoice.vatRegime === 'franchise';
  const hasInvoiceDiscount = invoice.discountPercent !== undefined && /[1-9]/.test(invoice.discountPercent);

  const ownLines: CiiLine[] = invoice.lines.map((l, i) => {
    const beforeDiscount = lineNet(l);
    const gross = toCents(new Dec(l.quantity).times(l.unitPrice).toDecimalPlaces(2, Dec.ROUND_HALF_UP));
    const category = categoryOf(invoice.vatRegime, l.vatRate, l.kind, texts);
    const discounted = l.discountPercent !== undefined && /[1-9]/.test(l.discountPercent);
    return {
      id: String(i + 1),
      name: l.description,
      quantity: plain(l.quantity),
      unitCode: l.unit ?? DEFAULT_UNIT,
      netPrice: plain(l.unitPrice),
      category,
      rate: franchise ? '0' : plain(l.vatRate),
      ...(discounted ? { allowance: { percent: plain(l.discountPercent ?? '0'), base: money(gross), amount: money(gross - beforeDiscount) } } : {}),
      total: money(beforeDiscount),
    };
  });

  const final = invoice.quote?.role === 'final';
  const lines = final ? [...ownLines, ...deductionLines(invoice, ownLines, texts, ownLines.length + 1)] : ownLines;

  // The invoice-wide discount, as applied: per rate, what it took off the lines of that rate (shareOut in
  // invoice-math.ts), so that lines − allowances = the bases the VAT was computed on, to the cent.
  const allowances: CiiModel['allowances'] = [];
  if (hasInvoiceDiscount) {
    const byRate = new Map<string, { cents: bigint; category: VatCategory }>();
    invoice.lines.forEach((l, i) => {
      const key = franchise ? '0' : plain(l.vatRate);
      const cur = byRate.get(key) ?? { cents: 0n, category: ownLines[i]!.category };
      cur.cents += lineNet(l) - toCents(l.net);
      byRate.set(key, cur);
    });
    for (const [rate, { cents, category }] of byRate) {
      if (cents > 0n) allowances.push({ amount: money(cents), reason: `Remise ${formatPercent(invoice.discountPercent ?? '0')}`, reasonCode: ALLOWANCE_REASON_DISCOUNT, category, rate });
    }
  }

  const taxedServices = invoice.lines.some((l) => l.kind === 'services' && new Dec(l.vatRate).gt(0)) && !franchise;
  const kinds = { goods: invoice.lines.some((l) => l.kind === 'goods'), services: invoice.lines.some((l) => l.kind === 'services') };
  const lineTotal = lines.reduce((s, l) => s + toCents(l.total), 0n);
  const allowanceTotal = allowances.reduce((s, a) => s + toCents(a.amount), 0n);
  const notes = mandatoryNotes(printed, customer);
  for (const id of ['natureOfOperation'] as const) if (texts[id]) notes.push({ subject: NOTE_SUBJECT.general, content: texts[id] });
  if (invoice.notes) notes.push({ subject: NOTE_SUBJECT.general, content: invoice.notes });
  notes.push(...printed.preamble.map((p) => ({ subject: NOTE_SUBJECT.general, content: p })));

  const buyer = buyerParty(customer, true);
  const intraEu = lines.some((l) => l.category === VAT_CATEGORY.intraEu);
  const preceding = final ? (invoice.deductions ?? []).map((d) => ({ number: d.number, date: d.date })) : [];
  const deposit = invoice.quote?.role === 'deposit';
  return {
    number,
    typeCode: deposit ? TYPE_CODE.deposit : TYPE_CODE.invoice,
    date: invoice.date,
    billingMode: billingMode(kinds, final),
    notes,
    lines,
    seller: sellerParty(company, printed, true),
    buyer,
    ...(intraEu ? { shipTo: { name: buyer.name, country: buyer.address.country, address: buyer.address } } : {}),
    ...(invoice.orderRef ? { orderRef: invoice.orderRef } : {}),
    deliveryDate: invoice.deliveryDate ?? invoice.date,
    ...(paymentOf(company) ? { payment: paymentOf(company) } : {}),
    paymentReference: number,
    taxes: taxRows(invoice.totals.byRate, lines, texts, deposit ? depositVatPoint(invoice) : vatPointOf(invoice.vatRegime, taxedServices)),
    allowances,
    terms: { description: printed.sections.find((s) => s.title === 'Conditions de règlement')?.paragraphs[0] ?? `Échéance : ${invoice.dueDate}.`, dueDate: invoice.dueDate },
    totals: {
      lines: money(lineTotal),
      ...(allowanceTotal > 0n ? { allowances: money(allowanceTotal) } : {}),
      basis: money(toCents(invoice.totals.net)),
      tax: money(toCents(invoice.totals.vat)),
      grand: money(toCents(invoice.totals.gross)),
      due: money(toCents(invoice.totals.gross)),
    },
    ...(preceding.length ? { preceding } : {}),
  };
}

/**
 * A penalty invoice (series PEN): late-payment interest and the indemnity, damages outside the scope of
 * VAT (category O: no VAT number of either party, BR-O-2), payable on receipt.
 */
export function penaltyInvoiceCii(company: Company, customer: Customer, receivable: Invoice, printed: PrintedDocument): CiiModel {
  const number = numberOf(receivable.number, receivable.status, 'la facture de pénalités');
  const texts = printed.mentionTexts ?? {};
  const lines: CiiLine[] = receivable.lines.map((l, i) => ({
    id: String(i + 1),
    name: l.description,
    quantity: plain(l.quantity),
    unitCode: DEFAULT_UNIT,
    netPrice: plain(l.unitPrice),
    category: VAT_CATEGORY.outsideScope,
    total: money(toCents(l.net)),
  }));
  const total = lines.reduce((s, l) => s + toCents(l.total), 0n);
  const notes = mandatoryNotes(printed, customer, {
    penalty: 'Pénalités de retard : aucune sur la présente facture de pénalités (pas d’intérêts sur les intérêts).',
    indemnity: 'Indemnité forfaitaire pour frais de recouvrement : aucune autre que celle facturée ci-dessus.',
    escompte: 'Escompte pour paiement anticipé : néant.',
  });
  notes.push(...printed.preamble.map((p) => ({ subject: NOTE_SUBJECT.general, content: p })));
  return {
    number,
    typeCode: TYPE_CODE.invoice,
    date: receivable.date,
    billingMode: billingMode({ goods: false, services: true }),
    notes,
    lines,
    seller: sellerParty(company, printed, false),
    buyer: buyerParty(customer, false),
    deliveryDate: receivable.date,
    ...(paymentOf(company) ? { payment: paymentOf(company) } : {}),
    paymentReference: number,
    taxes: [{ category: VAT_CATEGORY.outsideScope, base: money(total), vat: '0.00', ...exemptionOf(VAT_CATEGORY.outsideScope, texts) }],
    allowances: [],
    terms: { description: 'Payable à réception.', dueDate: receivable.dueDate },
    totals: { lines: money(total), basis: money(total), tax: '0.00', grand: money(toCents(receivable.totals.gross)), due: money(toCents(receivable.totals.gross)) },
  };
}

/**
 * A credit note (381) naming the invoice it corrects (BT-25/BT-26): one line per part the PDF prints
 * (rate, nature, base), the VAT per rate as the PDF adds the parts up.
 */
export function creditNoteCii(company: Company, customer: Customer, note: CreditNote, invoice: Invoice, printed: PrintedDocument): CiiModel {
  if (!note.number || note.status !== 'validated') refuse('Factur-X : cet avoir est un brouillon ; validez-le avant de l’exporter.');
  const invoiceNumber = invoice.number ?? note.invoiceNumber;
  const texts = printed.mentionTexts ?? {};
  const franchise = invoice.vatRegime === 'franchise';
  const lines: CiiLine[] = note.parts.map((p, i) => ({
    id: String(i + 1),
    name: p.description,
    quantity: '1',
    unitCode: DEFAULT_UNIT,
    netPrice: money(toCents(p.base)),
    category: categoryOf(invoice.vatRegime, p.rate, p.kind, texts),
    rate: franchise ? '0' : plain(p.rate),
    total: money(toCents(p.base)),
  }));
  const byRate = new Map<string, { base: bigint; vat: bigint }>();
  for (const p of note.parts) {
    const key = franchise ? '0' : plain(p.rate);
    const r = byRate.get(key) ?? { base: 0n, vat: 0n };
    r.base += toCents(p.base);
    r.vat += toCents(p.vat);
    byRate.set(key, r);
  }
  const taxedServices = !franchise && note.parts.some((p) => p.kind === 'services' && new Dec(p.rate).gt(0));
  const kinds = { goods: note.parts.some((p) => p.kind === 'goods'), services: note.parts.some((p) => p.kind === 'services') };
  const notes = mandatoryNotes(printed, customer, CREDIT_NOTE_NOT_PAYABLE);
  notes.push(...printed.preamble.map((p) => ({ subject: NOTE_SUBJECT.general, content: p })));
  const lineTotal = lines.reduce((s, l) => s + toCents(l.total), 0n);
  return {
    number: note.number,
    typeCode: TYPE_CODE.creditNote,
    date: note.date,
    billingMode: billingMode(kinds),
    notes,
    lines,
    seller: sellerParty(company, printed, true),
    buyer: buyerParty(customer, true),
    // The operation the credit note corrects: the invoice's delivery.
    deliveryDate: invoice.deliveryDate ?? invoice.date,
    taxes: taxRows(
      [...byRate].map(([rate, r]) => ({ rate, base: centsToString(r.base), vat: centsToString(r.vat) })),
      lines,
      texts,
      vatPointOf(invoice.vatRegime, taxedServices),
    ),
    allowances: [],
    terms: { description: printed.sections.find((s) => s.title === 'Imputation')?.paragraphs[0] ?? `Avoir sur la facture n° ${invoiceNumber}.` },
    totals: { lines: money(lineTotal), basis: money(toCents(note.totals.net)), tax: money(toCents(note.totals.vat)), grand: money(toCents(note.totals.gross)), due: money(toCents(note.totals.gross)) },
    preceding: [{ number: invoiceNumber, date: invoice.date }],
  };
}
