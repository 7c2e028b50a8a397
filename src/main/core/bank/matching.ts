import type { BankLine } from '../../../shared/domain/bank';
import { centsToString, formatEuro } from '../../../shared/money';
import type { Db } from '../../db/open';
import { stmt } from '../../db/statements';
import { escompteTerms } from '../receivables/escompte';

/**
 * Matching a bank credit with open invoices (issue 16): candidates found by indexed lookups only — the
 * invoice number read in the label or remittance (the unique index on invoice.number), the exact
 * outstanding of one invoice (invoice_balance_by_outstanding), the open invoices of the customer the line
 * names (invoice_by_customer), the customer recognised by a learnt IBAN (bank_counterparty) or by name
 * (customers read once per call). Each candidate gets a confidence (0–100) and a French reason; 90 and more
 * only when a reference and the amount agree. Nothing here posts: accepting a suggestion is bank.match,
 * which records the payment through the core's planner.
 */

export type Suggestion = BankLine['suggestions'][number];

export interface MatchLine {
  id: number;
  date: string;
  amount: bigint;
  label: string;
  remittance: string | null;
  counterpartyName: string | null;
  counterpartyIban: string | null;
}

interface Candidate {
  id: number;
  number: string;
  customerId: number;
  date: string;
  dueDate: string;
  gross: bigint;
  outstanding: bigint;
  escomptePercent: string | null;
  escompteDays: number | null;
}

const CANDIDATE_COLUMNS = `i.id, i.number, i.customer_id, i.date, i.due_date, i.gross_cents, b.outstanding_cents, i.escompte_percent, i.escompte_days`;
type CandidateRow = { id: bigint; number: string; customer_id: bigint; date: string; due_date: string; gross_cents: bigint; outstanding_cents: bigint; escompte_percent: string | null; escompte_days: bigint | null };
const candidate = (r: CandidateRow): Candidate => ({
  id: Number(r.id), number: r.number, customerId: Number(r.customer_id), date: r.date, dueDate: r.due_date, gross: r.gross_cents, outstanding: r.outstanding_cents,
  escomptePercent: r.escompte_percent, escompteDays: r.escompte_days === null ? null : Number(r.escompte_days),
});

/** Legal forms and titles left out of a name before comparing (« SARL Boulangerie Martin » = « BOULANGERIE MARTIN SAS »). */
const NOISE = new Set(['SARL', 'SAS', 'SASU', 'SA', 'EURL', 'EI', 'EIRL', 'SCI', 'SNC', 'SCOP', 'SCP', 'SELARL', 'SELAS', 'GIE', 'ETS', 'STE', 'SOCIETE', 'STE.', 'M', 'MR', 'MME', 'MLLE', 'MONSIEUR', 'MADAME']);

/** A name or a label as compared: accents, case, punctuation and legal forms left out; its words. */
export function normaliseName(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '' && !NOISE.has(w));
}

export const normaliseIban = (iban: string) => iban.replace(/\s+/g, '').toUpperCase();

/**
 * The invoice numbers a text may name, as the series write them (`F2026-00042`, `PEN2026-00003`), from
 * the forms customers type: `F2026-00042`, `F 2026 42`, `F2026/42`, `FACT 42`, `Facture n° 42`. Without
 * a year: the line's year and the one before. Then each word holding letters and digits as it is written
 * (the numbers of invoices taken over from a previous tool).
 */
export function referencedNumbers(text: string, lineDate: string): string[] {
  const t = text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase();
  const year = Number(lineDate.slice(0, 4));
  const out = new Set<string>();
  const re = /(?<![A-Z0-9])(PEN|FACTURES?|FACT|FCT|FAC|FA|F)[\s\-/_.:#°]*(?:N[O°]?[\s.:°]*)?(?:(20\d\d)[\s\-/_.]*(\d{1,5})(?!\d)|(\d{1,5})(?!\d))/g;
  for (const m of t.matchAll(re)) {
    const series = m[1] === 'PEN' ? 'PEN' : 'F';
    const n = Number(m[3] ?? m[4]);
    if (!(n > 0)) continue;
    const years = m[2] !== undefined ? [Number(m[2])] : [year, year - 1];
    for (const y of years) out.add(`${series}${y}-${String(n).padStart(5, '0')}`);
    if (out.size >= 20) break;
  }
  // Any other word that may be a number as written (an invoice taken over from a previous tool: ANC-0000042).
  for (const w of t.split(/\s+/)) {
    const word = w.replace(/^[^A-Z0-9]+|[^A-Z0-9]+$/g, '');
    if (word.length >= 4 && word.length <= 40 && /\d/.test(word) && /[A-Z]/.test(word) && out.size < 30) out.add(word);
  }
  return [...out];
}

/** What one call reads once: the customers' names as compared (their words joined), and their names as written. */
export interface Matcher {
  db: Db;
  byName: Map<string, number[]>;
  longest: number;
  names: Map<number, string>;
}

export function matcher(db: Db): Matcher {
  const byName = new Map<string, number[]>();
  const names = new Map<number, string>();
  let longest = 0;
  for (const c of stmt(db, 'SELECT id, name FROM customer').iterate() as Iterable<{ id: number; name: string }>) {
    names.set(c.id, c.name);
    const words = normaliseName(c.name);
    if (words.join('').length < 3) continue;
    const key = words.join(' ');
    byName.set(key, [...(byName.get(key) ?? []), c.id]);
    longest = Math.max(longest, words.length);
  }
  return { db, byName, longest: Math.min(longest, 8), names };
}

type Recognised = Map<number, 'iban' | 'name'>;

/** The customers a line names: by its IBAN learnt from an accepted match, or by a run of its words equal to a customer's name. */
function recognise(m: Matcher, line: MatchLine): Recognised {
  const out: Recognised = new Map();
  if (line.counterpartyIban) {
    const id = stmt(m.db, 'SELECT customer_id FROM bank_counterparty WHERE iban = ?').pluck().get(normaliseIban(line.counterpartyIban)) as number | undefined;
    if (id !== undefined) out.set(id, 'iban');
  }
  const words = normaliseName([line.counterpartyName ?? '', line.label, line.remittance ?? ''].join(' ')).slice(0, 60);
  for (let i = 0; i < words.length; i++) {
    let key = '';
    for (let k = 0; k < m.longest && i + k < words.length; k++) {
      key = k === 0 ? words[i]! : `${key} ${words[i + k]!}`;
      for (const id of m.byName.get(key) ?? []) if (!out.has(id)) out.set(id, 'name');
    }
  }
  return out;
}

/** The escompte a payment on `date` may take on this invoice: its discounted amount, or null. */
function escompteDue(db: Db, c: Candidate, date: string): bigint | null {
  if (!c.escomptePercent || c.outstanding !== c.gross) return null;
  const t = escompteTerms(db, { id: c.id, date: c.date, escompte_percent: c.escomptePercent, escompte_days: c.escompteDays });
  return t && date <= t.deadline ? t.amountDue : null;
}

const byNumber = (db: Db, number: string) =>
  stmt(db, `SELECT ${CANDIDATE_COLUMNS} FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id WHERE i.number = ? AND i.state = 'validated' AND b.outstanding_cents > 0`)
    .safeIntegers(true)
    .get(number) as CandidateRow | undefined;

// CROSS JOIN keeps SQLite on the outstanding index (it would otherwise walk every invoice by due date for the ORDER BY).
const byOutstanding = (db: Db, amount: bigint) =>
  stmt(db, `SELECT ${CANDIDATE_COLUMNS} FROM invoice_balance b CROSS JOIN invoice i ON i.id = b.invoice_id WHERE b.outstanding_cents = ? AND b.outstanding_cents > 0 AND i.state = 'validated' ORDER BY i.due_date, i.id LIMIT 21`)
    .safeIntegers(true)
    .all(amount) as CandidateRow[];

/** The customer's open invoices, oldest due first, at most `limit` (the bounded search for sums). */
const customerOpen = (db: Db, customerId: number, limit: number) =>
  stmt(db, `SELECT ${CANDIDATE_COLUMNS} FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id WHERE i.customer_id = ? AND i.state = 'validated' AND b.outstanding_cents > 0 ORDER BY i.due_date, i.id LIMIT ?`)
    .safeIntegers(true)
    .all(customerId, limit) as CandidateRow[];

/** How many of a customer's open invoices the search for sums looks at, and how many it adds up at most. */
export const SUM_SEARCH_INVOICES = 12;
export const SUM_SEARCH_MAX = 4;

const recognisedWords = (how: 'iban' | 'name' | undefined) => (how === 'iban' ? ' ; client reconnu par son IBAN' : how === 'name' ? ' ; client reconnu par son nom' : '');
const boost = (how: 'iban' | 'name' | undefined) => (how === 'iban' ? 3 : how === 'name' ? 2 : 0);

/** The suggestions for one credit line, best first (at most 5). */
export function suggest(m: Matcher, line: MatchLine): Suggestion[] {
  if (line.amount <= 0n) return [];
  const db = m.db;
  const A = line.amount;
  const found = new Map<string, Suggestion>();
  const add = (invs: Candidate[], amounts: bigint[], confidence: number, reason: string, escompte = false) => {
    const key = `${invs.map((i) => i.id).sort((a, b) => a - b).join(',')}|${amounts.join(',')}|${escompte}`;
    const prev = found.get(key);
    if (prev && prev.confidence >= confidence) return;
    found.set(key, {
      customerId: invs[0]!.customerId,
      customerName: m.names.get(invs[0]!.customerId) ?? '',
      invoiceIds: invs.map((i) => i.id),
      invoiceNumbers: invs.map((i) => i.number),
      amounts: amounts.map(centsToString),
      confidence: Math.min(100, confidence),
      reason,
      ...(escompte ? { escompte: invs.map((i) => ({ invoiceId: i.id })) } : {}),
    });
  };
  const recognised = recognise(m, line);
  const text = [line.label, line.remittance ?? ''].join(' ');

  // 1. The invoice numbers the label or remittance names.
  const refs = referencedNumbers(text, line.date).map((n) => byNumber(db, n)).filter((r): r is CandidateRow => r !== undefined).map(candidate);
  const refCustomers = new Map<number, Candidate[]>();
  for (const r of refs) refCustomers.set(r.customerId, [...(refCustomers.get(r.customerId) ?? []), r]);
  for (const [customerId, invs] of refCustomers) {
    const who = recognised.get(customerId);
    const numbers = invs.map((i) => i.number).join(', ');
    const total = invs.reduce((s, i) => s + i.outstanding, 0n);
    if (invs.length > 1 && total === A) {
      add(invs, invs.map((i) => i.outstanding), 95 + boost(who), `Factures ${numbers} citées dans le libellé, montant égal à leurs restes dus (${formatEuro(total)})${recognisedWords(who)}`);
    }
    for (const inv of invs) {
      const due = escompteDue(db, inv, line.date);
      if (inv.outstanding === A) {
        add([inv], [A], 95 + boost(who), `Facture ${inv.number} citée dans le libellé, montant égal à son reste dû${recognisedWords(who)}`);
      } else if (due === A) {
        add([inv], [A], 95 + boost(who), `Facture ${inv.number} citée dans le libellé, montant égal au net après escompte de ${inv.escomptePercent} % (payé dans le délai)${recognisedWords(who)}`, true);
      } else if (A < inv.outstanding) {
        add([inv], [A], 70 + boost(who), `Facture ${inv.number} citée dans le libellé ; paiement partiel : ${formatEuro(A)} sur ${formatEuro(inv.outstanding)} dus${recognisedWords(who)}`);
      } else {
        add([inv], [inv.outstanding], 65 + boost(who), `Facture ${inv.number} citée dans le libellé ; le montant dépasse son reste dû (${formatEuro(inv.outstanding)}) : l’excédent de ${formatEuro(A - inv.outstanding)} ira en avance${recognisedWords(who)}`);
      }
    }
  }

  // 2. The exact outstanding of one invoice.
  const exact = byOutstanding(db, A).map(candidate);
  for (const inv of exact.slice(0, 20)) {
    const who = recognised.get(inv.customerId);
    const confidence = who === 'iban' ? 85 : who === 'name' ? 80 : exact.length === 1 ? 60 : 40;
    const others = exact.length > 1 ? ` (${exact.length > 20 ? 'plus de 20' : exact.length} factures ont ce reste dû)` : '';
    add([inv], [A], confidence, `Montant égal au reste dû de la facture ${inv.number}${others}${recognisedWords(who)}`);
  }

  // 3. The recognised customers' open invoices: an escompte, or a sum of several.
  for (const [customerId, how] of recognised) {
    const open = customerOpen(db, customerId, SUM_SEARCH_INVOICES).map(candidate);
    const base = how === 'iban' ? 85 : 80;
    for (const inv of open) {
      if (escompteDue(db, inv, line.date) === A) {
        add([inv], [A], base, `Montant égal au net de la facture ${inv.number} après escompte de ${inv.escomptePercent} % (payé dans le délai)${recognisedWords(how)}`, true);
      }
    }
    let sums = 0;
    const pick = (start: number, chosen: Candidate[], total: bigint) => {
      if (sums >= 3) return;
      if (chosen.length >= 2 && total === A) {
        sums++;
        add(chosen, chosen.map((i) => i.outstanding), base - 5, `Somme des restes dus de ${chosen.length} factures (${chosen.map((i) => i.number).join(', ')}) égale au montant${recognisedWords(how)}`);
        return;
      }
      if (chosen.length >= SUM_SEARCH_MAX) return;
      for (let k = start; k < open.length; k++) {
        const t = total + open[k]!.outstanding;
        if (t <= A) pick(k + 1, [...chosen, open[k]!], t);
      }
    };
    pick(0, [], 0n);
  }

  return [...found.values()].sort((a, b) => b.confidence - a.confidence || a.invoiceIds.length - b.invoiceIds.length).slice(0, 5);
}
