import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centsToString, normaliseDecimalText, toCents } from '../../../src/shared/money';
import { callOk, makeTestCompany, type TestCompany } from '../../helpers/context';
import { buildTwoYears, readFec, YEAR1, YEAR2 } from './fixture';

/**
 * An independent reader: hledger parses the FEC as tab-separated CSV (dates AAAAMMJJ, decimal comma,
 * Debit/Credit) and computes the balances itself. hledger is a required test tool (Debian package
 * `hledger`, installed by .ci/run): its absence fails the test, it is never skipped.
 */
const RULES = `# The FEC of LPF art. A47 A-1, read by hledger.
separator TAB
skip 1
date-format %Y%m%d
decimal-mark ,
fields journal, journallib, num, date, compte, comptelib, aux, auxlib, piece, piecedate, description, debit, credit, lettrage, datelet, validdate, montantdevise, idevise
code %num
account1 %compte
amount1-in %debit
amount1-out %credit
account2 equilibre
if %aux .
  account1 %compte:%aux
`;

function hledger(args: string[]): string {
  const r = spawnSync('hledger', args, { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    expect.fail('hledger est introuvable : installez-le (Debian/Ubuntu : apt-get install -y hledger). Ce test relit le FEC avec hledger et ne peut pas être sauté.');
  }
  expect(r.status, `hledger ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

/** hledger's CSV report → account → cents (its amounts keep the file's decimal comma). */
function balances(csv: string): Record<string, string> {
  const out: Record<string, string> = {};
  const rows = csv.trim().split(/\r?\n/).slice(1);
  for (const row of rows) {
    const m = /^"([^"]*)","([^"]*)"$/.exec(row);
    expect(m, row).not.toBeNull();
    const [, account = '', amount = ''] = m as RegExpExecArray;
    out[account] = centsToString(toCents(normaliseDecimalText(amount)));
  }
  return out;
}

let tc: TestCompany & { dispose: () => void };
let rules: string;

beforeAll(async () => {
  tc = makeTestCompany();
  await buildTwoYears(tc.ctx);
  rules = join(tc.dir, 'fec.rules');
  writeFileSync(rules, RULES);
});
afterAll(() => tc.dispose());

describe.each([
  { name: '2026 (closed)', fy: YEAR1 },
  { name: '2027 (open, opening entry first)', fy: YEAR2 },
])('hledger reading the FEC of $name', ({ fy }) => {
  it('parses every line and finds the balance of every account equal to the trial balance', async () => {
    const { path, lines } = await callOk(tc.ctx, 'export.fec', { fiscalYearEnd: fy.end, output: tc.dir });
    const input = ['-f', `csv:${path}`, '--rules-file', rules];

    const register = hledger([...input, 'register', 'not:equilibre', '-O', 'csv']);
    expect(register.trim().split(/\r?\n/).length - 1, 'one posting per FEC line').toBe(lines);
    expect(lines).toBe(readFec(path).lines.length);

    const nonZero = <T extends { balance: string }>(rows: T[]) => rows.filter((r) => r.balance !== '0.00');
    const tb = await callOk(tc.ctx, 'report.trialBalance', { from: fy.start, to: fy.end });
    const general = balances(hledger([...input, 'balance', '--flat', '--no-total', '--depth', '1', '-O', 'csv']));
    expect(general, 'per general account; the balancing account nets to zero').toEqual(
      Object.fromEntries(nonZero(tb.rows).map((r) => [r.account, r.balance])),
    );

    const tbAux = await callOk(tc.ctx, 'report.trialBalance', { from: fy.start, to: fy.end, byAux: true });
    const detailed = balances(hledger([...input, 'balance', '--flat', '--no-total', '-O', 'csv']));
    expect(detailed, 'per account and customer').toEqual(
      Object.fromEntries(nonZero(tbAux.rows).map((r) => [r.aux ? `${r.account}:${r.aux}` : r.account, r.balance])),
    );
    expect(Object.keys(detailed).some((a) => /^411:C\d{5}$/.test(a)), 'CompAuxNum read as the customer’s sub-account').toBe(true);
  });
});
