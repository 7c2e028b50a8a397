import { describe, expect, it } from 'vitest';
import { credit, debit } from '../../../src/main/core/ledger/lines';
import type { Posting } from '../../../src/main/core/ledger/post';
import { callOk } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { A, ledgerCompany, post } from './helpers';

/** A customer payment of 1 200,00 whose 411 line is linked to `invoiceId`. */
const payment = (invoiceId: number): Posting => ({
  journal: 'BQ', date: '2026-03-20', label: 'Virement Société Générale', pieceRef: 'VIR-1',
  lines: [debit('512', 120000n), credit('411', 120000n, { aux: A, label: 'Règlement F2026-00001', link: { invoiceId, role: 'payment' } })],
});

describe('a posting line carries its invoice link', () => {
  it('postEntry links the lines that name an invoice, and those only, as it writes them', async () => {
    const { ctx } = await ledgerCompany();
    const inv = await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-03-01', lines: [{ description: 'Marchandise', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }], validate: true });
    const entry = post(ctx, payment(inv.id));
    const links = ctx.file.db().prepare('SELECT l.line_no, l.label, k.invoice_id, k.role FROM invoice_link k JOIN entry_line l ON l.id = k.line_id WHERE l.entry_id = ?').all(entry.id);
    expect(links).toEqual([{ line_no: 2, label: 'Règlement F2026-00001', invoice_id: inv.id, role: 'payment' }]);
    expect(await callOk(ctx, 'invoice.get', { id: inv.id })).toMatchObject({ status: 'paid', paid: '1200.00', outstanding: '0.00' });
  });

  it('a link to an invoice that does not exist takes the whole entry back with it', async () => {
    const { ctx, path } = await ledgerCompany();
    const before = dumpDb(path);
    expect(() => post(ctx, payment(999))).toThrow();
    expect(dumpDb(path)).toBe(before);
  });
});
