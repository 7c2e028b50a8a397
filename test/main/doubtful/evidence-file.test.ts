import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServiceContext } from '../../../src/main/core/context';
import { EVIDENCE_MAX_BYTES } from '../../../src/main/core/files/stored-copy';
import type * as StoredCopyModule from '../../../src/main/core/files/stored-copy';
import { callErr, callOk, testCompany } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { companyInit, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';

/** What the copy saw of the company file while it ran (set by the test, read by the spy below). */
const probe = vi.hoisted(() => ({
  file: null as string | null,
  /** The app's own connection to it. */
  db: null as (() => { inTransaction: boolean }) | null,
  seen: [] as { inTransaction: boolean; otherWriterCould: boolean }[],
}));

// The real copy, watched: while it runs, is a write transaction open on the company file?
vi.mock('../../../src/main/core/files/stored-copy', async (importOriginal) => {
  const real = await importOriginal<typeof StoredCopyModule>();
  return {
    ...real,
    storeCopy: async (...args: Parameters<typeof real.storeCopy>) => {
      if (probe.file) {
        // Another connection (another window, the automatic backup) can take the write lock at once.
        const other = new Database(probe.file, { timeout: 0 });
        let otherWriterCould = true;
        try {
          other.exec('BEGIN IMMEDIATE; ROLLBACK;');
        } catch {
          otherWriterCould = false;
        } finally {
          other.close();
        }
        probe.seen.push({ inTransaction: probe.db?.().inTransaction ?? false, otherWriterCould });
      }
      return real.storeCopy(...args);
    },
  };
});

async function withInvoice() {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', companyInit);
  await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  const inv = await callOk(tc.ctx, 'invoice.create', { customerId: 1, date: '2026-01-10', validate: true, lines: [{ description: 'Table', quantity: '1', unitPrice: '100', vatRate: '20', kind: 'goods' }] });
  return { ...tc, inv };
}

const folderOf = (ctx: ServiceContext) => join(ctx.file.path.replace(/\.encours$/, ''), '..', 'societe - pièces');
const copies = (ctx: ServiceContext) => (existsSync(folderOf(ctx)) ? readdirSync(folderOf(ctx)) : []);

beforeEach(() => {
  probe.file = null;
  probe.db = null;
  probe.seen = [];
});

describe('an evidence file (issue 15)', () => {
  it('of 1,5 Go is refused in French at once, read for nothing: no row, no copy', async () => {
    const { ctx, dir, path, inv } = await withInvoice();
    const huge = join(dir, 'scan-enorme.pdf');
    writeFileSync(huge, '');
    truncateSync(huge, 1.5 * 1024 ** 3); // sparse: 1,5 Go to stat, nothing on disk
    const before = dumpDb(path);
    const started = performance.now();
    const err = await callErr(ctx, 'evidence.add', { invoiceId: inv.id, kind: 'formal_notice', date: '2026-04-01', note: 'Scan', file: huge });
    const ms = performance.now() - started;
    expect(err.code).toBe('VALIDATION');
    expect(err.fieldErrors?.file).toBe('La pièce « scan-enorme.pdf » fait 1,5 Go : une pièce justificative fait 20 Mo au plus. Joignez un fichier plus léger (un PDF compressé, une photo moins lourde) ou un extrait.');
    expectFrench(err.message);
    expect(ms).toBeLessThan(1000);
    expect(dumpDb(path)).toBe(before);
    expect(copies(ctx)).toEqual([]);
  });

  it('of 20 Mo is joined; one byte more is refused', async () => {
    const { ctx, dir, path, inv } = await withInvoice();
    const limit = join(dir, 'limite.pdf');
    writeFileSync(limit, '');
    truncateSync(limit, EVIDENCE_MAX_BYTES);
    const ok = await callOk(ctx, 'evidence.add', { invoiceId: inv.id, kind: 'formal_notice', date: '2026-04-01', note: 'Limite', file: limit });
    expect(ok.file).toMatchObject({ name: 'limite.pdf', intact: true });
    const over = join(dir, 'trop.pdf');
    writeFileSync(over, '');
    truncateSync(over, EVIDENCE_MAX_BYTES + 1);
    const before = dumpDb(path);
    const err = await callErr(ctx, 'evidence.add', { invoiceId: inv.id, kind: 'formal_notice', date: '2026-04-02', note: 'Trop', file: over });
    expect(err.fieldErrors?.file).toMatch(/fait 20 Mo : une pièce justificative fait 20 Mo au plus/);
    expect(dumpDb(path)).toBe(before);
    expect(copies(ctx)).toHaveLength(1);
  });

  it('is copied outside the write transaction (another writer could take the lock meanwhile), then recorded', async () => {
    const { ctx, dir, path, inv } = await withInvoice();
    const file = join(dir, 'relance.pdf');
    writeFileSync(file, 'relance recommandée');
    probe.file = path;
    probe.db = () => ctx.file.db();
    const ev = await callOk(ctx, 'evidence.add', { invoiceId: inv.id, kind: 'reminder', date: '2026-03-01', note: 'Relance', file });
    expect(probe.seen).toEqual([{ inTransaction: false, otherWriterCould: true }]);
    expect(ev.file).toMatchObject({ name: 'relance.pdf', intact: true });
    expect((await callOk(ctx, 'evidence.list', { invoiceId: inv.id })).rows).toHaveLength(1);
  });

  it('is not copied for an invoice that is not validated, and its copy is removed when the record fails', async () => {
    const { ctx, dir, path, inv } = await withInvoice();
    const file = join(dir, 'relance.pdf');
    writeFileSync(file, 'relance recommandée');
    const missing = await callErr(ctx, 'evidence.add', { invoiceId: 99, kind: 'reminder', date: '2026-03-01', note: 'Relance', file });
    expect(missing.code).toBe('NOT_FOUND');
    expect(copies(ctx)).toEqual([]);

    // The insert fails after the copy was made: nothing recorded, nothing left behind.
    ctx.file.db().exec("CREATE TEMP TRIGGER refuse_evidence BEFORE INSERT ON evidence BEGIN SELECT RAISE(ABORT, 'refus'); END");
    const before = dumpDb(path);
    const failed = await callErr(ctx, 'evidence.add', { invoiceId: inv.id, kind: 'reminder', date: '2026-03-01', note: 'Relance', file });
    expect(failed.code).not.toBe('VALIDATION');
    expect(dumpDb(path)).toBe(before);
    expect(copies(ctx)).toEqual([]);
  });

  it('that is not a file, or not there, is refused in French', async () => {
    const { ctx, dir, inv } = await withInvoice();
    for (const file of [dir, join(dir, 'absent.pdf')]) {
      const err = await callErr(ctx, 'evidence.add', { invoiceId: inv.id, kind: 'reminder', date: '2026-03-01', note: 'Relance', file });
      expect(err.code).toBe('VALIDATION');
      expectFrench(err.fieldErrors?.file);
    }
  });
});
