import type { Customer, CustomerKind } from '../../../shared/domain/customer';
import { centsToString, toCents } from '../../../shared/money';
import type { Db } from '../open';
import { stmt } from '../statements';
import { containsPattern, foldForSearch } from '../text-search';
import { stripNulls } from './company-repo';

interface CustomerRow {
  id: bigint;
  code: string;
  name: string;
  kind: CustomerKind;
  siren: string | null;
  vat_number: string | null;
  email: string | null;
  phone: string | null;
  address_line1: string | null;
  address_line2: string | null;
  postcode: string | null;
  city: string | null;
  country: string | null;
  payment_terms_days: bigint;
  credit_limit_cents: bigint | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface CustomerColumns {
  name: string;
  kind: CustomerKind;
  siren: string | null;
  vat_number: string | null;
  email: string | null;
  phone: string | null;
  address_line1: string | null;
  address_line2: string | null;
  postcode: string | null;
  city: string | null;
  country: string | null;
  payment_terms_days: number;
  credit_limit_cents: bigint | null;
  notes: string | null;
}

const COLUMNS: (keyof CustomerColumns)[] = [
  'name', 'kind', 'siren', 'vat_number', 'email', 'phone', 'address_line1', 'address_line2', 'postcode', 'city',
  'country', 'payment_terms_days', 'credit_limit_cents', 'notes',
];

/** Auxiliary account code from the row id: AUTOINCREMENT never hands an id out twice. */
export function customerCode(id: number | bigint): string {
  return `C${id.toString().padStart(5, '0')}`;
}

function searchText(c: CustomerColumns, code: string): string {
  return foldForSearch([code, c.name, c.siren, c.vat_number, c.email, c.postcode, c.city].filter(Boolean).join(' '));
}

export function insertCustomer(db: Db, cols: CustomerColumns, now: string): number {
  // The code comes from the next AUTOINCREMENT value, read inside the caller's IMMEDIATE transaction.
  const last = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'customer'").pluck().get() as number | undefined;
  const id = (last ?? 0) + 1;
  const code = customerCode(id);
  db.prepare(
    `INSERT INTO customer (id, code, ${COLUMNS.join(', ')}, search_text, created_at, updated_at)
     VALUES (@id, @code, ${COLUMNS.map((c) => `@${c}`).join(', ')}, @search, @now, @now)`,
  ).run({ ...cols, id, code, search: searchText(cols, code), now });
  return id;
}

export function updateCustomer(db: Db, id: number, code: string, cols: CustomerColumns, now: string) {
  db.prepare(
    `UPDATE customer SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')}, search_text = @search, updated_at = @now WHERE id = @id`,
  ).run({ ...cols, search: searchText(cols, code), now, id });
}

export function readCustomer(db: Db, id: number): Customer | null {
  const row = stmt(db, 'SELECT * FROM customer WHERE id = ?').safeIntegers(true).get(id) as CustomerRow | undefined;
  return row ? toCustomer(row) : null;
}

export function listCustomers(
  db: Db,
  q: { search?: string | undefined; kind?: CustomerKind | undefined; limit: number; offset: number },
): { rows: Customer[]; total: number } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.search) {
    where.push("search_text LIKE @pattern ESCAPE '\\'");
    params.pattern = containsPattern(q.search);
  }
  if (q.kind) {
    where.push('kind = @kind');
    params.kind = q.kind;
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare(`SELECT count(*) AS n FROM customer ${clause}`).pluck().get(params) as number;
  const rows = db
    .prepare(`SELECT * FROM customer ${clause} ORDER BY name COLLATE NOCASE, id LIMIT @limit OFFSET @offset`)
    .safeIntegers(true)
    .all({ ...params, limit: q.limit, offset: q.offset }) as CustomerRow[];
  return { rows: rows.map(toCustomer), total };
}

export function customerColumnsOf(c: Customer): CustomerColumns {
  return {
    name: c.name,
    kind: c.kind,
    siren: c.siren ?? null,
    vat_number: c.vatNumber ?? null,
    email: c.email ?? null,
    phone: c.phone ?? null,
    address_line1: c.address?.line1 ?? null,
    address_line2: c.address?.line2 ?? null,
    postcode: c.address?.postcode ?? null,
    city: c.address?.city ?? null,
    country: c.address?.country ?? null,
    payment_terms_days: c.paymentTermsDays,
    credit_limit_cents: c.creditLimit === undefined ? null : toCents(c.creditLimit),
    notes: c.notes ?? null,
  };
}

function toCustomer(r: CustomerRow): Customer {
  const address =
    r.address_line1 && r.postcode && r.city
      ? stripNulls({ line1: r.address_line1, line2: r.address_line2, postcode: r.postcode, city: r.city, country: r.country ?? 'FR' })
      : null;
  return stripNulls({
    id: Number(r.id),
    code: r.code,
    name: r.name,
    kind: r.kind,
    siren: r.siren,
    vatNumber: r.vat_number,
    email: r.email,
    phone: r.phone,
    address,
    paymentTermsDays: Number(r.payment_terms_days),
    creditLimit: r.credit_limit_cents === null ? null : centsToString(r.credit_limit_cents),
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }) as Customer;
}
