import Papa from 'papaparse';
import type { CsvMapping } from '../../../shared/domain/bank';
import { normaliseHeader } from '../../../shared/domain/import';
import { Dec } from '../../../shared/money';
import { badFile, canonical, clean, decodeText, isoDateFromFrench, parseBankAmount, periodOf, type ParsedStatement, type StatementLine } from './statement';

interface Table {
  delimiter: string;
  /** Every record, empty ones included, so that record i is line i + 1 of the file. */
  rows: string[][];
}

/** Bytes → records: UTF-8 or Windows-1252, semicolon, comma or tab (papaparse guesses), quotes honoured. */
function readTable(bytes: Uint8Array): Table {
  const text = decodeText(bytes);
  const parsed = Papa.parse<string[]>(text, { delimiter: '', delimitersToGuess: [';', ',', '\t', '|'], skipEmptyLines: false });
  const quote = parsed.errors.find((e) => e.type === 'Quotes');
  if (quote) {
    const where = quote.row === undefined ? '' : `, ligne ${quote.row + 1}`;
    throw badFile(`Fichier CSV mal formé${where} : une cellule commence par " sans se terminer par ".`);
  }
  return { delimiter: parsed.meta.delimiter, rows: parsed.data };
}

const blank = (row: readonly string[]) => row.every((c) => c.trim() === '');

/** Recognised header wordings (normalised: lower case, no accent nor separator) → mapping field. */
const GUESS: Record<keyof CsvMapping, string[]> = {
  date: ['date', 'dateoperation', 'datedoperation', 'datecomptable', 'datedecomptabilisation', 'datecompta', 'dateope'],
  valueDate: ['datevaleur', 'datedevaleur', 'valeur'],
  label: ['libelle', 'libelleoperation', 'libelledeloperation', 'libellecourt', 'operation', 'nature', 'description', 'intitule'],
  amount: ['montant', 'montanteur', 'montanteneuros', 'montantoperation', 'somme'],
  debit: ['debit', 'debiteur', 'debits', 'debiteneuros', 'montantdebit'],
  credit: ['credit', 'crediteur', 'credits', 'crediteneuros', 'montantcredit'],
  remittance: ['libelledetaille', 'informationscomplementaires', 'detail', 'details', 'complement', 'reference', 'motif'],
  counterpartyName: ['tiers', 'beneficiaire', 'emetteur', 'contrepartie', 'donneurdordre'],
  bankRef: ['referencebancaire', 'identifiant', 'idoperation', 'numerooperation'],
};

function fieldOf(header: string): keyof CsvMapping | undefined {
  const n = normaliseHeader(header).replace(/eur$|euros?$/, '') || normaliseHeader(header);
  for (const [field, names] of Object.entries(GUESS) as [keyof CsvMapping, string[]][]) {
    if (names.includes(n) || names.includes(normaliseHeader(header))) return field;
  }
  return undefined;
}

/** A mapping proposed from a header row, when it names a date, a label and an amount (or débit/crédit). */
function mappingFrom(header: readonly string[]): CsvMapping | undefined {
  const m: Partial<Record<keyof CsvMapping, string>> = {};
  for (const h of header) {
    const f = fieldOf(h);
    if (f && m[f] === undefined && h.trim() !== '') m[f] = h.trim();
  }
  if (!m.date || !m.label || !(m.amount || m.debit || m.credit)) return undefined;
  return m as CsvMapping;
}

/** For bank.csvGuess: the header (the first line that reads as one), the first rows and a proposed mapping. */
/** A header row as a key: its cells normalised (case, accents, separators aside), in order. */
export function headerKey(cells: readonly string[]): string {
  return cells.map((c) => normaliseHeader(c)).join('|');
}

/**
 * The file's header and first rows, with a mapping: the one the owner confirmed for this very header
 * before (`remembered`, looked up by headerKey), else one proposed from the header's wording.
 */
export function guessCsv(
  bytes: Uint8Array,
  remembered: (key: string) => CsvMapping | undefined = () => undefined,
): { delimiter: string; headerLine: number; header: string[]; rows: string[][]; mapping?: CsvMapping; remembered?: boolean } {
  const { delimiter, rows } = readTable(bytes);
  const known = rows.slice(0, 50).map((r) => (blank(r) ? undefined : remembered(headerKey(r))));
  const knownAt = known.findIndex((m) => m !== undefined);
  if (knownAt >= 0) {
    const header = rows[knownAt]!.map((h) => h.trim());
    const data = rows.slice(knownAt + 1).filter((r) => !blank(r)).slice(0, 10);
    return { delimiter, headerLine: knownAt + 1, header, rows: data, mapping: known[knownAt]!, remembered: true };
  }
  let at = rows.findIndex((r, i) => i < 50 && mappingFrom(r) !== undefined);
  const mapping = at >= 0 ? mappingFrom(rows[at]!) : undefined;
  if (at < 0) at = rows.findIndex((r) => !blank(r));
  if (at < 0) throw badFile('Le fichier CSV est vide.');
  const header = rows[at]!.map((h) => h.trim());
  const data = rows.slice(at + 1).filter((r) => !blank(r)).slice(0, 10);
  return { delimiter, headerLine: at + 1, header, rows: data, ...(mapping ? { mapping } : {}) };
}

/** Rows that close a bank export: « Total », « Solde au … », « Nouveau solde »… skipped, not refused. */
const SUMMARY = /^(total|totaux|solde|sous-total|nouveau solde|ancien solde|montant total)/i;

/**
 * A bank's CSV read with an explicit column mapping: lines above the header are skipped, as are blank
 * lines and summary rows (« Total », « Solde … ») where a date should be. Any other line whose date or
 * amount does not read is refused with its line number.
 */
/** The header row a mapping reads: the first naming its date and label columns (-1: none). */
function headerRowOf(rows: readonly string[][], mapping: CsvMapping): number {
  const want = (name: string) => normaliseHeader(name);
  return rows.findIndex((r) => {
    const names = r.map((c) => want(c));
    return names.includes(want(mapping.date)) && names.includes(want(mapping.label));
  });
}

export function parseCsvStatement(bytes: Uint8Array, mapping: CsvMapping): ParsedStatement & { headerKey: string } {
  const { rows } = readTable(bytes);
  const want = (name: string) => normaliseHeader(name);
  const at = headerRowOf(rows, mapping);
  if (at < 0) throw badFile(`Fichier CSV : aucune ligne d’en-tête ne nomme les colonnes « ${mapping.date} » et « ${mapping.label} ». Vérifiez la correspondance des colonnes.`);
  const header = rows[at]!.map((c) => want(c));
  const col = (name: string | undefined, what: string): number | undefined => {
    if (name === undefined) return undefined;
    const i = header.indexOf(want(name));
    if (i < 0) throw badFile(`Fichier CSV : la colonne « ${name} » (${what}) ne figure pas sur la ligne d’en-tête (ligne ${at + 1}).`);
    return i;
  };
  const c = {
    date: col(mapping.date, 'date')!,
    valueDate: col(mapping.valueDate, 'date de valeur'),
    label: col(mapping.label, 'libellé')!,
    amount: col(mapping.amount, 'montant'),
    debit: col(mapping.debit, 'débit'),
    credit: col(mapping.credit, 'crédit'),
    remittance: col(mapping.remittance, 'référence'),
    counterpartyName: col(mapping.counterpartyName, 'tiers'),
    bankRef: col(mapping.bankRef, 'référence bancaire'),
  };
  const lines: StatementLine[] = [];
  for (let i = at + 1; i < rows.length; i++) {
    const row = rows[i]!;
    const line = i + 1;
    if (blank(row)) continue;
    const cell = (j: number | undefined) => (j === undefined ? '' : (row[j] ?? '').trim());
    const rawDate = cell(c.date);
    const date = isoDateFromFrench(rawDate);
    if (!date) {
      // A summary row: it starts with « Total » or « Solde » and has no date.
      const first = row.find((v) => v.trim() !== '')?.trim() ?? '';
      if (SUMMARY.test(first) && (rawDate === '' || SUMMARY.test(rawDate))) continue;
      throw badFile(`Fichier CSV, ligne ${line} : date illisible dans la colonne « ${mapping.date} » (« ${rawDate} ») ; attendu JJ/MM/AAAA.`);
    }
    const amount = amountOf(line, cell(c.amount), cell(c.debit), cell(c.credit), mapping);
    const label = clean(cell(c.label));
    const rawValue = cell(c.valueDate);
    const valueDate = rawValue ? isoDateFromFrench(rawValue) : null;
    if (rawValue && !valueDate) throw badFile(`Fichier CSV, ligne ${line} : date de valeur illisible (« ${rawValue} ») ; attendu JJ/MM/AAAA.`);
    const remittance = clean(cell(c.remittance));
    const counterpartyName = clean(cell(c.counterpartyName));
    const bankRef = clean(cell(c.bankRef));
    lines.push({
      date,
      ...(valueDate ? { valueDate } : {}),
      amount,
      label: label ?? remittance ?? 'Opération',
      ...(remittance ? { remittance } : {}),
      ...(counterpartyName ? { counterpartyName } : {}),
      ...(bankRef ? { bankRef } : {}),
    });
  }
  return { format: 'csv', ...periodOf(lines), lines, headerKey: headerKey(rows[at]!) };
}

function amountOf(line: number, amount: string, debit: string, credit: string, mapping: CsvMapping): string {
  const read = (raw: string, column: string): string => {
    const a = parseBankAmount(raw);
    if (a === null) throw badFile(`Fichier CSV, ligne ${line} : montant illisible dans la colonne « ${column} » (« ${raw} ») ; attendu par exemple 1 234,56 ou -12,50.`);
    return a;
  };
  if (mapping.amount !== undefined && amount !== '') return read(amount, mapping.amount);
  // Separate columns: the column says the direction, whatever sign the bank wrote.
  const d = debit !== '' ? new Dec(read(debit, mapping.debit ?? '')).abs() : new Dec(0);
  const cr = credit !== '' ? new Dec(read(credit, mapping.credit ?? '')).abs() : new Dec(0);
  if (debit === '' && credit === '') {
    const where = [mapping.amount, mapping.debit, mapping.credit].filter(Boolean).map((n) => `« ${n} »`).join(', ');
    throw badFile(`Fichier CSV, ligne ${line} : aucun montant (colonnes ${where} vides).`);
  }
  return canonical(cr.minus(d));
}
