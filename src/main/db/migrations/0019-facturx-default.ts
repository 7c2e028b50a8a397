import type { Migration } from './types';

/**
 * Factur-X as the default: once the owner ticks it in Paramètres › Entreprise, the preview's main save
 * button writes the Factur-X (PDF/A-3 carrying the EN 16931 XML) and the plain PDF stays offered beside it.
 * One column of the company row, 0 (off) for every file written before.
 * Numbered 19: 17 and 18 are taken by work on other branches.
 */
export const migration0019: Migration = {
  version: 19,
  name: 'facturx-default',
  up(db) {
    db.exec(`ALTER TABLE company ADD COLUMN facturx_default INTEGER NOT NULL DEFAULT 0 CHECK (facturx_default IN (0, 1));`);
  },
};
