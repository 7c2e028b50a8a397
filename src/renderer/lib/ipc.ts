import type { EncoursApi } from '../../shared/api';
import { BRIDGE_NAME } from '../../shared/channels';
import type { ChannelName, RequestInput, Response } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { IpcResult } from '../../shared/result';

declare global {
  interface Window {
    [BRIDGE_NAME]?: EncoursApi;
  }
}

/**
 * The renderer's only way out: `window.encours` in Electron (the preload), or the browser harness over
 * fetch when the same UI runs in an ordinary Chromium for tests. Both return IpcResult values.
 */
async function invoke<C extends ChannelName>(channel: C, request: RequestInput<C>): Promise<IpcResult<Response<C>>> {
  const bridge = window[BRIDGE_NAME];
  if (bridge) return (bridge[channel] as (r: RequestInput<C>) => Promise<IpcResult<Response<C>>>)(request);
  const token = document.querySelector<HTMLMetaElement>('meta[name="encours-harness-token"]')?.content;
  if (!token) {
    return { ok: false, error: { code: 'INTERNAL', message: 'Encours doit être ouvert dans son application (ou le banc d’essai).' } };
  }
  const res = await fetch(`/api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Encours-Token': token },
    body: JSON.stringify(request ?? {}),
  });
  if (!res.ok) return { ok: false, error: { code: 'INTERNAL', message: `Le banc d’essai a répondu ${res.status}.` } };
  return (await res.json()) as IpcResult<Response<C>>;
}

/** For React Query: the value, or an AppError thrown on the renderer side (never across the boundary). */
export async function call<C extends ChannelName>(channel: C, request: RequestInput<C>): Promise<Response<C>> {
  const result = await invoke(channel, request);
  if (result.ok) return result.value;
  throw AppError.fromDTO(result.error);
}

export { invoke };
