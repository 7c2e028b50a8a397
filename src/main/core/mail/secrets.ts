import { readFileSync } from 'node:fs';
import type { MailSecrets } from '../context';

/**
 * The CLI's and the harness's SMTP password: ENCOURS_SMTP_PASSWORD, else the content of the file named by
 * ENCOURS_SMTP_PASSWORD_FILE (its final line break dropped). The same for any account: the environment
 * holds one. Nothing is ever stored. A file that cannot be read gives no password (sending then says so).
 */
export function environmentMailSecrets(env: Record<string, string | undefined>): MailSecrets {
  const read = (): string | undefined => {
    if (env.ENCOURS_SMTP_PASSWORD) return env.ENCOURS_SMTP_PASSWORD;
    const file = env.ENCOURS_SMTP_PASSWORD_FILE;
    if (!file) return undefined;
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch {
      return undefined;
    }
  };
  return { source: 'environment', canStore: false, password: () => read() };
}
