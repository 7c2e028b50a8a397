import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const Settings = z.object({ lastFile: z.string().optional() });
export type AppSettings = z.infer<typeof Settings>;

/** The app's own preferences (not the company's): which company file to reopen. */
export function loadSettings(userData: string): AppSettings {
  try {
    const parsed = Settings.safeParse(JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function saveSettings(userData: string, settings: AppSettings) {
  const path = join(userData, 'settings.json');
  mkdirSync(dirname(path), { recursive: true });
  // Write then rename: a crash mid-write never leaves a half file.
  writeFileSync(`${path}.tmp`, JSON.stringify(settings, null, 2));
  renameSync(`${path}.tmp`, path);
}
