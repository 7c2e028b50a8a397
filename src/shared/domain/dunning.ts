import { z } from 'zod';
import { MoneyInput, MoneyString } from '../money';
import { Id, IsoDate, optional, PercentInput, requiredText, text } from './common';

/**
 * Dunning (relances): scenarios of steps per customer kind, the actions recorded per invoice, the letters
 * and e-mails sent, late-payment penalties (C. com. L441-10, D441-5) and payment plans (échéanciers).
 */

export const DUNNING_STEP_KINDS = ['courtesy', 'reminder', 'call', 'formal_notice', 'litigation'] as const;
export type DunningStepKind = (typeof DUNNING_STEP_KINDS)[number];
export const DUNNING_STEP_KIND_LABELS: Record<DunningStepKind, string> = {
  courtesy: 'Rappel de courtoisie',
  reminder: 'Relance écrite',
  call: 'Appel téléphonique',
  formal_notice: 'Mise en demeure',
  litigation: 'Contentieux',
};
export const DunningStepKind = z.enum(DUNNING_STEP_KINDS, { error: 'Nature de l’étape : courtesy, reminder, call, formal_notice ou litigation.' });

export const DUNNING_CHANNELS = ['email', 'letter', 'phone', 'other'] as const;
export type DunningChannel = (typeof DUNNING_CHANNELS)[number];
export const DUNNING_CHANNEL_LABELS: Record<DunningChannel, string> = { email: 'E-mail', letter: 'Courrier', phone: 'Téléphone', other: 'Autre' };
export const DunningChannel = z.enum(DUNNING_CHANNELS, { error: 'Canal : email, letter, phone ou other.' });

/** A step key: lower-case letters, digits, - and _ ("reminder-7"). */
export const StepKey = z
  .string({ error: 'Indiquez l’étape de relance.' })
  .trim()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, { message: 'Code d’étape : lettres minuscules, chiffres, - ou _ (40 caractères au plus).' });

export const DunningStepInput = z.strictObject({
  key: StepKey,
  label: requiredText('Donnez un libellé à l’étape.', 100),
  kind: DunningStepKind,
  /** Days after the due date (negative: before it, e.g. -15 for a courtesy reminder). */
  offsetDays: z.number({ error: 'Délai en jours attendu (nombre entier, négatif avant l’échéance).' }).int().min(-365).max(3650),
});
export const DunningStep = z.object({ key: z.string(), label: z.string(), kind: DunningStepKind, offsetDays: z.number().int() });
export type DunningStep = z.infer<typeof DunningStep>;

/** Keys unique within a scenario, offsets strictly increasing: the order of the steps is the order of the dunning. */
const StepList = z
  .array(DunningStepInput)
  .min(1, { message: 'Un scénario compte au moins une étape.' })
  .max(20, { message: 'Vingt étapes au plus.' })
  .superRefine((steps, ctx) => {
    const seen = new Set<string>();
    steps.forEach((s, i) => {
      if (seen.has(s.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `L’étape « ${s.key} » figure deux fois.` });
      seen.add(s.key);
      const prev = steps[i - 1];
      if (prev && s.offsetDays <= prev.offsetDays) {
        ctx.addIssue({ code: 'custom', path: [i, 'offsetDays'], message: 'Les étapes se suivent : chaque délai doit dépasser celui de l’étape précédente.' });
      }
    });
  });

export const DunningScenarioSetRequest = z.strictObject({ business: StepList, consumer: StepList });
export const DunningScenario = z.object({ business: z.array(DunningStep), consumer: z.array(DunningStep) });

/** Penalties to date, as shown on the to-do and the letters. */
export const PenaltySummary = z.object({ interest: MoneyString, indemnity: MoneyString, total: MoneyString });

export const DunningAction = z.object({
  id: z.number().int(),
  invoiceId: z.number().int(),
  invoiceNumber: z.string(),
  customerId: z.number().int(),
  customerName: z.string(),
  step: z.string(),
  stepLabel: z.string(),
  stepKind: DunningStepKind,
  date: z.string(),
  channel: DunningChannel,
  note: z.string().optional(),
  promiseDate: z.string().optional(),
  /** The evidence row written with a written reminder or a formal notice. */
  evidenceId: z.number().int().optional(),
  createdAt: z.string(),
});
export type DunningAction = z.infer<typeof DunningAction>;

export const DunningDueRequest = z.strictObject({ asOf: IsoDate, customerId: Id.optional() });
export const DunningDueRow = z.object({
  invoiceId: z.number().int(),
  number: z.string(),
  customerId: z.number().int(),
  customerName: z.string(),
  customerKind: z.enum(['business', 'consumer']),
  date: z.string(),
  dueDate: z.string(),
  gross: MoneyString,
  outstanding: MoneyString,
  /** Days past the invoice's due date on asOf (negative before it). */
  daysOverdue: z.number().int(),
  /** The step due and the day it became due (due date, or the missed instalment's date, + offset). */
  step: DunningStep,
  stepDueDate: z.string(),
  /** What the step's date counts from: the invoice's due date or an instalment of a payment plan. */
  basis: z.enum(['invoice', 'instalment']),
  instalment: z.object({ planId: z.number().int(), date: z.string(), amount: MoneyString, unpaid: MoneyString }).optional(),
  lastAction: DunningAction.optional(),
  penalties: PenaltySummary,
  /** A penalty invoice (series PEN): the invoice it charges the late payment of; it bears no penalties itself. */
  penaltyOf: z.object({ invoiceId: z.number().int(), number: z.string() }).optional(),
  /** A consumer's invoice: the formal notice its interest runs from, once recorded. */
  formalNotice: z.string().optional(),
});
export const DunningDue = z.object({ rows: z.array(DunningDueRow) });

export const DunningRecordRequest = z.strictObject({
  invoiceId: Id,
  step: StepKey,
  date: IsoDate,
  channel: DunningChannel,
  note: optional(text(2000)),
  promiseDate: optional(IsoDate),
});

export const DunningHistoryRequest = z.strictObject({ invoiceId: Id.optional(), customerId: Id.optional() });
export const DunningHistory = z.object({ rows: z.array(DunningAction) });

export const DunningLetterRequest = z.strictObject({
  invoiceId: Id,
  step: StepKey,
  output: requiredText('Indiquez le dossier ou le fichier PDF de sortie.', 1000),
  asOf: optional(IsoDate),
});
export const DunningLetterResult = z.object({ path: z.string(), penalties: PenaltySummary });

export const DunningEmailRequest = z.strictObject({ invoiceId: Id, step: StepKey, asOf: optional(IsoDate) });
export const DunningEmail = z.object({ subject: z.string(), body: z.string() });

/** The placeholders a template may use; anything else between braces is refused. */
export const TEMPLATE_PLACEHOLDERS = {
  client: 'Nom du client',
  facture: 'Numéro de la facture',
  date_facture: 'Date de la facture',
  echeance: 'Date d’échéance',
  montant: 'Montant TTC de la facture',
  reste: 'Reste dû',
  retard: 'Jours de retard',
  taux: 'Taux des intérêts de retard à la date de la lettre (le taux légal pour un particulier)',
  interets: 'Intérêts de retard',
  indemnite: 'Indemnité forfaitaire (40 € entre professionnels)',
  penalites: 'Intérêts et indemnité',
  phrase_penalites:
    'Phrase sur les intérêts de retard, selon le client : entre professionnels, le taux et les montants ; pour un particulier, les intérêts au taux légal depuis la mise en demeure (rien avant elle). Mettez-la seule dans son paragraphe.',
  relances_precedentes:
    'Phrase rappelant les relances déjà faites pour cette facture, avec leurs dates ; vide s’il n’y en a eu aucune (le paragraphe disparaît). Mettez-la seule dans son paragraphe.',
  total: 'Reste dû et pénalités',
  date: 'Date de la lettre',
  delai: 'Date limite de paiement (8 jours)',
  entreprise: 'Nom de l’entreprise',
} as const;
export type TemplatePlaceholder = keyof typeof TEMPLATE_PLACEHOLDERS;

const templateText = (what: string, max: number) =>
  requiredText(`Rédigez ${what}.`, max).superRefine((v, ctx) => {
    for (const m of v.matchAll(/\{([^{}]*)\}/g)) {
      const name = m[1] ?? '';
      if (!Object.prototype.hasOwnProperty.call(TEMPLATE_PLACEHOLDERS, name)) {
        ctx.addIssue({ code: 'custom', message: `Variable inconnue : {${name}}. Variables possibles : ${Object.keys(TEMPLATE_PLACEHOLDERS).map((k) => `{${k}}`).join(', ')}.` });
      }
    }
    const open = (v.match(/\{/g) ?? []).length;
    const close = (v.match(/\}/g) ?? []).length;
    if (open !== close) ctx.addIssue({ code: 'custom', message: 'Accolade non refermée : écrivez les variables entre { et }.' });
  });

export const DunningTemplateInput = z.strictObject({
  kind: DunningStepKind,
  subject: templateText('l’objet', 300),
  letter: templateText('le texte de la lettre', 8000),
  email: templateText('le texte de l’e-mail', 8000),
});
export const DunningTemplate = z.object({ kind: DunningStepKind, subject: z.string(), letter: z.string(), email: z.string(), custom: z.boolean() });
export const DunningTemplates = z.object({ templates: z.array(DunningTemplate), placeholders: z.record(z.string(), z.string()) });
export const DunningTemplatesSetRequest = z.strictObject({
  templates: z.array(DunningTemplateInput).min(1).max(DUNNING_STEP_KINDS.length),
  /** Kinds whose custom template goes back to the default. */
  reset: z.array(DunningStepKind).max(DUNNING_STEP_KINDS.length).optional(),
});

/** A half-year: "2026-H1" (1 January – 30 June) or "2026-H2". */
export const HalfYear = z
  .string({ error: 'Semestre attendu, par exemple "2026-H1".' })
  .trim()
  .toUpperCase()
  .regex(/^(19|20)\d{2}-H[12]$/, { message: 'Semestre attendu au format AAAA-H1 ou AAAA-H2.' });

export const PenaltyRateRow = z.object({
  period: z.string(),
  from: z.string(),
  to: z.string(),
  /** ECB main refinancing rate of the half-year, in percent ("2.15"). */
  ecbRate: z.string(),
  /** The late-payment rate applied (ECB + 10 points unless set otherwise), in percent. */
  rate: z.string(),
  /**
   * The legal interest rate of the half-year for creditors other than private persons (the owner's case):
   * the floor's base (× 3), and the rate of a consumer's interest from a formal notice (C. civ. 1231-6).
   */
  legalRate: z.string(),
  /** 3 × the legal interest rate: the lowest penalty rate the law allows. */
  floor: z.string(),
  /** False while a figure of the row (ECB or legal rate) is an assumption, not the published one. */
  confirmed: z.boolean(),
  custom: z.boolean(),
});
export const PenaltyRates = z.object({ rows: z.array(PenaltyRateRow) });
export const PenaltyRateSetRequest = z.strictObject({
  period: HalfYear,
  ecbRate: PercentInput,
  legalRate: PercentInput,
  /** Defaults to ECB + 10 points; refused below 3 × the legal interest rate. */
  rate: optional(PercentInput),
  confirmed: z.boolean().optional(),
});

export const PenaltyComputeRequest = z.strictObject({ invoiceId: Id, asOf: IsoDate });
export const PenaltyComputation = z.object({
  invoiceId: z.number().int(),
  /** Days late on asOf (0 when not yet due). */
  days: z.number().int(),
  /**
   * `business`: L441-10 (interest from the day after the due date, each half-year at its rate, and the 40 €);
   * `consumer`: interest at the legal rate from the day after a formal notice, nothing before one, no 40 €;
   * `penaltyInvoice`: a penalty invoice (series PEN) bears no penalties.
   */
  regime: z.enum(['business', 'consumer', 'penaltyInvoice']),
  /** Annual rate in percent in force on asOf: the penalty rate (business) or the legal interest rate (consumer). */
  rate: z.string(),
  rateSource: z.enum(['company', 'table', 'legal']),
  /** Consumers: the day of the formal notice the interest runs from (the day after it); null without one. */
  formalNotice: z.string().nullable(),
  interest: MoneyString,
  indemnity: MoneyString,
  total: MoneyString,
  /**
   * Runs of days at the same outstanding and rate, cut at each half-year (the table's rates) and after each
   * penalty invoice; each period's interest is rounded half-up to the cent, `interest` is their sum.
   */
  periods: z.array(z.object({ from: z.string(), to: z.string(), days: z.number().int(), base: MoneyString, rate: z.string(), halfYear: z.string().optional(), interest: MoneyString })),
  /**
   * What penalty invoices (series PEN) of this invoice already claimed: `penalty.invoice` invoices only the
   * interest beyond `interest` and the indemnity once. `asOf` is the day the last one counted up to.
   */
  invoiced: z.object({
    interest: MoneyString,
    indemnity: MoneyString,
    asOf: z.string().nullable(),
    invoices: z.array(z.object({ id: z.number().int(), number: z.string(), date: z.string(), asOf: z.string(), total: MoneyString })),
  }),
});

export const PenaltyInvoiceRequest = z.strictObject({ invoiceId: Id, asOf: IsoDate, date: IsoDate, includeIndemnity: z.boolean() });
export const PenaltyInvoiceResult = z.object({
  /** The penalty invoice (penalty.document's `penaltyInvoiceId`). */
  id: z.number().int(),
  /** The same penalty invoice as a receivable: its id among the invoices (invoice.get, payments, dunning). */
  receivableId: z.number().int(),
  number: z.string(),
  invoiceId: z.number().int(),
  date: z.string(),
  interest: MoneyString,
  indemnity: MoneyString,
  total: MoneyString,
  entryId: z.number().int(),
});

export const PenaltyDocumentRequest = z.strictObject({
  penaltyInvoiceId: Id,
  output: requiredText('Indiquez le dossier ou le fichier PDF de sortie.', 1000),
});
export const PenaltyDocumentResult = z.object({ path: z.string() });

const PositiveMoney = MoneyInput.refine((v) => !v.startsWith('-') && v !== '0.00', { message: 'Le montant doit être supérieur à zéro.' });
export const PaymentPlanCreateRequest = z.strictObject({
  invoiceIds: z.array(Id).min(1, { message: 'Choisissez au moins une facture.' }).max(100),
  /** The day the plan is agreed; defaults to today. Instalments may not fall before it. */
  date: optional(IsoDate),
  instalments: z
    .array(z.strictObject({ date: IsoDate, amount: PositiveMoney }))
    .min(1, { message: 'Un échéancier compte au moins une échéance.' })
    .max(120, { message: 'Cent vingt échéances au plus.' })
    .superRefine((rows, ctx) => {
      rows.forEach((r, i) => {
        const prev = rows[i - 1];
        if (prev && r.date <= prev.date) ctx.addIssue({ code: 'custom', path: [i, 'date'], message: 'Les échéances se suivent : chaque date doit dépasser la précédente.' });
      });
    }),
  note: optional(text(2000)),
});
export const PaymentPlanStatus = z.enum(['active', 'completed', 'cancelled']);
export const PaymentPlan = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  customerName: z.string(),
  date: z.string(),
  status: PaymentPlanStatus,
  /** True when an instalment is past and not covered by the payments received (as of today). */
  broken: z.boolean(),
  total: MoneyString,
  paid: MoneyString,
  invoices: z.array(z.object({ invoiceId: z.number().int(), number: z.string(), amount: MoneyString })),
  instalments: z.array(z.object({ no: z.number().int(), date: z.string(), amount: MoneyString, paid: MoneyString, status: z.enum(['paid', 'partial', 'due', 'missed']) })),
  note: z.string().optional(),
  cancelledAt: z.string().optional(),
});
export const PaymentPlanListRequest = z.strictObject({ invoiceId: Id.optional(), customerId: Id.optional(), asOf: optional(IsoDate) });
export const PaymentPlanList = z.object({ rows: z.array(PaymentPlan) });
export const PaymentPlanCancelRequest = z.strictObject({ id: Id });
