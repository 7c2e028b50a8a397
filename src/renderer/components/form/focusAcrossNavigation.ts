import { useEffect } from 'react';
import { useLocation } from 'react-router';

/*
 * A new draft saved opens under its own address: the field the owner was typing in keeps the focus there.
 */

/** The name of the form field that has the focus, to give it back after the page changes under it. */
export function focusedFieldName(): string | undefined {
  const el = document.activeElement;
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.name || undefined : undefined;
}

/** Gives the focus back to the field named in the navigation's state (see focusedFieldName). */
export function useFocusFromNavigation() {
  const location = useLocation();
  const focus = (location.state as { focus?: unknown } | null)?.focus;
  useEffect(() => {
    if (typeof focus !== 'string') return;
    const el = document.querySelector<HTMLElement>(`form [name="${CSS.escape(focus)}"]`);
    el?.focus();
  }, [focus]);
}
