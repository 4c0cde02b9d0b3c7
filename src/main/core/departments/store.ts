import type { DepartmentSummary } from '../../../shared/channels/departments';
import type { Sqlite } from '../db/open';
import { UserError } from '../errors';

/** One department with the number of its active doctors. */
export interface DepartmentRow {
  id: number;
  name: string;
  description: string;
  active: number;
  doctor_count: number;
}

export const toSummary = (row: DepartmentRow): DepartmentSummary => ({
  id: row.id,
  name: row.name,
  description: row.description,
  active: row.active === 1,
  doctorCount: row.doctor_count,
});

const SELECT = `SELECT d.id, d.name, d.description, d.active,
    (SELECT count(*) FROM doctors WHERE department_id = d.id AND active = 1) AS doctor_count
  FROM departments d`;

/** The departments table's prepared statements, named for what they read or write. */
export function departmentStore(sqlite: Sqlite) {
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

  return {
    list: (includeRetired: boolean): DepartmentRow[] => list.all(includeRetired ? 1 : 0),

    /** The department, or a clear sentence when another window removed it. */
    require(id: number): DepartmentRow {
      const row = byId.get(id);
      if (!row) throw new UserError('not_found', 'This department no longer exists. Reload the list.');
      return row;
    },

    insert: (values: { name: string; description: string }, now: number): number =>
      Number(insert.run(values.name, values.description, now, now).lastInsertRowid),

    update(id: number, values: { name: string; description: string }, now: number): void {
      update.run(values.name, values.description, now, id);
    },

    setActive(id: number, active: boolean, now: number): void {
      setActive.run(active ? 1 : 0, now, id);
    },
  };
}
