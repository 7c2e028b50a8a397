import CloseIcon from '@mui/icons-material/Close';
import DownloadIcon from '@mui/icons-material/Download';
import PrintIcon from '@mui/icons-material/Print';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import GlobalStyles from '@mui/material/GlobalStyles';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { DocumentRenderRequest } from '../../../shared/domain/document';
import { call } from '../../lib/ipc';
import { useCompany } from '../../features/company/api';
import { allPages, base64ToBytes, downloadPdf, loadPdfJs, openPdf, pageImages, renderPage } from './pdf';

export type { DocumentRenderRequest };

/** Width of a page on screen, in CSS pixels (A4 at about 100 %). */
const PAGE_CSS_WIDTH = 820;
const PRINT_ROOT_CLASS = 'encours-print-root';

/**
 * While a preview is open, printing shows its pages and nothing of the app: the pages are images in a
 * container that only exists for print, each filling one A4 sheet.
 */
const printStyles = (
  <GlobalStyles
    styles={{
      [`.${PRINT_ROOT_CLASS}`]: { display: 'none' },
      '@media print': {
        '@page': { size: 'A4', margin: 0 },
        'html, body': { margin: 0, padding: 0, background: '#fff' },
        [`body > *:not(.${PRINT_ROOT_CLASS})`]: { display: 'none !important' },
        [`.${PRINT_ROOT_CLASS}`]: { display: 'block' },
        [`.${PRINT_ROOT_CLASS} img`]: { display: 'block', width: '210mm', height: '297mm', breakAfter: 'page', pageBreakAfter: 'always' },
        [`.${PRINT_ROOT_CLASS} img:last-child`]: { breakAfter: 'auto', pageBreakAfter: 'auto' },
      },
    }}
  />
);

function PageCanvas({ page, index, count }: { page: PDFPageProxy; index: number; count: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [rendered, setRendered] = useState(false);
  const base = page.getViewport({ scale: 1 });
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    setRendered(false);
    const scale = (PAGE_CSS_WIDTH / base.width) * (window.devicePixelRatio || 1);
    const job = renderPage(page, canvas, scale);
    job.promise.then(
      () => setRendered(true),
      () => undefined, // Cancelled: the dialog closed or the page changed.
    );
    return () => job.cancel();
  }, [page, base.width]);
  return (
    <Box
      component="canvas"
      ref={ref}
      role="img"
      aria-label={`Page ${index + 1} sur ${count}`}
      data-testid="pdf-page"
      data-rendered={rendered ? 'true' : 'false'}
      sx={{ display: 'block', width: '100%', maxWidth: PAGE_CSS_WIDTH, aspectRatio: `${base.width} / ${base.height}`, bgcolor: '#fff', boxShadow: 4, borderRadius: 0.5 }}
    />
  );
}

function messageOf(err: unknown): string {
  return err instanceof Error && err.message ? err.message : 'Le document n’a pas pu être préparé.';
}

/**
 * A document as it will be printed, rendered in the app from the PDF the main process draws
 * (`document.render`): « Imprimer » (also Ctrl+P) prints exactly these pages, « Enregistrer en PDF »
 * saves the same bytes under the document's standard name.
 */
export function PdfPreviewDialog({
  open,
  onClose,
  title,
  request,
  facturx = false,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  request: DocumentRenderRequest | null;
  /** Offers « Enregistrer en Factur-X » too: a validated invoice, credit note or penalty invoice. */
  facturx?: boolean;
}) {
  const rendered = useQuery({
    // Under « receivables »: anything that posts refreshes it (an invoice paid, a credit note…).
    queryKey: ['receivables', 'document', request],
    queryFn: () => call('document.render', request as DocumentRenderRequest),
    enabled: open && request !== null,
    gcTime: 0,
  });
  const bytes = useMemo(() => (rendered.data ? base64ToBytes(rendered.data.pdf) : null), [rendered.data]);
  const [doc, setDoc] = useState<{ pdf: PDFDocumentProxy; pages: PDFPageProxy[] } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const printRoot = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    if (!open || !bytes) return;
    let cancelled = false;
    const opening = openPdf(bytes);
    setLoadError(null);
    opening.promise
      .then(async (pdf) => {
        const pages = await allPages(pdf);
        if (!cancelled) setDoc({ pdf, pages });
      })
      .catch((err: unknown) => {
        if (!cancelled) setLoadError(`Le PDF n’a pas pu être affiché : ${messageOf(err)}`);
      });
    return () => {
      cancelled = true;
      setDoc(null);
      opening.destroy();
    };
  }, [open, bytes]);

  // The print images belong to the document shown: gone with it.
  useEffect(() => {
    return () => {
      const root = printRoot.current;
      if (!root) return;
      for (const img of Array.from(root.querySelectorAll('img'))) URL.revokeObjectURL(img.src);
      root.remove();
      printRoot.current = null;
    };
  }, [doc]);

  const ready = doc !== null && rendered.data !== undefined && bytes !== null;

  const print = useCallback(async () => {
    if (!doc || printing) return;
    setPrinting(true);
    try {
      let root = printRoot.current;
      if (!root) {
        const blobs = await pageImages(doc.pages);
        root = document.createElement('div');
        root.className = PRINT_ROOT_CLASS;
        root.setAttribute('aria-hidden', 'true');
        root.dataset.testid = 'pdf-print-pages';
        for (const [i, blob] of blobs.entries()) {
          const img = document.createElement('img');
          img.alt = `Page ${i + 1}`;
          img.src = URL.createObjectURL(blob);
          root.appendChild(img);
        }
        document.body.appendChild(root);
        printRoot.current = root;
        await Promise.all(Array.from(root.querySelectorAll('img')).map((img) => img.decode()));
      }
      window.print();
    } catch (err) {
      setLoadError(`L’impression n’a pas pu être préparée : ${messageOf(err)}`);
    } finally {
      setPrinting(false);
    }
  }, [doc, printing]);

  const save = useCallback(() => {
    if (bytes && rendered.data) downloadPdf(bytes, rendered.data.fileName);
  }, [bytes, rendered.data]);

  // Factur-X: the same pages as a PDF/A-3 carrying the EN 16931 XML, drawn on demand (it is refused,
  // with what to complete, when the customer's file lacks what a platform needs).
  const [savingFacturx, setSavingFacturx] = useState(false);
  const [facturxError, setFacturxError] = useState<string | null>(null);
  useEffect(() => setFacturxError(null), [request]);
  const saveFacturx = useCallback(async () => {
    if (!request || savingFacturx) return;
    setSavingFacturx(true);
    setFacturxError(null);
    try {
      const r = await call('document.render', { ...request, format: 'facturx' });
      downloadPdf(base64ToBytes(r.pdf), r.fileName);
    } catch (err) {
      setFacturxError(messageOf(err));
    } finally {
      setSavingFacturx(false);
    }
  }, [request, savingFacturx]);

  // Ctrl+P prints the document shown, never the screen behind it.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        e.stopPropagation();
        void print();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open, print]);

  // Factur-X as the default (Paramètres › Entreprise): its button comes first, filled, the plain PDF beside it.
  const company = useCompany();
  const facturxFirst = facturx && company.data?.facturxDefault === true;
  const facturxButton = (
    <Button
      variant={facturxFirst ? 'contained' : 'outlined'}
      color={facturxFirst ? 'secondary' : 'primary'}
      startIcon={savingFacturx ? <CircularProgress size={18} color="inherit" /> : <DownloadIcon />}
      onClick={() => void saveFacturx()}
      disabled={!ready || savingFacturx}
      data-testid="pdf-save-facturx"
      data-default={facturxFirst ? 'true' : 'false'}
      title="Facture électronique : le PDF avec ses données EN 16931 (factur-x.xml), pour une plateforme agréée"
    >
      Enregistrer en Factur-X
    </Button>
  );

  const error = rendered.error ? messageOf(rendered.error) : loadError;
  const count = doc?.pages.length ?? 0;

  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="lg"
      aria-labelledby="pdf-preview-title"
      data-testid="pdf-preview"
      slotProps={{ paper: { sx: { height: '94vh', bgcolor: 'grey.100' } } }}
    >
      {open && printStyles}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 3, py: 1.5, bgcolor: 'background.paper', borderBottom: 1, borderColor: 'divider', flexWrap: 'wrap' }}>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Typography variant="h3" component="h2" id="pdf-preview-title" noWrap>
            {title}
          </Typography>
          <Typography variant="body2" color="text.secondary" noWrap data-testid="pdf-file-name">
            {rendered.data ? `${rendered.data.fileName}${count ? ` · ${count} page${count > 1 ? 's' : ''}` : ''}` : 'Aperçu avant impression'}
          </Typography>
        </Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Button
            variant="contained"
            startIcon={printing ? <CircularProgress size={18} color="inherit" /> : <PrintIcon />}
            onClick={() => void print()}
            disabled={!ready || printing}
            data-testid="pdf-print"
            title="Imprimer (Ctrl+P)"
          >
            Imprimer
          </Button>
          {facturxFirst && facturxButton}
          <Button variant="outlined" startIcon={<DownloadIcon />} onClick={save} disabled={!ready} data-testid="pdf-save">
            Enregistrer en PDF
          </Button>
          {facturx && !facturxFirst && facturxButton}
          <IconButton onClick={onClose} aria-label="Fermer l’aperçu">
            <CloseIcon />
          </IconButton>
        </Stack>
      </Box>
      <DialogContent sx={{ p: { xs: 1.5, sm: 3 }, bgcolor: 'grey.200' }}>
        {facturxError && (
          <Alert severity="warning" sx={{ maxWidth: 720, mx: 'auto', mb: 2 }} data-testid="facturx-error" onClose={() => setFacturxError(null)}>
            {facturxError}
          </Alert>
        )}
        {error ? (
          <Alert severity="error" sx={{ maxWidth: 720, mx: 'auto' }} data-testid="pdf-error">
            {error}
          </Alert>
        ) : !doc ? (
          <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 2, pt: 10 }}>
            <CircularProgress aria-label="Préparation du document" />
            <Typography color="text.secondary">Préparation du document…</Typography>
          </Box>
        ) : (
          <Stack spacing={3} sx={{ alignItems: 'center' }} data-testid="pdf-pages">
            {doc.pages.map((page, i) => (
              <PageCanvas key={i} page={page} index={i} count={count} />
            ))}
          </Stack>
        )}
      </DialogContent>
    </Dialog>
  );
}

/** A document a screen shows: Ctrl+P there opens its preview (ux.md: Ctrl+P prints). */
export interface ShownDocument {
  request: DocumentRenderRequest;
  title: string;
  /** Offers « Enregistrer en Factur-X » (a validated invoice, credit note or penalty invoice). */
  facturx?: boolean;
}

/**
 * The preview dialog and a function that opens it:
 * `const preview = usePdfPreview(); … preview.show({ kind: 'invoice', id }, 'Facture F2026-00001'); … {preview.dialog}`.
 * With `shown`, Ctrl+P on the screen opens that document's preview (and, once open, prints it).
 */
export function usePdfPreview(shown?: ShownDocument | null): {
  show: (request: DocumentRenderRequest, title: string, options?: { facturx?: boolean }) => void;
  dialog: ReactElement;
} {
  const [state, setState] = useState<{ open: boolean; title: string; request: DocumentRenderRequest | null; facturx: boolean }>({ open: false, title: '', request: null, facturx: false });
  const show = useCallback(
    (request: DocumentRenderRequest, title: string, options?: { facturx?: boolean }) => setState({ open: true, title, request, facturx: options?.facturx ?? false }),
    [],
  );
  const close = useCallback(() => setState((s) => ({ ...s, open: false })), []);
  const shownKey = shown ? JSON.stringify(shown) : null;
  // A screen that can preview loads pdf.js while the user reads it: the first preview opens sooner.
  useEffect(() => {
    const idle = window.setTimeout(() => void loadPdfJs().catch(() => undefined), 1500);
    return () => window.clearTimeout(idle);
  }, []);
  useEffect(() => {
    if (!shownKey || state.open) return;
    const doc = JSON.parse(shownKey) as ShownDocument;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        show(doc.request, doc.title, { facturx: doc.facturx ?? false });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shownKey, state.open, show]);
  const dialog = <PdfPreviewDialog open={state.open} onClose={close} title={state.title} request={state.request} facturx={state.facturx} />;
  return { show, dialog };
}
