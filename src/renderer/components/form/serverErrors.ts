import { useEffect, useRef } from 'react';
import type { FieldErrors, FieldPath, FieldValues, Resolver, UseFormClearErrors, UseFormGetFieldState, UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';

/**
 * Where a request's field goes in the form: the fields that keep the request's own paths, or a function
 * from a request path ("allocations.1.amount") to the form's field (null: not a field of this form).
 */
export type FieldMap = readonly string[] | ((path: string) => string | null);

const fieldOf = (fields: FieldMap, path: string) => (typeof fields === 'function' ? fields(path) : fields.includes(path) ? path : null);

/**
 * Puts the main process's `fieldErrors` under the matching fields. Returns the fields it could place;
 * what is left (a domain refusal, an unknown field) is for a dialog.
 */
export function applyServerErrors<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: FieldMap, type = 'server'): string[] {
  if (!(error instanceof AppError) || !error.fieldErrors) return [];
  const placed: string[] = [];
  for (const [path, message] of Object.entries(error.fieldErrors)) {
    const field = fieldOf(fields, path);
    if (field) {
      setError(field as FieldPath<T>, { type, message });
      placed.push(field);
    }
  }
  return placed;
}

/**
 * A preview's refusal under the fields it names, for as long as it stands: the errors it placed go when
 * the next preview comes (an error the user's own typing set is left alone). Returns whether the
 * refusal's message is the one now under a field, so the panel need not say it twice.
 */
export function usePreviewFieldErrors<T extends FieldValues>(
  refusal: AppError | null,
  form: { setError: UseFormSetError<T>; clearErrors: UseFormClearErrors<T>; getFieldState: UseFormGetFieldState<T> },
  fields: FieldMap,
): boolean {
  const placed = useRef<string[]>([]);
  const { setError, clearErrors, getFieldState } = form;
  const mapRef = useRef(fields);
  mapRef.current = fields;
  useEffect(() => {
    const stale = placed.current.filter((f) => getFieldState(f as FieldPath<T>).error?.type === 'preview');
    if (stale.length > 0) clearErrors(stale as FieldPath<T>[]);
    placed.current = applyServerErrors(refusal, setError, mapRef.current, 'preview');
  }, [refusal, setError, clearErrors, getFieldState]);
  return Boolean(refusal?.fieldErrors && Object.entries(refusal.fieldErrors).some(([path, message]) => message === refusal.message && fieldOf(fields, path) !== null));
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

/**
 * A resolver that judges the request the form stands for with the contract's own schema (the one the
 * main process parses it with): each issue goes under the field `fields` maps its path to, `messages`
 * replacing zod's words for a path when the form says it better. An issue no field shows lets the
 * submission through: the main process's answer says it.
 */
export function requestResolver<T extends FieldValues, C = undefined>(
  schema: z.ZodType,
  build: (values: T, context: C | undefined) => { request: unknown; fields: FieldMap },
  messages: Record<string, string> = {},
): Resolver<T, C> {
  return async (values, context) => {
    const { request, fields } = build(values, context);
    const parsed = schema.safeParse(request);
    if (parsed.success) return { values, errors: {} };
    const flat: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const field = fieldOf(fields, path);
      if (field) flat[field] ??= messages[path] ?? issue.message;
    }
    return Object.keys(flat).length > 0 ? { values: {}, errors: nestErrors<T>(flat) } : { values, errors: {} };
  };
}
