import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { serviceContext, silentLogger } from '../../../src/main/core/context';
import { CompanyFile } from '../../../src/main/db/company-file';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { callOk, fixedClock } from '../../helpers/context';
import { companyInit, societeGenerale } from '../../helpers/fixtures';
import { makeTempDir } from '../../helpers/temp';
import { DEFAULT_TEMPLATES } from '../../../src/main/core/dunning/templates';
import { DEFAULTS_BEFORE_MIGRATION_9 } from './templates-before-9';

/** Amounts and rates are printed with no-break spaces: compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** The formal notice's default letter as the templates screen saved it before migration 9. */
const OLD_FORMAL_NOTICE = [
  'Madame, Monsieur,',
  'Malgré nos précédentes relances, notre facture n° {facture} du {date_facture}, d’un montant de {montant}, échue le {echeance}, reste impayée à ce jour pour {reste}.',
  'Par la présente, nous vous mettons en demeure de nous régler la somme de {total}, soit le reste dû augmenté des pénalités de retard ({penalites}) calculées au {date} au taux de {taux} l’an, sous huit jours, soit au plus tard le {delai}.',
  'À défaut de règlement dans ce délai, nous engagerons sans autre avis une procédure de recouvrement judiciaire. Les intérêts de retard continuent de courir jusqu’au complet paiement.',
  'Cordialement, et merci de votre compréhension.',
].join('\n\n');
const OLD_LITIGATION_MAIL = [
  'Madame, Monsieur,',
  'Notre mise en demeure étant restée sans effet, nous transmettons ce jour le recouvrement de notre facture n° {facture} ({total}, pénalités comprises) à notre service contentieux.',
  '{entreprise}',
].join('\n\n');

describe('migration 9: penalty invoices and templates of an existing file', () => {
  it('makes each penalty invoice already issued a receivable, and rewrites the saved templates’ sentences that stated unrecorded reminders', async () => {
    const { dir, remove } = makeTempDir();
    onTestFinished(remove);
    const path = join(dir, 'ancien.encours');
    // A file written by the build before migration 9: its penalty invoice is an entry and a penalty_invoice row only.
    const old = new CompanyFile(path, { migrations: MIGRATIONS.filter((m) => m.version < 9), backupDir: dir });
    const ctx = serviceContext({ file: old, now: fixedClock, log: silentLogger });
    await callOk(ctx, 'company.init', { ...companyInit, latePenaltyRate: '' });
    await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
    const inv = await callOk(ctx, 'invoice.create', {
      customerId: 1, date: '2026-03-01', dueDate: '2026-03-31', validate: true,
      lines: [{ description: 'Charpente en chêne', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }],
    });
    const entry = await callOk(ctx, 'ledger.post', {
      journal: 'OD', date: '2026-05-16', label: 'Pénalités de retard PEN2026-00001 (facture F2026-00001) Société Générale', pieceRef: 'PEN2026-00001',
      lines: [{ account: '411', aux: 'C00001', debit: '57.98' }, { account: '7631', credit: '17.98' }, { account: '7631', credit: '40.00' }],
    });
    await callOk(ctx, 'dunning.templates.set', {
      templates: [
        { kind: 'formal_notice', subject: 'Mise en demeure : facture {facture}', letter: OLD_FORMAL_NOTICE, email: 'Bonjour,\n\nMalgré nos précédentes relances, notre facture n° {facture} reste impayée.' },
        { kind: 'reminder', ...DEFAULTS_BEFORE_MIGRATION_9.reminder },
        { kind: 'call', ...DEFAULTS_BEFORE_MIGRATION_9.call },
        { kind: 'litigation', subject: 'Contentieux : facture {facture}', letter: 'Madame, Monsieur,\n\nNotre mise en demeure étant restée sans effet, notre facture n° {facture} du {date_facture}, échue le {echeance}, reste impayée pour {reste}.', email: OLD_LITIGATION_MAIL },
      ],
    });
    const db = old.db();
    db.prepare("INSERT INTO doc_sequence (series, last_number, last_date) VALUES ('PEN2026', 1, '2026-05-16')").run();
    db.prepare(
      `INSERT INTO penalty_invoice (number, invoice_id, date, as_of, rate, days, interest_cents, indemnity_cents, entry_id, created_at)
       VALUES ('PEN2026-00001', ?, '2026-05-16', '2026-05-15', '12.15', 45, 1798, 4000, ?, '2026-05-16T10:00:00.000Z')`,
    ).run(inv.id, entry.id);
    // Before: the penalty invoice is no invoice.
    expect(db.prepare('SELECT count(*) FROM invoice').pluck().get()).toBe(1);
    old.close();

    const file = new CompanyFile(path, { backupDir: dir });
    onTestFinished(() => file.close());
    const now = serviceContext({ file, now: fixedClock, log: silentLogger });
    const list = await callOk(now, 'invoice.list', {});
    const pen = list.rows.find((r) => r.number === 'PEN2026-00001');
    expect(pen).toMatchObject({ status: 'open', date: '2026-05-16', dueDate: '2026-05-16', outstanding: '57.98', totals: { gross: '57.98', vat: '0.00' }, penaltyOf: { invoiceId: inv.id, number: 'F2026-00001' } });
    expect((await callOk(now, 'invoice.get', { id: pen?.id as number })).lines.map((l) => [plain(l.description), l.net])).toEqual([
      ['Intérêts de retard au taux annuel de 12,15 % du 01/04/2026 au 15/05/2026, 45 jours', '17.98'],
      ['Indemnité forfaitaire pour frais de recouvrement', '40.00'],
    ]);
    expect((await callOk(now, 'report.aging', { asOf: '2026-06-30' })).totals.total).toBe('1257.98');
    expect((await callOk(now, 'ledger.verify', {})).ok).toBe(true);
    // The next penalty invoice takes the next number, for the days after the first one.
    const next = await callOk(now, 'penalty.invoice', { invoiceId: inv.id, asOf: '2026-06-14', date: '2026-06-15', includeIndemnity: true });
    expect(next).toMatchObject({ number: 'PEN2026-00002', interest: '11.98', indemnity: '0.00' });

    const templates = (await callOk(now, 'dunning.templates.get', {})).templates;
    const notice = templates.find((t) => t.kind === 'formal_notice');
    expect(notice?.letter).toBe(
      [
        'Madame, Monsieur,',
        '{relances_precedentes}',
        'Notre facture n° {facture} du {date_facture}, d’un montant de {montant}, échue le {echeance}, reste impayée à ce jour pour {reste}.',
        'Par la présente, nous vous mettons en demeure de nous régler la somme de {total}, reste dû et pénalités comprises, sous huit jours, soit au plus tard le {delai}.',
        '{phrase_penalites}',
        'À défaut de règlement dans ce délai, nous engagerons sans autre avis une procédure de recouvrement judiciaire. Les intérêts de retard courent jusqu’au complet paiement.',
        'Cordialement, et merci de votre compréhension.',
      ].join('\n\n'),
    );
    expect(notice?.email).toBe('Bonjour,\n\n{relances_precedentes}\n\nNotre facture n° {facture} reste impayée.');
    // Saved word for word as shipped before, the reminder's and the call's templates become today's defaults.
    for (const kind of ['reminder', 'call'] as const) {
      const t = templates.find((x) => x.kind === kind);
      expect({ subject: t?.subject, letter: t?.letter, email: t?.email }).toEqual(DEFAULT_TEMPLATES[kind]);
    }
    const litigation = templates.find((t) => t.kind === 'litigation');
    expect(litigation?.letter).toBe('Madame, Monsieur,\n\n{relances_precedentes}\n\nNotre facture n° {facture} du {date_facture}, échue le {echeance}, reste impayée pour {reste}.');
    expect(litigation?.email).toBe(['Madame, Monsieur,', '{relances_precedentes}', 'Nous transmettons ce jour le recouvrement de notre facture n° {facture} ({total}, pénalités comprises) à notre service contentieux.', '{entreprise}'].join('\n\n'));
  });
});
