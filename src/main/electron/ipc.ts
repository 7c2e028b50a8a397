import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES } from '../../shared/channels';
import type { Handlers } from '../../shared/contract';
import { fail, type IpcResult } from '../../shared/result';
import type { HandlerContext, ServiceContext } from '../core/context';
import { dispatch } from '../core/dispatch';

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

/** Binds one `ipcMain.handle` per contract channel to the shared handler table. */
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
      return dispatch(handlers, getContext(), channel, payload);
    });
  }
}
