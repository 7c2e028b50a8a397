/*
 * The ledger the November statement (test/fixtures/bank/releve-novembre-20-operations.camt053.xml) settles,
 * shared by the core test (test/main/bank/november-statement.test.ts) and the E2E (test/e2e/bank.spec.ts),
 * each through its own door. No test runner imported here.
 */

const goods = (unitPrice: string) => ({ description: 'Marchandise', quantity: '1', unitPrice, vatRate: '20', kind: 'goods' as const });

/** The HT of invoices F2026-00001 to F2026-00016 (TTC at 20 %), dated in October but the last two; the 15th offers a 2 % escompte within 10 days. */
export const NOVEMBER_INVOICES_HT = ['850', '1200', '430', '2150', '675', '990', '320', '1540', '780', '260', '1875', '540', '1120', '395', '1000', '720'];
export const NOVEMBER_CUSTOMERS = ['Boulangerie Martin SARL', 'Garage Moreau', 'Cabinet Lefèvre', 'Hôtel des Alpes'];

/**
 * Four customers, sixteen invoices, 512 opened at 5 000,00 on 31 October. Shared with the E2E (through the API).
 */
export async function novemberLedger(call: (channel: string, payload: unknown) => Promise<unknown>) {
  for (const name of NOVEMBER_CUSTOMERS) await call('customer.create', { name, kind: 'business' });
  for (const [i, ht] of NOVEMBER_INVOICES_HT.entries()) {
    const n = i + 1;
    const escompte = n === 15;
    await call('invoice.create', {
      customerId: escompte ? 1 : (i % 4) + 1,
      date: escompte ? '2026-11-06' : n === 16 ? '2026-11-07' : `2026-10-${String(n + 1).padStart(2, '0')}`,
      lines: [goods(ht)],
      validate: true,
      ...(escompte ? { escompte: { percent: '2', days: 10 } } : {}),
    });
  }
  await call('ledger.post', { journal: 'OD', date: '2026-10-31', label: 'Solde bancaire repris', pieceRef: 'REPRISE', lines: [{ account: '512', debit: '5000.00' }, { account: '101', credit: '5000.00' }] });
}

