import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../src/shared/contract';
import { runCli } from '../../../src/main/cli/run';
import { companyInit } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { repoRoot } from '../../helpers/repo';
import { tempDir } from '../../helpers/temp';
import { bankFile, base64 } from '../bank/bank-files';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env: { ENCOURS_TODAY: '2026-11-22' } });
  return { code, stdout, stderr };
}

async function company() {
  const file = join(tempDir(), 'societe.encours');
  expect((await cli(['--file', file, 'company.init', JSON.stringify(companyInit)])).code).toBe(0);
  return file;
}

const fixture = (name: string) => join(repoRoot, 'test/fixtures/bank', name);

describe('bank.import through the CLI', () => {
  it('imports a CAMT.053 file read with --content-file (its name as fileName), then the same file again adds nothing', async () => {
    const file = await company();
    const first = await cli(['--file', file, 'bank.import', '--content-file', fixture('camt053-001-08.xml')]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(contract['bank.import'].response.parse(JSON.parse(first.stdout))).toEqual({
      statementId: 1, format: 'camt053', lines: 5, added: 5, duplicates: 0, openingBalance: '2500.00', closingBalance: '4614.70', periodFrom: '2026-05-01', periodTo: '2026-05-31',
    });
    const again = await cli(['--file', file, 'bank.import', '{"fileName":"encore.xml"}', '--content-file', fixture('camt053-001-08.xml')]);
    expect(JSON.parse(again.stdout)).toMatchObject({ statementId: 2, lines: 5, added: 0, duplicates: 5 });
    const lines = await cli(['--file', file, 'bank.lines', '{"status":"to_process"}']);
    const rows = contract['bank.lines'].response.parse(JSON.parse(lines.stdout)).rows;
    expect(rows.map((r) => r.amount)).toEqual(['1200.00', '2400.00', '1200.00', '-2750.40', '65.10']);
  });

  it('imports an OFX file given as base64 in the JSON request', async () => {
    const file = await company();
    const run = await cli(['--file', file, 'bank.import', JSON.stringify({ contentBase64: base64(bankFile('ofx2.ofx')), fileName: 'releve.ofx', format: 'ofx' })]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ format: 'ofx', lines: 4, added: 4, closingBalance: '6549.30' });
  });

  it('refuses a statement in dollars with exit 1 and a French VALIDATION on stderr', async () => {
    const file = await company();
    const usd = bankFile('camt053-001-08.xml').toString('utf8').replaceAll('"EUR"', '"USD"');
    const run = await cli(['--file', file, 'bank.import', JSON.stringify({ contentBase64: base64(usd), fileName: 'usd.xml' })]);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    const { error } = JSON.parse(run.stderr) as { error: { code: string; message: string } };
    expect(error.code).toBe('VALIDATION');
    expectFrench(error.message);
  });

  it('refuses --content-file for another channel, or a file that does not exist, as usage errors (exit 2)', async () => {
    const file = await company();
    expect((await cli(['--file', file, 'company.get', '--content-file', fixture('ofx2.ofx')])).code).toBe(2);
    const missing = await cli(['--file', file, 'bank.csvGuess', '--content-file', fixture('absent.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--content-file');
  });

  it('proposes a CSV mapping with bank.csvGuess', async () => {
    const file = await company();
    const run = await cli(['--file', file, 'bank.csvGuess', '--content-file', fixture('releve-montant-signe.csv')]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ delimiter: ',', mapping: { date: 'Date opération', label: 'Libellé', amount: 'Montant' } });
  });
});

describe('bank matching through the CLI', () => {
  it('imports a statement naming an invoice, lists its sure suggestion, matches it, then undoes the match', async () => {
    const file = await company();
    expect((await cli(['--file', file, 'customer.create', JSON.stringify({ name: 'Boulangerie Martin SARL', kind: 'business' })])).code).toBe(0);
    const inv = await cli(['--file', file, 'invoice.create', JSON.stringify({ customerId: 1, date: '2026-05-01', validate: true, lines: [{ description: 'Pain', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }] })]);
    expect(inv.code).toBe(0);
    // The fixture's first transfer: 1 200,00 from BOULANGERIE MARTIN (recognised by name: 97) naming F2026-00021; here the invoice is F2026-00001.
    const xml = bankFile('camt053-001-08.xml').toString('utf8').replace('RF18F202600021', 'F2026-00001');
    expect((await cli(['--file', file, 'bank.import', JSON.stringify({ contentBase64: base64(xml), fileName: 'mai.xml' })])).code).toBe(0);
    const listed = contract['bank.lines'].response.parse(JSON.parse((await cli(['--file', file, 'bank.lines', '{"status":"to_process"}'])).stdout)).rows;
    const line = listed.find((l) => l.remittance === 'F2026-00001')!;
    expect(line.suggestions[0]).toMatchObject({ invoiceNumbers: ['F2026-00001'], amounts: ['1200.00'], confidence: 97 });
    const auto = await cli(['--file', file, 'bank.autoMatch', '{}']);
    expect(JSON.parse(auto.stdout)).toEqual({ matched: 1, lineIds: [line.id] });
    const undone = await cli(['--file', file, 'bank.unmatch', JSON.stringify({ lineId: line.id })]);
    expect(JSON.parse(undone.stdout)).toMatchObject({ status: 'to_process' });
    const s = line.suggestions[0]!;
    const matched = await cli(['--file', file, 'bank.match', JSON.stringify({ lineId: line.id, allocations: [{ invoiceId: s.invoiceIds[0], amount: s.amounts[0] }] })]);
    expect(matched.code).toBe(0);
    expect(JSON.parse(matched.stdout)).toMatchObject({ status: 'matched', paymentId: 2 });
    const again = await cli(['--file', file, 'bank.match', JSON.stringify({ lineId: line.id, allocations: [{ invoiceId: s.invoiceIds[0], amount: s.amounts[0] }] })]);
    expect(again.code).toBe(1);
    const { error } = JSON.parse(again.stderr) as { error: { code: string; message: string } };
    expect(error.code).toBe('CONFLICT');
    expectFrench(error.message);
  });
});
