import type { z } from 'zod';
import { AppError, type FieldErrors } from '../../shared/errors';

/** A zod failure as the French VALIDATION error forms understand: one message per field path. */
export function validationError(error: z.ZodError): AppError {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key].join('.');
        fieldErrors[path] ??= `Champ inconnu : « ${key} ». Retirez-le de la demande.`;
      }
      continue;
    }
    const path = issue.path.map(String).join('.');
    fieldErrors[path] ??= issue.message;
  }
  const entries = Object.entries(fieldErrors);
  const first = entries[0];
  const summary =
    first === undefined
      ? 'La demande est invalide.'
      : entries.length === 1
        ? `Information à corriger — ${labelOf(first[0])} : ${first[1]}`
        : `${entries.length} informations à corriger. ${labelOf(first[0])} : ${first[1]}`;
  return new AppError('VALIDATION', summary, fieldErrors);
}

function labelOf(path: string): string {
  return path === '' ? 'demande' : `« ${path} »`;
}

/** Parses with a schema or throws the VALIDATION error above. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
