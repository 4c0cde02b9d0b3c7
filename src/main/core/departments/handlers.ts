import type { departmentChannels } from '../../../shared/channels/departments';
import type { DepartmentSummary } from '../../../shared/channels/departments';
import { actorOf } from '../audit/actor';
import { isUniqueViolation } from '../db/constraint';
import { UserError } from '../errors';
import { requireSession, type DomainHandlers } from '../handler';

interface DepartmentRow {
  id: number;
  name: string;
  description: string;
  active: number;
  doctor_count: number;
}

const toSummary = (row: DepartmentRow): DepartmentSummary => ({
  id: row.id,
  name: row.name,
  description: row.description,
  active: row.active === 1,
  doctorCount: row.doctor_count,
});

const SELECT = `SELECT d.id, d.name, d.description, d.active,
    (SELECT count(*) FROM doctors WHERE department_id = d.id AND active = 1) AS doctor_count
  FROM departments d`;

export const departmentHandlers: DomainHandlers<typeof departmentChannels> = ({ sqlite, audit, clock }) => {
  const list = sqlite.prepare<[number], DepartmentRow>(
    `${SELECT} WHERE (? = 1 OR d.active = 1) ORDER BY d.name COLLATE NOCASE`,
  );
  const byId = sqlite.prepare<[number], DepartmentRow>(`${SELECT} WHERE d.id = ?`);
  const insert = sqlite.prepare(
    'INSERT INTO departments (name, description, created_at, updated_at) VALUES (?, ?, ?, ?)',
  );
  const update = sqlite.prepare(
    'UPDATE departments SET name = ?, description = ?, updated_at = ? WHERE id = ?',
  );
  const setActive = sqlite.prepare('UPDATE departments SET active = ?, updated_at = ? WHERE id = ?');

  const existing = (id: number): DepartmentRow => {
    const row = byId.get(id);
    if (!row) throw new UserError('not_found', 'This department no longer exists. Reload the list.');
    return row;
  };

  /** The unique index on lower(name) settles duplicates, also between two windows at once. */
  const duplicateName = (error: unknown, name: string): never => {
    if (isUniqueViolation(error, 'departments_name_unique')) {
      throw new UserError('conflict', `There is already a department called "${name}". Choose another name.`);
    }
    throw error;
  };

  return {
    'departments/list': (input) => list.all(input.includeRetired ? 1 : 0).map(toSummary),

    'departments/create': (input, ctx) => {
      const session = requireSession(ctx);
      let id: number;
      try {
        id = sqlite.transaction(() => {
          const now = clock.now().getTime();
          const newId = Number(insert.run(input.name, input.description, now, now).lastInsertRowid);
          audit.record(actorOf(session), {
            action: 'create',
            entity: 'department',
            entityId: newId,
            summary: `Created department ${input.name}`,
          });
          return newId;
        })();
      } catch (error) {
        return duplicateName(error, input.name);
      }
      ctx.changed('departments');
      return toSummary(existing(id));
    },

    'departments/update': (input, ctx) => {
      const session = requireSession(ctx);
      try {
        sqlite.transaction(() => {
          const row = existing(input.id);
          const changes: string[] = [];
          if (row.name !== input.name) changes.push(`renamed ${row.name} → ${input.name}`);
          if (row.description !== input.description) changes.push('description changed');
          if (changes.length === 0) return;
          update.run(input.name, input.description, clock.now().getTime(), row.id);
          audit.record(actorOf(session), {
            action: 'update',
            entity: 'department',
            entityId: row.id,
            summary: `Updated department ${input.name}: ${changes.join('; ')}`,
          });
          ctx.changed('departments', 'doctors');
        })();
      } catch (error) {
        duplicateName(error, input.name);
      }
      return toSummary(existing(input.id));
    },

    'departments/setActive': (input, ctx) => {
      const session = requireSession(ctx);
      sqlite.transaction(() => {
        const row = existing(input.id);
        if ((row.active === 1) === input.active) return;
        setActive.run(input.active ? 1 : 0, clock.now().getTime(), row.id);
        audit.record(actorOf(session), {
          action: input.active ? 'reinstate' : 'retire',
          entity: 'department',
          entityId: row.id,
          summary: `${input.active ? 'Reinstated' : 'Retired'} department ${row.name}`,
        });
        ctx.changed('departments');
      })();
      return toSummary(existing(input.id));
    },
  };
};
