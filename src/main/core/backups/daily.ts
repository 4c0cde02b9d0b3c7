import type { Clock } from '../host';
import { errorFields, type Logger } from '../logger';
import type { SettingsStore } from '../settings/store';
import { localDate } from '../time/zone';
import type { BackupService } from './backups';

/** How often the app looks whether today's backup is still missing. */
export const BACKUP_CHECK_INTERVAL_MS = 30 * 60_000;

/**
 * The daily backup: whenever the app runs, at start and every half hour, today's verified backup
 * is made if there is none yet (clinic time zone). A PC that was off simply backs up on its next
 * start, and a failure is retried at the next check.
 */
export function dailyBackups(deps: {
  backups: BackupService;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  onFailure?: (message: string) => void;
  onSuccess?: () => void;
}) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<boolean> | null = null;

  const dueToday = (): boolean => {
    const last = deps.settings.get('lastBackupAt');
    const zone = deps.settings.get('timeZone');
    const now = deps.clock.now().getTime();
    return last === null || localDate(last, zone) !== localDate(now, zone);
  };

  /** Makes today's backup if it is due; true when one was written. */
  const check = (): Promise<boolean> => {
    if (running) return running;
    if (!dueToday()) return Promise.resolve(false);
    running = deps.backups
      .runDaily()
      .then(() => {
        deps.onSuccess?.();
        return true;
      })
      .catch((error: unknown) => {
        deps.logger.log('error', 'daily backup failed', errorFields(error));
        deps.onFailure?.('The daily backup failed; it will be tried again. See the log for details.');
        return false;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  return {
    check,
    start(): void {
      this.stop();
      void check();
      timer = setInterval(() => void check(), BACKUP_CHECK_INTERVAL_MS);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
