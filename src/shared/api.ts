import type { ChannelName, RequestInput, Response } from './contract';
import type { IpcResult } from './result';

/** The shape of `window.encours` (and of the harness client): one async function per channel. */
export type EncoursApi = {
  [C in ChannelName]: (request: RequestInput<C>) => Promise<IpcResult<Response<C>>>;
};
