import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNALS } from '../../../src/shared/accounts';
import { isValidIsoDate } from '../../../src/shared/dates';
import type { Entry } from '../../../src/shared/domain/ledger';
import { centsToString, toCents } from '../../../src/shared/money';
import { callOk, makeTestCompany, type TestCompany } from '../../helpers/context';
import { buildTwoYears, FEC_HEADER, fecCents, readFec, SIREN, YEAR1, YEAR2, type FecLine, type LedgerFixture } from './fixture';

let tc: TestCompany & { dispose: () => void };
let fixture: LedgerFixture;
const exported: Record<'year1' | 'year2', { path: string; lines: number }> = { year1: { path: '', lines: 0 }, year2: { path: '', lines: 0 } };

beforeAll(async () => {
  tc = makeTestCompany();
  fixture = await buildTwoYears(tc.ctx);
  exported.year1 = await callOk(tc.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: tc.dir });
  exported.year2 = await callOk(tc.ctx, 'export.fec', { fiscalYearEnd: YEAR2.end, output: tc.dir });
});
afterAll(() => tc.dispose());

const years = [
  { name: 'year1', fy: YEAR1, closed: true },
  { name: 'year2', fy: YEAR2, closed: false },
] as const;

/** The year's entries through another door (ledger.entries): the opening entry first, then validation order. */
async function expectedEntries(fy: { start: string; end: string }): Promise<Entry[]> {
  const { rows } = await callOk(tc.ctx, 'ledger.entries', { from: fy.start, to: fy.end, limit: 10_000 });
  return [...rows.filter((e) => e.journal === 'AN'), ...rows.filter((e) => e.journal !== 'AN').sort((a, b) => a.seq - b.seq)];
}

const compact = (iso: string) => iso.slice(0, 10).replace(/-/g, '');

describe.each(years)('the FEC of $name ($fy.end)', ({ name, fy }) => {
  const file = () => readFec(exported[name].path);

  it('is named <SIREN>FEC<closing date>.txt in the folder asked for, and reports its data lines', () => {
    expect(basename(exported[name].path)).toBe(`${SIREN}FEC${compact(fy.end)}.txt`);
    expect(dirname(exported[name].path)).toBe(tc.dir);
    expect(exported[name].lines).toBe(file().lines.length);
    expect(exported[name].lines).toBeGreaterThan(0);
  });

  it('is UTF-8 without a byte order mark, with CRLF line ends', () => {
    const bytes = readFileSync(exported[name].path);
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes), 'valid UTF-8').toBe(true);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n').length - 1, 'one CRLF per line, header included').toBe(exported[name].lines + 1);
    expect(text.replace(/\r\n/g, ''), 'no other line break').not.toMatch(/[\r\n]/);
  });

  it('starts with the header naming the 18 columns of A47 A-1 in their order, tab separated', () => {
    expect(file().header).toEqual(FEC_HEADER);
    expect(file().text.startsWith(`${FEC_HEADER.join('\t')}\r\n`)).toBe(true);
  });

  it('has exactly 18 tab-separated fields on every line, none with a control character or a |, the other separator A47 A-1 allows', () => {
    for (const l of file().lines) {
      expect(l.fields, l.raw).toHaveLength(18);
      for (const f of l.fields) expect(f, l.raw).not.toMatch(/[\u0000-\u001f\u007f|]/); // eslint-disable-line no-control-regex
    }
  });

  it('writes every CompteNum with three digits at least, as DGFiP’s Test Compta Demat wants', () => {
    const numbers = new Set(file().lines.map((l) => l.get('CompteNum')));
    expect(numbers.size).toBeGreaterThan(3);
    for (const n of numbers) expect(n, n).toMatch(/^\d{3,}$/);
    expect([...numbers]).toContain('530');
  });

  it('writes dates as AAAAMMJJ: EcritureDate in the year, PieceDate, ValidDate, DateLet when lettered', () => {
    const aaaammjj = (v: string) => /^\d{8}$/.test(v) && isValidIsoDate(`${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`);
    for (const l of file().lines) {
      for (const c of ['EcritureDate', 'PieceDate', 'ValidDate'] as const) expect(aaaammjj(l.get(c)), `${c} in ${l.raw}`).toBe(true);
      expect(l.get('EcritureDate') >= compact(fy.start) && l.get('EcritureDate') <= compact(fy.end), l.raw).toBe(true);
      if (l.get('DateLet') !== '') expect(aaaammjj(l.get('DateLet')), l.raw).toBe(true);
    }
  });

  it('writes Debit and Credit with a decimal comma, no thousands separator, "0,00" on the side not used', () => {
    for (const l of file().lines) {
      const debit = fecCents(l.get('Debit'));
      const credit = fecCents(l.get('Credit'));
      expect((debit === 0n) !== (credit === 0n), `one side only: ${l.raw}`).toBe(true);
    }
  });

  it('never leaves PieceRef or EcritureLib empty, and leaves Montantdevise and Idevise empty', () => {
    for (const l of file().lines) {
      expect(l.get('PieceRef'), l.raw).not.toBe('');
      expect(l.get('EcritureLib'), l.raw).not.toBe('');
      expect(l.get('Montantdevise')).toBe('');
      expect(l.get('Idevise')).toBe('');
    }
  });

  it('numbers entries continuously from 1 (EcritureNum), each entry’s lines together, in file order', () => {
    const nums = file().lines.map((l) => Number(l.get('EcritureNum')));
    const distinct = nums.filter((n, i) => i === 0 || n !== nums[i - 1]);
    expect(new Set(distinct).size, 'an entry’s lines are contiguous').toBe(distinct.length);
    expect(distinct).toEqual(distinct.map((_, i) => i + 1));
  });

  it('has one line per line of every validated entry of the year, the opening entry first then in validation order, each field from the ledger', async () => {
    const entries = await expectedEntries(fy);
    const expected = entries.flatMap((e) => e.lines.map((line) => ({ e, line })));
    const lines = file().lines;
    expect(lines).toHaveLength(expected.length);
    lines.forEach((l: FecLine, i) => {
      const { e, line } = expected[i] as (typeof expected)[number];
      const lettering = fixture.lettered.get(line.id);
      expect(l.fields, `line ${i + 1}`).toEqual([
        e.journal,
        JOURNALS[e.journal as keyof typeof JOURNALS],
        String(e.num),
        compact(e.date),
        line.account,
        line.accountLabel,
        line.aux ?? '',
        line.aux ? (fixture.customers.find((c) => c.code === line.aux)?.name ?? '?') : '',
        e.pieceRef,
        compact(e.pieceDate),
        line.label,
        centsToString(toCents(line.debit)).replace('.', ','),
        centsToString(toCents(line.credit)).replace('.', ','),
        lettering?.code ?? '',
        lettering ? compact(lettering.date) : '',
        compact(e.validatedAt),
        '',
        '',
      ]);
    });
  });

  it('gives every account the balance of the trial balance for the year, general and per customer', async () => {
    const byAccount = new Map<string, bigint>();
    const byAux = new Map<string, bigint>();
    let debit = 0n;
    let credit = 0n;
    for (const l of file().lines) {
      const d = fecCents(l.get('Debit'));
      const c = fecCents(l.get('Credit'));
      debit += d;
      credit += c;
      byAccount.set(l.get('CompteNum'), (byAccount.get(l.get('CompteNum')) ?? 0n) + d - c);
      const key = `${l.get('CompteNum')}/${l.get('CompAuxNum')}`;
      byAux.set(key, (byAux.get(key) ?? 0n) + d - c);
    }
    expect(debit, 'total debit = total credit').toBe(credit);

    const tb = await callOk(tc.ctx, 'report.trialBalance', { from: fy.start, to: fy.end });
    expect(Object.fromEntries([...byAccount].map(([a, b]) => [a, centsToString(b)]))).toEqual(Object.fromEntries(tb.rows.map((r) => [r.account, r.balance])));
    const tbAux = await callOk(tc.ctx, 'report.trialBalance', { from: fy.start, to: fy.end, byAux: true });
    expect(Object.fromEntries([...byAux].map(([a, b]) => [a, centsToString(b)]))).toEqual(Object.fromEntries(tbAux.rows.map((r) => [`${r.account}/${r.aux ?? ''}`, r.balance])));
  });
});

describe('the two years of the test ledger', () => {
  it('puts the opening entry (AN, EcritureNum 1) first in 2027 although it was validated after an entry of 2027', async () => {
    const { lines } = readFec(exported.year2.path);
    const an = lines.filter((l) => l.get('JournalCode') === 'AN');
    expect(an.length).toBeGreaterThan(0);
    expect(lines.slice(0, an.length).every((l) => l.get('JournalCode') === 'AN' && l.get('EcritureNum') === '1')).toBe(true);
    expect(an.every((l) => l.get('JournalLib') === 'À-nouveaux' && l.get('EcritureDate') === '20270101')).toBe(true);
    const after = lines[an.length] as FecLine;
    expect(after.get('ValidDate') < (an[0] as FecLine).get('ValidDate'), 'the next entry was validated earlier').toBe(true);
    expect(after.get('EcritureNum')).toBe('2');
    // The opening entry carries the customers' balances with their auxiliary accounts.
    expect(an.filter((l) => l.get('CompteNum') === '411').map((l) => [l.get('CompAuxNum'), l.get('Debit')])).toEqual([['C00002', '40,00']]);
  });

  it('numbers the first year from 1 without an opening entry', () => {
    const { lines } = readFec(exported.year1.path);
    expect(lines[0]?.get('EcritureNum')).toBe('1');
    expect(lines.some((l) => l.get('JournalCode') === 'AN')).toBe(false);
  });

  it('shows the customer in CompAuxNum and CompAuxLib on 411 lines only, a tab, a line break or a | of a name turned into a space', () => {
    const { lines } = readFec(exported.year1.path);
    for (const l of lines) {
      if (l.get('CompteNum').startsWith('411')) {
        const customer = fixture.customers.find((c) => c.code === l.get('CompAuxNum'));
        expect(customer, l.raw).toBeDefined();
        expect(l.get('CompAuxLib')).toBe(customer?.name);
      } else {
        expect([l.get('CompAuxNum'), l.get('CompAuxLib')], l.raw).toEqual(['', '']);
      }
    }
    expect(lines.map((l) => l.get('CompAuxLib'))).toContain('Brasserie de l’Abbaye du Port');
  });

  it('fills EcritureLet and DateLet on lettered lines only', () => {
    const { lines } = readFec(exported.year1.path);
    const lettered = lines.filter((l) => l.get('EcritureLet') !== '').map((l) => [l.get('PieceRef'), l.get('CompteNum'), l.get('EcritureLet'), l.get('DateLet')]);
    expect(lettered).toEqual([
      ['F2026-00001', '411', 'A', '20260301'],
      ['VIR-0301', '411', 'A', '20260301'],
      ['F2026-00003', '411', 'B', '20261015'],
      ['VIR-1015', '411', 'B', '20261015'],
    ]);
    expect(lines.filter((l) => l.get('EcritureLet') === '').every((l) => l.get('DateLet') === '')).toBe(true);
  });

  it('writes a large amount without thousands separator', () => {
    const { lines } = readFec(exported.year1.path);
    expect(lines.find((l) => l.get('PieceRef') === 'F2026-00003' && l.get('CompteNum') === '411')?.get('Debit')).toBe('1234567,89');
  });

  it('keeps PieceDate apart from EcritureDate and ValidDate as the date the entry was validated', () => {
    const { lines } = readFec(exported.year1.path);
    const payment = lines.find((l) => l.get('PieceRef') === 'VIR-0301') as FecLine;
    expect([payment.get('EcritureDate'), payment.get('PieceDate'), payment.get('ValidDate')]).toEqual(['20260301', '20260228', '20260302']);
  });

  it('writes to the .txt path given instead of a folder, replacing an earlier export', async () => {
    const target = join(tc.dir, 'fec-2026.txt');
    const first = await callOk(tc.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: target });
    const again = await callOk(tc.ctx, 'export.fec', { fiscalYearEnd: YEAR1.end, output: target });
    expect(first).toEqual({ path: target, lines: exported.year1.lines });
    expect(again).toEqual(first);
    expect(readFileSync(target)).toEqual(readFileSync(exported.year1.path));
  });
});
