import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type Company, cpuMark, cpuSince, latencyStats, result, round, TODAY, type BenchResult, type RssSampler } from './common';

const RUNS = 60;

/**
 * Scenario « previews »: the dry runs a form asks for as the owner types (`preview { channel, request }`:
 * the posting's own handler in a transaction rolled back), on the full file. Each case is previewed RUNS
 * times; the target is p95 < 30 ms at 100 000 invoices (the form debounces, then must feel instant).
 * Cases: a new invoice for the largest customer, a payment auto-allocated over that customer's invoices
 * and over those of a customer who still owes some (the plans that read the most), a payment allocated
 * to one invoice, a credit note, a manual entry, a doubtful-debt classification.
 */
export async function previews(company: Company, invoices: number, largestCustomerId: number, rss: RssSampler): Promise<BenchResult[]> {
  // An invoice still owed (the interactive scenario leaves one in ten half paid), preferably the largest customer's.
  const owed = async (customerId?: number) => (await company.call('invoice.list', { ...(customerId ? { customerId } : {}), status: 'partial', limit: 1 })).rows[0];
  const target = (await owed(largestCustomerId)) ?? (await owed());
  if (!target) throw new Error('aucune facture à moitié réglée dans le fichier : lancez le scénario interactive.');
  const line = (description: string, unitPrice: string, vatRate: string, kind: 'goods' | 'services') => ({ description, quantity: '2', unitPrice, vatRate, kind });
  const cases: [string, unknown][] = [
    ['invoice.create (validée, 3 lignes)', { channel: 'invoice.create', request: { customerId: largestCustomerId, date: TODAY, validate: true, overrideCreditLimit: true, lines: [line('Table', '450', '20', 'goods'), line('Pose', '80', '10', 'services'), line('Livre', '12.5', '5.5', 'goods')] } }],
    ['payment.record (répartition automatique, plus gros client)', { channel: 'payment.record', request: { customerId: largestCustomerId, date: TODAY, amount: '2500.00', method: 'transfer', reference: 'VIR-APERCU' } }],
    ['payment.record (répartition automatique, client qui doit encore)', { channel: 'payment.record', request: { customerId: target.customerId, date: TODAY, amount: '25000.00', method: 'transfer', reference: 'VIR-APERCU' } }],
    ['payment.record (une facture)', { channel: 'payment.record', request: { customerId: target.customerId, date: TODAY, amount: target.outstanding, method: 'transfer', allocations: [{ invoiceId: target.id, amount: target.outstanding }] } }],
    ['creditNote.create (validé, facture entière)', { channel: 'creditNote.create', request: { invoiceId: target.id, date: TODAY, reason: 'Retour', validate: true } }],
    ['ledger.post (écriture manuelle)', { channel: 'ledger.post', request: { journal: 'OD', date: TODAY, label: 'Régularisation', pieceRef: 'OD-APERCU', lines: [{ account: '512', debit: '10.00' }, { account: '758', credit: '10.00' }] } }],
    ['doubtful.classify (une facture)', { channel: 'doubtful.classify', request: { invoiceIds: [target.id], date: TODAY, reason: 'doubtful' } }],
  ];
  const out: BenchResult[] = [];
  for (const [name, payload] of cases) {
    rss.reset();
    const ms: number[] = [];
    let entries = 0;
    const cpu = cpuMark();
    const t0 = performance.now();
    for (let r = 0; r < RUNS; r++) {
      const s = performance.now();
      const value = await company.call('preview', payload);
      ms.push(performance.now() - s);
      entries = value.entries.length;
    }
    const stats = latencyStats(ms);
    out.push(
      result(`preview ${name}`, invoices, (performance.now() - t0) / 1000, rss.peakMB, {
        p50Ms: stats.p50Ms, p95Ms: stats.p95Ms, maxMs: stats.maxMs, entries, target: 'p95 < 30 ms', met: stats.p95Ms < 30, ...cpuSince(cpu), load1: round(loadavg()[0] ?? 0, 1),
      }),
    );
  }
  return out;
}
