import { createDecipheriv, createHmac, pbkdf2Sync } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { backupCompanyDb, restoreBackupCopy, rotateBackups } from '../../../src/main/core/backup';
import { serviceContext, silentLogger, type ServiceContext } from '../../../src/main/core/context';
import { CompanyFile, type CompanyFileOptions } from '../../../src/main/db/company-file';
import { migration0001 } from '../../../src/main/db/migrations/0001-company-customers';
import { APPLICATION_ID, openCompanyDb, SCHEMA_VERSION } from '../../../src/main/db/open';
import { AFTER_2026, at, call, callErr, callOk, fixedClock } from '../../helpers/context';
import { dumpDb, fileSnapshot } from '../../helpers/db';
import { appErrorOf } from '../../helpers/errors';
import { companyInit, invoiceDraft, roundTripIn, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { memoryKeychain } from '../../helpers/keychain';
import { tempDir } from '../../helpers/temp';

const PASSPHRASE = 'cheval correct agrafe batterie';
const CUSTOMER = 'Société Générale';
/** What must never be found in clear in an encrypted file: a customer's name, the company's, a SQLite header. */
const SECRETS = [CUSTOMER, 'Atelier Dupont', '29 boulevard Haussmann', 'SQLite format 3'];

function door(path: string, options: CompanyFileOptions = {}): { file: CompanyFile; ctx: ServiceContext } {
  const file = new CompanyFile(path, { now: fixedClock, ...options });
  onTestFinished(() => file.close());
  return { file, ctx: serviceContext({ file, now: fixedClock, log: silentLogger }) };
}

/** An encrypted company file with one customer, created through company.init as the CLI does it. */
async function encryptedCompany(passphrase = PASSPHRASE) {
  const dir = tempDir();
  const path = join(dir, 'Atelier Dupont.encours');
  const { file, ctx } = door(path, { passphrase });
  await callOk(ctx, 'company.init', companyInit);
  await callOk(ctx, 'customer.create', societeGenerale);
  return { dir, path, file, ctx };
}

/** The file's bytes (and its WAL's) hold none of the secrets, in UTF-8 or UTF-16. */
function expectNoPlaintext(path: string) {
  for (const p of [path, `${path}-wal`].filter(existsSync)) {
    const bytes = readFileSync(p);
    for (const secret of SECRETS) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} in clear in ${p}`).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} in UTF-16 in ${p}`).toBe(false);
    }
  }
}

const mode = (path: string) => statSync(path).mode & 0o777;

/**
 * SQLCipher 4's published format, checked with node:crypto alone (no SQLite): the salt in the first 16
 * bytes; the key from PBKDF2-HMAC-SHA512 (256 000 iterations); page 1 from byte 16 in AES-256-CBC, its IV
 * and HMAC-SHA512 (key: PBKDF2 of the key with the salt XOR 0x3a, 2 iterations) in the page's last 80
 * bytes. Returns the decrypted SQLite header fields.
 */
function readSqlCipher4Header(path: string, passphrase: string) {
  const page = readFileSync(path).subarray(0, 4096);
  const salt = page.subarray(0, 16);
  const key = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), salt, 256_000, 32, 'sha512');
  const hmacKey = pbkdf2Sync(key, Buffer.from(salt.map((b) => b ^ 0x3a)), 2, 32, 'sha512');
  const reserve = 80;
  const iv = page.subarray(4096 - reserve, 4096 - reserve + 16);
  const mac = page.subarray(4096 - reserve + 16);
  const pgno = Buffer.alloc(4);
  pgno.writeUInt32LE(1);
  const expected = createHmac('sha512', hmacKey).update(page.subarray(16, 4096 - reserve + 16)).update(pgno).digest();
  const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(page.subarray(16, 4096 - reserve)), decipher.final()]);
  // plain[i] is the header's byte 16 + i.
  return { hmacOk: expected.equals(mac), pageSize: plain.readUInt16BE(0), reserve: plain[20 - 16], applicationId: plain.readUInt32BE(68 - 16) };
}

describe('an encrypted company file', () => {
  it('is created by company.init with a passphrase, in SQLCipher 4 format, owner-only, with no plaintext on disk', async () => {
    const { path, ctx } = await encryptedCompany();
    // Open, WAL not folded back: neither the file nor its WAL shows anything in clear.
    expectNoPlaintext(path);
    expect(readFileSync(path).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    if (process.platform !== 'win32') {
      expect(mode(path)).toBe(0o600);
      expect(mode(`${path}-wal`)).toBe(0o600);
    }
    ctx.file.close();
    expectNoPlaintext(path);
    expect(readSqlCipher4Header(path, PASSPHRASE)).toEqual({ hmacOk: true, pageSize: 4096, reserve: 80, applicationId: APPLICATION_ID });
    expect(readSqlCipher4Header(path, 'autre phrase').hmacOk).toBe(false);
    // Read the way a SQLCipher tool reads it (PRAGMA key): the company and its customer are there.
    expect(dumpDb(path, PASSPHRASE)).toContain(CUSTOMER);
  });

  it('opens again with its passphrase (the same in any Unicode normal form), and every channel works', async () => {
    const { path, ctx } = await encryptedCompany('phrase très secrète');
    ctx.file.close();
    const decomposed = 'phrase très secrète'.normalize('NFD');
    const again = door(path, { passphrase: decomposed });
    expect((await callOk(again.ctx, 'customer.list', {})).rows.map((c) => c.name)).toEqual([CUSTOMER]);
    await callOk(again.ctx, 'invoice.create', { ...invoiceDraft, validate: true });
    expect(await callOk(again.ctx, 'ledger.verify', {})).toMatchObject({ ok: true });
    expect((await callOk(again.ctx, 'app.info', {})).encryption).toEqual({ encrypted: true, canRemember: false, remembered: false });
    again.file.close();
    expectNoPlaintext(path);
  });

  it('refuses a wrong passphrase with DB_LOCKED, in French, and leaves the file byte for byte as it was', async () => {
    const { path, ctx } = await encryptedCompany();
    ctx.file.close();
    const before = fileSnapshot(path);
    const wrong = door(path, { passphrase: 'mauvaise phrase' });
    const err = await callErr(wrong.ctx, 'customer.list', {});
    expect(err.code).toBe('DB_LOCKED');
    expectFrench(err.message);
    expect(err.message).toContain('Phrase de passe incorrecte');
    expect(err.fieldErrors).toEqual({ passphrase: 'Phrase de passe incorrecte.' });
    expect(fileSnapshot(path)).toEqual(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
    // Nor may a wrong passphrase create over it.
    expect((await callErr(wrong.ctx, 'company.init', companyInit)).code).toBe('DB_LOCKED');
    expect(fileSnapshot(path)).toEqual(before);
  });

  it('refuses a missing passphrase: DB_LOCKED at the doors (which ask), unreadable for the bare opener; the file untouched', async () => {
    const { path, ctx } = await encryptedCompany();
    ctx.file.close();
    const before = fileSnapshot(path);
    const none = door(path);
    const err = await callErr(none.ctx, 'company.get', {});
    expect(err.code).toBe('DB_LOCKED');
    expectFrench(err.message.replace('--passphrase-file', ''));
    expect(err.message).toContain('protégé par une phrase de passe');
    expect(err.fieldErrors).toBeUndefined();
    const bare = appErrorOf(() => openCompanyDb(path));
    expect(bare.code).toBe('DB_CORRUPT');
    expect(bare.message).toContain('phrase de passe');
    expect(fileSnapshot(path)).toEqual(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a passphrase for a file that has none (VALIDATION), without touching it', async () => {
    const dir = tempDir();
    const path = join(dir, 'clair.encours');
    const plain = door(path);
    await callOk(plain.ctx, 'company.init', companyInit);
    plain.file.close();
    const before = fileSnapshot(path);
    const err = await callErr(door(path, { passphrase: PASSPHRASE }).ctx, 'company.get', {});
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('n’est pas chiffré');
    expect(fileSnapshot(path)).toEqual(before);
  });

  it('is migrated with its passphrase; the copy taken before the migration is encrypted with the same key', async () => {
    const dir = tempDir();
    const path = join(dir, 'Atelier Dupont.encours');
    const old = openCompanyDb(path, { create: true, migrations: [migration0001], passphrase: PASSPHRASE });
    old.prepare("INSERT INTO customer (code, name, kind, search_text, created_at, updated_at) VALUES ('C00001', ?, 'business', 'x', 'x', 'x')").run(CUSTOMER);
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    const db = openCompanyDb(path, { passphrase: PASSPHRASE, backupDir: join(dir, 'sauvegardes'), now: fixedClock });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    const [copy] = readdirSync(join(dir, 'sauvegardes'));
    const copyPath = join(dir, 'sauvegardes', copy as string);
    expect(copy).toMatch(/avant-migration-v1-.*\.bak$/);
    expectNoPlaintext(copyPath);
    expectNoPlaintext(path);
    if (process.platform !== 'win32') expect(mode(copyPath)).toBe(0o600);
    const restored = openCompanyDb(copyPath, { passphrase: PASSPHRASE, migrations: [migration0001] });
    expect(restored.prepare('SELECT name FROM customer').pluck().all()).toEqual([CUSTOMER]);
    restored.close();
  });
});

describe('backups of an encrypted file', () => {
  it('backup.create, the automatic rotation and « Sauvegarder une copie » are all encrypted with the same key, owner-only', async () => {
    const { dir, path, file, ctx } = await encryptedCompany();
    await callOk(ctx, 'customer.update', { id: 1, name: `${CUSTOMER} Paris` }); // still in the WAL
    const created = (await callOk(ctx, 'backup.create', {})).path;
    const rotated = rotateBackups(file.db(), path, file.backupDir, new Date('2026-12-01T18:30:15Z')).path;
    const saved = await backupCompanyDb(file.db(), join(dir, 'copie.encours'));
    writeFileSync(join(dir, 'ecrasee.encours'), 'ancienne copie');
    const overwritten = await backupCompanyDb(file.db(), join(dir, 'ecrasee.encours'), { overwrite: true });
    for (const copy of [created, rotated, saved, overwritten]) {
      expectNoPlaintext(copy);
      if (process.platform !== 'win32') expect(mode(copy), copy).toBe(0o600);
      expect(dumpDb(copy, PASSPHRASE)).toContain(`${CUSTOMER} Paris`);
      expect(() => dumpDb(copy)).toThrow();
      expect(existsSync(`${copy}.partiel`)).toBe(false);
    }
    expect((await callOk(ctx, 'backup.list', {})).rows.map((r) => r.path).sort()).toEqual([created, rotated].sort());
  });

  it('restores an encrypted backup with the passphrase; refuses a wrong one, creating nothing', async () => {
    const { dir, path, file, ctx } = await encryptedCompany();
    const backup = (await callOk(ctx, 'backup.create', {})).path;
    await callOk(ctx, 'customer.update', { id: 1, name: 'Après la sauvegarde' });

    const refused = join(dir, 'refusee.encours');
    const err = appErrorOf(() => restoreBackupCopy(backup, refused, path, 'mauvaise phrase'));
    expect(err.code).toBe('DB_LOCKED');
    expectFrench(err.message);
    expect(existsSync(refused)).toBe(false);
    expect(existsSync(`${refused}.partiel`)).toBe(false);

    const target = join(dir, 'restauree.encours');
    expect(restoreBackupCopy(backup, target, path, PASSPHRASE)).toBe(target);
    expectNoPlaintext(target);
    if (process.platform !== 'win32') expect(mode(target)).toBe(0o600);
    const restored = door(target, { passphrase: PASSPHRASE });
    expect((await callOk(restored.ctx, 'customer.get', { id: 1 })).name).toBe(CUSTOMER);

    // Without the passphrase the copy is made as it is; opening it asks for the passphrase.
    const unchecked = join(dir, 'sans-phrase.encours');
    restoreBackupCopy(backup, unchecked, file.path);
    expect((await callErr(door(unchecked).ctx, 'company.get', {})).code).toBe('DB_LOCKED');
    // The app opens a restored copy with the open file's passphrase as a hint: no question asked.
    const app = door(path, { passphrase: PASSPHRASE });
    app.file.switchTo(unchecked, file.passphraseHint);
    expect((await callOk(app.ctx, 'customer.get', { id: 1 })).name).toBe(CUSTOMER);
  });
});

describe('company.encryption.set', () => {
  it('encrypts a plain file in place, keeping every row; names the backups taken before, which stay plain', async () => {
    const dir = tempDir();
    const path = join(dir, 'Atelier Dupont.encours');
    const { ctx } = door(path);
    await callOk(ctx, 'company.init', companyInit);
    await callOk(ctx, 'customer.create', societeGenerale);
    await callOk(ctx, 'invoice.create', { ...invoiceDraft, validate: true });
    const plainBackup = (await callOk(ctx, 'backup.create', {})).path;
    const before = dumpDb(path);

    const weak = await callErr(ctx, 'company.encryption.set', { passphrase: 'court', confirmation: 'court' });
    expect(weak.code).toBe('VALIDATION');
    expect(dumpDb(path)).toBe(before);

    const done = await callOk(ctx, 'company.encryption.set', { passphrase: PASSPHRASE, confirmation: PASSPHRASE });
    expect(done).toEqual({ encrypted: true, canRemember: false, remembered: false, unencryptedBackups: [plainBackup] });
    expectNoPlaintext(path);
    expect(dumpDb(path, PASSPHRASE).replace(/"journal_mode":"\w+"/, '')).toBe(before);
    // The door goes on working on it, and its next backups are encrypted.
    await callOk(ctx, 'customer.update', { id: 1, name: 'Après chiffrement' });
    expectNoPlaintext(path);
    expectNoPlaintext((await callOk(ctx, 'backup.create', {})).path);
    expect(await callOk(ctx, 'ledger.verify', {})).toMatchObject({ ok: true });
    ctx.file.close();
    expect((await callErr(door(path).ctx, 'company.get', {})).code).toBe('DB_LOCKED');
    expect((await callOk(door(path, { passphrase: PASSPHRASE }).ctx, 'customer.get', { id: 1 })).name).toBe('Après chiffrement');
  });

  it('changes the passphrase (the old one no longer opens the file) and removes it (a plain SQLite file again)', async () => {
    const { path, ctx } = await encryptedCompany();
    await callOk(ctx, 'company.encryption.set', { passphrase: 'nouvelle phrase de passe', confirmation: 'nouvelle phrase de passe' });
    ctx.file.close();
    expect((await callErr(door(path, { passphrase: PASSPHRASE }).ctx, 'company.get', {})).code).toBe('DB_LOCKED');
    const renewed = door(path, { passphrase: 'nouvelle phrase de passe' });
    expect((await callOk(renewed.ctx, 'customer.get', { id: 1 })).name).toBe(CUSTOMER);
    expectNoPlaintext(path);

    const removed = await callOk(renewed.ctx, 'company.encryption.set', { passphrase: null });
    expect(removed).toMatchObject({ encrypted: false, unencryptedBackups: [] });
    renewed.file.close();
    expect(readFileSync(path).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    expect(dumpDb(path)).toContain(CUSTOMER);
    expect((await callOk(door(path).ctx, 'customer.get', { id: 1 })).name).toBe(CUSTOMER);
  });

  it('remembers the passphrase on this computer when asked, and forgets it when removed', async () => {
    const keychain = memoryKeychain();
    const dir = tempDir();
    const path = join(dir, 'societe.encours');
    const { ctx } = door(path, { keychain });
    await callOk(ctx, 'company.init', companyInit);
    const set = await callOk(ctx, 'company.encryption.set', { passphrase: PASSPHRASE, confirmation: PASSPHRASE, remember: true });
    expect(set).toMatchObject({ encrypted: true, canRemember: true, remembered: true });
    expect(keychain.entries.get(path)).toBe(PASSPHRASE);
    ctx.file.close();
    // Reopened without a question.
    const next = door(path, { keychain });
    expect((await callOk(next.ctx, 'company.get', {})).name).toBe(companyInit.name);
    const removed = await callOk(next.ctx, 'company.encryption.set', { passphrase: null });
    expect(removed).toMatchObject({ encrypted: false, remembered: false });
    expect(keychain.entries.size).toBe(0);
  });
});

describe('company.unlock', () => {
  it('opens a locked file with the passphrase the window asked for; a wrong one is refused and changes nothing', async () => {
    const { path, ctx } = await encryptedCompany();
    ctx.file.close();
    const before = fileSnapshot(path);
    const keychain = memoryKeychain();
    const app = door(path, { keychain });
    expect((await callOk(app.ctx, 'app.info', {})).encryption).toEqual({ encrypted: true, canRemember: true, remembered: false });
    expect((await callErr(app.ctx, 'company.get', {})).code).toBe('DB_LOCKED');

    const wrong = await callErr(app.ctx, 'company.unlock', { passphrase: 'pas la bonne', remember: true });
    expect(wrong.code).toBe('DB_LOCKED');
    expect(wrong.fieldErrors).toHaveProperty('passphrase');
    expect(keychain.entries.size).toBe(0);
    expect(fileSnapshot(path)).toEqual(before);

    expect(await callOk(app.ctx, 'company.unlock', { passphrase: PASSPHRASE, remember: true })).toEqual({ encrypted: true, canRemember: true, remembered: true });
    expect((await callOk(app.ctx, 'company.get', {})).name).toBe(companyInit.name);
    // Once open, only its own passphrase is accepted again.
    expect((await callErr(app.ctx, 'company.unlock', { passphrase: 'autre chose' })).code).toBe('DB_LOCKED');
    expect((await callOk(app.ctx, 'company.unlock', {})).encrypted).toBe(true);

    // Next launch: the remembered passphrase opens it. Changed elsewhere since: forgotten, and asked.
    app.file.close();
    expect((await callOk(door(path, { keychain }).ctx, 'company.get', {})).name).toBe(companyInit.name);
    keychain.entries.set(path, 'une ancienne phrase');
    const stale = door(path, { keychain });
    expect((await callErr(stale.ctx, 'company.get', {})).code).toBe('DB_LOCKED');
    expect(keychain.entries.has(path)).toBe(false);
  });

  it('without a keychain (CLI, harness) remembers nothing, and a plain file needs no unlocking', async () => {
    const { path, ctx } = await encryptedCompany();
    ctx.file.close();
    const cli = door(path);
    expect(await callOk(cli.ctx, 'company.unlock', { passphrase: PASSPHRASE, remember: true })).toEqual({ encrypted: true, canRemember: false, remembered: false });

    const dir = tempDir();
    const plain = door(join(dir, 'clair.encours'));
    await callOk(plain.ctx, 'company.init', companyInit);
    expect(await callOk(plain.ctx, 'company.unlock', {})).toEqual({ encrypted: false, canRemember: false, remembered: false });
    expect((await callErr(plain.ctx, 'company.unlock', { passphrase: PASSPHRASE })).code).toBe('VALIDATION');
  });
});

describe('files created with owner-only permissions (Linux, macOS)', () => {
  it.skipIf(process.platform === 'win32')('the company file, its WAL, backups, the FEC and PDFs are 0600', async () => {
    const dir = tempDir();
    const path = join(dir, 'societe.encours');
    const { ctx, file } = door(path);
    await callOk(ctx, 'company.init', companyInit);
    await callOk(ctx, 'customer.create', societeGenerale);
    await callOk(ctx, 'invoice.create', { ...invoiceDraft, validate: true });
    expect(mode(path)).toBe(0o600);
    expect(mode(`${path}-wal`)).toBe(0o600);
    expect(mode(`${path}-shm`)).toBe(0o600);
    const out = dir;
    const fec = await callOk(ctx, 'export.fec', { fiscalYearEnd: '2026-12-31', output: out });
    const pdf = await callOk(ctx, 'document.invoice', { invoiceId: 1, output: out });
    const backup = await callOk(ctx, 'backup.create', {});
    const rotated = rotateBackups(file.db(), path, file.backupDir, new Date('2026-12-01T18:30:15Z'));
    const copy = await backupCompanyDb(file.db(), join(dir, 'copie.encours'));
    const restored = restoreBackupCopy(copy, join(dir, 'restauree.encours'), path);
    for (const written of [fec.path, pdf.path, backup.path, rotated.path, copy, restored]) expect(mode(written), written).toBe(0o600);
    // A plain copy stays readable as before: only its permissions changed.
    copyFileSync(copy, join(dir, 'lecture.encours'));
    expect(dumpDb(join(dir, 'lecture.encours'))).toContain(CUSTOMER);
  });
});

describe('every channel on an encrypted file', () => {
  it('answers as on a plain file (the FEC streamed from a second connection, keyed the same way), and nothing reaches the disk in clear', async () => {
    const dir = tempDir();
    const path = join(dir, 'societe.encours');
    const { ctx: today, file } = door(path, { passphrase: PASSPHRASE });
    // The round trip closes 2026: it runs once the year has ended.
    const ctx = at(today, AFTER_2026);
    const failures: string[] = [];
    for (const step of roundTripIn(dir)) {
      // Its removal step would decrypt the file: the passphrase is set again (the same) instead.
      const payload = step.channel === 'company.encryption.set' ? { passphrase: PASSPHRASE, confirmation: PASSPHRASE } : step.payload;
      const r = await call(ctx, step.channel, payload);
      if (!r.ok) failures.push(`${step.channel}: ${JSON.stringify(r.error)}`);
    }
    expect(failures).toEqual([]);
    expect(file.encrypted).toBe(true);
    expectNoPlaintext(path);
    for (const name of readdirSync(file.backupDir)) expectNoPlaintext(join(file.backupDir, name));
    const fec = readdirSync(dir).find((n) => n.endsWith('.txt')) as string;
    expect(readFileSync(join(dir, fec), 'utf8')).toContain('Société Générale');
  });
});

describe('the dispatcher', () => {
  it('answers DB_LOCKED on every channel of a locked file but the ones that need no file', async () => {
    const { path, ctx } = await encryptedCompany();
    ctx.file.close();
    const locked = door(path);
    for (const channel of ['company.get', 'customer.list', 'report.trialBalance', 'backup.create', 'company.encryption.set']) {
      const r = await call(locked.ctx, channel, channel === 'company.encryption.set' ? { passphrase: null } : {});
      expect(r.ok ? 'ok' : r.error.code, channel).toBe('DB_LOCKED');
    }
    for (const channel of ['app.info', 'backup.list']) expect((await call(locked.ctx, channel, {})).ok, channel).toBe(true);
  });
});
