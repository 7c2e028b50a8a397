import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { ServiceContext } from '../../../src/main/core/context';
import { postEntry } from '../../../src/main/core/ledger/post';
import type { RequestInput } from '../../../src/shared/contract';
import { normaliseDecimalText, toCents } from '../../../src/shared/money';
import { callOk } from '../../helpers/context';
import { brasserieBelge, companyInit, jeanneMartin, societeGenerale } from '../../helpers/fixtures';

export const SIREN = '732829320';
export const YEAR1 = { start: '2026-01-01', end: '2026-12-31' };
export const YEAR2 = { start: '2027-01-01', end: '2027-12-31' };

export const FEC_HEADER = [
  'JournalCode', 'JournalLib', 'EcritureNum', 'EcritureDate', 'CompteNum', 'CompteLib', 'CompAuxNum', 'CompAuxLib', 'PieceRef',
  'PieceDate', 'EcritureLib', 'Debit', 'Credit', 'EcritureLet', 'DateLet', 'ValidDate', 'Montantdevise', 'Idevise',
];

export interface LedgerFixture {
  /** Line ids lettered together, with the lettering code and date. */
  lettered: Map<number, { code: string; date: string }>;
  /** Customers' codes and names as the FEC must show them (the third name carries a tab and a line break). */
  customers: { code: string; name: string }[];
}

/** Validates at 18:00 UTC on the day given: ValidDate is that day. */
function clockAt(ctx: ServiceContext, day: string) {
  ctx.now = () => new Date(`${day}T18:00:00.000Z`);
  ctx.today = () => day;
}

async function post(ctx: ServiceContext, validatedOn: string, entry: RequestInput<'ledger.post'>) {
  clockAt(ctx, validatedOn);
  return callOk(ctx, 'ledger.post', entry);
}

/**
 * Two fiscal years built through the real channels: sales to three customers (411 lines with their
 * auxiliary account), payments, bank charges, a large amount, an entry of 2027 validated before 2026 is
 * closed (so the opening entry, number 1, is validated after it), two letterings; 2026 closed.
 */
export async function buildTwoYears(ctx: ServiceContext): Promise<LedgerFixture> {
  clockAt(ctx, '2026-01-02');
  await callOk(ctx, 'company.init', companyInit);
  const sg = await callOk(ctx, 'customer.create', societeGenerale);
  const jm = await callOk(ctx, 'customer.create', jeanneMartin);
  const bb = await callOk(ctx, 'customer.create', { ...brasserieBelge, name: 'Brasserie | de l’Abbaye\tdu\nPort' });

  const f1 = await post(ctx, '2026-01-15', {
    journal: 'OD', date: '2026-01-15', label: 'Facture F2026-00001 Société Générale', pieceRef: 'F2026-00001',
    lines: [
      { account: '411', aux: sg.code, debit: '1200.00' },
      { account: '706', credit: '1000.00', label: 'Prestations « conseil »' },
      { account: '44571', credit: '200.00' },
    ],
  });
  await post(ctx, '2026-02-10', {
    journal: 'OD', date: '2026-02-10', label: 'Facture F2026-00002 Jeanne Martin', pieceRef: 'F2026-00002',
    lines: [
      { account: '411', aux: jm.code, debit: '60.00' },
      { account: '707', credit: '50.00' },
      { account: '44571', credit: '10.00' },
    ],
  });
  const p1 = await post(ctx, '2026-03-02', {
    journal: 'BQ', date: '2026-03-01', label: 'Règlement Société Générale', pieceRef: 'VIR-0301', pieceDate: '2026-02-28',
    lines: [
      { account: '512', debit: '1200.00' },
      { account: '411', aux: sg.code, credit: '1200.00' },
    ],
  });
  await post(ctx, '2026-03-05', {
    journal: 'CA', date: '2026-03-05', label: 'Acompte en espèces Jeanne Martin', pieceRef: 'REC-12',
    lines: [
      { account: '530', debit: '20.00' },
      { account: '411', aux: jm.code, credit: '20.00' },
    ],
  });
  await post(ctx, '2026-06-30', {
    journal: 'OD', date: '2026-06-30', label: 'Frais bancaires', pieceRef: 'RELEVE-06',
    lines: [
      { account: '627', debit: '15.50' },
      { account: '512', credit: '15.50' },
    ],
  });
  const big = await post(ctx, '2026-09-30', {
    journal: 'OD', date: '2026-09-30', label: 'Facture F2026-00003 Brasserie', pieceRef: 'F2026-00003',
    lines: [
      { account: '411', aux: bb.code, debit: '1234567.89' },
      { account: '706', credit: '1028806.58' },
      { account: '44571', credit: '205761.31' },
    ],
  });
  const p2 = await post(ctx, '2026-10-15', {
    journal: 'BQ', date: '2026-10-15', label: 'Règlement Brasserie', pieceRef: 'VIR-1015',
    lines: [
      { account: '512', debit: '1234567.89' },
      { account: '411', aux: bb.code, credit: '1234567.89' },
    ],
  });

  // Lettering has no channel yet: rows straight into its tables, as the lettering operations will write them.
  const lettered = new Map<number, { code: string; date: string }>();
  const letter = (account: string, aux: string, code: string, date: string, lineIds: number[]) => {
    const db = ctx.file.db();
    const id = Number(db.prepare('INSERT INTO lettering (account, aux, code, date, created_at) VALUES (?, ?, ?, ?, ?)').run(account, aux, code, date, `${date}T12:00:00.000Z`).lastInsertRowid);
    for (const lineId of lineIds) {
      db.prepare('INSERT INTO lettering_line (line_id, lettering_id) VALUES (?, ?)').run(lineId, id);
      lettered.set(lineId, { code, date });
    }
  };
  const line411 = (e: { lines: { id: number; account: string }[] }) => e.lines.find((l) => l.account === '411')?.id as number;
  letter('411', sg.code, 'A', '2026-03-01', [line411(f1), line411(p1)]);
  letter('411', bb.code, 'B', '2026-10-15', [line411(big), line411(p2)]);

  // 2027 exists, and gets an entry, before 2026 is closed.
  clockAt(ctx, '2027-01-05');
  await callOk(ctx, 'fiscalYear.createNext', {});
  await post(ctx, '2027-01-05', {
    journal: 'OD', date: '2027-01-04', label: 'Facture F2027-00001 Société Générale', pieceRef: 'F2027-00001',
    lines: [
      { account: '411', aux: sg.code, debit: '600.00' },
      { account: '706', credit: '500.00' },
      { account: '44571', credit: '100.00' },
    ],
  });
  clockAt(ctx, '2027-02-10');
  await callOk(ctx, 'period.close', { fiscalYearEnd: YEAR1.end });
  await post(ctx, '2027-02-12', {
    journal: 'CA', date: '2027-02-12', label: 'Solde en espèces Jeanne Martin', pieceRef: 'REC-13',
    lines: [
      { account: '530', debit: '40.00' },
      { account: '411', aux: jm.code, credit: '40.00' },
    ],
  });

  return {
    lettered,
    customers: [
      { code: sg.code, name: sg.name },
      { code: jm.code, name: jm.name },
      { code: bb.code, name: 'Brasserie de l’Abbaye du Port' },
    ],
  };
}

export interface FecLine {
  raw: string;
  fields: string[];
  get: (column: (typeof FEC_HEADER)[number]) => string;
}

/** The FEC as text lines (CRLF), the header apart; fails on a line break of any other kind. */
export function readFec(path: string): { text: string; header: string[]; lines: FecLine[] } {
  const text = readFileSync(path, 'utf8');
  expect(text.endsWith('\r\n'), 'the last line ends with CRLF').toBe(true);
  const records = text.slice(0, -2).split('\r\n');
  expect(records.filter((r) => /[\r\n]/.test(r)), 'no lone CR or LF inside a line').toEqual([]);
  const [head = '', ...rest] = records;
  const lines = rest.map((raw) => {
    const fields = raw.split('\t');
    return { raw, fields, get: (c: string) => fields[FEC_HEADER.indexOf(c)] as string };
  });
  return { text, header: head.split('\t'), lines };
}

/** "1234,56" → cents, exactly. */
export function fecCents(amount: string): bigint {
  expect(amount, 'decimal comma, two decimals, no thousands separator').toMatch(/^\d+,\d{2}$/);
  return toCents(normaliseDecimalText(amount));
}

/**
 * A company whose 2026 holds `entries` two-line entries (bank / sales), posted through the real posting
 * function in one transaction: a ledger big enough for an export to pause and flush several times.
 */
export async function bigLedger(ctx: ServiceContext, entries: number): Promise<void> {
  await callOk(ctx, 'company.init', companyInit);
  const now = ctx.now();
  ctx.file.write((db) => {
    for (let i = 1; i <= entries; i++) {
      const cents = BigInt(100 + (i % 997) * 37);
      const day = String(1 + (i % 28)).padStart(2, '0');
      postEntry(
        db,
        {
          journal: 'BQ', date: `2026-03-${day}`, label: `Encaissement comptant n° ${i}`, pieceRef: `REC-${i}`,
          lines: [{ account: '512', debit: cents }, { account: '706', credit: cents }],
        },
        now,
      );
    }
  });
}
