import { describe, expect, it } from 'vitest';
import { callErr, callOk, testCompany } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { companyInit } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { bankFile, base64, brief } from './bank-files';

async function setup() {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', companyInit);
  return tc;
}

const importFile = (ctx: Parameters<typeof callOk>[0], name: string, extra: object = {}) =>
  callOk(ctx, 'bank.import', { contentBase64: base64(bankFile(name)), fileName: name, ...extra });

describe('bank.import', () => {
  it('imports an OFX 1.x statement: its lines to process, in order, amounts to the cent, the closing balance kept', async () => {
    const { ctx } = await setup();
    const r = await importFile(ctx, 'ofx1-sgml-latin1.ofx');
    expect(r).toEqual({ statementId: 1, format: 'ofx', lines: 5, added: 5, duplicates: 0, closingBalance: '5406.81', periodFrom: '2026-03-01', periodTo: '2026-03-15' });
    const { rows } = await callOk(ctx, 'bank.lines', { statementId: 1 });
    expect(brief(rows)).toEqual([
      ['2026-03-02', '-45.20', 'Prélèvement EDF'],
      ['2026-03-05', '1200.00', 'VIR SEPA BOULANGERIE MARTIN'],
      ['2026-03-09', '350.50', 'Chèque remis n° 1234567'],
      ['2026-03-12', '-89.99', 'Chèque émis'],
      ['2026-03-15', '-8.50', 'Frais de tenue de compte'],
    ]);
    expect(rows.every((l) => l.status === 'to_process' && l.suggestions.length === 0)).toBe(true);
    expect(rows[1]).toMatchObject({ remittance: 'F2026-00001', bankRef: '2026030500002', statementId: 1 });
  });

  it('keeps the opening and closing balances of a CAMT.053 statement in cents, and its period', async () => {
    const { ctx, path } = await setup();
    const r = await importFile(ctx, 'camt053-001-02.xml');
    expect(r).toMatchObject({ format: 'camt053', lines: 6, added: 6, openingBalance: '10000.00', closingBalance: '14278.00', periodFrom: '2026-04-01', periodTo: '2026-04-30' });
    const dump = JSON.parse(dumpDb(path)) as { tables: { bank_statement: Record<string, unknown>[] } };
    expect(dump.tables.bank_statement[0]).toMatchObject({
      account: '512',
      file_name: 'camt053-001-02.xml',
      format: 'camt053',
      bank_account: 'FR7630004008200001012345678',
      imported_at: '2026-11-22T10:00:00.000Z',
      opening_balance_cents: '1000000n',
      closing_balance_cents: '1427800n',
      period_from: '2026-04-01',
      period_to: '2026-04-30',
    });
  });

  it('imports the same file twice: the second time adds nothing', async () => {
    const { ctx } = await setup();
    for (const name of ['camt053-001-08.xml', 'ofx2.ofx', 'releve-debit-credit.csv', 'releve-montant-signe.csv', 'ofx1-sgml-latin1.ofx', 'camt053-001-02.xml']) {
      const first = await importFile(ctx, name);
      expect(first.added, name).toBe(first.lines);
      const again = await importFile(ctx, name);
      expect(again, name).toMatchObject({ lines: first.lines, added: 0, duplicates: first.lines });
    }
    // 5 + 4 + 6 + 4 + 5 + 6 lines, each once.
    expect((await callOk(ctx, 'bank.lines', {})).rows).toHaveLength(30);
    expect((await callOk(ctx, 'bank.lines', { status: 'to_process' })).rows).toHaveLength(30);
    expect((await callOk(ctx, 'bank.lines', { status: 'matched' })).rows).toHaveLength(0);
  });

  it('keeps two identical lines of one day (two 8,00 commissions) as two lines, once each', async () => {
    const { ctx } = await setup();
    await importFile(ctx, 'releve-debit-credit.csv');
    const { rows } = await callOk(ctx, 'bank.lines', {});
    expect(rows.filter((l) => l.label === 'COMMISSION INTERVENTION').map((l) => l.amount)).toEqual(['-8.00', '-8.00']);
  });

  it('adds only the new lines of a statement overlapping one already imported', async () => {
    const { ctx } = await setup();
    const csv = (lines: string[]) => base64(['Date;Libellé;Montant', ...lines].join('\n'));
    const l = ['01/09/2026;VIR A;100,00', '02/09/2026;FRAIS;-2,00', '02/09/2026;FRAIS;-2,00', '03/09/2026;VIR B;50,00', '04/09/2026;CB;-9,90'];
    expect(await callOk(ctx, 'bank.import', { contentBase64: csv(l.slice(0, 3)), fileName: 'a.csv' })).toMatchObject({ added: 3 });
    // The second export starts in the middle of the 2nd of September: one FRAIS in common, one new.
    expect(await callOk(ctx, 'bank.import', { contentBase64: csv(l.slice(2)), fileName: 'b.csv' })).toMatchObject({ lines: 3, added: 2, duplicates: 1 });
    expect(brief((await callOk(ctx, 'bank.lines', {})).rows).map((r) => r.join(' '))).toEqual(l.map((x) => {
      const [d, label, amount] = x.split(';');
      const [dd, mm, yyyy] = d!.split('/');
      return `${yyyy}-${mm}-${dd} ${amount!.replace(',', '.')} ${label}`;
    }));
  });

  it('keeps the same FITID from two different bank accounts (ACCTID) as two lines', async () => {
    const { ctx } = await setup();
    const text = bankFile('ofx2.ofx').toString('utf8');
    await callOk(ctx, 'bank.import', { contentBase64: base64(text), fileName: 'a.ofx' });
    const other = await callOk(ctx, 'bank.import', { contentBase64: base64(text.replace('<ACCTID>00010123456', '<ACCTID>00010999999')), fileName: 'b.ofx' });
    expect(other).toMatchObject({ added: 4, duplicates: 0 });
  });

  it('skips a « Solde » row without date, but refuses a dated-looking line whose date is wrong even if its label starts with « Solde »', async () => {
    const { ctx } = await setup();
    const ok = base64('Date;Libellé;Montant\nSolde au 30/09/2026;;1 000,00\n01/10/2026;VIR;10,00\nSolde au 31/10/2026;;1 010,00\n');
    expect(await callOk(ctx, 'bank.import', { contentBase64: ok, fileName: 'a.csv' })).toMatchObject({ lines: 1, added: 1 });
    const bad = base64('Date;Libellé;Montant\n32/10/2026;SOLDE CARTE;10,00\n');
    expect((await callErr(ctx, 'bank.import', { contentBase64: bad, fileName: 'b.csv' })).message).toMatch(/ligne 2 : date illisible/);
  });

  it('decodes an OFX 1.x file whose header says CHARSET:8859-1', async () => {
    const { ctx } = await setup();
    const text = bankFile('ofx1-sgml-latin1.ofx').toString('latin1').replace('CHARSET:1252', 'CHARSET:8859-1');
    await callOk(ctx, 'bank.import', { contentBase64: base64(Buffer.from(text, 'latin1')), fileName: 'a.ofx' });
    expect((await callOk(ctx, 'bank.lines', {})).rows[0]?.label).toBe('Prélèvement EDF');
  });

  it('takes the CSV mapping given by the caller', async () => {
    const { ctx } = await setup();
    const csv = base64('Jour;Intitulé;Sortie;Entrée\n05/10/2026;LOYER;900,00;\n06/10/2026;VIR CLIENT;;1 500,00\n');
    const r = await callOk(ctx, 'bank.import', { contentBase64: csv, fileName: 'x.csv', format: 'csv', csvMapping: { date: 'Jour', label: 'Intitulé', debit: 'Sortie', credit: 'Entrée' } });
    expect(r).toMatchObject({ format: 'csv', lines: 2, added: 2 });
    expect(brief((await callOk(ctx, 'bank.lines', {})).rows)).toEqual([
      ['2026-10-05', '-900.00', 'LOYER'],
      ['2026-10-06', '1500.00', 'VIR CLIENT'],
    ]);
  });

  it('refuses a CSV whose columns it cannot recognise without a mapping, asking for one', async () => {
    const { ctx, path } = await setup();
    const before = dumpDb(path);
    const err = await callErr(ctx, 'bank.import', { contentBase64: base64('Jour;Intitulé;Sortie\n05/10/2026;LOYER;900,00\n'), fileName: 'x.csv' });
    expect(err.code).toBe('VALIDATION');
    expect(err.fieldErrors).toHaveProperty('csvMapping');
    expectFrench(err.message);
    expect(dumpDb(path)).toBe(before);
  });
});

describe('refusals: nothing is written', () => {
  async function refused(name: string, content: Buffer | string, extra: object = {}) {
    const { ctx, path } = await setup();
    const before = dumpDb(path);
    const err = await callErr(ctx, 'bank.import', { contentBase64: base64(content), fileName: name, ...extra });
    expect(err.code).toBe('VALIDATION');
    expectFrench(err.message);
    expect(dumpDb(path)).toBe(before);
    return err.message;
  }

  it('refuses a statement in US dollars (CAMT), in French', async () => {
    const usd = bankFile('camt053-001-08.xml').toString('utf8').replaceAll('Ccy="EUR"', 'Ccy="USD"').replace('<Ccy>EUR</Ccy>', '<Ccy>USD</Ccy>');
    expect(await refused('usd.xml', usd)).toMatch(/en USD.*euros/);
  });

  it('refuses an OFX statement in Swiss francs (CURDEF)', async () => {
    const chf = bankFile('ofx1-sgml-latin1.ofx').toString('latin1').replace('<CURDEF>EUR', '<CURDEF>CHF');
    expect(await refused('chf.ofx', Buffer.from(chf, 'latin1'))).toMatch(/en CHF/);
  });

  it('refuses an OFX transaction in another currency (<CURRENCY>), but takes a card payment made abroad (<ORIGCURRENCY>, amount in euros)', async () => {
    const text = bankFile('ofx2.ofx').toString('utf8');
    const foreign = (tag: string) => text.replace('<NAME>CB CARREFOUR 24/03</NAME>', `<NAME>CB CARREFOUR 24/03</NAME><${tag}><CURRATE>1.08</CURRATE><CURSYM>USD</CURSYM></${tag}>`);
    expect(await refused('usd.ofx', foreign('CURRENCY'))).toMatch(/en USD \(opération n° 3/);
    const { ctx } = await setup();
    expect(await callOk(ctx, 'bank.import', { contentBase64: base64(foreign('ORIGCURRENCY')), fileName: 'cb.ofx' })).toMatchObject({ lines: 4, added: 4 });
  });

  it('refuses one CAMT transaction in another currency, naming its entry', async () => {
    const xml = bankFile('camt053-001-08.xml').toString('utf8').replace('<Amt Ccy="EUR">2400.00</Amt>', '<Amt Ccy="GBP">2400.00</Amt>');
    expect(await refused('gbp.xml', xml)).toMatch(/en GBP \(Ntry n° 1, TxDtls n° 2\)/);
  });

  it('refuses a truncated OFX 1.x file, naming the line of the tag never closed', async () => {
    const text = bankFile('ofx1-sgml-latin1.ofx').toString('latin1');
    const cut = text.slice(0, text.indexOf('<TRNTYPE>CHECK'));
    // The file stops inside the fourth <STMTTRN>, opened on the last line kept.
    const line = cut.split('\n').length - 1;
    expect(await refused('coupe.ofx', Buffer.from(cut, 'latin1'))).toContain(`<STMTTRN> ouvert ligne ${line} n’est jamais refermé`);
  });

  it('refuses an OFX 1.x file closing a tag never opened, naming its line', async () => {
    const text = bankFile('ofx1-sgml-latin1.ofx').toString('latin1').replace('</BANKTRANLIST>', '</BANKTRANLIST>\r\n</STMTTRN>');
    const line = text.slice(0, text.indexOf('</BANKTRANLIST>')).split('\n').length + 1;
    expect(await refused('faux.ofx', Buffer.from(text, 'latin1'))).toContain(`ligne ${line} : </STMTTRN> ferme une balise qui n’a pas été ouverte`);
  });

  it('refuses an OFX transaction whose amount does not read, naming its FITID', async () => {
    const text = bankFile('ofx2.ofx').toString('utf8').replace('<TRNAMT>-23.40</TRNAMT>', '<TRNAMT>-23,4O</TRNAMT>');
    expect(await refused('montant.ofx', text)).toMatch(/opération n° 3 \(<STMTTRN> FITID FR26032500013\) : montant <TRNAMT> .*« -23,4O »/);
  });

  it('refuses a CAMT file that is not well-formed XML, naming the line', async () => {
    const lines = bankFile('camt053-001-02.xml').toString('utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('<CdtDbtInd>DBIT</CdtDbtInd>'));
    lines[at] = lines[at]!.replace('</CdtDbtInd>', '</CdtDbtIn>');
    expect(await refused('casse.xml', lines.join('\n'))).toMatch(new RegExp(`ligne ${at + 1}`));
  });

  it('refuses a CAMT file cut short, naming the elements left open', async () => {
    const xml = bankFile('camt053-001-08.xml').toString('utf8');
    const cut = xml.slice(0, xml.indexOf('<Ntry>', xml.indexOf('<NtryRef>0002')) - 1);
    expect(await refused('coupe.xml', cut)).toMatch(/incomplet : le fichier s’arrête avant d’avoir refermé <Document>, <BkToCstmrStmt>, <Stmt> \(fichier tronqué \?\)/);
  });

  it('refuses a CAMT batch whose transactions do not add up to the entry, naming the entry', async () => {
    const xml = bankFile('camt053-001-02.xml').toString('utf8').replace('<Amt Ccy="EUR">1210.00</Amt>', '<Amt Ccy="EUR">1201.00</Amt>');
    expect(await refused('somme.xml', xml)).toMatch(/Ntry n° 2 : les 3 transactions \(TxDtls\) font 3201.00 et l’écriture 3210.00/);
  });

  it('refuses a CAMT entry without CdtDbtInd, naming it', async () => {
    const xml = bankFile('camt053-001-08.xml').toString('utf8').replace('<CdtDbtInd>DBIT</CdtDbtInd>\n        <Sts>', '<Sts>');
    expect(await refused('sens.xml', xml)).toMatch(/Ntry n° 2 : <CdtDbtInd> doit valoir CRDT ou DBIT/);
  });

  it('refuses a CSV line whose date does not read, naming the line', async () => {
    const csv = bankFile('releve-montant-signe.csv').toString('utf8').replace('"05/07/2026","Prélèvement', '"31/06/2026","Prélèvement');
    expect(await refused('date.csv', csv)).toMatch(/ligne 4 : date illisible .*« 31\/06\/2026 »/);
  });

  it('refuses a CSV line whose amount does not read, naming the line and the column', async () => {
    const csv = bankFile('releve-debit-credit.csv').toString('latin1').replace('156,90', '156,9O');
    expect(await refused('montant.csv', Buffer.from(csv, 'latin1'))).toMatch(/ligne 5 : montant illisible dans la colonne « Débit »/);
  });

  it('refuses a CAMT.054 notification: it is not a statement', async () => {
    expect(await refused('avis.xml', '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn/></Document>')).toMatch(/CAMT\.054/);
  });

  it('refuses a file larger than 20 Mo before reading it', async () => {
    const { ctx } = await setup();
    const err = await callErr(ctx, 'bank.import', { contentBase64: 'A'.repeat(26_700_000), fileName: 'gros.csv' });
    expect(err).toMatchObject({ code: 'VALIDATION', fieldErrors: { contentBase64: 'Fichier trop volumineux (20 Mo au plus).' } });
  });
});

describe('bank.lines and bank.csvGuess', () => {
  it('says NOT_FOUND for a statement that does not exist', async () => {
    const { ctx } = await setup();
    const err = await callErr(ctx, 'bank.lines', { statementId: 9 });
    expect(err.code).toBe('NOT_FOUND');
    expectFrench(err.message);
  });

  it('shows the header, the first rows and a proposed mapping of a CSV, writing nothing', async () => {
    const { ctx, path } = await setup();
    const before = dumpDb(path);
    const g = await callOk(ctx, 'bank.csvGuess', { contentBase64: base64(bankFile('releve-debit-credit.csv')) });
    expect(g).toMatchObject({ delimiter: ';', headerLine: 2, mapping: { date: 'Date', label: 'Libellé', debit: 'Débit', credit: 'Crédit' } });
    expect(g.rows).toHaveLength(7);
    expect(dumpDb(path)).toBe(before);
  });

  it('remembers the columns the owner confirmed: the next statement with the same header is read without asking', async () => {
    const { ctx } = await setup();
    // A bank whose wording Encours does not recognise: the owner names the columns once.
    const header = 'Quand;Quoi;Valeur;Pièce';
    const october = `${header}\n02/10/2026;VIR BOULANGERIE MARTIN;1 200,00;F2026-00031\n05/10/2026;FRAIS;-8,50;\n`;
    const november = `${header}\n03/11/2026;VIR HORIZON;640,00;F2026-00040\n`;
    const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
    expect((await callOk(ctx, 'bank.csvGuess', { contentBase64: b64(october) })).mapping).toBeUndefined();
    const refused = await callErr(ctx, 'bank.import', { contentBase64: b64(november), fileName: 'novembre.csv' });
    expect(refused.fieldErrors?.csvMapping).toBeDefined();
    const mapping = { date: 'Quand', label: 'Quoi', amount: 'Valeur', remittance: 'Pièce' };
    expect(await callOk(ctx, 'bank.import', { contentBase64: b64(october), fileName: 'octobre.csv', csvMapping: mapping })).toMatchObject({ added: 2 });

    const guess = await callOk(ctx, 'bank.csvGuess', { contentBase64: b64(november) });
    expect(guess).toMatchObject({ headerLine: 1, mapping, remembered: true });
    expect(await callOk(ctx, 'bank.import', { contentBase64: b64(november), fileName: 'novembre.csv' })).toMatchObject({ added: 1 });
    const { rows } = await callOk(ctx, 'bank.lines', { statementId: 2 });
    expect(brief(rows)).toEqual([['2026-11-03', '640.00', 'VIR HORIZON']]);
    expect(rows[0]?.remittance).toBe('F2026-00040');
    // Another layout is not taken for this one.
    expect((await callOk(ctx, 'bank.csvGuess', { contentBase64: b64('Quand;Quoi;Débit\n03/11/2026;X;1,00\n') })).remembered).toBeUndefined();
  });
});
