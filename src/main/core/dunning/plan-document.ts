import { formatDateLong, formatDateShort } from '../../../shared/dates';
import type { Company } from '../../../shared/domain/company';
import { centsToString, formatEuro, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { requireCustomer } from '../customers/customer-service';
import { customerBlock, footerLine, formatIban, payByScanOf, sellerBlock, type PrintedDocument } from '../documents/invoice-document';
import { mentionText, type MentionId } from '../documents/legal-mentions';
import { planState, type InstalmentStatus } from './payment-plans';
import { printedPenaltyRate } from './penalties';

const INSTALMENT_LABELS: Record<InstalmentStatus, string> = { paid: 'Réglée', partial: 'Réglée en partie', due: 'À venir', missed: 'Manquée' };

/**
 * The payment plan (échéancier) as an agreement to print, send and sign: the invoices it covers, each
 * instalment with its date and amount (and what is paid of it on `asOf`), the total, and what happens
 * when an instalment is missed — for a business customer the L441-10 penalties and the 40 € indemnity,
 * for a consumer the legal interest from a formal notice. While the plan runs and the company has an
 * IBAN, the EPC QR code of the next instalment's unpaid amount.
 */
export function planDocument(db: Db, company: Company, planId: number, asOf: string): PrintedDocument {
  const plan = planState(db, planId, asOf);
  const customer = requireCustomer(db, plan.customerId);
  const numbers = plan.invoices.map((i) => i.number);
  const left = toCents(plan.total) - toCents(plan.paid);
  const mentions: MentionId[] = [];
  const say = (id: MentionId, text: string | undefined, into: string[]) => {
    if (!text) return;
    mentions.push(id);
    into.push(text);
  };

  const conditions: string[] = [
    `${customer.name} s’engage à régler ${formatEuro(plan.total)} en ${plan.instalments.length} échéance${plan.instalments.length > 1 ? 's' : ''}, chacune au plus tard à la date indiquée ci-dessus. Les règlements reçus s’imputent sur les échéances dans l’ordre de leurs dates.`,
    'À défaut de règlement d’une seule échéance à sa date, le solde restant dû devient immédiatement exigible, sans autre formalité.',
  ];
  if (customer.kind === 'business') {
    say('latePenalty', mentionText('latePenalty', plan.date, printedPenaltyRate(db, company, plan.date)), conditions);
    say('recoveryIndemnity', mentionText('recoveryIndemnity', plan.date, {}), conditions);
  } else {
    say('consumerLateInterest', mentionText('consumerLateInterest', plan.date, {}), conditions);
  }
  if (company.iban) conditions.push(`Règlement par virement : IBAN ${formatIban(company.iban)}${company.bic ? ` — BIC ${company.bic}` : ''}, en rappelant ${numbers.length > 1 ? 'les numéros des factures' : `la facture ${numbers[0] ?? ''}`}.`);

  const sections: PrintedDocument['sections'] = [{ title: 'Conditions', paragraphs: conditions }];
  if (plan.note) sections.push({ title: 'Note', paragraphs: [plan.note] });
  if (plan.status === 'cancelled') sections.push({ title: 'Échéancier annulé', paragraphs: [`Cet échéancier a été annulé${plan.cancelledAt ? ` le ${formatDateLong(plan.cancelledAt.slice(0, 10))}` : ''} : les factures redeviennent exigibles à leur échéance d’origine.`] });
  sections.push({ title: 'Bon pour accord', paragraphs: [`Fait le ${formatDateLong(plan.date)}, en deux exemplaires.`, `Pour ${company.name} :`, `Pour ${customer.name} (date, signature et mention « bon pour accord ») :`] });

  // The next instalment not fully paid, while the plan runs.
  const next = plan.status === 'active' ? plan.instalments.find((i) => i.status !== 'paid') : undefined;
  const nextDue = next ? toCents(next.amount) - toCents(next.paid) : 0n;
  const reference = numbers.join(' ');
  const payByScan = next && nextDue > 0n ? payByScanOf(company, reference.length <= 140 ? reference : (numbers[0] ?? ''), centsToString(nextDue)) : undefined;

  const title = `Échéancier du ${formatDateShort(plan.date)}`;
  return {
    kind: 'plan',
    ...(payByScan ? { payByScan } : {}),
    title: 'Échéancier',
    draft: false,
    meta: [['Accordé le', formatDateShort(plan.date)], ['Code client', customer.code ?? ''], ['Échéances', String(plan.instalments.length)], ['Établi le', formatDateShort(asOf)]],
    seller: sellerBlock(company),
    customer: customerBlock(customer, 'Client'),
    preamble: [
      `Échéancier de paiement ${numbers.length > 1 ? 'des factures' : 'de la facture'} ${numbers.join(', ')}, d’un montant total de ${formatEuro(plan.total)}.`,
      ...(next ? [`Prochaine échéance : ${formatEuro(nextDue)} au ${formatDateLong(next.date)}.`] : []),
    ],
    columns: [
      { header: 'Échéance', width: 60, align: 'left' },
      { header: 'Date', width: 'flex', align: 'left' },
      { header: 'Montant', width: 90, align: 'right' },
      { header: 'Déjà réglé', width: 90, align: 'right' },
      { header: 'État', width: 90, align: 'left' },
    ],
    rows: plan.instalments.map((i) => [`n° ${i.no}`, formatDateLong(i.date), formatEuro(i.amount), formatEuro(i.paid), INSTALMENT_LABELS[i.status]]),
    vatRecap: [],
    vatNotes: [],
    totals: [
      { label: 'Total de l’échéancier', value: formatEuro(plan.total) },
      { label: 'Déjà réglé', value: formatEuro(plan.paid) },
      { label: 'Reste à régler', value: formatEuro(left), strong: true },
    ],
    tables: [
      {
        title: 'Factures couvertes',
        columns: [
          { header: 'Facture', width: 'flex', align: 'left' },
          { header: 'Reste dû à la date de l’accord', width: 160, align: 'right' },
        ],
        rows: plan.invoices.map((i) => [i.number, formatEuro(i.amount)]),
      },
    ],
    sections,
    footer: footerLine(company),
    runningTitle: `${title} — ${company.name} — ${customer.name}`,
    fileName: `Échéancier ${customer.code ?? ''} ${plan.date}.pdf`,
    mentions,
    info: { title, author: company.name, subject: `Échéancier de ${customer.name} : ${formatEuro(plan.total)} en ${plan.instalments.length} échéances` },
  };
}
