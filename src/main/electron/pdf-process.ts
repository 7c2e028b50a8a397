import type { ForkOptions, UtilityProcess } from 'electron';
import { AppError } from '../../shared/errors';
import type { Logger } from '../core/context';
import type { PdfDrawer } from '../core/documents/invoice-pdf';
import type { PrintedDocument } from '../core/documents/invoice-document';

/** What the main process sends the PDF process (pdf-worker.ts), and what it answers. */
export interface PdfRequest {
  document: PrintedDocument;
  /** ISO instant written in the PDF as its creation date. */
  createdAt: string;
}
export type PdfReply = { ok: true; pdf: Uint8Array } | { ok: false; message: string };

export interface PdfBudget {
  /** How long one document may take to draw before its process is stopped. */
  timeoutMs: number;
  /** The V8 heap of the process (--max-old-space-size), in MB: past it the process dies, not the app. */
  maxOldSpaceMB: number;
  /** Documents drawn at the same time; the others wait their turn. */
  concurrency: number;
}

/** A normal document draws in a fraction of a second and a few tens of MB. */
export const PDF_BUDGET: PdfBudget = { timeoutMs: 30_000, maxOldSpaceMB: 512, concurrency: 2 };

type Fork = (modulePath: string, args?: string[], options?: ForkOptions) => Pick<UtilityProcess, 'on' | 'once' | 'postMessage' | 'kill'>;

/**
 * Draws each document in a utility process of its own (`utilityProcess.fork` of pdf-worker.cjs): a document
 * that takes too long or too much memory stops that process, never the main one, and the owner gets a
 * French refusal saying what to shorten. `fork` is Electron's (passed in, so a test can fake it).
 */
export function utilityPdfDrawer(fork: Fork, modulePath: string, log: Logger, budget: PdfBudget = PDF_BUDGET): PdfDrawer {
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = () => {
    if (running < budget.concurrency) {
      running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  // A slot freed goes straight to the next document waiting, if any.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  const drawOne = (document: PrintedDocument, createdAt: Date) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const child = fork(modulePath, [], {
        execArgv: [`--max-old-space-size=${budget.maxOldSpaceMB}`],
        serviceName: 'Encours — documents PDF',
        stdio: 'ignore',
      });
      let settled = false;
      const finish = (outcome: { bytes: Uint8Array } | { error: Error }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.kill();
        if ('bytes' in outcome) resolve(outcome.bytes);
        else reject(outcome.error);
      };
      const timer = setTimeout(() => {
        log.error(`document PDF « ${document.fileName} » : arrêté après ${budget.timeoutMs} ms`);
        finish({ error: tooLong(`n’a pas pu être préparé en ${Math.round(budget.timeoutMs / 1000)} secondes`) });
      }, budget.timeoutMs);
      child.once('message', (reply: PdfReply) => {
        if (reply?.ok === true && reply.pdf instanceof Uint8Array) finish({ bytes: reply.pdf });
        // A failure while drawing is a fault of ours: an INTERNAL incident, logged by dispatch.
        else finish({ error: new Error(`Processus PDF : ${reply?.ok === false ? reply.message : 'réponse illisible'}`) });
      });
      child.once('exit', (code: number) => {
        if (settled) return;
        log.error(`document PDF « ${document.fileName} » : processus arrêté (code ${code})`);
        finish({ error: tooLong(`a dépassé la mémoire réservée à sa préparation (${budget.maxOldSpaceMB} Mo)`) });
      });
      child.once('spawn', () => child.postMessage({ document, createdAt: createdAt.toISOString() } satisfies PdfRequest));
    });

  return async (document, createdAt) => {
    await acquire();
    try {
      return await drawOne(document, createdAt);
    } finally {
      release();
    }
  };
}

function tooLong(what: string): AppError {
  return new AppError(
    'VALIDATION',
    `Le document ${what} : il est sans doute trop long. Raccourcissez ses textes (descriptions, notes, modèle de lettre) puis réessayez.`,
  );
}
