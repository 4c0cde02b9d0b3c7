import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Clock } from '../host';
import type { Sqlite } from '../db/open';
import { errorFields, type Logger } from '../logger';
import type { SettingsStore } from '../settings/store';
import { localDate } from '../time/zone';
import { backupKind, dailyName, filesToDelete, monthlyName } from './rotation';
import { checkOffThread } from './check-off-thread';
import type { CheckStep } from './check-worker';

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
  /** The check worker's entry (defaults to the one next to this module or the main bundle). */
  checkWorker?: string;
  /** Where a backup in progress is: pages still to copy, then each step of its check. */
  onProgress?: (progress: BackupProgress) => void;
}

export type BackupProgress =
  { step: 'copy'; totalPages: number; remainingPages: number } | { step: CheckStep };

export const backupsDir = (dataDir: string) => join(dataDir, 'backups');

/**
 * Daily online backups: a worker thread copies the live database with SQLite's backup API
 * (consistent while the app keeps working), switches the copy out of WAL and verifies it with a
 * full integrity_check before it counts; then rotation. The main thread only waits.
 */
export function backupService(options: BackupServiceOptions) {
  const { sqlite, dataDir, clock, settings, logger, migrationsFolder } = options;
  const dir = backupsDir(dataDir);

  /** Writes a verified copy of the live database to `target` (via a temp file and a rename). */
  /**
   * The check worker on `file`: with `copyFrom`, it first writes `file` as a backup copy of that
   * database (see check-worker.ts); then the full verification.
   */
  function checkInWorker(file: string, copyFrom?: string) {
    return checkOffThread(
      {
        file,
        migrationsFolder,
        ...(copyFrom ? { copyFrom } : {}),
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      },
      {
        ...(options.checkWorker ? { entry: options.checkWorker } : {}),
        onStep: (step) => options.onProgress?.({ step }),
        onCopy: (pages) => options.onProgress?.({ step: 'copy', ...pages }),
      },
    );
  }

  /** The full verification of a backup file, off the main thread. */
  const verify = (file: string) => checkInWorker(file);

  /** Writes a verified copy of the live database to `target` (via a temp file and a rename). */
  async function writeVerifiedCopy(target: string): Promise<number> {
    const temp = `${target}.partial`;
    await rm(temp, { force: true });
    const check = await checkInWorker(temp, sqlite.name);
    if (!check.ok) {
      await rm(temp, { force: true });
      throw new Error(`The backup could not be verified: ${check.message}`);
    }
    await rename(temp, target);
    return (await stat(target)).size;
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
    verify,

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
          // Asynchronous: a copy of the whole file on the main thread would freeze the window.
          await copyFile(file, `${monthly}.partial`);
          await rename(`${monthly}.partial`, monthly);
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

    /** A verified copy at a path of the user's choosing (`cli backup --out FILE`, checked there). */
    async backupTo(target: string, options: { replace?: boolean } = {}): Promise<number> {
      if (existsSync(target) && !options.replace)
        throw new Error(`${target} already exists; choose a new file name.`);
      const bytes = await writeVerifiedCopy(target);
      logger.log('info', 'backup written to a chosen file', { bytes });
      return bytes;
    },
  };
}

export type BackupService = ReturnType<typeof backupService>;
