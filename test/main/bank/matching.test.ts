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
  it('reads an invoice number however the customer wrote it (F2026-00042, F 2026 42, FACT 42, F2026/42, Facture n° 42, PEN2026-00003)', () => {
    expect(referencedNumbers('VIR F2026-00042', '2026-05-01')).toEqual(['F2026-00042']);
    expect(referencedNumbers('REGLT F 2026 42', '2026-05-01')).toEqual(['F2026-00042']);
    expect(referencedNumbers('F2026/42 merci', '2026-05-01')).toEqual(['F2026-00042']);
    expect(referencedNumbers('FACT 42', '2026-05-01')).toEqual(['F2026-00042', 'F2025-00042']);
    expect(referencedNumbers('Règlement facture n° 42', '2026-05-01')).toEqual(['F2026-00042', 'F2025-00042']);
    expect(referencedNumbers('Pénalités PEN2026-00003', '2026-05-01')).toEqual(['PEN2026-00003']);
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
