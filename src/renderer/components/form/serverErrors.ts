import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
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
