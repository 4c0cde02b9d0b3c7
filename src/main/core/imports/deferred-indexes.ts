import { suspendIndexes } from '../db/indexes';
import type { Sqlite } from '../db/open';

/**
 * Call inside the caller's write transaction, for a load that is large beside the table. Drops the
 * secondary indexes of `patients` (`suspendIndexes`); `restore()` recreates each from its stored
 * SQL. A unique index that no longer holds fails to build and the transaction rolls back; a
 * refused file or a crash restores the indexes with everything else. Nothing may look patients up by these
 * indexes meanwhile (the import compares its rows with registered patients in memory then).
 */
export function deferPatientIndexes(sqlite: Sqlite): { restore(): void } {
  const indexes = suspendIndexes(sqlite, ['patients']);
  return { restore: () => indexes.recreate() };
}
