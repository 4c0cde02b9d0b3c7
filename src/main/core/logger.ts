import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Structured log. Callers pass identifiers (ids, channel names, codes), never patient names,
 * emails or notes: the log may be sent to IT support.
 */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { log: () => undefined };

const MAX_BYTES = 5 * 1024 * 1024;

/** JSON lines in `<dataDir>/logs/clinic-desk.log`, rotated to `.1` at 5 MB. */
export function fileLogger(dataDir: string, alsoConsole = false): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'clinic-desk.log');
  return {
    log(level, message, fields = {}) {
      const line = JSON.stringify({ at: new Date().toISOString(), level, message, ...fields });
      try {
        if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES) {
          renameSync(file, `${file}.1`);
        }
        appendFileSync(file, `${line}\n`);
      } catch {
        // A full disk must not take the app down with it; the console still has the line.
      }
      if (alsoConsole && (level === 'warn' || level === 'error')) console.error(line);
    },
  };
}

export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, stack: error.stack };
  return { error: String(error) };
}
