import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES } from '../../shared/channels';
import type { Handlers } from '../../shared/contract';
import { fail, type IpcResult } from '../../shared/result';
import type { HandlerContext, ServiceContext } from '../core/context';
import { dispatch } from '../core/dispatch';
import { PathGate } from '../core/files/path-gate';

/** The only origin the app's own pages are served from (see protocol.ts). */
export const APP_ORIGIN = 'app://encours';

/** A request is trusted only from the top frame of a page of ours: never from an iframe or another origin. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    // Not URL.origin: for a custom scheme such as app:// it is the opaque "null". Compare scheme and host.
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** The gate of a context built without one: no dialog opens, and every path the window names is refused. */
const CLOSED_GATE = new PathGate(() => Promise.resolve(null));

/**
 * Binds one `ipcMain.handle` per contract channel to the shared handler table. The window may not name
 * a path: a context without its path gate gets a closed one (fails closed, never open).
 */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: Handlers<HandlerContext>,
  getContext: () => ServiceContext,
  trusted: (event: IpcMainInvokeEvent) => boolean = isTrustedSender,
): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<IpcResult<unknown>> => {
      if (!trusted(event)) {
        return fail({ code: 'FORBIDDEN', message: 'Demande refusée : elle ne vient pas de la fenêtre d’Encours.' });
      }
      const ctx = getContext();
      return dispatch(handlers, ctx.paths ? ctx : { ...ctx, paths: CLOSED_GATE }, channel, payload);
    });
  }
}
