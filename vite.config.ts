import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const lib = (names: string) => new RegExp(`[\\\\/]node_modules[\\\\/](${names})[\\\\/]`);
/** pdf.js (the PDF preview) is imported on demand on its own: no group takes it. */
const notPdf = (id: string) => !/[\\/]node_modules[\\/]pdfjs-dist[\\/]/.test(id);

// The renderer is a static bundle: served by the app:// protocol in Electron, by the harness in tests.
export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      output: {
        // The entry, boot.ts, is small: it asks for the company and the screen of the address, then loads
        // the app (main.tsx). Each screen is a chunk (routes.ts). The libraries go in a few large chunks
        // rather than dozens of small ones: a browser fetches six files at a time from one host, and the
        // first screen's data waited behind them. The data grid, the date pickers and the charts stay
        // apart, so that a screen loads only those it shows; the PDF reader is its own import already.
        codeSplitting: {
          groups: [
            { name: 'boot', tags: ['$initial'], test: notPdf, priority: 10 },
            { name: 'react', test: lib('react|react-dom|scheduler|react-router|cookie|set-cookie-parser'), priority: 9 },
            { name: 'mui', test: lib('@mui[\\/](material|system|utils|styled-engine|private-theming|icons-material|x-internals)|@emotion|@popperjs|@base-ui|react-transition-group|dom-helpers|reselect|use-sync-external-store|clsx|prop-types|react-is|@babel'), priority: 8 },
            { name: 'grid', test: lib('@mui[\\/](x-data-grid|x-virtualizer)'), priority: 5 },
            { name: 'pickers', test: lib('@mui[\\/]x-date-pickers'), priority: 5 },
            { name: 'charts', test: lib('@mui[\\/]x-charts[^\\/]*|@mui[\\/]x-internal-gestures|d3-[^\\/]+|internmap|flatqueue|bezier-easing'), priority: 5 },
            { name: 'forms', test: lib('zod|react-hook-form|@hookform'), priority: 4 },
            { name: 'libs', test: (id) => /[\\/]node_modules[\\/]/.test(id) && notPdf(id), priority: 1 },
            { name: 'app', test: /[\\/]src[\\/]renderer[\\/](components|lib)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
