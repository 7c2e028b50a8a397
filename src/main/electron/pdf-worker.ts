import type { ParentPort } from 'electron';
import { drawPdfHere } from '../core/documents/invoice-pdf';
import type { PrintedDocument } from '../core/documents/invoice-document';
import type { PdfReply, PdfRequest } from './pdf-process';

/**
 * The PDF process (pdf-process.ts forks it, one per document, with a time and memory budget): it draws the
 * document the main process sends, answers with the bytes, and is stopped. It opens no file and no window.
 */
export async function drawRequest(request: unknown): Promise<PdfReply> {
  const r = request as Partial<PdfRequest> | null;
  const createdAt = new Date(typeof r?.createdAt === 'string' ? r.createdAt : Number.NaN);
  if (!r || typeof r.document !== 'object' || r.document === null || Number.isNaN(createdAt.getTime())) {
    return { ok: false, message: 'demande illisible' };
  }
  try {
    return { ok: true, pdf: await drawPdfHere(r.document as PrintedDocument, createdAt) };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

/** Answers the one request of this process on its port to the main process. */
export function servePdfRequest(port: Pick<ParentPort, 'once' | 'postMessage'>): void {
  port.once('message', (event) => void drawRequest(event.data).then((reply) => port.postMessage(reply)));
}

// In the utility process Electron gives the port; imported by a test, there is none.
const parentPort = (process as { parentPort?: ParentPort }).parentPort;
if (parentPort) servePdfRequest(parentPort);
