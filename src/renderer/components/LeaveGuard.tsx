import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useRef } from 'react';
import { useBlocker } from 'react-router';

/**
 * Asks before the owner leaves a form with unsaved changes for another page (the menu, a link, Ctrl+N):
 * nothing typed is lost silently. `allow()` lets the form's own navigations through (after a save).
 */
export function useLeaveGuard(dirty: boolean, what: string) {
  const allowed = useRef(false);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && !allowed.current && currentLocation.pathname !== nextLocation.pathname);
  const dialog = (
    <Dialog open={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} aria-labelledby="leave-title" maxWidth="xs" fullWidth>
      <DialogTitle id="leave-title">Quitter sans enregistrer ?</DialogTitle>
      <DialogContent>
        <DialogContentText>{`${what} a des modifications qui ne sont pas enregistrées : elles seront perdues.`}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => blocker.reset?.()} autoFocus>
          Rester sur la page
        </Button>
        <Button color="error" onClick={() => blocker.proceed?.()}>
          Quitter sans enregistrer
        </Button>
      </DialogActions>
    </Dialog>
  );
  return {
    dialog,
    /** Lets the next navigation through (the form saved, or validated, what was typed). */
    allow: () => {
      allowed.current = true;
    },
  };
}
