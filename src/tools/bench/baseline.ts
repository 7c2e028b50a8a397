import Database from 'better-sqlite3-multiple-ciphers';
import { performance } from 'node:perf_hooks';
import { MIGRATIONS } from '../../main/db/migrations';
import { cpuMark, cpuSince, keyRaw, result, round, type BenchResult, type RssSampler } from './common';
import { CUSTOMER_COUNT, customerCode, customerOf, invoiceDate } from './data';

/**
 * Scenario 6, the physical limit: raw better-sqlite3 on a file with the app's own tables and indexes (the
 * migrations run, then their triggers dropped: no checks, no hash, no numbering), WAL, synchronous=FULL,
 * foreign keys on as the app has them, on disk. One transaction inserts, per invoice: the invoice, its 3
 * lines, its entry and 4 entry lines. Encrypted with `passphrase` as a company file is, when given.
 */
export function baseline(path: string, n: number, rss: RssSampler, passphrase?: string): BenchResult {
  const db = new Database(path);
  try {
    keyRaw(db, passphrase);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.transaction(() => {
      for (const m of MIGRATIONS) m.up(db);
      for (const t of db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").pluck().all() as string[]) db.exec(`DROP TRIGGER "${t}"`);
      db.prepare("INSERT INTO fiscal_year (id, start_date, end_date) VALUES (1, '2026-01-01', '2026-12-31')").run();
      const c = db.prepare("INSERT INTO customer (id, code, name, kind, search_text, created_at, updated_at) VALUES (?, ?, ?, 'business', ?, 'x', 'x')");
      for (let i = 0; i < CUSTOMER_COUNT; i++) c.run(i + 1, customerCode(i), `Client ${i + 1}`, `client ${i + 1}`);
    })();

    const invoice = db.prepare(
      `INSERT INTO invoice (id, number, customer_id, state, date, due_date, vat_regime, net_cents, vat_cents, gross_cents, entry_id, validated_at, created_at, updated_at)
       VALUES (?, ?, ?, 'validated', ?, ?, 'debits', ?, ?, ?, ?, ?, ?, ?)`,
    );
    const line = db.prepare('INSERT INTO invoice_line (invoice_id, line_no, description, kind, quantity, unit_price, vat_rate, net_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const entry = db.prepare(
      `INSERT INTO entry (id, fiscal_year_id, journal, date, label, piece_ref, piece_date, source_kind, source_id, num, seq, validated_at, prev_hash, hash)
       VALUES (?, 1, 'VT', ?, ?, ?, ?, 'invoice', ?, ?, ?, ?, ?, ?)`,
    );
    const entryLine = db.prepare('INSERT INTO entry_line (entry_id, line_no, account, aux, label, debit_cents, credit_cents) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const hash = 'f'.repeat(64);
    const stamp = '2026-12-31T17:00:00.000Z';

    rss.reset();
    const t0 = performance.now();
    const cpu = cpuMark();
    db.transaction(() => {
      for (let i = 1; i <= n; i++) {
        const date = invoiceDate(i - 1, n);
        const number = `F2026-${String(i).padStart(5, '0')}`;
        const label = `Facture ${number} Client`;
        entry.run(i, date, label, number, date, i, i, i, stamp, hash, hash);
        invoice.run(i, number, customerOf(i - 1) + 1, date, date, 30000, 5000, 35000, i, stamp, stamp, stamp);
        line.run(i, 1, 'Fourniture de pièces détachées', 'goods', '2', '50.00', '20', 10000);
        line.run(i, 2, 'Main-d’œuvre, intervention sur site', 'services', '3', '50.00', '20', 15000);
        line.run(i, 3, 'Livres techniques', 'goods', '5', '10.00', '5.5', 5000);
        entryLine.run(i, 1, '411', customerCode(customerOf(i - 1)), label, 35000, 0);
        entryLine.run(i, 2, '707', null, label, 0, 15000);
        entryLine.run(i, 3, '706', null, label, 0, 15000);
        entryLine.run(i, 4, '44571', null, label, 0, 5000);
      }
    })();
    const seconds = (performance.now() - t0) / 1000;
    return result('baseline.raw-sqlite (9 lignes par facture, 1 transaction)', n, seconds, rss.peakMB, { usPerInvoice: round((seconds * 1e6) / n, 2), ...cpuSince(cpu) });
  } finally {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
}

/** The cost of one commit on this disk: n tiny transactions, WAL, synchronous=FULL (one fsync each). */
export function commitCost(path: string, n: number, passphrase?: string): BenchResult {
  const db = new Database(path);
  try {
    keyRaw(db, passphrase);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const ins = db.prepare('INSERT INTO t (v) VALUES (?)');
    const one = db.transaction((v: string) => ins.run(v));
    const ms: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      one.immediate(`ligne ${i}`);
      ms.push(performance.now() - s);
    }
    const seconds = (performance.now() - t0) / 1000;
    ms.sort((a, b) => a - b);
    return result('baseline.commit (1 ligne par transaction, fsync)', n, seconds, 0, { p50Ms: round(ms[Math.floor(n / 2)] ?? 0), p95Ms: round(ms[Math.floor(n * 0.95)] ?? 0) });
  } finally {
    db.close();
  }
}
