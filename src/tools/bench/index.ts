/**
 * npm run bench [-- --scale 1000|100000] [--fec-lines 1000000] [--renderer] [--keep] [--workdir DIR] [--only a,b] [--encrypted]
 *
 * Creates company files on disk in a temporary folder and drives the core exactly as the app does
 * (dispatch → handler → one transaction per call), then prints one JSON line per scenario and a table.
 * Scenarios: baseline, interactive, reports, previews, fec, verify, import, bank, facturx, renderer (only with --renderer).
 * `--keep` leaves the folder; `--workdir DIR --only reports,fec,verify` reuses its interactive file.
 * `--encrypted`: every file (the baseline's too) is encrypted as a company file with a passphrase is
 * (SQLCipher 4): run it and the plain bench side by side to read encryption's cost.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bankMatching } from './bank';
import { baseline, commitCost } from './baseline';
import { bulkImport } from './bulk-import';
import { BENCH_PASSPHRASE, Company, log, makeWorkDir, result, round, RssSampler, type BenchResult } from './common';
import { facturx } from './facturx';
import { fecExport, syntheticYear } from './fec';
import { interactive } from './interactive';
import { previews } from './previews';
import { rendererList } from './renderer';
import { reports } from './reports';
import { verify } from './verify';

const SCENARIOS = ['baseline', 'interactive', 'reports', 'previews', 'fec', 'verify', 'import', 'bank', 'facturx', 'renderer'] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Options {
  scale: number;
  fecLines: number | null;
  renderer: boolean;
  keep: boolean;
  workdir: string | null;
  only: Set<Scenario> | null;
  /** The passphrase every file is encrypted with (--encrypted), or none. */
  passphrase: string | undefined;
}

function usage(message: string): never {
  process.stderr.write(`${message}\nUtilisation : npm run bench -- [--scale 1000|100000] [--fec-lines N] [--renderer] [--keep] [--workdir DIR] [--only ${SCENARIOS.join(',')}] [--encrypted]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { scale: 1000, fecLines: null, renderer: false, keep: false, workdir: null, only: null, passphrase: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} attend une valeur.`);
      return v;
    };
    const count = (v: string) => {
      const x = Number(v.replace(/[_\s]/g, ''));
      if (!Number.isInteger(x) || x < 2) usage(`${a} : un nombre entier ≥ 2 attendu, « ${v} » reçu.`);
      return x;
    };
    if (a === '--scale') o.scale = count(value());
    else if (a === '--fec-lines') o.fecLines = count(value());
    else if (a === '--renderer') o.renderer = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '--encrypted') o.passphrase = BENCH_PASSPHRASE;
    else if (a === '--workdir') o.workdir = value();
    else if (a === '--only') {
      const names = value().split(',').map((s) => s.trim());
      for (const s of names) if (!(SCENARIOS as readonly string[]).includes(s)) usage(`Scénario inconnu : ${s}.`);
      o.only = new Set(names as Scenario[]);
    } else usage(`Option inconnue : ${a}`);
  }
  return o;
}

function extras(r: BenchResult): string {
  const skip = new Set(['name', 'n', 'seconds', 'perSecond', 'peakRssMB']);
  return Object.entries(r)
    .filter(([k]) => !skip.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

function table(rows: BenchResult[]): string {
  const head = ['scénario', 'n', 'secondes', 'par seconde', 'RSS max (Mo)', 'détails'];
  const cells = rows.map((r) => [r.name, String(r.n), r.seconds.toFixed(3), String(r.perSecond), r.peakRssMB ? r.peakRssMB.toFixed(1) : '—', extras(r)]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (i === 5 ? 0 : (c[i] as string).length))));
  const line = (c: string[]) => c.map((x, i) => (i === 5 ? x : i === 0 ? x.padEnd(widths[i] as number) : x.padStart(widths[i] as number))).join('  ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const want = (s: Scenario) => (s === 'renderer' ? o.renderer && (!o.only || o.only.has(s)) : !o.only || o.only.has(s));
  const temp = o.workdir ? null : makeWorkDir();
  const dir = o.workdir ?? (temp as { dir: string }).dir;
  mkdirSync(dir, { recursive: true });
  const n = o.scale;
  const rss = new RssSampler(2);
  const results: BenchResult[] = [];
  const emit = (r: BenchResult) => {
    results.push(r);
    process.stdout.write(`${JSON.stringify(r)}\n`);
  };
  const pass = o.passphrase;
  const encrypted = pass === undefined ? '' : ', fichiers chiffrés (SQLCipher 4)';
  log(`n = ${n}, dossier ${dir}, ${cpus().length} cœurs, Node ${process.version}${encrypted}`);
  const started = performance.now();
  let invoiceCountShown = n;

  try {
    let base: BenchResult | undefined;
    if (want('baseline')) {
      emit(commitCost(join(dir, 'commit.sqlite'), 1000, pass));
      base = baseline(join(dir, 'baseline.sqlite'), n, rss, pass);
      emit(base);
    }

    const mainPath = join(dir, 'interactive.encours');
    const perInvoice: Record<string, number> = {};
    let largestCustomerId = 1;
    let invoiceCount = n;
    if (want('interactive')) {
      if (existsSync(mainPath)) usage(`${mainPath} existe déjà : choisissez un autre --workdir, ou --only sans interactive.`);
      const company = new Company(mainPath, pass);
      try {
        const out = await interactive(company, n, rss);
        for (const r of out.results) {
          emit(r);
          perInvoice[r.name] = (r.seconds * 1e6) / r.n;
        }
        largestCustomerId = out.customerIds[0] as number;
      } finally {
        company.close();
      }
    }

    const needsMain = want('reports') || want('previews') || want('fec') || want('verify') || want('renderer');
    const hasMain = existsSync(mainPath);
    if (needsMain && !hasMain) log(`${mainPath} introuvable : rapports, FEC, contrôle et interface du fichier complet sautés (lancez aussi le scénario interactive).`);
    if (needsMain && hasMain) {
      const company = new Company(mainPath, pass);
      try {
        // Opening (integrity check, any pending migration with its backup copy) is timed on its own.
        const t0 = performance.now();
        await company.call('company.get', {});
        emit(result('open (quick_check + migrations)', 1, (performance.now() - t0) / 1000, rss.peakMB));
        invoiceCount = (await company.call('invoice.list', { limit: 1 })).total;
        invoiceCountShown = invoiceCount;
        if (want('reports')) for (const r of await reports(company, invoiceCount, largestCustomerId, rss)) emit(r);
        if (want('previews')) for (const r of await previews(company, invoiceCount, largestCustomerId, rss)) emit(r);
        if (want('fec')) emit(await fecExport(company, dir, 'export.fec (fichier complet)', rss));
        if (want('verify')) emit(await verify(company, 'ledger.verify (fichier complet)', rss));
      } finally {
        company.close();
      }
    }

    if (want('import')) {
      const company = new Company(join(dir, 'import.encours'), pass);
      try {
        for (const r of await bulkImport(company, n, rss)) {
          emit(r);
          if (r.name === 'import.openInvoices') perInvoice[r.name] = (r.seconds * 1e6) / r.n;
        }
      } finally {
        company.close();
      }
    }

    if (want('bank')) {
      const company = new Company(join(dir, 'bank.encours'), pass);
      try {
        for (const r of await bankMatching(company, n, rss)) emit(r);
      } finally {
        company.close();
      }
    }

    if (want('facturx')) {
      const company = new Company(join(dir, 'facturx.encours'), pass);
      try {
        // Drawing PDFs weighs more than posting: the batch is capped at 1 000 whatever --scale says.
        for (const r of await facturx(company, dir, Math.min(n, 1000), rss)) emit(r);
      } finally {
        company.close();
      }
    }

    if (o.fecLines !== null && (want('fec') || want('verify'))) {
      const company = new Company(join(dir, 'synthetic.encours'), pass);
      try {
        log(`année synthétique de ${o.fecLines} lignes (postEntry, 1 000 écritures par transaction)`);
        emit(await syntheticYear(company, o.fecLines));
        if (want('fec')) emit(await fecExport(company, dir, `export.fec (année synthétique)`, rss));
        if (want('verify')) emit(await verify(company, 'ledger.verify (année synthétique)', rss));
      } finally {
        company.close();
      }
    }

    if (want('renderer') && hasMain) {
      try {
        for (const r of await rendererList(mainPath, invoiceCount, rss, pass)) emit(r);
      } catch (err) {
        // Said clearly, and the other scenarios' results are still printed.
        const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
        log(`ÉCHEC du scénario interface : ${message}`);
        emit(result('renderer.factures (ÉCHEC)', invoiceCount, 0, 0, { error: message }));
        process.exitCode = 1;
      }
    }

    if (base) {
      const baseUs = (base.seconds * 1e6) / base.n;
      for (const [name, us] of Object.entries(perInvoice)) {
        if (name.startsWith('interactive.customer')) continue;
        emit(result(`ratio ${name} / baseline`, n, 0, 0, { usPerInvoice: round(us, 1), baselineUsPerInvoice: round(baseUs, 2), ratio: round(us / baseUs, 1) }));
      }
    }
  } finally {
    await rss.stop();
    if (temp && !o.keep) temp.remove();
    else log(`dossier conservé : ${dir}`);
  }

  process.stdout.write(`\nBanc d’essai Encours — n = ${n} (factures du fichier complet : ${invoiceCountShown})${encrypted}, ${round((performance.now() - started) / 1000, 1)} s au total\n${table(results)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
