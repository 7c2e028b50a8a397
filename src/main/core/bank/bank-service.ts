import { createHash } from 'node:crypto';
import type { Handlers } from '../../../shared/contract';
import { BANK_FILE_MAX_BYTES, type BankFormat, type BankLine, CsvMapping } from '../../../shared/domain/bank';
import { AppError } from '../../../shared/errors';
import { formatDateShort } from '../../../shared/dates';
import { centsToString, formatEuro, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import type { HandlerContext } from '../context';
import { cancelPayment } from '../receivables/payment-cancel';
import { recordPayment } from '../receivables/payments';
import { detectFormat } from './detect-format';
import { matcher, normaliseIban, suggest, type Matcher, type MatchLine } from './matching';
import { parseCamt } from './parse-camt';
import { guessCsv, parseCsvStatement } from './parse-csv';
import { parseOfx } from './parse-ofx';
import { reconciliation } from './reconciliation';
import { accountMap } from '../ledger/accounts';
import { postEntry } from '../ledger/post';
import type { JournalCode } from '../../../shared/accounts';
import { badFile, type ParsedStatement, type StatementLine } from './statement';

/** The ledger account the statements are imported for (one bank account for now). */
export const BANK_ACCOUNT = '512';

function decodeBase64(contentBase64: string): Uint8Array {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw badFile('Le fichier est vide.');
  if (bytes.length > BANK_FILE_MAX_BYTES) throw badFile('Fichier trop volumineux (20 Mo au plus).');
  return bytes;
}

/** The CSV mapping the owner confirmed for a header of this account's statements, if any. */
function rememberedMapping(db: Db): (key: string) => CsvMapping | undefined {
  return (key) => {
    const json = stmt(db, 'SELECT mapping FROM bank_csv_mapping WHERE account = ? AND header_key = ?').pluck().get(BANK_ACCOUNT, key) as string | undefined;
    return json === undefined ? undefined : CsvMapping.parse(JSON.parse(json));
  };
}

/** A mapping the owner gave (confirmed on the preview), kept for the next file with the same header. */
function rememberMapping(db: Db, key: string, mapping: CsvMapping, now: Date) {
  stmt(
    db,
    `INSERT INTO bank_csv_mapping (account, header_key, mapping, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (account, header_key) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
  ).run(BANK_ACCOUNT, key, JSON.stringify(mapping), now.toISOString());
}

/**
 * Reads a statement in the given format (or the one its content shows). Writes nothing. A CSV is read
 * with the mapping given, else the one remembered for its header, else the one its header suggests.
 */
export function parseStatement(
  bytes: Uint8Array,
  fileName: string,
  format: BankFormat | undefined,
  csvMapping: CsvMapping | undefined,
  remembered: (key: string) => CsvMapping | undefined = () => undefined,
): ParsedStatement & { headerKey?: string } {
  const f = format ?? detectFormat(bytes, fileName);
  if (f === 'ofx') return parseOfx(bytes);
  if (f === 'camt053') return parseCamt(bytes);
  const mapping = csvMapping ?? guessCsv(bytes, remembered).mapping;
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
  id: bigint;
  statement_id: bigint;
  date: string;
  value_date: string | null;
  amount_cents: bigint;
  label: string;
  remittance: string | null;
  counterparty_name: string | null;
  counterparty_iban: string | null;
  bank_ref: string | null;
  status: BankLine['status'];
  payment_id: bigint | null;
  entry_id: bigint | null;
}

const LINE_COLUMNS = 'SELECT id, statement_id, date, value_date, amount_cents, label, remittance, counterparty_name, counterparty_iban, bank_ref, status, payment_id, entry_id FROM bank_line';

const matchLine = (r: LineRow): MatchLine => ({
  id: Number(r.id), date: r.date, amount: r.amount_cents, label: r.label, remittance: r.remittance, counterpartyName: r.counterparty_name, counterpartyIban: r.counterparty_iban,
});

/** A line as the API gives it; its suggestions when it is a credit still to process. */
function lineDto(m: Matcher, r: LineRow): BankLine {
  return {
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
    ...(r.payment_id !== null ? { paymentId: Number(r.payment_id) } : {}),
    ...(r.entry_id !== null ? { entryId: Number(r.entry_id) } : {}),
    suggestions: r.status === 'to_process' && r.amount_cents > 0n ? suggest(m, matchLine(r)) : [],
  };
}

function listLines(db: Db, statementId: number | undefined, status: BankLine['status'] | undefined): BankLine[] {
  if (statementId !== undefined && !stmt(db, 'SELECT 1 FROM bank_statement WHERE id = ?').get(statementId)) {
    throw new AppError('NOT_FOUND', `Relevé bancaire n° ${statementId} introuvable.`, { statementId: 'Relevé introuvable.' });
  }
  const rows = stmt(db, `${LINE_COLUMNS} WHERE (@statementId IS NULL OR statement_id = @statementId) AND (@status IS NULL OR status = @status) ORDER BY date, id`)
    .safeIntegers(true)
    .all({ statementId: statementId ?? null, status: status ?? null }) as LineRow[];
  const m = matcher(db);
  return rows.map((r) => lineDto(m, r));
}

function lineRow(db: Db, lineId: number): LineRow {
  const r = stmt(db, `${LINE_COLUMNS} WHERE id = ?`).safeIntegers(true).get(lineId) as LineRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', `Opération bancaire n° ${lineId} introuvable.`, { lineId: 'Opération introuvable.' });
  return r;
}

export const readLine = (db: Db, lineId: number): BankLine => lineDto(matcher(db), lineRow(db, lineId));

function refuseUnlessToProcess(r: LineRow) {
  if (r.status === 'matched') {
    const by = r.payment_id !== null ? `règlement n° ${r.payment_id}` : `écriture n° ${r.entry_id}`;
    throw new AppError('CONFLICT', `Cette opération est déjà rapprochée (${by}) : défaites d’abord ce rapprochement.`, { lineId: 'Opération déjà rapprochée.' });
  }
  if (r.status === 'ignored') throw new AppError('CONFLICT', 'Cette opération est écartée : reprenez-la avant de la rapprocher.', { lineId: 'Opération écartée.' });
}

/**
 * bank.match: the payment the line is, recorded by the core's recordPayment (the planner of payment.record:
 * same refusals, escompte credit note, excess to the advance), dated the line's date, for its whole amount,
 * by transfer, for the invoices' one customer; the line then matched to it, and its IBAN learnt.
 */
export function matchBankLine(db: Db, req: { lineId: number; allocations: { invoiceId: number; amount: bigint }[]; escompte?: { invoiceId: number }[] | undefined }, now: Date): number {
  const r = lineRow(db, req.lineId);
  refuseUnlessToProcess(r);
  if (r.amount_cents <= 0n) {
    throw new AppError('VALIDATION', `Cette opération est un débit (${formatEuro(r.amount_cents)}) : seuls les encaissements se rapprochent de factures.`, { lineId: 'Opération au débit.' });
  }
  const ids = req.allocations.map((a) => a.invoiceId);
  if (new Set(ids).size !== ids.length) throw new AppError('VALIDATION', 'Une même facture est indiquée deux fois.', { allocations: 'Facture en double.' });
  const customers = new Set<number>();
  for (const id of ids) {
    const inv = stmt(db, 'SELECT customer_id FROM invoice WHERE id = ?').get(id) as { customer_id: number } | undefined;
    if (!inv) throw new AppError('NOT_FOUND', `Facture n° ${id} introuvable.`, { allocations: 'Facture introuvable.' });
    customers.add(inv.customer_id);
  }
  if (customers.size > 1) {
    throw new AppError('VALIDATION', 'Ces factures sont celles de clients différents : un encaissement se rapproche des factures d’un seul client.', { allocations: 'Factures de plusieurs clients.' });
  }
  const total = req.allocations.reduce((s, a) => s + a.amount, 0n);
  if (total > r.amount_cents) {
    throw new AppError('VALIDATION', `Les montants imputés (${formatEuro(total)}) dépassent celui de l’opération (${formatEuro(r.amount_cents)}).`, { allocations: `Au plus ${formatEuro(r.amount_cents)} en tout.` });
  }
  const customerId = [...customers][0]!;
  const reference = (r.remittance ?? r.label).replace(/\s+/g, ' ').trim().slice(0, 60) || undefined;
  const { paymentId } = recordPayment(db, { customerId, date: r.date, amount: r.amount_cents, method: 'transfer', reference, allocations: req.allocations, escompte: req.escompte }, now);
  stmt(db, "UPDATE bank_line SET status = 'matched', payment_id = ? WHERE id = ?").run(paymentId, req.lineId);
  if (r.counterparty_iban) {
    stmt(db, 'INSERT INTO bank_counterparty (iban, customer_id, learnt_at) VALUES (?, ?, ?) ON CONFLICT (iban) DO UPDATE SET customer_id = excluded.customer_id, learnt_at = excluded.learnt_at').run(
      normaliseIban(r.counterparty_iban), customerId, now.toISOString(),
    );
  }
  return paymentId;
}

/**
 * bank.autoMatch: every credit still to process whose best suggestion reaches `minConfidence`, accepted in
 * date order, each in its own savepoint (a refusal leaves that line to process). The suggestions are read
 * again for each line, after the payments recorded before it: an invoice settled by one line is no longer
 * open for the next, so no outstanding is ever exceeded.
 */
export function autoMatch(db: Db, minConfidence: number, statementId: number | undefined, now: Date): number[] {
  const rows = stmt(db, `${LINE_COLUMNS} WHERE status = 'to_process' AND amount_cents > 0 AND (@statementId IS NULL OR statement_id = @statementId) ORDER BY date, id`)
    .safeIntegers(true)
    .all({ statementId: statementId ?? null }) as LineRow[];
  const m = matcher(db);
  const matched: number[] = [];
  for (const r of rows) {
    const best = suggest(m, matchLine(r))[0];
    if (!best || best.confidence < minConfidence) continue;
    try {
      db.transaction(() =>
        matchBankLine(db, { lineId: Number(r.id), allocations: best.invoiceIds.map((invoiceId, i) => ({ invoiceId, amount: toCents(best.amounts[i]!) })), escompte: best.escompte }, now),
      )();
      matched.push(Number(r.id));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return matched;
}

/**
 * bank.unmatch: the line's payment cancelled by payment.cancel's core (reversal, never deletion), or the
 * entry posted by hand for it reversed (an entry of the same journal, its lines swapped, source
 * `entry_reversal`, dated today or the entry's date if later); the line to process again.
 */
export function unmatchBankLine(db: Db, lineId: number, reason: string | undefined, today: string, now: Date): void {
  const r = lineRow(db, lineId);
  const why = reason ?? `Rapprochement bancaire défait (opération du ${formatDateShort(r.date)}, ${formatEuro(r.amount_cents)})`;
  if (r.status === 'matched' && r.entry_id !== null) {
    reverseEntry(db, Number(r.entry_id), why, today, now);
    stmt(db, "UPDATE bank_line SET status = 'to_process', entry_id = NULL WHERE id = ?").run(lineId);
    return;
  }
  if (r.status !== 'matched' || r.payment_id === null) throw new AppError('CONFLICT', 'Cette opération n’est pas rapprochée : il n’y a rien à défaire.', { lineId: 'Opération non rapprochée.' });
  cancelPayment(db, { id: Number(r.payment_id), reason: why }, today, now);
  releaseBankLine(db, Number(r.payment_id));
}

function reverseEntry(db: Db, entryId: number, reason: string, today: string, now: Date): void {
  const e = stmt(db, 'SELECT journal, date, piece_ref FROM entry WHERE id = ?').get(entryId) as { journal: JournalCode; date: string; piece_ref: string };
  const lines = stmt(db, 'SELECT account, aux, label, debit_cents, credit_cents FROM entry_line WHERE entry_id = ? ORDER BY line_no').safeIntegers(true).all(entryId) as
    { account: string; aux: string | null; label: string; debit_cents: bigint; credit_cents: bigint }[];
  postEntry(
    db,
    {
      journal: e.journal,
      date: today > e.date ? today : e.date,
      label: `Contre-passation : ${reason}`,
      pieceRef: e.piece_ref,
      lines: lines.map((l) => ({ account: l.account, aux: l.aux, label: l.label, ...(l.debit_cents > 0n ? { credit: l.debit_cents } : { debit: l.credit_cents }) })),
      source: { kind: 'entry_reversal', id: entryId },
    },
    now,
  );
}

/**
 * ledger.post as the bank sees it: with a `bankLineId`, the line must be to process and the entry must move
 * the bank account by exactly the line's amount (a debit for money received); the entry posted by the
 * ledger's own handler, the line is then matched to it. Without one, ledger.post as is.
 */
export function postLinkingBankLine(post: Handlers<HandlerContext>['ledger.post']): Handlers<HandlerContext>['ledger.post'] {
  return (ctx, req) => {
    if (req.bankLineId === undefined) return post(ctx, req);
    const r = lineRow(ctx.db, req.bankLineId);
    refuseUnlessToProcess(r);
    const bank = accountMap(ctx.db).bank;
    const effect = req.lines.filter((l) => l.account === bank).reduce((s, l) => s + (l.debit ? toCents(l.debit) : 0n) - (l.credit ? toCents(l.credit) : 0n), 0n);
    if (effect !== r.amount_cents) {
      const want = r.amount_cents > 0n ? `au débit du ${bank} pour ${formatEuro(r.amount_cents)}` : `au crédit du ${bank} pour ${formatEuro(-r.amount_cents)}`;
      throw new AppError('VALIDATION', `L’écriture doit passer l’opération bancaire ${want} (elle y passe ${formatEuro(effect)}).`, { lines: `Une ligne ${want}.` });
    }
    const link = <E extends { id: number }>(entry: E): E => {
      stmt(ctx.db, "UPDATE bank_line SET status = 'matched', entry_id = ? WHERE id = ?").run(entry.id, req.bankLineId);
      return entry;
    };
    const posted = post(ctx, req);
    return posted instanceof Promise ? posted.then(link) : link(posted);
  };
}

/** A cancelled payment's bank line (if it came from one) goes back to the lines to process. */
export function releaseBankLine(db: Db, paymentId: number): void {
  stmt(db, "UPDATE bank_line SET status = 'to_process', payment_id = NULL WHERE payment_id = ?").run(paymentId);
}

type BankChannels = 'bank.import' | 'bank.lines' | 'bank.csvGuess' | 'bank.match' | 'bank.autoMatch' | 'bank.unmatch' | 'bank.ignore' | 'bank.reconciliation';

/**
 * payment.cancel as the bank sees it: the payment cancelled by its own handler, then the bank line it came
 * from (if any) back to the lines to process. The receivables never import the bank: service.ts composes.
 */
export function cancelReleasingBankLine(cancel: Handlers<HandlerContext>['payment.cancel']): Handlers<HandlerContext>['payment.cancel'] {
  return (ctx, req) => {
    const payment = cancel(ctx, req);
    releaseBankLine(ctx.db, req.id);
    return payment;
  };
}

export const bankHandlers: Pick<Handlers<HandlerContext>, BankChannels> = {
  'bank.import': (ctx, req) => {
    const bytes = decodeBase64(req.contentBase64);
    const parsed = parseStatement(bytes, req.fileName, req.format, req.csvMapping, rememberedMapping(ctx.db));
    const { statementId, added } = importStatement(ctx.db, ctx.now(), req.fileName, parsed);
    if (req.csvMapping && parsed.headerKey) rememberMapping(ctx.db, parsed.headerKey, req.csvMapping, ctx.now());
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
  'bank.csvGuess': (ctx, req) => guessCsv(decodeBase64(req.contentBase64), rememberedMapping(ctx.db)),
  'bank.match': ({ db, now }, req) => {
    matchBankLine(db, { lineId: req.lineId, allocations: req.allocations.map((a) => ({ invoiceId: a.invoiceId, amount: toCents(a.amount) })), escompte: req.escompte }, now());
    return readLine(db, req.lineId);
  },
  'bank.autoMatch': ({ db, now }, req) => {
    const lineIds = autoMatch(db, req.minConfidence ?? 90, req.statementId, now());
    return { matched: lineIds.length, lineIds };
  },
  'bank.unmatch': ({ db, now, today }, req) => {
    unmatchBankLine(db, req.lineId, req.reason, today(), now());
    return readLine(db, req.lineId);
  },
  'bank.ignore': ({ db }, req) => {
    const r = lineRow(db, req.lineId);
    if (r.status === 'matched') throw new AppError('CONFLICT', 'Cette opération est rapprochée : défaites le rapprochement avant de l’écarter.', { lineId: 'Opération rapprochée.' });
    stmt(db, 'UPDATE bank_line SET status = ? WHERE id = ?').run(req.ignored ? 'ignored' : 'to_process', req.lineId);
    return readLine(db, req.lineId);
  },
  'bank.reconciliation': ({ db }, req) => reconciliation(db, req.asOf),
};
