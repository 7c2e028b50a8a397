import type { FieldErrors, FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import { AppError } from '../../../shared/errors';

/**
 * Puts the main process's `fieldErrors` under the matching fields. Returns the fields it could place;
 * what is left (a domain refusal, an unknown field) is for a dialog.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  knownFields: readonly string[],
): string[] {
  if (!(error instanceof AppError) || !error.fieldErrors) return [];
  const placed: string[] = [];
  for (const [field, message] of Object.entries(error.fieldErrors)) {
    if (knownFields.includes(field)) {
      setError(field as FieldPath<T>, { type: 'server', message });
      placed.push(field);
    }
  }
  return placed;
}

export function errorMessage(error: unknown): string {
  if (error instanceof AppError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Une erreur inattendue s’est produite.';
}

/** A flat "a.0.b" → message map (zod issues, fieldErrors) as react-hook-form's nested errors, for resolvers. */
export function nestErrors<T extends FieldValues>(flat: Record<string, string>): FieldErrors<T> {
  const out: Record<string, unknown> = {};
  for (const [path, message] of Object.entries(flat)) {
    const keys = path.split('.');
    let node = out;
    keys.forEach((k, n) => {
      if (n === keys.length - 1) node[k] ??= { type: 'validate', message };
      else node = (node[k] ??= /^\d+$/.test(keys[n + 1] ?? '') ? [] : {}) as Record<string, unknown>;
    });
  }
  return out as FieldErrors<T>;
}
