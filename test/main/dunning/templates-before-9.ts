/**
 * The default letter templates as Encours shipped them before migration 9 (templates.ts at 89a209e),
 * word for word: an owner who saved them unchanged must find today's defaults after the migration.
 */
const CLOSING = 'Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.';

export const DEFAULTS_BEFORE_MIGRATION_9 = {
  courtesy: {
    subject: 'Échéance de la facture {facture} le {echeance}',
    letter: [
      'Madame, Monsieur,',
      'Nous nous permettons de vous rappeler que notre facture n° {facture} du {date_facture}, d’un montant de {montant}, arrive à échéance le {echeance}.',
      'Si votre règlement est déjà en cours, nous vous en remercions et vous prions de ne pas tenir compte de ce courrier.',
      CLOSING,
    ].join('\n\n'),
    email: [
      'Bonjour,',
      'Petit rappel : notre facture n° {facture} du {date_facture}, d’un montant de {montant}, arrive à échéance le {echeance}.',
      'Si le règlement est déjà parti, merci et ne tenez pas compte de ce message.',
      'Bien cordialement,\n{entreprise}',
    ].join('\n\n'),
  },
  reminder: {
    subject: 'Relance : facture {facture} échue le {echeance}',
    letter: [
      'Madame, Monsieur,',
      'Sauf erreur de notre part, notre facture n° {facture} du {date_facture}, d’un montant de {montant}, échue le {echeance}, reste impayée à ce jour pour {reste}, soit un retard de {retard} jours.',
      'Nous vous remercions de bien vouloir procéder à son règlement dans les meilleurs délais. Nous vous rappelons que des pénalités de retard au taux de {taux} l’an courent depuis le lendemain de l’échéance : {penalites} au {date}.',
      'Si votre règlement a croisé ce courrier, nous vous prions de ne pas en tenir compte.',
      CLOSING,
    ].join('\n\n'),
    email: [
      'Bonjour,',
      'Sauf erreur de notre part, notre facture n° {facture} du {date_facture}, échue le {echeance}, reste impayée pour {reste} ({retard} jours de retard).',
      'Pourriez-vous nous indiquer la date de son règlement ? Pour mémoire, des pénalités de retard au taux de {taux} l’an courent depuis l’échéance : {penalites} à ce jour.',
      'Bien cordialement,\n{entreprise}',
    ].join('\n\n'),
  },
  call: {
    subject: 'Facture {facture} : suite à notre appel',
    letter: [
      'Madame, Monsieur,',
      'Comme convenu lors de notre entretien téléphonique, nous vous rappelons que notre facture n° {facture} du {date_facture}, échue le {echeance}, reste impayée pour {reste}, soit un retard de {retard} jours.',
      'Si un règlement en une fois vous est difficile, nous pouvons vous proposer un échéancier : contactez-nous pour en convenir. À défaut, nous vous remercions de régler la somme due avant le {delai}.',
      'Les pénalités de retard au taux de {taux} l’an s’élèvent à {penalites} au {date}.',
      CLOSING,
    ].join('\n\n'),
    email: [
      'Bonjour,',
      'Suite à notre appel, voici le rappel de notre facture n° {facture} du {date_facture}, échue le {echeance}, qui reste impayée pour {reste}.',
      'Nous pouvons vous proposer un échéancier si un règlement en une fois vous est difficile : répondez-nous pour en convenir. À défaut, merci de régler avant le {delai}.',
      'Bien cordialement,\n{entreprise}',
    ].join('\n\n'),
  },
  formal_notice: {
    subject: 'Mise en demeure de payer : facture {facture}',
    letter: [
      'Madame, Monsieur,',
      'Malgré nos précédentes relances, notre facture n° {facture} du {date_facture}, d’un montant de {montant}, échue le {echeance}, reste impayée à ce jour pour {reste}.',
      'Par la présente, nous vous mettons en demeure de nous régler la somme de {total}, soit le reste dû augmenté des pénalités de retard ({penalites}) calculées au {date} au taux de {taux} l’an, sous huit jours, soit au plus tard le {delai}.',
      'À défaut de règlement dans ce délai, nous engagerons sans autre avis une procédure de recouvrement judiciaire. Les intérêts de retard continuent de courir jusqu’au complet paiement.',
      CLOSING,
    ].join('\n\n'),
    email: [
      'Madame, Monsieur,',
      'Malgré nos précédentes relances, notre facture n° {facture} du {date_facture}, échue le {echeance}, reste impayée pour {reste}.',
      'Nous vous mettons en demeure de nous régler la somme de {total} (reste dû et pénalités de retard : {penalites}) au plus tard le {delai}. Une mise en demeure vous est adressée par lettre recommandée avec accusé de réception.',
      '{entreprise}',
    ].join('\n\n'),
  },
  litigation: {
    subject: 'Transmission au contentieux : facture {facture}',
    letter: [
      'Madame, Monsieur,',
      'Notre mise en demeure étant restée sans effet, notre facture n° {facture} du {date_facture}, échue le {echeance}, reste impayée pour {reste}.',
      'Nous transmettons ce jour votre dossier à notre service contentieux, qui engagera la procédure de recouvrement de la somme de {total} (reste dû et pénalités de retard : {penalites} au {date}), sans préjudice des frais de procédure.',
      CLOSING,
    ].join('\n\n'),
    email: [
      'Madame, Monsieur,',
      'Notre mise en demeure étant restée sans effet, nous transmettons ce jour le recouvrement de notre facture n° {facture} ({total}, pénalités comprises) à notre service contentieux.',
      '{entreprise}',
    ].join('\n\n'),
  },
} as const;
