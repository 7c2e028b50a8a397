import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../src/main/core/context';
import { normaliseName, referencedNumbers } from '../../../src/main/core/bank/matching';
import { callErr, callOk } from '../../helpers/context';
import { expectFrench } from '../../helpers/french';
import { bankCompany, importLines, invoice } from './matching-helpers';

const lineOf = async (ctx: ServiceContext, id: number) => (await callOk(ctx, 'bank.lines', {})).rows.find((r) => r.id === id)!;

async function trial(ctx: ServiceContext, account: string) {
  const tb = await callOk(ctx, 'report.trialBalance', {});
  return tb.rows.filter((r) => r.account === account).reduce((s, r) => s + BigInt(r.balance.replace('.', '')), 0n);
}

/**
 * The hand-built ledger: F2026-00001 Société Générale 1 200,00; F2026-00002 Boulangerie Martin 600,00;
 * F2026-00003 Boulangerie Martin 300,00; F2026-00004 Boulangerie Martin 1 200,00 with a 2 % escompte within
 * 10 days (1 176,00); F2026-00005 Dupuis & Fils 240,00.
 */
async function ledger() {
  const tc = await bankCompany();
  const { ctx } = tc;
  const inv = [
    await invoice(ctx, 1, '2026-03-01', '1000'),
    await invoice(ctx, 2, '2026-03-02', '500'),
    await invoice(ctx, 2, '2026-03-03', '250'),
    await invoice(ctx, 2, '2026-03-04', '1000', { escompte: { percent: '2', days: 10 } }),
    await invoice(ctx, 3, '2026-03-05', '200'),
  ];
  return { ...tc, inv };
}

describe('bank matching: references and names read as the owner would', () => {
  it('reads an invoice number however the customer wrote it (F2026-00042, F 2026 42, FACT 42, F2026/42, Facture n° 42, PEN2026-00003), and a taken-over number as written', () => {
    const series = (t: string) => referencedNumbers(t, '2026-05-01').filter((n) => /^(F|PEN)\d{4}-\d{5}$/.test(n));
    expect(series('VIR F2026-00042')).toEqual(['F2026-00042']);
    expect(series('REGLT F 2026 42')).toEqual(['F2026-00042']);
    expect(series('F2026/42 merci')).toEqual(['F2026-00042']);
    expect(series('FACT 42')).toEqual(['F2026-00042', 'F2025-00042']);
    expect(series('Règlement facture n° 42')).toEqual(['F2026-00042', 'F2025-00042']);
    expect(series('Pénalités PEN2026-00003')).toEqual(['PEN2026-00003']);
    expect(referencedNumbers('VIR ANC-0000042.', '2026-05-01')).toContain('ANC-0000042');
    expect(referencedNumbers('CB CARREFOUR 4412', '2026-05-01')).toEqual([]);
  });

  it('compares names without accents, case, punctuation or legal form', () => {
    expect(normaliseName('SARL Boulangerie Martin')).toEqual(normaliseName('BOULANGERIE  MARTIN SAS'));
    expect(normaliseName('École Montessori du Parc')).toEqual(['ECOLE', 'MONTESSORI', 'DU', 'PARC']);
  });
});

describe('bank.lines suggestions', () => {
  it('ranks each reason as expected: reference and amount (sure), escompte, sum of a customer’s invoices, exact outstanding, partial payment', async () => {
    const { ctx, inv } = await ledger();
    const ids = await importLines(ctx, [
      { date: '2026-03-10', amount: '1200.00', name: 'SOCIETE GENERALE', remittance: 'Facture F 2026 1' },
      { date: '2026-03-10', amount: '600.00', name: 'M. X', remittance: 'FACT 2' },
      { date: '2026-03-10', amount: '1176.00', name: 'BOULANGERIE MARTIN' },
      { date: '2026-03-10', amount: '900.00', name: 'Boulangerie Martin' },
      { date: '2026-03-10', amount: '240.00', name: 'INCONNU' },
      { date: '2026-03-10', amount: '200.00', name: 'INCONNU', remittance: 'F2026/3' },
      { date: '2026-03-10', amount: '-45.20', name: 'EDF' },
    ]);
    const rows = await Promise.all(ids.map((id) => lineOf(ctx, id)));
    const best = rows.map((r) => r.suggestions[0]);

    expect(best[0]).toMatchObject({ invoiceIds: [inv[0]!.id], amounts: ['1200.00'], confidence: 97, customerId: 1 });
    expect(best[0]!.reason).toBe('Facture F2026-00001 citée dans le libellé, montant égal à son reste dû ; client reconnu par son nom');
    expect(best[1]).toMatchObject({ invoiceIds: [inv[1]!.id], amounts: ['600.00'], confidence: 95 });

    expect(best[2]).toMatchObject({ invoiceIds: [inv[3]!.id], amounts: ['1176.00'], escompte: [{ invoiceId: inv[3]!.id }], confidence: 80 });
    expect(best[2]!.reason).toContain('escompte de 2 %');

    expect(best[3]).toMatchObject({ invoiceIds: [inv[1]!.id, inv[2]!.id], amounts: ['600.00', '300.00'], confidence: 75 });
    expect(best[3]!.reason).toContain('Somme des restes dus de 2 factures (F2026-00002, F2026-00003)');

    expect(best[4]).toMatchObject({ invoiceIds: [inv[4]!.id], amounts: ['240.00'], confidence: 60 });
    expect(best[4]!.reason).toBe('Montant égal au reste dû de la facture F2026-00005');

    expect(best[5]).toMatchObject({ invoiceIds: [inv[2]!.id], amounts: ['200.00'], confidence: 70 });
    expect(best[5]!.reason).toContain('paiement partiel');

    expect(rows[6]!.suggestions).toEqual([]);
    for (const r of rows) for (const s of r.suggestions) expectFrench(s.reason);
    // Only a reference agreeing with the amount is sure.
    expect(rows.flatMap((r) => r.suggestions).filter((s) => s.confidence >= 90).map((s) => s.invoiceNumbers)).toEqual([['F2026-00001'], ['F2026-00002']]);
  });
});

describe('bank.match, bank.autoMatch, bank.unmatch, bank.ignore', () => {
  it('accepts every sure suggestion in bulk, each line and each invoice once, and leaves the others to process', async () => {
    const { ctx, inv } = await ledger();
    const ids = await importLines(ctx, [
      { date: '2026-03-10', amount: '1200.00', name: 'SOCIETE GENERALE', remittance: 'F2026-00001' },
      // The same invoice named again: once settled by the first line, no longer open for the second.
      { date: '2026-03-11', amount: '1200.00', name: 'SOCIETE GENERALE', remittance: 'F2026-00001' },
      { date: '2026-03-10', amount: '600.00', remittance: 'FACT 2' },
      { date: '2026-03-10', amount: '240.00', name: 'INCONNU' },
    ]);
    expect(await callOk(ctx, 'bank.autoMatch', {})).toEqual({ matched: 2, lineIds: [ids[0], ids[2]] });
    const rows = (await callOk(ctx, 'bank.lines', {})).rows;
    expect(rows.map((r) => [r.id, r.status])).toEqual([[ids[0], 'matched'], [ids[2], 'matched'], [ids[3], 'to_process'], [ids[1], 'to_process']]);
    expect(await callOk(ctx, 'invoice.get', { id: inv[0]!.id })).toMatchObject({ status: 'paid', outstanding: '0.00' });
    expect(await callOk(ctx, 'invoice.get', { id: inv[1]!.id })).toMatchObject({ status: 'paid' });
    const pay = await callOk(ctx, 'payment.get', { id: rows[0]!.paymentId! });
    expect(pay).toMatchObject({ date: '2026-03-10', amount: '1200.00', method: 'transfer', customerId: 1, allocations: [{ invoiceId: inv[0]!.id, amount: '1200.00' }] });
    // The second 1 200,00 now only finds the 240,00 line's kind of suggestion: nothing sure.
    expect(rows[3]!.suggestions.every((s) => s.confidence < 90)).toBe(true);
    expect(await trial(ctx, '512')).toBe(180000n);
  });

  it('records an escompte suggestion accepted exactly as the payment form would: same entries to the cent, the escompte credit note included', async () => {
    const { ctx, inv } = await ledger();
    const [id] = await importLines(ctx, [{ date: '2026-03-10', amount: '1176.00', name: 'BOULANGERIE MARTIN', remittance: 'F2026-00004' }]);
    const s = (await lineOf(ctx, id!)).suggestions[0]!;
    expect(s).toMatchObject({ invoiceIds: [inv[3]!.id], amounts: ['1176.00'], escompte: [{ invoiceId: inv[3]!.id }], confidence: 97 });
    const form = await callOk(ctx, 'preview', {
      channel: 'payment.record',
      request: { customerId: 2, date: '2026-03-10', amount: '1176.00', method: 'transfer', reference: 'F2026-00004', allocations: [{ invoiceId: inv[3]!.id, amount: '1176.00' }], escompte: [{ invoiceId: inv[3]!.id }] },
    });
    const request = { lineId: id!, allocations: [{ invoiceId: inv[3]!.id, amount: s.amounts[0]! }], escompte: s.escompte };
    const dry = await callOk(ctx, 'preview', { channel: 'bank.match', request });
    expect(dry.entries).toEqual(form.entries);
    // The receipt, then the escompte credit note: D 665 20,00 / D 44571 4,00 / C 411 24,00.
    expect(dry.entries.map((e) => e.lines.map((l) => [l.account, l.debit, l.credit]))).toEqual([
      [['512', '1176.00', '0.00'], ['411', '0.00', '1176.00']],
      [['665', '20.00', '0.00'], ['44571', '4.00', '0.00'], ['411', '0.00', '24.00']],
    ]);
    // The preview wrote nothing.
    expect((await lineOf(ctx, id!)).status).toBe('to_process');
    const matched = await callOk(ctx, 'bank.match', request);
    expect(matched).toMatchObject({ status: 'matched', suggestions: [] });
    const pay = await callOk(ctx, 'payment.get', { id: matched.paymentId! });
    expect(pay.allocations).toEqual([{ invoiceId: inv[3]!.id, invoiceNumber: 'F2026-00004', amount: '1176.00', escompte: true, difference: '0.00' }]);
    expect(await callOk(ctx, 'invoice.get', { id: inv[3]!.id })).toMatchObject({ status: 'paid', outstanding: '0.00' });
  });

  it('records a partial payment: the invoice stays partly due', async () => {
    const { ctx, inv } = await ledger();
    const [id] = await importLines(ctx, [{ date: '2026-03-10', amount: '200.00', remittance: 'F2026/3' }]);
    const s = (await lineOf(ctx, id!)).suggestions[0]!;
    await callOk(ctx, 'bank.match', { lineId: id!, allocations: [{ invoiceId: s.invoiceIds[0]!, amount: s.amounts[0]! }] });
    expect(await callOk(ctx, 'invoice.get', { id: inv[2]!.id })).toMatchObject({ status: 'partial', outstanding: '100.00' });
  });

  it('turns what the line brings beyond the invoices into the customer’s advance (4191), as the planner does', async () => {
    const { ctx, inv } = await ledger();
    const [id] = await importLines(ctx, [{ date: '2026-03-10', amount: '1300.00', remittance: 'F2026-00001' }]);
    const s = (await lineOf(ctx, id!)).suggestions[0]!;
    expect(s).toMatchObject({ amounts: ['1200.00'], confidence: 65 });
    expect(s.reason).toContain('l’excédent de 100,00');
    const line = await callOk(ctx, 'bank.match', { lineId: id!, allocations: [{ invoiceId: inv[0]!.id, amount: '1200.00' }] });
    const pay = await callOk(ctx, 'payment.get', { id: line.paymentId! });
    expect(pay).toMatchObject({ amount: '1300.00', advance: '100.00' });
    expect(await trial(ctx, '4191')).toBe(-10000n);
  });

  it('undoes a match by reversing its payment (never deleting it): the invoice due again, the line to process again', async () => {
    const { ctx, inv } = await ledger();
    const [id] = await importLines(ctx, [{ date: '2026-03-10', amount: '1200.00', remittance: 'F2026-00001' }]);
    const matched = await callOk(ctx, 'bank.match', { lineId: id!, allocations: [{ invoiceId: inv[0]!.id, amount: '1200.00' }] });
    const undone = await callOk(ctx, 'bank.unmatch', { lineId: id! });
    expect(undone.status).toBe('to_process');
    expect(undone.paymentId).toBeUndefined();
    expect(undone.suggestions[0]).toMatchObject({ invoiceIds: [inv[0]!.id], confidence: 95 });
    const pay = await callOk(ctx, 'payment.get', { id: matched.paymentId! });
    expect(pay.status).toBe('cancelled');
    expect(pay.cancellation?.reason).toContain('Rapprochement bancaire défait');
    expect(await callOk(ctx, 'invoice.get', { id: inv[0]!.id })).toMatchObject({ outstanding: '1200.00' });
    expect(await trial(ctx, '512')).toBe(0n);
    // Matched again afterwards, as any line to process.
    expect((await callOk(ctx, 'bank.match', { lineId: id!, allocations: [{ invoiceId: inv[0]!.id, amount: '1200.00' }] })).status).toBe('matched');
  });

  it('puts a line back to process when its payment is cancelled from the payments screen (payment.cancel)', async () => {
    const { ctx, inv } = await ledger();
    const [id] = await importLines(ctx, [{ date: '2026-03-10', amount: '1200.00', remittance: 'F2026-00001' }]);
    const matched = await callOk(ctx, 'bank.match', { lineId: id!, allocations: [{ invoiceId: inv[0]!.id, amount: '1200.00' }] });
    await callOk(ctx, 'payment.cancel', { id: matched.paymentId!, reason: 'Erreur de client' });
    expect(await lineOf(ctx, id!)).toMatchObject({ status: 'to_process' });
  });

  it('learns the IBAN of an accepted match, then recognises the customer by it', async () => {
    const { ctx, inv } = await ledger();
    const iban = 'FR1420041010050500013M02606';
    const [first] = await importLines(ctx, [{ date: '2026-03-10', amount: '600.00', name: 'M DURAND', iban, remittance: 'F2026-00002' }]);
    await callOk(ctx, 'bank.match', { lineId: first!, allocations: [{ invoiceId: inv[1]!.id, amount: '600.00' }] });
    const [second] = await importLines(ctx, [{ date: '2026-03-12', amount: '300.00', name: 'M DURAND', iban: 'FR14 2004 1010 0505 0001 3M02 606' }]);
    const s = (await lineOf(ctx, second!)).suggestions[0]!;
    expect(s).toMatchObject({ customerId: 2, invoiceIds: [inv[2]!.id], confidence: 85 });
    expect(s.reason).toBe('Montant égal au reste dû de la facture F2026-00003 ; client reconnu par son IBAN');
  });

  it('sets a line aside (écartée) and takes it back', async () => {
    const { ctx } = await ledger();
    const [id] = await importLines(ctx, [{ date: '2026-03-10', amount: '240.00' }]);
    expect(await callOk(ctx, 'bank.ignore', { lineId: id!, ignored: true })).toMatchObject({ status: 'ignored', suggestions: [] });
    expect(await callOk(ctx, 'bank.autoMatch', { minConfidence: 0 })).toEqual({ matched: 0, lineIds: [] });
    expect(await callOk(ctx, 'bank.ignore', { lineId: id!, ignored: false })).toMatchObject({ status: 'to_process' });
  });

  it('refuses in French a line already matched, set aside, a debit, allocations above the line or an invoice’s outstanding, invoices of several customers', async () => {
    const { ctx, inv } = await ledger();
    const [credit, debit, other, aside] = await importLines(ctx, [
      { date: '2026-03-10', amount: '1200.00', remittance: 'F2026-00001' },
      { date: '2026-03-10', amount: '-45.20', name: 'EDF' },
      { date: '2026-03-10', amount: '500.00' },
      { date: '2026-03-10', amount: '10.00' },
    ]);
    await callOk(ctx, 'bank.match', { lineId: credit!, allocations: [{ invoiceId: inv[0]!.id, amount: '1200.00' }] });
    await callOk(ctx, 'bank.ignore', { lineId: aside!, ignored: true });
    const cases: [unknown, string, string][] = [
      [{ lineId: credit!, allocations: [{ invoiceId: inv[1]!.id, amount: '10.00' }] }, 'CONFLICT', 'déjà rapprochée'],
      [{ lineId: aside!, allocations: [{ invoiceId: inv[1]!.id, amount: '10.00' }] }, 'CONFLICT', 'écartée'],
      [{ lineId: debit!, allocations: [{ invoiceId: inv[1]!.id, amount: '10.00' }] }, 'VALIDATION', 'débit'],
      [{ lineId: other!, allocations: [{ invoiceId: inv[1]!.id, amount: '300.00' }, { invoiceId: inv[2]!.id, amount: '300.00' }] }, 'VALIDATION', 'dépassent celui de l’opération'],
      [{ lineId: other!, allocations: [{ invoiceId: inv[2]!.id, amount: '400.00' }] }, 'VALIDATION', 'dépasse ce qui reste dû'],
      [{ lineId: other!, allocations: [{ invoiceId: inv[1]!.id, amount: '100.00' }, { invoiceId: inv[4]!.id, amount: '100.00' }] }, 'VALIDATION', 'clients différents'],
      [{ lineId: other!, allocations: [{ invoiceId: 999, amount: '100.00' }] }, 'NOT_FOUND', 'introuvable'],
      [{ lineId: 999, allocations: [{ invoiceId: inv[1]!.id, amount: '100.00' }] }, 'NOT_FOUND', 'introuvable'],
    ];
    for (const [req, code, words] of cases) {
      const err = await callErr(ctx, 'bank.match', req);
      expect(err.code, JSON.stringify(req)).toBe(code);
      expect(err.message).toContain(words);
      expectFrench(err.message);
    }
    for (const [channel, req] of [['bank.unmatch', { lineId: other! }], ['bank.ignore', { lineId: credit!, ignored: true }]] as const) {
      const err = await callErr(ctx, channel, req);
      expect(err.code).toBe('CONFLICT');
      expectFrench(err.message);
    }
    // Nothing was written by the refusals: the other line still to process, its invoice still due.
    expect((await lineOf(ctx, other!)).status).toBe('to_process');
    expect(await callOk(ctx, 'invoice.get', { id: inv[2]!.id })).toMatchObject({ outstanding: '300.00' });
  });
});
