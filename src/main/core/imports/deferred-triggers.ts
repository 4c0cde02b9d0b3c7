import type { Sqlite } from '../db/open';
import { suspendTriggers } from '../db/triggers';

/**
 * The per-row triggers on `patients` that a bulk insert does once at the end instead: the search
 * index row (`patients_fts_after_insert`, drizzle/0002) and the search version counter
 * (`patients_version_after_insert`, drizzle/0006). Fired per row they cost more than the insert
 * itself (a 20,000-row import spent 3.9 s in the FTS trigger and 2.4 s in the counter's, against
 * 0.4 s indexing the same rows in one statement; docs/performance.md).
 */
const DEFERRED = ['patients_fts_after_insert', 'patients_version_after_insert'] as const;

/**
 * Call inside the caller's write transaction. Drops the two triggers; `restore()` indexes every
 * patient added since (one INSERT … SELECT with the trigger's own expression), moves the counter
 * once and recreates both triggers from their stored SQL, byte for byte. Because the drop is part
 * of the transaction, a refused file or a crash rolls it back with everything else; and the
 * transaction holds the write lock, so no other connection can insert while they are missing.
 */
export function deferPatientTriggers(sqlite: Sqlite): { restore(): void } {
  const lastId =
    sqlite.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM patients').get()?.id ?? 0;
  const triggers = suspendTriggers(sqlite, DEFERRED);
  return {
    restore() {
      const added = sqlite
        .prepare(
          `INSERT INTO patients_fts (rowid, name, phone)
           SELECT id, search_name,
             CASE WHEN phone_digits IS NULL THEN '' ELSE
               phone_digits || ' ' || substr(phone_digits, 2) || ' ' || substr(phone_digits, 3) || ' ' || substr(phone_digits, 4)
             END
           FROM patients WHERE id > ?`,
        )
        .run(lastId).changes;
      if (added > 0) sqlite.prepare('UPDATE patients_version SET n = n + ? WHERE id = 1').run(added);
      triggers.recreate();
    },
  };
}
