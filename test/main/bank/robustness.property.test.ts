import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, callOk, makeTestCompany } from '../../helpers/context';
import { companyInit } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { bankFile, base64 } from './bank-files';

const FIXTURES = ['ofx1-sgml-latin1.ofx', 'ofx2.ofx', 'camt053-001-02.xml', 'camt053-001-08.xml', 'releve-debit-credit.csv', 'releve-montant-signe.csv'];

describe('bank.import on damaged files (property)', () => {
  let tc: ReturnType<typeof makeTestCompany>;
  beforeAll(async () => {
    tc = makeTestCompany();
    await callOk(tc.ctx, 'company.init', companyInit);
  });
  afterAll(() => tc.dispose());

  it('a real statement cut anywhere, or with a byte changed, is imported or refused in French: never INTERNAL', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FIXTURES), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean(), async (name, cut, at, byte, truncate) => {
        const bytes = Buffer.from(bankFile(name));
        let damaged: Buffer;
        if (truncate) damaged = bytes.subarray(0, 1 + (cut % bytes.length));
        else {
          damaged = Buffer.from(bytes);
          damaged[at % damaged.length] = byte;
        }
        const r = await call(tc.ctx, 'bank.import', { contentBase64: base64(damaged), fileName: name });
        if (!r.ok) {
          expect(r.error.code, r.error.message).toBe('VALIDATION');
          expectFrench(r.error.message);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('random bytes, in any declared format, are refused in French (or read as an empty statement), never INTERNAL', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.constantFrom(undefined, 'ofx', 'camt053', 'csv'), async (bytes, format) => {
        const r = await call(tc.ctx, 'bank.import', { contentBase64: base64(bytes), fileName: 'x', ...(format ? { format } : {}) });
        if (!r.ok) expect(r.error.code, r.error.message).toBe('VALIDATION');
      }),
      { numRuns: 150 },
    );
  });
});
