import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from '../host';
import type { Sqlite } from '../db/open';
import { errorFields, type Logger } from '../logger';
import type { SettingsStore } from '../settings/store';
import { localDate } from '../time/zone';
import { backupKind, dailyName, filesToDelete, monthlyName } from './rotation';
import { verifyDatabaseFile } from './verify';

export interface BackupFile {
  name: string;
  path: string;
  kind: 'daily' | 'monthly';
  bytes: number;
  modifiedAt: number;
}

export interface BackupResult {
  file: string;
  monthlyFile: string | null;
  bytes: number;
  deleted: string[];
}

export interface BackupServiceOptions {
  sqlite: Sqlite;
  dataDir: string;
  migrationsFolder: string;
  clock: Clock;
  settings: SettingsStore;
  logger: Logger;
  nativeBinding?: string;
}

export const backupsDir = (dataDir: string) => join(dataDir, 'backups');

/**
 * A backup must be one file that can be copied anywhere: switch the copy out of WAL mode (which
 * folds everything into the main file) so no -wal/-shm companions are needed or left behind.
 */
function selfContained(file: string, nativeBinding?: string): void {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/**
 * Daily online backups with SQLite's backup API (consistent while the app keeps working), each
 * verified by opening it and running integrity_check before it counts; then rotation.
 */
export function backupService(options: BackupServiceOptions) {
  const { sqlite, dataDir, clock, settings, logger, migrationsFolder } = options;
  const dir = backupsDir(dataDir);

  /** Writes a verified copy of the live database to `target` (via a temp file and a rename). */
  async function writeVerifiedCopy(target: string): Promise<number> {
    const temp = `${target}.partial`;
    rmSync(temp, { force: true });
    await sqlite.backup(temp);
    selfContained(temp, options.nativeBinding);
    const check = verifyDatabaseFile(temp, migrationsFolder, options.nativeBinding);
    if (!check.ok) {
      rmSync(temp, { force: true });
      throw new Error(`The backup could not be verified: ${check.message}`);
    }
    renameSync(temp, target);
    return statSync(target).size;
  }

  function list(): BackupFile[] {
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .map((name) => ({ name, kind: backupKind(name) }))
      .filter((f): f is { name: string; kind: 'daily' | 'monthly' } => f.kind !== null)
      .map(({ name, kind }) => {
        const path = join(dir, name);
        const stat = statSync(path);
        return { name, path, kind, bytes: stat.size, modifiedAt: stat.mtimeMs };
      })
      .sort((a, b) => b.modifiedAt - a.modifiedAt || b.name.localeCompare(a.name));
  }

  return {
    dir,
    list,

    /** Today's daily backup (replacing an earlier one of today), the month's first as monthly. */
    async runDaily(): Promise<BackupResult> {
      mkdirSync(dir, { recursive: true });
      const today = localDate(clock.now().getTime(), settings.get('timeZone'));
      const file = join(dir, dailyName(today));
      try {
        const bytes = await writeVerifiedCopy(file);
        const monthly = join(dir, monthlyName(today.slice(0, 7)));
        let monthlyFile: string | null = null;
        if (!existsSync(monthly)) {
          copyFileSync(file, `${monthly}.partial`);
          renameSync(`${monthly}.partial`, monthly);
          monthlyFile = monthly;
        }
        const deleted = filesToDelete(readdirSync(dir));
        for (const name of deleted) rmSync(join(dir, name), { force: true });
        settings.set('lastBackupAt', clock.now().getTime());
        settings.set('lastBackupFile', basename(file));
        logger.log('info', 'backup written', { file: basename(file), bytes, deleted: deleted.length });
        return { file, monthlyFile, bytes, deleted };
      } catch (error) {
        logger.log('error', 'backup failed', errorFields(error));
        throw error;
      }
    },

    /** A verified copy at a path of the user's choosing (`cli backup --out FILE`). */
    async backupTo(target: string): Promise<number> {
      if (existsSync(target)) throw new Error(`${target} already exists; choose a new file name.`);
      const bytes = await writeVerifiedCopy(target);
      logger.log('info', 'backup written to a chosen file', { bytes });
      return bytes;
    },
  };
}

export type BackupService = ReturnType<typeof backupService>;
