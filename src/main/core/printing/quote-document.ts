import { formatDateLong, formatDateShort } from '../../../shared/dates';
import type { Company } from '../../../shared/domain/company';
import type { Customer } from '../../../shared/domain/customer';
import type { Quote } from '../../../shared/domain/quote';
import { computeInvoice } from '../../../shared/invoice-math';
import { centsToString, formatEuro, formatPercent, toCents } from '../../../shared/money';
import { depositOfPercent, depositShares } from '../quotes/quote-invoicing';
import { amountTotals, customerBlock, DRAFT_MARK, footerLine, linesTable, mentionCollector, sellerBlock, vatMentions, type PrintedDocument } from '../documents/invoice-document';
import { mentionText } from '../documents/legal-mentions';

/**
 * The deposit a quote asks at the order, TTC, as the deposit invoice of that percentage will total it:
 * the same shares (quotes/quote-invoicing.ts), then the VAT per rate rounded once; none under the franchise.
 */
export function quoteDeposit(quote: Pick<Quote, 'totals' | 'vatRegime' | 'lines'>, percent: string): bigint {
  const shares = depositShares(quote.lines.map((l) => ({ vatRate: l.vatRate, kind: l.kind, net: toCents(l.net) })), depositOfPercent(toCents(quote.totals.net), percent));
  const lines = shares.map((g) => ({ quantity: '1', unitPrice: centsToString(g.share), vatRate: g.rate }));
  return computeInvoice(lines, { noVat: quote.vatRegime === 'franchise' }).gross;
}

/** « 0 », « 0,00 », « 0 € »: the owner said travel is not charged. */
const NOTHING = /^0+([.,]0+)?\s*€?$/;
/** A bare amount (« 35 », « 35,50 »), printed as money; any other wording as typed. */
const AMOUNT = /^\d{1,9}([.,]\d{1,2})?$/;

function travelCostsText(travelCosts: string): string {
  const typed = travelCosts.trim();
  if (NOTHING.test(typed)) return 'Déplacement non facturé.';
  if (AMOUNT.test(typed)) return `Frais de déplacement : ${formatEuro(typed.replace(',', '.'))}.`;
  return `Frais de déplacement : ${typed}`;
}

const isNonZero = (percent: string | undefined) => percent !== undefined && /[1-9]/.test(percent);

/**
 * The quote as printed, laid out like an invoice (same head, lines, totals and VAT mentions), with its
 * validity, payment and deposit terms, and where the customer signs. Consumer work (repair, upkeep and
 * building work for a consumer, arrêté of 24 January 2017) adds the place of the work, the travel costs,
 * that the quote is free, and the handwritten « Devis reçu avant l’exécution des travaux » before the
 * signature. A quote asks for nothing yet: no QR code, no penalty clause.
 */
export function quoteDocument(company: Company, customer: Customer, quote: Quote): PrintedDocument {
  const draft = quote.status === 'draft' || !quote.number;
  const franchise = quote.vatRegime === 'franchise';
  const { mentions, mentionTexts, say } = mentionCollector();

  const meta: [string, string][] = [
    ['Devis n°', draft ? DRAFT_MARK : (quote.number ?? '')],
    ['Date', formatDateShort(quote.date)],
    ['Valable jusqu’au', formatDateShort(quote.validUntil)],
    ['Code client', quote.customerCode],
  ];

  const preamble: string[] = [];
  if (quote.workSite) preamble.push(`Lieu d’exécution des travaux : ${quote.workSite}`);
  if (quote.travelCosts) preamble.push(travelCostsText(quote.travelCosts));
  if (quote.consumerWork) say('quoteFree', mentionText('quoteFree', quote.date, {}), preamble);

  const { columns, rows, lineTotals } = linesTable(quote.lines, quote.discountPercent, franchise);
  const totals = amountTotals(quote.totals, lineTotals, quote.discountPercent, { franchise, strong: true, grossLabel: franchise ? 'Montant total' : 'Total TTC' });
  const vatRecap: PrintedDocument['vatRecap'] = franchise ? [] : quote.totals.byRate.map((r) => [formatPercent(r.rate), formatEuro(r.base), formatEuro(r.vat)]);
  const vatNotes: string[] = [];
  const zeroRated = { goods: quote.lines.some((l) => l.kind === 'goods' && l.vatRate === '0'), services: quote.lines.some((l) => l.kind === 'services' && l.vatRate === '0') };
  for (const m of vatMentions(quote.vatRegime, customer, quote.date, zeroRated)) say(m.id, m.text, vatNotes);

  const terms: string[] = [`Offre valable jusqu’au ${formatDateLong(quote.validUntil)}.`];
  if (isNonZero(quote.depositPercent)) {
    const percent = quote.depositPercent ?? '0';
    terms.push(`Acompte de ${formatPercent(percent)} à la commande, soit ${formatEuro(quoteDeposit(quote, percent))}${franchise ? '' : ' TTC'}, déduit de la facture finale.`);
  }
  // The owner's words, as a sentence like the others.
  if (quote.paymentTerms) terms.push(`Conditions de paiement : ${quote.paymentTerms}${/[.!?…]$/.test(quote.paymentTerms) ? '' : '.'}`);
  const sections: PrintedDocument['sections'] = [{ title: 'Conditions', paragraphs: terms }];
  if (quote.notes) sections.push({ title: 'Notes', paragraphs: [quote.notes] });

  const acceptance: string[] = [];
  if (quote.consumerWork) say('quoteConsumerAcceptance', mentionText('quoteConsumerAcceptance', quote.date, {}), acceptance);
  else acceptance.push('Date et signature du client, précédées de la mention « Bon pour accord ».');

  const label = draft ? 'Devis (brouillon)' : `Devis n° ${quote.number}`;
  return {
    kind: 'quote',
    title: 'Devis',
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
    signature: { title: 'Bon pour accord', paragraphs: acceptance, fields: [...(quote.consumerWork ? [{ label: 'Mention manuscrite :', room: 40 }] : []), { label: 'Date :', room: 18 }, { label: 'Signature :', room: 54 }] },
    footer: footerLine(company),
    runningTitle: `${label} — ${company.name} — ${customer.name}`,
    fileName: draft ? `Devis brouillon ${quote.id}.pdf` : `Devis ${quote.number}.pdf`,
    mentions,
    mentionTexts,
    info: { title: label, author: company.name, subject: `${label} pour ${customer.name}, ${formatEuro(toCents(quote.totals.gross))}${franchise ? '' : ' TTC'}` },
  };
}
