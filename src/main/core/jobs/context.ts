import type { Clock } from '../host';
import type { AuditActor, AuditLog } from '../audit/log';
import type { Sqlite } from '../db/open';
import type { Logger } from '../logger';
import type { Outbox } from '../outbox/outbox';
import type { SettingsStore } from '../settings/store';

/** What a job needs: the database, the outbox to queue into, the clock and who started it. */
export interface JobContext {
  sqlite: Sqlite;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  settings: SettingsStore;
  audit: AuditLog;
  actor: AuditActor;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, username: 'system' };

export type JobCounts = Record<string, number>;
