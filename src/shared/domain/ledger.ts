import { z } from 'zod';
import { ACCOUNT_NUMBER, ACCOUNT_ROLE_NAMES, JOURNAL_CODES, POSTING_ACCOUNT_NUMBER, type AccountRole } from '../accounts';
import { MoneyString, NonNegativeMoneyInput } from '../money';
import { Id, IsoDate, optional, Paging, requiredText, text } from './common';

export const JournalCode = z.enum(JOURNAL_CODES as [string, ...string[]], { error: 'Journal : VT, BQ, CA, OD ou AN.' });
export const AccountNumber = z.string({ error: 'Numéro de compte attendu.' }).trim().regex(ACCOUNT_NUMBER, { message: 'Numéro de compte : des chiffres seulement (ex. 411, 706100).' });
/** An account a line is posted to, created or given a role: three digits at least (the FEC's CompteNum). */
export const PostingAccountNumber = z
  .string({ error: 'Numéro de compte attendu.' })
  .trim()
  .regex(/^\d+$/, { message: 'Numéro de compte : des chiffres seulement (ex. 411, 706100).' })
  .regex(POSTING_ACCOUNT_NUMBER, { message: 'Un compte a au moins trois chiffres, sans commencer par 0 (le FEC l’exige) : 530 plutôt que 53.' });
const AuxCode = z.string().trim().regex(/^C\d{5,}$/, { message: 'Compte client : C suivi de 5 chiffres (ex. C00042).' });

/** Optional period bounds; `from` after `to` is refused. */
const period = { from: optional(IsoDate), to: optional(IsoDate) };
function fromBeforeTo(p: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  if (p.from && p.to && p.from > p.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'La fin de la période précède son début.' });
}

export const EntryLine = z.object({
  id: z.number().int(),
  account: z.string(),
  accountLabel: z.string(),
  aux: z.string().optional(),
  auxLabel: z.string().optional(),
  label: z.string(),
  debit: MoneyString,
  credit: MoneyString,
  lettering: z.object({ code: z.string(), date: z.string() }).optional(),
});
export type EntryLine = z.infer<typeof EntryLine>;

export const Entry = z.object({
  id: z.number().int(),
  fiscalYear: z.object({ start: z.string(), end: z.string() }),
  num: z.number().int(),
  seq: z.number().int(),
  journal: z.string(),
  date: z.string(),
  label: z.string(),
  pieceRef: z.string(),
  pieceDate: z.string(),
  validatedAt: z.string(),
  hash: z.string(),
  source: z.object({ kind: z.string(), id: z.number().int() }).optional(),
  lines: z.array(EntryLine),
});
export type Entry = z.infer<typeof Entry>;

export const LedgerEntriesRequest = z
  .strictObject({ ...period, journal: optional(JournalCode), account: optional(AccountNumber), aux: optional(AuxCode), ...Paging })
  .superRefine(fromBeforeTo);
export const LedgerEntries = z.object({ rows: z.array(Entry), total: z.number().int() });

export const LedgerEntryRequest = z.strictObject({ id: Id });
export const LedgerEntryDetail = z.object({ entry: Entry, hashOk: z.boolean(), chainOk: z.boolean() });

export const ManualLine = z
  .strictObject({
    account: PostingAccountNumber,
    aux: optional(AuxCode),
    label: optional(text(200)),
    debit: optional(NonNegativeMoneyInput),
    credit: optional(NonNegativeMoneyInput),
  });
/** A manual entry (OD, bank or cash): the same checks as every posting. */
export const LedgerPostRequest = z.strictObject({
  journal: z.enum(['OD', 'BQ', 'CA'], { error: 'Une écriture manuelle va au journal OD, BQ ou CA.' }),
  date: IsoDate,
  label: requiredText('Indiquez le libellé de l’écriture.'),
  pieceRef: requiredText('Indiquez la référence de la pièce justificative.', 60),
  pieceDate: optional(IsoDate),
  lines: z.array(ManualLine).min(2, { message: 'Une écriture compte au moins deux lignes.' }).max(500),
  /**
   * The bank line (bank.lines) this entry posts, when it is no customer payment (bank fees, a supplier):
   * the entry must then move the bank account by the line's amount, and the line is matched to it.
   */
  bankLineId: Id.optional(),
});

export const VerifyReport = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  brokenAt: z.object({ entryId: z.number().int(), seq: z.number().int(), num: z.number().int().nullable(), date: z.string(), reason: z.string() }).optional(),
  /**
   * What the check could not compare, said in French: this computer had no witness of the file's chain
   * head when it was opened (first opening here, a copy), or the file had gone further elsewhere.
   */
  notice: z.string().optional(),
});

const BalanceRow = z.object({
  account: z.string(),
  label: z.string(),
  aux: z.string().optional(),
  auxLabel: z.string().optional(),
  debit: MoneyString,
  credit: MoneyString,
  balance: MoneyString,
});
const Totals = z.object({ debit: MoneyString, credit: MoneyString, balance: MoneyString });

export const TrialBalanceRequest = z.strictObject({ ...period, byAux: z.boolean().optional() }).superRefine(fromBeforeTo);
export const TrialBalance = z.object({ rows: z.array(BalanceRow), totals: Totals });
export type TrialBalance = z.infer<typeof TrialBalance>;

export const GeneralLedgerRequest = z.strictObject({ account: AccountNumber, aux: optional(AuxCode), ...period }).superRefine(fromBeforeTo);
export const GeneralLedger = z.object({
  account: z.string(),
  label: z.string(),
  aux: z.string().optional(),
  opening: MoneyString,
  rows: z.array(
    z.object({
      entryId: z.number().int(),
      lineId: z.number().int(),
      num: z.number().int(),
      journal: z.string(),
      date: z.string(),
      pieceRef: z.string(),
      label: z.string(),
      aux: z.string().optional(),
      debit: MoneyString,
      credit: MoneyString,
      balance: MoneyString,
      lettering: z.string().optional(),
    }),
  ),
  totals: Totals,
  closing: MoneyString,
});
export type GeneralLedger = z.infer<typeof GeneralLedger>;

export const FiscalYear = z.object({
  start: z.string(),
  end: z.string(),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().optional(),
  entries: z.number().int(),
});
export const FiscalYearList = z.object({ rows: z.array(FiscalYear) });

export const PeriodCloseRequest = z.strictObject({ fiscalYearEnd: IsoDate });
export const PeriodCloseResult = z.object({
  fiscalYear: FiscalYear,
  result: MoneyString,
  openingEntryId: z.number().int().nullable(),
  nextFiscalYear: FiscalYear,
  /** The copy of the company file taken just before closing, in the automatic backups folder. */
  backup: z.string(),
});

export const AccountList = z.object({
  accounts: z.array(z.object({ number: z.string(), label: z.string(), custom: z.boolean() })),
  roles: z.array(z.object({ role: z.string(), label: z.string(), account: z.string(), default: z.string() })),
});
export const AccountCreateRequest = z.strictObject({ number: PostingAccountNumber, label: requiredText('Indiquez l’intitulé du compte.', 120) });
export const AccountSetRoleRequest = z.strictObject({
  role: z.enum(ACCOUNT_ROLE_NAMES as [AccountRole, ...AccountRole[]], { error: 'Rôle de compte inconnu.' }),
  account: PostingAccountNumber,
});

/** Names a long operation so `job.status` can report its progress: 1 to 64 letters, digits, `_` or `-`. */
export const JobId = z
  .string({ error: 'Identifiant de suivi attendu (texte).' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'Identifiant de suivi : 1 à 64 caractères parmi les lettres sans accent, les chiffres, « _ » et « - ».' });

/**
 * `output`: a folder (the file is named `<SIREN>FEC<AAAAMMJJ>.txt` inside it) or a full path ending in
 * `.txt`; without it, the folder of the company file. From the window, only a token of `dialog.chooseFile`.
 */
export const FecExportRequest = z.strictObject({
  fiscalYearEnd: IsoDate,
  output: optional(requiredText('Indiquez le dossier ou le fichier de sortie.', 1000)),
  jobId: JobId.optional(),
});
export const FecExportResult = z.object({ path: z.string(), lines: z.number().int() });

/** Without `output`, the copy goes to the automatic backups folder under a dated name. */
export const BackupCreateRequest = z.strictObject({ output: optional(requiredText('Indiquez le fichier de la copie.', 1000)) });
export const BackupCreateResult = z.object({ path: z.string() });

/** One automatic copy of the open company file, in the automatic backups folder. */
export const BackupRow = z.object({ path: z.string(), name: z.string(), size: z.number().int().nonnegative(), createdAt: z.string() });
export const BackupList = z.object({ folder: z.string(), rows: z.array(BackupRow) });

export const JobStatusRequest = z.strictObject({ jobId: JobId });
export const JobStatus = z.object({ jobId: z.string(), done: z.number().int().nonnegative(), total: z.number().int().nonnegative(), finished: z.boolean() });
