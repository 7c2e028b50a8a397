import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { accountMap } from '../../main/core/ledger/accounts';
import { postEntry, type PostingLine } from '../../main/core/ledger/post';
import { addDays } from '../../shared/dates';
import { type Company, clock, COMPANY, cpuMark, cpuSince, FISCAL_YEAR, log, result, round, type BenchResult, type RssSampler } from './common';
import { customerCode, customerOf, customersCsv } from './data';

/**
 * Scenario 4: export.fec of the whole year through dispatch, with the process's RSS sampled every 2 ms
 * by a worker thread. `rssBeforeMB` is the RSS when the export starts, `peakRssMB` the highest sample.
 */
export async function fecExport(company: Company, dir: string, name: string, rss: RssSampler): Promise<BenchResult> {
  const output = join(dir, `fec-${name.replace(/\W+/g, '-')}`);
  mkdirSync(output, { recursive: true });
  global.gc?.();
  rss.reset();
  const before = rss.lowMB;
  const t0 = performance.now();
  const cpu = cpuMark();
  const r = await company.call('export.fec', { fiscalYearEnd: FISCAL_YEAR.end, output });
  const seconds = (performance.now() - t0) / 1000;
  const used = cpuSince(cpu);
  const peak = rss.peakMB;
  return result(name, r.lines, seconds, peak, { rssBeforeMB: before, rssGrowthMB: round(peak - before, 1), rssSamples: rss.samples, unit: 'lignes', ...used });
}

/**
 * A synthetic year of `lines` journal lines, written through the real posting function `postEntry`
 * (checks, EcritureNum, hash chain, triggers) in batches of 1 000 entries per transaction: sales entries
 * of four lines (D 411 with the customer's aux / C 706 / C 707 / C 44571), dated in order over the year.
 */
export async function syntheticYear(company: Company, lines: number): Promise<BenchResult> {
  await company.call('company.init', COMPANY);
  await company.call('import.customers', { csv: customersCsv() });
  const entries = Math.ceil(lines / 4);
  const batch = 1_000;
  const now = clock();
  const t0 = performance.now();
  const cpu = cpuMark();
  let written = 0;
  for (let start = 0; start < entries; start += batch) {
    company.file.write((db) => {
      const accounts = accountMap(db);
      for (let e = start; e < Math.min(entries, start + batch); e++) {
        const left = lines - e * 4;
        const a = 1000n + BigInt(e % 9000);
        const b = 500n + BigInt(e % 700);
        const vat = ((a + b) * 20n) / 100n;
        const date = addDays(FISCAL_YEAR.start, Math.floor((e * 365) / entries));
        const label = `Facture S${e + 1}`;
        const debit: PostingLine = { account: accounts.customers, aux: customerCode(customerOf(e)), debit: a + b + vat };
        // The last entry may be shorter, so the year has exactly `lines` lines.
        const posting: PostingLine[] =
          left >= 4 ? [debit, { account: accounts.salesServices, credit: a }, { account: accounts.salesGoods, credit: b }, { account: accounts.vatCollected, credit: vat }]
          : left === 3 ? [debit, { account: accounts.salesServices, credit: a + b }, { account: accounts.vatCollected, credit: vat }]
          : [debit, { account: accounts.salesServices, credit: a + b + vat }];
        postEntry(db, { journal: 'VT', date, label, pieceRef: `S${e + 1}`, lines: posting }, now);
        written += posting.length;
      }
    });
    if ((start / batch) % 50 === 49) log(`année synthétique : ${written}/${lines} lignes`);
  }
  if (written !== lines) throw new Error(`année synthétique : ${written} lignes au lieu de ${lines}`);
  const seconds = (performance.now() - t0) / 1000;
  return result('fec.synthetic.postEntry', lines, seconds, 0, { entries, method: 'postEntry, 1 000 écritures par transaction', unit: 'lignes', ...cpuSince(cpu) });
}
