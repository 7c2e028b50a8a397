import { randomBytes } from 'node:crypto';
import { closeSync, createWriteStream, fsyncSync, openSync, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { documentFonts } from './fonts';
import { writeError } from './output';

export type Pdf = PDFKit.PDFDocument;

/** The names the drawing code uses for the two embedded fonts. */
export const FONT = { regular: 'Encours-Regular', bold: 'Encours-Bold' } as const;

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  /** The creation date written in the PDF (the service's clock, so tests get stable files). */
  createdAt: Date;
}

/**
 * Draws a document and writes it to `target` atomically: the PDF streams into a hidden temp file in the
 * same folder, is flushed to disk, then renamed over the target. A failure leaves the target as it was
 * (absent, or the previous version) and no temp file behind. Pages are buffered so `draw` can number
 * them (« Page 1/2 ») once it knows how many there are.
 */
export async function renderDocument(target: string, info: DocumentInfo, draw: (doc: Pdf) => void): Promise<string> {
  const dir = dirname(target);
  const tmp = join(dir, `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.partiel`);
  const fonts = documentFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    // No default font: pdfkit's Helvetica is loaded through a runtime require the bundle cannot follow,
    // and every document uses the embedded fonts anyway.
    font: '',
    lang: 'fr-FR',
    displayTitle: true,
    info: { Title: info.title, Author: info.author, Subject: info.subject, Creator: 'Encours', Producer: 'Encours', CreationDate: info.createdAt, ModDate: info.createdAt },
  });
  doc.registerFont(FONT.regular, fonts.regular);
  doc.registerFont(FONT.bold, fonts.bold);
  doc.font(FONT.regular);

  // Drawn before any file exists: a drawing error leaves nothing behind. pdfkit keeps what it produces
  // in its readable buffer until piped.
  draw(doc);

  let created = false;
  try {
    const stream = createWriteStream(tmp, { flags: 'wx' });
    created = true;
    const written = new Promise<void>((done, fail) => {
      stream.on('close', done);
      stream.on('error', fail);
      doc.on('error', fail);
    });
    doc.pipe(stream);
    doc.end();
    await written;
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
    return target;
  } catch (err) {
    if (created) {
      try {
        unlinkSync(tmp);
      } catch {
        // Already renamed, or never written.
      }
    }
    throw writeError(err, dir);
  }
}
