import Database from 'better-sqlite3';

/** Reads rows straight from the file (a second connection, as WAL allows), to check what was stored. */
export function readRows<T>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export interface AuditRowRead {
  user_id: number | null;
  username: string;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: string;
}

export const auditRows = (dbPath: string): AuditRowRead[] =>
  readRows<AuditRowRead>(
    dbPath,
    'SELECT user_id, username, action, entity, entity_id, summary FROM audit_log ORDER BY id',
  );
