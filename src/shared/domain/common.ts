import { z } from 'zod';
import { isValidIsoDate } from '../dates';
import { checkVatNumber, compactId, isValidBic, isValidIban, isValidSiren } from '../identifiers';
import { isInvisible, textFault } from '../text';
import { EncryptionStatus } from './encryption';

// Messages zod writes itself (wrong type, unknown key, …) come out in French too.
z.config(z.locales.fr());

/**
 * Forms send "" for an empty optional field; the API treats "" and absence alike. The output type is
 * `T | undefined`, the input type stays `string | undefined` so react-hook-form keeps plain strings.
 */
export function optional<T extends z.ZodType<unknown, string>>(schema: T) {
  return z
    .union([z.literal('').transform(() => undefined), schema], {
      // Neither "" nor a valid value: say what is wrong with the value (« deux décimales au plus »), not
      // zod's « Entrée invalide » for the union.
      error: (iss) => (iss.code === 'invalid_union' ? iss.errors[1]?.[0]?.message : undefined),
    })
    .optional();
}

/** Refuses what no text may carry (shared/text.ts), with its French reason. */
function safeText(value: string, ctx: z.RefinementCtx) {
  const fault = textFault(value);
  if (fault) ctx.addIssue({ code: 'custom', message: fault });
}

export const requiredText = (message: string, max = 200) =>
  z
    .string({ error: message })
    .trim()
    .min(1, { message })
    .max(max, { message: `${max} caractères au plus.` })
    .superRefine(safeText)
    // A name or a label made only of invisible characters shows nothing: it is as good as empty.
    .refine((v) => !isInvisible(v), { message });

export const text = (max = 200) => z.string().trim().max(max, { message: `${max} caractères au plus.` }).superRefine(safeText);

export const IsoDate = z
  .string({ error: 'Date attendue au format AAAA-MM-JJ.' })
  .refine(isValidIsoDate, { message: 'Date invalide : indiquez une date réelle au format AAAA-MM-JJ.' });

export const Id = z.number({ error: 'Identifiant attendu (nombre entier).' }).int().positive({
  message: 'Identifiant invalide.',
});

export const Siren = z
  .string({ error: 'Indiquez le SIREN (9 chiffres).' })
  .transform(compactId)
  // Left empty, the field says it is needed rather than how many digits it lacks.
  .refine((v) => v !== '', { message: 'Indiquez le SIREN : il est obligatoire (9 chiffres, sur votre Kbis ou votre avis de situation INSEE).', abort: true })
  .refine((v) => /^\d{9}$/.test(v), { message: 'Le SIREN compte exactement 9 chiffres.', abort: true })
  .refine(isValidSiren, { message: 'Ce SIREN n’existe pas : vérifiez les chiffres (clé de contrôle fausse).' });

export const VatNumber = z
  .string()
  .transform(compactId)
  .superRefine((v, ctx) => {
    const check = checkVatNumber(v);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
  });

export const Iban = z
  .string()
  .transform(compactId)
  .refine(isValidIban, { message: 'IBAN invalide : vérifiez les chiffres (clé de contrôle fausse ou longueur incorrecte).' });

export const Bic = z
  .string()
  .transform(compactId)
  .refine(isValidBic, { message: 'BIC invalide : 8 ou 11 caractères, par exemple BNPAFRPPXXX.' });

export const Email = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'Adresse e-mail invalide (ex. compta@exemple.fr).' });

export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .()-]{6,20}$/, { message: 'Numéro de téléphone invalide.' });

/** A percentage as a decimal string: "20", "5.5", "2.1" (a comma is accepted). */
export const PercentInput = z
  .string({ error: 'Taux attendu sous forme de texte, par exemple "20" ou "5.5".' })
  .transform((v) => v.trim().replace(',', '.'))
  .refine((v) => /^\d{1,3}(\.\d{1,4})?$/.test(v) && Number(v.split('.')[0]) <= 100, {
    message: 'Taux invalide : un pourcentage entre 0 et 100, quatre décimales au plus.',
  })
  .transform((v) => v.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''));

export const COUNTRIES: Record<string, string> = {
  FR: 'France', BE: 'Belgique', LU: 'Luxembourg', CH: 'Suisse', DE: 'Allemagne', ES: 'Espagne',
  IT: 'Italie', MC: 'Monaco', NL: 'Pays-Bas', PT: 'Portugal', GB: 'Royaume-Uni', IE: 'Irlande',
  AT: 'Autriche', US: 'États-Unis', CA: 'Canada',
};

export const AddressInput = z
  .object({
    line1: requiredText('Indiquez la rue et le numéro.'),
    line2: optional(text()),
    postcode: requiredText('Indiquez le code postal.', 12),
    city: requiredText('Indiquez la ville.', 100),
    country: optional(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, { message: 'Pays : code ISO à deux lettres (FR, BE, …).' }),
    ),
  })
  .superRefine((a, ctx) => {
    if ((a.country ?? 'FR') === 'FR' && !/^\d{5}$/.test(a.postcode)) {
      ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'Un code postal français compte 5 chiffres.' });
    }
  })
  .transform((a) => ({ ...a, country: a.country ?? 'FR' }));

export const Address = z.object({
  line1: z.string(),
  line2: z.string().optional(),
  postcode: z.string(),
  city: z.string(),
  country: z.string(),
});
export type Address = z.infer<typeof Address>;

/** Lists return `{ rows, total }`: `total` counts every match, `rows` the page asked for. */
export const Paging = {
  limit: z.number().int().min(1).max(100_000).optional(),
  offset: z.number().int().min(0).optional(),
};

export const Empty = z.strictObject({});

export const AppInfo = z.object({
  /** The open company file and its folder. */
  file: z.string(),
  folder: z.string(),
  backupFolder: z.string(),
  version: z.string(),
  schemaVersion: z.number().int(),
  /** The company's "today" (Paris calendar date, pinned by ENCOURS_TODAY): the only one the screens use. */
  today: IsoDate,
  /** Whether the file is encrypted (read from its first bytes: no need to open it) and its passphrase remembered. */
  encryption: EncryptionStatus,
});
