import Database from 'better-sqlite3';

export type Sqlite = Database.Database;

export interface OpenOptions {
  /** Path to an Electron build of better-sqlite3's addon; the Node build is used otherwise. */
  nativeBinding?: string;
  readonly?: boolean;
  /** How long a writer waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
}

/**
 * Opens the clinic database with the pragmas every connection needs: WAL so readers (the export
 * worker, the CLI) never block the app, FULL sync so a power cut loses no committed booking,
 * foreign keys enforced, and a busy timeout so two processes queue instead of failing.
 */
export function openSqlite(path: string, options: OpenOptions = {}): Sqlite {
  const dbOptions: Database.Options = { readonly: options.readonly ?? false };
  if (options.nativeBinding) dbOptions.nativeBinding = options.nativeBinding;
  const db = new Database(path, dbOptions);
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return db;
}
