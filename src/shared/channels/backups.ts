import { z } from 'zod';
import { define, emptyInput } from './define';

export interface BackupSummary {
  name: string;
  kind: 'daily' | 'monthly';
  bytes: number;
  modifiedAt: string;
}

export interface BackupOverview {
  folder: string;
  lastBackupAt: string | null;
  /** True when the last good backup is older than two days (or there is none). */
  stale: boolean;
  backups: BackupSummary[];
  /** What happened to the last restore asked for from the app, if it failed. */
  lastRestoreError: string | null;
}

export const backupsRestoreInput = z.strictObject({
  name: z
    .string()
    .regex(/^clinic-(daily-\d{4}-\d{2}-\d{2}|monthly-\d{4}-\d{2})\.db$/, 'Choose one of the listed backups.'),
});

export const backupChannels = {
  'backups/list': define<BackupOverview>()({
    input: emptyInput,
    access: ['admin'],
    summary: 'The backups folder, its verified backups and when the last one was made.',
    reads: ['settings'],
  }),
  'backups/run': define<BackupSummary>()({
    input: emptyInput,
    access: ['admin'],
    summary: "Make today's verified backup now.",
    changes: ['settings'],
  }),
  'backups/restore': define<{ restarting: boolean }>()({
    input: backupsRestoreInput,
    access: ['admin'],
    summary:
      'Restore a listed backup: verified first, the current database kept as a safety copy, then swapped at restart.',
    changes: [],
  }),
} as const;
