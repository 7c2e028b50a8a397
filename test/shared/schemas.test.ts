import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CompanyInitRequest, CompanyUpdateRequest } from '../../src/shared/domain/company';
import { CustomerCreateRequest, CustomerListRequest, CustomerUpdateRequest } from '../../src/shared/domain/customer';
import { PercentInput } from '../../src/shared/domain/common';
import { companyInit, jeanneMartin, societeGenerale } from '../helpers/fixtures';
import { expectFrench } from '../helpers/french';

/** Parses and expects a refusal; returns the issues as { path: message }. */
function refusal(schema: z.ZodType, value: unknown): Record<string, string> {
  const parsed = schema.safeParse(value);
  expect(parsed.success, 'should be refused').toBe(false);
  const out: Record<string, string> = {};
  for (const issue of parsed.error?.issues ?? []) out[issue.path.join('.')] ??= issue.message;
  for (const message of Object.values(out)) expectFrench(message);
  return out;
}

describe('company requests', () => {
  it('accepts the init fixture and canonicalises it (compacted SIREN and IBAN, FR by default, money as cents string)', () => {
    const c = CompanyInitRequest.parse(companyInit);
    expect(c.siren).toBe('732829320');
    expect(c.iban).toBe('FR7630006000011234567890189');
    expect(c.address.country).toBe('FR');
    expect(c.shareCapital).toBe('10000.00');
    expect(c.latePenaltyRate).toBe('10');
  });

  it('treats "" in an optional field as absent', () => {
    const c = CompanyInitRequest.parse({ ...companyInit, vatNumber: '', iban: '', bic: '', email: '', address: { ...companyInit.address, line2: '' } });
    expect(c.vatNumber).toBeUndefined();
    expect(c.iban).toBeUndefined();
    expect(c.bic).toBeUndefined();
    expect(c.email).toBeUndefined();
    expect(c.address.line2).toBeUndefined();
  });

  it('refuses a missing name and SIREN with French messages on those fields', () => {
    const { name: _n, siren: _s, vatNumber: _v, ...rest } = companyInit;
    const issues = refusal(CompanyInitRequest, rest);
    expect(issues.name).toContain('raison sociale');
    expect(issues.siren).toContain('SIREN');
  });

  it('refuses a SIREN whose Luhn key is wrong, and one that is not nine digits', () => {
    expect(refusal(CompanyInitRequest, { ...companyInit, siren: '732829321', vatNumber: '' }).siren).toContain('clé');
    expect(refusal(CompanyInitRequest, { ...companyInit, siren: '73282932', vatNumber: '' }).siren).toContain('9 chiffres');
  });

  it('refuses a VAT number that belongs to another SIREN', () => {
    expect(refusal(CompanyInitRequest, { ...companyInit, vatNumber: 'FR27552120222' }).vatNumber).toContain('552120222');
  });

  it('refuses a wrong VAT key and says which number is right', () => {
    expect(refusal(CompanyInitRequest, { ...companyInit, vatNumber: 'FR45732829320' }).vatNumber).toContain('FR44732829320');
  });

  it('refuses unknown keys and values of the wrong type, in French', () => {
    expect(Object.keys(refusal(CompanyInitRequest, { ...companyInit, foo: 1 }))).toEqual(['']);
    expect(refusal(CompanyInitRequest, { ...companyInit, siren: 732829320 }).siren).toBeDefined();
    expect(refusal(CompanyInitRequest, { ...companyInit, vatRegime: 'mensuel' }).vatRegime).toContain('débits');
  });

  it('requires five digits for a French postcode but not for a foreign one', () => {
    expect(refusal(CompanyInitRequest, { ...companyInit, address: { ...companyInit.address, postcode: '7500' } })['address.postcode']).toContain('5 chiffres');
    expect(CompanyInitRequest.safeParse({ ...companyInit, address: { line1: 'Rue Haute 5', postcode: '1000', city: 'Bruxelles', country: 'be' } }).success).toBe(true);
  });

  it('refuses a fiscal year that ends before it starts or lasts 24 months or more', () => {
    expect(refusal(CompanyInitRequest, { ...companyInit, fiscalYear: { start: '2026-12-31', end: '2026-01-01' } })['fiscalYear.end']).toBeDefined();
    expect(refusal(CompanyInitRequest, { ...companyInit, fiscalYear: { start: '2026-01-01', end: '2028-01-01' } })['fiscalYear.end']).toContain('24 mois');
    expect(CompanyInitRequest.safeParse({ ...companyInit, fiscalYear: { start: '2026-07-01', end: '2027-12-31' } }).success).toBe(true);
  });

  it('refuses an impossible fiscal-year date such as 2026-02-30', () => {
    expect(refusal(CompanyInitRequest, { ...companyInit, fiscalYear: { start: '2026-02-30', end: '2026-12-31' } })['fiscalYear.start']).toContain('date');
  });

  it('refuses a corrupted IBAN and a malformed BIC', () => {
    expect(refusal(CompanyInitRequest, { ...companyInit, iban: 'FR7630006000011234567890188' }).iban).toContain('IBAN');
    expect(refusal(CompanyInitRequest, { ...companyInit, bic: 'AGRIFRP' }).bic).toContain('BIC');
  });

  it('accepts an update naming a single field', () => {
    expect(CompanyUpdateRequest.parse({ phone: '01 23 45 67 89' })).toEqual({ phone: '01 23 45 67 89' });
  });

  it('keeps an emptied field in an update as a present key with no value, so the core can clear it', () => {
    const u = CompanyUpdateRequest.parse({ iban: '' });
    expect('iban' in u).toBe(true);
    expect(u.iban).toBeUndefined();
  });
});

describe('percentages', () => {
  it('accepts a comma and trims trailing zeros', () => {
    expect(PercentInput.parse('5,5')).toBe('5.5');
    expect(PercentInput.parse('10.50')).toBe('10.5');
    expect(PercentInput.parse('20.0')).toBe('20');
    expect(PercentInput.parse('0')).toBe('0');
  });

  it('refuses more than 100 and more than four decimals', () => {
    expect(PercentInput.safeParse('101').success).toBe(false);
    expect(PercentInput.safeParse('1.23456').success).toBe(false);
    expect(PercentInput.safeParse('-1').success).toBe(false);
  });
});

describe('customer requests', () => {
  it('accepts a business customer and canonicalises its credit limit', () => {
    const c = CustomerCreateRequest.parse(societeGenerale);
    expect(c.creditLimit).toBe('15000.00');
    expect(c.paymentTermsDays).toBe(45);
  });

  it('leaves payment terms absent when not given (the core applies 30 days)', () => {
    expect(CustomerCreateRequest.parse(jeanneMartin).paymentTermsDays).toBeUndefined();
  });

  it('refuses a consumer with a SIREN, on the siren field', () => {
    expect(refusal(CustomerCreateRequest, { ...jeanneMartin, siren: '552120222' }).siren).toContain('particulier');
  });

  it('accepts a consumer whose SIREN field was left empty', () => {
    expect(CustomerCreateRequest.parse({ ...jeanneMartin, siren: '' }).siren).toBeUndefined();
  });

  it('refuses payment terms over 60 days and accepts exactly 60', () => {
    expect(refusal(CustomerCreateRequest, { ...societeGenerale, paymentTermsDays: 61 }).paymentTermsDays).toContain('60 jours');
    expect(CustomerCreateRequest.parse({ ...societeGenerale, paymentTermsDays: 60 }).paymentTermsDays).toBe(60);
    expect(refusal(CustomerCreateRequest, { ...societeGenerale, paymentTermsDays: 30.5 }).paymentTermsDays).toBeDefined();
    expect(refusal(CustomerCreateRequest, { ...societeGenerale, paymentTermsDays: -1 }).paymentTermsDays).toBeDefined();
  });

  it('refuses a blank name, an unknown kind and a bad e-mail with French messages', () => {
    const issues = refusal(CustomerCreateRequest, { name: '  ', kind: 'vip', email: 'nobody' });
    expect(issues.name).toContain('nom');
    expect(issues.kind).toBeDefined();
    expect(issues.email).toContain('e-mail');
  });

  it('refuses a VAT number that does not match the customer’s SIREN', () => {
    expect(refusal(CustomerCreateRequest, { ...societeGenerale, vatNumber: 'FR44732829320' }).vatNumber).toContain('552120222');
  });

  it('refuses a credit limit with three decimals rather than rounding it', () => {
    expect(refusal(CustomerCreateRequest, { ...societeGenerale, creditLimit: '1.234' }).creditLimit).toBeDefined();
  });

  it('requires the id on update and treats "" as clearing a field', () => {
    expect(refusal(CustomerUpdateRequest, { name: 'X' }).id).toBeDefined();
    const u = CustomerUpdateRequest.parse({ id: 3, email: '' });
    expect(u).toHaveProperty('email', undefined);
    expect('email' in u).toBe(true);
  });

  it('refuses a non-text search and an unknown list option', () => {
    expect(refusal(CustomerListRequest, { search: 42 }).search).toBeDefined();
    expect(Object.keys(refusal(CustomerListRequest, { sort: 'name' }))).toEqual(['']);
  });
});
