import Papa from 'papaparse';
import type { Company } from '../../../shared/domain/company';
import { DEFAULT_PAYMENT_TERMS_DAYS, type Customer } from '../../../shared/domain/customer';
import { CUSTOMER_COLUMNS, ImportedCustomer, ImportedOpenInvoice, normaliseHeader, OPEN_INVOICE_COLUMNS, OPEN_INVOICE_FIELD_NAMES, type ImportResult } from '../../../shared/domain/import';
import { addDays } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { compactId } from '../../../shared/identifiers';
import { firstCodePoints } from '../../../shared/text';
import { baseFromGross } from '../../../shared/invoice-math';
import { centsToString, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { customerColumnsOf, insertCustomer } from '../../db/repositories/customer-repo';
import { stmt } from '../../db/statements';
import { accountMap } from '../ledger/accounts';
import { listFiscalYears } from '../ledger/fiscal-years';
import { credit, debit } from '../ledger/lines';
import { postEntries } from '../ledger/post';

type Row = Record<string, string>;
type Problem = ImportResult['errors'][number];
type CustomerRef = { id: number; code: string; name: string };
const PREVIEW_CHARS = 200;

/** Semicolon or comma, header line, UTF-8 (a BOM is dropped); each data row keeps its line number. */
function parseCsv(csv: string, columns: Record<string, string>): { rows: { line: number; values: Row }[]; headers: string[] } {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { delimiter: '', skipEmptyLines: 'greedy' });
  // A quote left open swallows the rest of the file into one cell: said as such, not as a missing column.
  const quote = parsed.errors.find((e) => e.type === 'Quotes');
  if (quote) {
    const where = quote.row === undefined ? '' : ` (ligne ${quote.row + 1})`;
    throw new AppError('VALIDATION', `Guillemet non refermé dans le fichier${where} : une cellule commence par " sans se terminer par ". Corrigez-la dans votre tableur et enregistrez à nouveau en CSV.`, { csv: 'Guillemet non refermé.' });
  }
  const [header, ...data] = parsed.data;
  if (!header) throw new AppError('VALIDATION', 'Le fichier ne contient pas de ligne d’en-tête.', { csv: 'En-tête manquant.' });
  // Columns Encours does not know are ignored; `columns` in the result says which ones were read.
  const fields = header.map((h) => columns[normaliseHeader(h)] ?? null);
  const rows = data.map((cells, i) => {
    const values: Row = {};
    cells.forEach((cell, j) => {
      const f = fields[j];
      if (f) values[f] = cell.trim();
    });
    return { line: i + 2, values };
  });
  return { rows, headers: [...new Set(fields.filter((f): f is string => f !== null))] };
}

function kindOf(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const k = normaliseHeader(v);
  if (['particulier', 'consumer', 'personne', 'part'].includes(k)) return 'consumer';
  if (['professionnel', 'business', 'entreprise', 'pro', 'societe'].includes(k)) return 'business';
  return v;
}

function result(dryRun: boolean, rows: { line: number; values: Row }[], headers: string[], errors: Problem[], created: number): ImportResult {
  const preview = rows.slice(0, 200).map(({ line, values }) => ({ line, values: Object.fromEntries(Object.entries(values).map(([k, x]) => [k, shortened(x)])) }));
  return { dryRun, rows: rows.length, created, columns: headers, preview, errors };
}

/** A cell as the preview shows it: its beginning only (a 5 MB cell is refused, not sent back whole). */
function shortened(value: string): string {
  return value.length > PREVIEW_CHARS ? `${firstCodePoints(value, PREVIEW_CHARS)}…` : value;
}

/** Customers from a spreadsheet: every line checked with the same rules as the form; all or nothing. */
export function importCustomers(db: Db, csv: string, dryRun: boolean, now: Date): ImportResult {
  const { rows, headers } = parseCsv(csv, CUSTOMER_COLUMNS);
  if (!headers.includes('name')) throw new AppError('VALIDATION', 'Colonne « nom » introuvable : la première ligne doit nommer les colonnes (nom;type;siren;…).', { csv: 'Colonne nom manquante.' });
  const errors: Problem[] = [];
  const valid: Customer[] = [];
  for (const { line, values: v } of rows) {
    const address = v.line1 || v.postcode || v.city ? { line1: v.line1 ?? '', line2: v.line2 ?? '', postcode: v.postcode ?? '', city: v.city ?? '', country: v.country ?? '' } : null;
    // Days as digits only: Number() would also read "1e2" or "0x1E" as a number of days.
    const terms = v.paymentTermsDays ? (/^\d{1,6}$/.test(v.paymentTermsDays) ? Number(v.paymentTermsDays) : v.paymentTermsDays) : undefined;
    const parsed = ImportedCustomer.safeParse({
      name: v.name ?? '', kind: kindOf(v.kind) ?? (v.siren ? 'business' : 'consumer'), siren: v.siren ?? '', vatNumber: v.vatNumber ?? '', email: v.email ?? '',
      phone: v.phone ?? '', address, ...(terms !== undefined ? { paymentTermsDays: terms } : {}), creditLimit: v.creditLimit ?? '', notes: v.notes ?? '',
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ line, field: issue.path.join('.') || 'ligne', message: issue.message });
      continue;
    }
    const stamp = now.toISOString();
    valid.push({ ...parsed.data, address: parsed.data.address ?? undefined, id: 0, code: 'C00000', paymentTermsDays: parsed.data.paymentTermsDays ?? DEFAULT_PAYMENT_TERMS_DAYS, createdAt: stamp, updatedAt: stamp });
  }
  if (dryRun || errors.length > 0) return result(dryRun, rows, headers, errors, 0);
  for (const c of valid) insertCustomer(db, customerColumnsOf(c), now.toISOString());
  return result(false, rows, headers, errors, valid.length);
}

/**
 * Open invoices carried over from the previous tool: each becomes a validated invoice under its own
 * number, its remaining amount posted D 411 (customer) / C 471 at the later of its date and the start of
 * the open fiscal year (the VAT was declared by the old books: no VAT line). All or nothing.
 */
export function importOpenInvoices(db: Db, company: Company, csv: string, dryRun: boolean, now: Date): ImportResult {
  const { rows, headers } = parseCsv(csv, OPEN_INVOICE_COLUMNS);
  for (const needed of ['number', 'customer', 'date', 'gross']) {
    if (!headers.includes(needed)) throw new AppError('VALIDATION', `Colonne « ${needed === 'number' ? 'numero' : needed === 'customer' ? 'client' : needed === 'gross' ? 'ttc' : 'date'} » introuvable dans l’en-tête.`, { csv: 'Colonne manquante.' });
  }
  const openYear = listFiscalYears(db).find((y) => y.status === 'open');
  if (!openYear) throw new AppError('CONFLICT', 'Aucun exercice ouvert.');
  const errors: Problem[] = [];
  const numbers = new Set<string>();
  // The numbers the file gives that the company file already has: one query for the whole file.
  const taken = new Set(
    stmt(db, 'SELECT number FROM invoice WHERE number IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(rows.map((r) => (r.values.number ?? '').trim()))) as string[],
  );
  const customersByKey = new Map<string, CustomerRef[]>();
  const valid: { number: string; customer: CustomerRef; date: string; dueDate: string; gross: bigint; outstanding: bigint; net: bigint | null; rate: string | null; kind: 'goods' | 'services'; description: string; postDate: string }[] = [];
  for (const { line, values: v } of rows) {
    const problems: Problem[] = [];
    const fail = (field: string, message: string) => problems.push({ line, field: OPEN_INVOICE_FIELD_NAMES[field] ?? field, message });
    // The forms' rules first (lengths, amounts, dates, the number's): one message per column.
    const parsed = ImportedOpenInvoice.safeParse({
      number: v.number ?? '', customer: v.customer ?? '', date: v.date ?? '', dueDate: v.dueDate, gross: v.gross ?? '', outstanding: v.outstanding, net: v.net,
      vatRate: v.vatRate, kind: v.kind, description: v.description,
    });
    const wrong = new Set<string>();
    for (const issue of parsed.error?.issues ?? []) {
      const field = String(issue.path[0] ?? 'ligne');
      if (!wrong.has(field)) fail(field, issue.message);
      wrong.add(field);
    }
    // Then what the company file says: a number already given, the customer.
    const number = (v.number ?? '').trim();
    if (!wrong.has('number')) {
      if (numbers.has(number) || taken.has(number)) fail('number', `Le numéro ${number} existe déjà.`);
      numbers.add(number);
    }
    let customer: CustomerRef[] | undefined;
    if (!wrong.has('customer')) {
      const key = (v.customer ?? '').trim();
      // A customer has many invoices in the file: each key is looked up once.
      customer = customersByKey.get(key);
      if (!customer) {
        customer = stmt(db, 'SELECT id, code, name FROM customer WHERE code = ? OR siren = ? OR name = ? COLLATE NOCASE LIMIT 2').all(key.toUpperCase(), compactId(key), key) as CustomerRef[];
        customersByKey.set(key, customer);
      }
      if (customer.length !== 1) fail('customer', customer.length === 0 ? `Client « ${key} » introuvable : importez d’abord vos clients (code C00001, SIREN ou nom exact).` : `Plusieurs clients répondent à « ${key} » : utilisez leur code (C00001…).`);
    }
    if (problems.length > 0 || !parsed.success || customer?.length !== 1) {
      errors.push(...problems);
      continue;
    }
    const inv = parsed.data;
    const postDate = inv.date < openYear.start_date ? openYear.start_date : inv.date;
    if (postDate > openYear.end_date) {
      errors.push({ line, field: 'date', message: 'Facture postérieure à l’exercice ouvert : saisissez-la comme une facture normale.' });
      continue;
    }
    valid.push({
      number: inv.number, customer: customer[0] as CustomerRef, date: inv.date, dueDate: inv.dueDate ?? addDays(inv.date, 30), gross: toCents(inv.gross),
      outstanding: toCents(inv.outstanding ?? inv.gross), net: inv.net ? toCents(inv.net) : null, rate: inv.vatRate ?? null, kind: inv.kind ?? 'services',
      description: inv.description ?? `Reprise de la facture ${inv.number}`, postDate,
    });
  }
  if (dryRun || errors.length > 0) return result(dryRun, rows, headers, errors, 0);
  const accounts = accountMap(db);
  const stamp = now.toISOString();
  // The invoices' ids are known before their rows exist (we are inside an IMMEDIATE transaction): each
  // entry names its invoice as its source, then the invoice is written validated at once, with its number
  // and entry. The entries go into the journal as one batch (same checks, numbering and hash chain as one
  // by one), each invoice written right after its entry.
  const firstId = ((stmt(db, 'SELECT max(id) FROM invoice').pluck().get() as number | null) ?? 0) + 1;
  const insertInvoice = stmt(
    db,
    `INSERT INTO invoice (id, customer_id, date, due_date, vat_regime, net_cents, vat_cents, gross_cents, created_at, updated_at, notes, state, number, entry_id, validated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'validated', ?, ?, ?)`,
  );
  const insertLine = stmt(db, 'INSERT INTO invoice_line (invoice_id, line_no, description, kind, quantity, unit_price, vat_rate, net_cents) VALUES (?, 1, ?, ?, ?, ?, ?, ?)');
  const insertVat = stmt(db, 'INSERT INTO invoice_vat (invoice_id, rate, base_cents, vat_cents) VALUES (?, ?, ?, ?)');
  postEntries(
    db,
    valid.map((inv, i) => ({
      journal: 'OD' as const, date: inv.postDate, label: `Reprise facture ${inv.number} ${inv.customer.name}`, pieceRef: inv.number, pieceDate: inv.date,
      lines: [debit(accounts.customers, inv.outstanding, { aux: inv.customer.code, link: { invoiceId: firstId + i, role: 'invoice' } }), credit(accounts.openingBalances, inv.outstanding)],
      source: { kind: 'opening_invoice', id: firstId + i },
      printed: true,
    })),
    now,
    (entry, i) => {
      const inv = valid[i] as (typeof valid)[number];
      const id = firstId + i;
      const net = inv.net ?? (inv.rate ? baseFromGross(inv.gross, inv.rate) : inv.gross);
      insertInvoice.run(id, inv.customer.id, inv.date, inv.dueDate, company.vatRegime, net, inv.gross - net, inv.gross, stamp, stamp, 'Reprise d’une facture ouverte de l’ancien logiciel', inv.number, entry.id, stamp);
      insertLine.run(id, inv.description, inv.kind, '1', centsToString(net), inv.rate ?? '0', net);
      insertVat.run(id, inv.rate ?? '0', net, inv.gross - net);
    },
  );
  return result(false, rows, headers, errors, valid.length);
}
