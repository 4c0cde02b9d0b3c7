import type { Clock, CoreHost, DataFolderHost } from './host';
import type { AuditLog } from './audit/log';
import type { BackupService } from './backups/backups';
import type { ScryptCost } from './auth/password';
import type { Background } from './jobs/background';
import type { ImportService } from './imports/service';
import type { Sqlite } from './db/open';
import type { Logger } from './logger';
import type { NetworkHostControl, NetworkJoiner } from './network/host-control';
import type { DeviceRegistry } from './network/pairing';
import type { SettingsStore } from './settings/store';
import type { StatsMemo } from './stats/memo';

/** What every domain's handlers are given: dependencies, never globals. */
export interface Services {
  sqlite: Sqlite;
  clock: Clock;
  logger: Logger;
  settings: SettingsStore;
  audit: AuditLog;
  passwordCost: ScryptCost;
  dataDir: string;
  migrationsFolder: string;
  /** The Electron build of better-sqlite3 in the desktop app, for a connection of a handler's own. */
  nativeBinding: string | undefined;
  backups: BackupService;
  /** What the program hosting the core (desktop shell, preview, CLI) does on the core's behalf. */
  host: CoreHost;
  /** Outbox, relay, scheduler and exports (src/main/core/jobs). */
  background: Background;
  /** Dashboard figures memoised for every window; writers outside the dispatcher call `invalidate`. */
  statsMemo: StatsMemo;
  /** Paired PCs and pairing codes, and the server that lets them in (when this PC hosts). */
  network: { devices: DeviceRegistry; host: NetworkHostControl; joiner: NetworkJoiner | null };
  /** Changing this PC's data folder: only the desktop app provides it (Settings › This PC). */
  dataFolder: DataFolderHost | null;
  /** Patient import from CSV (src/main/core/imports), run in a worker thread. */
  imports: ImportService;
}
