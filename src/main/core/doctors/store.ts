import type { AvailabilityRow, DoctorException, DoctorSummary } from '../../../shared/channels/doctors';
import { formatTimeOfDay } from '../../../shared/time-of-day';
import type { Sqlite } from '../db/open';
import { UserError } from '../errors';

/** One doctor as the list query reads it. */
export interface DoctorRow {
  id: number;
  full_name: string;
  department_id: number;
  department_name: string;
  qualifications: string;
  email: string | null;
  phone: string | null;
  consultation_minutes: number;
  active: number;
  username: string | null;
}

/** One day of leave or extra hours, times in minutes after midnight. */
export interface ExceptionRow {
  id: number;
  doctor_id: number;
  date: string;
  kind: 'leave' | 'extra';
  start_minute: number;
  end_minute: number;
  note: string;
}

/** The columns a doctor is written with (times already in minutes). */
export interface DoctorValues {
  fullName: string;
  departmentId: number;
  qualifications: string;
  email: string | null;
  phone: string | null;
  consultationMinutes: number;
}

export interface WeeklyHours {
  weekday: number;
  startMinute: number;
  endMinute: number;
  slotMinutes: number;
}

export const toSummary = (row: DoctorRow): DoctorSummary => ({
  id: row.id,
  fullName: row.full_name,
  departmentId: row.department_id,
  departmentName: row.department_name,
  qualifications: row.qualifications,
  email: row.email,
  phone: row.phone,
  consultationMinutes: row.consultation_minutes,
  active: row.active === 1,
  username: row.username,
});

export const toException = (row: ExceptionRow): DoctorException => ({
  id: row.id,
  date: row.date,
  kind: row.kind,
  start: formatTimeOfDay(row.start_minute),
  end: formatTimeOfDay(row.end_minute),
  note: row.note,
});

const SELECT = `SELECT d.id, d.full_name, d.department_id, dep.name AS department_name, d.qualifications,
    d.email, d.phone, d.consultation_minutes, d.active, u.username
  FROM doctors d
  JOIN departments dep ON dep.id = d.department_id
  LEFT JOIN staff_users u ON u.doctor_id = d.id`;

/** A doctor's written columns in the order both INSERT and UPDATE list them. */
const columns = (v: DoctorValues) =>
  [v.fullName, v.departmentId, v.qualifications, v.email, v.phone, v.consultationMinutes] as const;

const EXCEPTION_COLUMNS = 'id, doctor_id, date, kind, start_minute, end_minute, note';

/** The doctors tables' prepared statements, named for what they read or write. */
export function doctorStore(sqlite: Sqlite) {
  const list = sqlite.prepare<{ department: number | null; inactive: number }, DoctorRow>(
    `${SELECT} WHERE (@department IS NULL OR d.department_id = @department) AND (@inactive = 1 OR d.active = 1)
     ORDER BY d.full_name COLLATE NOCASE, d.id`,
  );
  const byId = sqlite.prepare<[number], DoctorRow>(`${SELECT} WHERE d.id = ?`);
  const departmentById = sqlite.prepare<[number], { id: number; name: string; active: number }>(
    'SELECT id, name, active FROM departments WHERE id = ?',
  );
  const insert = sqlite.prepare(
    `INSERT INTO doctors (full_name, department_id, qualifications, email, phone, consultation_minutes,
       created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = sqlite.prepare(
    `UPDATE doctors SET full_name = ?, department_id = ?, qualifications = ?, email = ?, phone = ?,
       consultation_minutes = ?, updated_at = ? WHERE id = ?`,
  );
  const setActive = sqlite.prepare('UPDATE doctors SET active = ?, updated_at = ? WHERE id = ?');
  const upcomingAppointments = sqlite.prepare<[number, number], { n: number }>(
    `SELECT count(*) AS n FROM appointments
     WHERE doctor_id = ? AND status IN ('booked', 'arrived') AND starts_at >= ?`,
  );
  const availability = sqlite.prepare<
    [number],
    { weekday: number; start_minute: number; end_minute: number; slot_minutes: number }
  >(
    `SELECT weekday, start_minute, end_minute, slot_minutes FROM doctor_availability
     WHERE doctor_id = ? ORDER BY weekday, start_minute`,
  );
  const clearAvailability = sqlite.prepare('DELETE FROM doctor_availability WHERE doctor_id = ?');
  const insertAvailability = sqlite.prepare(
    `INSERT INTO doctor_availability (doctor_id, weekday, start_minute, end_minute, slot_minutes)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const exceptionsFrom = sqlite.prepare<[number, string], ExceptionRow>(
    `SELECT ${EXCEPTION_COLUMNS} FROM doctor_exceptions
     WHERE doctor_id = ? AND date >= ? ORDER BY date, start_minute`,
  );
  const exceptionsOn = sqlite.prepare<[number, string], ExceptionRow>(
    `SELECT ${EXCEPTION_COLUMNS} FROM doctor_exceptions WHERE doctor_id = ? AND date = ?`,
  );
  const exceptionById = sqlite.prepare<[number], ExceptionRow>(
    `SELECT ${EXCEPTION_COLUMNS} FROM doctor_exceptions WHERE id = ?`,
  );
  const insertException = sqlite.prepare(
    `INSERT INTO doctor_exceptions (doctor_id, date, kind, start_minute, end_minute, note, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const deleteException = sqlite.prepare('DELETE FROM doctor_exceptions WHERE id = ?');

  const find = (id: number): DoctorRow | undefined => byId.get(id);

  return {
    list: (departmentId: number | null, includeInactive: boolean): DoctorRow[] =>
      list.all({ department: departmentId, inactive: includeInactive ? 1 : 0 }),

    find,

    /** The doctor, or a clear sentence when another window removed it. */
    require(id: number): DoctorRow {
      const row = find(id);
      if (!row) throw new UserError('not_found', 'This doctor no longer exists. Reload the list.');
      return row;
    },

    department: (id: number): { id: number; name: string; active: number } | undefined =>
      departmentById.get(id),

    insert: (values: DoctorValues, now: number): number =>
      Number(insert.run(...columns(values), now, now).lastInsertRowid),

    update(id: number, values: DoctorValues, now: number): void {
      update.run(...columns(values), now, id);
    },

    setActive(id: number, active: boolean, now: number): void {
      setActive.run(active ? 1 : 0, now, id);
    },

    upcomingAppointments: (id: number, from: number): number => upcomingAppointments.get(id, from)?.n ?? 0,

    availability: (id: number): AvailabilityRow[] =>
      availability.all(id).map((row) => ({
        weekday: row.weekday,
        start: formatTimeOfDay(row.start_minute),
        end: formatTimeOfDay(row.end_minute),
        slotMinutes: row.slot_minutes,
      })),

    replaceAvailability(id: number, rows: readonly WeeklyHours[]): void {
      clearAvailability.run(id);
      for (const r of rows) insertAvailability.run(id, r.weekday, r.startMinute, r.endMinute, r.slotMinutes);
    },

    exceptionsFrom: (id: number, date: string): ExceptionRow[] => exceptionsFrom.all(id, date),

    exceptionsOn: (id: number, date: string): ExceptionRow[] => exceptionsOn.all(id, date),

    exception: (id: number): ExceptionRow | undefined => exceptionById.get(id),

    insertException: (row: Omit<ExceptionRow, 'id'>, now: number): number =>
      Number(
        insertException.run(
          row.doctor_id,
          row.date,
          row.kind,
          row.start_minute,
          row.end_minute,
          row.note,
          now,
        ).lastInsertRowid,
      ),

    deleteException(id: number): void {
      deleteException.run(id);
    },
  };
}

export type DoctorStore = ReturnType<typeof doctorStore>;
