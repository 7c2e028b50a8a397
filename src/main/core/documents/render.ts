import PDFDocument from 'pdfkit';
import { documentFonts } from './fonts';

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
 * Draws a document and returns the PDF's bytes, in memory: the one code path every document takes,
 * whether it is then written to a file (files/atomic-write.ts) or sent to the renderer (`document.render`).
 * Pages are buffered so `draw` can number them (« Page 1/2 ») once it knows how many there are.
 */
export async function renderPdfBytes(info: DocumentInfo, draw: (doc: Pdf) => void): Promise<Buffer> {
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

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}
