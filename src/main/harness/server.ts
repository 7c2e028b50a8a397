import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { CompanyFile, type PassphraseKeychain } from '../db/company-file';
import { consoleLogger, serviceContext, type Logger, type MailSecrets, type MailTransportOptions } from '../core/context';
import { dispatch } from '../core/dispatch';
import { PathGate, type PathPicker } from '../core/files/path-gate';
import { witnessDirIn } from '../core/ledger/witness';
import { handlers } from '../core/service';
import { CONTENT_SECURITY_POLICY } from '../security/csp';

/**
 * The browser harness: the built renderer plus `POST /api/<channel>` on 127.0.0.1, so the real UI runs
 * in an ordinary Chromium where no Electron binary can. A test door, not a second product: it serves the
 * same handler table as Electron IPC, behind a per-run token, to this machine only.
 */
export interface HarnessOptions {
  file: string;
  rendererDir: string;
  port?: number;
  now?: () => Date;
  log?: Logger;
  /** The company file's passphrase, if it is encrypted (else the interface asks for it). */
  passphrase?: string;
  /** Where « Se souvenir sur cet ordinateur » keeps passphrases (tests); none by default. */
  keychain?: PassphraseKeychain;
  /**
   * What stands for the system's dialog behind `dialog.chooseFile`, since a browser page cannot ask the
   * harness to open one: the path the owner would have picked. The tests pass theirs; by default it is
   * `folderPicker` of the company file's folder. Either way the page gets a token, never names a path.
   */
  pickPath?: PathPicker;
  /** The data folder where each file's chain head is kept outside it (none: nothing is kept). */
  dataDir?: string;
  /** The SMTP password's source (index.ts: ENCOURS_SMTP_PASSWORD or ENCOURS_SMTP_PASSWORD_FILE). */
  mailSecrets?: MailSecrets;
  mailTransport?: MailTransportOptions;
}

/**
 * The harness's stand-in for the dialogs: everything goes into `folder` (the FEC in it, a PDF or a copy
 * under the proposed name, without any folder the page put in that name); no evidence file can be
 * picked (the dialog is « closed »). The page chooses nothing outside `folder`.
 */
export function folderPicker(folder: string): PathPicker {
  return (purpose, suggestedName) => {
    const named = (fallback: string) => join(folder, basename(suggestedName?.trim() || fallback));
    switch (purpose) {
      case 'fecFolder':
      case 'facturxFolder':
        return Promise.resolve(folder);
      case 'pdf':
        return Promise.resolve(named('document.pdf'));
      case 'backup':
        return Promise.resolve(named('copie.encours'));
      case 'evidence':
        return Promise.resolve(null);
    }
  };
}

export interface Harness {
  url: string;
  token: string;
  file: CompanyFile;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  // pdf.js's worker (the PDF preview) is an ES module file.
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

// A bank statement of 20 Mo (the most bank.import takes) is 26,7 Mo of base64 inside its JSON request.
const MAX_BODY = 28 * 1024 * 1024;

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const token = randomBytes(24).toString('hex');
  const file = new CompanyFile(resolve(options.file), {
    ...(options.passphrase !== undefined && { passphrase: options.passphrase }),
    ...(options.keychain && { keychain: options.keychain }),
    witnessDir: options.dataDir ? witnessDirIn(resolve(options.dataDir)) : undefined,
  });
  // Like Electron's window, the page names no path: path fields take only a token of `dialog.chooseFile`.
  const paths = new PathGate(options.pickPath ?? folderPicker(dirname(file.path)));
  const ctx = serviceContext({
    file, now: options.now ?? (() => new Date()), log: options.log ?? consoleLogger, paths,
    ...(options.mailSecrets && { mailSecrets: options.mailSecrets }), ...(options.mailTransport && { mailTransport: options.mailTransport }),
  });
  const root = resolve(options.rendererDir);
  const indexHtml = (await readFile(join(root, 'index.html'), 'utf8')).replace(
    '</head>',
    `<meta name="encours-harness-token" content="${token}"></head>`,
  );
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      ctx.log.error('harness', err);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Erreur interne du banc d’essai.');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    // DNS rebinding guard: only this machine's names for this port.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 421, 'text/plain', 'Hôte refusé.');
    const url = new URL(req.url ?? '/', `http://${host}`);

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST attendu.');
      if (!tokenMatches(req.headers['x-encours-token'], token)) return send(res, 403, 'text/plain', 'Jeton manquant ou invalide.');
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'text/plain', 'JSON attendu.');
      const body = await readBody(req);
      if (body === null) return send(res, 413, 'text/plain', 'Demande trop volumineuse.');
      let payload: unknown;
      try {
        payload = body.length ? JSON.parse(body) : {};
      } catch {
        return sendJson(res, 200, { ok: false, error: { code: 'VALIDATION', message: 'La demande n’est pas un JSON valide.' } });
      }
      const channel = decodedOrNull(url.pathname.slice('/api/'.length));
      if (channel === null) return send(res, 400, 'text/plain; charset=utf-8', 'Adresse mal encodée.');
      return sendJson(res, 200, await dispatch(handlers, ctx, channel, payload));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Méthode refusée.');
    const path = url.pathname === '/' ? '/index.html' : url.pathname;
    const target = normalize(join(root, path));
    if (target !== root && !target.startsWith(root + sep)) return send(res, 404, 'text/plain', 'Introuvable.');
    if (target.endsWith(`${sep}index.html`) || !extname(target)) return send(res, 200, TYPES['.html'] as string, indexHtml);
    try {
      const content = await readFile(target);
      return send(res, 200, TYPES[extname(target)] ?? 'application/octet-stream', content);
    } catch {
      return send(res, 404, 'text/plain', 'Introuvable.');
    }
  }

  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    file,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => {
          file.close();
          ok();
        });
      }),
  };
}

/** A percent-decoded path segment, or null when its encoding is malformed (a client error, not ours). */
function decodedOrNull(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((ok, ko) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped, so the client still gets its 413 answer.
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => ok(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', ko);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}
