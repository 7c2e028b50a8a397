import { addDays, formatDateLong, formatDateShort } from '../../../shared/dates';
import { COUNTRIES } from '../../../shared/domain/common';
import { LEGAL_FORMS, type Company } from '../../../shared/domain/company';
import type { Customer } from '../../../shared/domain/customer';
import type { Invoice } from '../../../shared/domain/invoice';
import { CREDIT_NOTE_KIND_LABELS, type CreditNote } from '../../../shared/domain/payment';
import { escompte as escompteMath, lineNet } from '../../../shared/invoice-math';
import { centsToString, formatDecimal, formatEuro, formatPercent, formatUnitPrice, toCents } from '../../../shared/money';
import { epcPayload } from '../../../shared/epc-qr';
import type { Align } from './layout';
import { mentionText, type MentionId } from './legal-mentions';
import type { PayByScan } from './pay-by-scan';
import { UNITS } from '../../../shared/units';
import type { FacturxAttachment } from './render';

/**
 * What an invoice or a credit note says, as text, before any drawing: the PDF code lays these strings
 * out and decides nothing. Amounts come from money.ts, dates from dates.ts, legal wording from
 * legal-mentions.ts, the penalty rate from the caller (dunning owns the rate table).
 */
export interface PrintedDocument {
  kind: 'invoice' | 'creditNote' | 'duplicate272' | 'summary272' | 'statement' | 'plan' | 'bankReconciliation' | 'quote';
  /** Printed over the document, very visibly: the Article 272 mention of a duplicate. */
  overprint?: { banner: string; mark: string };
  /** « Facture », « Facture d’acompte », « Avoir », « Devis »… */
  title: string;
  draft: boolean;
  /** Label / value pairs under the title (number, dates, references). */
  meta: [string, string][];
  seller: { name: string; lines: string[] };
  customer: { heading: string; name: string; lines: string[] };
  /** Sentences printed between the parties and the table (a credit note names its invoice here). */
  preamble: string[];
  columns: { header: string; width: number | 'flex'; align: Align }[];
  rows: string[][];
  /** Per VAT rate: rate, base, VAT; empty under the franchise. */
  vatRecap: [string, string, string][];
  /** VAT mentions printed beside the totals (franchise, exemption, reverse charge). */
  vatNotes: string[];
  totals: { label: string; value: string; strong?: boolean }[];
  /**
   * A final invoice: the deposits deducted (a table under its title) and what is then left to pay, drawn
   * right under the totals of the whole operation.
   */
  deductions?: { title: string; columns: { header: string; width: number | 'flex'; align: Align }[]; rows: string[][]; totals: { label: string; value: string; strong?: boolean }[] };
  sections: { title: string; paragraphs: string[] }[];
  /** Where the customer signs a quote: its title, what to write, then a frame with `room` points under each field's label. */
  signature?: { title: string; paragraphs: string[]; fields: { label: string; room: number }[] };
  /** More tables, each under its title, after the totals and before the sections (a statement's open invoices). */
  tables?: { title: string; columns: { header: string; width: number | 'flex'; align: Align }[]; rows: string[][] }[];
  /**
   * The EPC QR code of a transfer paying what is due (pay-by-scan.ts draws it under the totals): only
   * when the company has an IBAN and something is left to pay.
   */
  payByScan?: PayByScan;
  /** The seller's legal identity, repeated at the foot of every page. */
  footer: string;
  /** The running header of continuation pages. */
  runningTitle: string;
  fileName: string;
  /** The legal mentions printed, by id (tests and callers can check the list). */
  mentions: MentionId[];
  /** Their printed wording, by id: the Factur-X notes (einvoice/) carry these very sentences. */
  mentionTexts?: Partial<Record<MentionId, string>>;
  /** When set, the PDF is drawn as a Factur-X PDF/A-3b carrying this XML (render.ts). */
  facturx?: FacturxAttachment;
  info: { title: string; author: string; subject: string };
}

export const DRAFT_MARK = 'BROUILLON — sans valeur';

/** Member states' VAT prefixes (Greece is EL; XI is Northern Ireland, for goods). */
const EU_VAT_PREFIXES = new Set(['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'XI']);

/** "732829320" → "732 829 320" (no-break spaces: a SIREN never splits across lines). */
export function formatSiren(siren: string): string {
  return siren.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1\u00a0$2\u00a0$3');
}

/** "FR7630006000011234567890189" → "FR76 3000 6000 0112 3456 7890 189". */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1\u00a0');
}

/**
 * What a document's QR code holds to pay `amount` (a money string) quoting `reference`: undefined without
 * an IBAN, with nothing to pay, or beyond what the EPC format carries (shared/epc-qr.ts).
 */
export function payByScanOf(company: Company, reference: string, amount: string): PayByScan | undefined {
  const epc = epcPayload({ iban: company.iban, bic: company.bic, name: company.name, amount, reference });
  if (!epc.ok) return undefined;
  return { payload: epc.payload, amount: formatEuro(epc.amount), reference };
}

/** The invoice statuses a customer still pays: not a draft, nor a cancelled or written-off invoice. */
export const PAYABLE_STATUSES: ReadonlySet<string> = new Set(['open', 'partial', 'doubtful']);

function addressLines(a: { line1: string; line2?: string | undefined; postcode: string; city: string; country: string } | undefined): string[] {
  if (!a) return [];
  const lines = [a.line1];
  if (a.line2) lines.push(a.line2);
  lines.push(`${a.postcode} ${a.city}`);
  if (a.country !== 'FR') lines.push(COUNTRIES[a.country] ?? a.country);
  return lines;
}

/** A percentage that is there and not zero ("0", "0.00" and absence all mean none). */
function isNonZero(percent: string | undefined): boolean {
  return percent !== undefined && /[1-9]/.test(percent);
}

function rcsLabel(rcs: string): string {
  return /^rcs\b/i.test(rcs) ? rcs : `RCS ${rcs}`;
}

function legalFormLine(company: Company): string | undefined {
  const form = company.legalForm ? LEGAL_FORMS[company.legalForm] : undefined;
  const capital = company.shareCapital && toCents(company.shareCapital) > 0n ? `capital de ${formatEuro(company.shareCapital)}` : undefined;
  if (form && capital) return `${form} au ${capital}`;
  if (capital) return `Au ${capital}`;
  return form;
}

export function sellerBlock(company: Company) {
  const lines: string[] = [];
  const form = legalFormLine(company);
  if (form) lines.push(form);
  lines.push(...addressLines(company.address));
  lines.push(`SIREN ${formatSiren(company.siren)}${company.rcs ? ` — ${rcsLabel(company.rcs)}` : ''}`);
  if (company.vatNumber) lines.push(`N° TVA intracommunautaire : ${company.vatNumber}`);
  const contact = [company.email, company.phone].filter(Boolean).join(' · ');
  if (contact) lines.push(contact);
  return { name: company.name, lines };
}

export function footerLine(company: Company): string {
  const parts = [company.name];
  const form = legalFormLine(company);
  if (form) parts.push(form);
  parts.push(`SIREN ${formatSiren(company.siren)}`);
  if (company.rcs) parts.push(rcsLabel(company.rcs));
  if (company.vatNumber) parts.push(`TVA ${company.vatNumber}`);
  parts.push([company.address.line1, `${company.address.postcode} ${company.address.city}`].join(', '));
  return parts.join(' — ');
}

export function customerBlock(customer: Customer, heading: string) {
  const lines = addressLines(customer.address);
  if (customer.siren) lines.push(`SIREN ${formatSiren(customer.siren)}`);
  if (customer.vatNumber) lines.push(`N° TVA : ${customer.vatNumber}`);
  return { heading, name: customer.name, lines };
}

/** The customer's country for VAT: the prefix of its VAT number, else its address. */
function customerCountry(customer: Customer): string {
  const prefix = customer.vatNumber?.slice(0, 2);
  if (prefix && /^[A-Z]{2}$/.test(prefix)) return prefix === 'EL' ? 'GR' : prefix;
  return customer.address?.country ?? 'FR';
}

/**
 * The legal mentions a document prints, collected as its paragraphs are written: `say` adds a mention's
 * text to a paragraph list and records which mention it was (the document lists them for its checks).
 */
export function mentionCollector() {
  const mentions: MentionId[] = [];
  const mentionTexts: Partial<Record<MentionId, string>> = {};
  const say = <K extends MentionId>(id: K, text: string | undefined, into: string[]) => {
    if (!text) return;
    mentions.push(id);
    mentionTexts[id] = text;
    into.push(text);
  };
  return { mentions, mentionTexts, say };
}

/**
 * The VAT mentions of a document: franchise, or for zero-rated supplies to a business of another member
 * state the intra-EU exemption (goods) or the reverse charge (services). A zero rate for another reason
 * (an exemption of art. 261…) needs its article, which the invoice does not record: nothing is printed.
 */
export function vatMentions(regime: string, customer: Customer, date: string, zeroRated: { goods: boolean; services: boolean }) {
  const out: { id: MentionId; text: string }[] = [];
  const add = (id: MentionId, text: string | undefined) => {
    if (text) out.push({ id, text });
  };
  if (regime === 'franchise') {
    add('vatFranchise', mentionText('vatFranchise', date, {}));
    return out;
  }
  const country = customerCountry(customer);
  const vatPrefix = customer.vatNumber?.slice(0, 2);
  const intraEu = customer.kind === 'business' && country !== 'FR' && vatPrefix !== undefined && vatPrefix !== 'FR' && EU_VAT_PREFIXES.has(vatPrefix);
  if (intraEu && zeroRated.goods) add('intraEuGoodsExemption', mentionText('intraEuGoodsExemption', date, {}));
  if (intraEu && zeroRated.services) add('reverseCharge', mentionText('reverseCharge', date, {}));
  return out;
}

/** A line as invoices and quotes keep it. */
export type PrintedLine = Invoice['lines'][number];

/**
 * The lines' table of an invoice or a quote. Line totals are before the invoice-wide discount, which the
 * totals then show on its own line: the amount applied, Total HT − Σ lines, never recomputed here. Since
 * issue 14 it is the total before it × %, rounded once (invoice-math.ts computeInvoice), so the printed
 * lines, discount and Total HT add up and the discount is what a reader computes; an invoice issued
 * before prints what it applied then.
 */
export function linesTable(lines: readonly PrintedLine[], discountPercent: string | undefined, franchise: boolean) {
  const hasInvoiceDiscount = isNonZero(discountPercent);
  const lineTotals = lines.map((l) => (hasInvoiceDiscount ? lineNet(l) : toCents(l.net)));
  const hasLineDiscount = lines.some((l) => isNonZero(l.discountPercent));
  const hasUnit = lines.some((l) => l.unit !== undefined);

  const columns: PrintedDocument['columns'] = [
    { header: 'Désignation', width: 'flex', align: 'left' },
    { header: 'Quantité', width: hasUnit ? 64 : 50, align: 'right' },
    { header: 'Prix unitaire HT', width: 84, align: 'right' },
  ];
  if (hasLineDiscount) columns.push({ header: 'Remise', width: 44, align: 'right' });
  if (!franchise) columns.push({ header: 'TVA', width: 40, align: 'right' });
  columns.push({ header: 'Total HT', width: 78, align: 'right' });
  const rows = lines.map((l, i) => {
    const row = [l.description, l.unit ? `${formatDecimal(l.quantity)} ${UNITS[l.unit].short}` : formatDecimal(l.quantity), formatUnitPrice(l.unitPrice)];
    if (hasLineDiscount) row.push(l.discountPercent && isNonZero(l.discountPercent) ? formatPercent(l.discountPercent) : '—');
    if (!franchise) row.push(formatPercent(l.vatRate));
    row.push(formatEuro(lineTotals[i] ?? 0n));
    return row;
  });
  return { columns, rows, lineTotals };
}

type Amounts = Invoice['totals'];

/** The totals column: the discount if any, Total HT, VAT per rate, and the gross under `grossLabel`. */
export function amountTotals(
  t: Amounts,
  lineTotals: readonly bigint[],
  discountPercent: string | undefined,
  options: { franchise: boolean; strong: boolean; grossLabel: string },
): PrintedDocument['totals'] {
  const totals: PrintedDocument['totals'] = [];
  if (isNonZero(discountPercent)) {
    const before = lineTotals.reduce((s, c) => s + c, 0n);
    totals.push({ label: 'Total HT avant remise', value: formatEuro(before) });
    totals.push({ label: `Remise ${formatPercent(discountPercent ?? '0')}`, value: formatEuro(toCents(t.net) - before) });
  }
  totals.push({ label: 'Total HT', value: formatEuro(t.net) });
  if (!options.franchise) {
    for (const r of t.byRate) totals.push({ label: `TVA ${formatPercent(r.rate)}`, value: formatEuro(r.vat) });
    if (t.byRate.length > 1) totals.push({ label: 'Total TVA', value: formatEuro(t.vat) });
  }
  totals.push({ label: options.grossLabel, value: formatEuro(t.gross), ...(options.strong ? { strong: true } : {}) });
  return totals;
}

/** What an invoice made from a quote says of it, first under the parties. */
function quotePreamble(quote: NonNullable<Invoice['quote']>): string {
  return quote.role === 'deposit'
    ? `Facture d’acompte sur le devis n° ${quote.number} : l’acompte sera déduit de la facture finale.`
    : `Facture finale du devis n° ${quote.number}, déduction faite des acomptes facturés.`;
}

/**
 * A final invoice's « Acomptes déduits »: each deposit invoice as invoiced (net of its credit notes), then
 * what is left to pay, per rate as posted, ending on « Net à payer ».
 */
function deductionsBlock(invoice: Invoice, franchise: boolean): NonNullable<PrintedDocument['deductions']> {
  const list = invoice.deductions ?? [];
  const columns: PrintedDocument['columns'] = [
    { header: 'Facture d’acompte', width: 'flex', align: 'left' },
    { header: 'Date', width: 62, align: 'left' },
  ];
  if (!franchise) columns.push({ header: 'Montant HT', width: 80, align: 'right' }, { header: 'TVA', width: 70, align: 'right' });
  columns.push({ header: franchise ? 'Montant' : 'Montant TTC', width: 80, align: 'right' });
  const rows = list.map((d) => [`N° ${d.number}`, formatDateShort(d.date), ...(franchise ? [] : [formatEuro(d.net), formatEuro(d.vat)]), formatEuro(d.gross)]);
  const deducted = list.reduce((s, d) => s + toCents(d.gross), 0n);
  const totals: PrintedDocument['totals'] = [{ label: franchise ? 'Acomptes déduits' : 'Acomptes déduits TTC', value: formatEuro(-deducted) }];
  if (!franchise) {
    totals.push({ label: 'Reste dû HT', value: formatEuro(invoice.totals.net) });
    for (const r of invoice.totals.byRate) totals.push({ label: `TVA ${formatPercent(r.rate)} restant due`, value: formatEuro(r.vat) });
  }
  totals.push({ label: 'Net à payer', value: formatEuro(invoice.totals.gross), strong: true });
  return { title: 'Acomptes déduits', columns, rows, totals };
}

/**
 * The late-payment rate a business's invoice prints, whether it is the legal default (ECB + 10 points),
 * and then the half-year it is the rate of (each half-year has its own).
 */
export interface PrintedPenaltyRate {
  rate: string;
  ecb: boolean;
  halfYear?: string | undefined;
}

/**
 * The invoice as printed. `company` is the seller today; the invoice keeps its own VAT regime. `penalty`
 * is the rate its penalties are computed at (dunning/penalties.ts, printedPenaltyRate): this layer prints
 * it and knows no rate table.
 */
export function invoiceDocument(company: Company, customer: Customer, invoice: Invoice, penalty: PrintedPenaltyRate): PrintedDocument {
  const draft = invoice.status === 'draft' || !invoice.number;
  const franchise = invoice.vatRegime === 'franchise';
  const business = customer.kind === 'business';
  const { mentions, mentionTexts, say } = mentionCollector();

  const meta: [string, string][] = [['Numéro', draft ? DRAFT_MARK : (invoice.number ?? '')], ['Date', formatDateShort(invoice.date)]];
  if (invoice.deliveryDate && invoice.deliveryDate !== invoice.date) meta.push(['Livraison / exécution', formatDateShort(invoice.deliveryDate)]);
  if (invoice.orderRef) meta.push(['Votre commande', invoice.orderRef]);
  if (invoice.quote) meta.push(['Devis', invoice.quote.number]);
  meta.push(['Échéance', formatDateShort(invoice.dueDate)]);
  meta.push(['Code client', invoice.customerCode]);

  const { columns, rows, lineTotals } = linesTable(invoice.lines, invoice.discountPercent, franchise);
  // A final invoice prints the whole operation first (its lines are the quote's), then the deposits it
  // deducts and the balance due (`totals`, what was posted).
  const operation = invoice.totalsBeforeDeductions ?? invoice.totals;
  const final = invoice.quote?.role === 'final' && invoice.totalsBeforeDeductions !== undefined;
  // Under the franchise a final invoice's operation is a « Montant total »: only its balance is « Net à payer ».
  const grossLabel = franchise ? (final ? 'Montant total' : 'Net à payer') : 'Total TTC';
  const totals = amountTotals(operation, lineTotals, invoice.discountPercent, { franchise, strong: !final, grossLabel });
  const vatRecap: PrintedDocument['vatRecap'] = franchise ? [] : operation.byRate.map((r) => [formatPercent(r.rate), formatEuro(r.base), formatEuro(r.vat)]);
  const deductions = final ? deductionsBlock(invoice, franchise) : undefined;

  const payment: string[] = [`Échéance : ${formatDateLong(invoice.dueDate)}.`];
  if (company.iban) payment.push(`Règlement par virement : IBAN ${formatIban(company.iban)}${company.bic ? ` — BIC ${company.bic}` : ''}${draft ? '' : `, en rappelant la référence ${invoice.number}`}.`);
  if (invoice.escompte) {
    const e = escompteMath(invoice.totals.byRate.map((r) => ({ rate: r.rate, base: toCents(r.base), vat: toCents(r.vat) })), invoice.escompte.percent);
    const { percent, days } = invoice.escompte;
    say('escompteConditions', mentionText('escompteConditions', invoice.date, { percent, days, until: addDays(invoice.date, days), amountDue: centsToString(e.amountDue), gross: invoice.totals.gross }), payment);
  } else {
    say('escompteNone', mentionText('escompteNone', invoice.date, {}), payment);
  }
  // L441-10 and its 40 € are B2B rules: a consumer's invoice says what a consumer owes instead.
  if (business) {
    say('latePenalty', mentionText('latePenalty', invoice.date, penalty), payment);
    say('recoveryIndemnity', mentionText('recoveryIndemnity', invoice.date, {}), payment);
  } else {
    say('consumerLateInterest', mentionText('consumerLateInterest', invoice.date, {}), payment);
  }

  const other: string[] = [];
  const vatNotes: string[] = [];
  const kinds = { goods: invoice.lines.some((l) => l.kind === 'goods'), services: invoice.lines.some((l) => l.kind === 'services') };
  const zeroRated = { goods: invoice.lines.some((l) => l.kind === 'goods' && l.vatRate === '0'), services: invoice.lines.some((l) => l.kind === 'services' && l.vatRate === '0') };
  for (const m of vatMentions(invoice.vatRegime, customer, invoice.date, zeroRated)) say(m.id, m.text, vatNotes);
  // The option concerns the French VAT of services: nothing to say when none is charged on them.
  const taxedServices = invoice.lines.some((l) => l.kind === 'services' && l.vatRate !== '0');
  if (invoice.vatRegime === 'debits' && taxedServices) say('vatOnDebits', mentionText('vatOnDebits', invoice.date, {}), other);
  say('natureOfOperation', mentionText('natureOfOperation', invoice.date, kinds), other);

  const sections: PrintedDocument['sections'] = [{ title: 'Conditions de règlement', paragraphs: payment }];
  if (other.length) sections.push({ title: 'Mentions', paragraphs: other });
  if (invoice.notes) sections.push({ title: 'Notes', paragraphs: [invoice.notes] });

  const deposit = invoice.quote?.role === 'deposit';
  const title = deposit ? 'Facture d’acompte' : 'Facture';
  const label = draft ? `${title} (brouillon)` : `${title} ${invoice.number}`;
  // What is left to pay when the invoice is printed: a draft is not payable, a paid invoice asks nothing.
  const payByScan = !draft && invoice.number && PAYABLE_STATUSES.has(invoice.status) ? payByScanOf(company, invoice.number, invoice.outstanding) : undefined;
  return {
    kind: 'invoice',
    ...(payByScan ? { payByScan } : {}),
    title,
    draft,
    meta,
    seller: sellerBlock(company),
    customer: customerBlock(customer, 'Facturé à'),
    preamble: invoice.quote ? [quotePreamble(invoice.quote)] : [],
    columns,
    rows,
    vatRecap,
    vatNotes,
    totals,
    ...(deductions ? { deductions } : {}),
    sections,
    footer: footerLine(company),
    runningTitle: `${label} — ${company.name} — ${customer.name}`,
    fileName: draft ? `${title} brouillon ${invoice.id}.pdf` : `${title} ${invoice.number}.pdf`,
    mentions,
    mentionTexts,
    info: { title: label, author: company.name, subject: `${label} à ${customer.name}, ${formatEuro(invoice.totals.gross)}` },
  };
}

/** The credit note as printed: it names the invoice it corrects and shows what it credits, per rate. */
export function creditNoteDocument(company: Company, customer: Customer, note: CreditNote, invoice: Invoice): PrintedDocument {
  const draft = note.status === 'draft' || !note.number;
  const franchise = invoice.vatRegime === 'franchise';
  const { mentions, mentionTexts, say } = mentionCollector();

  const meta: [string, string][] = [
    ['Numéro', draft ? DRAFT_MARK : (note.number ?? '')],
    ['Date', formatDateShort(note.date)],
    ['Facture d’origine', `${invoice.number ?? note.invoiceNumber} du ${formatDateShort(invoice.date)}`],
    ['Code client', invoice.customerCode],
  ];

  const preamble: string[] = [];
  say('creditNoteReference', mentionText('creditNoteReference', note.date, { invoiceNumber: invoice.number ?? note.invoiceNumber, invoiceDate: invoice.date }), preamble);
  preamble.push(`Motif : ${note.reason} (${CREDIT_NOTE_KIND_LABELS[note.kind].toLowerCase()}).`);

  const columns: PrintedDocument['columns'] = [
    { header: 'Désignation', width: 'flex', align: 'left' },
    { header: 'Nature', width: 112, align: 'left' },
  ];
  if (!franchise) columns.push({ header: 'TVA', width: 40, align: 'right' });
  columns.push({ header: 'Montant HT', width: 78, align: 'right' });
  if (!franchise) columns.push({ header: 'Montant TVA', width: 70, align: 'right' });
  const rows = note.parts.map((p) => {
    const row = [p.description, p.kind === 'goods' ? 'Livraison de biens' : 'Prestation de services'];
    if (!franchise) row.push(formatPercent(p.rate));
    row.push(formatEuro(p.base));
    if (!franchise) row.push(formatEuro(p.vat));
    return row;
  });

  // Per rate, the parts of the same rate added up (a rate may carry both goods and services).
  const byRate = new Map<string, { base: bigint; vat: bigint }>();
  for (const p of note.parts) {
    const r = byRate.get(p.rate) ?? { base: 0n, vat: 0n };
    r.base += toCents(p.base);
    r.vat += toCents(p.vat);
    byRate.set(p.rate, r);
  }
  const totals: PrintedDocument['totals'] = [{ label: 'Total HT', value: formatEuro(note.totals.net) }];
  if (franchise) totals.push({ label: 'Montant de l’avoir', value: formatEuro(note.totals.gross), strong: true });
  else {
    for (const [rate, r] of byRate) totals.push({ label: `TVA ${formatPercent(rate)}`, value: formatEuro(r.vat) });
    if (byRate.size > 1) totals.push({ label: 'Total TVA', value: formatEuro(note.totals.vat) });
    totals.push({ label: 'Total de l’avoir TTC', value: formatEuro(note.totals.gross), strong: true });
  }
  const vatRecap: PrintedDocument['vatRecap'] = franchise ? [] : [...byRate].map(([rate, r]) => [formatPercent(rate), formatEuro(centsToString(r.base)), formatEuro(centsToString(r.vat))]);

  const settlement = [`Ce montant vient en déduction de la facture n° ${invoice.number ?? note.invoiceNumber} (total ${formatEuro(invoice.totals.gross)}).`];
  const vatNotes: string[] = [];
  const zeroRated = { goods: note.parts.some((p) => p.kind === 'goods' && p.rate === '0'), services: note.parts.some((p) => p.kind === 'services' && p.rate === '0') };
  for (const m of vatMentions(invoice.vatRegime, customer, note.date, zeroRated)) say(m.id, m.text, vatNotes);

  const sections: PrintedDocument['sections'] = [{ title: 'Imputation', paragraphs: settlement }];

  const label = draft ? 'Avoir (brouillon)' : `Avoir ${note.number}`;
  return {
    kind: 'creditNote',
    title: 'Avoir',
    draft,
    meta,
    seller: sellerBlock(company),
    customer: customerBlock(customer, 'Client'),
    preamble,
    columns,
    rows,
    vatRecap,
    vatNotes,
    totals,
    sections,
    footer: footerLine(company),
    runningTitle: `${label} — ${company.name} — ${customer.name}`,
    fileName: draft ? `Avoir brouillon ${note.id}.pdf` : `Avoir ${note.number}.pdf`,
    mentions,
    mentionTexts,
    info: { title: label, author: company.name, subject: `${label} sur la facture ${invoice.number ?? note.invoiceNumber}, ${formatEuro(note.totals.gross)}` },
  };
}
