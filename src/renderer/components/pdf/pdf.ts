import type * as PdfJsModule from 'pdfjs-dist';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

type PdfJs = typeof PdfJsModule;

let loading: Promise<PdfJs> | null = null;

/**
 * pdf.js, loaded on first use (it is large and most screens never show a PDF). Its worker is a file of
 * the app's own bundle (Vite `?url`), so it loads from app://encours in Electron and from the harness
 * alike, under the CSP's `script-src 'self'`: nothing remote, no blob worker.
 */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
    return pdfjs;
  });
  return loading;
}

/** The bytes of a base64 string (what `document.render` sends). */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Opens a PDF from memory. Our documents embed their fonts (DejaVu, subset by pdfkit), so pdf.js needs
 * neither CMaps nor its standard fonts, and nothing is fetched: no URL is given for them, system fonts
 * are not substituted, WebAssembly decoders and compiled glyph paths (eval, which the CSP refuses) are off.
 */
export function openPdf(bytes: Uint8Array): { promise: Promise<PDFDocumentProxy>; destroy: () => void } {
  let destroyed = false;
  let task: { destroy: () => Promise<void> } | null = null;
  const promise = loadPdfJs().then((pdfjs) => {
    if (destroyed) throw new Error('Aperçu fermé.');
    // pdf.js transfers the buffer to its worker: give it a copy, the caller keeps the bytes to save.
    const loading = pdfjs.getDocument({ data: bytes.slice(), useSystemFonts: false, useWasm: false, isEvalSupported: false, stopAtErrors: true });
    task = loading;
    return loading.promise;
  });
  return {
    promise,
    destroy: () => {
      destroyed = true;
      void task?.destroy();
    },
  };
}

export async function allPages(doc: PDFDocumentProxy): Promise<PDFPageProxy[]> {
  return Promise.all(Array.from({ length: doc.numPages }, (_, i) => doc.getPage(i + 1)));
}

/** Renders a page on a canvas at `scale` (1 = 72 dpi); resolves when drawn, rejects if cancelled. */
export function renderPage(page: PDFPageProxy, canvas: HTMLCanvasElement, scale: number): { promise: Promise<void>; cancel: () => void } {
  const viewport = page.getViewport({ scale });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  const task = page.render({ canvas, viewport, background: '#ffffff' });
  return { promise: task.promise, cancel: () => task.cancel() };
}

/** Print resolution: 150 dpi is sharp on paper and keeps an A4 page under 2 million pixels. */
export const PRINT_SCALE = 150 / 72;

/** Each page as a PNG blob at print resolution, in order. */
export async function pageImages(pages: PDFPageProxy[]): Promise<Blob[]> {
  const out: Blob[] = [];
  for (const page of pages) {
    const canvas = document.createElement('canvas');
    await renderPage(page, canvas, PRINT_SCALE).promise;
    out.push(
      await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('Impossible de préparer la page pour l’impression.'))), 'image/png')),
    );
  }
  return out;
}

/** Offers the bytes as a download under `fileName` (Electron asks where to save it: window.ts). */
export function downloadPdf(bytes: Uint8Array<ArrayBuffer>, fileName: string): void {
  downloadFile(bytes, fileName, 'application/pdf');
}

/**
 * Saves what the main process made (a PDF's bytes, a CSV's text) under its name: in Electron the download
 * opens the system's save dialog (window.ts, onWillDownload), in a browser it is an ordinary download.
 */
export function downloadFile(content: Uint8Array<ArrayBuffer> | string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started from the URL; it can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
