import type { doctorChannels } from '../../../shared/channels/doctors';
import type {
  AvailabilityRow,
  DoctorDetail,
  DoctorException,
  DoctorSummary,
} from '../../../shared/channels/doctors';
import { formatTimeOfDay, parseTimeOfDay, WEEKDAY_NAMES } from '../../../shared/time-of-day';
import { actorOf } from '../audit/actor';
import { UserError } from '../errors';
import { requireSession, type DomainHandlers } from '../handler';
import { localDate } from '../time/zone';

interface DoctorRow {
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

interface ExceptionRow {
  id: number;
  doctor_id: number;
  date: string;
  kind: 'leave' | 'extra';
  start_minute: number;
  end_minute: number;
  note: string;
}

const toSummary = (row: DoctorRow): DoctorSummary => ({
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

const toException = (row: ExceptionRow): DoctorException => ({
  id: row.id,
  date: row.date,
  kind: row.kind,
  start: formatTimeOfDay(row.start_minute),
  end: formatTimeOfDay(row.end_minute),
  note: row.note,
});

/** Validated by the contract already; a failure here is a bug, not bad input. */
function minutes(text: string): number {
  const value = parseTimeOfDay(text);
  if (value === null) throw new Error(`Unparsed time of day reached a handler: ${text}`);
  return value;
}

const SELECT = `SELECT d.id, d.full_name, d.department_id, dep.name AS department_name, d.qualifications,
    d.email, d.phone, d.consultation_minutes, d.active, u.username
  FROM doctors d
  JOIN departments dep ON dep.id = d.department_id
  LEFT JOIN staff_users u ON u.doctor_id = d.id`;

export const doctorHandlers: DomainHandlers<typeof doctorChannels> = ({ sqlite, audit, clock, settings }) => {
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
    `SELECT id, doctor_id, date, kind, start_minute, end_minute, note FROM doctor_exceptions
     WHERE doctor_id = ? AND date >= ? ORDER BY date, start_minute`,
  );
  const exceptionsOn = sqlite.prepare<[number, string], ExceptionRow>(
    `SELECT id, doctor_id, date, kind, start_minute, end_minute, note FROM doctor_exceptions
     WHERE doctor_id = ? AND date = ?`,
  );
  const exceptionById = sqlite.prepare<[number], ExceptionRow>(
    'SELECT id, doctor_id, date, kind, start_minute, end_minute, note FROM doctor_exceptions WHERE id = ?',
  );
  const insertException = sqlite.prepare(
    `INSERT INTO doctor_exceptions (doctor_id, date, kind, start_minute, end_minute, note, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const deleteException = sqlite.prepare('DELETE FROM doctor_exceptions WHERE id = ?');

  const today = (): string => localDate(clock.now().getTime(), settings.get('timeZone'));

  const existing = (id: number): DoctorRow => {
    const row = byId.get(id);
    if (!row) throw new UserError('not_found', 'This doctor no longer exists. Reload the list.');
    return row;
  };

  const detail = (id: number): DoctorDetail => ({
    ...toSummary(existing(id)),
    availability: availability.all(id).map((row): AvailabilityRow => ({
      weekday: row.weekday,
      start: formatTimeOfDay(row.start_minute),
      end: formatTimeOfDay(row.end_minute),
      slotMinutes: row.slot_minutes,
    })),
    exceptions: exceptionsFrom.all(id, today()).map(toException),
  });

  /** Departments that take new doctors: existing and not retired. */
  const openDepartment = (departmentId: number): { name: string } => {
    const department = departmentById.get(departmentId);
    if (!department) throw new UserError('not_found', 'That department no longer exists. Choose another.');
    if (!department.active) {
      throw new UserError(
        'conflict',
        `The ${department.name} department is retired and takes no new doctors. Choose another or reinstate it.`,
      );
    }
    return department;
  };

  return {
    'doctors/list': (input) =>
      list.all({ department: input.departmentId, inactive: input.includeInactive ? 1 : 0 }).map(toSummary),

    'doctors/get': (input) => detail(input.id),

    'doctors/create': (input, ctx) => {
      const session = requireSession(ctx);
      const id = sqlite.transaction(() => {
        const department = openDepartment(input.departmentId);
        const now = clock.now().getTime();
        const newId = Number(
          insert.run(
            input.fullName,
            input.departmentId,
            input.qualifications,
            input.email,
            input.phone,
            input.consultationMinutes,
            now,
            now,
          ).lastInsertRowid,
        );
        audit.record(actorOf(session), {
          action: 'create',
          entity: 'doctor',
          entityId: newId,
          summary: `Added ${input.fullName} to ${department.name} (${input.consultationMinutes}-minute consultations)`,
        });
        return newId;
      })();
      ctx.changed('doctors', 'departments');
      return toSummary(existing(id));
    },

    'doctors/update': (input, ctx) => {
      const session = requireSession(ctx);
      sqlite.transaction(() => {
        const row = existing(input.id);
        const changes: string[] = [];
        if (row.department_id !== input.departmentId) {
          const department = openDepartment(input.departmentId);
          changes.push(`department ${row.department_name} → ${department.name}`);
        }
        if (row.full_name !== input.fullName) changes.push(`name ${row.full_name} → ${input.fullName}`);
        if (row.consultation_minutes !== input.consultationMinutes) {
          changes.push(`consultation ${row.consultation_minutes} → ${input.consultationMinutes} minutes`);
        }
        if (row.qualifications !== input.qualifications) changes.push('qualifications');
        if (row.email !== input.email) changes.push('email');
        if (row.phone !== input.phone) changes.push('phone');
        if (changes.length === 0) return;
        update.run(
          input.fullName,
          input.departmentId,
          input.qualifications,
          input.email,
          input.phone,
          input.consultationMinutes,
          clock.now().getTime(),
          row.id,
        );
        audit.record(actorOf(session), {
          action: 'update',
          entity: 'doctor',
          entityId: row.id,
          summary: `Updated ${input.fullName}: ${changes.join('; ')}`,
        });
        ctx.changed('doctors', 'departments');
      })();
      return toSummary(existing(input.id));
    },

    'doctors/setActive': (input, ctx) => {
      const session = requireSession(ctx);
      sqlite
        .transaction(() => {
          const row = existing(input.id);
          if ((row.active === 1) === input.active) return;
          if (!input.active) {
            const upcoming = upcomingAppointments.get(row.id, clock.now().getTime())?.n ?? 0;
            if (upcoming > 0) {
              throw new UserError(
                'conflict',
                `${row.full_name} still has ${upcoming} upcoming appointment${upcoming === 1 ? '' : 's'}. Cancel or move them before deactivating.`,
              );
            }
          }
          setActive.run(input.active ? 1 : 0, clock.now().getTime(), row.id);
          audit.record(actorOf(session), {
            action: input.active ? 'reactivate' : 'deactivate',
            entity: 'doctor',
            entityId: row.id,
            summary: `${input.active ? 'Reactivated' : 'Deactivated'} ${row.full_name}`,
          });
          ctx.changed('doctors', 'departments');
        })
        .immediate();
      return toSummary(existing(input.id));
    },

    'doctors/setAvailability': (input, ctx) => {
      const session = requireSession(ctx);
      sqlite.transaction(() => {
        const row = existing(input.doctorId);
        clearAvailability.run(row.id);
        const sorted = [...input.rows].sort(
          (a, b) => a.weekday - b.weekday || minutes(a.start) - minutes(b.start),
        );
        for (const r of sorted) {
          insertAvailability.run(row.id, r.weekday, minutes(r.start), minutes(r.end), r.slotMinutes);
        }
        const described = sorted
          .map((r) => `${WEEKDAY_NAMES[r.weekday]?.slice(0, 3) ?? '?'} ${r.start}–${r.end}/${r.slotMinutes}m`)
          .join(', ');
        audit.record(actorOf(session), {
          action: 'set_availability',
          entity: 'doctor',
          entityId: row.id,
          summary: `Set weekly hours of ${row.full_name}: ${described || 'none'}`,
        });
      })();
      ctx.changed('doctor_availability');
      return detail(input.doctorId);
    },

    'doctors/addException': (input, ctx) => {
      const session = requireSession(ctx);
      const start = minutes(input.start);
      const end = minutes(input.end);
      sqlite.transaction(() => {
        const row = existing(input.doctorId);
        if (input.date < today()) {
          throw new UserError('invalid_input', 'That date has passed. Choose today or a later date.');
        }
        const clash = exceptionsOn
          .all(row.id, input.date)
          .find((other) => start < other.end_minute && other.start_minute < end);
        if (clash) {
          const kind = clash.kind === 'leave' ? 'leave' : 'extra hours';
          throw new UserError(
            'conflict',
            `${row.full_name} already has ${kind} on ${input.date} from ${formatTimeOfDay(clash.start_minute)} to ${formatTimeOfDay(clash.end_minute)}. Remove it first or choose other times.`,
          );
        }
        const id = Number(
          insertException.run(row.id, input.date, input.kind, start, end, input.note, clock.now().getTime())
            .lastInsertRowid,
        );
        audit.record(actorOf(session), {
          action: input.kind === 'leave' ? 'add_leave' : 'add_extra_hours',
          entity: 'doctor',
          entityId: row.id,
          summary: `${input.kind === 'leave' ? 'Leave' : 'Extra hours'} for ${row.full_name} on ${input.date} ${input.start}–${input.end} (exception ${id})`,
        });
      })();
      ctx.changed('doctor_exceptions');
      return detail(input.doctorId);
    },

    'doctors/removeException': (input, ctx) => {
      const session = requireSession(ctx);
      const doctorId = sqlite.transaction(() => {
        const exception = exceptionById.get(input.id);
        if (!exception) {
          throw new UserError('not_found', 'This leave or extra-hours entry no longer exists. Reload.');
        }
        const row = existing(exception.doctor_id);
        deleteException.run(exception.id);
        audit.record(actorOf(session), {
          action: exception.kind === 'leave' ? 'remove_leave' : 'remove_extra_hours',
          entity: 'doctor',
          entityId: row.id,
          summary: `Removed ${exception.kind === 'leave' ? 'leave' : 'extra hours'} of ${row.full_name} on ${exception.date} ${formatTimeOfDay(exception.start_minute)}–${formatTimeOfDay(exception.end_minute)}`,
        });
        return row.id;
      })();
      ctx.changed('doctor_exceptions');
      return detail(doctorId);
    },
  };
};
