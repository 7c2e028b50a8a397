// Injected by build-main.mjs into the CommonJS main bundle, where import.meta is empty: bundled ES
// modules that read import.meta.url (pdfkit resolves a data path with it as it loads) get the bundle's.
import { pathToFileURL } from 'node:url';

export const importMetaUrl = pathToFileURL(__filename).href;
