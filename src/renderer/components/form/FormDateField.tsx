import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Controller, type Control, type ControllerFieldState, type ControllerRenderProps, type FieldPath, type FieldValues } from 'react-hook-form';

type Props<T extends FieldValues> = {
  name: FieldPath<T>;
  control: Control<T>;
  label: string;
  helperText?: string;
};

/** A French date picker (JJ/MM/AAAA) whose form value is the API's "YYYY-MM-DD" string. */
export function FormDateField<T extends FieldValues>({ name, control, label, helperText }: Props<T>) {
  return <Controller name={name} control={control} render={({ field, fieldState }) => <DateInput field={field} fieldState={fieldState} label={label} helperText={helperText} />} />;
}

const INVALID = 'Date invalide : indiquez un jour qui existe, au format JJ/MM/AAAA.';

function DateInput<T extends FieldValues>({ field, fieldState, label, helperText }: { field: ControllerRenderProps<T, FieldPath<T>>; fieldState: ControllerFieldState; label: string; helperText?: string | undefined }) {
  const value = (field.value as string | undefined) ?? '';
  // The picker keeps what was typed, even a day that does not exist (31/02), so that it can say so; the
  // form holds "" for it. A value set from outside (a reset, a default) replaces what is shown.
  const [shown, setShown] = useState<Dayjs | null>(value ? dayjs(value) : null);
  const [emitted, setEmitted] = useState(value);
  if (value !== emitted) {
    setEmitted(value);
    setShown(value ? dayjs(value) : null);
  }
  const [pickerError, setPickerError] = useState<string | null>(null);
  return (
    <DatePicker
      label={label}
      value={shown}
      onChange={(d) => {
        const next = d && d.isValid() ? d.format('YYYY-MM-DD') : '';
        setShown(d);
        setEmitted(next);
        field.onChange(next);
      }}
      onError={(reason) => setPickerError(reason === 'invalidDate' ? INVALID : null)}
      inputRef={field.ref}
      slotProps={{
        textField: {
          name: field.name,
          onBlur: field.onBlur,
          error: Boolean(fieldState.error) || pickerError !== null,
          helperText: pickerError ?? dateMessage(fieldState.error?.message) ?? helperText,
          size: 'small',
          fullWidth: true,
        },
      }}
    />
  );
}

/** The API's date messages name its format (AAAA-MM-JJ); under this field the owner types JJ/MM/AAAA. */
function dateMessage(message: string | undefined): string | undefined {
  return message?.includes('AAAA-MM-JJ') ? 'Indiquez une date réelle, au format JJ/MM/AAAA.' : message;
}
