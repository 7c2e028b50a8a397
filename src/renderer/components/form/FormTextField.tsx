import Box from '@mui/material/Box';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { Controller, get, useFormState, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

type Props<T extends FieldValues> = Omit<TextFieldProps, 'name' | 'value' | 'onChange' | 'error'> & {
  name: FieldPath<T>;
  control: Control<T>;
  /**
   * The field is too narrow for a sentence (a column of a line): it turns red, and its message is said
   * at the form's width by whoever shows it (FieldErrorsBelow), not squeezed under it.
   */
  errorBelow?: boolean;
};

/** A TextField bound to react-hook-form: the error under the field, whether it comes from zod or the main process. */
export function FormTextField<T extends FieldValues>({ name, control, helperText, errorBelow = false, ...rest }: Props<T>) {
  return (
    <Controller
      name={name}
      control={control}
      render={({ field, fieldState }) => (
        <TextField
          {...rest}
          name={field.name}
          inputRef={field.ref}
          value={field.value ?? ''}
          onChange={field.onChange}
          onBlur={field.onBlur}
          error={Boolean(fieldState.error)}
          helperText={errorBelow ? helperText : (fieldState.error?.message ?? helperText)}
        />
      )}
    />
  );
}

/**
 * The messages of narrow fields (FormTextField errorBelow), each after its label, at the width of the
 * row they sit in: one sentence on one line rather than five under a 90-pixel column.
 */
export function FieldErrorsBelow<T extends FieldValues>({ control, fields }: { control: Control<T>; fields: { name: FieldPath<T>; label: string }[] }) {
  const { errors } = useFormState({ control, name: fields.map((f) => f.name) });
  const said = fields.flatMap((f) => {
    const message = (get(errors, f.name) as { message?: unknown } | undefined)?.message;
    return typeof message === 'string' && message ? [{ ...f, message }] : [];
  });
  if (said.length === 0) return null;
  return (
    <Box role="alert" sx={{ mt: 1, display: 'grid', gap: 0.25 }} data-testid="field-errors-below">
      {said.map((e) => (
        <Typography key={e.name} variant="caption" color="error" component="p" sx={{ m: 0 }}>
          {e.message.startsWith(e.label) ? e.message : `${e.label} : ${e.message}`}
        </Typography>
      ))}
    </Box>
  );
}
