import { expect } from 'vitest';
import { AppError } from '../../src/shared/errors';

/** Runs `fn`, expects it to throw an AppError, and returns it. */
export function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  return expect.fail('expected an AppError');
}
