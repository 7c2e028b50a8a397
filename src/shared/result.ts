import type { AppErrorDTO } from './errors';

/** What every channel returns across a boundary: a value or an error, never a throw. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorDTO };

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
export const fail = (error: AppErrorDTO): IpcResult<never> => ({ ok: false, error });
