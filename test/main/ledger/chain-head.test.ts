import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupMetaPath, readBackupMeta, restoreBackupCopy, rotateBackups } from '../../../src/main/core/backup';
import { serviceContext, type Logger } from '../../../src/main/core/context';
import { verifyLedger } from '../../../src/main/core/ledger/verify';
import { CompanyFile } from '../../../src/main/db/company-file';
import { AppError } from '../../../src/shared/errors';
import { AFTER_2026, at, callErr, callOk, fixedClock, testCompany, type TestCompany } from '../../helpers/context';
import { companyInit, invoiceDraft, jeanneMartin, manualEntry, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { tempDir } from '../../helpers/temp';
import { deleteTailSql, falsify, rechainSql, sqlite3 } from '../../helpers/tamper';

/**
 * Entries 1 and 2: invoices F2026-00001 and F2026-00002 to Société Générale (each D 411 1 300,10);
 * entries 3 and 4: two bank receipts posted by hand (BQ, D 512 / C 411 100,00). Every write goes through
 * dispatch, so the witness (the chain head kept outside the file) follows. The file is closed afterwards,
 * so the sqlite3 shell works on it alone.
 */
async function fourEntries(tc: TestCompany = testCompany()) {
  await callOk(tc.ctx, 'company.init', companyInit);
  await callOk(tc.ctx, 'customer.create', societeGenerale);
  await callOk(tc.ctx, 'invoice.create', { ...invoiceDraft, validate: true });
  await callOk(tc.ctx, 'invoice.create', { ...invoiceDraft, date: '2026-03-02', validate: true });
  await callOk(tc.ctx, 'ledger.post', manualEntry);
  await callOk(tc.ctx, 'ledger.post', { ...manualEntry, date: '2026-03-16', pieceRef: 'REL-2026-03-B' });
  expect(await callOk(tc.ctx, 'ledger.verify', {})).toEqual({ ok: true, entries: 4 });
  tc.ctx.file.close();
  return tc;
}

const DELETE_FROM_SEQ = deleteTailSql;

function fileIdIn(path: string): string {
  return sqlite3(path, 'SELECT id FROM file_identity;').trim();
}

function headIn(path: string): { seq: number; hash: string } {
  const [seq, hash] = sqlite3(path, 'SELECT seq, hash FROM entry ORDER BY seq DESC LIMIT 1;').trim().split('|');
  return { seq: Number(seq), hash: hash ?? '' };
}

function capturingLogger(): Logger & { errors: string[]; infos: string[] } {
  const errors: string[] = [];
  const infos: string[] = [];
  return { errors, infos, info: (m: string) => void infos.push(m), error: (m: string) => void errors.push(m) };
}

describe('the chain head kept outside the company file (the witness)', () => {
  it('is kept in the data folder, one JSON named after the file id, written whole (no temp file left), following each write', async () => {
    const tc = await fourEntries();
    const id = fileIdIn(tc.path);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(readdirSync(tc.witnessDir)).toEqual([`${id}.json`]);
    const witness = JSON.parse(readFileSync(join(tc.witnessDir, `${id}.json`), 'utf8')) as Record<string, unknown>;
    expect(witness).toMatchObject({ fileId: id, ...headIn(tc.path), path: tc.path });
    expect(witness.seq).toBe(4);
    // Nothing was written beside the company file for it.
    expect(readdirSync(tc.dir).filter((f) => f.includes('empreinte'))).toEqual([]);
  });

  it('detects the newest entries deleted (the tail): on opening, writes are refused naming the sequence; ledger.verify reports it; the witness is kept', async () => {
    const tc = await fourEntries();
    const id = fileIdIn(tc.path);
    falsify(tc.path, DELETE_FROM_SEQ(3));
    expect(headIn(tc.path).seq).toBe(2);

    // The chain alone is intact: what is left links up from the genesis.
    const raw = new Database(tc.path, { readonly: true });
    expect(verifyLedger(raw)).toEqual({ ok: true, entries: 2 });
    raw.close();

    const log = capturingLogger();
    const ctx = serviceContext({ file: tc.ctx.file, now: fixedClock, log });
    const err = await callErr(ctx, 'ledger.post', manualEntry);
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/Écritures supprimées : le journal s’arrête à l’écriture n° 2 de la séquence, alors qu’il allait jusqu’à la n° 4 sur cet ordinateur le 22\/11\/2026/);
    expectFrench(err.message);
    expect(log.errors.join('\n')).toMatch(/Contrôle à l’ouverture .* Écritures supprimées/);
    expect(headIn(tc.path).seq).toBe(2);

    // Reading stays possible: the journal, the check.
    expect((await callOk(ctx, 'ledger.entries', {})).rows).toHaveLength(2);
    const report = await callOk(ctx, 'ledger.verify', {});
    expect(report.ok).toBe(false);
    expect(report.brokenAt).toMatchObject({ seq: 4, entryId: 0, num: null });
    expect(report.brokenAt?.reason).toMatch(/Écritures supprimées .* n° 4/);
    expectFrench(report.brokenAt?.reason);

    // The witness is the evidence: it still names entry 4.
    expect(JSON.parse(readFileSync(join(tc.witnessDir, `${id}.json`), 'utf8'))).toMatchObject({ seq: 4 });
  });

  it('lets the owner start again from the file as it is by restoring it as a backup: a new file, with a new id, that takes writes', async () => {
    const tc = await fourEntries();
    falsify(tc.path, DELETE_FROM_SEQ(3));
    expect((await callErr(tc.ctx, 'ledger.post', manualEntry)).code).toBe('CONFLICT');
    tc.ctx.file.close();
    const target = join(tempDir(), 'repris.encours');
    restoreBackupCopy(tc.path, target, join(tempDir(), 'autre.encours'));
    expect(fileIdIn(target)).not.toBe(fileIdIn(tc.path));
    const file = new CompanyFile(target, { witnessDir: tc.witnessDir });
    try {
      const ctx = serviceContext({ file, now: fixedClock, log: capturingLogger() });
      expect(await callOk(ctx, 'ledger.verify', {})).toMatchObject({ ok: true, entries: 2, notice: expect.stringMatching(/Aucune empreinte/) });
      await callOk(ctx, 'ledger.post', manualEntry);
      expect(await callOk(ctx, 'ledger.verify', {})).toMatchObject({ ok: true, entries: 3 });
    } finally {
      file.close();
    }
  });

  it('detects an entry edited and every hash after it recomputed: the chain verifies, the witnessed head no longer matches', async () => {
    const tc = await fourEntries();
    falsify(tc.path, "DROP TRIGGER line_of_validated_entry_no_update; UPDATE entry_line SET debit_cents = 1000 WHERE entry_id IN (SELECT id FROM entry WHERE seq = 3) AND account = '512'; UPDATE entry_line SET credit_cents = 1000 WHERE entry_id IN (SELECT id FROM entry WHERE seq = 3) AND account = '411';");
    const db = tc.ctx.file.db();
    const sql = rechainSql(db, 3);
    tc.ctx.file.close();
    falsify(tc.path, `DROP TRIGGER entry_validated_is_immutable; ${sql}`);

    const raw = new Database(tc.path, { readonly: true });
    expect(verifyLedger(raw)).toEqual({ ok: true, entries: 4 });
    raw.close();

    const report = await callOk(tc.ctx, 'ledger.verify', {});
    expect(report.ok).toBe(false);
    expect(report.brokenAt).toMatchObject({ seq: 4, num: 4, date: '2026-03-16' });
    expect(report.brokenAt?.reason).toMatch(/Journal réécrit : l’écriture n° 4 de la séquence n’a plus l’empreinte qu’elle avait sur cet ordinateur le 22\/11\/2026/);
    expectFrench(report.brokenAt?.reason);
    const err = await callErr(tc.ctx, 'customer.create', { name: 'Nouveau client', kind: 'business' });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/Journal réécrit/);
  });

  it('is not tampering when missing (first opening on another laptop, a copied file): ledger.verify says so in French, and the next opening compares', async () => {
    const tc = await fourEntries();
    const copy = join(tempDir(), 'copie.encours');
    copyFileSync(tc.path, copy);
    const otherLaptop = join(tempDir(), 'empreintes');
    const file = new CompanyFile(copy, { witnessDir: otherLaptop });
    try {
      const ctx = serviceContext({ file, now: fixedClock, log: capturingLogger() });
      const report = await callOk(ctx, 'ledger.verify', {});
      expect(report).toMatchObject({ ok: true, entries: 4 });
      expect(report.notice).toMatch(/^Aucune empreinte de ce dossier sur cet ordinateur quand il a été ouvert .* Son journal va jusqu’à l’écriture n° 4 de la séquence/);
      expectFrench(report.notice);
      // Writes are accepted, and from now on this laptop has a witness.
      await callOk(ctx, 'ledger.post', { ...manualEntry, pieceRef: 'REL-COPIE' });
      expect(readdirSync(otherLaptop)).toEqual([`${fileIdIn(copy)}.json`]);
      file.close();
      expect(await callOk(ctx, 'ledger.verify', {})).toEqual({ ok: true, entries: 5 });
    } finally {
      file.close();
    }
  });

  it('lets a file that went further elsewhere open and write (ahead is not an error)', async () => {
    const tc = await fourEntries();
    const noWitness = new CompanyFile(tc.path);
    const elsewhere = serviceContext({ file: noWitness, now: fixedClock, log: capturingLogger() });
    await callOk(elsewhere, 'ledger.post', { ...manualEntry, pieceRef: 'REL-AILLEURS' });
    noWitness.close();
    const log = capturingLogger();
    const ctx = serviceContext({ file: tc.ctx.file, now: fixedClock, log });
    expect(await callOk(ctx, 'ledger.verify', {})).toEqual({ ok: true, entries: 5 });
    expect(log.infos.join('\n')).toMatch(/va plus loin .*\(écriture n° 4 de la séquence, il en est à la n° 5\)/);
    await callOk(ctx, 'ledger.post', { ...manualEntry, pieceRef: 'REL-ICI' });
  });
});

describe('ledger.verify sees what an entry’s hash alone cannot', () => {
  it('detects an invoice line edited after validation (a printed price the ledger does not hold)', async () => {
    const tc = await fourEntries();
    falsify(tc.path, "DROP TRIGGER invoice_line_of_validated_no_change; UPDATE invoice_line SET unit_price = '900' WHERE invoice_id = 2 AND line_no = 1;");
    const report = await callOk(tc.ctx, 'ledger.verify', {});
    expect(report.ok).toBe(false);
    expect(report.brokenAt).toMatchObject({ seq: 2, num: 2, date: '2026-03-02' });
    expect(report.brokenAt?.reason).toMatch(/La facture F2026-00002 ne correspond plus à ce qui a été validé/);
    expectFrench(report.brokenAt?.reason);
  });

  it('detects an invoice total edited after validation', async () => {
    const tc = await fourEntries();
    falsify(tc.path, 'DROP TRIGGER invoice_validated_is_immutable; UPDATE invoice SET gross_cents = gross_cents - 100 WHERE id = 1;');
    const report = await callOk(tc.ctx, 'ledger.verify', {});
    expect(report.ok).toBe(false);
    expect(report.brokenAt).toMatchObject({ seq: 1, num: 1, date: '2026-03-01' });
    expect(report.brokenAt?.reason).toMatch(/La facture F2026-00001 ne correspond plus/);
  });

  it('detects an invoice row deleted behind the app (its entry’s document is gone)', async () => {
    const tc = await fourEntries();
    falsify(tc.path, 'PRAGMA foreign_keys = OFF; DROP TRIGGER invoice_validated_is_permanent; DROP TRIGGER invoice_line_of_validated_no_delete; DELETE FROM invoice_line WHERE invoice_id = 2; DELETE FROM invoice_vat WHERE invoice_id = 2; DELETE FROM invoice WHERE id = 2;');
    const report = await callOk(tc.ctx, 'ledger.verify', {});
    expect(report.ok).toBe(false);
    expect(report.brokenAt).toMatchObject({ seq: 2 });
    expect(report.brokenAt?.reason).toMatch(/La facture dont cette écriture est issue a disparu du dossier/);
  });

  it('detects a credit note’s part edited after validation', async () => {
    const tc = testCompany();
    await callOk(tc.ctx, 'company.init', companyInit);
    await callOk(tc.ctx, 'customer.create', societeGenerale);
    const inv = await callOk(tc.ctx, 'invoice.create', { ...invoiceDraft, validate: true });
    await callOk(tc.ctx, 'creditNote.create', {
      invoiceId: inv.id, date: '2026-03-10', reason: 'Geste', kind: 'rebate', lines: [{ description: 'Rabais', quantity: '1', unitPrice: '50', vatRate: '20', kind: 'goods' }], validate: true,
    });
    expect(await callOk(tc.ctx, 'ledger.verify', {})).toEqual({ ok: true, entries: 2 });
    tc.ctx.file.close();
    falsify(tc.path, 'DROP TRIGGER credit_note_validated_is_immutable; UPDATE credit_note_part SET base_cents = 4000; UPDATE credit_note SET net_cents = 4000;');
    const report = await callOk(tc.ctx, 'ledger.verify', {});
    expect(report.ok).toBe(false);
    expect(report.brokenAt).toMatchObject({ seq: 2, num: 2 });
    expect(report.brokenAt?.reason).toMatch(/L’avoir AV2026-00001 ne correspond plus à ce qui a été validé : .* ce qu’il imprimerait n’est plus ce que le journal contient/);
    expectFrench(report.brokenAt?.reason);
  });

  it('reports a broken link between tables (PRAGMA foreign_key_check)', async () => {
    const tc = testCompany();
    await callOk(tc.ctx, 'company.init', companyInit);
    await callOk(tc.ctx, 'customer.create', societeGenerale);
    await callOk(tc.ctx, 'customer.create', jeanneMartin);
    await callOk(tc.ctx, 'invoice.create', { ...invoiceDraft, customerId: 2 });
    expect(await callOk(tc.ctx, 'ledger.verify', {})).toEqual({ ok: true, entries: 0 });
    tc.ctx.file.close();
    falsify(tc.path, 'PRAGMA foreign_keys = OFF; DELETE FROM customer WHERE id = 2;');
    const report = await callOk(tc.ctx, 'ledger.verify', {});
    expect(report.ok).toBe(false);
    expect(report.brokenAt?.reason).toMatch(/^Lien rompu : une ligne de la table « \w+ » .*renvoie à un élément de « customer » qui n’existe pas/);
    expectFrench(report.brokenAt?.reason);
  });

  it('reports an invoice balance kept by the database that drifted from the ledger lines', async () => {
    const tc = await fourEntries();
    sqlite3(tc.path, 'UPDATE invoice_balance SET outstanding_cents = outstanding_cents - 10000 WHERE invoice_id = 1;');
    const report = await callOk(tc.ctx, 'ledger.verify', {});
    expect(report.ok).toBe(false);
    expect(report.brokenAt?.reason).toMatch(/^Totaux conservés faussés : le solde enregistré de la facture F2026-00001 \(reste dû 1200,10 €\) ne correspond plus à ses écritures \(reste dû 1300,10 €\)/);
    expectFrench(report.brokenAt?.reason);
  });

  it('reports totals per account and day kept by the database that drifted from the ledger lines', async () => {
    const tc = await fourEntries();
    sqlite3(tc.path, "UPDATE ledger_day SET debit_cents = debit_cents + 100 WHERE account = '512';");
    const report = await callOk(tc.ctx, 'ledger.verify', {});
    expect(report.ok).toBe(false);
    expect(report.brokenAt?.reason).toMatch(/^Totaux conservés faussés : les totaux enregistrés du compte 512 au 15\/03\/2026/);
    expectFrench(report.brokenAt?.reason);
  });
});

describe('backups carry the chain head in their metadata', () => {
  it('backup.create writes the file id and chain head beside the copy; restoring compares them and gives the restored file a new id', async () => {
    const tc = await fourEntries();
    const { path } = await callOk(tc.ctx, 'backup.create', {});
    const meta = readBackupMeta(path);
    expect(meta).toEqual({ fileId: fileIdIn(tc.path), ...headIn(tc.path), source: tc.path, takenAt: '2026-11-22T10:00:00.000Z' });
    tc.ctx.file.close();

    const target = join(tempDir(), 'restaure.encours');
    expect(restoreBackupCopy(path, target, tc.path)).toBe(target);
    expect(fileIdIn(target)).not.toBe(fileIdIn(tc.path));
    expect(headIn(target)).toEqual(headIn(tc.path));
    // A new file to this computer: not compared with the original's witness, nothing faulted.
    const restored = new CompanyFile(target, { witnessDir: tc.witnessDir });
    try {
      const report = await callOk(serviceContext({ file: restored, now: fixedClock, log: capturingLogger() }), 'ledger.verify', {});
      expect(report).toMatchObject({ ok: true, entries: 4 });
      expect(report.notice).toMatch(/Aucune empreinte/);
    } finally {
      restored.close();
    }
  });

  it('refuses to restore a backup whose newest entries were deleted after it was taken, naming the sequence', async () => {
    const tc = await fourEntries();
    const { path } = await callOk(tc.ctx, 'backup.create', {});
    tc.ctx.file.close();
    falsify(path, DELETE_FROM_SEQ(4));
    const target = join(tempDir(), 'restaure.encours');
    let err: unknown;
    try {
      restoreBackupCopy(path, target, tc.path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CONFLICT');
    expect((err as AppError).message).toMatch(/s’arrête à l’écriture n° 3 de la séquence, alors qu’elle allait jusqu’à la n° 4 quand elle a été prise le 22\/11\/2026 : ses dernières écritures ont été supprimées/);
    expectFrench((err as AppError).message);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses to restore a backup whose chain was rewritten after it was taken', async () => {
    const tc = await fourEntries();
    const { path } = await callOk(tc.ctx, 'backup.create', {});
    tc.ctx.file.close();
    falsify(path, "DROP TRIGGER line_of_validated_entry_no_update; UPDATE entry_line SET debit_cents = 1000 WHERE entry_id IN (SELECT id FROM entry WHERE seq = 4) AND account = '512'; UPDATE entry_line SET credit_cents = 1000 WHERE entry_id IN (SELECT id FROM entry WHERE seq = 4) AND account = '411';");
    const raw = new Database(path);
    const sql = rechainSql(raw, 4);
    raw.close();
    falsify(path, `DROP TRIGGER entry_validated_is_immutable; ${sql}`);
    expect(() => restoreBackupCopy(path, join(tempDir(), 'restaure.encours'), tc.path)).toThrow(/l’écriture n° 4 de la séquence n’a plus l’empreinte qu’elle avait quand la copie a été prise/);
  });

  it('the automatic copies carry it too, and their metadata goes when they are rotated out', async () => {
    const tc = await fourEntries();
    const dir = tempDir();
    const db = tc.ctx.file.db();
    const first = rotateBackups(db, tc.path, dir, new Date('2026-11-22T10:00:00Z'), 1);
    expect(readBackupMeta(first.path)).toMatchObject({ fileId: fileIdIn(tc.path), ...headIn(tc.path) });
    const second = rotateBackups(db, tc.path, dir, new Date('2026-11-22T11:00:00Z'), 1);
    expect(second.deleted).toEqual([first.path]);
    expect(readdirSync(dir).sort()).toEqual([second.path, backupMetaPath(second.path)].map((p) => p.slice(dir.length + 1)).sort());
  });
});

describe('the closing record', () => {
  it('holds the chain head as the year closed; ledger.verify compares it even with no witness', async () => {
    const tc = await fourEntries();
    const before = headIn(tc.path);
    const ctx = at(tc.ctx, AFTER_2026);
    await callOk(ctx, 'period.close', { fiscalYearEnd: '2026-12-31' });
    const [seq, hash] = sqlite3(tc.path, "SELECT closing_seq, closing_hash FROM fiscal_year WHERE end_date = '2026-12-31';").trim().split('|');
    expect({ seq: Number(seq), hash }).toEqual(before);
    expect(await callOk(ctx, 'ledger.verify', {})).toMatchObject({ ok: true });
    tc.ctx.file.close();

    // Entries deleted back into the closed year, and the witness gone with them: the closing still tells.
    falsify(tc.path, DELETE_FROM_SEQ(4));
    rmSync(tc.witnessDir, { recursive: true, force: true });
    const report = await callOk(ctx, 'ledger.verify', {});
    expect(report.ok).toBe(false);
    expect(report.brokenAt?.reason).toMatch(/Écritures supprimées : le journal s’arrête à l’écriture n° 3 de la séquence, alors qu’il allait jusqu’à la n° 4 à la clôture de l’exercice clos le 31\/12\/2026/);
    expectFrench(report.brokenAt?.reason);
  });
});
