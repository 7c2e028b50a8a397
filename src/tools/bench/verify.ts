import { performance } from 'node:perf_hooks';
import { type Company, cpuMark, cpuSince, result, type BenchResult, type RssSampler } from './common';

/** Scenario 5: ledger.verify over the whole journal (balance, numbering, hash chain recomputed). */
export async function verify(company: Company, name: string, rss: RssSampler): Promise<BenchResult> {
  rss.reset();
  const t0 = performance.now();
  const cpu = cpuMark();
  const r = await company.call('ledger.verify', {});
  const seconds = (performance.now() - t0) / 1000;
  const used = cpuSince(cpu);
  if (!r.ok) throw new Error(`ledger.verify : ${JSON.stringify(r.brokenAt)}`);
  return result(name, r.entries, seconds, rss.peakMB, { unit: 'écritures', ...used });
}
