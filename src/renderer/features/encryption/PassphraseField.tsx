import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import { useState } from 'react';
import type { Control, FieldPath, FieldValues } from 'react-hook-form';
import { FormTextField } from '../../components/form/FormTextField';

/** A passphrase field: hidden as it is typed, shown on demand (a long phrase is easier to check). */
export function PassphraseField<T extends FieldValues>({ name, control, label, autoFocus, autoComplete }: {
  name: FieldPath<T>;
  control: Control<T>;
  label: string;
  autoFocus?: boolean;
  autoComplete: 'current-password' | 'new-password';
}) {
  const [shown, setShown] = useState(false);
  return (
    <FormTextField
      name={name}
      control={control}
      label={label}
      type={shown ? 'text' : 'password'}
      autoFocus={autoFocus}
      autoComplete={autoComplete}
      fullWidth
      slotProps={{
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton onClick={() => setShown((s) => !s)} aria-label={shown ? `Masquer : ${label}` : `Afficher : ${label}`} edge="end">
                {shown ? <VisibilityOff /> : <Visibility />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
