import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceContext, silentLogger } from '../../../src/main/core/context';
import { environmentMailSecrets } from '../../../src/main/core/mail/secrets';
import { callErr, callOk, fixedClock } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { expectFrench } from '../../helpers/french';
import { selfSignedCertificate, SMTP_PASSWORD, SMTP_USER, startSmtp, type TestSmtp } from '../../helpers/smtp';
import { dunningCompany, invoice1200 } from '../dunning/setup';

// A certificate for 127.0.0.1 made by the system's openssl now; without openssl these tests are skipped.
const cert = selfSignedCertificate();

describe.skipIf(!cert)('TLS and STARTTLS', () => {
  let implicit: TestSmtp;
  let starttls: TestSmtp;
  let plain: TestSmtp;
  beforeAll(async () => {
    if (!cert) return;
    implicit = await startSmtp({ secure: true, tls: cert });
    starttls = await startSmtp({ tls: cert });
    plain = await startSmtp();
  });
  afterAll(async () => {
    await Promise.all([implicit?.close(), starttls?.close(), plain?.close()]);
  });

  async function company(trust: boolean) {
    const tc = await dunningCompany();
    const ctx = serviceContext({
      file: tc.ctx.file, now: fixedClock, log: silentLogger, mailSecrets: environmentMailSecrets({ ENCOURS_SMTP_PASSWORD: SMTP_PASSWORD }),
      ...(trust && cert ? { mailTransport: { ca: cert.cert } } : {}),
    });
    const inv = await invoice1200(tc, 1, '2026-10-01', '2026-10-31');
    return { ...tc, ctx, inv };
  }

  it('sends over implicit TLS (465) and STARTTLS (587) with a certificate trusted', async () => {
    for (const [server, security] of [[implicit, 'tls'], [starttls, 'starttls']] as const) {
      const tc = await company(true);
      await callOk(tc.ctx, 'mail.settings.set', { host: '127.0.0.1', port: server.port, security, user: SMTP_USER, from: 'claire@atelier-dupont.fr' });
      expect((await callOk(tc.ctx, 'mail.test', {})).message).toContain('Connexion réussie');
      const sent = await callOk(tc.ctx, 'mail.send', { document: { kind: 'invoice', id: tc.inv.id } });
      expect(server.received.at(-1)?.parsed.messageId).toBe(sent.messageId);
    }
  });

  it('an untrusted certificate is a French refusal, nothing recorded', async () => {
    const tc = await company(false);
    await callOk(tc.ctx, 'mail.settings.set', { host: '127.0.0.1', port: implicit.port, security: 'tls', user: SMTP_USER, from: 'claire@atelier-dupont.fr' });
    const dump = dumpDb(tc.path);
    const err = await callErr(tc.ctx, 'mail.send', { document: { kind: 'invoice', id: tc.inv.id } });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('La connexion sécurisée avec 127.0.0.1');
    expectFrench(err.message);
    expect(dumpDb(tc.path)).toBe(dump);
  });

  it('STARTTLS required: a server that does not offer it is refused, the password never sent in clear', async () => {
    const tc = await company(true);
    await callOk(tc.ctx, 'mail.settings.set', { host: '127.0.0.1', port: plain.port, security: 'starttls', user: SMTP_USER, from: 'claire@atelier-dupont.fr' });
    const logins = plain.logins.length;
    const err = await callErr(tc.ctx, 'mail.send', { document: { kind: 'invoice', id: tc.inv.id } });
    expect(err.message).toContain('La connexion sécurisée');
    expect(plain.logins.length).toBe(logins);
    expect((await callOk(tc.ctx, 'mail.history', {})).rows).toEqual([]);
  });
});
