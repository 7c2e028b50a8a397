/**
 * The units a line may be sold in: UN/ECE Recommendation 20 codes (what an e-invoice carries, BT-130),
 * with the French word the documents print. `C62` (« unité ») is the default of a line without a unit.
 */
export const UNITS = {
  C62: { label: 'unité', short: 'u.' },
  HUR: { label: 'heure', short: 'h' },
  DAY: { label: 'jour', short: 'j' },
  WEE: { label: 'semaine', short: 'sem.' },
  MON: { label: 'mois', short: 'mois' },
  LS: { label: 'forfait', short: 'forfait' },
  MTR: { label: 'mètre', short: 'm' },
  MTK: { label: 'mètre carré', short: 'm²' },
  MTQ: { label: 'mètre cube', short: 'm³' },
  KGM: { label: 'kilogramme', short: 'kg' },
  TNE: { label: 'tonne', short: 't' },
  LTR: { label: 'litre', short: 'l' },
} as const satisfies Record<string, { label: string; short: string }>;

export type UnitCode = keyof typeof UNITS;
export const UNIT_CODES = Object.keys(UNITS) as [UnitCode, ...UnitCode[]];
export const DEFAULT_UNIT: UnitCode = 'C62';
