import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import dayjs from 'dayjs';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

type Props<T extends FieldValues> = {
  name: FieldPath<T>;
  control: Control<T>;
  label: string;
  helperText?: string;
};

/** A French date picker (JJ/MM/AAAA) whose form value is the API's "YYYY-MM-DD" string. */
export function FormDateField<T extends FieldValues>({ name, control, label, helperText }: Props<T>) {
  return (
    <Controller
      name={name}
      control={control}
      render={({ field, fieldState }) => (
        <DatePicker
          label={label}
          value={field.value ? dayjs(field.value as string) : null}
          onChange={(d) => field.onChange(d && d.isValid() ? d.format('YYYY-MM-DD') : '')}
          inputRef={field.ref}
          slotProps={{
            textField: {
              name: field.name,
              onBlur: field.onBlur,
              error: Boolean(fieldState.error),
              helperText: fieldState.error?.message ?? helperText,
              size: 'small',
              fullWidth: true,
            },
          }}
        />
      )}
    />
  );
}
