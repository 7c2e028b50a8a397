import { performance } from 'node:perf_hooks';
import { type Company, COMPANY, cpuMark, cpuSince, log, result, round, type BenchResult, type RssSampler } from './common';
import { computeInvoice } from '../../shared/invoice-math';
import { customerCode, customerOf, customersCsv, invoiceDate, invoicePayload, money } from './data';

/**
 * The same n invoices as scenario 1 (same customers, dates, net and gross amounts), as the open-invoice
 * CSV of a previous tool. That format has one rate per invoice: the 20 % of the main lines is given.
 */
export function openInvoicesCsv(n: number): string {
  const lines = ['numero;client;date;echeance;ttc;ht;taux;nature;libelle'];
  for (let i = 0; i < n; i++) {
    const totals = computeInvoice(invoicePayload(i, n, 0).lines);
    const [y, m, d] = invoiceDate(i, n).split('-');
    lines.push([
      `ANC-${String(i + 1).padStart(7, '0')}`, customerCode(customerOf(i)), `${d}/${m}/${y}`, '',
      money(totals.gross).replace('.', ','), money(totals.net).replace('.', ','), '20', i % 2 ? 'services' : 'biens', `Facture reprise ${i + 1}`,
    ].join(';'));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Scenario 2, bulk import in a fresh file: import.customers (1 000 lines), then import.openInvoices with
 * n lines: each a channel call, one transaction, as the import wizard sends them.
 */
export async function bulkImport(company: Company, n: number, rss: RssSampler): Promise<BenchResult[]> {
  await company.call('company.init', COMPANY);
  const out: BenchResult[] = [];

  const customers = customersCsv();
  rss.reset();
  let t0 = performance.now();
  let cpu = cpuMark();
  const c = await company.call('import.customers', { csv: customers });
  if (c.created !== 1000 || c.errors.length) throw new Error(`import.customers : ${JSON.stringify(c.errors.slice(0, 3))}`);
  out.push(result('import.customers', c.created, (performance.now() - t0) / 1000, rss.peakMB, cpuSince(cpu)));

  const csv = openInvoicesCsv(n);
  log(`CSV de ${n} factures : ${round(csv.length / 2 ** 20, 1)} Mo`);
  rss.reset();
  t0 = performance.now();
  cpu = cpuMark();
  const r = await company.call('import.openInvoices', { csv });
  const seconds = (performance.now() - t0) / 1000;
  const used = cpuSince(cpu);
  if (r.created !== n || r.errors.length) throw new Error(`import.openInvoices : ${r.created} créées, erreurs ${JSON.stringify(r.errors.slice(0, 3))}`);
  out.push(result('import.openInvoices', n, seconds, rss.peakMB, { csvMB: round(csv.length / 2 ** 20, 2), usPerInvoice: round((seconds * 1e6) / n, 1), ...used }));
  return out;
}
