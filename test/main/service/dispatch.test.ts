import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../../src/shared/channels';
import { contract, type Handlers } from '../../../src/shared/contract';
import { AppError } from '../../../src/shared/errors';
import type { HandlerContext } from '../../../src/main/core/context';
import { dispatch } from '../../../src/main/core/dispatch';
import { handlers } from '../../../src/main/core/service';
import { AFTER_2026, at, call, callErr, callOk, testCompany } from '../../helpers/context';
import { companyInit, ROUND_TRIP_JOB_ID, roundTripIn, SMTP_CHANNELS, societeGenerale } from '../../helpers/fixtures';
import { expectFrench } from '../../helpers/french';

/** The real table with one handler replaced. */
function tableWith(channel: keyof Handlers<HandlerContext>, fn: (...args: unknown[]) => unknown): Handlers<HandlerContext> {
  return { ...handlers, [channel]: fn } as Handlers<HandlerContext>;
}

describe('the handler table', () => {
  it('has exactly one handler per contract channel', () => {
    // `preview` is the dispatcher's own: it runs any posting channel's handler, rolled back.
    const answered = (names: readonly string[]) => names.filter((c) => c !== 'preview').sort();
    expect(Object.keys(handlers).sort()).toEqual(answered(Object.keys(contract)));
    expect(Object.keys(handlers).sort()).toEqual(answered(CHANNEL_NAMES));
  });

  it('has a round-trip script covering every channel of the contract', () => {
    const scripted = new Set(roundTripIn('/dossier').map((s) => s.channel));
    // dialog.chooseFile answers only at a door with dialogs (Electron, the harness): path-gate.test.ts.
    // mail.test and mail.send need an SMTP server: test/main/mail starts a real one.
    expect(CHANNEL_NAMES.filter((c) => !scripted.has(c))).toEqual(['mail.test', 'mail.send', 'dialog.chooseFile']);
    expect(SMTP_CHANNELS).toEqual(['mail.test', 'mail.send']);
  });

  it('serves every channel on a fresh file, each response matching the contract’s response schema', async () => {
    const { dir, ...tc } = testCompany();
    // The script closes 2026: its clock says the year has ended.
    const ctx = at(tc.ctx, AFTER_2026);
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
    const result = await call(ctx, 'app.info', {}, tableWith('app.info', () => {
      throw new AppError('CONFLICT', 'Déjà fait.', { name: 'Ce nom est pris.' });
    }));
    expect(result).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'Déjà fait.', fieldErrors: { name: 'Ce nom est pris.' } } });
  });

  it('turns an unexpected exception into INTERNAL with an incident id, the stack going to the log only', async () => {
    const { ctx } = testCompany();
    const errors: { message: string; err: unknown }[] = [];
    ctx.log = { info: () => {}, error: (message, err) => errors.push({ message, err }) };
    const boom = new TypeError('Cannot read properties of undefined (reading "secret_column") at /home/dev/src/main/core/x.ts:12');
    const result = await call(ctx, 'app.info', {}, tableWith('app.info', () => {
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
    const rejected = await call(ctx, 'app.info', {}, tableWith('app.info', () => Promise.reject(new Error('async boom'))));
    const thrownString = await call(ctx, 'app.info', {}, tableWith('app.info', () => {
      throw 'plain string';
    }));
    for (const result of [rejected, thrownString]) {
      expect(result.ok ? 'ok' : result.error.code).toBe('INTERNAL');
    }
  });

  it('gives each incident its own id', async () => {
    const { ctx } = testCompany();
    const table = tableWith('app.info', () => {
      throw new Error('boom');
    });
    const ids = new Set<string | undefined>();
    for (let i = 0; i < 5; i++) {
      const r = await call(ctx, 'app.info', {}, table);
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

describe('dispatch owns the transaction', () => {
  async function withCompany() {
    const tc = testCompany();
    await callOk(tc.ctx, 'company.init', companyInit);
    return tc;
  }

  it('runs a write channel’s handler inside one transaction, and a read-only one outside any', async () => {
    const { ctx } = await withCompany();
    const seen: Record<string, boolean> = {};
    const spy = (name: string) => (c: unknown) => {
      seen[name] = (c as HandlerContext).db.inTransaction;
      return (c as HandlerContext).company;
    };
    await call(ctx, 'company.update', {}, tableWith('company.update', spy('company.update')));
    await call(ctx, 'company.get', {}, tableWith('company.get', spy('company.get')));
    expect(seen).toEqual({ 'company.update': true, 'company.get': false });
  });

  it('rolls back everything a write handler wrote when it then fails', async () => {
    const { ctx } = await withCompany();
    const result = await call(ctx, 'customer.create', societeGenerale, tableWith('customer.create', (c) => {
      const { db } = c as HandlerContext;
      db.prepare("INSERT INTO account (number, label, created_at) VALUES ('4110001', 'Écrit puis annulé', '2026-11-22')").run();
      throw new AppError('CONFLICT', 'Refusé après avoir écrit.');
    }));
    expect(result.ok ? 'ok' : result.error.code).toBe('CONFLICT');
    expect(ctx.file.db().prepare("SELECT count(*) FROM account WHERE number = '4110001'").pluck().get()).toBe(0);
  });

  it('refuses a write handler that awaits (its work would commit in halves), and keeps none of it', async () => {
    const { ctx } = await withCompany();
    const errors: unknown[] = [];
    ctx.log = { info: () => {}, error: (_m, err) => errors.push(err) };
    const result = await call(ctx, 'customer.create', societeGenerale, tableWith('customer.create', async (c) => {
      (c as HandlerContext).db.prepare("INSERT INTO account (number, label, created_at) VALUES ('4110002', 'Jamais', '2026-11-22')").run();
      return Promise.resolve({});
    }));
    expect(result.ok ? 'ok' : result.error.code).toBe('INTERNAL');
    expect(String(errors[0])).toContain('asynchrone');
    expect(ctx.file.db().prepare("SELECT count(*) FROM account WHERE number = '4110002'").pluck().get()).toBe(0);
  });

  it('refuses every channel of a file without a company before its handler runs, but the few that need none', async () => {
    const { ctx, dir } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    ctx.file.db().prepare('DELETE FROM company').run();
    const ran: string[] = [];
    const spyTable = Object.fromEntries(Object.keys(handlers).map((c) => [c, () => void ran.push(c)])) as unknown as Handlers<HandlerContext>;
    const refused: string[] = [];
    for (const step of roundTripIn(dir)) {
      const r = await call(ctx, step.channel, step.payload, spyTable);
      if (!r.ok && r.error.code === 'NOT_FOUND' && r.error.message.includes('company.init')) refused.push(step.channel);
    }
    expect(ran.sort()).toEqual(['app.info', 'backup.list', 'company.init', 'job.status']);
    expect(refused.length).toBe(roundTripIn(dir).length - 4);
  });
});

describe('preview', () => {
  it('returns the entries a payment would post and its allocation, and leaves the file as it was', async () => {
    const { ctx } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
    await callOk(ctx, 'invoice.create', { customerId: 1, date: '2026-03-01', lines: [{ description: 'Table', quantity: '1', unitPrice: '1000', vatRate: '20', kind: 'goods' }], validate: true });
    const db = ctx.file.db();
    const state = () => db.prepare('SELECT (SELECT count(*) FROM entry), (SELECT count(*) FROM entry_line), (SELECT count(*) FROM payment), (SELECT max(seq) FROM entry)').raw().get();
    const before = state();
    const request = { customerId: 1, date: '2026-03-10', amount: '1500', method: 'transfer', reference: 'VIR-1' };
    const preview = await callOk(ctx, 'preview', { channel: 'payment.record', request });
    expect(state()).toEqual(before);
    expect(preview.entries).toEqual([
      {
        journal: 'BQ', date: '2026-03-10', label: 'Règlement Société Générale VIR-1', pieceRef: 'VIR-1', source: { kind: 'payment', id: 1 },
        lines: [
          { account: '512', label: 'Virement Société Générale', debit: '1500.00', credit: '0.00' },
          { account: '411', aux: 'C00001', label: 'Règlement Société Générale VIR-1 — F2026-00001', debit: '0.00', credit: '1200.00' },
          { account: '4191', aux: 'C00001', label: 'Avance Société Générale', debit: '0.00', credit: '300.00' },
        ],
      },
    ]);
    expect(preview.result).toMatchObject({ allocations: [{ invoiceId: 1, amount: '1200.00', escompte: false }], advance: '300.00' });
    // What is then posted is what was shown.
    const paid = await callOk(ctx, 'payment.record', request);
    const posted = await callOk(ctx, 'ledger.entry', { id: paid.entryId });
    expect(posted.entry.lines.map((l) => [l.account, l.aux ?? '', l.debit, l.credit])).toEqual(preview.entries[0]?.lines.map((l) => [l.account, l.aux ?? '', l.debit, l.credit]));
  });

  it('answers a refusal of the posting as the posting would, field paths included, and writes nothing', async () => {
    const { ctx } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    await callOk(ctx, 'customer.create', { ...societeGenerale, creditLimit: '' });
    const err = await callErr(ctx, 'preview', { channel: 'payment.record', request: { customerId: 1, date: '2026-03-10', amount: '0', method: 'transfer' } });
    expect(err.code).toBe('VALIDATION');
    expect(Object.keys(err.fieldErrors ?? {})).toContain('amount');
    expect(await callErr(ctx, 'preview', { channel: 'company.update', request: {} })).toMatchObject({ code: 'VALIDATION', fieldErrors: { channel: expect.any(String) } });
  });
});
