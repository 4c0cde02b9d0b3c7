/**
 * Which backup files to keep: the newest 14 daily ones and the newest 12 monthly ones. Pure, so
 * the policy is tested without files. Names are `clinic-daily-YYYY-MM-DD.db` and
 * `clinic-monthly-YYYY-MM.db`; anything else in the folder is left alone.
 */
export const KEEP_DAILY = 14;
export const KEEP_MONTHLY = 12;

const DAILY = /^clinic-daily-(\d{4}-\d{2}-\d{2})\.db$/;
const MONTHLY = /^clinic-monthly-(\d{4}-\d{2})\.db$/;

export const dailyName = (date: string) => `clinic-daily-${date}.db`;
export const monthlyName = (month: string) => `clinic-monthly-${month}.db`;

export function backupKind(name: string): 'daily' | 'monthly' | null {
  if (DAILY.test(name)) return 'daily';
  if (MONTHLY.test(name)) return 'monthly';
  return null;
}

export function filesToDelete(names: string[]): string[] {
  const daily = names
    .filter((n) => DAILY.test(n))
    .sort()
    .reverse();
  const monthly = names
    .filter((n) => MONTHLY.test(n))
    .sort()
    .reverse();
  return [...daily.slice(KEEP_DAILY), ...monthly.slice(KEEP_MONTHLY)];
}
