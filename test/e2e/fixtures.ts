import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHarness, type Harness } from '../../src/main/harness/server';
import { silentLogger } from '../../src/main/core/context';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screens', import.meta.url));

/** Each test gets its own company file and its own harness, with "today" pinned. */
export const test = base.extend<{ harness: Harness; app: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  harness: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'encours-e2e-'));
    const harness = await startHarness({
      file: join(dir, 'entreprise.encours'),
      rendererDir,
      now: () => new Date('2026-11-22T10:00:00Z'),
      log: silentLogger,
    });
    await use(harness);
    await harness.close();
    rmSync(dir, { recursive: true, force: true });
  },
  app: async ({ page, harness }, use) => {
    await page.goto(harness.url);
    await use(page);
  },
});

export { expect };

/** Calls a channel the way the renderer does, to set up data through the same door. */
export async function api(harness: Harness, channel: string, payload: unknown): Promise<unknown> {
  const res = await fetch(`${harness.url}api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Encours-Token': harness.token },
    body: JSON.stringify(payload),
  });
  const result = (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  return result.value;
}

export const COMPANY = {
  name: 'Atelier Dupont',
  siren: '732829320',
  vatNumber: 'FR44732829320',
  address: { line1: '3 rue des Lilas', postcode: '69003', city: 'Lyon' },
  vatRegime: 'debits',
  fiscalYear: { start: '2026-01-01', end: '2026-12-31' },
};

/** Goes to a section through the drawer, as a user does. */
export async function openSection(page: Page, label: string) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: label, exact: true }).click();
}

/** A screenshot of the page into test-results/screens, transitions finished (a button mid-fade looks disabled). */
export async function snap(page: Page, file: string, options: { fullPage?: boolean } = {}) {
  await page.screenshot({ path: join(SCREENSHOTS, file), animations: 'disabled', ...options });
}
