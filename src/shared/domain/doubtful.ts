import { z } from 'zod';
import { Dec, MoneyString } from '../money';
import { Id, IsoDate, optional, PercentInput, requiredText, text } from './common';

export const DoubtfulCandidatesRequest = z.strictObject({ asOf: IsoDate, minDaysOverdue: z.number().int().min(0).max(3650).optional() });
export const DoubtfulCandidates = z.object({
  rows: z.array(
    z.object({
      invoiceId: z.number().int(), number: z.string(), customerId: z.number().int(), customerName: z.string(), customerKind: z.string(), date: z.string(), dueDate: z.string(),
      gross: MoneyString, outstanding: MoneyString, daysOverdue: z.number().int(), prescriptionDate: z.string(),
      signals: z.object({ reminders: z.number().int(), formalNotices: z.number().int(), courtDecisions: z.number().int(), procedure: z.boolean(), paymentPlanBroken: z.boolean() }),
    }),
  ),
});

export const DoubtfulClassifyRequest = z.strictObject({
  invoiceIds: z.array(Id).min(1, { message: 'Choisissez au moins une facture.' }).max(1000),
  date: IsoDate,
  reason: z.enum(['doubtful', 'disputed'], { error: 'Motif : doubtful (douteuse) ou disputed (litigieuse).' }),
  note: optional(text(2000)),
});
export const DoubtfulClassifyResult = z.object({ entries: z.array(z.object({ invoiceId: z.number().int(), entryId: z.number().int(), amount: MoneyString })) });

// PercentInput only checks the integer part: "100.5" would pass it. A rate above 100 % is refused here.
const Percent100 = PercentInput.refine((v) => !/^\d{1,3}(\.\d{1,4})?$/.test(v) || new Dec(v).lte(100), { message: 'Taux invalide : un pourcentage entre 0 et 100.' });
export const DoubtfulProvisionRequest = z.strictObject({
  invoiceId: Id,
  date: IsoDate,
  riskPercent: Percent100,
  insuredPercent: optional(Percent100),
  justification: optional(text(2000)),
});
export const DoubtfulProvisionResult = z.object({ target: MoneyString, previous: MoneyString, delta: MoneyString, entryId: z.number().int().nullable() });

export const WRITE_OFF_REASONS = ['liquidation', 'certificate', 'prescription', 'other'] as const;
export const DoubtfulWriteOffRequest = z.strictObject({
  invoiceId: Id,
  date: IsoDate,
  reason: z.enum(WRITE_OFF_REASONS, { error: 'Motif : liquidation, certificate, prescription ou other.' }),
  judgmentDate: optional(IsoDate),
  note: optional(text(2000)),
  vatTreatment: z.enum(['regularise', 'loss']).optional(),
});
export const DoubtfulWriteOffResult = z.object({
  entries: z.array(z.number().int()),
  loss: MoneyString,
  lossAccount: z.string(),
  vatRegularised: MoneyString,
  vatPending: MoneyString,
  vatAsLoss: MoneyString,
  provisionReversed: MoneyString,
  /** The collected VAT of the outstanding, rate by rate (regularised, or lost with vatTreatment "loss"). */
  vatByRate: z.array(z.object({ rate: z.string(), vat: MoneyString })).optional(),
  vatRecoveryDeadline: z.string().optional(),
});

export const EVIDENCE_KINDS = ['reminder', 'formal_notice', 'court', 'certificate', 'other'] as const;
export const EVIDENCE_KIND_LABELS = { reminder: 'Relance', formal_notice: 'Mise en demeure', court: 'Décision de justice', certificate: 'Certificat d’irrécouvrabilité', other: 'Autre pièce' } as const;
export const EvidenceAddRequest = z.strictObject({
  invoiceId: Id,
  kind: z.enum(EVIDENCE_KINDS, { error: 'Nature de la pièce : reminder, formal_notice, court, certificate ou other.' }),
  date: IsoDate,
  note: requiredText('Décrivez la pièce en une phrase.', 2000),
  file: optional(text(1000)),
});
export const Evidence = z.object({
  id: z.number().int(), invoiceId: z.number().int(), kind: z.string(), date: z.string(), note: z.string(), createdAt: z.string(),
  file: z.object({ name: z.string(), path: z.string(), sha256: z.string(), intact: z.boolean() }).optional(),
});
export const EvidenceList = z.object({ rows: z.array(Evidence) });

export const ProvisionMatrixRequest = z.strictObject({
  asOf: IsoDate,
  buckets: z.array(z.strictObject({ fromDays: z.number().int().min(0), toDays: z.number().int().min(0).optional(), percent: Percent100 })).min(1).max(12),
});
export const ProvisionMatrix = z.object({
  rows: z.array(z.object({ invoiceId: z.number().int(), number: z.string(), customerName: z.string(), daysOverdue: z.number().int(), outstandingHt: MoneyString, percent: z.string(), suggested: MoneyString, current: MoneyString })),
  total: MoneyString,
});

export const ProvisionsReportRequest = z.strictObject({ asOf: IsoDate });
export const ProvisionsReport = z.object({
  rows: z.array(z.object({
    invoiceId: z.number().int(), number: z.string(), customerName: z.string(), outstanding: MoneyString, provision: MoneyString, riskPercent: z.string().optional(), lastEstimate: z.string().optional(), justification: z.string().optional(),
    /** The state of provisions of the tax return: invoice TTC and HT, provision at the start of the fiscal year, dotations and reprises since, end (= provision). */
    gross: MoneyString, net: MoneyString, outstandingHt: MoneyString, opening: MoneyString, dotations: MoneyString, reprises: MoneyString,
    /** `outstanding` and `outstandingHt` are what is owed at asOf; this, what was owed when the last estimate was made. */
    estimatedOutstanding: MoneyString.optional(),
    /** Paid or credited since the last estimate, while a provision is held: the estimate is to be done again. */
    settledSinceEstimate: MoneyString.optional(),
    /** By how much the provision exceeds the HT still owed (a provision never exceeds it). */
    provisionAboveHt: MoneyString.optional(),
  })),
  total: MoneyString,
  /** The fiscal year containing asOf (its start is the « début d’exercice » of the report). */
  yearStart: z.string(),
  totals: z.object({ gross: MoneyString, net: MoneyString, outstanding: MoneyString, outstandingHt: MoneyString, opening: MoneyString, dotations: MoneyString, reprises: MoneyString, provision: MoneyString }),
});

/** The doubtful invoices (not written off) as of a date, with what the screens need to act on them. */
export const DoubtfulListRequest = z.strictObject({ asOf: IsoDate });
export const DoubtfulList = z.object({
  rows: z.array(z.object({
    invoiceId: z.number().int(), number: z.string(), customerId: z.number().int(), customerName: z.string(), customerKind: z.string(), date: z.string(), dueDate: z.string(),
    gross: MoneyString, net: MoneyString, outstanding: MoneyString, outstandingHt: MoneyString, provision: MoneyString, reason: z.string(), classifiedOn: z.string(),
    lastEstimate: z.object({ date: z.string(), riskPercent: z.string(), insuredPercent: z.string(), justification: z.string().optional() }).optional(),
    evidenceCount: z.number().int(), prescriptionDate: z.string(),
    /** Collected VAT that a write-off today would regularise (0 under VAT on receipts for services, franchise). */
    vatToRecover: MoneyString,
    /** From the first court decision recorded: 31 December of the second year after it. */
    vatRecoveryDeadline: z.string().optional(),
  })),
});

/**
 * What classify / provision / writeOff would post, computed by the very functions that post, in a
 * transaction rolled back: the wizard's previews equal the posted entries. Writes nothing.
 */
export const DoubtfulPreviewRequest = z.strictObject({
  classify: DoubtfulClassifyRequest.optional(),
  provisions: z.array(DoubtfulProvisionRequest).max(1000).optional(),
  writeOff: DoubtfulWriteOffRequest.optional(),
});
/**
 * The wizard's last step in one transaction: the classification and the provisions of its invoices (or
 * the year-end review's re-estimates) are all posted, or none is.
 */
export const DoubtfulApplyRequest = z
  .strictObject({
    classify: DoubtfulClassifyRequest.optional(),
    provisions: z.array(DoubtfulProvisionRequest).max(1000).optional(),
  })
  .refine((r) => r.classify !== undefined || (r.provisions?.length ?? 0) > 0, { message: 'Rien à passer : indiquez un classement ou au moins une dépréciation.', path: ['provisions'] });
export const DoubtfulApplyResult = z.object({
  classified: DoubtfulClassifyResult.shape.entries,
  provisions: z.array(DoubtfulProvisionResult.extend({ invoiceId: z.number().int() })),
});

export const PreviewEntryLine = z.object({ account: z.string(), aux: z.string().optional(), label: z.string(), debit: MoneyString, credit: MoneyString });
export const DoubtfulPreview = z.object({
  entries: z.array(z.object({ kind: z.enum(['classify', 'provision', 'writeOff']), invoiceId: z.number().int(), journal: z.string(), date: z.string(), label: z.string(), lines: z.array(PreviewEntryLine) })),
  provisions: z.array(DoubtfulProvisionResult.extend({ invoiceId: z.number().int() })),
  writeOff: DoubtfulWriteOffResult.optional(),
});

export const Duplicate272Request = z.strictObject({ invoiceId: Id, output: requiredText('Indiquez le dossier ou le fichier PDF de sortie.', 1000) });
export const Duplicate272Result = z.object({ path: z.string(), net: MoneyString, vat: MoneyString });
export const Summary272Request = z.strictObject({
  customerId: Id,
  invoiceIds: z.array(Id).min(1).max(500).optional(),
  output: requiredText('Indiquez le dossier ou le fichier PDF de sortie.', 1000),
});
export const Summary272Result = z.object({ path: z.string(), invoices: z.number().int(), net: MoneyString, vat: MoneyString });
