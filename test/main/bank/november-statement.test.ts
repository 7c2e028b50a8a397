import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../src/main/core/context';
import { callOk, testCompany } from '../../helpers/context';
import { companyInit } from '../../helpers/fixtures';
import { bankFile, base64 } from './bank-files';
import { novemberLedger } from '../../helpers/bank-november';

const ctxCall = (ctx: ServiceContext) => (channel: string, payload: unknown) => callOk(ctx, channel as 'app.info', payload);

describe('the November statement of 20 lines', () => {
  it('15 sure matches accepted at once, the escompte one suggested and accepted, four debits posted elsewhere: the reconciliation at 0,00', async () => {
    const { ctx } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    await novemberLedger(ctxCall(ctx));
    const imported = await callOk(ctx, 'bank.import', { contentBase64: base64(bankFile('releve-novembre-20-operations.camt053.xml')), fileName: 'releve-novembre.xml' });
    expect(imported).toMatchObject({ format: 'camt053', lines: 20, added: 20, openingBalance: '5000.00', closingBalance: '21137.60' });

    expect((await callOk(ctx, 'bank.autoMatch', {})).matched).toBe(15);
    const left = (await callOk(ctx, 'bank.lines', { status: 'to_process' })).rows;
    expect(left.map((l) => l.amount)).toEqual(['-12.50', '-350.00', '-1200.00', '1176.00', '-89.90']);
    const escompteLine = left.find((l) => l.amount === '1176.00')!;
    const best = escompteLine.suggestions[0]!;
    expect(best).toMatchObject({ invoiceNumbers: ['F2026-00015'], amounts: ['1176.00'], escompte: [{ invoiceId: 15 }] });
    expect(best.confidence).toBeLessThan(90);
    await callOk(ctx, 'bank.match', { lineId: escompteLine.id, allocations: [{ invoiceId: 15, amount: '1176.00' }], escompte: best.escompte });

    const accounts: Record<string, string> = { '-12.50': '627', '-350.00': '431', '-1200.00': '613', '-89.90': '626' };
    for (const l of left.filter((x) => x.amount.startsWith('-'))) {
      const amount = l.amount.slice(1);
      await callOk(ctx, 'ledger.post', { journal: 'BQ', date: l.date, label: l.label, pieceRef: 'RELEVE-NOV', bankLineId: l.id, lines: [{ account: accounts[l.amount]!, debit: amount }, { account: '512', credit: amount }] });
    }
    expect((await callOk(ctx, 'bank.lines', { status: 'to_process' })).rows).toEqual([]);
    const r = await callOk(ctx, 'bank.reconciliation', { asOf: '2026-11-20' });
    expect(r).toMatchObject({ statementBalance: '21137.60', ledgerBalance: '21137.60', difference: '0.00', items: [], explained: true });
  });
});
