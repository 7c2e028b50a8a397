import { useEffect, useRef } from 'react';

/**
 * A document form's keys, wherever the focus is: Ctrl+S saves the draft, Ctrl+Entrée submits it (asks to
 * validate an invoice, issues a quote). The latest handlers are called, without re-binding at each render.
 */
export function useDraftShortcuts(onSave: () => unknown, onSubmit: () => unknown) {
  const saveRef = useRef(onSave);
  saveRef.current = onSave;
  const submitRef = useRef(onSubmit);
  submitRef.current = onSubmit;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey) return;
      if (e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveRef.current();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        void submitRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
