import { net, protocol } from 'electron';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../security/csp';

/** Must run before `app.ready`: app:// behaves like a secure origin (fetch, storage, CSP). */
export function registerAppScheme() {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the packaged renderer, and nothing outside its folder, under app://encours/ with our CSP. */
export function serveRenderer(rendererDir: string) {
  const root = normalize(rendererDir);
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'encours') return new Response('Introuvable', { status: 404 });
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const target = normalize(join(root, relative));
    if (!target.startsWith(root + sep)) return new Response('Introuvable', { status: 404 });
    const file = extname(target) ? target : join(root, 'index.html');
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    // Module scripts (pdf.js's worker is a .mjs file) must come as JavaScript: nosniff refuses any guess.
    if (/\.m?js$/i.test(file)) headers.set('Content-Type', 'text/javascript; charset=utf-8');
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
