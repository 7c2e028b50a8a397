import { createHash } from 'node:crypto';
import type { Handlers } from '../../../shared/contract';
import { BANK_FILE_MAX_BYTES, type BankFormat, type BankLine, type CsvMapping } from '../../../shared/domain/bank';
import { AppError } from '../../../shared/errors';
import { centsToString, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import type { HandlerContext } from '../context';
import { detectFormat } from './detect-format';
import { parseCamt } from './parse-camt';
import { guessCsv, parseCsvStatement } from './parse-csv';
import { parseOfx } from './parse-ofx';
import { badFile, type ParsedStatement, type StatementLine } from './statement';

/** The ledger account the statements are imported for (one bank account for now). */
export const BANK_ACCOUNT = '512';

function decodeBase64(contentBase64: string): Uint8Array {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw badFile('Le fichier est vide.');
  if (bytes.length > BANK_FILE_MAX_BYTES) throw badFile('Fichier trop volumineux (20 Mo au plus).');
  return bytes;
}

/** Reads a statement in the given format (or the one its content shows). Pure: writes nothing. */
export function parseStatement(bytes: Uint8Array, fileName: string, format: BankFormat | undefined, csvMapping: CsvMapping | undefined): ParsedStatement {
  const f = format ?? detectFormat(bytes, fileName);
  if (f === 'ofx') return parseOfx(bytes);
  if (f === 'camt053') return parseCamt(bytes);
  const mapping = csvMapping ?? guessCsv(bytes).mapping;
  if (!mapping) {
    throw new AppError('VALIDATION', 'Fichier CSV : les colonnes de date, de libellé et de montant (ou de débit et crédit) n’ont pas été reconnues. Indiquez-les (csvMapping) ; bank.csvGuess montre l’en-tête lu.', { csvMapping: 'Correspondance des colonnes à indiquer.' });
  }
  return parseCsvStatement(bytes, mapping);
}

/**
 * Each line's fingerprint, unique per account in the file: the bank's transaction id when it gives one;
 * otherwise its date, amount, label (spaces and case folded) and its rank among the identical lines of the
 * file; both within the bank account when the file names it (IBAN, ACCTID), else within 512. The rank makes two genuine identical payments on one day two lines, while a file overlapping
 * another one (partly or wholly) gives the same fingerprints to the lines both hold.
 */
export function fingerprints(account: string, lines: readonly StatementLine[]): string[] {
  // `account`: the ledger account and, when the file names it, the bank account (a FITID is unique per bank account only).
  const seen = new Map<string, number>();
  return lines.map((l) => {
    let key: string;
    if (l.bankRef !== undefined) {
      key = JSON.stringify([account, 'ref', l.bankRef]);
    } else {
      const same = JSON.stringify([l.date, l.amount, l.label.replace(/\s+/g, ' ').trim().toUpperCase()]);
      const rank = seen.get(same) ?? 0;
      seen.set(same, rank + 1);
      key = JSON.stringify([account, 'line', same, rank]);
    }
    return createHash('sha256').update(key).digest('hex');
  });
}

const optionalCents = (amount: string | undefined) => (amount === undefined ? null : toCents(amount));

function importStatement(db: Db, now: Date, fileName: string, parsed: ParsedStatement) {
  const statementId = Number(
    stmt(
      db,
      `INSERT INTO bank_statement (account, file_name, format, bank_account, imported_at, opening_balance_cents, closing_balance_cents, period_from, period_to, line_count, added_count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
    ).run(BANK_ACCOUNT, fileName, parsed.format, parsed.account ?? null, now.toISOString(), optionalCents(parsed.openingBalance), optionalCents(parsed.closingBalance), parsed.periodFrom ?? null, parsed.periodTo ?? null, parsed.lines.length).lastInsertRowid,
  );
  const insert = stmt(
    db,
    `INSERT INTO bank_line (statement_id, date, value_date, amount_cents, label, remittance, counterparty_name, counterparty_iban, bank_ref, fingerprint, position)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING`,
  );
  const prints = fingerprints(parsed.account ? `${BANK_ACCOUNT}:${parsed.account}` : BANK_ACCOUNT, parsed.lines);
  let added = 0;
  parsed.lines.forEach((l, i) => {
    added += insert.run(statementId, l.date, l.valueDate ?? null, toCents(l.amount), l.label, l.remittance ?? null, l.counterpartyName ?? null, l.counterpartyIban ?? null, l.bankRef ?? null, prints[i]!, i + 1).changes;
  });
  stmt(db, 'UPDATE bank_statement SET added_count = ? WHERE id = ?').run(added, statementId);
  return { statementId, added };
}

interface LineRow {
  id: number;
  statement_id: number;
  date: string;
  value_date: string | null;
  amount_cents: bigint;
  label: string;
  remittance: string | null;
  counterparty_name: string | null;
  counterparty_iban: string | null;
  bank_ref: string | null;
  status: BankLine['status'];
}

function listLines(db: Db, statementId: number | undefined, status: BankLine['status'] | undefined): BankLine[] {
  if (statementId !== undefined && !stmt(db, 'SELECT 1 FROM bank_statement WHERE id = ?').get(statementId)) {
    throw new AppError('NOT_FOUND', `Relevé bancaire n° ${statementId} introuvable.`, { statementId: 'Relevé introuvable.' });
  }
  const rows = stmt(
    db,
    `SELECT id, statement_id, date, value_date, amount_cents, label, remittance, counterparty_name, counterparty_iban, bank_ref, status
       FROM bank_line
      WHERE (@statementId IS NULL OR statement_id = @statementId) AND (@status IS NULL OR status = @status)
      ORDER BY date, id`,
  )
    .safeIntegers(true)
    .all({ statementId: statementId ?? null, status: status ?? null }) as (Omit<LineRow, 'id' | 'statement_id'> & { id: bigint; statement_id: bigint })[];
  return rows.map((r) => ({
    id: Number(r.id),
    statementId: Number(r.statement_id),
    date: r.date,
    ...(r.value_date !== null ? { valueDate: r.value_date } : {}),
    amount: centsToString(r.amount_cents),
    label: r.label,
    ...(r.remittance !== null ? { remittance: r.remittance } : {}),
    ...(r.counterparty_name !== null ? { counterpartyName: r.counterparty_name } : {}),
    ...(r.counterparty_iban !== null ? { counterpartyIban: r.counterparty_iban } : {}),
    ...(r.bank_ref !== null ? { bankRef: r.bank_ref } : {}),
    status: r.status,
    // Matching with open invoices is a later step of issue 16: no suggestion yet.
    suggestions: [],
  }));
}

type BankChannels = 'bank.import' | 'bank.lines' | 'bank.csvGuess';

export const bankHandlers: Pick<Handlers<HandlerContext>, BankChannels> = {
  'bank.import': (ctx, req) => {
    const bytes = decodeBase64(req.contentBase64);
    const parsed = parseStatement(bytes, req.fileName, req.format, req.csvMapping);
    const { statementId, added } = importStatement(ctx.db, ctx.now(), req.fileName, parsed);
    return {
      statementId,
      format: parsed.format,
      lines: parsed.lines.length,
      added,
      duplicates: parsed.lines.length - added,
      ...(parsed.openingBalance !== undefined ? { openingBalance: parsed.openingBalance } : {}),
      ...(parsed.closingBalance !== undefined ? { closingBalance: parsed.closingBalance } : {}),
      ...(parsed.periodFrom !== undefined ? { periodFrom: parsed.periodFrom } : {}),
      ...(parsed.periodTo !== undefined ? { periodTo: parsed.periodTo } : {}),
    };
  },
  'bank.lines': (ctx, req) => ({ rows: listLines(ctx.db, req.statementId, req.status) }),
  'bank.csvGuess': (_ctx, req) => guessCsv(decodeBase64(req.contentBase64)),
};
