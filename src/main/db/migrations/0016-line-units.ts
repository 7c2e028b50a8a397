import type { Migration } from './types';

/**
 * The unit a line is sold in (UN/ECE Rec. 20 code: HUR, DAY, MTK…), printed beside the quantity and carried
 * by the e-invoice (BT-130). NULL on the lines written before, and on lines typed without a unit: they
 * print as they always did, and their digest in the hash chain is unchanged.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'line-units',
  up(db) {
    db.exec(`ALTER TABLE invoice_line ADD COLUMN unit TEXT CHECK (unit IS NULL OR unit <> '');`);
  },
};
