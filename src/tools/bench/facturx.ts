import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Company, COMPANY, cpuMark, cpuSince, latencyStats, result, type BenchResult, type RssSampler } from './common';
import { invoicePayload } from './data';

const CUSTOMERS = 20;
const SINGLE_RUNS = 30;

/** A SIREN that passes the Luhn check: `base` (8 digits) and its check digit. */
function siren(base: number): string {
  const digits = String(base).padStart(8, '0');
  for (let check = 0; check <= 9; check++) {
    const candidate = `${digits}${check}`;
    const sum = [...candidate].reverse().reduce((s, c, i) => {
      const d = Number(c) * (i % 2 === 1 ? 2 : 1);
      return s + (d > 9 ? d - 9 : d);
    }, 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('SIREN impossible');
}

/**
 * Scenario « facturx »: a file of `n` validated invoices to French businesses (SIREN, address), then
 * (1) one invoice's Factur-X (PDF/A-3b with its EN 16931 XML) drawn in memory, `SINGLE_RUNS` times — the
 * target is under 300 ms — and (2) the batch: `document.facturxBatch` over the whole file, every invoice written as a Factur-X file
 * into one folder, the period's export for the owner's platform.
 */
export async function facturx(company: Company, dir: string, n: number, rss: RssSampler): Promise<BenchResult[]> {
  await company.call('company.init', { ...COMPANY, vatNumber: 'FR44732829320', iban: 'FR76 3000 6000 0112 3456 7890 189' });
  const customerIds: number[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const c = await company.call('customer.create', {
      name: `Client Factur-X ${i + 1} SAS`, kind: 'business', siren: siren(40000000 + i * 37), email: `compta${i + 1}@exemple.fr`,
      address: { line1: `${i + 1} rue du Commerce`, postcode: '69002', city: 'Lyon' }, paymentTermsDays: 30,
    });
    customerIds.push(c.id);
  }
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push((await company.call('invoice.create', invoicePayload(i, n, customerIds[i % CUSTOMERS] as number))).id);

  const out: BenchResult[] = [];
  rss.reset();
  const ms: number[] = [];
  let bytes = 0;
  const cpu = cpuMark();
  const t0 = performance.now();
  for (let r = 0; r < SINGLE_RUNS; r++) {
    const s = performance.now();
    const doc = await company.call('document.render', { kind: 'invoice', id: ids[r % ids.length], format: 'facturx' });
    ms.push(performance.now() - s);
    bytes = doc.pdf.length;
  }
  const stats = latencyStats(ms);
  out.push(result('facturx (une facture, en mémoire)', SINGLE_RUNS, (performance.now() - t0) / 1000, rss.peakMB, { p50Ms: stats.p50Ms, p95Ms: stats.p95Ms, maxMs: stats.maxMs, base64Bytes: bytes, target: 'p95 < 300 ms', met: stats.p95Ms < 300, ...cpuSince(cpu) }));

  rss.reset();
  const folder = join(dir, 'facturx-lot');
  mkdirSync(folder, { recursive: true });
  const cpu2 = cpuMark();
  const t1 = performance.now();
  // The period's export the owner runs (document.facturxBatch): every invoice of the file, one call.
  const batch = await company.call('document.facturxBatch', { from: '2000-01-01', to: '2099-12-31', output: folder });
  const files = readdirSync(folder).filter((f) => f.endsWith(' Factur-X.pdf')).length;
  out.push(result(`facturx (lot de ${n} fichiers)`, n, (performance.now() - t1) / 1000, rss.peakMB, { files, written: batch.count, refused: batch.refused.length, ...cpuSince(cpu2) }));
  return out;
}
