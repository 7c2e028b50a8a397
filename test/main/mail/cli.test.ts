import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/run';
import { dumpDb } from '../../helpers/db';
import { companyInit, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';
import { SMTP_PASSWORD, SMTP_USER, startSmtp, type TestSmtp } from '../../helpers/smtp';
import { tempDir } from '../../helpers/temp';

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
});

async function cli(file: string, channel: string, payload: unknown, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--file', file, channel, JSON.stringify(payload)], {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: { ENCOURS_TODAY: '2026-11-22', ...env },
  });
  return { code, out: code === 0 ? (JSON.parse(stdout) as Record<string, unknown>) : undefined, err: code !== 0 ? (JSON.parse(stderr) as { error: { code: string; message: string } }).error : undefined };
}

describe('e-mail through the CLI', () => {
  it('mail.settings.set, then mail.send with ENCOURS_SMTP_PASSWORD (or _FILE); a password in the request is refused', async () => {
    const dir = tempDir();
    const file = join(dir, 'societe.encours');
    expect((await cli(file, 'company.init', companyInit)).code).toBe(0);
    expect((await cli(file, 'customer.create', societeGenerale)).code).toBe(0);
    const inv = await cli(file, 'invoice.create', {
      customerId: 1, date: '2026-11-02', validate: true, lines: [{ description: 'Table en chêne', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }],
    });
    expect(inv.code).toBe(0);
    const settings = { host: '127.0.0.1', port: smtp.port, security: 'none', user: SMTP_USER, from: 'compta@atelier-dupont.fr' };
    const refused = await cli(file, 'mail.settings.set', { ...settings, password: SMTP_PASSWORD });
    expect(refused.code).toBe(1);
    expect(refused.err?.message).toContain('ENCOURS_SMTP_PASSWORD');
    expect((await cli(file, 'mail.settings.set', settings)).code).toBe(0);
    expect((await cli(file, 'mail.settings.get', {})).out).toMatchObject({ passwordAvailable: false, passwordSource: 'none' });
    expect((await cli(file, 'mail.settings.get', {}, { ENCOURS_SMTP_PASSWORD: SMTP_PASSWORD })).out).toMatchObject({ passwordAvailable: true, passwordSource: 'environment' });

    // No password: refused in French before connecting.
    const none = await cli(file, 'mail.send', { document: { kind: 'invoice', id: 1 } });
    expect(none.code).toBe(1);
    expectFrench(none.err?.message);

    const before = smtp.received.length;
    const sent = await cli(file, 'mail.send', { document: { kind: 'invoice', id: 1 } }, { ENCOURS_SMTP_PASSWORD: SMTP_PASSWORD });
    expect(sent.code).toBe(0);
    expect(sent.out).toMatchObject({ to: 'fournisseurs@socgen.example' });
    expect(smtp.received.length).toBe(before + 1);
    expect(smtp.received[before]?.parsed.messageId).toBe(sent.out?.messageId);

    const passwordFile = join(dir, 'smtp.txt');
    writeFileSync(passwordFile, `${SMTP_PASSWORD}\n`);
    const again = await cli(file, 'mail.test', {}, { ENCOURS_SMTP_PASSWORD_FILE: passwordFile });
    expect(again.code).toBe(0);

    const history = await cli(file, 'mail.history', { invoiceId: 1 });
    expect((history.out?.rows as unknown[]).length).toBe(1);
    expect(dumpDb(file)).not.toContain(SMTP_PASSWORD);
  });
});
