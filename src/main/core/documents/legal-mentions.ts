import { formatDateShort, formatHalfYear } from '../../../shared/dates';
import { formatEuro, formatPercent } from '../../../shared/money';

/**
 * Every piece of legal wording the documents print, in one dated table (law.md: « keep legal references
 * in one place, not in templates »). A template asks `mentionAt(id, date)` for the wording in force at
 * the document's date and never writes an article number itself. When the law changes, add a row with
 * its `from` date and close the previous one with `to`: documents already issued keep their wording.
 */

/** What each mention needs to be written out. */
export interface MentionParams {
  /** « Escompte pour paiement anticipé : néant » (no cash discount offered). */
  escompteNone: Record<string, never>;
  /** The cash discount offered: its rate, the delay, the date it runs to and what is then to pay. */
  escompteConditions: { percent: string; days: number; until: string; amountDue: string; gross: string };
  /**
   * B2B: the late-payment penalty rate. `ecb` when it is the legal default (ECB + 10 points), then
   * `halfYear` is the half-year of the document whose rate `rate` is: each half-year has its own.
   */
  latePenalty: { rate: string; ecb: boolean; halfYear?: string | undefined };
  /** A consumer owes interest at the legal rate from a formal notice, nothing of L441-10. */
  consumerLateInterest: Record<string, never>;
  /** The flat indemnity for recovery costs, owed by business customers only. */
  recoveryIndemnity: Record<string, never>;
  /** Franchise en base: the seller charges no VAT. */
  vatFranchise: Record<string, never>;
  /** The seller opted for VAT on debits (its services' VAT is due at invoicing, not at receipt). */
  vatOnDebits: Record<string, never>;
  /** Goods, services or both. */
  natureOfOperation: { goods: boolean; services: boolean };
  /** Intra-EU supply of goods to a business identified for VAT in another member state. */
  intraEuGoodsExemption: Record<string, never>;
  /** Services to a business of another member state: the customer pays the VAT (reverse charge). */
  reverseCharge: Record<string, never>;
  /** A credit note (document rectificatif) names the invoice it corrects. */
  creditNoteReference: { invoiceNumber: string; invoiceDate: string };
  /** Article 272: the duplicate of an unpaid invoice whose VAT is recovered (doubtful debts). */
  unpaid272: { net: string; vat: string };
  /** A penalty invoice (late-payment interest and recovery indemnity): no VAT, these are damages. */
  penaltyOutsideVat: Record<string, never>;
  /** Consumer work quotes: whether the quote itself is paid for (it is not, in Encours). */
  quoteFree: Record<string, never>;
  /** Consumer work quotes: the handwritten mention the customer writes above the date and signature. */
  quoteConsumerAcceptance: Record<string, never>;
}

export type MentionId = keyof MentionParams;

export interface LegalMention<K extends MentionId = MentionId> {
  id: K;
  /** The legal source, printed nowhere by itself: kept to justify the wording (and shown in tests). */
  reference: string;
  /** First day (inclusive) the wording applies, by document date. */
  from: string;
  /** Last day (inclusive); absent while in force. */
  to?: string;
  text: (params: MentionParams[K]) => string;
}

/** The indemnity of C. com. D441-5, a fixed amount since 2013. */
export const RECOVERY_INDEMNITY = '40.00';

/** Since ever, as far as documents of this app go. */
const ALWAYS = '2000-01-01';
/**
 * Décret n° 2022-1299 (e-invoicing reform): the new mentions are due with the e-invoicing calendar,
 * 1 September 2026 for large and mid-sized companies, 1 September 2027 for TPE/PME issuing. Printing
 * them from the first date is allowed and spares the owner a change of layout later, so every company
 * prints them from 1 September 2026.
 */
const DECRET_2022_1299 = '2026-09-01';

type Table = { [K in MentionId]: readonly LegalMention<K>[] };

export const LEGAL_MENTIONS: Table = {
  escompteNone: [
    { id: 'escompteNone', reference: 'C. com. art. L441-9 ; CGI ann. II art. 242 nonies A', from: ALWAYS, text: () => 'Escompte pour paiement anticipé : néant.' },
  ],
  escompteConditions: [
    {
      id: 'escompteConditions',
      reference: 'C. com. art. L441-9 ; CGI ann. II art. 242 nonies A',
      from: ALWAYS,
      text: (p) =>
        `Escompte pour paiement anticipé : ${formatPercent(p.percent)} pour un règlement sous ${p.days} jour${p.days > 1 ? 's' : ''}, soit au plus tard le ${formatDateShort(p.until)} : ${formatEuro(p.amountDue)} à régler au lieu de ${formatEuro(p.gross)} (un avoir d’escompte réduira la TVA en proportion).`,
    },
  ],
  latePenalty: [
    {
      id: 'latePenalty',
      reference: 'C. com. art. L441-10',
      from: ALWAYS,
      // Each day of delay takes the rate of its half-year: the legal default names the half-year its figure
      // is the rate of, and says so.
      text: (p) =>
        p.ecb && p.halfYear
          ? `Pénalités de retard : taux de refinancement de la BCE majoré de 10 points, soit ${formatPercent(p.rate)} l’an au ${formatHalfYear(p.halfYear)} ; chaque jour de retard porte le taux de son semestre. Exigibles dès le lendemain de la date d’échéance, sans qu’un rappel soit nécessaire.`
          : `Pénalités de retard : taux annuel de ${formatPercent(p.rate)}${p.ecb ? ' (taux de refinancement de la BCE majoré de 10 points)' : ''}, exigibles dès le lendemain de la date d’échéance, sans qu’un rappel soit nécessaire.`,
    },
  ],
  consumerLateInterest: [
    {
      id: 'consumerLateInterest',
      reference: 'C. civ. art. 1231-6 ; C. mon. fin. art. L313-2',
      from: ALWAYS,
      text: () => 'En cas de retard de paiement, les sommes dues porteront intérêts au taux légal à compter de la mise en demeure (art. 1231-6 du Code civil).',
    },
  ],
  recoveryIndemnity: [
    {
      id: 'recoveryIndemnity',
      reference: 'C. com. art. L441-10 et D441-5',
      from: '2013-01-01',
      text: () => `Indemnité forfaitaire pour frais de recouvrement due en cas de retard de paiement : ${formatEuro(RECOVERY_INDEMNITY)} (art. L441-10 et D441-5 du Code de commerce).`,
    },
  ],
  vatFranchise: [
    // Kept after the CIBS recodification of 1 September 2026: CGI references stay accepted (law.md).
    { id: 'vatFranchise', reference: 'CGI art. 293 B', from: ALWAYS, text: () => 'TVA non applicable, art. 293 B du CGI.' },
  ],
  vatOnDebits: [
    { id: 'vatOnDebits', reference: 'CGI art. 269, 2-c ; décret n° 2022-1299', from: DECRET_2022_1299, text: () => 'Option pour le paiement de la taxe d’après les débits.' },
  ],
  natureOfOperation: [
    {
      id: 'natureOfOperation',
      reference: 'Décret n° 2022-1299',
      from: DECRET_2022_1299,
      text: (p) =>
        `Nature de l’opération : ${p.goods && p.services ? 'livraison de biens et prestation de services' : p.services ? 'prestation de services' : 'livraison de biens'}.`,
    },
  ],
  intraEuGoodsExemption: [
    { id: 'intraEuGoodsExemption', reference: 'CGI art. 262 ter I ; CGI ann. II art. 242 nonies A', from: ALWAYS, text: () => 'Exonération de TVA, article 262 ter I du CGI (livraison intracommunautaire).' },
  ],
  reverseCharge: [
    { id: 'reverseCharge', reference: 'CGI art. 283-2 ; CGI ann. II art. 242 nonies A', from: ALWAYS, text: () => 'Autoliquidation : la TVA est due par le preneur (art. 283-2 du CGI).' },
  ],
  creditNoteReference: [
    {
      id: 'creditNoteReference',
      reference: 'CGI ann. II art. 242 nonies A (document rectificatif)',
      from: ALWAYS,
      text: (p) => `Avoir se rapportant à la facture n° ${p.invoiceNumber} du ${formatDateShort(p.invoiceDate)}.`,
    },
  ],
  unpaid272: [
    {
      id: 'unpaid272',
      reference: 'CGI art. 272-1 ; BOI-TVA-DED-40-10-20',
      from: ALWAYS,
      text: (p) =>
        `Facture demeurée impayée pour la somme de ${formatEuro(p.net)} (prix net) et pour la somme de ${formatEuro(p.vat)} (TVA correspondante) qui ne peut faire l’objet d’une déduction (article 272 du CGI).`,
    },
  ],
  penaltyOutsideVat: [
    {
      id: 'penaltyOutsideVat',
      reference: 'CGI art. 256 ; BOI-TVA-BASE-10-10-10 (indemnités sans contrepartie) ; C. com. L441-10',
      from: ALWAYS,
      text: () => 'Pénalités de retard et indemnité forfaitaire hors du champ d’application de la TVA (indemnités sans contrepartie d’une livraison de biens ou d’une prestation de services).',
    },
  ],
  quoteFree: [
    {
      id: 'quoteFree',
      reference: 'Arrêté du 24 janvier 2017 (prestations de dépannage, de réparation et d’entretien dans le bâtiment et l’équipement de la maison) : caractère gratuit ou payant du devis',
      from: '2017-04-01',
      text: () => 'Devis gratuit : il ne vous est pas facturé.',
    },
  ],
  quoteConsumerAcceptance: [
    {
      id: 'quoteConsumerAcceptance',
      reference: 'Arrêté du 24 janvier 2017 (prestations de dépannage, de réparation et d’entretien dans le bâtiment et l’équipement de la maison) : mention manuscrite du consommateur',
      from: '2017-04-01',
      text: () => 'Date et signature du client précédées de la mention manuscrite : « Devis reçu avant l’exécution des travaux, bon pour accord ».',
    },
  ],
};

/** The row of `id` in force on `date`, or undefined when the mention does not apply yet (or any more). */
export function mentionAt<K extends MentionId>(id: K, date: string): LegalMention<K> | undefined {
  const rows = LEGAL_MENTIONS[id] as readonly LegalMention<K>[];
  return rows.find((m) => m.from <= date && (m.to === undefined || date <= m.to));
}

/** The wording of `id` on `date`, or undefined when it does not apply on that date. */
export function mentionText<K extends MentionId>(id: K, date: string, params: MentionParams[K]): string | undefined {
  return mentionAt(id, date)?.text(params);
}
