import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../../src/shared/channels';
import { contract, type Handlers } from '../../../src/shared/contract';
import { AppError } from '../../../src/shared/errors';
import type { ServiceContext } from '../../../src/main/core/context';
import { dispatch } from '../../../src/main/core/dispatch';
import { handlers } from '../../../src/main/core/service';
import { call, callOk, testCompany } from '../../helpers/context';
import { companyInit, ROUND_TRIP_JOB_ID, roundTripIn, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';

/** The real table with one handler replaced. */
function tableWith(channel: keyof Handlers<ServiceContext>, fn: (...args: unknown[]) => unknown): Handlers<ServiceContext> {
  return { ...handlers, [channel]: fn } as Handlers<ServiceContext>;
}

describe('the handler table', () => {
  it('has exactly one handler per contract channel', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
    expect(Object.keys(handlers).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('has a round-trip script covering every channel of the contract', () => {
    const scripted = new Set(roundTripIn('/dossier').map((s) => s.channel));
    expect(CHANNEL_NAMES.filter((c) => !scripted.has(c))).toEqual([]);
  });

  it('serves every channel on a fresh file, each response matching the contract’s response schema', async () => {
    const { ctx, dir } = testCompany();
    const failures: string[] = [];
    const values = new Map<string, unknown>();
    for (const step of roundTripIn(dir)) {
      const result = await call(ctx, step.channel, step.payload);
      if (!result.ok) {
        failures.push(`${step.channel}: ${JSON.stringify(result.error)}`);
        continue;
      }
      if (!contract[step.channel].response.safeParse(result.value).success) {
        failures.push(`${step.channel}: response outside the contract ${JSON.stringify(result.value)}`);
      }
      values.set(step.channel, result.value);
    }
    expect(failures).toEqual([]);
    // The manual entry comes after the receivables entries of the script; verify counts them all, and the
    // closing computes a result (its arithmetic is proven in test/main/ledger/closing.test.ts).
    const posted = values.get('ledger.post') as { num: number; seq: number; journal: string };
    expect(posted).toMatchObject({ journal: 'OD', num: posted.seq });
    expect(values.get('ledger.verify')).toEqual({ ok: true, entries: posted.seq });
    expect(values.get('period.close')).toMatchObject({ result: expect.stringMatching(/^-?\d+\.\d{2}$/), fiscalYear: { status: 'closed' }, nextFiscalYear: { start: '2027-01-01' } });
    const backup = values.get('backup.create') as { path: string };
    expect((values.get('backup.list') as { rows: { path: string }[] }).rows.map((r) => r.path)).toContain(backup.path);
    expect(values.get('export.fec')).toMatchObject({ path: expect.stringMatching(/\.txt$/), lines: expect.any(Number) });
    expect(values.get('job.status')).toMatchObject({ jobId: ROUND_TRIP_JOB_ID, finished: true });
  });
});

describe('dispatch', () => {
  it('answers NOT_FOUND in French for a channel that does not exist', async () => {
    const { ctx } = testCompany();
    const result = await call(ctx, 'invoice.frobnicate', {});
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('invoice.frobnicate') } });
    if (!result.ok) expectFrench(result.error.message);
  });

  it('does not treat inherited object keys as channels', async () => {
    const { ctx } = testCompany();
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const result = await call(ctx, name, {});
      expect(result.ok ? 'ok' : result.error.code, name).toBe('NOT_FOUND');
    }
  });

  it('hands the handler the parsed, canonical request', async () => {
    const { ctx } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    const seen = vi.fn((_ctx: unknown, req: unknown) => req);
    await call(ctx, 'customer.create', { ...societeGenerale, siren: '552 120 222', creditLimit: '1 500,5' }, tableWith('customer.create', seen));
    expect(seen).toHaveBeenCalledTimes(1);
    expect(seen.mock.calls[0]?.[1]).toMatchObject({ siren: '552120222', creditLimit: '1500.50' });
  });

  it('does not call the handler when the request is invalid', async () => {
    const { ctx } = testCompany();
    const handler = vi.fn();
    const result = await call(ctx, 'customer.get', { id: 'un' }, tableWith('customer.get', handler));
    expect(result.ok).toBe(false);
    expect(handler).not.toHaveBeenCalled();
  });

  it('passes a domain error through as it is', async () => {
    const { ctx } = testCompany();
    const result = await call(ctx, 'company.get', {}, tableWith('company.get', () => {
      throw new AppError('CONFLICT', 'Déjà fait.', { name: 'Ce nom est pris.' });
    }));
    expect(result).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Déjà fait.', fieldErrors: { name: 'Ce nom est pris.' } } });
  });

  it('turns an unexpected exception into INTERNAL with an incident id, the stack going to the log only', async () => {
    const { ctx } = testCompany();
    const errors: { message: string; err: unknown }[] = [];
    ctx.log = { info: () => {}, error: (message, err) => errors.push({ message, err }) };
    const boom = new TypeError('Cannot read properties of undefined (reading "secret_column") at /home/dev/src/main/core/x.ts:12');
    const result = await call(ctx, 'company.get', {}, tableWith('company.get', () => {
      throw boom;
    }));

    expect(result.ok).toBe(false);
    if (result.ok) return;
    const { code, message, incidentId } = result.error;
    expect(code).toBe('INTERNAL');
    expect(incidentId).toMatch(/^[0-9a-f]{8}$/);
    expect(message).toContain(incidentId);
    expectFrench(message);
    for (const leak of ['secret_column', 'TypeError', '/home/dev', 'x.ts', ' at ']) expect(message).not.toContain(leak);
    expect(JSON.stringify(result.error)).not.toContain('secret_column');
    expect(errors).toEqual([{ message: expect.stringContaining(incidentId as string), err: boom }]);
  });

  it('turns a rejected promise or a thrown non-Error into INTERNAL too', async () => {
    const { ctx } = testCompany();
    const rejected = await call(ctx, 'company.get', {}, tableWith('company.get', () => Promise.reject(new Error('async boom'))));
    const thrownString = await call(ctx, 'company.get', {}, tableWith('company.get', () => {
      throw 'plain string';
    }));
    for (const result of [rejected, thrownString]) {
      expect(result.ok ? 'ok' : result.error.code).toBe('INTERNAL');
    }
  });

  it('gives each incident its own id', async () => {
    const { ctx } = testCompany();
    const table = tableWith('company.get', () => {
      throw new Error('boom');
    });
    const ids = new Set<string | undefined>();
    for (let i = 0; i < 5; i++) {
      const r = await call(ctx, 'company.get', {}, table);
      ids.add(r.ok ? undefined : r.error.incidentId);
    }
    expect(ids.size).toBe(5);
    expect(ids.has(undefined)).toBe(false);
  });

  it('returns INTERNAL instead of throwing when parsing the request itself throws', async () => {
    const { ctx } = testCompany();
    const parse = vi.spyOn(contract['company.get'].request, 'safeParse').mockImplementation(() => {
      throw new Error('a transform blew up');
    });
    try {
      const result = await dispatch(handlers, ctx, 'company.get', {});
      expect(result.ok ? 'ok' : result.error.code).toBe('INTERNAL');
    } finally {
      parse.mockRestore();
    }
  });
});
