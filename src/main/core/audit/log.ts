import type { Sqlite } from '../db/open';
import type { Clock } from '../host';

export interface AuditActor {
  userId: number | null;
  username: string;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | number | null;
  summary: string;
}

export interface AuditLog {
  /** Call inside the transaction of the change it describes, so both land or neither. */
  record(actor: AuditActor, entry: AuditEntry): void;
}

export function auditLog(sqlite: Sqlite, clock: Clock): AuditLog {
  const insert = sqlite.prepare(
    `INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, summary)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    record(actor, entry) {
      insert.run(
        clock.now().getTime(),
        actor.userId,
        actor.username,
        entry.action,
        entry.entity,
        entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
        entry.summary,
      );
    },
  };
}
