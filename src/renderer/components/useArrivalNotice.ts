import { useState } from 'react';
import { useLocation } from 'react-router';

/**
 * What the screen that navigated here wants said (its navigation state): « Facture F2026-00001 validée »,
 * « Devis D2026-00001 émis », the warnings of a save. A new navigation brings its own notice.
 */
export function useArrivalNotice() {
  const location = useLocation();
  const state = (location.state ?? {}) as { notice?: string; warnings?: string[] };
  const [notice, setNotice] = useState<string | null>(state.notice ?? null);
  const [seenKey, setSeenKey] = useState(location.key);
  if (seenKey !== location.key) {
    setSeenKey(location.key);
    setNotice(state.notice ?? null);
  }
  return { notice, clear: () => setNotice(null), warnings: state.warnings ?? [] };
}
