/**
 * The closed set of error codes that may cross a boundary (IPC, CLI, harness).
 * Adding a code is a contract change: the renderer and the CLI switch on it.
 */
export const APP_ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'UNBALANCED_ENTRY',
  'PERIOD_LOCKED',
  'CREDIT_LIMIT',
  'DB_FROM_FUTURE',
  'DB_CORRUPT',
  'DB_BUSY',
  // The company file is encrypted and its passphrase is missing or wrong: the door asks for it.
  'DB_LOCKED',
  'FORBIDDEN',
  'INTERNAL',
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** Field path (dot-joined, e.g. `address.postcode`) → French message. */
export type FieldErrors = Record<string, string>;

export interface AppErrorDTO {
  code: AppErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
  /** Incident id for INTERNAL errors: the stack stays in the main-process log under this id. */
  incidentId?: string;
}

/** Thrown inside the core; turned into an `AppErrorDTO` at the boundary, never thrown across it. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: FieldErrors;

  constructor(code: AppErrorCode, message: string, fieldErrors?: FieldErrors) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (fieldErrors && Object.keys(fieldErrors).length > 0) this.fieldErrors = fieldErrors;
  }

  toDTO(): AppErrorDTO {
    const dto: AppErrorDTO = { code: this.code, message: this.message };
    if (this.fieldErrors) dto.fieldErrors = { ...this.fieldErrors };
    return dto;
  }

  static fromDTO(dto: AppErrorDTO): AppError {
    return new AppError(dto.code, dto.message, dto.fieldErrors);
  }
}

export function isAppErrorCode(value: unknown): value is AppErrorCode {
  return typeof value === 'string' && (APP_ERROR_CODES as readonly string[]).includes(value);
}

/** A field-level refusal: one field, one French message. */
export function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION', message, { [field]: message });
}
