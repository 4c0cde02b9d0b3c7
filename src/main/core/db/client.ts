import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { Sqlite } from './open';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Sqlite };

export function drizzleFor(sqlite: Sqlite): Db {
  return drizzle({ client: sqlite, schema });
}

export { schema };
