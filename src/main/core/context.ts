import { join } from 'node:path';
import { isValidIsoDate, parisDate, pinnedInstant } from '../../shared/dates';
import type { Company } from '../../shared/domain/company';
import type { CompanyFile } from '../db/company-file';
import type { Db } from '../db/open';
import type { PdfDrawer } from './documents/invoice-pdf';
import type { PathGate } from './files/path-gate';

/**
 * The SMTP password, kept outside the company file: sealed by the OS keychain in Electron (safeStorage),
 * read from the environment by the CLI and the harness (ENCOURS_SMTP_PASSWORD or _FILE). `account` is
 * `user@host:port`, so that changing the server never sends the old password to a new one.
 */
export interface MailSecrets {
  readonly source: 'keychain' | 'environment';
  /** False where the password cannot be stored from the window (no keychain; the CLI and harness). */
  readonly canStore: boolean;
  password(account: string): string | undefined;
  /** Seals and keeps the password (Electron); absent where it is not possible. */
  store?(account: string, password: string): void;
}

/** Options of the SMTP connection a door or a test may add (a private authority's certificate). */
export interface MailTransportOptions {
  /** PEM certificates trusted besides the system's (a self-signed test server). */
  ca?: string | string[];
  /** Milliseconds before an unreachable server is given up (10 s by default). */
  timeoutMs?: number;
}

export interface Logger {
  info(message: string): void;
  error(message: string, err?: unknown): void;
}

/** What every handler receives: the company file of the door that called, the one clock and a log. */
export interface ServiceContext {
  file: CompanyFile;
  /** The instant (timestamps). Injectable so tests, the CLI and the harness can pin it. */
  now: () => Date;
  /** The company's legal day: the Paris calendar date of `now()`. Every default or compared date uses it. */
  today: () => string;
  log: Logger;
  /**
   * Draws a document's PDF: in a utility process with a time and memory budget in Electron; absent, in
   * this process (the CLI, the harness, the tests).
   */
  drawPdf?: PdfDrawer;
  /**
   * The gate of a door whose caller may not name a path (Electron's IPC, the harness): path fields take
   * only a token of the door's own dialog (files/path-gate.ts). Absent for the CLI, which passes paths.
   */
  paths?: PathGate;
  /** Where the SMTP password comes from; absent: no password (a server without login, or a draft). */
  mailSecrets?: MailSecrets;
  mailTransport?: MailTransportOptions;
}

/**
 * What a handler receives from dispatch: the door's context, the company file already opened (inside
 * the channel's one write transaction unless the contract marks it read-only) and its company.
 */
export interface HandlerContext extends ServiceContext {
  db: Db;
  company: Company;
}

/** The context every door builds: `today` is always derived from `now`, never read from another clock. */
export function serviceContext(parts: {
  file: CompanyFile; now: () => Date; log: Logger; drawPdf?: PdfDrawer; paths?: PathGate; mailSecrets?: MailSecrets; mailTransport?: MailTransportOptions;
}): ServiceContext {
  const { now } = parts;
  return { ...parts, today: () => parisDate(now()) };
}

/**
 * The clock of a door: the machine's, unless ENCOURS_TODAY pins a date (tests, replaying history); then
 * every "now" is that date at noon UTC. A string is the French refusal of a malformed value.
 */
export function clockFromEnv(pinned: string | undefined): (() => Date) | string {
  if (!pinned) return () => new Date();
  if (!isValidIsoDate(pinned)) return `ENCOURS_TODAY doit être une date AAAA-MM-JJ existante (reçu : ${pinned}).`;
  const instant = pinnedInstant(pinned);
  return () => new Date(instant);
}

export const consoleLogger: Logger = {
  info: (m) => console.log(m),
  error: (m, err) => console.error(m, err instanceof Error ? err.stack : (err ?? '')),
};

export const silentLogger: Logger = { info: () => {}, error: () => {} };

/**
 * The data folder of the CLI and the harness (Electron has its own, userData): ENCOURS_DATA_DIR, else the
 * user's data folder ($XDG_DATA_HOME/encours, ~/.local/share/encours). Undefined when the environment
 * names none (no HOME): then nothing is kept outside the company file.
 */
export function dataDirFromEnv(env: Record<string, string | undefined>): string | undefined {
  if (env.ENCOURS_DATA_DIR) return env.ENCOURS_DATA_DIR;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'encours');
  if (env.HOME) return join(env.HOME, '.local', 'share', 'encours');
  return undefined;
}
