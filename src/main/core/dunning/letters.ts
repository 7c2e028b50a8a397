import { addDays, daysBetween, formatDateLong, formatDateShort } from '../../../shared/dates';
import type { Company } from '../../../shared/domain/company';
import type { Customer } from '../../../shared/domain/customer';
import { DUNNING_STEP_KIND_LABELS, type DunningStep, type DunningStepKind, type TemplatePlaceholder } from '../../../shared/domain/dunning';
import { AppError } from '../../../shared/errors';
import { centsToString, Dec, formatEuro, formatPercent, roundToCents, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { requireCustomer } from '../customers/customer-service';
import { formatIban, invoiceDocument, type PrintedDocument, type PrintedPenaltyRate } from '../documents/invoice-document';
import { mentionText, type MentionId } from '../documents/legal-mentions';
import { readInvoice } from '../receivables/invoices';
import { computePenalties, customerKindOf, outstandingAt, printedPenaltyRate, requireDunnableInvoice, YEAR_DAYS, type PenaltyResult } from './penalties';
import { invoicedPenalties } from './penalty-invoice';
import { scenarioSteps } from './scenario';
import { fillTemplate, templateOf } from './templates';

/**
 * Reminder letters and formal notices (and the e-mail text to copy): the owner's template for the step's
 * kind, filled with the invoice, the outstanding and the penalties to the cent on `asOf`. The letter reuses
 * the invoice's layout: seller identity top left, the customer in the window-envelope block, the invoice
 * reference in a table, the amounts claimed in the totals, and how the penalties were computed.
 */

const LETTER_TITLES: Record<DunningStepKind, string> = {
  courtesy: 'Rappel',
  reminder: 'Relance',
  call: 'Relance',
  formal_notice: 'Mise en demeure',
  litigation: 'Dernier avis',
};

export interface LetterContext {
  company: Company;
  customer: Customer;
  step: DunningStep;
  asOf: string;
  invoiceId: number;
  number: string;
  invoiceDate: string;
  dueDate: string;
  gross: string;
  outstanding: string;
  penalties: PenaltyResult;
  /** The rate mention the invoice printed (and its penalties are computed at). */
  printedRate: PrintedPenaltyRate;
  /** Penalty invoices (series PEN) already sent for this invoice: part of the penalties claimed. */
  penaltyInvoices: { number: string; date: string; total: string }[];
  values: Record<TemplatePlaceholder, string>;
}

/** Everything a letter or an e-mail of `step` says about an invoice on `asOf`. */
export function letterContext(db: Db, company: Company, invoiceId: number, stepKey: string, asOf: string): LetterContext {
  const inv = requireDunnableInvoice(db, invoiceId);
  if (asOf < inv.date) throw new AppError('VALIDATION', `La lettre ne peut pas précéder la facture ${inv.number} du ${formatDateShort(inv.date)}.`, { asOf: 'Date antérieure à la facture.' });
  const customer = requireCustomer(db, inv.customer_id);
  const kind = customerKindOf(db, inv.customer_id);
  const steps = scenarioSteps(db, kind);
  const step = steps.find((s) => s.key === stepKey);
  if (!step) throw new AppError('VALIDATION', `Étape de relance inconnue : « ${stepKey} ». Étapes possibles : ${steps.map((s) => s.key).join(', ')}.`, { step: 'Étape inconnue.' });
  const outstanding = outstandingAt(db, invoiceId, asOf);
  if (outstanding <= 0n) throw new AppError('CONFLICT', `La facture ${inv.number} est réglée : il n’y a plus rien à réclamer.`, { invoiceId: 'Facture réglée.' });
  const penalties = computePenalties(db, company, invoiceId, asOf);
  const printedRate = printedPenaltyRate(db, company, inv.date);
  const hasIndemnity = toCents(penalties.indemnity) > 0n;
  const penaltyPhrase =
    toCents(penalties.total) === 0n
      ? 'aucune pénalité à ce jour'
      : `intérêts de retard de ${formatEuro(penalties.interest)}${hasIndemnity ? ` et indemnité forfaitaire pour frais de recouvrement de ${formatEuro(penalties.indemnity)}` : ''}`;
  const values: Record<TemplatePlaceholder, string> = {
    client: customer.name,
    facture: inv.number,
    date_facture: formatDateLong(inv.date),
    echeance: formatDateLong(inv.due_date),
    montant: formatEuro(inv.gross_cents),
    reste: formatEuro(outstanding),
    retard: String(Math.max(0, daysBetween(inv.due_date, asOf))),
    taux: formatPercent(penalties.rate),
    interets: formatEuro(penalties.interest),
    indemnite: formatEuro(penalties.indemnity),
    penalites: penaltyPhrase,
    total: formatEuro(outstanding + toCents(penalties.total)),
    date: formatDateLong(asOf),
    delai: formatDateLong(addDays(asOf, 8)),
    entreprise: company.name,
  };
  return {
    company, customer, step, asOf, invoiceId, number: inv.number, invoiceDate: inv.date, dueDate: inv.due_date, gross: centsToString(inv.gross_cents), outstanding: centsToString(outstanding),
    penalties, values, printedRate, penaltyInvoices: invoicedPenalties(db, invoiceId).invoices,
  };
}

/** The e-mail to copy: subject and body filled. */
export function dunningEmail(db: Db, company: Company, invoiceId: number, stepKey: string, asOf: string): { subject: string; body: string } {
  const c = letterContext(db, company, invoiceId, stepKey, asOf);
  const t = templateOf(db, c.step.kind);
  return { subject: fillTemplate(t.subject, c.values), body: fillTemplate(t.email, c.values) };
}

/** How the interest was computed, period by period, for the letter's last section. */
function penaltyParagraphs(c: LetterContext): string[] {
  const p = c.penalties;
  const out: string[] = [];
  if (p.periods.length === 0) {
    if (c.asOf > c.dueDate) out.push(`Aucun intérêt de retard n’a couru au ${formatDateLong(c.asOf)}.`);
  } else {
    out.push(
      `Intérêts de retard au taux annuel de ${formatPercent(p.rate)}, taux en vigueur à la date de la facture (${formatDateShort(c.invoiceDate)}), calculés jour par jour sur le reste dû, sur une base de ${YEAR_DAYS} jours, du lendemain de l’échéance au ${formatDateShort(c.asOf)} :`,
    );
    for (const r of p.periods) {
      out.push(
        `• du ${formatDateShort(r.from)} au ${formatDateShort(r.to)} : ${formatEuro(r.base)} × ${formatPercent(p.rate)} × ${r.days} jour${r.days > 1 ? 's' : ''} / ${YEAR_DAYS} = ${formatEuro(roundToCents(new Dec(r.interest)))}`,
      );
    }
    out.push(`Total des intérêts, arrondi au centime : ${formatEuro(p.interest)}.`);
  }
  // The penalties claimed are those of the whole delay; what a penalty invoice already asked for is part of them, not more.
  if (c.penaltyInvoices.length > 0 && toCents(p.total) > 0n) {
    out.push(`Ces pénalités comprennent celles déjà facturées : ${c.penaltyInvoices.map((i) => `facture de pénalités ${i.number} du ${formatDateShort(i.date)} (${formatEuro(i.total)})`).join(', ')}.`);
  }
  const rate = mentionText('latePenalty', c.invoiceDate, c.printedRate);
  if (rate) out.push(rate);
  if (toCents(p.indemnity) > 0n) {
    const indemnity = mentionText('recoveryIndemnity', c.invoiceDate, {});
    if (indemnity) out.push(indemnity);
  }
  return out;
}

/** The letter of `step` as a printed document (the PDF code of the invoices draws it). */
export function dunningLetterDocument(db: Db, company: Company, invoiceId: number, stepKey: string, asOf: string): { document: PrintedDocument; context: LetterContext } {
  const c = letterContext(db, company, invoiceId, stepKey, asOf);
  const t = templateOf(db, c.step.kind);
  const invoice = readInvoice(db, invoiceId);
  const base = invoiceDocument(c.company, c.customer, invoice, c.printedRate);
  const title = LETTER_TITLES[c.step.kind];
  const subject = fillTemplate(t.subject, c.values);
  const body = fillTemplate(t.letter, c.values)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const hasPenalties = toCents(c.penalties.total) > 0n;
  const totals: PrintedDocument['totals'] = hasPenalties ? [{ label: 'Reste dû', value: formatEuro(c.outstanding) }] : [];
  if (hasPenalties) {
    totals.push({ label: `Intérêts de retard (${c.penalties.days} j)`, value: formatEuro(c.penalties.interest) });
    if (toCents(c.penalties.indemnity) > 0n) totals.push({ label: 'Indemnité forfaitaire', value: formatEuro(c.penalties.indemnity) });
  }
  totals.push({ label: hasPenalties ? 'Total réclamé' : 'Montant à régler', value: c.values.total, strong: true });
  const meta: [string, string][] = [
    ['Date', formatDateLong(asOf)],
    ['Facture', c.number],
    ['Code client', c.customer.code ?? ''],
  ];
  if (c.step.kind === 'formal_notice') meta.push(['Envoi', 'Recommandé avec AR']);
  const mentions: MentionId[] = ['latePenalty'];
  if (toCents(c.penalties.indemnity) > 0n) mentions.push('recoveryIndemnity');
  const payment: string[] = [];
  if (c.company.iban) payment.push(`Règlement par virement : IBAN ${formatIban(c.company.iban)}${c.company.bic ? ` — BIC ${c.company.bic}` : ''}, en rappelant la référence ${c.number}.`);
  return {
    context: c,
    document: {
      ...base,
      title,
      draft: false,
      meta,
      customer: { ...base.customer, heading: 'Destinataire' },
      preamble: [`Objet : ${subject}`, ...body, c.company.name],
      columns: [
        { header: 'Facture', width: 92, align: 'left' },
        { header: 'Date', width: 66, align: 'left' },
        { header: 'Échéance', width: 66, align: 'left' },
        { header: 'Retard', width: 'flex', align: 'right' },
        { header: 'Montant TTC', width: 90, align: 'right' },
        { header: 'Reste dû', width: 90, align: 'right' },
      ],
      rows: [[c.number, formatDateShort(c.invoiceDate), formatDateShort(c.dueDate), c.values.retard === '0' ? '—' : `${c.values.retard} jours`, formatEuro(c.gross), formatEuro(c.outstanding)]],
      vatRecap: [],
      vatNotes: [],
      totals,
      sections: [
        { title: hasPenalties ? 'Calcul des pénalités de retard' : 'Pénalités de retard', paragraphs: penaltyParagraphs(c) },
        ...(payment.length ? [{ title: 'Règlement', paragraphs: payment }] : []),
      ],
      runningTitle: `${title} — facture ${c.number} — ${c.company.name} — ${c.customer.name}`,
      fileName: `${title} ${c.number} ${asOf}.pdf`,
      mentions,
      info: { title: `${title} — facture ${c.number}`, author: c.company.name, subject: `${DUNNING_STEP_KIND_LABELS[c.step.kind]} : ${subject}` },
    },
  };
}
