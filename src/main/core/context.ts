import type { CompanyFile } from '../db/company-file';

export interface Logger {
  info(message: string): void;
  error(message: string, err?: unknown): void;
}

/** What every handler receives: the company file of the door that called, a clock and a log. */
export interface ServiceContext {
  file: CompanyFile;
  /** Injectable so tests and the harness can pin "today". */
  now: () => Date;
  log: Logger;
}

export const consoleLogger: Logger = {
  info: (m) => console.log(m),
  error: (m, err) => console.error(m, err instanceof Error ? err.stack : (err ?? '')),
};

export const silentLogger: Logger = { info: () => {}, error: () => {} };
