/**
 * The renderer's Content-Security-Policy, the same for the app (app:// protocol) and the harness: only the
 * app's own files, no remote content, no eval, no plugins, no framing. Inline styles are allowed because
 * MUI's emotion injects them; scripts never.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  // The app draws no frame (the PDF preview paints canvases, printing uses images): none may load.
  "frame-src 'none'",
].join('; ');
