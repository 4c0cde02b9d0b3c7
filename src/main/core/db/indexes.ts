import type { Sqlite } from './open';

export interface StoredIndex {
  table: string;
  sql: string;
}

/**
 * Drops the explicit (stored-SQL) indexes of `tables` for a bulk load and answers them, in name
 * order, with `recreate()` to build each again from its stored SQL, byte for byte (SQLite then
 * builds it in one sorted pass, cheaper than keeping it up to date row by row). Call inside the
 * caller's write transaction, or on a database nobody else has open yet.
 */
export function suspendIndexes(
  sqlite: Sqlite,
  tables: readonly string[],
): { indexes: StoredIndex[]; recreate(): void } {
  const rows = sqlite
    .prepare<[], { name: string; sql: string; tbl_name: string }>(
      `SELECT name, sql, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`,
    )
    .all()
    .filter((row) => tables.includes(row.tbl_name));
  for (const row of rows) sqlite.exec(`DROP INDEX "${row.name.replace(/"/g, '""')}"`);
  return {
    indexes: rows.map((row) => ({ table: row.tbl_name, sql: row.sql })),
    recreate() {
      for (const { sql } of rows) sqlite.exec(sql);
    },
  };
}
