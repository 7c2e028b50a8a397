import Database from 'better-sqlite3-multiple-ciphers';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../src/main/core/context';
import { callErr, callOk, FIXED_NOW, testCompany } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { brasserieBelge, companyInit, jeanneMartin, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';

async function withCompany() {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', companyInit);
  return tc;
}

const names = async (ctx: ServiceContext, payload: object) => (await callOk(ctx, 'customer.list', payload)).rows.map((c) => c.name);

describe('customer.create', () => {
  it('creates a business customer with canonical values and its auxiliary account code', async () => {
    const { ctx } = await withCompany();
    const customer = await callOk(ctx, 'customer.create', societeGenerale);
    expect(customer).toEqual({
      id: 1,
      code: 'C00001',
      name: 'Société Générale',
      kind: 'business',
      siren: '552120222',
      vatNumber: 'FR27552120222',
      email: 'fournisseurs@socgen.example',
      address: { line1: '29 boulevard Haussmann', postcode: '75009', city: 'Paris', country: 'FR' },
      paymentTermsDays: 45,
      creditLimit: '15000.00',
      createdAt: FIXED_NOW,
      updatedAt: FIXED_NOW,
    });
  });

  it('gives 30 days of payment terms when none are named', async () => {
    const { ctx } = await withCompany();
    expect((await callOk(ctx, 'customer.create', jeanneMartin)).paymentTermsDays).toBe(30);
  });

  it('hands out codes C00001, C00002, C00003 in order of creation', async () => {
    const { ctx } = await withCompany();
    const codes = [];
    for (const c of [jeanneMartin, societeGenerale, brasserieBelge]) codes.push((await callOk(ctx, 'customer.create', c)).code);
    expect(codes).toEqual(['C00001', 'C00002', 'C00003']);
  });

  it('never hands a code out twice, even after the last customer’s row is gone', async () => {
    const { ctx, path } = await withCompany();
    await callOk(ctx, 'customer.create', jeanneMartin);
    await callOk(ctx, 'customer.create', societeGenerale);
    const other = new Database(path);
    other.prepare('DELETE FROM customer WHERE id = 2').run();
    other.close();
    const next = await callOk(ctx, 'customer.create', brasserieBelge);
    expect(next.code).toBe('C00003');
    expect(next.id).toBe(3);
  });

  it('does not let the database change a code once given', async () => {
    const { ctx, path } = await withCompany();
    await callOk(ctx, 'customer.create', jeanneMartin);
    const other = new Database(path);
    try {
      expect(() => other.prepare("UPDATE customer SET code = 'C00099' WHERE id = 1").run()).toThrow(/permanent/);
    } finally {
      other.close();
    }
  });

  it('refuses a consumer with a SIREN on the siren field, writing nothing', async () => {
    const { ctx, path } = await withCompany();
    const before = dumpDb(path);
    const err = await callErr(ctx, 'customer.create', { ...jeanneMartin, siren: '552120222' });
    expect(err.code).toBe('VALIDATION');
    expect(Object.keys(err.fieldErrors ?? {})).toEqual(['siren']);
    expectFrench(err.message);
    expect(dumpDb(path)).toBe(before);
  });

  it('refuses payment terms beyond the legal 60 days', async () => {
    const { ctx } = await withCompany();
    const err = await callErr(ctx, 'customer.create', { ...societeGenerale, paymentTermsDays: 61 });
    expect(err.code).toBe('VALIDATION');
    expect(err.fieldErrors?.paymentTermsDays).toContain('60 jours');
  });

  it('caps at 60 days the terms of a business only: the L441-10 cap is no consumer rule', async () => {
    const { ctx } = await withCompany();
    const consumer = await callOk(ctx, 'customer.create', { ...jeanneMartin, paymentTermsDays: 90 });
    expect(consumer.paymentTermsDays).toBe(90);
    // Turned into a business, the same terms are refused.
    const err = await callErr(ctx, 'customer.update', { id: consumer.id, kind: 'business' });
    expect(err.fieldErrors?.paymentTermsDays).toContain('60 jours');
    expect((await callErr(ctx, 'customer.create', { ...jeanneMartin, paymentTermsDays: 366 })).fieldErrors?.paymentTermsDays).toContain('365 jours');
  });

  it('refuses an absurdly large credit limit with VALIDATION rather than an internal error', async () => {
    const { ctx } = await withCompany();
    const err = await callErr(ctx, 'customer.create', { ...societeGenerale, creditLimit: '1'.padEnd(45, '0') });
    expect(err.code).toBe('VALIDATION');
    expect(err.fieldErrors).toHaveProperty('creditLimit');
  });
});

describe('customer.get', () => {
  it('returns the customer as created', async () => {
    const { ctx } = await withCompany();
    const created = await callOk(ctx, 'customer.create', societeGenerale);
    expect(await callOk(ctx, 'customer.get', { id: created.id })).toEqual(created);
  });

  it('answers NOT_FOUND for an unknown id, in French', async () => {
    const { ctx } = await withCompany();
    const err = await callErr(ctx, 'customer.get', { id: 42 });
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain('42');
    expectFrench(err.message);
  });
});

describe('customer.update', () => {
  it('changes the named fields, keeps code and createdAt, stamps updatedAt', async () => {
    const { ctx } = await withCompany();
    const created = await callOk(ctx, 'customer.create', societeGenerale);
    ctx.now = () => new Date('2026-12-02T09:00:00Z');
    const updated = await callOk(ctx, 'customer.update', { id: created.id, name: 'SG Paris', paymentTermsDays: 60, creditLimit: '20 000,50' });
    expect(updated).toEqual({ ...created, name: 'SG Paris', paymentTermsDays: 60, creditLimit: '20000.50', updatedAt: '2026-12-02T09:00:00.000Z' });
    expect(await callOk(ctx, 'customer.get', { id: created.id })).toEqual(updated);
  });

  it('clears an optional field sent as ""', async () => {
    const { ctx } = await withCompany();
    const created = await callOk(ctx, 'customer.create', societeGenerale);
    const updated = await callOk(ctx, 'customer.update', { id: created.id, email: '', creditLimit: '', vatNumber: '' });
    expect(updated).not.toHaveProperty('email');
    expect(updated).not.toHaveProperty('creditLimit');
    expect(updated).not.toHaveProperty('vatNumber');
    expect(updated.siren).toBe('552120222');
  });

  it('keeps the search up to date with the new name', async () => {
    const { ctx } = await withCompany();
    const created = await callOk(ctx, 'customer.create', jeanneMartin);
    expect(await names(ctx, { search: 'jeanne martin' })).toEqual(['Jeanne Martin']);
    await callOk(ctx, 'customer.update', { id: created.id, name: 'Jeanne Lefèvre' });
    expect(await names(ctx, { search: 'lefevre' })).toEqual(['Jeanne Lefèvre']);
    expect(await names(ctx, { search: 'jeanne martin' })).toEqual([]);
  });

  it('re-checks the merged record: a consumer cannot be given a SIREN', async () => {
    const { ctx, path } = await withCompany();
    const created = await callOk(ctx, 'customer.create', jeanneMartin);
    const before = dumpDb(path);
    const err = await callErr(ctx, 'customer.update', { id: created.id, siren: '552120222' });
    expect(err.code).toBe('VALIDATION');
    expect(err.fieldErrors).toHaveProperty('siren');
    expect(dumpDb(path)).toBe(before);
  });

  it('re-checks the merged record: a business with a SIREN cannot become a consumer', async () => {
    const { ctx } = await withCompany();
    const created = await callOk(ctx, 'customer.create', societeGenerale);
    const err = await callErr(ctx, 'customer.update', { id: created.id, kind: 'consumer' });
    expect(err.code).toBe('VALIDATION');
    expect(err.fieldErrors).toHaveProperty('siren');
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    const { ctx } = await withCompany();
    expect((await callErr(ctx, 'customer.update', { id: 7, name: 'Personne' })).code).toBe('NOT_FOUND');
  });
});

describe('customer.list', () => {
  async function withThree() {
    const tc = await withCompany();
    for (const c of [societeGenerale, jeanneMartin, brasserieBelge]) await callOk(tc.ctx, 'customer.create', c);
    return tc;
  }

  it('lists every customer by name with the total', async () => {
    const { ctx } = await withThree();
    const list = await callOk(ctx, 'customer.list', {});
    expect(list.total).toBe(3);
    expect(list.rows.map((c) => c.name)).toEqual(['Brasserie de l’Abbaye', 'Jeanne Martin', 'Société Générale']);
  });

  it('finds « Société Générale » when searching "generale", ignoring accents and case', async () => {
    const { ctx } = await withThree();
    expect(await names(ctx, { search: 'generale' })).toEqual(['Société Générale']);
    expect(await names(ctx, { search: 'GÉNÉ' })).toEqual(['Société Générale']);
    expect(await names(ctx, { search: '  societe  ' })).toEqual(['Société Générale']);
  });

  it('searches by code, SIREN, e-mail and city too', async () => {
    const { ctx } = await withThree();
    expect(await names(ctx, { search: 'C00002' })).toEqual(['Jeanne Martin']);
    expect(await names(ctx, { search: '552120222' })).toEqual(['Société Générale']);
    expect(await names(ctx, { search: 'jeanne.martin@' })).toEqual(['Jeanne Martin']);
    expect(await names(ctx, { search: 'bruxelles' })).toEqual(['Brasserie de l’Abbaye']);
  });

  it('treats LIKE wildcards in the search as plain characters', async () => {
    const { ctx } = await withThree();
    expect(await names(ctx, { search: '%' })).toEqual([]);
    expect(await names(ctx, { search: '_' })).toEqual([]);
  });

  it('lists everything for an empty search, and filters by kind', async () => {
    const { ctx } = await withThree();
    expect((await callOk(ctx, 'customer.list', { search: '' })).total).toBe(3);
    expect(await names(ctx, { kind: 'consumer' })).toEqual(['Jeanne Martin']);
  });

  it('pages with limit and offset while total still counts every match', async () => {
    const { ctx } = await withThree();
    const page = await callOk(ctx, 'customer.list', { limit: 1, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.rows.map((c) => c.name)).toEqual(['Jeanne Martin']);
  });
});

describe('customer channels before company.init', () => {
  it.each([
    ['customer.create', jeanneMartin],
    ['customer.update', { id: 1, name: 'X' }],
    ['customer.get', { id: 1 }],
    ['customer.list', {}],
  ] as const)('%s answers NOT_FOUND and creates no file', async (channel, payload) => {
    const { ctx, dir } = testCompany();
    const err = await callErr(ctx, channel, payload);
    expect(err.code).toBe('NOT_FOUND');
    expectFrench(err.message);
    expect(readdirSync(dir)).toEqual([]);
  });
});
