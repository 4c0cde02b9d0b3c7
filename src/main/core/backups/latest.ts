import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { backupKind } from './rotation';
import { verifyDatabaseFile } from './verify';

export interface FoundBackup {
  path: string;
  modifiedAt: number;
}

/**
 * The newest backup in `dir` that passes verification. Used when the live database is damaged,
 * so it must work without opening the live database.
 */
export function latestGoodBackup(
  dir: string,
  migrationsFolder: string,
  nativeBinding?: string,
): FoundBackup | null {
  if (!existsSync(dir)) return null;
  // Every monthly backup is a copy of a daily one, so the newest daily comes first, by its date.
  const names = readdirSync(dir);
  const byDateDesc = (kind: 'daily' | 'monthly') =>
    names
      .filter((name) => backupKind(name) === kind)
      .sort()
      .reverse();
  const candidates = [...byDateDesc('daily'), ...byDateDesc('monthly')].map((name) => ({
    path: join(dir, name),
    modifiedAt: statSync(join(dir, name)).mtimeMs,
  }));
  return candidates.find((c) => verifyDatabaseFile(c.path, migrationsFolder, nativeBinding).ok) ?? null;
}
