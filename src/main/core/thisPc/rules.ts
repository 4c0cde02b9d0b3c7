import { randomUUID } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  readdirSync,
  realpathSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { describeSize } from '../../../shared/channels/thisPc';
import { backupsDir } from '../backups/backups';
import { outboxRestoreProblem } from '../backups/restore';
import type { BackupCheck } from '../backups/verify';
import { exportsFolder } from '../exports/service';
import { uploadsFolder } from '../imports/service';
import { outboxFolder } from '../mail/delivery';
import { networkDir } from '../network/certificate';

/**
 * The checks run before the data folder changes, and their sentences. Each answers null when
 * the folder may be used, or why not; nothing here changes anything but a probe file that is
 * removed at once.
 */

const DATABASE_FILE = 'clinic.db';

/** How much room is left on the disk holding `folder`; the real file system's answer by default. */
export interface DiskSpace {
  freeBytes(folder: string): number;
}

export const realDisk: DiskSpace = {
  freeBytes: (folder) => {
    const stats = statfsSync(folder);
    return stats.bavail * stats.bsize;
  },
};

export const CLIENT_PC =
  "This PC works on the clinic's host PC, which keeps the data: its folder is chosen in the desktop app on the host (Settings › This PC).";
export const NOT_THE_DESKTOP_APP =
  'The data folder can only be changed in the desktop app on this PC (Settings › This PC). The browser preview and the command line use the folder it chose.';
export const environmentWins = (folder: string) =>
  `CLINIC_DESK_DATA_DIR is set on this PC and always wins: Clinic Desk uses ${folder}. Remove the variable to choose the folder here.`;

/**
 * What a move carries besides clinic.db (copied by the verified backup path): the folders the core
 * keeps next to it. Logs and restore safety copies stay with the old folder, which is left in place.
 */
export function companionFolders(dataDir: string): string[] {
  return [
    backupsDir(dataDir),
    exportsFolder(dataDir),
    outboxFolder(dataDir),
    uploadsFolder(dataDir),
    networkDir(dataDir),
    join(dataDir, 'reports'),
  ].filter((path) => existsSync(path));
}

/** clinic.db and its write-ahead log: what a copy of the database reads. */
export function databaseBytes(dataDir: string): number {
  return ['', '-wal']
    .map((suffix) => join(dataDir, `${DATABASE_FILE}${suffix}`))
    .filter((file) => existsSync(file))
    .reduce((sum, file) => sum + statSync(file).size, 0);
}

/** Every file under `path` (or the file itself), in bytes; links are not followed. */
export function bytesIn(path: string): number {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.isFile() ? stat.size : 0;
  return readdirSync(path).reduce((sum, name) => sum + bytesIn(join(path, name)), 0);
}

/** Windows and macOS file systems ignore case by default: compare paths as the OS would. */
const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';
const fold = (path: string) => (caseInsensitive ? path.toLowerCase() : path);

/** Is `path` the folder `folder` or anything inside it? */
function within(folder: string, path: string): boolean {
  const rel = relative(fold(folder), fold(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * What any new data folder must be: an existing folder (not a file), not the folder in use nor
 * inside it (links followed), and one Clinic Desk can write in (a probe file, not a permission
 * guess: an ACL, a read-only mount or a full quota all show up here).
 */
export function folderProblem(target: string, current: string): string | null {
  if (!isAbsolute(target) || !existsSync(target)) return `The folder ${target} does not exist.`;
  if (!statSync(target).isDirectory()) return `${target} is a file, not a folder. Choose a folder.`;
  const real = realpathSync(target);
  const inUse = existsSync(current) ? realpathSync(current) : current;
  if (fold(real) === fold(inUse)) return `${target} is the folder Clinic Desk already uses.`;
  if (within(inUse, real))
    return `${target} is inside the folder in use (${current}). Choose a folder outside it.`;
  const probe = join(real, `.clinic-desk-write-check-${randomUUID()}`);
  try {
    writeFileSync(probe, '');
  } catch {
    return `Clinic Desk cannot write in ${target}. Choose a folder you may write to, or ask your IT person for access.`;
  } finally {
    rmSync(probe, { force: true });
  }
  return null;
}

/**
 * A move's target also must hold no clinic database and none of the folders the move would copy
 * (nothing is merged or overwritten), and have room for the database twice (the copy and its
 * write-ahead log and checks) plus the folders that go with it.
 */
export function moveProblem(target: string, current: string, disk: DiskSpace): string | null {
  const basic = folderProblem(target, current);
  if (basic) return basic;
  if (existsSync(join(target, DATABASE_FILE)))
    return `${target} already holds a clinic database. To use it, choose "Open another existing folder…"; to move the data, choose an empty folder.`;
  const companions = companionFolders(current);
  const clash = companions
    .map((path) => relative(current, path))
    .filter((name) => existsSync(join(target, name)));
  if (clash.length > 0)
    return `${target} already has a ${clash.join(', ')} folder, which moving would mix with this clinic's. Choose an empty folder.`;
  const needed = 2 * databaseBytes(current) + companions.reduce((sum, path) => sum + bytesIn(path), 0);
  const free = disk.freeBytes(target);
  if (free < needed)
    return `${target} has ${describeSize(free)} free; moving the data needs at least ${describeSize(needed)}. Choose a folder on a disk with more room.`;
  return null;
}

/**
 * The folder to open must hold a Clinic Desk database this version can start on: the same checks
 * as a restore (integrity, exactly our schema, no outbox row attaching a file from outside its
 * exports folder), `verify` being the backups' check worker.
 */
export async function openProblem(
  target: string,
  current: string,
  verify: (file: string) => Promise<BackupCheck>,
): Promise<string | null> {
  const basic = folderProblem(target, current);
  if (basic) return basic;
  const file = join(target, DATABASE_FILE);
  if (!existsSync(file))
    return `${target} holds no Clinic Desk database (${DATABASE_FILE}). To move this clinic's data there, choose "Move the data to another folder…".`;
  // Reading a WAL-mode database creates its -wal and -shm files; a check leaves none behind.
  const leftovers = ['-wal', '-shm'].map((suffix) => `${file}${suffix}`).filter((f) => !existsSync(f));
  try {
    const check = await verify(file);
    if (!check.ok) return check.message;
    return outboxRestoreProblem(file, target);
  } finally {
    for (const created of leftovers) {
      // Only empty ones, which hold nothing (another program's live log is never touched).
      if (existsSync(created) && (created.endsWith('-shm') || statSync(created).size === 0))
        rmSync(created, { force: true });
    }
  }
}
