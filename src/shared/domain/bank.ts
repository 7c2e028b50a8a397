import { z } from 'zod';
import { Id, IsoDate, requiredText } from './common';
import { NonNegativeMoneyInput } from '../money';

/** The statement formats Encours reads: OFX 1.x (SGML) and 2.x (XML), ISO 20022 CAMT.053, CSV. */
export const BANK_FORMATS = ['ofx', 'camt053', 'csv'] as const;
export const BankFormat = z.enum(BANK_FORMATS, { error: 'Format attendu : ofx, camt053 ou csv.' });
export type BankFormat = z.infer<typeof BankFormat>;

/** What is to be done with a bank line; matching and reconciliation (later steps) will move it on. */
export const BANK_LINE_STATUSES = ['to_process', 'matched', 'ignored'] as const;
export const BankLineStatus = z.enum(BANK_LINE_STATUSES, { error: 'Statut attendu : to_process, matched ou ignored.' });

/** 20 Mo of file at most: its base64 text is 4/3 of that. */
export const BANK_FILE_MAX_BYTES = 20_000_000;
const BASE64_MAX = Math.ceil(BANK_FILE_MAX_BYTES / 3) * 4;

const ContentBase64 = z
  .string({ error: 'Le contenu du fichier est attendu, encodé en base64.' })
  .min(1, { message: 'Le fichier est vide.' })
  .max(BASE64_MAX, { message: 'Fichier trop volumineux (20 Mo au plus).' })
  .regex(/^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/, { message: 'Contenu illisible : le fichier doit être transmis encodé en base64.' });

const Column = z.string({ error: 'Nom de colonne attendu (tel qu’il figure sur la ligne d’en-tête).' }).trim().min(1, { message: 'Nom de colonne vide.' }).max(100, { message: '100 caractères au plus.' });

/**
 * Which column of a bank's CSV holds what, by the header's own wording. Either one signed amount column
 * (credit positive) or separate débit / crédit columns (amounts without sign, or with one: the column
 * decides). The header line is the first line naming the date and label columns: lines above it (the
 * account's name, a balance) are skipped.
 */
export const CsvMapping = z
  .strictObject({
    date: Column,
    valueDate: Column.optional(),
    label: Column,
    amount: Column.optional(),
    debit: Column.optional(),
    credit: Column.optional(),
    remittance: Column.optional(),
    counterpartyName: Column.optional(),
    bankRef: Column.optional(),
  })
  .refine((m) => m.amount !== undefined || m.debit !== undefined || m.credit !== undefined, {
    message: 'Indiquez la colonne du montant, ou celles du débit et du crédit.',
    path: ['amount'],
  });
export type CsvMapping = z.infer<typeof CsvMapping>;

export const BankImportRequest = z.strictObject({
  contentBase64: ContentBase64,
  fileName: requiredText('Le nom du fichier est attendu.', 255),
  /** Left out: recognised from the content. */
  format: BankFormat.optional(),
  /** For a CSV; left out: proposed from the header (bank.csvGuess), refused if it cannot be. */
  csvMapping: CsvMapping.optional(),
});

const Amount = z.string();

export const BankImportResult = z.object({
  statementId: Id,
  format: BankFormat,
  /** Lines read in the file. */
  lines: z.number().int(),
  /** Lines new to the account, stored with the status to_process. */
  added: z.number().int(),
  /** Lines already imported (same bank reference, or same date, amount and label at the same rank). */
  duplicates: z.number().int(),
  openingBalance: Amount.optional(),
  closingBalance: Amount.optional(),
  periodFrom: IsoDate.optional(),
  periodTo: IsoDate.optional(),
});

export const BankLinesRequest = z.strictObject({
  statementId: Id.optional(),
  status: BankLineStatus.optional(),
});

export const BankLine = z.object({
  id: Id,
  statementId: Id,
  date: IsoDate,
  valueDate: IsoDate.optional(),
  /** Signed: money received is positive. */
  amount: Amount,
  label: z.string(),
  remittance: z.string().optional(),
  counterpartyName: z.string().optional(),
  counterpartyIban: z.string().optional(),
  bankRef: z.string().optional(),
  status: BankLineStatus,
  /** The payment a matched line recorded (bank.match, bank.autoMatch); absent otherwise. */
  paymentId: Id.optional(),
  /** The entry a line posted by hand (`ledger.post` with its `bankLineId`) was posted by; absent otherwise. */
  entryId: Id.optional(),
  /**
   * Open invoices this credit line may settle (lines to process only), best first: the invoices, the amount
   * each would receive (what the line leaves beyond them goes to the customer's advance), a confidence
   * 0–100 (90 and more: reference and amount agree, a « sure » match) and why, in French. `escompte` names
   * the invoices settled with their escompte. Pass `invoiceIds`/`amounts`/`escompte` to bank.match as is.
   */
  suggestions: z.array(
    z.object({
      customerId: Id,
      customerName: z.string(),
      invoiceIds: z.array(Id),
      invoiceNumbers: z.array(z.string()),
      amounts: z.array(Amount),
      confidence: z.number().int().min(0).max(100),
      reason: z.string(),
      escompte: z.array(z.object({ invoiceId: Id })).optional(),
    }),
  ),
});
export type BankLine = z.infer<typeof BankLine>;

export const BankLines = z.object({ rows: z.array(BankLine) });

export const BankCsvGuessRequest = z.strictObject({ contentBase64: ContentBase64 });

export const BankCsvGuessResult = z.object({
  delimiter: z.string(),
  /** 1-based line of the header in the file. */
  headerLine: z.number().int(),
  header: z.array(z.string()),
  /** The first data rows as read (at most 10). */
  rows: z.array(z.array(z.string())),
  /** A proposed mapping, when the header names a date, a label and an amount (or débit / crédit). */
  mapping: CsvMapping.optional(),
  /** The mapping is the one the owner confirmed for this header at an earlier import. */
  remembered: z.boolean().optional(),
});

const LineId = Id;
const PositiveMoney = NonNegativeMoneyInput.refine((v) => v !== '0.00', { message: 'Le montant doit être supérieur à zéro.' });

export const BankMatchRequest = z.strictObject({
  lineId: LineId,
  /** What each invoice receives; their total may be below the line's amount (the rest: the customer's advance). */
  allocations: z
    .array(z.strictObject({ invoiceId: Id, amount: PositiveMoney }), { error: 'Indiquez les factures que règle cette opération.' })
    .min(1, { message: 'Indiquez au moins une facture.' })
    .max(200, { message: '200 factures au plus.' }),
  /** The invoices settled with their escompte (each then receives its discounted amount). */
  escompte: z.array(z.strictObject({ invoiceId: Id })).max(200).optional(),
});

export const BankAutoMatchRequest = z.strictObject({
  /** Suggestions at or above this confidence are accepted (90 by default: reference and amount agree). */
  minConfidence: z.number({ error: 'Indiquez une confiance entre 0 et 100.' }).int({ message: 'Indiquez une confiance entre 0 et 100.' }).min(0, { message: 'Indiquez une confiance entre 0 et 100.' }).max(100, { message: 'Indiquez une confiance entre 0 et 100.' }).optional(),
  statementId: Id.optional(),
});
export const BankAutoMatchResult = z.object({ matched: z.number().int(), lineIds: z.array(Id) });

export const BankUnmatchRequest = z.strictObject({
  lineId: LineId,
  /** Why the match is undone (kept with the payment's cancellation); a default sentence otherwise. */
  reason: z.string().trim().min(1).max(300).optional(),
});

export const BankIgnoreRequest = z.strictObject({
  lineId: LineId,
  ignored: z.boolean({ error: 'Indiquez true pour écarter l’opération, false pour la reprendre.' }),
});

export const BankReconciliationRequest = z.strictObject({
  /** The statement date: the balances at the end of that day. */
  asOf: IsoDate,
});

export const BANK_RECONCILIATION_ITEM_KINDS = ['bank_not_posted', 'ledger_not_on_bank'] as const;

/**
 * One reason the statement and 512 differ: a bank line of that date or before that the ledger does not hold
 * yet at that date (`bank_not_posted`: its amount counts as is), or an entry line on 512 that no bank line
 * of that date or before carries (`ledger_not_on_bank`: a cheque remitted, a payment recorded, not yet on
 * the statement; counts as the opposite of its effect on 512). `amount` is what it adds to the difference.
 */
export const BankReconciliationItem = z.object({
  kind: z.enum(BANK_RECONCILIATION_ITEM_KINDS),
  date: IsoDate,
  label: z.string(),
  amount: Amount,
  lineId: Id.optional(),
  lineStatus: BankLineStatus.optional(),
  entryId: Id.optional(),
  pieceRef: z.string().optional(),
});
export type BankReconciliationItem = z.infer<typeof BankReconciliationItem>;

export const BankReconciliation = z.object({
  asOf: IsoDate,
  /** The bank account in the ledger (512 unless the company chose another one). */
  account: z.string(),
  /** The statement's balance at `asOf` (credit balance of the bank account positive). */
  statementBalance: Amount,
  /** Where it comes from, in French (« solde de clôture du relevé … », « solde d’ouverture … + opérations »). */
  statementBasis: z.string(),
  /** 512's balance at `asOf` (debit positive), from the validated entries. */
  ledgerBalance: Amount,
  /** statementBalance − ledgerBalance. */
  difference: Amount,
  items: z.array(BankReconciliationItem),
  /** The items' sum. */
  itemsTotal: Amount,
  /** difference − itemsTotal: 0.00 when the items explain the whole difference. */
  unexplained: Amount,
  explained: z.boolean(),
});
export type BankReconciliation = z.infer<typeof BankReconciliation>;
