import type { auditChannels } from '../../../shared/channels/audit';
import type { AuditEntry } from '../../../shared/channels/audit';
import type { DomainHandlers } from '../handler';
import { dayRange } from '../time/zone';

interface AuditRow {
  id: number;
  at: number;
  user_id: number | null;
  username: string;
  action: string;
  entity: string;
  entity_id: string | null;
  summary: string;
}

const toEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: new Date(row.at).toISOString(),
  userId: row.user_id,
  username: row.username,
  action: row.action,
  entity: row.entity,
  entityId: row.entity_id,
  summary: row.summary,
});

export const auditHandlers: DomainHandlers<typeof auditChannels> = ({ sqlite, settings }) => {
  // Each filter is optional and every query has a time range (open ends are the extreme integers):
  // the one (at, user_id, entity) index serves them all, testing user and entity in the index
  // (a count never reads the table). See migration 0008 and docs/performance.md.
  const where = `(@user IS NULL OR user_id = @user) AND (@entity IS NULL OR entity = @entity)
    AND at >= @from AND at < @to`;
  const page = sqlite.prepare<Record<string, unknown>, AuditRow>(
    `SELECT id, at, user_id, username, action, entity, entity_id, summary FROM audit_log
     WHERE ${where} ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset`,
  );
  const count = sqlite.prepare<Record<string, unknown>, { n: number }>(
    `SELECT count(*) AS n FROM audit_log WHERE ${where}`,
  );
  const entities = sqlite.prepare<[], { entity: string }>(
    'SELECT DISTINCT entity FROM audit_log ORDER BY entity',
  );

  return {
    'audit/list': (input) => {
      const zone = settings.get('timeZone');
      const params = {
        user: input.userId,
        entity: input.entity || null,
        // Dates are the clinic's calendar days, so "1 March" means midnight to midnight there.
        from: input.from === null ? Number.MIN_SAFE_INTEGER : dayRange(input.from, zone).start,
        to: input.to === null ? Number.MAX_SAFE_INTEGER : dayRange(input.to, zone).end,
      };
      return {
        items: page.all({ ...params, limit: input.limit, offset: input.offset }).map(toEntry),
        total: count.get(params)?.n ?? 0,
        offset: input.offset,
        limit: input.limit,
        entities: entities.all().map((row) => row.entity),
      };
    },
  };
};
