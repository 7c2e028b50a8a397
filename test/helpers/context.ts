import { join } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { contract, type ChannelName, type Handlers, type Response } from '../../src/shared/contract';
import type { AppErrorDTO } from '../../src/shared/errors';
import type { IpcResult } from '../../src/shared/result';
import { serviceContext, silentLogger, type HandlerContext, type ServiceContext } from '../../src/main/core/context';
import { dispatch } from '../../src/main/core/dispatch';
import { handlers } from '../../src/main/core/service';
import { CompanyFile } from '../../src/main/db/company-file';
import { makeTempDir } from './temp';

/** "Today" in every test: a fixed instant, so timestamps are predictable. */
export const FIXED_NOW = '2026-11-22T10:00:00.000Z';
export const fixedClock = () => new Date(FIXED_NOW);

/** An instant after the end of the tests' first fiscal year (2026): a year closes from the day after its end. */
export const AFTER_2026 = '2027-01-15T10:00:00.000Z';
/** The same after the end of 2027, to close the second year. */
export const AFTER_2027 = '2028-01-15T10:00:00.000Z';

/** The same company file, seen by a door whose clock says `instant` (time has passed: the year has ended). */
export function at(ctx: ServiceContext, instant: string): ServiceContext {
  return serviceContext({ file: ctx.file, now: () => new Date(instant), log: ctx.log });
}

export interface TestCompany {
  dir: string;
  /** The company file path (not created until company.init). */
  path: string;
  /** The folder where the head of the file's chain is kept outside it (a temp folder, never the user's). */
  witnessDir: string;
  ctx: ServiceContext;
}

/** A temp folder, a company file path in it and a context with a fixed clock; all cleaned after the test. */
export function testCompany(fileName = 'societe.encours'): TestCompany {
  const tc = makeTestCompany(fileName);
  onTestFinished(tc.dispose);
  return tc;
}

/** Same as testCompany, disposed by the caller (beforeAll / afterAll). */
export function makeTestCompany(fileName = 'societe.encours'): TestCompany & { dispose: () => void } {
  const { dir, remove } = makeTempDir();
  const path = join(dir, fileName);
  // Beside, not inside, the file's folder: tests that check what a refusal left in that folder see the file alone.
  const data = makeTempDir();
  const witnessDir = join(data.dir, 'empreintes');
  const file = new CompanyFile(path, { witnessDir });
  const ctx = serviceContext({ file, now: fixedClock, log: silentLogger });
  return {
    dir,
    path,
    witnessDir,
    ctx,
    dispose: () => {
      file.close();
      remove();
      data.remove();
    },
  };
}

/** One call through the same entry every door uses. */
export function call(
  ctx: ServiceContext,
  channel: string,
  payload: unknown,
  table: Handlers<HandlerContext> = handlers,
): Promise<IpcResult<unknown>> {
  return dispatch(table, ctx, channel, payload);
}

/** Calls, expects success, and parses the value with the channel's response schema. */
export async function callOk<C extends ChannelName>(ctx: ServiceContext, channel: C, payload: unknown): Promise<Response<C>> {
  const result = await call(ctx, channel, payload);
  if (!result.ok) expect.fail(`${channel} failed: ${JSON.stringify(result.error)}`);
  return contract[channel].response.parse(result.value) as Response<C>;
}

/** Calls and expects a refusal; returns the error. */
export async function callErr(ctx: ServiceContext, channel: string, payload: unknown): Promise<AppErrorDTO> {
  const result = await call(ctx, channel, payload);
  if (result.ok) expect.fail(`${channel} should have failed but returned ${JSON.stringify(result.value)}`);
  return result.error;
}
