import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoiceFacturx } from '../../../src/main/core/printing/facturx';
import type { RequestInput } from '../../../src/shared/contract';
import { callErr, callOk, testCompany, type TestCompany } from '../../helpers/context';
import { companyInit, jeanneMartin, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { makeTempDir } from '../../helpers/temp';
import { requirePoppler } from '../documents/pdf-tools';
import { blocking, missingValidators, validateFacturx } from './facturx-validators';

/**
 * `document.facturxBatch`: a period's Factur-X files for the owner's platform, one per validated invoice,
 * penalty invoice and credit note of the period, drawn by the single export's code; a document refused (a
 * French business customer without SIREN) is reported with its reason and the others are still written.
 */

const missing = await missingValidators();
if (missing) console.warn(`Factur-X : validation officielle sautée — ${missing}`);

type Line = RequestInput<'invoice.create'>['lines'][number];
const goods = (description: string, quantity: string, unitPrice: string, vatRate = '20'): Line => ({ description, quantity, unitPrice, vatRate, kind: 'goods' });
const services = (description: string, quantity: string, unitPrice: string, vatRate = '20'): Line => ({ description, quantity, unitPrice, vatRate, kind: 'services' });

/** November 2026: two invoices, a penalty invoice, a credit note, a refused invoice and a draft; September's invoice outside. */
async function novemberFile(tc: TestCompany) {
  const { ctx } = tc;
  await callOk(ctx, 'company.init', companyInit);
  await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  await callOk(ctx, 'customer.create', jeanneMartin);
  await callOk(ctx, 'customer.create', { kind: 'business', name: 'Garage Martin', address: { line1: '2 rue Neuve', postcode: '69001', city: 'Lyon' } });
  const september = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-09-02', validate: true, lines: [goods('Bureau', '1', '900')] });
  const business = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-11-02', validate: true, lines: [goods('Table', '1', '1234.56'), services('Pose', '2', '85', '10')] });
  const consumer = await callOk(ctx, 'invoice.create', { customerId: 2, date: '2026-11-05', validate: true, lines: [goods('Manuel', '1', '19.90', '5.5')] });
  const noSiren = await callOk(ctx, 'invoice.create', { customerId: 3, date: '2026-11-06', validate: true, lines: [services('Vidange', '1', '120')] });
  await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-11-07', lines: [goods('Brouillon', '1', '10')] });
  const note = await callOk(ctx, 'creditNote.create', { invoiceId: business.id, date: '2026-11-10', reason: 'Table rayée', kind: 'rebate', lines: [goods('Rabais sur la table', '1', '100')], validate: true });
  const penalty = await callOk(ctx, 'penalty.invoice', { invoiceId: september.id, asOf: '2026-11-15', date: '2026-11-16', includeIndemnity: true });
  return { september, business, consumer, noSiren, note, penalty };
}

function detach(pdf: string, out: string): string {
  const res = spawnSync('pdfdetach', ['-savefile', 'factur-x.xml', '-o', out, pdf], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`pdfdetach ${pdf} : ${res.stderr}`);
  return readFileSync(out, 'utf8');
}

describe('document.facturxBatch', () => {
  it('writes one Factur-X per validated document of the period, each carrying the XML the single export makes, valid; a business customer without SIREN is reported, not written', async () => {
    requirePoppler();
    const tc = testCompany();
    const { business, noSiren } = await novemberFile(tc);
    const out = makeTempDir();
    const folder = join(out.dir, 'plateforme');
    mkdirSync(folder);
    try {
      const res = await callOk(tc.ctx, 'document.facturxBatch', { from: '2026-11-01', to: '2026-11-30', output: folder, jobId: 'facturx-nov' });
      // Two invoices, the credit note and the penalty invoice; not September's invoice, not the draft.
      expect(res.count).toBe(4);
      expect(res.files).toEqual(['Facture F2026-00002 Factur-X.pdf', 'Facture F2026-00003 Factur-X.pdf', 'Avoir AV2026-00001 Factur-X.pdf', expect.stringMatching(/^Facture .*PEN.* Factur-X\.pdf$/)]);
      expect(readdirSync(folder).sort()).toEqual([...res.files].sort());
      expect(res.refused).toEqual([{ kind: 'invoice', id: noSiren.id, number: 'F2026-00004', reason: expect.stringContaining('le SIREN du client Garage Martin est obligatoire') }]);
      expectFrench(res.refused[0]!.reason);
      expect(await callOk(tc.ctx, 'job.status', { jobId: 'facturx-nov' })).toEqual({ jobId: 'facturx-nov', done: 5, total: 5, finished: true });

      const xmls = res.files.map((name, i) => ({ name: `doc-${i}`, xml: detach(join(folder, name), join(out.dir, `doc-${i}.xml`)) }));
      // The very XML the single export carries for the same invoice.
      const company = await callOk(tc.ctx, 'company.get', {});
      expect(xmls[0]!.xml).toBe(invoiceFacturx(tc.ctx.file.db(), company, business.id).xml);
      expect(xmls.map((x) => /<rsm:ExchangedDocument>\s*<ram:ID>([^<]+)<\/ram:ID>/.exec(x.xml)?.[1])).toEqual(['F2026-00002', 'F2026-00003', 'AV2026-00001', expect.stringContaining('PEN')]);
      if (!missing) {
        const results = await validateFacturx(xmls, join(out.dir, 'validation'));
        for (const r of results) {
          expect(r.xsdErrors, r.name).toEqual([]);
          expect(r.failed.filter(blocking), r.name).toEqual([]);
        }
      }
    } finally {
      out.remove();
    }
  }, 120_000);

  it('refuses a folder that does not exist, in French on output, and writes nothing', async () => {
    const tc = testCompany();
    await novemberFile(tc);
    const out = makeTempDir();
    try {
      const err = await callErr(tc.ctx, 'document.facturxBatch', { from: '2026-11-01', to: '2026-11-30', output: join(out.dir, 'absent') });
      expect(err.code).toBe('VALIDATION');
      expect(err.fieldErrors?.output).toContain('n’existe pas');
      expectFrench(err.message);
      expect(existsSync(join(out.dir, 'absent'))).toBe(false);
      expect(readdirSync(out.dir)).toEqual([]);
    } finally {
      out.remove();
    }
  });

  it('a period with no validated document writes nothing and says so with a count of zero', async () => {
    const tc = testCompany();
    await novemberFile(tc);
    const out = makeTempDir();
    try {
      const res = await callOk(tc.ctx, 'document.facturxBatch', { from: '2026-12-01', to: '2026-12-31', output: out.dir });
      expect(res).toEqual({ folder: out.dir, count: 0, files: [], refused: [] });
      expect(readdirSync(out.dir)).toEqual([]);
    } finally {
      out.remove();
    }
  });
});
