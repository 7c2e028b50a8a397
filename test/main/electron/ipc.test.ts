import type { IpcMainInvokeEvent } from 'electron';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../../src/shared/channels';
import { contract, type Handlers } from '../../../src/shared/contract';
import type { IpcResult } from '../../../src/shared/result';
import { serviceContext, silentLogger, type HandlerContext, type ServiceContext } from '../../../src/main/core/context';
import { PathGate } from '../../../src/main/core/files/path-gate';
import { handlers } from '../../../src/main/core/service';
import { APP_ORIGIN, isTrustedSender, registerIpcHandlers } from '../../../src/main/electron/ipc';
import { AFTER_2026, at, callOk, testCompany } from '../../helpers/context';
import { dumpDb } from '../../helpers/db';
import { companyInit, roundTripScript, societeGenerale } from '../../helpers/fixtures';

// ipc.ts must not need Electron at run time; an empty mock makes any such use fail loudly.
vi.mock('electron', () => ({}));

type Bound = (event: IpcMainInvokeEvent, payload: unknown) => Promise<IpcResult<unknown>>;

function fakeEvent(frame: { url: string; parent: unknown } | null): IpcMainInvokeEvent {
  return { senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

const trustedEvent = fakeEvent({ url: `${APP_ORIGIN}/index.html`, parent: null });

/** Registers on a fake ipcMain and returns what was bound. */
function bind(table: Handlers<HandlerContext>, getContext: () => ServiceContext) {
  const bound = new Map<string, Bound>();
  const ipcMain = { handle: vi.fn((channel: string, fn: Bound) => void bound.set(channel, fn)) };
  registerIpcHandlers(ipcMain as unknown as Parameters<typeof registerIpcHandlers>[0], table, getContext);
  return { bound, ipcMain };
}

describe('registerIpcHandlers', () => {
  it('binds exactly one handler per contract channel', () => {
    const { ctx } = testCompany();
    const { bound, ipcMain } = bind(handlers, () => ctx);
    expect(ipcMain.handle).toHaveBeenCalledTimes(CHANNEL_NAMES.length);
    expect([...bound.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect([...bound.keys()].sort()).toEqual(Object.keys(contract).sort());
  });

  it('routes each channel to the same-named handler of the table', async () => {
    const { ctx } = testCompany();
    // A company in the file: dispatch refuses every channel but a few before it exists.
    await callOk(ctx, 'company.init', companyInit);
    const calls: string[] = [];
    const spyTable = Object.fromEntries(
      CHANNEL_NAMES.map((channel) => [channel, () => {
        calls.push(channel);
        return { servedBy: channel };
      }]),
    ) as unknown as Handlers<HandlerContext>;
    const { bound } = bind(spyTable, () => ctx);
    for (const step of roundTripScript) {
      calls.length = 0;
      const result = await (bound.get(step.channel) as Bound)(trustedEvent, step.payload);
      if (step.channel === 'preview') {
        // The dispatcher's own channel: it runs the posting channel's handler and rolls it back.
        const inner = (step.payload as { channel: string }).channel;
        expect(result).toEqual({ ok: true, value: { entries: [], result: { servedBy: inner } } });
        expect(calls).toEqual([inner]);
        continue;
      }
      expect(result).toEqual({ ok: true, value: { servedBy: step.channel } });
      expect(calls).toEqual([step.channel]);
    }
  });

  it('serves every channel for a trusted sender on a real company file, through dispatch', async () => {
    // The script closes 2026: the clock says the year has ended.
    const ctx = at(testCompany().ctx, AFTER_2026);
    const { bound } = bind(handlers, () => ctx);
    for (const step of roundTripScript) {
      const result = await (bound.get(step.channel) as Bound)(trustedEvent, step.payload);
      expect(result.ok, `${step.channel}: ${JSON.stringify(result)}`).toBe(true);
      if (result.ok) expect(contract[step.channel].response.safeParse(result.value).success).toBe(true);
    }
  });

  it('validates the payload like every other door', async () => {
    const { ctx } = testCompany();
    const { bound } = bind(handlers, () => ctx);
    const result = await (bound.get('customer.get') as Bound)(trustedEvent, { id: 'un' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { id: expect.any(String) } } });
  });

  it.each([
    ['an iframe of our own page', { url: `${APP_ORIGIN}/index.html`, parent: {} }],
    ['a page of another origin', { url: 'https://evil.example/index.html', parent: null }],
    ['a file:// page', { url: 'file:///tmp/index.html', parent: null }],
    ['a look-alike origin', { url: 'app://encours.evil/index.html', parent: null }],
    ['a frame with an unparseable url', { url: 'not a url', parent: null }],
    ['no frame at all', null],
  ])('answers FORBIDDEN to %s, without touching the company file', async (_label, frame) => {
    const { ctx, dir } = testCompany();
    const getContext = vi.fn(() => ctx);
    const { bound } = bind(handlers, getContext);
    for (const step of roundTripScript) {
      const result = await (bound.get(step.channel) as Bound)(fakeEvent(frame), step.payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(getContext).not.toHaveBeenCalled();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('paths over IPC (issue 15)', () => {
  it('refuses a path the window names, even from a context built without its gate (fails closed), and opens no dialog then', async () => {
    const { ctx, dir, path } = testCompany();
    await callOk(ctx, 'company.init', companyInit);
    await callOk(ctx, 'customer.create', societeGenerale);
    const { bound } = bind(handlers, () => ctx);
    const before = dumpDb(path);
    const files = readdirSync(dir).sort();
    const secret = join(dir, 'id_rsa');
    for (const [channel, payload] of [
      ['export.fec', { fiscalYearEnd: '2026-12-31', output: dir }],
      ['backup.create', { output: join(dir, 'copie.encours') }],
      ['evidence.add', { invoiceId: 1, kind: 'reminder', date: '2026-03-01', note: 'Clé', file: secret }],
    ] as const) {
      const result = await (bound.get(channel) as Bound)(trustedEvent, payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/^Chemin refusé/) } });
    }
    expect(await (bound.get('dialog.chooseFile') as Bound)(trustedEvent, { purpose: 'evidence' })).toEqual({ ok: true, value: { canceled: true } });
    expect(dumpDb(path)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(files);
  });

  it('takes the token of the dialog the main process opened', async () => {
    const tc = testCompany();
    const out = join(tc.dir, 'sortie');
    mkdirSync(out);
    const ctx = serviceContext({ file: tc.ctx.file, now: tc.ctx.now, log: silentLogger, paths: new PathGate(() => Promise.resolve(out)) });
    await callOk(ctx, 'company.init', companyInit);
    const { bound } = bind(handlers, () => ctx);
    const choice = await (bound.get('dialog.chooseFile') as Bound)(trustedEvent, { purpose: 'fecFolder' });
    expect(choice).toMatchObject({ ok: true, value: { canceled: false, path: out } });
    const token = (choice as { value: { token: string } }).value.token;
    const fec = await (bound.get('export.fec') as Bound)(trustedEvent, { fiscalYearEnd: '2026-12-31', output: token });
    expect(fec).toMatchObject({ ok: true, value: { path: expect.stringContaining(out) } });
    expect(readdirSync(out)).toEqual(['732829320FEC20261231.txt']);
  });
});

describe('isTrustedSender', () => {
  it('trusts only the top frame of an app://encours page', () => {
    expect(isTrustedSender(trustedEvent)).toBe(true);
    expect(isTrustedSender(fakeEvent({ url: `${APP_ORIGIN}/clients/3`, parent: null }))).toBe(true);
    expect(isTrustedSender(fakeEvent({ url: `${APP_ORIGIN}/index.html`, parent: {} }))).toBe(false);
    expect(isTrustedSender(fakeEvent({ url: 'http://127.0.0.1:5178/', parent: null }))).toBe(false);
  });
});
