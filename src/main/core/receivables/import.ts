import Papa from 'papaparse';
import type { Company } from '../../../shared/domain/company';
import { CustomerCreateRequest, DEFAULT_PAYMENT_TERMS_DAYS, type Customer } from '../../../shared/domain/customer';
import { CUSTOMER_COLUMNS, normaliseHeader, OPEN_INVOICE_COLUMNS, type ImportResult } from '../../../shared/domain/import';
import { VAT_RATES } from '../../../shared/domain/invoice';
import { addDays, isValidIsoDate } from '../../../shared/dates';
import { AppError } from '../../../shared/errors';
import { compactId } from '../../../shared/identifiers';
import { baseFromGross } from '../../../shared/invoice-math';
import { centsToString, parseAmount, toCents } from '../../../shared/money';
import type { Db } from '../../db/open';
import { customerColumnsOf, insertCustomer } from '../../db/repositories/customer-repo';
import { stmt } from '../../db/statements';
import { accountMap } from '../ledger/accounts';
import { listFiscalYears } from '../ledger/fiscal-years';
import { credit, debit } from '../ledger/lines';
import { postEntries } from '../ledger/post';

type Row = Record<string, string>;
type Problem = ImportResult['errors'][number];

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
  return { dryRun, rows: rows.length, created, columns: headers, preview: rows.slice(0, 200), errors };
}

/** Customers from a spreadsheet: every line checked with the same rules as the form; all or nothing. */
export function importCustomers(db: Db, csv: string, dryRun: boolean, now: Date): ImportResult {
  const { rows, headers } = parseCsv(csv, CUSTOMER_COLUMNS);
  if (!headers.includes('name')) throw new AppError('VALIDATION', 'Colonne « nom » introuvable : la première ligne doit nommer les colonnes (nom;type;siren;…).', { csv: 'Colonne nom manquante.' });
  const errors: Problem[] = [];
  const valid: Customer[] = [];
  for (const { line, values: v } of rows) {
    const address = v.line1 || v.postcode || v.city ? { line1: v.line1 ?? '', line2: v.line2 ?? '', postcode: v.postcode ?? '', city: v.city ?? '', country: v.country ?? '' } : null;
    const terms = v.paymentTermsDays ? Number(v.paymentTermsDays) : undefined;
    const parsed = CustomerCreateRequest.safeParse({
      name: v.name ?? '', kind: kindOf(v.kind) ?? (v.siren ? 'business' : 'consumer'), siren: v.siren ?? '', vatNumber: v.vatNumber ?? '', email: v.email ?? '',
      phone: v.phone ?? '', address, ...(terms !== undefined ? { paymentTermsDays: Number.isInteger(terms) ? terms : v.paymentTermsDays } : {}), creditLimit: v.creditLimit ?? '', notes: v.notes ?? '',
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

function parseDate(v: string | undefined): string | null {
  if (!v) return null;
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
  const iso = fr ? `${fr[3]}-${fr[2]}-${fr[1]}` : v;
  return isValidIsoDate(iso) ? iso : null;
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
  const customersByKey = new Map<string, { id: number; code: string; name: string }[]>();
  const valid: { number: string; customer: { id: number; code: string; name: string }; date: string; dueDate: string; gross: bigint; outstanding: bigint; net: bigint | null; rate: string | null; kind: 'goods' | 'services'; description: string; postDate: string }[] = [];
  for (const { line, values: v } of rows) {
    const problems: Problem[] = [];
    const fail = (field: string, message: string) => problems.push({ line, field, message });
    const number = (v.number ?? '').trim();
    if (!number) fail('numero', 'Numéro de facture manquant.');
    else if (numbers.has(number) || taken.has(number)) fail('numero', `Le numéro ${number} existe déjà.`);
    else if (/^F\d{4}-\d{5}$/.test(number)) fail('numero', `${number} suit la numérotation d’Encours (F2026-00001…) : gardez le numéro de votre ancien logiciel, il doit rester distinct.`);
    numbers.add(number);
    const key = (v.customer ?? '').trim();
    // A customer has many invoices in the file: each key is looked up once.
    let customer = customersByKey.get(key);
    if (!customer) {
      customer = stmt(db, 'SELECT id, code, name FROM customer WHERE code = ? OR siren = ? OR name = ? COLLATE NOCASE LIMIT 2').all(key.toUpperCase(), compactId(key), key) as { id: number; code: string; name: string }[];
      customersByKey.set(key, customer);
    }
    if (customer.length !== 1) fail('client', customer.length === 0 ? `Client « ${key} » introuvable : importez d’abord vos clients (code C00001, SIREN ou nom exact).` : `Plusieurs clients répondent à « ${key} » : utilisez leur code (C00001…).`);
    const date = parseDate(v.date);
    if (!date) fail('date', 'Date invalide : JJ/MM/AAAA ou AAAA-MM-JJ.');
    const dueDate = v.dueDate ? parseDate(v.dueDate) : date ? addDays(date, 30) : null;
    if (v.dueDate && !dueDate) fail('echeance', 'Échéance invalide : JJ/MM/AAAA ou AAAA-MM-JJ.');
    const gross = parseAmount(v.gross ?? '');
    if (!gross || gross.lte(0)) fail('ttc', 'Montant TTC invalide : un nombre positif, deux décimales au plus (1234,56).');
    const outstanding = v.outstanding ? parseAmount(v.outstanding) : gross;
    if (v.outstanding && (!outstanding || outstanding.lte(0) || (gross && outstanding.gt(gross)))) fail('reste_du', 'Reste dû invalide : positif et au plus égal au TTC.');
    const net = v.net ? parseAmount(v.net) : null;
    if (v.net && (!net || (gross && net.gt(gross)))) fail('ht', 'Montant HT invalide.');
    const rate = v.vatRate ? v.vatRate.replace(',', '.').replace(/\s*%$/, '') : null;
    if (rate && !(VAT_RATES as readonly string[]).includes(rate)) fail('taux', `Taux de TVA inconnu : ${VAT_RATES.join(' ; ')}.`);
    if (problems.length > 0 || !date || !dueDate || !gross || !outstanding || customer.length !== 1) {
      errors.push(...problems);
      continue;
    }
    const postDate = date < openYear.start_date ? openYear.start_date : date;
    if (postDate > openYear.end_date) {
      errors.push({ line, field: 'date', message: 'Facture postérieure à l’exercice ouvert : saisissez-la comme une facture normale.' });
      continue;
    }
    valid.push({ number, customer: customer[0] as { id: number; code: string; name: string }, date, dueDate, gross: toCents(gross), outstanding: toCents(outstanding), net: net ? toCents(net) : null, rate, kind: normaliseHeader(v.kind ?? '').startsWith('bien') || normaliseHeader(v.kind ?? '') === 'goods' ? 'goods' : 'services', description: v.description || `Reprise de la facture ${number}`, postDate });
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
