import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../../main/core/context';
import { startHarness } from '../../main/harness/server';
import { clock, log, result, round, type BenchResult, type RssSampler } from './common';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const RENDERER_DIR = join(ROOT, 'dist/renderer');
/** Screenshots of the screens measured, to look at (never committed). */
const SCREENS = join(ROOT, 'test-results/screens');
const GRID = '[aria-label="Liste des factures"]';
const ROW = `${GRID} .MuiDataGrid-row`;

/** Launch flags as in playwright.config.ts (Debian's Chromium, no sandbox in this container). */
const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

function ensureRendererBuilt() {
  if (existsSync(join(RENDERER_DIR, 'index.html'))) return;
  log('dist/renderer absent : npx vite build');
  const r = spawnSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npx vite build a échoué');
}

/**
 * Scenario 7, the invoice list in the browser harness on the big file: time from navigation to the first
 * rows of #/factures, scrolling the rendered page to its end frame by frame (longest frame = smoothness),
 * the next page (server paging), and the last page of the list as the grid asks for it.
 */
export async function rendererList(file: string, invoices: number, rss: RssSampler, passphrase?: string): Promise<BenchResult[]> {
  ensureRendererBuilt();
  // Loaded only for this scenario: Playwright takes about a second to import.
  const { chromium } = await import('@playwright/test');
  mkdirSync(SCREENS, { recursive: true });
  const harness = await startHarness({ file, rendererDir: RENDERER_DIR, now: clock, log: silentLogger, ...(passphrase !== undefined && { passphrase }) });
  const browser = await chromium.launch(LAUNCH);
  try {
    // The harness opens the file on its first request; opening (integrity check) is timed on its own, so
    // that the screen's time is the screen's.
    const o0 = performance.now();
    harness.file.db();
    const openMs = performance.now() - o0;
    const page = await browser.newPage({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1366, height: 860 } });
    rss.reset();
    const t0 = performance.now();
    await page.goto(`${harness.url}#/factures`);
    try {
      await page.locator(ROW).first().waitFor({ state: 'visible', timeout: 30_000 });
    } catch {
      const heading = await page.locator('h1, h2').first().textContent().catch(() => null);
      throw new Error(
        `L’écran des factures (#/factures) n’affiche pas de liste « Liste des factures » avec des lignes au bout de 30 s (titre vu : ${JSON.stringify(heading)}). ` +
          'L’écran est peut-être encore en construction, ou dist/renderer n’est pas à jour (npx vite build).',
      );
    }
    const firstRowsMs = performance.now() - t0;
    const shown = await page.locator(ROW).count();
    log(`liste des factures : premières lignes en ${round(firstRowsMs, 0)} ms (${shown} lignes rendues)`);

    // Scroll the grid's own scroller to its end, 120 px per frame, recording every frame's duration.
    await page.waitForFunction((grid) => {
      const el = document.querySelector<HTMLElement>(`${grid} .MuiDataGrid-virtualScroller`);
      return el !== null && el.scrollHeight > el.clientHeight + 1;
    }, GRID, { timeout: 10_000 }).catch(() => log('la page de la grille ne dépasse pas sa hauteur : rien à faire défiler'));
    const scroll = await page.evaluate(async (grid) => {
      const scroller = document.querySelector<HTMLElement>(`${grid} .MuiDataGrid-virtualScroller`);
      if (!scroller) throw new Error('défileur de la grille introuvable');
      const frames: number[] = [];
      const start = performance.now();
      let last = start;
      while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
        scroller.scrollTop += 120;
        await new Promise<void>((r) => requestAnimationFrame(() => r()));
        const t = performance.now();
        frames.push(t - last);
        last = t;
      }
      frames.sort((a, b) => a - b);
      return { ms: performance.now() - start, frames: frames.length, p95FrameMs: frames[Math.floor(frames.length * 0.95)] ?? 0, longestFrameMs: frames[frames.length - 1] ?? 0, scrollHeight: scroller.scrollHeight };
    }, GRID);

    // Next page, ten times: from the click to the first row showing the new page.
    const nextMs: number[] = [];
    // The pagination sits in the grid's footer: its buttons are named « Aller à la page suivante ».
    const next = page.getByRole('button', { name: /page suivante|next page/i }).first();
    for (let i = 0; i < 10; i++) {
      const before = await page.locator(ROW).first().getAttribute('data-id');
      const s = performance.now();
      await next.click();
      await page.waitForFunction(([sel, id]) => {
        const row = document.querySelector(sel as string);
        return row !== null && row.getAttribute('data-id') !== id;
      }, [ROW, before] as const, { timeout: 30_000 });
      nextMs.push(performance.now() - s);
    }
    nextMs.sort((a, b) => a - b);

    await page.screenshot({ path: join(SCREENS, 'bench-factures-100k.png') });

    // « En retard »: the overdue filter, computed and paged by the main process, from the click to its rows.
    const late0 = performance.now();
    await page.getByRole('button', { name: 'En retard' }).click();
    await page.locator(`${GRID} [data-status="overdue"]`).first().waitFor({ state: 'visible', timeout: 60_000 });
    const overdueMs = performance.now() - late0;
    await page.screenshot({ path: join(SCREENS, 'bench-factures-en-retard.png') });

    // The last page: the request the grid sends for it (paging is server-side), from the page itself.
    const lastPage = await page.evaluate(async (total) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="encours-harness-token"]')?.content ?? '';
      const s = performance.now();
      const res = await fetch('/api/invoice.list', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Encours-Token': token }, body: JSON.stringify({ limit: 50, offset: Math.max(0, total - 50) }) });
      const body = (await res.json()) as { ok: boolean; value?: { rows: unknown[] } };
      return { ms: performance.now() - s, rows: body.value?.rows.length ?? 0 };
    }, invoices);

    return [
      result('renderer.factures (premières lignes)', invoices, firstRowsMs / 1000, rss.peakMB, { ms: round(firstRowsMs, 0), rowsRendered: shown, fileOpenMs: round(openMs, 0) }),
      result('renderer.factures (défilement de la page)', invoices, scroll.ms / 1000, rss.peakMB, { frames: scroll.frames, p95FrameMs: round(scroll.p95FrameMs, 1), longestFrameMs: round(scroll.longestFrameMs, 1) }),
      result('renderer.factures (page suivante, médiane de 10)', invoices, (nextMs[5] ?? 0) / 1000, rss.peakMB, { ms: round(nextMs[5] ?? 0, 0), maxMs: round(nextMs[nextMs.length - 1] ?? 0, 0) }),
      result('renderer.factures (filtre « En retard »)', invoices, overdueMs / 1000, rss.peakMB, { ms: round(overdueMs, 0) }),
      result('renderer.factures (dernière page, requête)', invoices, lastPage.ms / 1000, rss.peakMB, { ms: round(lastPage.ms, 0), rows: lastPage.rows }),
    ];
  } finally {
    await browser.close();
    await harness.close();
  }
}
