import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder } from '../../../src/main/core/db/locate';
import { readJournal } from '../../../src/main/core/db/migrate';
import { databaseBefore, type DatabaseBefore } from '../../support/migrations';

/** The audit screen's two statements (src/main/core/audit/handlers.ts), for EXPLAIN QUERY PLAN. */
const WHERE = `(@user IS NULL OR user_id = @user) AND (@entity IS NULL OR entity = @entity)
  AND at >= @from AND at < @to`;
const PAGE = `SELECT id, at, user_id, username, action, entity, entity_id, summary FROM audit_log
  WHERE ${WHERE} ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset`;
const COUNT = `SELECT count(*) AS n FROM audit_log WHERE ${WHERE}`;

describe('migration audit_index_outbox_facts (0008)', () => {
  let db: DatabaseBefore | undefined;
  afterEach(() => db?.cleanup());

  it('replaces the three audit indexes with one and adds the outbox facts, keeping every row and an index for every audit query', () => {
    db = databaseBefore('audit_index_outbox_facts');
    db.sqlite.exec(`INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, summary) VALUES
      (1796000000000, 1, 'admin', 'create', 'user', '2', 'Created user reception'),
      (1796000100000, 2, 'reception', 'book', 'appointment', '17', 'Booked P000001 with Dr A'),
      (1796000200000, NULL, 'system', 'backup', 'backup', NULL, 'Daily backup')`);
    const indexes = (sqlite: DatabaseBefore['sqlite']) =>
      sqlite
        .prepare<[], { name: string }>(
          `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' ORDER BY name`,
        )
        .all()
        .map((row) => row.name);
    expect(indexes(db.sqlite)).toEqual([
      'audit_log_at_idx',
      'audit_log_entity_at_idx',
      'audit_log_user_at_idx',
    ]);

    db.sqlite.exec(`INSERT INTO email_outbox (dedupe_key, kind, to_address, subject, html, text, status)
      VALUES ('booking:17:booked:1', 'booking-booked', 'ann@example.org', 'Booked', '<p>Booked</p>', 'Booked', 'queued')`);

    const { sqlite, state } = db.migrateToLatest();
    // The outbox gains its facts column; a row stored rendered keeps its body and no facts.
    expect(sqlite.prepare('SELECT dedupe_key, html, text, facts, status FROM email_outbox').all()).toEqual([
      {
        dedupe_key: 'booking:17:booked:1',
        html: '<p>Booked</p>',
        text: 'Booked',
        facts: null,
        status: 'queued',
      },
    ]);
    expect(state.pending).toEqual([]);
    expect(state.userVersion).toBe(readJournal(defaultMigrationsFolder()).length);
    expect(indexes(sqlite)).toEqual(['audit_log_at_user_entity_idx']);
    expect(sqlite.prepare('SELECT id, user_id, action FROM audit_log ORDER BY id').all()).toEqual([
      { id: 1, user_id: 1, action: 'create' },
      { id: 2, user_id: 2, action: 'book' },
      { id: 3, user_id: null, action: 'backup' },
    ]);
    // Still append-only.
    expect(() => sqlite.exec('DELETE FROM audit_log')).toThrow(/append-only/);

    const full = { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER, limit: 50, offset: 0 };
    for (const filter of [
      { user: null, entity: null },
      { user: 2, entity: null },
      { user: null, entity: 'appointment' },
      { user: 2, entity: 'appointment' },
    ]) {
      const params = { ...full, ...filter };
      const plan = (statement: string) =>
        sqlite
          .prepare<Record<string, unknown>, { detail: string }>(`EXPLAIN QUERY PLAN ${statement}`)
          .all(params)
          .map((row) => row.detail)
          .join('\n');
      expect(plan(PAGE)).toMatch(
        /SEARCH audit_log USING INDEX audit_log_at_user_entity_idx \(at>\? AND at<\?\)/,
      );
      expect(plan(PAGE)).not.toMatch(/SCAN audit_log/);
      expect(plan(COUNT)).toMatch(/USING COVERING INDEX audit_log_at_user_entity_idx/);
      const { limit: _limit, offset: _offset, ...countParams } = params;
      // Every filter here matches entry 2 only; no filter matches all three.
      const expected = filter.user === null && filter.entity === null ? 3 : 1;
      expect(sqlite.prepare(COUNT).get(countParams)).toEqual({ n: expected });
    }
  });
});
