import { z } from 'zod';
import { isValidIsoDate } from '../dates';
import { MoneyInput, NonNegativeMoneyInput, toCents } from '../money';
import { formulaStart } from '../text';
import { optional, requiredText } from './common';
import { CustomerCreateRequest } from './customer';
import { InvoiceLineInput } from './invoice';

export const ImportRequest = z.strictObject({
  csv: z.string({ error: 'Le contenu du fichier CSV est attendu.' }).min(1, { message: 'Le fichier est vide.' }).max(20_000_000, { message: 'Fichier trop volumineux (20 Mo au plus).' }),
  /** true: check and preview only, write nothing. */
  dryRun: z.boolean().optional(),
});

export const ImportResult = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  columns: z.array(z.string()),
  preview: z.array(z.object({ line: z.number().int(), values: z.record(z.string(), z.string()) })),
  errors: z.array(z.object({ line: z.number().int(), field: z.string(), message: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** Recognised column names (lower case, accents and separators removed) → field. */
export const CUSTOMER_COLUMNS: Record<string, string> = {
  nom: 'name', name: 'name', raisonsociale: 'name', client: 'name',
  type: 'kind', kind: 'kind', nature: 'kind',
  siren: 'siren', siret: 'siren',
  tva: 'vatNumber', numerotva: 'vatNumber', vatnumber: 'vatNumber', tvaintracommunautaire: 'vatNumber',
  email: 'email', mail: 'email', courriel: 'email',
  telephone: 'phone', tel: 'phone', phone: 'phone',
  adresse: 'line1', address: 'line1', rue: 'line1',
  complement: 'line2', adresse2: 'line2', complementadresse: 'line2',
  codepostal: 'postcode', cp: 'postcode', postcode: 'postcode',
  ville: 'city', city: 'city', commune: 'city',
  pays: 'country', country: 'country',
  delai: 'paymentTermsDays', delaipaiement: 'paymentTermsDays', delaidepaiement: 'paymentTermsDays', paymenttermsdays: 'paymentTermsDays',
  plafond: 'creditLimit', plafondencours: 'creditLimit', creditlimit: 'creditLimit',
  notes: 'notes',
};

export const OPEN_INVOICE_COLUMNS: Record<string, string> = {
  numero: 'number', numerofacture: 'number', facture: 'number', number: 'number',
  client: 'customer', codeclient: 'customer', customer: 'customer', siren: 'customer',
  date: 'date', datefacture: 'date',
  echeance: 'dueDate', dateecheance: 'dueDate', duedate: 'dueDate',
  ttc: 'gross', montantttc: 'gross', totalttc: 'gross', gross: 'gross',
  restedu: 'outstanding', reste: 'outstanding', outstanding: 'outstanding', soldedu: 'outstanding',
  ht: 'net', montantht: 'net', net: 'net',
  taux: 'vatRate', tauxtva: 'vatRate', vatrate: 'vatRate',
  nature: 'kind', kind: 'kind',
  libelle: 'description', description: 'description',
};

export function normaliseHeader(h: string): string {
  return h.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Refuses, in a name or a number read from a spreadsheet, a first character that a spreadsheet runs as a
 * formula (shared/text.ts). Only imports refuse it: what the owner types in a form is kept as typed.
 */
function noFormula(what: string) {
  return (value: string, ctx: z.RefinementCtx) => {
    const c = formulaStart(value);
    if (c) {
      ctx.addIssue({ code: 'custom', message: `${what} commence par « ${c} », qu’un tableur lit comme une formule : retirez ce signe dans votre fichier (ou saisissez-le ensuite dans Encours).` });
    }
  };
}

/** A customer line: the customer form's schema, and a name that is not a formula. */
export const ImportedCustomer = CustomerCreateRequest.safeExtend({
  name: CustomerCreateRequest.shape.name.superRefine(noFormula('Le nom')),
});

/** The numbers Encours gives its own invoices, credit notes and penalty invoices: F2026-00001, AV…, PEN…. */
const OWN_SERIES = /^(F|AV|PEN)\d{4}-\d{5,}$/i;

/** JJ/MM/AAAA (a spreadsheet's French date) or AAAA-MM-JJ, a real day (the forms' IsoDate rule). */
const sheetDate = (what: string) =>
  z
    .string()
    .trim()
    .transform((v) => {
      const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
      return fr ? `${fr[3]}-${fr[2]}-${fr[1]}` : v;
    })
    .refine(isValidIsoDate, { message: `${what} invalide : une date réelle, JJ/MM/AAAA ou AAAA-MM-JJ.` });

/** The forms' money (MoneyInput: two decimals, 999 999 999 999 999,99 at most), above zero. */
const positiveMoney = (message: string) => MoneyInput.refine((v) => !v.startsWith('-') && v !== '0.00', { message });

/**
 * An open invoice carried over from the previous tool, one CSV line (fields as OPEN_INVOICE_COLUMNS names
 * them), with the same rules as the forms: the number is a piece reference (ledger.post's, 60 characters
 * at most) outside Encours's own series, the description an invoice line's, the amounts and dates the
 * forms' own. What needs the company file (a number already taken, the customer, the open year) is
 * checked by the import itself.
 */
export const ImportedOpenInvoice = z
  .object({
    number: requiredText('Numéro de facture manquant.', 60)
      .superRefine(noFormula('Le numéro'))
      .refine((v) => !OWN_SERIES.test(v), {
        message: 'Ce numéro suit la numérotation d’Encours (F2026-00001, AV2026-00001, PEN2026-00001…) : gardez le numéro de votre ancien logiciel, il doit rester distinct.',
      }),
    customer: requiredText('Client manquant : son code (C00001), son SIREN ou son nom exact.', 200),
    date: sheetDate('Date'),
    dueDate: optional(sheetDate('Échéance')),
    gross: positiveMoney('Montant TTC invalide : un nombre positif, deux décimales au plus (1234,56).'),
    outstanding: optional(positiveMoney('Reste dû invalide : positif et au plus égal au TTC.')),
    net: optional(NonNegativeMoneyInput),
    vatRate: optional(z.string().transform((v) => v.trim().replace(/\s*%$/, '')).pipe(InvoiceLineInput.shape.vatRate)),
    kind: optional(
      z.string().transform((v, ctx) => {
        const k = v.normalize('NFD').replace(/\p{Diacritic}/gu, '').trim().toLowerCase();
        if (/^(biens?|goods|marchandises?)$/.test(k)) return 'goods' as const;
        if (/^(services?|prestations?(deservices?)?)$/.test(k.replace(/\s+/g, ''))) return 'services' as const;
        ctx.addIssue({ code: 'custom', message: 'Nature : « biens » ou « services ».' });
        return z.NEVER;
      }),
    ),
    description: optional(InvoiceLineInput.shape.description.superRefine(noFormula('Le libellé'))),
  })
  .superRefine(
    (inv, ctx) => {
      if (inv.outstanding && toCents(inv.outstanding) > toCents(inv.gross)) ctx.addIssue({ code: 'custom', path: ['outstanding'], message: 'Reste dû invalide : positif et au plus égal au TTC.' });
      if (inv.net && toCents(inv.net) > toCents(inv.gross)) ctx.addIssue({ code: 'custom', path: ['net'], message: 'Montant HT invalide : au plus égal au TTC.' });
      if (inv.dueDate && inv.dueDate < inv.date) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'L’échéance ne peut pas précéder la date de la facture.' });
    },
    // Between fields, once each field is right: a wrong date is not also said to follow its due date.
    { when: (payload) => payload.issues.length === 0 },
  );
export type ImportedOpenInvoice = z.output<typeof ImportedOpenInvoice>;

/** The column each field of ImportedOpenInvoice is reported under (as the import wizard names it). */
export const OPEN_INVOICE_FIELD_NAMES: Record<string, string> = {
  number: 'numero', customer: 'client', date: 'date', dueDate: 'echeance', gross: 'ttc', outstanding: 'reste_du', net: 'ht', vatRate: 'taux', kind: 'nature', description: 'libelle',
};
