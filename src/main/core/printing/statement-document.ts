import { formatDateLong, formatDateShort } from '../../../shared/dates';
import type { Company } from '../../../shared/domain/company';
import type { Customer } from '../../../shared/domain/customer';
import { centsToString, formatEuro, toCents } from '../../../shared/money';
import { customerBlock, footerLine, formatIban, payByScanOf, sellerBlock, type PrintedDocument } from '../documents/invoice-document';

/** The statement lives with the document channels: core/receivables, below the documents, does not lay out. What `report.customerStatement` gives (reports.ts customerStatement), as the statement prints it. */
export interface StatementData {
  opening: string;
  rows: { date: string; pieceRef: string; label: string; debit: string; credit: string; balance: string; lettering?: string | undefined }[];
  closing: string;
  openInvoices: { number: string; date: string; dueDate: string; gross: string; outstanding: string; daysOverdue: number }[];
}

/** The aging of the open invoices on the statement's date: not due, 1–30, 31–60, 61–90 and over 90 days late. */
export const STATEMENT_AGING_BUCKETS = [
  { label: 'Non échu', max: 0 },
  { label: '1 à 30 jours', max: 30 },
  { label: '31 à 60 jours', max: 60 },
  { label: '61 à 90 jours', max: 90 },
  { label: 'Plus de 90 jours', max: Number.POSITIVE_INFINITY },
] as const;

export function statementAging(open: StatementData['openInvoices']): { label: string; amount: bigint }[] {
  const sums = STATEMENT_AGING_BUCKETS.map((b) => ({ label: b.label, amount: 0n }));
  for (const inv of open) {
    const i = STATEMENT_AGING_BUCKETS.findIndex((b) => inv.daysOverdue <= b.max);
    sums[i]!.amount += toCents(inv.outstanding);
  }
  return sums;
}

/** The transfer's reference: the customer's code and the numbers of the invoices it pays (the bank import finds them), else the code alone. */
function statementReference(code: string, open: StatementData['openInvoices']): string {
  const full = [code, ...open.map((i) => i.number)].join(' ');
  return full.length <= 140 ? full : `Relevé ${code}`;
}

/**
 * Relevé de compte: the customer's movements over the period with the running balance and lettering, the
 * invoices still open on its last day with their lateness, the aging and the balance. With an IBAN and a
 * balance owed, the EPC QR code of a transfer of the balance. Amounts are the ledger's (reports.ts); this
 * only lays them out.
 */
export function statementDocument(company: Company, customer: Customer, data: StatementData, period: { from?: string | undefined; to: string }, today: string): PrintedDocument {
  const code = customer.code ?? '';
  const periodText = period.from ? `du ${formatDateLong(period.from)} au ${formatDateLong(period.to)}` : `jusqu’au ${formatDateLong(period.to)}`;
  const rows: string[][] = [];
  if (period.from) rows.push([formatDateShort(period.from), '', `Solde au ${formatDateShort(period.from)}`, '', '', '', formatEuro(data.opening)]);
  let debit = 0n;
  let credit = 0n;
  for (const r of data.rows) {
    debit += toCents(r.debit);
    credit += toCents(r.credit);
    rows.push([formatDateShort(r.date), r.pieceRef, r.label, r.lettering ?? '', toCents(r.debit) ? formatEuro(r.debit) : '', toCents(r.credit) ? formatEuro(r.credit) : '', formatEuro(r.balance)]);
  }
  const closing = toCents(data.closing);
  const owed = closing > 0n;
  const totals: PrintedDocument['totals'] = [];
  if (period.from) totals.push({ label: `Solde au ${formatDateShort(period.from)}`, value: formatEuro(data.opening) });
  totals.push({ label: 'Total débit', value: formatEuro(debit) });
  totals.push({ label: 'Total crédit', value: formatEuro(credit) });
  // The date is the period's end, in the references above: the label stays on one line.
  totals.push({ label: closing < 0n ? 'En votre faveur' : 'Solde dû', value: formatEuro(closing < 0n ? -closing : closing), strong: true });

  const tables: NonNullable<PrintedDocument['tables']> = [];
  if (data.openInvoices.length) {
    tables.push({
      title: `Factures restant à régler au ${formatDateShort(period.to)}`,
      columns: [
        { header: 'Facture', width: 90, align: 'left' },
        { header: 'Date', width: 62, align: 'left' },
        { header: 'Échéance', width: 62, align: 'left' },
        { header: 'Retard', width: 'flex', align: 'left' },
        { header: 'Montant TTC', width: 80, align: 'right' },
        { header: 'Reste dû', width: 80, align: 'right' },
      ],
      rows: data.openInvoices.map((i) => [i.number, formatDateShort(i.date), formatDateShort(i.dueDate), i.daysOverdue > 0 ? `${i.daysOverdue} jour${i.daysOverdue > 1 ? 's' : ''}` : 'non échue', formatEuro(i.gross), formatEuro(i.outstanding)]),
    });
    tables.push({
      title: 'Ancienneté des sommes dues',
      columns: STATEMENT_AGING_BUCKETS.map((b) => ({ header: b.label, width: 'flex' as const, align: 'right' as const })).map((c, i) => (i === 0 ? c : { ...c, width: 100 })),
      rows: [statementAging(data.openInvoices).map((a) => formatEuro(a.amount))],
    });
  }

  const payment: string[] = [];
  if (owed) {
    payment.push(`Sauf erreur ou omission de notre part, le solde de votre compte s’élève à ${formatEuro(closing)} au ${formatDateLong(period.to)}.`);
    if (company.iban) payment.push(`Règlement par virement : IBAN ${formatIban(company.iban)}${company.bic ? ` — BIC ${company.bic}` : ''}, en rappelant les numéros des factures réglées.`);
  } else if (closing < 0n) {
    payment.push(`Votre compte présente un solde de ${formatEuro(-closing)} en votre faveur au ${formatDateLong(period.to)} : il sera imputé sur vos prochaines factures, ou remboursé à votre demande.`);
  } else {
    payment.push(`Votre compte est soldé au ${formatDateLong(period.to)} : vous ne nous devez rien. Merci de votre confiance.`);
  }
  payment.push('Si vous avez réglé entre-temps, ne tenez pas compte de ce relevé.');

  const payByScan = owed ? payByScanOf(company, statementReference(code, data.openInvoices), centsToString(closing)) : undefined;
  const title = `Relevé de compte ${code}`;
  return {
    kind: 'statement',
    ...(payByScan ? { payByScan } : {}),
    title: 'Relevé de compte',
    draft: false,
    meta: [['Établi le', formatDateShort(today)], ['Code client', code], ['Période', period.from ? `${formatDateShort(period.from)} – ${formatDateShort(period.to)}` : `au ${formatDateShort(period.to)}`]],
    seller: sellerBlock(company),
    customer: customerBlock(customer, 'Client'),
    preamble: [`Relevé de votre compte ${periodText}.`],
    columns: [
      { header: 'Date', width: 62, align: 'left' },
      { header: 'Pièce', width: 88, align: 'left' },
      { header: 'Libellé', width: 'flex', align: 'left' },
      { header: 'Lettr.', width: 34, align: 'left' },
      { header: 'Débit', width: 64, align: 'right' },
      { header: 'Crédit', width: 64, align: 'right' },
      { header: 'Solde', width: 68, align: 'right' },
    ],
    rows: rows.length ? rows : [['', '', 'Aucun mouvement sur la période.', '', '', '', formatEuro(data.closing)]],
    vatRecap: [],
    vatNotes: [],
    totals,
    tables,
    sections: [{ title: 'Règlement', paragraphs: payment }],
    footer: footerLine(company),
    runningTitle: `${title} — ${company.name} — ${customer.name}`,
    fileName: `Relevé de compte ${code} ${period.to}.pdf`,
    mentions: [],
    info: { title, author: company.name, subject: `Relevé de compte de ${customer.name} ${periodText}, solde ${formatEuro(data.closing)}` },
  };
}
