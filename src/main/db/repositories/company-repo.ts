import type { Company } from '../../../shared/domain/company';
import { centsToString, toCents } from '../../../shared/money';
import type { Db } from '../open';
import { stmt } from '../statements';

interface CompanyRow {
  name: string;
  legal_form: string | null;
  siren: string;
  vat_number: string | null;
  address_line1: string;
  address_line2: string | null;
  postcode: string;
  city: string;
  country: string;
  vat_regime: Company['vatRegime'];
  late_penalty_rate: string | null;
  iban: string | null;
  bic: string | null;
  email: string | null;
  phone: string | null;
  share_capital_cents: bigint | null;
  rcs: string | null;
  payment_difference_cents: bigint;
  facturx_default: bigint;
  created_at: string;
  updated_at: string;
  fy_start: string;
  fy_end: string;
}

/** Column values for the company row, as the core hands them over (null clears a field). */
export interface CompanyColumns {
  name: string;
  legal_form: string | null;
  siren: string;
  vat_number: string | null;
  address_line1: string;
  address_line2: string | null;
  postcode: string;
  city: string;
  country: string;
  vat_regime: string;
  late_penalty_rate: string | null;
  iban: string | null;
  bic: string | null;
  email: string | null;
  phone: string | null;
  share_capital_cents: bigint | null;
  rcs: string | null;
  payment_difference_cents: bigint;
  facturx_default: number;
}

/** The écart de règlement a payment may settle when the company has not chosen: 1,00 €. */
export const DEFAULT_PAYMENT_DIFFERENCE_CENTS = 100n;

const COLUMNS: (keyof CompanyColumns)[] = [
  'name', 'legal_form', 'siren', 'vat_number', 'address_line1', 'address_line2', 'postcode', 'city', 'country',
  'vat_regime', 'late_penalty_rate', 'iban', 'bic', 'email', 'phone', 'share_capital_cents', 'rcs', 'payment_difference_cents',
  'facturx_default',
];

export function readCompany(db: Db): Company | null {
  // Read on every posting: prepared once per connection (statements.ts).
  const row = stmt(
    db,
    `SELECT c.*, fy.start_date AS fy_start, fy.end_date AS fy_end
       FROM company c
       JOIN fiscal_year fy ON fy.id = (SELECT id FROM fiscal_year WHERE status = 'open' ORDER BY start_date LIMIT 1)
      WHERE c.id = 1`,
  )
    .safeIntegers(true)
    .get() as CompanyRow | undefined;
  return row ? toCompany(row) : null;
}

export function insertCompany(db: Db, cols: CompanyColumns, fiscalYear: { start: string; end: string }, now: string) {
  db.prepare(
    `INSERT INTO company (id, ${COLUMNS.join(', ')}, created_at, updated_at)
     VALUES (1, ${COLUMNS.map((c) => `@${c}`).join(', ')}, @now, @now)`,
  ).run({ ...cols, now });
  db.prepare(`INSERT INTO fiscal_year (start_date, end_date) VALUES (?, ?)`).run(fiscalYear.start, fiscalYear.end);
}

export function updateCompany(db: Db, cols: CompanyColumns, now: string) {
  db.prepare(`UPDATE company SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @now WHERE id = 1`).run({ ...cols, now });
}

/** Moves the bounds of the open fiscal year (only while nothing has been posted in it: the ledger checks). */
export function updateOpenFiscalYear(db: Db, fiscalYear: { start: string; end: string }) {
  db.prepare(
    `UPDATE fiscal_year SET start_date = ?, end_date = ?
      WHERE id = (SELECT id FROM fiscal_year WHERE status = 'open' ORDER BY start_date LIMIT 1)`,
  ).run(fiscalYear.start, fiscalYear.end);
}

/** The company as it is written: the threshold of the écarts de règlement may be left to its default. */
export type CompanyRecord = Omit<Company, 'paymentDifferenceThreshold' | 'facturxDefault'> & { paymentDifferenceThreshold?: string | undefined; facturxDefault?: boolean | undefined };

export function companyColumnsOf(c: CompanyRecord): CompanyColumns {
  return {
    name: c.name,
    legal_form: c.legalForm ?? null,
    siren: c.siren,
    vat_number: c.vatNumber ?? null,
    address_line1: c.address.line1,
    address_line2: c.address.line2 ?? null,
    postcode: c.address.postcode,
    city: c.address.city,
    country: c.address.country,
    vat_regime: c.vatRegime,
    late_penalty_rate: c.latePenaltyRate ?? null,
    iban: c.iban ?? null,
    bic: c.bic ?? null,
    email: c.email ?? null,
    phone: c.phone ?? null,
    share_capital_cents: c.shareCapital === undefined ? null : toCents(c.shareCapital),
    rcs: c.rcs ?? null,
    payment_difference_cents: c.paymentDifferenceThreshold === undefined ? DEFAULT_PAYMENT_DIFFERENCE_CENTS : toCents(c.paymentDifferenceThreshold),
    facturx_default: c.facturxDefault === true ? 1 : 0,
  };
}

function toCompany(r: CompanyRow): Company {
  return stripNulls({
    name: r.name,
    legalForm: r.legal_form as Company['legalForm'],
    siren: r.siren,
    vatNumber: r.vat_number,
    address: stripNulls({ line1: r.address_line1, line2: r.address_line2, postcode: r.postcode, city: r.city, country: r.country }),
    vatRegime: r.vat_regime,
    fiscalYear: { start: r.fy_start, end: r.fy_end },
    latePenaltyRate: r.late_penalty_rate,
    iban: r.iban,
    bic: r.bic,
    email: r.email,
    phone: r.phone,
    shareCapital: r.share_capital_cents === null ? null : centsToString(r.share_capital_cents),
    rcs: r.rcs,
    paymentDifferenceThreshold: centsToString(r.payment_difference_cents),
    facturxDefault: Number(r.facturx_default) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }) as Company;
}

/** SQL NULL becomes an absent key: the JSON the doors send has no nulls. */
export function stripNulls<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], null> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out as { [K in keyof T]: Exclude<T[K], null> };
}
