import { StartupError } from '../core';

const UNEXPECTED =
  'Clinic Desk could not start because of an unexpected problem. The details were written to ' +
  'the log file in its data folder; please pass them on to whoever looks after this computer.';

/**
 * The one sentence shown when the app cannot start. Only errors written for people (the core's
 * StartupError) are shown as they are; anything else is a bug whose text means nothing to a
 * receptionist, so it goes to the log instead.
 */
export function startupFailureMessage(error: unknown): string {
  if (error instanceof StartupError && error.message.trim() !== '') return error.message;
  return UNEXPECTED;
}

export interface StartupRecovery {
  message: string;
  /** A verified backup the user may restore from the error dialog, or null. */
  restoreFrom: string | null;
}

/** What the start-up failure dialog shows and offers. */
export function startupRecovery(error: unknown): StartupRecovery {
  const restoreFrom =
    error instanceof StartupError && error.reason === 'database_damaged' ? error.latestBackup : null;
  return { message: startupFailureMessage(error), restoreFrom };
}
