import { describe, expect, it } from 'vitest';
import { invoiceFacturx } from '../../../src/main/core/printing/facturx';
import { MISSING_SIREN_WARNING } from '../../../src/shared/domain/customer';
import { callErr, callOk, testCompany } from '../../helpers/context';
import { brasserieBelge, companyInit, jeanneMartin, societeGenerale } from '../../helpers/fixtures';

/**
 * What a platform needs and the file may lack: a French business's SIREN is asked for when the invoice is
 * written (a warning: the paper invoice is valid without it), and the Factur-X export refuses it with what
 * to complete; a draft is no Factur-X at all.
 */
const lines = [{ description: 'Conseil', quantity: '1', unitPrice: '100', vatRate: '20', kind: 'services' }] as const;

async function company() {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', companyInit);
  const { siren: _siren, ...withoutSiren } = societeGenerale;
  await callOk(tc.ctx, 'customer.create', { ...withoutSiren, creditLimit: '' });
  await callOk(tc.ctx, 'customer.create', { ...societeGenerale, name: 'Avec SIREN', creditLimit: '' });
  await callOk(tc.ctx, 'customer.create', jeanneMartin);
  await callOk(tc.ctx, 'customer.create', { ...brasserieBelge, email: 'compta@abbaye.example' });
  return tc;
}

describe('data e-invoicing needs', () => {
  it('an invoice to a French business without SIREN warns before validation; with one, or to a consumer or a foreign business, it does not', async () => {
    const { ctx } = await company();
    const draft = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-10-01', lines });
    expect(draft.warnings).toContain(MISSING_SIREN_WARNING);
    for (const customerId of [2, 3, 4]) {
      const inv = await callOk(ctx, 'invoice.create', { customerId, date: '2026-10-01', lines });
      expect(inv.warnings ?? []).not.toContain(MISSING_SIREN_WARNING);
    }
  });

  it('the Factur-X export of such an invoice is refused in French, naming the customer and the field; the plain PDF is not', async () => {
    const { ctx, dir } = await company();
    const inv = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-10-01', lines, validate: true });
    const err = await callErr(ctx, 'document.render', { kind: 'invoice', id: inv.id, format: 'facturx' });
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toContain('le SIREN du client Société Générale est obligatoire');
    expect(err.fieldErrors?.['customer.siren']).toBeDefined();
    await callOk(ctx, 'document.invoice', { invoiceId: inv.id, output: dir });
  });

  it('a draft has no Factur-X: it is refused until validated', async () => {
    const { ctx } = await company();
    const draft = await callOk(ctx, 'invoice.create', { customerId: 2, date: '2026-10-01', lines });
    const err = await callErr(ctx, 'document.render', { kind: 'invoice', id: draft.id, format: 'facturx' });
    expect(err.message).toMatch(/brouillon ; validez-la/);
  });

  it('a foreign business without SIREN is exported as B2BINT, addressed by its e-mail', async () => {
    const { ctx } = await company();
    const inv = await callOk(ctx, 'invoice.create', { customerId: 4, date: '2026-10-01', lines, validate: true });
    const { xml } = invoiceFacturx(ctx.file.db(), await callOk(ctx, 'company.get', {}), inv.id);
    expect(xml).toMatch(/<ram:Content>B2BINT<\/ram:Content>\s*<ram:SubjectCode>BAR<\/ram:SubjectCode>/);
    expect(xml).toContain('<ram:URIID schemeID="EM">compta@abbaye.example</ram:URIID>');
    const { pdf } = await callOk(ctx, 'document.render', { kind: 'invoice', id: inv.id, format: 'facturx' });
    expect(Buffer.from(pdf, 'base64').subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  });

  it('Factur-X is refused for a document that is not an invoice, a penalty invoice or a credit note', async () => {
    const { ctx } = await company();
    const inv = await callOk(ctx, 'invoice.create', { customerId: 2, date: '2026-10-01', lines, validate: true });
    const err = await callErr(ctx, 'document.render', { kind: 'duplicate272', id: inv.id, format: 'facturx' });
    expect(err.message).toMatch(/seules une facture, une facture de pénalités ou un avoir/);
  });
});
