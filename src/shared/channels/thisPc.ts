import { define, emptyInput } from './define';

/** Why Clinic Desk uses the data folder it does on this PC (the precedence in data-dir.ts). */
export type DataFolderSource = 'environment' | 'chosen' | 'default';

/** What Settings › This PC › Data folder shows the administrator. */
export interface DataFolderStatus {
  /** The folder holding clinic.db; null on a client PC, whose data lives on the host. */
  folder: string | null;
  /** Where the choice comes from; null where only the desktop app can tell (preview, CLI, client PC). */
  source: DataFolderSource | null;
  /** Null when the folder can be changed from this window; otherwise why not, in a sentence. */
  locked: string | null;
  /** clinic.db and its write-ahead log now, in bytes (a move needs twice this free); null on a client PC. */
  databaseBytes: number | null;
}

/** What a move or an open did: the person cancelled the folder picker, or the app restarts on `folder`. */
export type DataFolderChange =
  | { outcome: 'cancelled' }
  | {
      outcome: 'restarting';
      folder: string;
      /** The folder left behind, untouched (a move copies; it never deletes). */
      previousFolder: string;
    };

export const thisPcChannels = {
  'thisPc/dataFolder': define<DataFolderStatus>()({
    input: emptyInput,
    access: ['admin'],
    summary:
      "Where this PC keeps the clinic's data, where that choice comes from, and whether it can be changed here.",
    mutates: false,
  }),
  'thisPc/moveDataFolder': define<DataFolderChange>()({
    input: emptyInput,
    access: ['admin'],
    summary:
      'Desktop app: pick a folder, copy the data there (verified), use it from now on and restart; the old folder stays.',
    mutates: true,
  }),
  'thisPc/openDataFolder': define<DataFolderChange>()({
    input: emptyInput,
    access: ['admin'],
    summary:
      'Desktop app: pick a folder that already holds a Clinic Desk database, checked first, use it and restart.',
    mutates: true,
  }),
} as const;

/** A size as the panel and the refusals say it: "850 KB", "12.3 MB", "4.1 GB". */
export function describeSize(bytes: number): string {
  const kb = bytes / 1024;
  if (kb < 1024) return `${Math.max(1, Math.round(kb)).toLocaleString('en')} KB`;
  const mb = kb / 1024;
  if (mb < 1024) return `${mb.toFixed(1)} MB`;
  return `${(mb / 1024).toFixed(1)} GB`;
}
