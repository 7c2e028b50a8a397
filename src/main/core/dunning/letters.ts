import { addDays, daysBetween, formatDateLong, formatDateShort } from '../../../shared/dates';
import type { Company } from '../../../shared/domain/company';
import type { Customer } from '../../../shared/domain/customer';
import { DUNNING_CHANNEL_LABELS, DUNNING_STEP_KIND_LABELS, type DunningAction, type DunningStep, type DunningStepKind, type TemplatePlaceholder } from '../../../shared/domain/dunning';
import { AppError } from '../../../shared/errors';
import { centsToString, formatEuro, formatPercent, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { requireCustomer } from '../customers/customer-service';
import { formatIban, invoiceDocument, payByScanOf, type PrintedDocument, type PrintedPenaltyRate } from '../documents/invoice-document';
import { mentionText, type MentionId } from '../documents/legal-mentions';
import { readInvoice } from '../receivables/invoices';
import { history } from './actions';
import { YEAR_DAYS } from './interest';
import { computePenalties, customerKindOf, outstandingAt, periodFormula, periodSpan, printedPenaltyRate, requireDunnableInvoice, type PenaltyResult } from './penalties';
import { invoicedPenalties } from './penalty-invoice';
import { scenarioSteps } from './scenario';
import { fillTemplate, templateOf } from './templates';

/**
 * Reminder letters and formal notices (and the e-mail text to copy): the owner's template for the step's
 * kind, filled with the invoice, the outstanding and the penalties to the cent on `asOf`. The letter reuses
 * the invoice's layout: seller identity top left, the customer in the window-envelope block, the invoice
 * reference in a table, the amounts claimed in the totals, and how the penalties were computed, period by
 * period.
 *
 * A letter never states what did not happen: the sentence recalling earlier reminders
 * ({relances_precedentes}) lists those recorded for the invoice, with their dates, and is empty when there
 * are none; the sentence on penalties ({phrase_penalites}) says what the customer's kind owes (L441-10
 * between businesses; for a consumer, the legal interest from a formal notice, nothing before it).
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
  /** The steps already recorded for the invoice, before this one, by the letter's day. */
  earlier: DunningAction[];
  values: Record<TemplatePlaceholder, string>;
}

/** "Relance écrite" → "relance écrite" (not "SMS" → "sMS"). */
const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/** The sentence recalling the reminders recorded before this step, or '' when there were none. */
export function earlierRemindersSentence(earlier: readonly DunningAction[]): string {
  if (earlier.length === 0) return '';
  const items = earlier.map((a) => `${lowerFirst(a.stepLabel)} le ${formatDateLong(a.date)} (${DUNNING_CHANNEL_LABELS[a.channel].toLowerCase()})`);
  return `Nous vous avons déjà relancé au sujet de cette facture : ${items.join(' ; ')}.`;
}

/** The sentence on penalties for the customer's kind, or '' when there is nothing true to say. */
function penaltySentence(p: PenaltyResult, step: DunningStep, asOf: string, amounts: string): string {
  if (p.regime === 'penaltyInvoice') return '';
  if (p.regime === 'consumer') {
    if (p.formalNotice) return `Depuis notre mise en demeure du ${formatDateLong(p.formalNotice)}, la somme due porte intérêts au taux légal (${formatPercent(p.rate)} l’an) : ${formatEuro(p.interest)} au ${formatDateLong(asOf)}.`;
    return step.kind === 'formal_notice' ? `À compter de la présente mise en demeure, la somme due portera intérêts au taux légal (${formatPercent(p.rate)} l’an).` : '';
  }
  if (p.periods.length === 0) return '';
  const rates = p.periods.map((r) => r.rate).filter((r, i, all) => all.indexOf(r) === i);
  return `Des pénalités de retard courent depuis le lendemain de l’échéance, au taux de ${rates.map(formatPercent).join(' puis ')} l’an : ${amounts} au ${formatDateLong(asOf)}.`;
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
  const position = steps.indexOf(step);
  const earlier = history(db, { invoiceId }).filter((a) => {
    const at = steps.findIndex((s) => s.key === a.step);
    return a.date <= asOf && a.step !== step.key && at < position;
  });
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
    phrase_penalites: penaltySentence(penalties, step, asOf, penaltyPhrase),
    relances_precedentes: earlierRemindersSentence(earlier),
    total: formatEuro(outstanding + toCents(penalties.total)),
    date: formatDateLong(asOf),
    delai: formatDateLong(addDays(asOf, 8)),
    entreprise: company.name,
  };
  return {
    company, customer, step, asOf, invoiceId, number: inv.number, invoiceDate: inv.date, dueDate: inv.due_date, gross: centsToString(inv.gross_cents), outstanding: centsToString(outstanding),
    penalties, values, printedRate, penaltyInvoices: invoicedPenalties(db, invoiceId).invoices, earlier,
  };
}

/** The e-mail to copy: subject and body filled. */
export function dunningEmail(db: Db, company: Company, invoiceId: number, stepKey: string, asOf: string): { subject: string; body: string } {
  const c = letterContext(db, company, invoiceId, stepKey, asOf);
  const t = templateOf(db, c.step.kind);
  return { subject: fillTemplate(t.subject, c.values), body: paragraphsOf(fillTemplate(t.email, c.values)).join('\n\n') };
}

/** The paragraphs of a filled template: those a variable left empty are gone. */
function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** How the interest was computed, period by period, for the letter's last section. */
function penaltyParagraphs(c: LetterContext): string[] {
  const p = c.penalties;
  const out: string[] = [];
  const consumer = p.regime === 'consumer';
  if (p.periods.length === 0) {
    if (c.asOf > c.dueDate) out.push(`Aucun intérêt de retard n’a couru au ${formatDateLong(c.asOf)}.`);
  } else {
    out.push(
      consumer
        ? `Les sommes dues portent intérêts au taux légal à compter de notre mise en demeure du ${formatDateShort(p.formalNotice ?? c.asOf)}, calculés jour par jour sur le reste dû, sur une base de ${YEAR_DAYS} jours, chaque jour au taux légal de son semestre, jusqu’au ${formatDateShort(c.asOf)} :`
        : `Intérêts de retard calculés jour par jour sur le reste dû, du lendemain de l’échéance au ${formatDateShort(c.asOf)}, sur une base de ${YEAR_DAYS} jours, ${p.rateSource === 'company' ? `au taux annuel de ${formatPercent(p.rate)}` : 'chaque jour au taux de son semestre'} :`,
    );
    for (const r of p.periods) out.push(`• ${periodSpan(r)} : ${periodFormula(r)} = ${formatEuro(r.interest)}`);
    out.push(`Chaque période est arrondie au centime le plus proche (un demi-centime au centime supérieur) ; le total des intérêts, ${formatEuro(p.interest)}, est la somme des périodes.`);
  }
  // The penalties claimed are those of the whole delay; what a penalty invoice already asked for is part of them, not more.
  if (c.penaltyInvoices.length > 0 && toCents(p.total) > 0n) {
    out.push(`Ces pénalités comprennent celles déjà facturées : ${c.penaltyInvoices.map((i) => `facture de pénalités ${i.number} du ${formatDateShort(i.date)} (${formatEuro(i.total)})`).join(', ')}.`);
  }
  for (const id of penaltyMentions(c)) {
    const text = id === 'latePenalty' ? mentionText('latePenalty', c.invoiceDate, c.printedRate) : mentionText(id, c.invoiceDate, {});
    if (text) out.push(text);
  }
  return out;
}

/** The legal mentions a letter prints: L441-10 and the 40 € between businesses, C. civ. 1231-6 for a consumer. */
function penaltyMentions(c: LetterContext): ('latePenalty' | 'recoveryIndemnity' | 'consumerLateInterest')[] {
  if (c.penalties.regime === 'penaltyInvoice') return [];
  if (c.penalties.regime === 'consumer') return ['consumerLateInterest'];
  return toCents(c.penalties.indemnity) > 0n ? ['latePenalty', 'recoveryIndemnity'] : ['latePenalty'];
}

/** The letter of `step` as a printed document (the PDF code of the invoices draws it). */
export function dunningLetterDocument(db: Db, company: Company, invoiceId: number, stepKey: string, asOf: string): { document: PrintedDocument; context: LetterContext } {
  const c = letterContext(db, company, invoiceId, stepKey, asOf);
  const t = templateOf(db, c.step.kind);
  const invoice = readInvoice(db, invoiceId);
  const base = invoiceDocument(c.company, c.customer, invoice, c.printedRate);
  const title = LETTER_TITLES[c.step.kind];
  const subject = fillTemplate(t.subject, c.values);
  const body = paragraphsOf(fillTemplate(t.letter, c.values));
  const hasPenalties = toCents(c.penalties.total) > 0n;
  const totals: PrintedDocument['totals'] = hasPenalties ? [{ label: 'Reste dû', value: formatEuro(c.outstanding) }] : [];
  if (hasPenalties) {
    const days = c.penalties.periods.reduce((s, r) => s + r.days, 0);
    totals.push({ label: `Intérêts de retard (${days} j)`, value: formatEuro(c.penalties.interest) });
    if (toCents(c.penalties.indemnity) > 0n) totals.push({ label: 'Indemnité forfaitaire', value: formatEuro(c.penalties.indemnity) });
  }
  totals.push({ label: hasPenalties ? 'Total réclamé' : 'Montant à régler', value: c.values.total, strong: true });
  const meta: [string, string][] = [
    ['Date', formatDateLong(asOf)],
    ['Facture', c.number],
    ['Code client', c.customer.code ?? ''],
  ];
  if (c.step.kind === 'formal_notice') meta.push(['Envoi', 'Recommandé avec AR']);
  const mentions: MentionId[] = penaltyMentions(c);
  const section = c.penalties.regime === 'consumer' ? 'intérêts de retard' : 'pénalités de retard';
  const payment: string[] = [];
  if (c.company.iban) payment.push(`Règlement par virement : IBAN ${formatIban(c.company.iban)}${c.company.bic ? ` — BIC ${c.company.bic}` : ''}, en rappelant la référence ${c.number}.`);
  return {
    context: c,
    document: {
      ...base,
      title,
      draft: false,
      meta,
      // What is still owed on the invoice on the letter's date (the penalties are claimed apart).
      payByScan: c.company.iban ? payByScanOf(c.company, c.number, c.outstanding) : undefined,
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
        ...(c.penalties.regime === 'penaltyInvoice' ? [] : [{ title: hasPenalties ? `Calcul des ${section}` : section.charAt(0).toUpperCase() + section.slice(1), paragraphs: penaltyParagraphs(c) }]),
        ...(payment.length ? [{ title: 'Règlement', paragraphs: payment }] : []),
      ],
      runningTitle: `${title} — facture ${c.number} — ${c.company.name} — ${c.customer.name}`,
      fileName: `${title} ${c.number} ${asOf}.pdf`,
      mentions,
      info: { title: `${title} — facture ${c.number}`, author: c.company.name, subject: `${DUNNING_STEP_KIND_LABELS[c.step.kind]} : ${subject}` },
    },
  };
}
