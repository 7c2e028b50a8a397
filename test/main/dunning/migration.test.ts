import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { serviceContext, silentLogger } from '../../../src/main/core/context';
import { CompanyFile } from '../../../src/main/db/company-file';
import { callOk, fixedClock } from '../../helpers/context';
import { loadOlderFile } from '../../helpers/db';
import { makeTempDir } from '../../helpers/temp';
import { DEFAULT_TEMPLATES } from '../../../src/main/core/dunning/templates';

/** Amounts and rates are printed with no-break spaces: compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('migration 9: penalty invoices and templates of an existing file', () => {
  it('makes each penalty invoice already issued a receivable, and rewrites the saved templates’ sentences that stated unrecorded reminders', async () => {
    const { dir, remove } = makeTempDir();
    onTestFinished(remove);
    const path = join(dir, 'ancien.encours');
    // A file written by the build before migration 9 (test/fixtures/older-files): F2026-00001, and its
    // penalty invoice PEN2026-00001 as an entry and a penalty_invoice row only; templates saved with the
    // former default sentences (« Malgré nos précédentes relances », « Notre mise en demeure étant restée sans effet »).
    loadOlderFile(path, 'schema7-penalty-invoice.sql', 7);
    const inv = { id: 1 };

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
