import { useEffect } from 'react';
import { useNavigate } from 'react-router';

/** Ctrl+N (⌘N) opens a new invoice from anywhere in the app (ux.md, Keyboard). */
export function NewInvoiceShortcut() {
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        void navigate('/factures/nouvelle');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
  return null;
}
