import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepForReview, pdfPages, pdfText, requirePoppler, squash } from '../documents/pdf-tools';
import type { ServiceContext } from '../../../src/main/core/context';
import { callErr, callOk } from '../../helpers/context';
import { expectFrench } from '../../helpers/french';
import { base64 } from './bank-files';
import { bankCompany, invoice } from './matching-helpers';

interface Line {
  date: string;
  amount: string;
  ref: string;
  label: string;
}

/** A CAMT.053.001.08 statement with its period and, when given, its opening and closing balances. */
function camtWithBalances(id: string, from: string, to: string, lines: readonly Line[], balances?: { opening: string; closing: string }): string {
  const bal = (code: string, amount: string, date: string) =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${amount.replace('-', '')}</Amt><CdtDbtInd>${amount.startsWith('-') ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
  const entries = lines.map((l) => {
    const credit = !l.amount.startsWith('-');
    const amt = l.amount.replace('-', '');
    return `<Ntry><Amt Ccy="EUR">${amt}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>${l.date}</Dt></BookgDt><AcctSvcrRef>${l.ref}</AcctSvcrRef>
<NtryDtls><TxDtls><Amt Ccy="EUR">${amt}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><RmtInf><Ustrd>${l.label}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>${id}</MsgId><CreDtTm>${to}T05:30:00+02:00</CreDtTm></GrpHdr>
<Stmt><Id>${id}</Id><CreDtTm>${to}T05:30:00+02:00</CreDtTm><FrToDt><FrDtTm>${from}T00:00:00+01:00</FrDtTm><ToDtTm>${to}T23:59:59+02:00</ToDtTm></FrToDt>
<Acct><Id><IBAN>FR7630003012340002012345671</IBAN></Id><Ccy>EUR</Ccy></Acct>
${balances ? bal('OPBD', balances.opening, from) + bal('CLBD', balances.closing, to) : ''}
${entries.join('\n')}
</Stmt></BkToCstmrStmt></Document>`;
}

const MARCH: Line[] = [
  { date: '2026-03-10', amount: '1200.00', ref: 'R1', label: 'VIR SOCIETE GENERALE F2026-00001' },
  { date: '2026-03-15', amount: '-45.20', ref: 'R2', label: 'FRAIS TENUE DE COMPTE' },
  { date: '2026-03-20', amount: '-300.00', ref: 'R3', label: 'PRLV URSSAF' },
  { date: '2026-03-25', amount: '80.00', ref: 'R4', label: 'VIR INCONNU' },
];

/**
 * The hand-made case. 512 opened at 1 000,00 (OD, 27 February, before the statements begin). The March statement: opening 1 000,00,
 * + 1 200,00 (F2026-00001, matched), − 45,20 (fees, posted to 627), − 300,00 (URSSAF, to process),
 * + 80,00 (set aside); closing 1 934,80 on 31 March. A cheque of 600,00 for F2026-00002, recorded on
 * 28 March, is not on the bank. April's statement (no balances): + 50,00 on 2 April.
 */
async function march(opening = true) {
  const tc = await bankCompany();
  const { ctx } = tc;
  await invoice(ctx, 1, '2026-03-01', '1000');
  await invoice(ctx, 2, '2026-03-02', '500');
  if (opening) {
    await callOk(ctx, 'ledger.post', { journal: 'OD', date: '2026-02-27', label: 'Apport en capital', pieceRef: 'STATUTS', lines: [{ account: '512', debit: '1000.00' }, { account: '101', credit: '1000.00' }] });
  }
  const { statementId } = await callOk(ctx, 'bank.import', { contentBase64: base64(camtWithBalances('MARS', '2026-03-01', '2026-03-31', MARCH, { opening: '1000.00', closing: '1934.80' })), fileName: 'releve-mars.xml' });
  await callOk(ctx, 'bank.import', { contentBase64: base64(camtWithBalances('AVRIL', '2026-04-01', '2026-04-30', [{ date: '2026-04-02', amount: '50.00', ref: 'R5', label: 'VIR DIVERS' }])), fileName: 'releve-avril.xml' });
  const ids = (await callOk(ctx, 'bank.lines', { statementId })).rows.map((r) => r.id);
  expect(await callOk(ctx, 'bank.autoMatch', {})).toMatchObject({ matched: 1, lineIds: [ids[0]] });
  await callOk(ctx, 'ledger.post', { journal: 'BQ', date: '2026-03-15', label: 'Frais de tenue de compte', pieceRef: 'RELEVE-MARS', bankLineId: ids[1], lines: [{ account: '627', debit: '45.20' }, { account: '512', credit: '45.20' }] });
  await callOk(ctx, 'bank.ignore', { lineId: ids[3], ignored: true });
  await callOk(ctx, 'payment.record', { customerId: 2, date: '2026-03-28', amount: '600.00', method: 'check', reference: 'CHQ 1234567' });
  return { ...tc, ids };
}

const brief = (r: { items: { kind: string; date: string; amount: string }[] }) => r.items.map((i) => [i.kind, i.date, i.amount]);

describe('bank.reconciliation', () => {
  it('on the statement’s closing date: 1 934,80 at the bank, 2 754,80 in 512, the −820,00 explained by the URSSAF debit, the line set aside and the cheque not yet on the bank', async () => {
    const { ctx, ids } = await march();
    const r = await callOk(ctx, 'bank.reconciliation', { asOf: '2026-03-31' });
    expect(r).toMatchObject({ account: '512', statementBalance: '1934.80', ledgerBalance: '2754.80', difference: '-820.00', itemsTotal: '-820.00', unexplained: '0.00', explained: true });
    expect(r.statementBasis).toContain('Solde de clôture du relevé « releve-mars.xml » au 31/03/2026');
    expect(brief(r)).toEqual([
      ['bank_not_posted', '2026-03-20', '-300.00'],
      ['bank_not_posted', '2026-03-25', '80.00'],
      ['ledger_not_on_bank', '2026-03-28', '-600.00'],
    ]);
    expect(r.items[0]).toMatchObject({ lineId: ids[2], lineStatus: 'to_process', label: 'PRLV URSSAF' });
    expect(r.items[1]).toMatchObject({ lineId: ids[3], lineStatus: 'ignored' });
    expect(r.items[2]!.entryId).toBeGreaterThan(0);
    expectFrench(r.statementBasis);
  });

  it('after the closing date: the closing balance plus the later lines (1 984,80), the April credit one more item', async () => {
    const { ctx } = await march();
    const r = await callOk(ctx, 'bank.reconciliation', { asOf: '2026-04-05' });
    expect(r).toMatchObject({ statementBalance: '1984.80', ledgerBalance: '2754.80', difference: '-770.00', itemsTotal: '-770.00', explained: true });
    expect(brief(r).at(-1)).toEqual(['bank_not_posted', '2026-04-02', '50.00']);
    expect(r.statementBasis).toContain('plus les opérations jusqu’au 05/04/2026 (50,00');
  });

  it('inside a statement: its opening balance plus its lines to that day (2 200,00), equal to 512, nothing to explain', async () => {
    const { ctx } = await march();
    const r = await callOk(ctx, 'bank.reconciliation', { asOf: '2026-03-12' });
    expect(r).toMatchObject({ statementBalance: '2200.00', ledgerBalance: '2200.00', difference: '0.00', items: [], unexplained: '0.00', explained: true });
    expect(r.statementBasis).toContain('Solde d’ouverture du relevé « releve-mars.xml » au 01/03/2026');
  });

  it('says what the items do not explain: 512 never given its opening balance leaves 1 000,00 unexplained', async () => {
    const { ctx } = await march(false);
    const r = await callOk(ctx, 'bank.reconciliation', { asOf: '2026-03-12' });
    expect(r).toMatchObject({ statementBalance: '2200.00', ledgerBalance: '1200.00', difference: '1000.00', itemsTotal: '0.00', unexplained: '1000.00', explained: false });
  });

  it('a match undone: the cancelled payment and its reversal cancel out, the line is again a bank item (+1 200,00)', async () => {
    const { ctx, ids } = await march();
    await callOk(ctx, 'bank.unmatch', { lineId: ids[0] });
    // The reversal is dated today (22 November): both are in 512 by the end of the year.
    const r = await callOk(ctx, 'bank.reconciliation', { asOf: '2026-12-31' });
    expect(r).toMatchObject({ statementBalance: '1984.80', ledgerBalance: '1554.80', difference: '430.00', itemsTotal: '430.00', explained: true });
    expect(brief(r)).toEqual([
      ['bank_not_posted', '2026-03-10', '1200.00'],
      ['bank_not_posted', '2026-03-20', '-300.00'],
      ['bank_not_posted', '2026-03-25', '80.00'],
      ['ledger_not_on_bank', '2026-03-28', '-600.00'],
      ['bank_not_posted', '2026-04-02', '50.00'],
    ]);
    // On 31 March the reversal is not there yet: the payment is in 512 without a line (its line is to process again).
    const march31 = await callOk(ctx, 'bank.reconciliation', { asOf: '2026-03-31' });
    expect(march31).toMatchObject({ ledgerBalance: '2754.80', difference: '-820.00', explained: true });
    expect(brief(march31)).toContainEqual(['ledger_not_on_bank', '2026-03-10', '-1200.00']);
    expect(brief(march31)).toContainEqual(['bank_not_posted', '2026-03-10', '1200.00']);
  });

  it('without any balance in the files: the sum of the lines', async () => {
    const tc = await bankCompany();
    await callOk(tc.ctx, 'bank.import', { contentBase64: base64(camtWithBalances('X', '2026-04-01', '2026-04-30', [{ date: '2026-04-02', amount: '50.00', ref: 'Z1', label: 'VIR' }, { date: '2026-04-03', amount: '-12.30', ref: 'Z2', label: 'CB' }])), fileName: 'x.xml' });
    const r = await callOk(tc.ctx, 'bank.reconciliation', { asOf: '2026-04-30' });
    expect(r).toMatchObject({ statementBalance: '37.70', ledgerBalance: '0.00', difference: '37.70', itemsTotal: '37.70', explained: true });
    expect(r.statementBasis).toContain('Aucun relevé ne donne de solde');
  });
});

describe('ledger.post with a bank line', () => {
  const postFees = (ctx: ServiceContext, lineId: number, amount: string) =>
    callErr(ctx, 'ledger.post', { journal: 'BQ', date: '2026-03-20', label: 'URSSAF', pieceRef: 'RELEVE-MARS', bankLineId: lineId, lines: [{ account: '431', debit: amount }, { account: '512', credit: amount }] });

  it('matches the line to the entry, which the line then shows; a second posting of it is refused', async () => {
    const { ctx, ids } = await march();
    const line = (await callOk(ctx, 'bank.lines', {})).rows.find((r) => r.id === ids[1])!;
    expect(line).toMatchObject({ status: 'matched', entryId: expect.any(Number) });
    expect(line.paymentId).toBeUndefined();
    const err = await callErr(ctx, 'ledger.post', { journal: 'BQ', date: '2026-03-15', label: 'Frais', pieceRef: 'X', bankLineId: ids[1], lines: [{ account: '627', debit: '45.20' }, { account: '512', credit: '45.20' }] });
    expect(err.code).toBe('CONFLICT');
    expectFrench(err.message);
  });

  it('refuses an entry that does not move 512 by the line’s amount, and writes nothing', async () => {
    const { ctx, ids } = await march();
    const before = (await callOk(ctx, 'ledger.entries', {})).total;
    const err = await postFees(ctx, ids[2]!, '30.00');
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('au crédit du 512 pour 300,00');
    expectFrench(err.message);
    expect((await callOk(ctx, 'ledger.entries', {})).total).toBe(before);
    expect((await callOk(ctx, 'bank.lines', {})).rows.find((r) => r.id === ids[2])!.status).toBe('to_process');
  });

  it('undone by bank.unmatch: the entry reversed, the line to process again, and the reconciliation still explained', async () => {
    const { ctx, ids } = await march();
    const undone = await callOk(ctx, 'bank.unmatch', { lineId: ids[1] });
    expect(undone.status).toBe('to_process');
    expect(undone.entryId).toBeUndefined();
    const tb = await callOk(ctx, 'report.trialBalance', {});
    expect(tb.rows.filter((r) => r.account === '627').every((r) => r.balance === '0.00')).toBe(true);
    const r = await callOk(ctx, 'bank.reconciliation', { asOf: '2026-12-31' });
    expect(r.explained).toBe(true);
    expect(r.items.some((i) => i.lineId === ids[1] && i.amount === '-45.20')).toBe(true);
  });
});

describe('document.render bankReconciliation', () => {
  it('prints the company, the date, both balances, the difference and each item, on one page, and writes nothing', async () => {
    requirePoppler();
    const { ctx, dir } = await march();
    const { fileName, pdf } = await callOk(ctx, 'document.render', { kind: 'bankReconciliation', asOf: '2026-03-31' });
    expect(fileName).toBe('Rapprochement bancaire 2026-03-31.pdf');
    const path = join(dir, 'rapprochement.pdf');
    writeFileSync(path, Buffer.from(pdf, 'base64'));
    const text = squash(pdfText(path));
    expect(pdfPages(path)).toBe(1);
    for (const want of ['RAPPROCHEMENT', 'Atelier Dupont SARL', '31/03/2026', 'Solde du relevé 1 934,80 €', 'Solde du compte 512 2 754,80 €', 'Écart -820,00 €', 'PRLV URSSAF', 'Chèque Boulangerie Martin SARL', 'En comptabilité seulement', 'En banque seulement', 'Non expliqué 0,00 €', 'Les opérations en suspens expliquent tout l’écart.']) {
      expect(text).toContain(want);
    }
    keepForReview(path, 'rapprochement-bancaire');
  });

  it('asks for its date, not for an id', async () => {
    const { ctx } = await bankCompany();
    const err = await callErr(ctx, 'document.render', { kind: 'bankReconciliation' });
    expect(err.code).toBe('VALIDATION');
    expect(err.fieldErrors).toHaveProperty('asOf');
    const noId = await callErr(ctx, 'document.render', { kind: 'invoice' });
    expect(noId.fieldErrors).toHaveProperty('id');
  });
});
