import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../src/main/core/context';
import { balanceDrift } from '../../../src/main/db/repositories/invoice-balance-repo';
import { AFTER_2026, at, callErr, callOk } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { A, B, C, expectLedgerInvariants, expectRefusal, ledgerCompany } from './helpers';

/**
 * Closing with open invoices (issue 14): the opening entry carries the lettered accounts (411, 416, 4191)
 * one line per open item, linked to its invoice, and the new year letters against those lines, so that a
 * closed year's FEC never changes and every lettering set balances within one year's file.
 *
 * 2026, goods at 20 %, by hand:
 *  - A (Société Générale): F1 1 000 HT = 1 200 TTC on 1 March, 500 paid on 1 April → 700 open;
 *    F2 250 HT = 300 TTC on 1 May, unpaid; F3 100 HT = 120 TTC on 1 June, paid on 10 June (lettered A).
 *  - B (Jeanne Martin): F4 200 HT = 240 TTC on 1 July, 300 received on 15 July → F4 settled (lettered A),
 *    60 on 4191 as an advance.
 *  - C (Brasserie de l’Abbaye): F5 500 HT = 600 TTC on 1 September, doubtful on 1 November: 416 600.
 * At the end of 2026: 411 A 1 000 D (F1 700 + F2 300), 416 C 600 D, 4191 B 60 C, 512 920 D (500 + 120 + 300),
 * 44571 410 C (200 + 50 + 20 + 40 + 100), 707 2 050 C: a profit of 2 050 on 120.
 */
async function year2026() {
  const tc = await ledgerCompany();
  const { ctx } = tc;
  const goods = (unitPrice: string) => [{ description: 'Fournitures', quantity: '1', unitPrice, vatRate: '20', kind: 'goods' as const }];
  const invoice = async (customerId: number, date: string, net: string) => (await callOk(ctx, 'invoice.create', { customerId, date, lines: goods(net), validate: true })).id;
  const f1 = await invoice(1, '2026-03-01', '1000');
  await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-04-01', amount: '500', method: 'transfer', allocations: [{ invoiceId: f1, amount: '500' }] });
  const f2 = await invoice(1, '2026-05-01', '250');
  const f3 = await invoice(1, '2026-06-01', '100');
  await callOk(ctx, 'payment.record', { customerId: 1, date: '2026-06-10', amount: '120', method: 'transfer', allocations: [{ invoiceId: f3, amount: '120' }] });
  const f4 = await invoice(2, '2026-07-01', '200');
  await callOk(ctx, 'payment.record', { customerId: 2, date: '2026-07-15', amount: '300', method: 'transfer' });
  const f5 = await invoice(3, '2026-09-01', '500');
  await callOk(ctx, 'doubtful.classify', { invoiceIds: [f5], date: '2026-11-01', reason: 'doubtful' });
  return { ...tc, later: at(ctx, AFTER_2026), f1, f2, f3, f4, f5 };
}

type Line = [account: string, aux: string, debit: string, credit: string, label: string];

async function openingLines(ctx: ServiceContext, id: number | null): Promise<Line[]> {
  if (id === null) return expect.fail('no opening entry');
  const { entry } = await callOk(ctx, 'ledger.entry', { id });
  return entry.lines.map((l): Line => [l.account, l.aux ?? '', l.debit, l.credit, l.label]);
}

/** The invoice each line of an entry is linked to, and why. */
function linksOf(ctx: ServiceContext, entryId: number) {
  return ctx.file
    .db()
    .prepare('SELECT l.line_no, k.invoice_id, k.role FROM entry_line l JOIN invoice_link k ON k.line_id = l.id WHERE l.entry_id = ? ORDER BY l.line_no')
    .all(entryId) as { line_no: number; invoice_id: number; role: string }[];
}

/** The ledger line of an invoice on 411, by its role and year. */
function lineOf(ctx: ServiceContext, invoiceId: number, role: string, yearEnd = '2026-12-31'): number {
  return ctx.file
    .db()
    .prepare(
      `SELECT l.id FROM invoice_link k JOIN entry_line l ON l.id = k.line_id JOIN entry e ON e.id = l.entry_id JOIN fiscal_year f ON f.id = e.fiscal_year_id
        WHERE k.invoice_id = ? AND k.role = ? AND f.end_date = ? AND l.account IN ('411', '416')`,
    )
    .pluck()
    .get(invoiceId, role, yearEnd) as number;
}

interface FecRow {
  CompteNum: string;
  CompAuxNum: string;
  EcritureLib: string;
  Debit: string;
  Credit: string;
  EcritureLet: string;
  DateLet: string;
}

async function exportFec(ctx: ServiceContext, dir: string, end: string): Promise<{ text: Buffer; rows: FecRow[] }> {
  const { path } = await callOk(ctx, 'export.fec', { fiscalYearEnd: end, output: dir });
  const text = readFileSync(path);
  const [head, ...lines] = text.toString('utf8').split('\r\n').filter((l) => l !== '');
  const columns = (head as string).split('\t');
  return { text, rows: lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [columns[i], v])) as unknown as FecRow) };
}

const cents = (fecAmount: string) => BigInt(fecAmount.replace(',', ''));

/** Every lettering set of the file nets to zero within it: Σ debit − Σ credit per account, customer and code. */
function unbalancedLetterings(rows: FecRow[]): string[] {
  const sets = new Map<string, bigint>();
  for (const r of rows.filter((x) => x.EcritureLet !== '')) {
    const key = `${r.CompteNum} ${r.CompAuxNum} ${r.EcritureLet}`;
    sets.set(key, (sets.get(key) ?? 0n) + cents(r.Debit) - cents(r.Credit));
  }
  return [...sets].filter(([, sum]) => sum !== 0n).map(([key, sum]) => `${key}: ${sum}`);
}

describe('the opening entry of the year after a closing', () => {
  it('carries each open invoice on its own line, with its number and linked to it, and each customer’s advance on one line', async () => {
    const { later, f1, f2, f5 } = await year2026();
    const closed = await callOk(later, 'period.close', { fiscalYearEnd: '2026-12-31' });
    expect(closed.result).toBe('2050.00');
    const id = closed.openingEntryId as number;
    expect(await openingLines(later, id)).toEqual([
      ['411', A, '700.00', '0.00', 'À-nouveau facture F2026-00001 — Société Générale'],
      ['411', A, '300.00', '0.00', 'À-nouveau facture F2026-00002 — Société Générale'],
      ['416', C, '600.00', '0.00', 'À-nouveau facture F2026-00005 — Brasserie de l’Abbaye'],
      ['4191', B, '0.00', '60.00', 'À-nouveau avances reçues — Jeanne Martin'],
      ['44571', '', '0.00', '410.00', 'À-nouveaux de l’exercice clos le 31/12/2026'],
      ['512', '', '920.00', '0.00', 'À-nouveaux de l’exercice clos le 31/12/2026'],
      ['120', '', '0.00', '2050.00', 'Résultat de l’exercice (bénéfice)'],
    ]);
    expect(linksOf(later, id)).toEqual([
      { line_no: 1, invoice_id: f1, role: 'opening' },
      { line_no: 2, invoice_id: f2, role: 'opening' },
      { line_no: 3, invoice_id: f5, role: 'opening' },
    ]);
    // The lines repeat what 2026 already counts: each invoice still owes what it owed, once.
    expect(balanceDrift(later.file.db())).toEqual([]);
    const owed = async (invoiceId: number) => (({ outstanding, status }) => ({ outstanding, status }))(await callOk(later, 'invoice.get', { id: invoiceId }));
    expect(await owed(f1)).toEqual({ outstanding: '700.00', status: 'partial' });
    expect(await owed(f2)).toEqual({ outstanding: '300.00', status: 'open' });
    expect(await owed(f5)).toEqual({ outstanding: '600.00', status: 'doubtful' });
    const aging = await callOk(later, 'report.aging', { asOf: '2027-01-31' });
    expect(aging.rows.map((r) => [r.code, r.total])).toEqual([['C00001', '1000.00'], ['C00003', '600.00']]);
    expect(aging.totals.total).toBe('1600.00');
    await expectLedgerInvariants(later);
  });

  it('letters a payment of the new year with the invoice’s opening line: the closed year’s FEC stays byte for byte the same, and every lettering set of the new year’s FEC balances', async () => {
    const { later, dir, f1 } = await year2026();
    await callOk(later, 'period.close', { fiscalYearEnd: '2026-12-31' });
    const before = await exportFec(later, dir, '2026-12-31');

    // F1's 700 paid on 1 February 2027: F1 is settled.
    await callOk(later, 'payment.record', { customerId: 1, date: '2027-02-01', amount: '700', method: 'transfer', allocations: [{ invoiceId: f1, amount: '700' }] });
    expect((await callOk(later, 'invoice.get', { id: f1 })).status).toBe('paid');
    const after = await exportFec(later, dir, '2026-12-31');
    expect(after.text.equals(before.text)).toBe(true);
    // In 2026, F1's invoice line and its April payment stay open (their rest was carried forward).
    expect(before.rows.filter((r) => r.EcritureLib.includes('F2026-00001') && r.CompteNum === '411').map((r) => r.EcritureLet)).toEqual(['', '']);

    const fec2027 = await exportFec(later, dir, '2027-12-31');
    expect(unbalancedLetterings(fec2027.rows)).toEqual([]);
    expect(unbalancedLetterings(before.rows)).toEqual([]);
    // The opening line of F1 (700 D) and the payment (700 C) share the next code of A on 411 (A was F3's).
    const f1Lines = fec2027.rows.filter((r) => r.CompteNum === '411' && r.EcritureLib.includes('F2026-00001'));
    expect(f1Lines.map((r) => [r.Debit, r.Credit, r.EcritureLet, r.DateLet])).toEqual([
      ['700,00', '0,00', 'B', '20270201'],
      ['0,00', '700,00', 'B', '20270201'],
    ]);
    expect(balanceDrift(later.file.db())).toEqual([]);
    await expectLedgerInvariants(later);
  });

  it('letters a payment received in January, before the closing, with the opening line once the year is closed, not across the two years', async () => {
    const { ctx, dir, f2 } = await year2026();
    const january = at(ctx, '2027-01-10T10:00:00.000Z');
    await callOk(january, 'fiscalYear.createNext', {});
    await callOk(january, 'payment.record', { customerId: 1, date: '2027-01-10', amount: '300', method: 'transfer', allocations: [{ invoiceId: f2, amount: '300' }] });
    expect((await callOk(january, 'invoice.get', { id: f2 })).status).toBe('paid');
    // 2026 is still open: its invoice line and the payment of 2027 are two files apart, not lettered together.
    const lettered = (lineId: number) => january.file.db().prepare('SELECT 1 FROM lettering_line WHERE line_id = ?').get(lineId) !== undefined;
    expect(lettered(lineOf(january, f2, 'invoice'))).toBe(false);
    expect(lettered(lineOf(january, f2, 'payment', '2027-12-31'))).toBe(false);

    const closed = await callOk(at(ctx, AFTER_2026), 'period.close', { fiscalYearEnd: '2026-12-31' });
    expect((await openingLines(january, closed.openingEntryId)).filter((l) => l[4].includes('F2026-00002'))).toEqual([
      ['411', A, '300.00', '0.00', 'À-nouveau facture F2026-00002 — Société Générale'],
    ]);
    expect(lettered(lineOf(january, f2, 'invoice'))).toBe(false);
    expect(lettered(lineOf(january, f2, 'opening', '2027-12-31'))).toBe(true);
    const fec2027 = await exportFec(january, dir, '2027-12-31');
    expect(fec2027.rows.filter((r) => r.EcritureLib.includes('F2026-00002')).map((r) => [r.Debit, r.Credit, r.EcritureLet, r.DateLet])).toEqual([
      ['300,00', '0,00', 'B', '20270110'],
      ['0,00', '300,00', 'B', '20270110'],
    ]);
    expect(unbalancedLetterings(fec2027.rows)).toEqual([]);
    expect(unbalancedLetterings((await exportFec(january, dir, '2026-12-31')).rows)).toEqual([]);
    await expectLedgerInvariants(january);
  });

  it('refuses in French to letter or unletter a closed year’s lines, changing nothing', async () => {
    const { later, path, f1 } = await year2026();
    await callOk(later, 'period.close', { fiscalYearEnd: '2026-12-31' });
    await callOk(later, 'payment.record', { customerId: 1, date: '2027-02-01', amount: '200', method: 'transfer', allocations: [{ invoiceId: f1, amount: '200' }] });
    const before = dumpDb(path);
    // F1's invoice line of 2026 (1 200 D), its payments of April (500 C) and of 2027 (200 C): the year is closed.
    const lines = [lineOf(later, f1, 'invoice'), lineOf(later, f1, 'payment'), lineOf(later, f1, 'payment', '2027-12-31')];
    expectRefusal(await callErr(later, 'lettering.match', { lineIds: lines }), 'CONFLICT', /l’exercice clos le 31\/12\/2026/);
    // F3's lettering (A, 10 June 2026) stays as the 2026 FEC printed it.
    expectRefusal(await callErr(later, 'lettering.unmatch', { code: 'A', account: '411', aux: A }), 'CONFLICT', /exercice clos le 31\/12\/2026.*ne se lettrent ni ne se délettrent plus/);
    expect(dumpDb(path)).toBe(before);
  });

  it('refuses a lettering that mixes two fiscal years, even both open', async () => {
    const { ctx, path, f2 } = await year2026();
    const january = at(ctx, '2027-01-10T10:00:00.000Z');
    await callOk(january, 'fiscalYear.createNext', {});
    await callOk(january, 'ledger.post', { journal: 'BQ', date: '2027-01-10', label: 'Virement F2026-00002', pieceRef: 'VIR-0110', lines: [{ account: '512', debit: '300' }, { account: '411', aux: A, credit: '300' }] });
    const bankLine = january.file.db().prepare("SELECT l.id FROM entry_line l JOIN entry e ON e.id = l.entry_id WHERE e.piece_ref = 'VIR-0110' AND l.account = '411'").pluck().get() as number;
    const before = dumpDb(path);
    expectRefusal(await callErr(january, 'lettering.match', { lineIds: [lineOf(january, f2, 'invoice'), bankLine] }), 'CONFLICT', /d’un même exercice/);
    expect(dumpDb(path)).toBe(before);
  });

  it('counts the opening lines once in the new year: the statement, the advance left and the credit limit read each customer as the ledger of 2026 left them', async () => {
    const { later, f1 } = await year2026();
    await callOk(later, 'period.close', { fiscalYearEnd: '2026-12-31' });

    // A's statement of 2027: opens on what 2026 left (1 000), then the payment of 700 on 1 February.
    await callOk(later, 'payment.record', { customerId: 1, date: '2027-02-01', amount: '700', method: 'transfer', allocations: [{ invoiceId: f1, amount: '700' }] });
    const statement = await callOk(later, 'report.customerStatement', { customerId: 1, from: '2027-01-01', to: '2027-12-31' });
    expect({ opening: statement.opening, closing: statement.closing }).toEqual({ opening: '1000.00', closing: '300.00' });
    expect(statement.rows.map((r) => [r.date, r.debit, r.credit, r.balance])).toEqual([['2027-02-01', '0.00', '700.00', '300.00']]);
    expect(statement.openInvoices.map((i) => [i.number, i.outstanding])).toEqual([['F2026-00002', '300.00']]);
    // Over every year: 2026's lines alone (1 200 − 500 + 300 + 120 − 120 = 1 000), then 2027's.
    expect((await callOk(later, 'report.customerStatement', { customerId: 1 })).closing).toBe('300.00');

    // B's advance is 60, not 60 twice.
    expectRefusal(
      await callErr(later, 'advance.refund', { customerId: 2, amount: '60.01', date: '2027-02-01', method: 'transfer' }),
      'VALIDATION',
      /L’avance disponible de Jeanne Martin est de 60,00/,
    );
    await callOk(later, 'advance.refund', { customerId: 2, amount: '60', date: '2027-02-01', method: 'transfer' });

    // A owes 300 (F2); with the credit limit of 15 000, an invoice of 14 700 TTC (12 250 HT) fits exactly,
    // which a limit read with the opening lines counted twice (300 + 300) would refuse.
    const big = await callOk(later, 'invoice.create', { customerId: 1, date: '2027-02-02', lines: [{ description: 'Mobilier', quantity: '1', unitPrice: '12250', vatRate: '20', kind: 'goods' }], validate: true });
    expect(big.totals.gross).toBe('14700.00');
    await expectLedgerInvariants(later);
  });
});
