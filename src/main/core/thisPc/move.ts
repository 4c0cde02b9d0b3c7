import { cp, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { BackupService } from '../backups/backups';
import type { Sqlite } from '../db/open';
import { UserError } from '../errors';
import { exportsFolder } from '../exports/service';
import { companionFolders } from './rules';

/**
 * Changes to the database since a mark: rows this connection wrote (total_changes) and commits
 * by any other connection, e.g. the import worker (data_version). Equal marks mean the copy
 * taken in between is the whole of the data.
 */
function writeMark(sqlite: Sqlite): string {
  const total = sqlite.prepare<[], { n: number }>('SELECT total_changes() AS n').get()?.n ?? 0;
  return `${total}:${String(sqlite.pragma('data_version', { simple: true }))}`;
}

/** Why the copy failed, to follow "Nothing was moved: " (a system error by its code, never a stack). */
const reasonOf = (error: unknown): string => {
  const code = (error as { code?: unknown }).code;
  if (!(error instanceof UserError) && typeof code === 'string' && /^E[A-Z]+$/.test(code))
    return `the file system answered ${code} while copying.`;
  const message = error instanceof Error ? error.message : 'the copy stopped.';
  return message.charAt(0).toLowerCase() + message.slice(1);
};

/**
 * Copies this clinic's data from `from` into the (checked, empty of our files) folder `to`: the
 * database through the backups' verified copy (SQLite's backup API in the check worker, then the
 * full integrity and schema check, then a rename), then the folders kept next to it. The app keeps
 * working meanwhile; if anything was written while copying, the copy is not the whole of the data
 * and is discarded. On any failure everything this created is removed again and `from` was never
 * touched, so a refusal changes nothing. Resolves to the undo of the copy, for a later step that fails.
 */
export async function copyDataFolder(options: {
  sqlite: Sqlite;
  backups: BackupService;
  from: string;
  to: string;
}): Promise<() => Promise<void>> {
  const { sqlite, backups, from, to } = options;
  const database = join(to, 'clinic.db');
  const created: string[] = [`${database}.partial`];
  const mark = writeMark(sqlite);
  const undo = async () => {
    await Promise.all(created.map((path) => rm(path, { recursive: true, force: true })));
  };
  try {
    created.push(database);
    await backups.backupTo(database);
    for (const folder of companionFolders(from)) {
      const copy = join(to, relative(from, folder));
      created.push(copy);
      await cp(folder, copy, { recursive: true, errorOnExist: true, force: false, preserveTimestamps: true });
    }
    if (writeMark(sqlite) !== mark) {
      throw new UserError(
        'conflict',
        'something was saved while the data was being copied, so the copy is not complete. Try again when the desk and the other PCs are quiet.',
      );
    }
  } catch (error) {
    await undo();
    throw new UserError('conflict', `Nothing was moved: ${reasonOf(error)}`);
  }
  return undo;
}

/**
 * The copied database still names files in the old folder's exports/ (a finished export's file, an
 * e-mail waiting with an export attached); the relay only attaches files from its own exports/, so
 * those paths are pointed at the copies in the new folder. Run on the copy, in one transaction.
 */
export function repointExports(copy: Sqlite, from: string, to: string): void {
  const oldPrefix = exportsFolder(from) + sep;
  const newPrefix = exportsFolder(to) + sep;
  const moved = (path: string) =>
    path.startsWith(oldPrefix) ? newPrefix + path.slice(oldPrefix.length) : path;
  copy.transaction(() => {
    copy
      .prepare(`UPDATE exports SET file_path = ? || substr(file_path, ?) WHERE substr(file_path, 1, ?) = ?`)
      .run(newPrefix, oldPrefix.length + 1, oldPrefix.length, oldPrefix);
    const waiting = copy
      .prepare<[], { id: number; attachments: string }>(
        'SELECT id, attachments FROM email_outbox WHERE attachments LIKE \'%"path"%\'',
      )
      .all();
    const update = copy.prepare<[string, number]>('UPDATE email_outbox SET attachments = ? WHERE id = ?');
    for (const row of waiting) {
      let list: unknown;
      try {
        list = JSON.parse(row.attachments);
      } catch {
        continue; // Unreadable attachments are refused by the relay as they were.
      }
      if (!Array.isArray(list)) continue;
      const next = list.map((item: unknown) =>
        typeof item === 'object' && item !== null && typeof (item as { path?: unknown }).path === 'string'
          ? { ...item, path: moved((item as { path: string }).path) }
          : item,
      );
      const text = JSON.stringify(next);
      if (text !== row.attachments) update.run(text, row.id);
    }
  })();
}
