import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { errorMessage } from './form/serverErrors';

interface Props {
  /** The folder the main process's dialog gave (shown, never typed). */
  path: string;
  placeholder?: string;
  /** What goes there, said under the field. */
  hint: string;
  /** The main process's refusal of the folder (not writable…). */
  fieldError?: string | undefined;
  /** The folder's one-use token was spent by an export: it must be chosen again. */
  spent: boolean;
  running: boolean;
  picking: boolean;
  pickError: unknown;
  onPick: () => void;
}

/** A destination folder for an export: read-only, chosen through the main process's dialog (« Choisir… »). */
export function FolderChoice({ path, placeholder, hint, fieldError, spent, running, picking, pickError, onPick }: Props) {
  return (
    <>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
        <TextField
          label="Dossier de destination"
          value={path}
          placeholder={placeholder}
          slotProps={{ htmlInput: { readOnly: true } }}
          disabled={running}
          error={Boolean(fieldError)}
          helperText={fieldError ? `${fieldError} Choisissez un autre dossier.` : spent ? 'Choisissez de nouveau le dossier.' : hint}
          fullWidth
        />
        <Button variant="outlined" onClick={onPick} disabled={running} loading={picking} sx={{ mt: 1, flexShrink: 0 }}>
          Choisir…
        </Button>
      </Box>
      {Boolean(pickError) && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {errorMessage(pickError)}
        </Alert>
      )}
    </>
  );
}
