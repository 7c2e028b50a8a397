import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { backupCompanyDb } from '../../src/main/core/backup';
import { handlers } from '../../src/main/core/service';
import { CompanyFile } from '../../src/main/db/company-file';
import { openCompanyDb, SCHEMA_VERSION } from '../../src/main/db/open';
import { listCustomers } from '../../src/main/db/repositories/customer-repo';
import { serviceContext, silentLogger } from '../../src/main/core/context';
import { call, callOk, fixedClock, testCompany } from '../helpers/context';
import { companyInit, jeanneMartin, societeGenerale } from '../helpers/fixtures';

async function companyWithCustomers() {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', companyInit);
  await callOk(tc.ctx, 'customer.create', societeGenerale);
  await callOk(tc.ctx, 'customer.create', jeanneMartin);
  return tc;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  return expect.fail('expected a refusal');
}

describe('backupCompanyDb', () => {
  it('writes a standalone copy that opens as a company file with the same company and customers', async () => {
    const { ctx, dir } = await companyWithCustomers();
    const target = join(dir, 'copies', 'copie.encours');
    const written = await backupCompanyDb(ctx.file.db(), target);
    expect(written).toBe(target);

    const copy = openCompanyDb(target);
    try {
      expect(copy.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(listCustomers(copy, { limit: 100, offset: 0 })).toEqual(listCustomers(ctx.file.db(), { limit: 100, offset: 0 }));
    } finally {
      copy.close();
    }
    // And every door can work on it.
    const copyFile = new CompanyFile(target);
    try {
      const result = await call(serviceContext({ file: copyFile, now: fixedClock, log: silentLogger }), 'customer.list', {}, handlers);
      expect(result).toMatchObject({ ok: true, value: { total: 2 } });
    } finally {
      copyFile.close();
    }
  });

  it('includes writes still in the WAL', async () => {
    const { ctx, dir } = await companyWithCustomers();
    await callOk(ctx, 'customer.update', { id: 1, name: 'SG Paris' });
    const target = join(dir, 'copie.encours');
    await backupCompanyDb(ctx.file.db(), target);
    const copy = openCompanyDb(target);
    try {
      expect(copy.prepare('SELECT name FROM customer WHERE id = 1').pluck().get()).toBe('SG Paris');
    } finally {
      copy.close();
    }
  });

  it('refuses to overwrite an existing file without overwrite, with CONFLICT, leaving it intact', async () => {
    const { ctx, dir } = await companyWithCustomers();
    const target = join(dir, 'existant.encours');
    writeFileSync(target, 'ne pas écraser');
    const err = await rejection(backupCompanyDb(ctx.file.db(), target));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('existe déjà');
    expect(readFileSync(target, 'utf8')).toBe('ne pas écraser');
  });

  it('overwrites an existing file when asked to', async () => {
    const { ctx, dir } = await companyWithCustomers();
    const target = join(dir, 'existant.encours');
    await backupCompanyDb(ctx.file.db(), target);
    await callOk(ctx, 'customer.create', { name: 'Troisième client', kind: 'business' });
    await backupCompanyDb(ctx.file.db(), target, { overwrite: true });
    const copy = openCompanyDb(target);
    try {
      expect(copy.prepare('SELECT count(*) FROM customer').pluck().get()).toBe(3);
    } finally {
      copy.close();
    }
  });

  it('refuses to replace the open file itself, even with overwrite', async () => {
    const { ctx, path } = await companyWithCustomers();
    const err = await rejection(backupCompanyDb(ctx.file.db(), path, { overwrite: true }));
    expect(err.code).toBe('CONFLICT');
    expect(await callOk(ctx, 'customer.list', {})).toMatchObject({ total: 2 });
  });
});
