import type { AppError, ErrorCode, FieldIssue } from '../../../shared/result';

/** A contract call that answered `{ ok: false }`, thrown so TanStack Query sees it as an error. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];

  constructor(error: AppError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.issues = error.issues ?? [];
  }
}

/** A sentence to show for any failure; anything but an ApiError is a bug, so no details leak. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Please try again, and tell your administrator if it keeps happening.';
}
