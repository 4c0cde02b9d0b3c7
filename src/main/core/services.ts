import type { Clock } from './api';
import type { AuditLog } from './audit/log';
import type { ScryptCost } from './auth/password';
import type { Db } from './db/client';
import type { Sqlite } from './db/open';
import type { Logger } from './logger';
import type { SettingsStore } from './settings/store';
import type { StatsMemo } from './stats/memo';

/** What every domain's handlers are given: dependencies, never globals. */
export interface Services {
  sqlite: Sqlite;
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: SettingsStore;
  audit: AuditLog;
  passwordCost: ScryptCost;
  /** Dashboard figures memoised for every window; writers outside the dispatcher call `invalidate`. */
  statsMemo: StatsMemo;
}
