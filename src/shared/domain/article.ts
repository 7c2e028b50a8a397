import { z } from 'zod';
import { UNIT_CODES } from '../units';
import { Id, optional, requiredText, text } from './common';
import { InvoiceLineInput } from './invoice';

/**
 * A catalogue article: what the owner sells often, typed once. Picking it fills an invoice or quote line
 * (description, nature, unit, price, VAT rate, sales account); the line keeps its own copy, so editing or
 * archiving an article never changes a document already made.
 */
const articleFields = {
  // Only spaces is no reference (trimmed to "", which the table refuses).
  reference: optional(text(30)).transform((v) => (v === '' ? undefined : v)),
  description: requiredText('Décrivez l’article tel qu’il sera facturé.', 500),
  kind: InvoiceLineInput.shape.kind,
  unit: z.enum(UNIT_CODES, { error: 'Unité inconnue : choisissez-la dans la liste.' }),
  unitPrice: InvoiceLineInput.shape.unitPrice,
  vatRate: InvoiceLineInput.shape.vatRate,
  account: InvoiceLineInput.shape.account,
};

export const ArticleCreateRequest = z.strictObject(articleFields);
export type ArticleCreateRequest = z.input<typeof ArticleCreateRequest>;

export const ArticleUpdateRequest = z
  .strictObject({ id: Id, ...articleFields, archived: z.boolean().optional() })
  .partial()
  .required({ id: true });

export const ArticleListRequest = z.strictObject({
  search: optional(text(100)),
  includeArchived: z.boolean().optional(),
});

export const Article = z.object({
  id: z.number(),
  reference: z.string().optional(),
  description: z.string(),
  kind: z.enum(['goods', 'services']),
  unit: z.enum(UNIT_CODES),
  unitPrice: z.string(),
  vatRate: z.string(),
  account: z.string().optional(),
  archived: z.boolean(),
  updatedAt: z.string(),
});
export type Article = z.infer<typeof Article>;

export const ArticleList = z.object({ rows: z.array(Article) });
export type ArticleList = z.infer<typeof ArticleList>;
