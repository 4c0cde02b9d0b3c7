import type { ErrorCode } from '../../shared/result';

/**
 * An error whose message is written for the clinic's staff. Handlers throw it; the dispatcher
 * turns it into `{ ok: false, error }`. Anything else thrown is a bug: logged, and answered with
 * a generic sentence.
 */
export class UserError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Why the core refused to start; `message` is shown to the user as is. */
export class StartupError extends Error {
  constructor(
    readonly reason: 'database_too_new' | 'database_damaged' | 'database_unreadable' | 'installation_broken',
    message: string,
    options?: { cause?: unknown; latestBackup?: string },
  ) {
    super(message, options);
    this.name = 'StartupError';
    this.latestBackup = options?.latestBackup ?? null;
  }

  /** For a damaged database: the newest backup that passed verification, to offer restoring. */
  readonly latestBackup: string | null;
}
