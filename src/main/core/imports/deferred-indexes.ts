import type { Sqlite } from '../db/open';

/**
 * Call inside the caller's write transaction, for a load that is large beside the table. Drops the
 * secondary indexes of `patients`; `restore()` recreates each from its stored SQL, byte for byte
 * (SQLite then builds it in one sorted pass, cheaper than keeping it up to date row by row). A
 * unique index that no longer holds fails to build and the transaction rolls back; a refused file
 * or a crash restores the indexes with everything else. Nothing may look patients up by these
 * indexes meanwhile (the import compares its rows with registered patients in memory then).
 */
export function deferPatientIndexes(sqlite: Sqlite): { restore(): void } {
  const stored = sqlite
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'patients' AND sql IS NOT NULL ORDER BY name",
    )
    .all();
  for (const { name } of stored) sqlite.exec(`DROP INDEX \`${name}\``);
  return {
    restore() {
      for (const { sql } of stored) sqlite.exec(sql);
    },
  };
}
