import { randomBytes } from 'node:crypto';
import { contract, isChannelName, type ChannelName, type Handlers } from '../../shared/contract';
import { AppError, type AppErrorDTO } from '../../shared/errors';
import { fail, ok, type IpcResult } from '../../shared/result';
import type { ServiceContext } from './context';
import { validationError } from './validation';

/**
 * The one entry of every door: checks the channel, parses the request with its zod schema, runs the
 * handler and turns whatever happens into an IpcResult. Nothing throws past this function.
 */
export async function dispatch(
  handlers: Handlers<ServiceContext>,
  ctx: ServiceContext,
  channel: string,
  payload: unknown,
): Promise<IpcResult<unknown>> {
  if (!isChannelName(channel)) {
    return fail({ code: 'NOT_FOUND', message: `Opération inconnue : « ${channel} ».` });
  }
  try {
    // Inside the try: a schema's transform may throw too, and nothing may escape this function.
    const parsed = contract[channel].request.safeParse(payload === undefined || payload === null ? {} : payload);
    if (!parsed.success) return fail(validationError(parsed.error).toDTO());
    const handler = handlers[channel] as (c: ServiceContext, r: unknown) => unknown;
    return ok(await handler(ctx, parsed.data));
  } catch (err) {
    return fail(toErrorDTO(err, ctx, channel));
  }
}

/** Domain errors pass as they are; anything else is an INTERNAL incident, its stack kept in the log. */
export function toErrorDTO(err: unknown, ctx: Pick<ServiceContext, 'log'>, channel: ChannelName | string): AppErrorDTO {
  if (err instanceof AppError) return err.toDTO();
  const incidentId = randomBytes(4).toString('hex');
  ctx.log.error(`[incident ${incidentId}] ${channel}`, err);
  return {
    code: 'INTERNAL',
    message: `Une erreur inattendue s’est produite (incident ${incidentId}). Rien n’a été enregistré ; réessayez, et si elle revient, transmettez ce numéro au support.`,
    incidentId,
  };
}
