import { z } from 'zod';

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
