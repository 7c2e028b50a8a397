import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { makeTempDir } from './temp';

export const SMTP_USER = 'claire@atelier-dupont.fr';
export const SMTP_PASSWORD = 'Mot-de-passe-SMTP-7f3a!';

export interface Received {
  from: string | undefined;
  to: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface TestSmtp {
  port: number;
  received: Received[];
  /** Logins tried (user names), accepted or refused. */
  logins: string[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 (a free port): one account (SMTP_USER / SMTP_PASSWORD), any other
 * login refused with 535; each message kept raw and parsed by mailparser. `tls`: implicit TLS (secure)
 * or STARTTLS with the given key and certificate; none by default (plain, AUTH allowed without TLS).
 */
export async function startSmtp(options: { secure?: boolean; tls?: { key: string; cert: string } } = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  const logins: string[] = [];
  const pending: Promise<void>[] = [];
  const server = new SMTPServer({
    secure: options.secure ?? false,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : { disabledCommands: ['STARTTLS'] }),
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push(auth.username ?? '');
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) return callback(null, { user: auth.username });
      const err = new Error('Identifiants refusés') as Error & { responseCode: number };
      err.responseCode = 535;
      return callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const done = simpleParser(raw).then((parsed) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            parsed,
          });
        });
        pending.push(done);
        void done.then(() => callback(), callback);
      });
    },
  });
  // A client that gives up mid-handshake (an untrusted certificate) is the server's error event, not the test's.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    logins,
    close: async () => {
      await Promise.all(pending);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on: one the system just gave and took back. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/**
 * A self-signed certificate for 127.0.0.1, made by the system's openssl at test time; undefined where
 * there is no openssl (the TLS tests are then skipped).
 */
export function selfSignedCertificate(): { key: string; cert: string } | undefined {
  const openssl = ['/usr/bin/openssl', '/usr/local/bin/openssl', '/opt/homebrew/bin/openssl'].find((p) => existsSync(p));
  if (!openssl) return undefined;
  const { dir, remove } = makeTempDir();
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  try {
    execFileSync(openssl, [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    ], { stdio: 'ignore' });
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } catch {
    return undefined;
  } finally {
    remove();
  }
}
