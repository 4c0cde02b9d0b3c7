/**
 * Every contract call answers with a value or an error, never a thrown exception: errors cross
 * the IPC/HTTP boundary as data with a stable code and a sentence a clinic's staff can act on.
 */
export const ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_credentials',
  'too_many_attempts',
  'setup_required',
  'already_set_up',
  'unknown_channel',
  'forbidden_sender',
  /** A client PC could not reach the clinic's host PC (issue 14). */
  'host_unreachable',
  /** The host's certificate is not the one this PC paired with, or the host no longer knows this PC. */
  'host_refused',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the offending field, '' for the whole input. */
  path: string;
  message: string;
}

export interface AppError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, issues?: FieldIssue[]): Result<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});
