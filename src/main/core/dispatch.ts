import { randomBytes } from 'node:crypto';
import { contract, isChannelName, type ChannelName, type HandledChannel, type Handlers, type Request } from '../../shared/contract';
import { AppError, fieldError, type AppErrorDTO } from '../../shared/errors';
import { fail, ok, type IpcResult } from '../../shared/result';
import { unsafeStringIn } from '../../shared/text';
import { requireCompany } from './company/company-service';
import type { HandlerContext, ServiceContext } from './context';
import { dryRun } from './dry-run';
import { witnessCommit, witnessOnOpen } from './ledger/witness';
import type { Db } from '../db/open';
import { validationError } from './validation';

/**
 * How a channel reaches the company file when it is not the default way (open it, require its company,
 * a read handle for a read-only channel, else one write transaction around the whole handler).
 *  - free: needs no file (paths, the day, a job's progress): answers before the file exists;
 *  - create: company.init, which creates the file, in one write transaction;
 *  - async: opened and checked, but no transaction, because the handler awaits (an online backup) or
 *    rewrites the file under its own (a change of passphrase);
 *  - asyncWrite: like async, for a handler that then records what it did in its own write (ctx.file.write):
 *    refused first, like any write, when the chain disagrees with its witness, and the witness follows
 *    once it is done;
 *  - unlock: opened with the passphrase the request carries (an encrypted file), then checked.
 */
const ACCESS: { readonly [C in HandledChannel]?: 'free' | 'create' | 'async' | 'asyncWrite' | 'unlock' } = {
  'app.info': 'free',
  'backup.list': 'free',
  'job.status': 'free',
  'company.init': 'create',
  'backup.create': 'async',
  'company.encryption.set': 'async',
  'company.unlock': 'unlock',
  // The door's dialog: no file needed.
  'dialog.chooseFile': 'free',
  // The evidence file is read, hashed and copied first, outside any transaction; then one write records it.
  'evidence.add': 'asyncWrite',
  // Mail goes out over the network (awaited) outside any transaction; what was sent is recorded afterwards,
  // in its own write. A file whose chain disagrees with its witness sends nothing.
  'mail.send': 'asyncWrite',
};

type AnyHandler = (ctx: HandlerContext, request: unknown) => unknown;

/**
 * The one entry of every door: checks the channel, parses the request with its zod schema, opens the
 * company file and runs the handler in the transaction the contract calls for, and turns whatever
 * happens into an IpcResult. Nothing throws past this function.
 */
export async function dispatch(
  handlers: Handlers<HandlerContext>,
  ctx: ServiceContext,
  channel: string,
  payload: unknown,
): Promise<IpcResult<unknown>> {
  if (!isChannelName(channel)) {
    return fail({ code: 'NOT_FOUND', message: `Opération inconnue : « ${channel} ».` });
  }
  try {
    // Inside the try: a schema's transform may throw too, and nothing may escape this function.
    const request = gated(ctx, channel, parse(channel, payload));
    if (channel === 'preview') {
      const { channel: target, request: inner } = request as { channel: HandledChannel; request: unknown };
      const parsed = gated(ctx, target, parse(target, inner));
      return ok(dryRun(ctx, (h) => run(handlers, h, target, parsed)));
    }
    return ok(await enter(handlers, ctx, channel, request));
  } catch (err) {
    return fail(toErrorDTO(err, ctx, channel));
  }
}

function parse(channel: ChannelName, payload: unknown): unknown {
  // Whatever the field (a CSV file, a path, a key), a half character or a NUL never goes further.
  const unsafe = unsafeStringIn(payload);
  if (unsafe) throw fieldError(unsafe.path, unsafe.reason);
  const parsed = contract[channel].request.safeParse(payload === undefined || payload === null ? {} : payload);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** At a door with a path gate (Electron, the harness), each path field's token becomes the path its dialog chose. */
function gated(ctx: ServiceContext, channel: ChannelName, request: unknown): unknown {
  return ctx.paths ? ctx.paths.redeem(channel, request) : request;
}

function run(handlers: Handlers<HandlerContext>, ctx: HandlerContext, channel: HandledChannel, request: unknown): unknown {
  return (handlers[channel] as AnyHandler)(ctx, request);
}

/** Opens the file the way the channel needs and runs its handler. */
function enter(handlers: Handlers<HandlerContext>, ctx: ServiceContext, channel: HandledChannel, request: unknown): unknown {
  const handler = handlers[channel] as AnyHandler;
  switch (ACCESS[channel]) {
    case 'free':
      // Typed with ServiceContext in its module: it never sees a file handle.
      return handler(ctx as HandlerContext, request);
    case 'create': {
      const db = ctx.file.create();
      const result = ctx.file.write(() => inTransaction(handler({ ...ctx, db } as HandlerContext, request), channel), db);
      committed(ctx, db);
      return result;
    }
    case 'async': {
      const db = opened(ctx);
      return handler({ ...ctx, db, company: requireCompany(db) }, request);
    }
    case 'asyncWrite': {
      const db = opened(ctx);
      refuseIfWitnessDisagrees(ctx, db);
      return Promise.resolve(handler({ ...ctx, db, company: requireCompany(db) }, request)).then((result) => {
        committed(ctx, db);
        return result;
      });
    }
    case 'unlock': {
      const { passphrase, remember } = request as Request<'company.unlock'>;
      ctx.file.unlock(passphrase, remember);
      // The file just opened: its chain is compared with the witness, as any first opening.
      const db = opened(ctx);
      return handler({ ...ctx, db, company: requireCompany(db) }, request);
    }
    default: {
      const db = opened(ctx);
      if (contract[channel].readOnly) return handler({ ...ctx, db, company: requireCompany(db) }, request);
      refuseIfWitnessDisagrees(ctx, db);
      const result = ctx.file.write(() => inTransaction(handler({ ...ctx, db, company: requireCompany(db) }, request), channel), db);
      committed(ctx, db);
      return result;
    }
  }
}

/**
 * The company file, open; the first time a handle is opened, its chain is compared with the head kept
 * outside it (the witness): what was found is logged, and kept for the writes to come.
 */
function opened(ctx: ServiceContext): Db {
  const db = ctx.file.db();
  const dir = ctx.file.witnessDir;
  if (dir) {
    try {
      const { check, first } = witnessOnOpen(db, dir, ctx.file.path, ctx.now());
      if (first && check.note) ctx.log.info(check.note);
      if (first && check.fault) ctx.log.error(`Contrôle à l’ouverture de ${ctx.file.path} : ${check.fault}`);
    } catch (err) {
      // The witness folder cannot be read or written: the file opens as it would without one.
      ctx.log.error(`Empreinte du dossier ${ctx.file.path} non comparée`, err);
    }
  }
  return db;
}

/**
 * A file whose chain disagrees with its witness (entries deleted, chain recomputed) is open for reading
 * (the journal, the check, the exports) but takes no write: each write would move its chain on and bury
 * what was found. Restoring it as a backup makes it a new file, with a new id, if the owner chooses to.
 */
function refuseIfWitnessDisagrees(ctx: ServiceContext, db: Db) {
  const dir = ctx.file.witnessDir;
  if (!dir) return;
  let fault: string | null = null;
  try {
    fault = witnessOnOpen(db, dir, ctx.file.path, ctx.now()).check.fault;
  } catch {
    // Already logged when the file was opened.
  }
  if (fault) {
    throw new AppError(
      'CONFLICT',
      `Ce dossier ne correspond plus à ce que cet ordinateur en a enregistré. ${fault} Rien n’y sera enregistré en l’état : lancez le contrôle d’intégrité du journal, et ouvrez plutôt votre dernière sauvegarde. Pour repartir de ce fichier tel qu’il est, restaurez-le comme une sauvegarde (Fichier › Restaurer une sauvegarde…) : il deviendra un nouveau dossier.`,
    );
  }
}

/** After a write transaction committed: the witness follows the chain's head. Never fails the operation. */
function committed(ctx: ServiceContext, db: Db) {
  const dir = ctx.file.witnessDir;
  if (!dir) return;
  try {
    witnessCommit(db, dir, ctx.file.path, ctx.now());
  } catch (err) {
    ctx.log.error(`Empreinte du dossier ${ctx.file.path} non enregistrée`, err);
  }
}

/** A write handler runs whole inside its transaction: one that awaited would commit half of its work. */
function inTransaction<T>(result: T, channel: string): T {
  if (result instanceof Promise) throw new Error(`Le traitement de ${channel} est asynchrone : il ne peut pas s’exécuter dans une transaction.`);
  return result;
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
