import type { Sqlite } from './open';

/**
 * Drops the named triggers for a bulk write and answers how to put them back from their stored
 * SQL, byte for byte. Call inside the caller's write transaction (or on a database nobody else
 * has open yet): the drop is then rolled back with everything else on a failure or a crash.
 */
export function suspendTriggers(sqlite: Sqlite, names: readonly string[]): { recreate(): void } {
  const stored = sqlite
    .prepare<[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${names.map((n) => `'${n}'`).join(', ')})`,
    )
    .all();
  if (stored.length !== names.length)
    throw new Error(
      `triggers missing: expected ${names.join(', ')}, found ${stored.map((t) => t.name).join(', ')}`,
    );
  for (const { name } of stored) sqlite.exec(`DROP TRIGGER \`${name}\``);
  return {
    recreate() {
      for (const { sql } of stored) sqlite.exec(sql);
    },
  };
}
