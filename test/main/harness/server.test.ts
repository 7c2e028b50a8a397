import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../src/shared/channels';
import { PATH_FIELDS } from '../../../src/shared/domain/dialog';
import { contract } from '../../../src/shared/contract';
import { silentLogger } from '../../../src/main/core/context';
import { startHarness, type Harness } from '../../../src/main/harness/server';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/security/csp';
import { AFTER_2026 } from '../../helpers/context';
import { roundTripIn, SMTP_CHANNELS } from '../../helpers/fixtures';
import { makeTempDir } from '../../helpers/temp';

const INDEX_HTML = '<!doctype html><html lang="fr"><head><title>Encours</title></head><body><div id="root"></div></body></html>';
const SECRET = 'TOP-SECRET-OUTSIDE-THE-RENDERER';

let harness: Harness;
let temp: { dir: string; remove: () => void };
let port: number;

beforeAll(async () => {
  temp = makeTempDir();
  const rendererDir = join(temp.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("encours");');
  // Files beside the renderer folder that no request may reach.
  writeFileSync(join(temp.dir, 'secret.json'), JSON.stringify({ secret: SECRET }));
  writeFileSync(join(temp.dir, 'package.json'), JSON.stringify({ secret: SECRET }));
  harness = await startHarness({ file: join(temp.dir, 'harness.encours'), rendererDir, port: 0, now: () => new Date(AFTER_2026), log: silentLogger }); // after 2026: the round trip closes it
  port = Number(new URL(harness.url).port);
});

afterAll(async () => {
  await harness?.close();
  temp?.remove();
});

/** A raw HTTP request (fetch would normalise the path and forbids setting Host). */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string; host?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { Host: options.host ?? `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function api(channel: string, payload: unknown, headers: Record<string, string> = { 'X-Encours-Token': harness.token }) {
  return fetch(new URL(`api/${channel}`, harness.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });
}

describe('the API', () => {
  it('serves every channel over HTTP with the token, each response matching the contract', async () => {
    const steps = roundTripIn(temp.dir);
    const scripted = new Set<string>(steps.map((s) => s.channel));
    const failures: string[] = [];
    for (const step of steps) {
      // The page names no path: each path field gets a token of the harness's dialog (its company folder).
      const payload = { ...(step.payload as Record<string, unknown>) };
      for (const [field, purpose] of Object.entries((PATH_FIELDS as Record<string, Record<string, string>>)[step.channel] ?? {})) {
        if (payload[field] === undefined) continue;
        const choice = (await (await api('dialog.chooseFile', { purpose, suggestedName: `${step.channel}.pdf` })).json()) as { ok: boolean; value: { token: string; path: string } };
        expect(choice.ok).toBe(true);
        payload[field] = choice.value.token;
        scripted.add('dialog.chooseFile');
      }
      const res = await api(step.channel, payload);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/json');
      const result = (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
      if (!result.ok) failures.push(`${step.channel}: ${JSON.stringify(result.error)}`);
      else if (!contract[step.channel].response.safeParse(result.value).success) {
        failures.push(`${step.channel}: response outside the contract ${JSON.stringify(result.value)}`);
      }
    }
    expect(failures).toEqual([]);
    // The channels that need an SMTP server run against a real one in test/main/mail.
    expect(CHANNEL_NAMES.filter((c) => !scripted.has(c) && !SMTP_CHANNELS.includes(c))).toEqual([]);
    const list = (await (await api('customer.list', {})).json()) as { value: { total: number } };
    expect(list.value.total).toBe(2); // one created, one imported
    const verify = (await (await api('ledger.verify', {})).json()) as { value: { ok: boolean; entries: number } };
    const entries = (await (await api('ledger.entries', { limit: 1 })).json()) as { value: { total: number } };
    expect(verify.value).toEqual({ ok: true, entries: entries.value.total });
    expect(verify.value.entries).toBeGreaterThan(10);
  });

  it('refuses a path the page names (issue 15), in French, writing nothing', async () => {
    const secret = join(temp.dir, 'secret.json');
    const before = readdirSync(temp.dir).sort();
    for (const [channel, payload] of [
      ['evidence.add', { invoiceId: 1, kind: 'reminder', date: '2026-03-01', note: 'Clé', file: secret }],
      ['export.fec', { fiscalYearEnd: '2026-12-31', output: join(temp.dir, 'renderer') }],
      ['backup.create', { output: join(temp.dir, 'vol.encours') }],
      ['document.invoice', { invoiceId: 1, output: temp.dir }],
    ] as const) {
      const result = (await (await api(channel, payload)).json()) as { ok: boolean; error: { code: string; message: string; fieldErrors: Record<string, string> } };
      expect(result.ok, channel).toBe(false);
      expect(result.error.code).toBe('FORBIDDEN');
      expect(result.error.message).toMatch(/^Chemin refusé : la fenêtre d’Encours ne désigne pas de fichier elle-même/);
    }
    expect(readdirSync(temp.dir).sort()).toEqual(before);
    expect(readdirSync(join(temp.dir, 'renderer')).sort()).toEqual(['assets', 'index.html']);
    // Its stand-in for the dialog picks no evidence file: the page cannot reach one.
    expect(await (await api('dialog.chooseFile', { purpose: 'evidence' })).json()).toEqual({ ok: true, value: { canceled: true } });
  });

  it('returns domain errors as IpcResult values with status 200', async () => {
    const res = await api('customer.get', { id: 999 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await (await api('customer.get', { id: 'x' })).json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { id: expect.any(String) } } });
  });

  it('refuses a request without the token with 403', async () => {
    const res = await api('company.get', {}, {});
    expect(res.status).toBe(403);
  });

  it('refuses a wrong token, of the right length or not, with 403', async () => {
    const sameLength = harness.token.replace(/./, (c) => (c === 'a' ? 'b' : 'a'));
    for (const token of [sameLength, 'abc', `${harness.token}0`]) {
      const res = await api('company.get', {}, { 'X-Encours-Token': token });
      expect(res.status, token).toBe(403);
    }
  });

  it('does not run a refused request: a tokenless write changes nothing', async () => {
    const before = (await (await api('company.get', {})).json()) as { value: { name: string } };
    const res = await api('company.update', { name: 'Piratée' }, {});
    expect(res.status).toBe(403);
    expect(await (await api('company.get', {})).json()).toEqual(before);
  });

  it('refuses a GET on the API and a body that is not JSON', async () => {
    expect((await raw('/api/company.get', { headers: { 'X-Encours-Token': harness.token } })).status).toBe(405);
    const res = await raw('/api/company.get', { method: 'POST', headers: { 'X-Encours-Token': harness.token, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(res.status).toBe(415);
  });

  it('answers an unparseable JSON body with a VALIDATION result', async () => {
    const res = await raw('/api/company.get', { method: 'POST', headers: { 'X-Encours-Token': harness.token, 'Content-Type': 'application/json' }, body: '{oops' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('answers an unknown channel with NOT_FOUND', async () => {
    expect(await (await api('invoice.frobnicate', {})).json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('answers a malformed percent-encoding in the channel with 400, not an internal error', async () => {
    const res = await raw('/api/company.get%E0%A4%A', {
      method: 'POST',
      headers: { 'X-Encours-Token': harness.token, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(res.body).toContain('mal encodée');
  });
});

describe('the Host check (DNS rebinding)', () => {
  it.each(['evil.example', 'evil.example:PORT', '127.0.0.1', '127.0.0.1:1', '0.0.0.0:PORT', 'localhost.evil.example:PORT'])(
    'refuses Host %s with 421',
    async (host) => {
      const res = await raw('/', { host: host.replace('PORT', String(port)) });
      expect(res.status).toBe(421);
      expect(res.body).not.toContain(harness.token);
    },
  );

  it('accepts its own Host, 127.0.0.1:<port>', async () => {
    expect((await raw('/', { host: `127.0.0.1:${port}` })).status).toBe(200);
  });

  it('refuses a foreign Host on the API even with the right token', async () => {
    const res = await raw('/api/company.get', {
      method: 'POST',
      host: `attacker.example:${port}`,
      headers: { 'X-Encours-Token': harness.token, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(421);
    expect(res.body).not.toContain('Atelier');
  });
});

describe('the renderer files', () => {
  it('serves index.html with the token injected in a meta tag and the Content-Security-Policy header', async () => {
    const res = await fetch(harness.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain(`<meta name="encours-harness-token" content="${harness.token}"></head>`);
    expect(html).toContain('<div id="root"></div>');
  });

  it('serves a built asset with its type and the CSP', async () => {
    const res = await fetch(new URL('assets/app.js', harness.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/javascript');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).toBe('console.log("encours");');
  });

  it('falls back to index.html for application routes', async () => {
    const res = await fetch(new URL('clients/12', harness.url));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('encours-harness-token');
  });

  it.each(['/../package.json', '/../secret.json', '/%2e%2e/secret.json', '/..%2fsecret.json', '/%2e%2e%2fsecret.json', '/assets/../../secret.json', '//../secret.json'])(
    'does not let %s escape the renderer folder',
    async (path) => {
      const res = await raw(path);
      expect(res.body).not.toContain(SECRET);
      expect(res.status === 404 || res.body.includes('encours-harness-token'), `${res.status} ${res.body.slice(0, 80)}`).toBe(true);
    },
  );

  it('answers 404 for a missing file', async () => {
    expect((await fetch(new URL('assets/absent.js', harness.url))).status).toBe(404);
  });
});

describe('the listening address', () => {
  it('listens on 127.0.0.1 only, on the port the system chose', () => {
    const url = new URL(harness.url);
    expect(url.protocol).toBe('http:');
    expect(url.hostname).toBe('127.0.0.1');
    expect(port).toBeGreaterThan(0);
  });

  it('does not accept connections on another local address', async () => {
    // 127.0.0.2 reaches this machine (on Linux) but is not the address the server bound.
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.2', port, timeout: 1000 });
      socket.on('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.on('error', () => resolve(true));
      socket.on('timeout', () => {
        socket.destroy();
        resolve(true);
      });
    });
    expect(refused).toBe(true);
  });
});
