import { performance } from 'node:perf_hooks';
import { type Company, COMPANY, cpuMark, cpuSince, latencyStats, log, result, type BenchResult, type RssSampler } from './common';
import { cents, CUSTOMER_COUNT, customerOf, customerPayload, invoicePayload, money, paymentDate } from './data';

export interface InteractiveOutput {
  results: BenchResult[];
  /** Per invoice, what the later scenarios need. */
  invoices: { id: number; customerId: number; date: string; net: string; gross: string }[];
  customerIds: number[];
}

/**
 * Scenario 1, the interactive path: each operation is one channel call through dispatch, one
 * transaction, like a user's click: 1 000 customer.create, n invoice.create {validate: true}, then n
 * payment.record allocated to each invoice (nine in ten settle it, and so letter it; one in ten pays half).
 */
export async function interactive(company: Company, n: number, rss: RssSampler): Promise<InteractiveOutput> {
  const results: BenchResult[] = [];
  await company.call('company.init', COMPANY);

  rss.reset();
  const customerIds: number[] = [];
  const customerMs: number[] = [];
  let t0 = performance.now();
  let cpu = cpuMark();
  for (let i = 0; i < CUSTOMER_COUNT; i++) {
    const { value, ms } = await company.timed('customer.create', customerPayload(i));
    customerIds.push(value.id);
    customerMs.push(ms);
  }
  results.push(result('interactive.customer.create', CUSTOMER_COUNT, (performance.now() - t0) / 1000, rss.peakMB, { ...latencyStats(customerMs), ...cpuSince(cpu) }));
  log(`${CUSTOMER_COUNT} clients créés`);

  rss.reset();
  const invoices: InteractiveOutput['invoices'] = [];
  const invoiceMs: number[] = [];
  t0 = performance.now();
  cpu = cpuMark();
  const step = Math.max(1, Math.floor(n / 10));
  for (let i = 0; i < n; i++) {
    const customerId = customerIds[customerOf(i)] as number;
    const { value, ms } = await company.timed('invoice.create', invoicePayload(i, n, customerId));
    if (value.status !== 'open' || !value.number) throw new Error(`facture ${i} non validée : ${value.status}`);
    invoices.push({ id: value.id, customerId, date: value.date, net: value.totals.net, gross: value.totals.gross });
    invoiceMs.push(ms);
    if ((i + 1) % step === 0) log(`factures : ${i + 1}/${n}`);
  }
  const invSeconds = (performance.now() - t0) / 1000;
  results.push(result('interactive.invoice.create+validate', n, invSeconds, rss.peakMB, { ...latencyStats(invoiceMs), ...cpuSince(cpu) }));

  rss.reset();
  const paymentMs: number[] = [];
  t0 = performance.now();
  cpu = cpuMark();
  for (let i = 0; i < n; i++) {
    const inv = invoices[i] as InteractiveOutput['invoices'][number];
    const partial = i % 10 === 5;
    const amount = partial ? money(cents(inv.gross) / 2n) : inv.gross;
    const { value, ms } = await company.timed('payment.record', {
      customerId: inv.customerId, date: paymentDate(i, inv.date), amount, method: i % 3 === 0 ? 'check' : 'transfer', reference: `VIR-${i + 1}`,
      allocations: [{ invoiceId: inv.id, amount }],
    });
    if (value.allocations.length !== 1) throw new Error(`règlement ${i} mal imputé`);
    paymentMs.push(ms);
    if ((i + 1) % step === 0) log(`règlements : ${i + 1}/${n}`);
  }
  results.push(result('interactive.payment.record', n, (performance.now() - t0) / 1000, rss.peakMB, { ...latencyStats(paymentMs), ...cpuSince(cpu) }));
  return { results, invoices, customerIds };
}
