import type { AccountMap } from '../../shared/accounts';

/**
 * What one line of an entry means for the owner, in plain words: read from the account's role, the side
 * of the line and what the entry comes from. Words only: every amount comes from the main process.
 */
export interface LineContext {
  account: string;
  debit: boolean;
  /** The entry's journal (VT, BQ, CA, OD). */
  journal: string;
  /** What the entry comes from: its source kind (invoice, payment, credit_note…) or a doubtful-debt step. */
  source?: string | undefined;
  /** The line's own label, when the account alone does not say it (the VAT of an écart never received). */
  label?: string | undefined;
}

const DOUBTFUL = new Set(['classify', 'provision', 'writeOff', 'doubtful', 'writeoff']);
const WRITE_OFF = new Set(['writeOff', 'writeoff']);

function customers({ debit, source }: LineContext): string {
  if (DOUBTFUL.has(source ?? '')) return debit ? 'La créance revient chez les clients ordinaires.' : 'Elle quitte les clients ordinaires.';
  if (debit) return source === 'invoice' ? 'Ce que le client vous doit, TVA comprise' : 'Le client vous doit d’autant plus';
  if (source === 'payment') return 'Le client règle sa facture';
  if (source === 'advance') return '…pour régler sa facture';
  return 'Le client vous doit d’autant moins';
}

function doubtfulCustomers({ debit, source }: LineContext): string {
  if (debit) return 'La créance passe en « clients douteux » : le client vous la doit toujours.';
  if (DOUBTFUL.has(source ?? '')) return 'La créance douteuse sort de vos comptes : elle ne sera plus réclamée.';
  if (source === 'payment') return 'Le client règle sa facture douteuse';
  if (source === 'advance') return '…pour régler sa facture douteuse';
  return 'Le client vous doit d’autant moins';
}

function vatCollected({ debit, journal, source }: LineContext): string {
  if (debit) {
    return WRITE_OFF.has(source ?? '') ? 'La TVA collectée et reversée sur cette facture est récupérée (article 272 du CGI).' : 'La TVA que vous ne devez plus à l’État';
  }
  // Out of the sales journal, the VAT on receipts that a receipt makes due (not an entry typed by hand).
  return journal === 'VT' || source === 'manual' ? 'La TVA que vous reverserez à l’État' : '…devient due à l’État : le client a payé';
}

function vatPending({ debit, journal, source, label }: LineContext): string {
  if (!debit) return 'La TVA due seulement quand le client paiera (prestations)';
  if (label?.startsWith('TVA non encaissée')) return 'La TVA de l’écart jamais encaissé n’est pas due : elle sort de l’attente';
  if (WRITE_OFF.has(source ?? '')) return 'La TVA jamais encaissée (TVA sur les encaissements) est annulée : rien à récupérer.';
  if (source === 'manual') return 'La TVA en attente d’encaissement diminue d’autant';
  return journal === 'VT' ? 'La TVA en attente qui n’est plus due' : 'La TVA en attente, reçue avec ce paiement…';
}

/** A line of the reversal of a cancelled payment: it takes back what the payment's line did. */
function cancelled({ account, debit }: LineContext, map: AccountMap): string {
  if (account === map.bank || account.startsWith('51') || account === map.cash || account.startsWith('53')) return 'L’encaissement est retiré : cet argent n’est pas (ou plus) là';
  if ((account === map.customers || account === map.doubtfulCustomers) && debit) return 'La facture est de nouveau due';
  if (account === map.customerAdvances) return 'L’avance née de ce règlement disparaît';
  if (account === map.vatCollected) return 'La TVA que ce règlement rendait due ne l’est plus';
  if (account === map.vatPending) return 'La TVA attend de nouveau l’encaissement';
  if (account === map.escompteGranted) return 'L’escompte accordé est annulé';
  if (account === map.recoveryAfterWriteOff) return 'La rentrée sur créance amortie est annulée';
  if (account === map.paymentDifferenceCharge || account === map.paymentDifferenceProduct) return 'L’écart de règlement est annulé';
  return '';
}

export function lineWhy(line: LineContext, map: AccountMap): string {
  const { account, debit, source } = line;
  if (source === 'payment_cancellation') {
    const why = cancelled(line, map);
    if (why) return why;
  }
  if (account === map.customers) return customers(line);
  if (account === map.doubtfulCustomers) return doubtfulCustomers(line);
  if (account === map.customerAdvances) {
    // An invoice that touches 4191 is a deposit invoice (credit) or the final invoice deducting it (debit).
    if (source === 'invoice') return debit ? 'L’acompte déjà facturé est déduit : il solde l’avance du client' : 'L’acompte facturé (HT), en attente de la facture finale qui le déduira';
    if (!debit) return 'Le surplus reste au client : une avance à imputer ou à rembourser';
    return source === 'advance_refund' ? 'Vous ne devez plus cette avance au client' : source === 'advance' ? 'L’avance du client est utilisée…' : 'L’avance du client diminue d’autant';
  }
  if (account === map.vatCollected) return vatCollected(line);
  if (account === map.vatPending) return vatPending(line);
  if (account === map.bank || account.startsWith('51')) return debit ? 'L’argent arrive sur votre compte bancaire' : 'L’argent sort de votre compte bancaire';
  if (account === map.cash || account.startsWith('53')) return debit ? 'L’argent entre dans votre caisse' : 'L’argent sort de la caisse';
  if (account === map.escompteGranted) return 'L’escompte accordé est une charge financière (HT)';
  if (account === map.latePaymentInterest) return 'Pénalités de retard facturées : un produit, hors du champ de la TVA';
  if (account === map.recoveryAfterWriteOff) return 'Une créance passée en perte est finalement payée : un produit';
  if (account === map.paymentDifferenceCharge) return 'Le petit écart que le client n’a pas payé : une charge, la facture est réglée';
  if (account === map.paymentDifferenceProduct) return 'Le petit surplus payé par le client : un produit, pas une avance';
  if (account === map.provisionCharge) return 'Charge de l’exercice : la perte probable, hors TVA (déductible si elle est justifiée).';
  if (account === map.provisionAllowance) return debit ? 'La dépréciation détenue sur cette facture est annulée.' : 'La dépréciation, tenue au compte du client, diminue la valeur de la créance.';
  if (account === map.provisionReversal) return 'Produit : la dépréciation devenue inutile revient dans le résultat.';
  if (account === map.lossCurrentYear) return 'La perte définitive, hors TVA, sur une facture de cet exercice.';
  if (account === map.lossPriorYear) return 'La perte définitive, hors TVA, sur une facture d’un exercice antérieur.';
  if (account === map.rebatesGoods || account === map.rebatesServices || account.startsWith('709')) {
    return debit ? 'La remise accordée diminue votre chiffre d’affaires (HT)' : 'La remise est reprise : votre chiffre d’affaires remonte (HT)';
  }
  if (account.startsWith('70')) {
    if (debit) return 'La vente annulée sort de votre chiffre d’affaires (HT)';
    if (account === map.salesGoods) return 'Votre chiffre d’affaires : ventes de marchandises (HT)';
    if (account === map.salesServices) return 'Votre chiffre d’affaires : prestations de services (HT)';
    return 'Votre chiffre d’affaires (HT)';
  }
  return '';
}
