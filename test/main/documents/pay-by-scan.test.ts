import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestInput } from '../../../src/shared/contract';
import { callOk, testCompany } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';
import { keepForReview, pdfText, requirePoppler, squash } from './pdf-tools';
import { qrCodes } from './qr-tools';

beforeAll(() => {
  requirePoppler();
});

type Ctx = ReturnType<typeof testCompany>['ctx'];

async function render(ctx: Ctx, req: RequestInput<'document.render'>) {
  const { pdf } = await callOk(ctx, 'document.render', req);
  return Buffer.from(pdf, 'base64');
}

async function company(overrides: Partial<RequestInput<'company.init'>> = {}) {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', { ...companyInit, latePenaltyRate: '', ...overrides });
  await callOk(tc.ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
  return tc;
}

/** 1 000,00 € HT + 20 % = 1 200,00 € TTC, due on 31 March 2026. */
async function invoice1200(ctx: Ctx, validate = true) {
  return callOk(ctx, 'invoice.create', {
    customerId: 1, date: '2026-03-01', dueDate: '2026-03-31', validate,
    lines: [{ description: 'Charpente en chêne', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }],
  });
}

async function pay(ctx: Ctx, invoiceId: number, amount: string) {
  await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-04-15', amount, method: 'transfer', allocations: [{ invoiceId, amount }] });
}

/** The EPC payload written out by hand: BCD, version 002, UTF-8, SCT, BIC, name, IBAN, amount, reference. */
const epc = (name: string, amount: string, reference: string, bic = 'AGRIFRPPXXX') => ['BCD', '002', '1', 'SCT', bic, name, 'FR7630006000011234567890189', `EUR${amount}`, '', '', reference].join('\n');

// Each page is rasterised at 300 dpi and decoded (about 2 s a page here): room for a slower machine.
describe('pay by scan: the EPC QR code of a SEPA transfer, read back from the printed page', { timeout: 120_000 }, () => {
  it('an invoice carries what is left to pay, its number as the reference', async () => {
    const { ctx } = await company();
    const inv = await invoice1200(ctx);
    const full = await render(ctx, { kind: 'invoice', id: inv.id });
    expect(qrCodes(full)).toEqual([epc('Atelier Dupont SARL', '1200.00', 'F2026-00001')]);
    // Part paid: the code asks for the rest, 1 200,00 − 450,00 = 750,00 €.
    await pay(ctx, inv.id, '450.00');
    const { path } = await callOk(ctx, 'document.invoice', { invoiceId: inv.id, output: mkdtempSync(join(tmpdir(), 'encours-qr-out-')) });
    const pdf = readFileSync(path);
    expect(qrCodes(pdf)).toEqual([epc('Atelier Dupont SARL', '750.00', 'F2026-00001')]);
    const flat = squash(pdfText(path));
    expect(flat).toContain('Payer par virement : scannez avec l’application de votre banque');
    expect(flat).toContain('Montant : 750,00 €');
    expect(flat).toContain('Référence : F2026-00001');
    expect(flat).toContain('Page 1/1');
    keepForReview(path, 'qr-facture-reste-du');
  });

  it('reads the same with the npm decoder (jsQR), the fallback where zbarimg is missing', async () => {
    const { ctx } = await company();
    const inv = await invoice1200(ctx);
    expect(qrCodes(await render(ctx, { kind: 'invoice', id: inv.id }), 1, 'jsqr')).toEqual([epc('Atelier Dupont SARL', '1200.00', 'F2026-00001')]);
  });

  it('keeps an accented name as UTF-8 and leaves out the BIC line when there is none', async () => {
    const { ctx } = await company({ name: 'Ébénisterie Lefèvre & Fils', bic: '' });
    const inv = await invoice1200(ctx);
    const pdf = await render(ctx, { kind: 'invoice', id: inv.id });
    const expected = epc('Ébénisterie Lefèvre & Fils', '1200.00', 'F2026-00001', '');
    expect(qrCodes(pdf)).toEqual([expected]);
    expect(qrCodes(pdf, 1, 'jsqr')).toEqual([expected]);
  });

  it('prints no code without an IBAN, on a draft, or once the invoice is paid', async () => {
    const noIban = await company({ iban: '', bic: '' });
    const a = await invoice1200(noIban.ctx);
    const withoutIban = await render(noIban.ctx, { kind: 'invoice', id: a.id });
    expect(qrCodes(withoutIban)).toEqual([]);

    const { ctx } = await company();
    const draft = await invoice1200(ctx, false);
    const draftPdf = await render(ctx, { kind: 'invoice', id: draft.id });
    expect(qrCodes(draftPdf)).toEqual([]);
    expect(qrCodes(draftPdf, 1, 'jsqr')).toEqual([]);

    const inv = await invoice1200(ctx);
    await pay(ctx, inv.id, '1200.00');
    const paid = await render(ctx, { kind: 'invoice', id: inv.id });
    expect(qrCodes(paid)).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'encours-qr-paid-'));
    writeFileSync(join(dir, 'paid.pdf'), paid);
    expect(squash(pdfText(join(dir, 'paid.pdf')))).not.toContain('Payer par virement');
  });

  it('a reminder and a formal notice ask for what is still owed on the invoice, without the penalties', async () => {
    const { ctx } = await company();
    const inv = await invoice1200(ctx);
    await pay(ctx, inv.id, '200.00');
    const scenario = await callOk(ctx, 'dunning.scenario.get', {});
    const steps = scenario.business.filter((s) => s.kind === 'reminder' || s.kind === 'formal_notice');
    expect(steps.map((s) => s.kind)).toEqual(expect.arrayContaining(['reminder', 'formal_notice']));
    const out = mkdtempSync(join(tmpdir(), 'encours-qr-letters-'));
    for (const step of steps) {
      const letter = await callOk(ctx, 'dunning.letter', { invoiceId: inv.id, step: step.key, output: out, asOf: '2026-06-30' });
      // The letter claims penalties on top; the transfer it offers pays the invoice, 1 200,00 − 200,00 €.
      expect(Number(letter.penalties.total)).toBeGreaterThan(0);
      expect(qrCodes(readFileSync(letter.path))).toEqual([epc('Atelier Dupont SARL', '1000.00', 'F2026-00001')]);
      const flat = squash(pdfText(letter.path));
      expect(flat).toContain('Montant : 1 000,00 €');
      keepForReview(letter.path, `qr-lettre-${step.kind}`);
    }
    // The same letter drawn in memory for the preview carries the same code.
    const reminder = steps.find((s) => s.kind === 'reminder');
    const previewed = await render(ctx, { kind: 'dunningLetter', id: inv.id, step: reminder?.key, asOf: '2026-06-30' });
    expect(qrCodes(previewed)).toEqual([epc('Atelier Dupont SARL', '1000.00', 'F2026-00001')]);
  });

  it('a penalty invoice asks for its own total under its own number, never the original invoice’s', async () => {
    const { ctx } = await company();
    const inv = await invoice1200(ctx);
    const pen = await callOk(ctx, 'penalty.invoice', { invoiceId: inv.id, asOf: '2026-05-15', date: '2026-05-16', includeIndemnity: true });
    // 1 200,00 × 12,15 % × 45 / 365 = 17,98 € and the 40,00 € indemnity (penalties.test.ts works it out).
    expect(pen.total).toBe('57.98');
    const pdf = await render(ctx, { kind: 'penaltyInvoice', id: pen.id });
    expect(qrCodes(pdf)).toEqual([epc('Atelier Dupont SARL', '57.98', 'PEN2026-00001')]);
    const dir = mkdtempSync(join(tmpdir(), 'encours-qr-pen-'));
    writeFileSync(join(dir, 'pen.pdf'), pdf);
    keepForReview(join(dir, 'pen.pdf'), 'qr-facture-penalites');
  });
});

