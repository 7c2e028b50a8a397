import { beforeAll, expect, it, vi } from 'vitest';
import { BRIDGE_NAME, CHANNEL_NAMES } from '../../../src/shared/channels';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } })) },
}));
vi.mock('electron', () => electron);

let api: Record<string, unknown>;

beforeAll(async () => {
  await import('../../../src/main/electron/preload');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, exposed] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
  expect(name).toBe(BRIDGE_NAME);
  api = exposed;
});

it('exposes one object, window.encours', () => {
  expect(BRIDGE_NAME).toBe('encours');
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
});

it('exposes exactly one function per channel and nothing else', () => {
  expect(Object.keys(api).sort()).toEqual([...CHANNEL_NAMES].sort());
  for (const channel of CHANNEL_NAMES) expect(api[channel], channel).toBeTypeOf('function');
  expect(Object.getOwnPropertySymbols(api)).toEqual([]);
});

it('freezes the bridge so the page cannot add or replace functions', () => {
  expect(Object.isFrozen(api)).toBe(true);
});

it('makes each function invoke the same-named channel with the request, and return its answer', async () => {
  for (const channel of CHANNEL_NAMES) {
    electron.ipcRenderer.invoke.mockClear();
    const request = { probe: channel };
    const answer = await (api[channel] as (r: unknown) => Promise<unknown>)(request);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(channel, request);
    expect(answer).toEqual({ ok: true, value: { channel, request } });
  }
});
