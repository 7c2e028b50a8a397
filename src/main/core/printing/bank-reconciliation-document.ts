import type { BankReconciliation } from '../../../shared/domain/bank';
import type { Company } from '../../../shared/domain/company';
import { formatDateShort } from '../../../shared/dates';
import { formatEuro } from '../../../shared/money';
import { footerLine, formatIban, sellerBlock, type PrintedDocument } from '../documents/invoice-document';

const KIND_LABELS: Record<BankReconciliation['items'][number]['kind'], string> = {
  bank_not_posted: 'En banque seulement',
  ledger_not_on_bank: 'En comptabilité seulement',
};

/**
 * The reconciliation as a printed page (`document.render` kind bankReconciliation): the company, the date,
 * the two balances and their difference, then the items that explain it and the check that they do.
 */
export function reconciliationDocument(company: Company, r: BankReconciliation): PrintedDocument {
  const title = 'Rapprochement bancaire';
  const date = formatDateShort(r.asOf);
  const none = r.items.length === 0;
  const check = !r.explained
    ? `Écart non expliqué par les opérations en suspens : ${formatEuro(r.unexplained)}.`
    : none
      ? `Le relevé et le compte ${r.account} sont d’accord.`
      : 'Les opérations en suspens expliquent tout l’écart.';
  return {
    kind: 'bankReconciliation',
    title,
    draft: false,
    meta: [['Au', date], ['Compte', r.account]],
    seller: sellerBlock(company),
    customer: { heading: 'Compte bancaire', name: `Banque — compte ${r.account}`, lines: company.iban ? [`IBAN ${formatIban(company.iban)}`] : [] },
    preamble: [r.statementBasis + '.'],
    columns: [
      { header: 'Date', width: 60, align: 'left' },
      { header: 'Nature', width: 135, align: 'left' },
      { header: 'Libellé', width: 'flex', align: 'left' },
      { header: 'Montant', width: 80, align: 'right' },
    ],
    rows: none ? [['', 'Aucune opération en suspens', '', '']] : r.items.map((i) => [formatDateShort(i.date), KIND_LABELS[i.kind], i.pieceRef ? `${i.label} (${i.pieceRef})` : i.label, formatEuro(i.amount)]),
    vatRecap: [],
    vatNotes: [],
    totals: [
      { label: 'Solde du relevé', value: formatEuro(r.statementBalance) },
      { label: `Solde du compte ${r.account}`, value: formatEuro(r.ledgerBalance) },
      { label: 'Écart', value: formatEuro(r.difference), strong: true },
      { label: 'Expliqué par les opérations', value: formatEuro(r.itemsTotal) },
      { label: 'Non expliqué', value: formatEuro(r.unexplained), strong: !r.explained },
    ],
    sections: [{ title: 'Contrôle', paragraphs: [none ? 'Aucune opération en suspens.' : `${r.items.length} opération${r.items.length > 1 ? 's' : ''} en suspens.`, check] }],
    footer: footerLine(company),
    runningTitle: `${title} au ${date} — ${company.name}`,
    fileName: `Rapprochement bancaire ${r.asOf}.pdf`,
    mentions: [],
    info: { title: `${title} au ${date}`, author: company.name, subject: `Rapprochement du compte ${r.account} au ${date}` },
  };
}
