import { dirname } from 'node:path';
import type { Handlers } from '../../shared/contract';
import { SCHEMA_VERSION } from '../db/migrations';
import type { HandlerContext, ServiceContext } from './context';
import { encryptionStatus } from './encryption-service';

/** The app's version, set by the bundler for the Electron build; the package's otherwise. */
export const APP_VERSION = process.env.npm_package_version ?? '0.1.0';

export const appHandlers: Pick<Handlers<HandlerContext>, 'app.info'> = {
  // Needs no open file (dispatch ACCESS 'free'): it answers before the company file exists.
  'app.info'(ctx: ServiceContext) {
    return { file: ctx.file.path, folder: dirname(ctx.file.path), backupFolder: ctx.file.backupDir, version: APP_VERSION, schemaVersion: SCHEMA_VERSION, today: ctx.today(), encryption: encryptionStatus(ctx.file) };
  },
};
