import { fileURLToPath } from 'node:url';

/** The repository root, computed from this file rather than hard-coded. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
