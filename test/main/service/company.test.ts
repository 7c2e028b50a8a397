import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callErr, callOk, FIXED_NOW, testCompany } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { companyInit } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';

describe('company.init', () => {
  it('creates the file and returns the company with canonical values and the clock’s timestamps', async () => {
    const { ctx, path } = testCompany();
    const company = await callOk(ctx, 'company.init', companyInit);
    expect(existsSync(path)).toBe(true);
    expect(company).toEqual({
      name: 'Atelier Dupont SARL',
      legalForm: 'SARL',
      siren: '732829320',
      vatNumber: 'FR44732829320',
      address: { line1: '12 rue de la Paix', postcode: '75002', city: 'Paris', country: 'FR' },
      vatRegime: 'debits',
      fiscalYear: { start: '2026-01-01', end: '2026-12-31' },
      latePenaltyRate: '10',
      iban: 'FR7630006000011234567890189',
      bic: 'AGRIFRPPXXX',
      email: 'compta@atelier-dupont.fr',
      shareCapital: '10000.00',
      paymentDifferenceThreshold: '1.00',
      facturxDefault: false,
      createdAt: FIXED_NOW,
      updatedAt: FIXED_NOW,
    });
  });

  it('creates the folder of the file when it does not exist yet', async () => {
    const { ctx, dir } = testCompany('clients/2026/societe.encours');
    await callOk(ctx, 'company.init', companyInit);
    expect(readdirSync(dir)).toEqual(['clients']);
  });

  it('refuses a second init with CONFLICT and leaves the file as it was', async () => {
    const { ctx, path } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    const before = dumpDb(path);
    const err = await callErr(ctx, 'company.init', { ...companyInit, name: 'Autre société', siren: '552120222', vatNumber: '' });
    expect(err.code).toBe('CONFLICT');
    expectFrench(err.message);
    expect(err.message).toContain('Atelier Dupont SARL');
    expect(dumpDb(path)).toBe(before);
  });

  it('refuses to init over a file that is not a company file, without touching it', async () => {
    const { ctx, path } = testCompany();
    writeFileSync(path, 'pas une base');
    const err = await callErr(ctx, 'company.init', companyInit);
    expect(err.code).toBe('DB_CORRUPT');
    expect(readFileSync(path, 'utf8')).toBe('pas une base');
  });
});

describe('company.get', () => {
  it('returns what init stored', async () => {
    const { ctx } = testCompany();
    const created = await callOk(ctx, 'company.init', companyInit);
    expect(await callOk(ctx, 'company.get', {})).toEqual(created);
  });

  it('accepts an absent (null) request as {}', async () => {
    const { ctx } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    expect((await callOk(ctx, 'company.get', null)).siren).toBe('732829320');
  });

  it('answers NOT_FOUND before init, without creating the file', async () => {
    const { ctx, dir } = testCompany();
    const err = await callErr(ctx, 'company.get', {});
    expect(err.code).toBe('NOT_FOUND');
    expectFrench(err.message);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('company.update', () => {
  it('changes only the named fields and stamps updatedAt with the clock', async () => {
    const { ctx } = testCompany();
    const created = await callOk(ctx, 'company.init', companyInit);
    ctx.now = () => new Date('2026-12-01T08:30:00Z');
    const updated = await callOk(ctx, 'company.update', { phone: '01 23 45 67 89', latePenaltyRate: '12,5' });
    expect(updated).toEqual({ ...created, phone: '01 23 45 67 89', latePenaltyRate: '12.5', updatedAt: '2026-12-01T08:30:00.000Z' });
    expect(await callOk(ctx, 'company.get', {})).toEqual(updated);
  });

  it('keeps Factur-X as the default once ticked, until it is unticked', async () => {
    const { ctx } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    expect((await callOk(ctx, 'company.update', { facturxDefault: true })).facturxDefault).toBe(true);
    // Another field changed later leaves it as it is.
    await callOk(ctx, 'company.update', { phone: '01 23 45 67 89' });
    expect((await callOk(ctx, 'company.get', {})).facturxDefault).toBe(true);
    expect((await callOk(ctx, 'company.update', { facturxDefault: false })).facturxDefault).toBe(false);
  });

  it('refuses Factur-X as the default given as a word, in French, and changes nothing', async () => {
    const { ctx, path } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    const before = dumpDb(path);
    const err = await callErr(ctx, 'company.update', { facturxDefault: 'oui' } as never);
    expect(err.code).toBe('VALIDATION');
    expect(err.fieldErrors?.facturxDefault).toContain('Factur-X par défaut');
    expectFrench(err.message);
    expect(dumpDb(path)).toBe(before);
  });

  it('clears an optional field sent as ""', async () => {
    const { ctx } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    const updated = await callOk(ctx, 'company.update', { iban: '', bic: '', email: '' });
    expect(updated).not.toHaveProperty('iban');
    expect(updated).not.toHaveProperty('bic');
    expect(updated).not.toHaveProperty('email');
    expect(updated.siren).toBe('732829320');
    expect(await callOk(ctx, 'company.get', {})).toEqual(updated);
  });

  it('refuses to clear a required field such as the name', async () => {
    const { ctx, path } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    const before = dumpDb(path);
    const err = await callErr(ctx, 'company.update', { name: '' });
    expect(err.code).toBe('VALIDATION');
    expect(err.fieldErrors).toHaveProperty('name');
    expect(dumpDb(path)).toBe(before);
  });

  it('refuses, on vatNumber, a VAT number alone that does not match the stored SIREN', async () => {
    const { ctx, path } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    const before = dumpDb(path);
    const err = await callErr(ctx, 'company.update', { vatNumber: 'FR27552120222' });
    expect(err.code).toBe('VALIDATION');
    expect(Object.keys(err.fieldErrors ?? {})).toEqual(['vatNumber']);
    expect(err.fieldErrors?.vatNumber).toContain('732829320');
    expectFrench(err.message);
    expect(dumpDb(path)).toBe(before);
  });

  it('refuses a new SIREN alone while the stored VAT number belongs to the old one', async () => {
    const { ctx } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    const err = await callErr(ctx, 'company.update', { siren: '552120222' });
    expect(err.code).toBe('VALIDATION');
    expect(err.fieldErrors).toHaveProperty('vatNumber');
  });

  it('accepts a new SIREN together with its own VAT number', async () => {
    const { ctx } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    const updated = await callOk(ctx, 'company.update', { siren: '552 120 222', vatNumber: 'FR 27 552 120 222' });
    expect(updated.siren).toBe('552120222');
    expect(updated.vatNumber).toBe('FR27552120222');
  });

  it('moves the open fiscal year', async () => {
    const { ctx } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    await callOk(ctx, 'company.update', { fiscalYear: { start: '2026-07-01', end: '2027-06-30' } });
    expect((await callOk(ctx, 'company.get', {})).fiscalYear).toEqual({ start: '2026-07-01', end: '2027-06-30' });
  });

  it('replaces the address as a whole', async () => {
    const { ctx } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    const updated = await callOk(ctx, 'company.update', { address: { line1: '1 quai de Bercy', line2: 'Bâtiment B', postcode: '75012', city: 'Paris' } });
    expect(updated.address).toEqual({ line1: '1 quai de Bercy', line2: 'Bâtiment B', postcode: '75012', city: 'Paris', country: 'FR' });
  });

  it('answers NOT_FOUND before init', async () => {
    const { ctx, dir } = testCompany();
    expect((await callErr(ctx, 'company.update', { phone: '0102030405' })).code).toBe('NOT_FOUND');
    expect(readdirSync(dir)).toEqual([]);
  });
});
