import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsToString } from '../../../src/shared/money';
import { callOk, makeTestCompany } from '../../helpers/context';
import { companyInit } from '../../helpers/fixtures';
import { base64 } from './bank-files';

interface Line {
  day: number;
  cents: number;
  label: string;
  fitId?: string;
}

/** Few days, amounts and labels: identical lines (same day, amount, label) come up often. */
const lineArb = fc.record({
  day: fc.integer({ min: 1, max: 6 }),
  cents: fc.constantFrom(-800, -4520, 120000, 35050, 1, -99999999, 250),
  label: fc.constantFrom('COMMISSION INTERVENTION', 'VIR SEPA BOULANGERIE MARTIN', 'Prélèvement EDF', 'Chèque remis n° 12', 'CB  CARREFOUR'),
});

/** Lines in the bank's order: by day. */
const statementArb = fc.array(lineArb, { minLength: 1, maxLength: 25 }).map((ls) => [...ls].sort((a, b) => a.day - b.day));

const iso = (day: number) => `2026-09-${String(day).padStart(2, '0')}`;
const french = (cents: number) => centsToString(cents).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d),)/g, ' ');

function csv(lines: readonly Line[]): string {
  return ['Date;Libellé;Montant', ...lines.map((l) => `${String(l.day).padStart(2, '0')}/09/2026;${l.label};${french(l.cents)}`), ''].join('\r\n');
}

/** An OFX 1.x SGML file in Windows-1252, each transaction with its FITID. */
function ofx(lines: readonly Line[]): Buffer {
  const trn = lines.map((l) => `<STMTTRN>\r\n<TRNTYPE>OTHER\r\n<DTPOSTED>202609${String(l.day).padStart(2, '0')}\r\n<TRNAMT>${centsToString(l.cents)}\r\n<FITID>${l.fitId}\r\n<NAME>${l.label}\r\n</STMTTRN>`);
  const text = [
    'OFXHEADER:100', 'DATA:OFXSGML', 'VERSION:102', 'SECURITY:NONE', 'ENCODING:USASCII', 'CHARSET:1252', 'COMPRESSION:NONE', 'OLDFILEUID:NONE', 'NEWFILEUID:NONE', '',
    '<OFX>', '<BANKMSGSRSV1>', '<STMTTRNRS>', '<STMTRS>', '<CURDEF>EUR', '<BANKTRANLIST>', ...trn, '</BANKTRANLIST>', '</STMTRS>', '</STMTTRNRS>', '</BANKMSGSRSV1>', '</OFX>', '',
  ].join('\r\n');
  return Buffer.from(text, 'latin1');
}

/** What the account holds, as a sorted multiset of "date amount label". */
const multiset = (rows: readonly { date: string; amount: string; label: string }[]) => rows.map((r) => `${r.date} ${r.amount} ${r.label.replace(/\s+/g, ' ')}`).sort();
const expected = (lines: readonly Line[]) => multiset(lines.map((l) => ({ date: iso(l.day), amount: centsToString(l.cents), label: l.label })));

async function withCompany(run: (ctx: ReturnType<typeof makeTestCompany>['ctx']) => Promise<void>) {
  const tc = makeTestCompany();
  try {
    await callOk(tc.ctx, 'company.init', companyInit);
    await run(tc.ctx);
  } finally {
    tc.dispose();
  }
}

describe('dedup (property)', () => {
  it('a CSV without bank ids, imported twice, or as two halves sharing whole days, yields each line once', async () => {
    await fc.assert(
      fc.asyncProperty(statementArb, fc.nat(), fc.nat(), fc.boolean(), async (lines, a, b, twice) => {
        const days = [...new Set(lines.map((l) => l.day))];
        // The first half ends with day `last`, the second starts with day `first` <= last + 1: they overlap on whole days (or just touch).
        const last = days[a % days.length]!;
        const first = Math.min(days[b % days.length]!, last + 1);
        const halves = twice ? [lines, lines] : [lines.filter((l) => l.day <= last), lines.filter((l) => l.day >= first)];
        await withCompany(async (ctx) => {
          let added = 0;
          for (const [i, half] of halves.entries()) {
            if (half.length === 0) continue;
            added += (await callOk(ctx, 'bank.import', { contentBase64: base64(csv(half)), fileName: `releve-${i}.csv` })).added;
          }
          const rows = (await callOk(ctx, 'bank.lines', {})).rows;
          expect(multiset(rows)).toEqual(expected(lines));
          expect(added).toBe(lines.length);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('an OFX with FITIDs, imported twice or as any two overlapping halves (cut anywhere), yields each line once', async () => {
    await fc.assert(
      fc.asyncProperty(statementArb, fc.nat(), fc.nat(), fc.boolean(), async (generated, a, b, twice) => {
        const lines = generated.map((l, i) => ({ ...l, fitId: `FIT${String(i).padStart(5, '0')}` }));
        const end = 1 + (a % lines.length);
        const start = b % end;
        const halves = twice ? [lines, lines] : [lines.slice(0, end), lines.slice(start)];
        await withCompany(async (ctx) => {
          for (const [i, half] of halves.entries()) {
            if (half.length === 0) continue;
            await callOk(ctx, 'bank.import', { contentBase64: base64(ofx(half)), fileName: `releve-${i}.ofx` });
          }
          const rows = (await callOk(ctx, 'bank.lines', {})).rows;
          expect(multiset(rows)).toEqual(expected(lines));
          expect(rows.map((r) => r.bankRef).sort()).toEqual(lines.map((l) => l.fitId));
        });
      }),
      { numRuns: 40 },
    );
  });
});
