import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../src/main/core/db/open';
import { openSqlite } from '../../../src/main/core/db/open';
import { STATS_SQL } from '../../../src/main/core/stats/queries';
import { tempCore, type TempCore } from '../../support/temp-core';

/** Index-only on appointments: a covering index search, never a scan or a row lookup. */
describe('dashboard query plans', () => {
  let t: TempCore;
  let sqlite: Sqlite;
  beforeAll(async () => {
    t = await tempCore();
    sqlite = openSqlite(t.core.dbPath, { readonly: true });
  });
  afterAll(() => {
    sqlite.close();
    t.cleanup();
  });

  const planOf = (sql: string): string[] => {
    const params = (sql.match(/\?/g) ?? []).map(() => 1);
    return sqlite
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((row) => row.detail);
  };

  for (const [name, sql] of Object.entries(STATS_SQL)) {
    it(`${name} searches an index and never scans appointments`, () => {
      const plan = planOf(sql);
      const steps = plan.filter((d) => /^(SCAN|SEARCH)\b/.test(d));
      expect(steps.length, plan.join('\n')).toBeGreaterThan(0);
      for (const detail of steps) {
        expect(detail, plan.join('\n')).not.toMatch(/^SCAN (appointments|a)\b/);
        if (/^SEARCH (appointments|a)\b/.test(detail))
          expect(detail).toMatch(/USING COVERING INDEX appointments_/);
      }
      // Large tables are only ever reached through an index. The one exception is a bare
      // count(*), which SQLite answers by counting b-tree cells (OP_Count), not by reading rows.
      for (const detail of steps) {
        const bareCount = name === 'patientsActive' && /^SCAN patients USING COVERING INDEX/.test(detail);
        if (/^SCAN (patients|treatments|t|email_outbox)\b/.test(detail) && !bareCount) {
          throw new Error(`table scan: ${detail}`);
        }
      }
    });
  }

  it('covers every statement that reads appointments', () => {
    const readers = Object.values(STATS_SQL).filter((sql) => /\bappointments\b/.test(sql));
    expect(readers.length).toBeGreaterThanOrEqual(5);
  });
});
