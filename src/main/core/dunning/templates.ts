import { DUNNING_STEP_KINDS, TEMPLATE_PLACEHOLDERS, type DunningStepKind, type TemplatePlaceholder } from '../../../shared/domain/dunning';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';

export interface Template {
  subject: string;
  letter: string;
  email: string;
}

const CLOSING = 'Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.';

/**
 * The default wording per step kind. Paragraphs are separated by a blank line. Templates hold no legal
 * reference (those live in legal-mentions.ts): the letters add the rate and the indemnity themselves.
 * Nothing in them asserts a fact the file may not hold: earlier reminders are recalled through
 * {relances_precedentes} (empty when none was recorded: its paragraph disappears), penalties through
 * {phrase_penalites} (what the customer's kind owes: nothing of L441-10 for a consumer), and the call's
 * letter does not say a conversation took place (it is printed from the to-do before the call is noted).
 */
export const DEFAULT_TEMPLATES: Record<DunningStepKind, Template> = {
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
      'Nous vous remercions de bien vouloir procéder à son règlement dans les meilleurs délais.',
      '{phrase_penalites}',
      'Si votre règlement a croisé ce courrier, nous vous prions de ne pas en tenir compte.',
      CLOSING,
    ].join('\n\n'),
    email: [
      'Bonjour,',
      'Sauf erreur de notre part, notre facture n° {facture} du {date_facture}, échue le {echeance}, reste impayée pour {reste} ({retard} jours de retard).',
      'Pourriez-vous nous indiquer la date de son règlement ?',
      '{phrase_penalites}',
      'Bien cordialement,\n{entreprise}',
    ].join('\n\n'),
  },
  call: {
    subject: 'Facture {facture} : proposition d’échéancier',
    letter: [
      'Madame, Monsieur,',
      '{relances_precedentes}',
      'Nous revenons vers vous au sujet de notre facture n° {facture} du {date_facture}, échue le {echeance}, qui reste impayée pour {reste}, soit un retard de {retard} jours.',
      'Si un règlement en une fois vous est difficile, nous pouvons vous proposer un échéancier : contactez-nous pour en convenir. À défaut, nous vous remercions de régler la somme due avant le {delai}.',
      '{phrase_penalites}',
      CLOSING,
    ].join('\n\n'),
    email: [
      'Bonjour,',
      'Nous revenons vers vous au sujet de notre facture n° {facture} du {date_facture}, échue le {echeance}, qui reste impayée pour {reste}.',
      'Nous pouvons vous proposer un échéancier si un règlement en une fois vous est difficile : répondez-nous pour en convenir. À défaut, merci de régler avant le {delai}.',
      'Bien cordialement,\n{entreprise}',
    ].join('\n\n'),
  },
  formal_notice: {
    subject: 'Mise en demeure de payer : facture {facture}',
    letter: [
      'Madame, Monsieur,',
      '{relances_precedentes}',
      'Notre facture n° {facture} du {date_facture}, d’un montant de {montant}, échue le {echeance}, reste impayée à ce jour pour {reste}.',
      'Par la présente, nous vous mettons en demeure de nous régler la somme de {total}, reste dû et pénalités comprises, sous huit jours, soit au plus tard le {delai}.',
      '{phrase_penalites}',
      'À défaut de règlement dans ce délai, nous engagerons sans autre avis une procédure de recouvrement judiciaire. Les intérêts de retard courent jusqu’au complet paiement.',
      CLOSING,
    ].join('\n\n'),
    email: [
      'Madame, Monsieur,',
      '{relances_precedentes}',
      'Notre facture n° {facture} du {date_facture}, échue le {echeance}, reste impayée pour {reste}.',
      'Nous vous mettons en demeure de nous régler la somme de {total} (reste dû et pénalités de retard : {penalites}) au plus tard le {delai}. Une mise en demeure vous est adressée par lettre recommandée avec accusé de réception.',
      '{entreprise}',
    ].join('\n\n'),
  },
  litigation: {
    subject: 'Transmission au contentieux : facture {facture}',
    letter: [
      'Madame, Monsieur,',
      '{relances_precedentes}',
      'Notre facture n° {facture} du {date_facture}, échue le {echeance}, reste impayée pour {reste}.',
      'Nous transmettons ce jour votre dossier à notre service contentieux, qui engagera la procédure de recouvrement de la somme de {total} (reste dû et pénalités de retard : {penalites} au {date}), sans préjudice des frais de procédure.',
      CLOSING,
    ].join('\n\n'),
    email: [
      'Madame, Monsieur,',
      '{relances_precedentes}',
      'Nous transmettons ce jour le recouvrement de notre facture n° {facture} ({total}, pénalités comprises) à notre service contentieux.',
      '{entreprise}',
    ].join('\n\n'),
  },
};

export function readTemplates(db: Db) {
  const saved = new Map((stmt(db, 'SELECT kind, subject, letter, email FROM letter_template').all() as ({ kind: DunningStepKind } & Template)[]).map((r) => [r.kind, r]));
  return {
    templates: DUNNING_STEP_KINDS.map((kind) => {
      const t = saved.get(kind);
      return t ? { kind, subject: t.subject, letter: t.letter, email: t.email, custom: true } : { kind, ...DEFAULT_TEMPLATES[kind], custom: false };
    }),
    placeholders: { ...TEMPLATE_PLACEHOLDERS } as Record<string, string>,
  };
}

export function templateOf(db: Db, kind: DunningStepKind): Template {
  const t = stmt(db, 'SELECT subject, letter, email FROM letter_template WHERE kind = ?').get(kind) as Template | undefined;
  return t ?? DEFAULT_TEMPLATES[kind];
}

export function saveTemplates(db: Db, req: { templates: ({ kind: DunningStepKind } & Template)[]; reset?: DunningStepKind[] | undefined }, now: Date) {
  const upsert = stmt(
    db,
    `INSERT INTO letter_template (kind, subject, letter, email, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (kind) DO UPDATE SET subject = excluded.subject, letter = excluded.letter, email = excluded.email, updated_at = excluded.updated_at`,
  );
  for (const t of req.templates) upsert.run(t.kind, t.subject, t.letter, t.email, now.toISOString());
  for (const kind of req.reset ?? []) stmt(db, 'DELETE FROM letter_template WHERE kind = ?').run(kind);
}

/** Replaces each {placeholder} by its value (the schema refused unknown ones when the template was saved). */
export function fillTemplate(text: string, values: Record<TemplatePlaceholder, string>): string {
  return text.replace(/\{([a-z_]+)\}/g, (all, name: string) => (Object.prototype.hasOwnProperty.call(values, name) ? values[name as TemplatePlaceholder] : all));
}
