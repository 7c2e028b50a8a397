import { z } from 'zod';
import { MoneyString } from '../money';

/**
 * The posting channels a form can preview: `preview { channel, request }` runs the channel's own handler
 * in a transaction that is rolled back, and returns the entries it posted and what it answered. What a
 * form shows is therefore what the posting writes, by construction (accounting rules live in the core).
 */
export const PREVIEWABLE_CHANNELS = [
  'invoice.create',
  'invoice.validate',
  'creditNote.create',
  'creditNote.validate',
  'payment.record',
  'advance.apply',
  'advance.refund',
  'penalty.invoice',
  'ledger.post',
  'doubtful.classify',
  'doubtful.provision',
  'doubtful.writeOff',
  'doubtful.apply',
  'payment.cancel',
  'payment.settleDifference',
  'bank.match',
  'bank.autoMatch',
  'bank.unmatch',
  'quote.invoice',
] as const;
export type PreviewableChannel = (typeof PREVIEWABLE_CHANNELS)[number];

export const PreviewRequest = z.strictObject({
  channel: z.enum(PREVIEWABLE_CHANNELS, { error: 'Cette opération n’a pas d’aperçu : elle n’écrit pas d’écriture.' }),
  /** The channel's own request, parsed by the channel's schema. */
  request: z.unknown(),
});

export const PreviewedLine = z.object({ account: z.string(), aux: z.string().optional(), label: z.string(), debit: MoneyString, credit: MoneyString });
export type PreviewedLine = z.infer<typeof PreviewedLine>;

/** One entry the posting would write: as the journal would hold it, its numbers aside. */
export const PreviewedEntry = z.object({
  journal: z.string(),
  date: z.string(),
  label: z.string(),
  pieceRef: z.string(),
  /** The document the entry comes from (invoice, payment, credit_note, provision…). */
  source: z.object({ kind: z.string(), id: z.number().int() }).optional(),
  lines: z.array(PreviewedLine),
});
export type PreviewedEntry = z.infer<typeof PreviewedEntry>;

export const PreviewResult = z.object({
  entries: z.array(PreviewedEntry),
  /** The channel's response, as the posting would return it (the payment's allocation plan, …). */
  result: z.unknown(),
});
