import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Company } from '../../../shared/domain/company';
import type { DocumentFacturxBatchResult, FacturxRefusal } from '../../../shared/domain/document';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/open';
import { renderPrintedDocument, type PdfDrawer } from '../documents/invoice-pdf';
import { writeFileAtomic } from '../files/atomic-write';
import { outputError, safeFileName } from '../files/output-target';
import type { JobHandle } from '../jobs';
import { creditNoteFacturx, facturxPrinted, invoiceFacturx } from './facturx';

interface BatchDocument {
  kind: FacturxRefusal['kind'];
  id: number;
  number: string;
}

/**
 * The validated documents of a period, by date then number: invoices (penalty invoices, series PEN,
 * are invoices too) and credit notes. Drafts have no number and no Factur-X.
 */
export function periodDocuments(db: Db, from: string, to: string): BatchDocument[] {
  return db
    .prepare(
      `SELECT kind, id, number FROM (
         SELECT 'invoice' AS kind, id, number, date FROM invoice WHERE state = 'validated' AND date BETWEEN @from AND @to
         UNION ALL
         SELECT 'creditNote' AS kind, id, number, date FROM credit_note WHERE state = 'validated' AND date BETWEEN @from AND @to
       ) ORDER BY date, number`,
    )
    .all({ from, to }) as BatchDocument[];
}

/** The folder the files go into: it must exist (the dialog chose it, or the CLI's user named it). */
function existingFolder(output: string): string {
  const folder = resolve(output);
  let isDir = false;
  try {
    isDir = statSync(folder).isDirectory();
  } catch {
    throw outputError(`Le dossier « ${folder} » n’existe pas : choisissez un dossier existant pour y enregistrer les fichiers Factur-X.`);
  }
  if (!isDir) throw outputError(`« ${folder} » est un fichier : choisissez un dossier pour y enregistrer les fichiers Factur-X.`);
  return folder;
}

/**
 * A period's Factur-X for the owner's platform: one file per validated document, drawn by the same code as
 * the single export (facturx.ts: the same XML, the same PDF/A-3, the same file name), each written
 * atomically (temp file, flushed, renamed). A document its data cannot make a valid Factur-X of (a French
 * business customer without SIREN…) is refused with the reason the single export gives, and the others
 * are still written. Anything else (the disk full, a folder that cannot be written) stops the batch.
 */
export async function exportFacturxBatch(
  db: Db,
  company: Company,
  req: { from: string; to: string; output: string },
  now: Date,
  draw: PdfDrawer | undefined,
  job?: JobHandle,
): Promise<DocumentFacturxBatchResult> {
  const folder = existingFolder(req.output);
  const documents = periodDocuments(db, req.from, req.to);
  job?.setTotal(documents.length);
  const files: string[] = [];
  const refused: FacturxRefusal[] = [];
  for (const [i, d] of documents.entries()) {
    let printed;
    try {
      printed = facturxPrinted(d.kind === 'invoice' ? invoiceFacturx(db, company, d.id) : creditNoteFacturx(db, company, d.id));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refused.push({ ...d, reason: err.message });
      job?.progress(i + 1);
      continue;
    }
    const { fileName, bytes } = await renderPrintedDocument(printed, now, draw);
    await writeFileAtomic(join(folder, safeFileName(fileName)), bytes);
    files.push(fileName);
    job?.progress(i + 1);
  }
  return { folder, count: files.length, files, refused };
}
