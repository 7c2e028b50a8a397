import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { callErr, callOk, FIXED_NOW, testCompany } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';

async function withCatalogue() {
  const tc = testCompany();
  await callOk(tc.ctx, 'company.init', companyInit);
  await callOk(tc.ctx, 'customer.create', societeGenerale);
  return tc;
}

const pose = { reference: 'POSE-H', description: 'Heure de pose', kind: 'services', unit: 'HUR', unitPrice: '45,50', vatRate: '10' } as const;

describe('the catalogue of articles', () => {
  it('keeps an article with canonical values: the decimal comma read, no reference when none is given', async () => {
    const { ctx } = await withCatalogue();
    expect(await callOk(ctx, 'article.create', pose)).toEqual({
      id: 1, reference: 'POSE-H', description: 'Heure de pose', kind: 'services', unit: 'HUR', unitPrice: '45.50', vatRate: '10', archived: false, updatedAt: FIXED_NOW,
    });
    const plain = await callOk(ctx, 'article.create', { description: 'Sac de ciment 35 kg', kind: 'goods', unit: 'C62', unitPrice: '9.9', vatRate: '20', reference: '', account: '707100' });
    expect(plain).not.toHaveProperty('reference');
    // A reference of spaces only is no reference (found by the fuzz test: it reached the table as "").
    expect(await callOk(ctx, 'article.create', { ...pose, reference: '   ' })).not.toHaveProperty('reference');
    expect(plain.account).toBe('707100');
  });

  it('finds articles by reference or description, case and accents aside, and lists them by description', async () => {
    const { ctx } = await withCatalogue();
    await callOk(ctx, 'article.create', pose);
    await callOk(ctx, 'article.create', { description: 'Déplacement', kind: 'services', unit: 'LS', unitPrice: '35', vatRate: '20' });
    await callOk(ctx, 'article.create', { description: 'Carrelage 30×30 (100 %)', kind: 'goods', unit: 'MTK', unitPrice: '24', vatRate: '10' });
    expect((await callOk(ctx, 'article.list', {})).rows.map((a) => a.description)).toEqual(['Carrelage 30×30 (100 %)', 'Déplacement', 'Heure de pose']);
    expect((await callOk(ctx, 'article.list', { search: 'pose-h' })).rows.map((a) => a.id)).toEqual([1]);
    expect((await callOk(ctx, 'article.list', { search: 'deplacement' })).rows.map((a) => a.id)).toEqual([2]);
    expect((await callOk(ctx, 'article.list', { search: '100 %' })).rows.map((a) => a.id)).toEqual([3]);
    expect((await callOk(ctx, 'article.list', { search: '_' })).rows).toEqual([]);
  });

  it('archives an article instead of deleting it: gone from the list, kept on request, and the file refuses a delete', async () => {
    const { ctx, path } = await withCatalogue();
    await callOk(ctx, 'article.create', pose);
    expect((await callOk(ctx, 'article.update', { id: 1, archived: true })).archived).toBe(true);
    expect((await callOk(ctx, 'article.list', {})).rows).toEqual([]);
    expect((await callOk(ctx, 'article.list', { includeArchived: true })).rows).toHaveLength(1);
    const db = new Database(path);
    try {
      expect(() => db.prepare('DELETE FROM article WHERE id = 1').run()).toThrow(/s’archive/);
    } finally {
      db.close();
    }
  });

  it('refuses, in French and under the field, a non-revenue account and a reference already used; nothing is written', async () => {
    const { ctx } = await withCatalogue();
    await callOk(ctx, 'article.create', pose);
    const expense = await callErr(ctx, 'article.create', { ...pose, reference: 'AUTRE', account: '622600' });
    expect(expense.code).toBe('VALIDATION');
    expect(expense.fieldErrors?.account).toMatch(/compte de classe 7/);
    const twice = await callErr(ctx, 'article.create', { ...pose, description: 'Autre' });
    expect(twice.fieldErrors?.reference).toBe('La référence POSE-H est déjà celle d’un autre article.');
    expect((await callOk(ctx, 'article.list', { includeArchived: true })).rows).toHaveLength(1);
    // Its own reference is not a conflict when the article itself is edited.
    expect((await callOk(ctx, 'article.update', { id: 1, reference: 'POSE-H', unitPrice: '48' })).unitPrice).toBe('48');
  });

  it('changing an article’s price leaves an invoice made from it as it was', async () => {
    const { ctx } = await withCatalogue();
    const article = await callOk(ctx, 'article.create', pose);
    const invoice = await callOk(ctx, 'invoice.create', {
      customerId: 1, date: '2026-11-20', validate: true,
      lines: [{ description: article.description, quantity: '2', unitPrice: article.unitPrice, vatRate: article.vatRate, kind: article.kind }],
    });
    await callOk(ctx, 'article.update', { id: article.id, unitPrice: '60', description: 'Heure de pose (tarif 2027)' });
    const again = await callOk(ctx, 'invoice.get', { id: invoice.id });
    expect(again.lines[0]).toMatchObject({ description: 'Heure de pose', unitPrice: '45.50' });
    expect(again.totals.gross).toBe('100.10');
  });

  it('an unknown article cannot be edited', async () => {
    const { ctx } = await withCatalogue();
    expect((await callErr(ctx, 'article.update', { id: 9, unitPrice: '1' })).code).toBe('NOT_FOUND');
  });
});
