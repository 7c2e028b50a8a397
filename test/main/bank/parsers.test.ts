import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../../src/main/core/bank/bank-service';
import { detectFormat } from '../../../src/main/core/bank/detect-format';
import { parseCamt } from '../../../src/main/core/bank/parse-camt';
import { guessCsv, parseCsvStatement } from '../../../src/main/core/bank/parse-csv';
import { parseOfx } from '../../../src/main/core/bank/parse-ofx';
import { parseBankAmount, sumAmounts } from '../../../src/main/core/bank/statement';
import { bankFile, brief } from './bank-files';

describe('bank amounts', () => {
  it.each([
    ['1 234,56', '1234.56'],
    ['-12.5', '-12.50'],
    ['1234,5', '1234.50'],
    ['+45,00', '45.00'],
    ['1.234,56', '1234.56'],
    ['1,234.56', '1234.56'],
    ['\u2212 3,00', '-3.00'],
    ['2\u202f350,50\u00a0€', '2350.50'],
    ['0', '0.00'],
  ])('reads « %s » as %s with decimal.js', (raw, expected) => {
    expect(parseBankAmount(raw)).toBe(expected);
  });

  it.each(['', 'abc', '12,345,67', '1,234', '12.345', '12,3a', '--4'])('refuses « %s » (not an amount, or a fraction of a cent)', (raw) => {
    expect(parseBankAmount(raw)).toBeNull();
  });

  it('adds 0,1 + 0,2 to exactly 0,30 (no float anywhere)', () => {
    expect(sumAmounts(['0.10', '0.20']).toFixed(2)).toBe('0.30');
  });
});

describe('OFX 1.x (SGML, Windows-1252)', () => {
  const st = parseOfx(bankFile('ofx1-sgml-latin1.ofx'));

  it('reads every transaction to the cent, with its FITID', () => {
    expect(brief(st.lines)).toEqual([
      ['2026-03-02', '-45.20', 'Prélèvement EDF'],
      ['2026-03-05', '1200.00', 'VIR SEPA BOULANGERIE MARTIN'],
      ['2026-03-09', '350.50', 'Chèque remis n° 1234567'], // TRNAMT written « 350,50 » by the bank
      ['2026-03-12', '-89.99', 'Chèque émis'], // its <MEMO> is empty: an empty leaf, not an aggregate
      ['2026-03-15', '-8.50', 'Frais de tenue de compte'],
    ]);
    expect(st.lines.map((l) => l.bankRef)).toEqual(['2026030200001', '2026030500002', '2026030900003', '2026031200004', '2026031500005']);
    // By hand: -45,20 + 1 200,00 + 350,50 - 89,99 - 8,50 = 1 406,81
    expect(sumAmounts(st.lines.map((l) => l.amount)).toFixed(2)).toBe('1406.81');
  });

  it('decodes the accents of a CHARSET:1252 file (Prélèvement, Chèque remis, à)', () => {
    expect(st.lines[0]?.label).toBe('Prélèvement EDF');
    expect(st.lines[2]?.remittance).toBe('Remise de chèque à l\'encaissement');
    expect(st.lines.map((l) => l.label).join(' ')).not.toContain('\uFFFD');
  });

  it('keeps the closing balance (LEDGERBAL), the period and the account', () => {
    expect(st).toMatchObject({ format: 'ofx', account: '12345678901', closingBalance: '5406.81', periodFrom: '2026-03-01', periodTo: '2026-03-15' });
    expect(st.openingBalance).toBeUndefined();
  });
});

describe('OFX 2.x (XML)', () => {
  const st = parseOfx(bankFile('ofx2.ofx'));

  it('reads every transaction to the cent, entities and accents decoded, value date from DTAVAIL', () => {
    expect(brief(st.lines)).toEqual([
      ['2026-03-18', '2400.00', 'VIR SEPA SARL DUPUIS & FILS'],
      ['2026-03-20', '-1234.56', 'PRLV SEPA URSSAF'],
      ['2026-03-25', '-23.40', 'CB CARREFOUR 24/03'],
      ['2026-03-31', '0.45', 'Intérêts créditeurs'],
    ]);
    expect(st.lines[2]?.valueDate).toBe('2026-03-26');
    // By hand: 2 400,00 - 1 234,56 - 23,40 + 0,45 = 1 142,49
    expect(sumAmounts(st.lines.map((l) => l.amount)).toFixed(2)).toBe('1142.49');
    expect(st).toMatchObject({ closingBalance: '6549.30', periodFrom: '2026-03-16', periodTo: '2026-03-31', account: '00010123456' });
  });
});

describe('CAMT.053', () => {
  it('camt.053.001.02: one line per TxDtls of a batch entry, amounts from AmtDtls, pending entries left out, balances OPBD/CLBD', () => {
    const st = parseCamt(bankFile('camt053-001-02.xml'));
    expect(brief(st.lines)).toEqual([
      ['2026-04-03', '1500.00', 'Virement de BOULANGERIE MARTIN'],
      ['2026-04-10', '1000.00', 'Virement de SARL DUPUIS'],
      ['2026-04-10', '1210.00', 'Virement de JEANNE DURAND'],
      ['2026-04-10', '1000.00', 'Virement de SCI LES TILLEULS'],
      ['2026-04-15', '-420.00', 'Paiement à ORANGE SA'],
      ['2026-04-30', '-12.00', 'FRAIS TENUE DE COMPTE'],
    ]);
    // The batch: 1 000,00 + 1 210,00 + 1 000,00 = 3 210,00, the entry's amount. The PDNG entry of 99,00 is not booked.
    // By hand: 10 000,00 + 1 500,00 + 3 210,00 - 420,00 - 12,00 = 14 278,00 = CLBD
    expect(st).toMatchObject({ openingBalance: '10000.00', closingBalance: '14278.00', periodFrom: '2026-04-01', periodTo: '2026-04-30', account: 'FR7630004008200001012345678' });
    expect(sumAmounts([st.openingBalance!, ...st.lines.map((l) => l.amount)]).toFixed(2)).toBe(st.closingBalance);
    expect(st.lines[0]).toMatchObject({ counterpartyName: 'BOULANGERIE MARTIN', counterpartyIban: 'FR1420041010050500013M02606', remittance: 'FACTURE F2026-00011', bankRef: 'BNP20260403-0001' });
    expect(st.lines[2]).toMatchObject({ remittance: 'FACT F2026-00015 ET F2026-00016', bankRef: 'BNP20260410-0002/2' });
    // A debit: the counterparty is the creditor.
    expect(st.lines[4]).toMatchObject({ counterpartyName: 'ORANGE SA', counterpartyIban: 'FR7630003000700005003066172' });
  });

  it('camt.053.001.08: Sts/Cd, Pty/Nm, TxDtls/Amt, a structured reference, a BookgDt/DtTm, UTF-8 accents', () => {
    const st = parseCamt(bankFile('camt053-001-08.xml'));
    expect(brief(st.lines)).toEqual([
      ['2026-05-05', '1200.00', 'Virement de BOULANGERIE MARTIN'],
      ['2026-05-05', '2400.00', 'Virement de SARL DUPUIS & FILS'],
      ['2026-05-05', '1200.00', 'Virement de ÉCOLE MONTESSORI DU PARC'],
      ['2026-05-12', '-2750.40', 'Paiement à DGFIP'],
      ['2026-05-20', '65.10', 'Virement de Mme Hélène Lefèvre'],
    ]);
    // By hand: 2 500,00 + 4 800,00 - 2 750,40 + 65,10 = 4 614,70 = CLBD
    expect(st).toMatchObject({ openingBalance: '2500.00', closingBalance: '4614.70' });
    expect(sumAmounts([st.openingBalance!, ...st.lines.map((l) => l.amount)]).toFixed(2)).toBe('4614.70');
    expect(st.lines.map((l) => l.bankRef)).toEqual(['SG2605050001/1', 'SG2605050001/2', 'SG2605050001/3', 'NtryRef:0002:2026-05-12:-2750.40', 'SG2605200003-TX']);
    expect(st.lines.map((l) => l.valueDate)).toEqual(['2026-05-06', '2026-05-06', '2026-05-06', '2026-05-12', '2026-05-20']);
    expect(st.lines[0]?.remittance).toBe('RF18F202600021');
    expect(st.lines[2]?.remittance).toBe('Règlement facture F2026-00024');
  });
});

describe('CSV', () => {
  it('débit/crédit columns, semicolons, decimal comma, JJ/MM/AAAA, Windows-1252: the account line above the header, the blank line and the Total row skipped', () => {
    const bytes = bankFile('releve-debit-credit.csv');
    const st = parseCsvStatement(bytes, { date: 'Date', valueDate: 'Date de valeur', label: 'Libellé', debit: 'Débit', credit: 'Crédit' });
    expect(brief(st.lines)).toEqual([
      ['2026-06-02', '1200.00', 'VIR SEPA BOULANGERIE MARTIN F2026-00031'],
      ['2026-06-03', '-45.20', 'PRLV SEPA EDF'], // written « -45,20 » in the Débit column: the column decides
      ['2026-06-03', '-156.90', 'CB LEROY MERLIN 01/06'],
      ['2026-06-10', '2350.50', 'REMISE CHEQUES N° 4521'], // « 2 350,5 »
      ['2026-06-15', '-8.00', 'COMMISSION INTERVENTION'],
      ['2026-06-15', '-8.00', 'COMMISSION INTERVENTION'],
    ]);
    // By hand, as the Total row says: débits 45,20 + 156,90 + 8,00 + 8,00 = 218,10; crédits 1 200,00 + 2 350,50 = 3 550,50
    expect(sumAmounts(st.lines.map((l) => l.amount)).toFixed(2)).toBe('3332.40');
    expect(st.lines[1]?.valueDate).toBe('2026-06-04');
    expect(st).toMatchObject({ periodFrom: '2026-06-02', periodTo: '2026-06-15' });
  });

  it('one signed amount column, commas and quotes, UTF-8', () => {
    const st = parseCsvStatement(bankFile('releve-montant-signe.csv'), { date: 'Date opération', label: 'Libellé', amount: 'Montant', remittance: 'Référence' });
    expect(brief(st.lines)).toEqual([
      ['2026-07-01', '1500.00', 'Virement reçu - SAS Horizon'],
      ['2026-07-01', '-89.50', 'Paiement carte - SNCF'],
      ['2026-07-05', '-132.45', 'Prélèvement - Assurance MAAF'],
      ['2026-07-05', '240.00', 'Virement reçu - Jeanne Durand'],
    ]);
    // By hand: 1 500,00 - 89,50 - 132,45 + 240,00 = 1 518,05
    expect(sumAmounts(st.lines.map((l) => l.amount)).toFixed(2)).toBe('1518.05');
    expect(st.lines[0]?.remittance).toBe('F2026-00040');
  });

  it('proposes a mapping from the header, found below the account line', () => {
    const guess = guessCsv(bankFile('releve-debit-credit.csv'));
    expect(guess).toMatchObject({ delimiter: ';', headerLine: 2, header: ['Date', 'Date de valeur', 'Libellé', 'Débit', 'Crédit'] });
    expect(guess.mapping).toEqual({ date: 'Date', valueDate: 'Date de valeur', label: 'Libellé', debit: 'Débit', credit: 'Crédit' });
    expect(guess.rows[0]).toEqual(['02/06/2026', '02/06/2026', 'VIR SEPA BOULANGERIE MARTIN F2026-00031', '', '1 200,00']);
    expect(guessCsv(bankFile('releve-montant-signe.csv')).mapping).toEqual({ date: 'Date opération', label: 'Libellé', amount: 'Montant', remittance: 'Référence' });
  });

  it('proposes no mapping when the header names no amount', () => {
    expect(guessCsv(Buffer.from('Quand;Quoi\n01/02/2026;Café\n')).mapping).toBeUndefined();
  });
});

describe('format detection', () => {
  it.each([
    ['ofx1-sgml-latin1.ofx', 'ofx'],
    ['ofx2.ofx', 'ofx'],
    ['camt053-001-02.xml', 'camt053'],
    ['camt053-001-08.xml', 'camt053'],
    ['releve-debit-credit.csv', 'csv'],
    ['releve-montant-signe.csv', 'csv'],
  ] as const)('recognises %s as %s from its content', (name, format) => {
    expect(detectFormat(bankFile(name), 'telechargement.dat')).toBe(format);
    expect(parseStatement(bankFile(name), name, undefined, undefined).format).toBe(format);
  });
});
