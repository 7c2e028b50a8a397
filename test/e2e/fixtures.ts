import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { folderPicker, startHarness, type Harness } from '../../src/main/harness/server';
import { silentLogger } from '../../src/main/core/context';
import { environmentMailSecrets } from '../../src/main/core/mail/secrets';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screens', import.meta.url));

/** The instant every E2E runs at unless it says otherwise: Sunday 22 November 2026, 11:00 in Paris. */
export const E2E_NOW = '2026-11-22T10:00:00Z';

/**
 * Each test gets its own company file and its own harness, with the clock pinned twice: the main
 * process's (`now`, from which the app's "today" comes, as ENCOURS_TODAY does outside tests) and the
 * browser's (`browserNow`, by default the same instant; the date pickers' own "today" reads it). A test
 * passes whatever the machine's date.
 */
/**
 * The harness, and what the owner picks in the next system dialogs (`dialog.chooseFile`): answered in
 * order, then the harness's own stand-in (the company file's folder). null is a dialog closed unchosen.
 */
export type TestHarness = Harness & { answerDialog(path: string | null): void };

export const test = base.extend<{ now: string; browserNow: string | null; smtpPassword: string | null; harness: TestHarness; app: Page }>({
  now: [E2E_NOW, { option: true }],
  browserNow: [null, { option: true }],
  /**
   * The SMTP password the harness reads, as ENCOURS_SMTP_PASSWORD would give it (index.ts); null: none in
   * the environment, so nothing can be sent.
   */
  smtpPassword: [null, { option: true }],
  harness: async ({ now, smtpPassword }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'encours-e2e-'));
    const instant = new Date(now);
    const answers: (string | null)[] = [];
    const fallback = folderPicker(dir);
    const harness = await startHarness({
      file: join(dir, 'entreprise.encours'),
      rendererDir,
      now: () => new Date(instant),
      log: silentLogger,
      pickPath: (purpose, name) => (answers.length ? Promise.resolve(answers.shift() ?? null) : fallback(purpose, name)),
      dataDir: join(dir, 'donnees'),
      ...(smtpPassword !== null && { mailSecrets: environmentMailSecrets({ ENCOURS_SMTP_PASSWORD: smtpPassword }) }),
    });
    await use({ ...harness, answerDialog: (path) => void answers.push(path) });
    await harness.close();
    rmSync(dir, { recursive: true, force: true });
  },
  page: async ({ page, now, browserNow }, use) => {
    // The browser's clock starts at the pinned instant and runs on (timers and React Query's ages untouched).
    await page.clock.setSystemTime(new Date(browserNow ?? now));
    await use(page);
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

/** Picks a customer in a customer field by typing part of its name (the list is searched as the user types). */
export async function pickCustomer(page: Page, scope: Locator | Page, name: string) {
  const field = scope.getByRole('combobox', { name: 'Client' });
  await field.fill(name);
  // Click once the list has settled.
  await expect(async () => {
    await page.getByRole('option', { name: new RegExp(name) }).first().click({ timeout: 1000 });
    await expect(field).toHaveValue(new RegExp(`C\\d{5} — .*${name}`), { timeout: 500 });
  }).toPass();
}
