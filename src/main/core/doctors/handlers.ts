import type { doctorChannels, DoctorDetail } from '../../../shared/channels/doctors';
import { formatTimeOfDay } from '../../../shared/time-of-day';
import { actorOf } from '../audit/actor';
import { UserError } from '../errors';
import { requireSession, type DomainHandlers } from '../handler';
import { localDate } from '../time/zone';
import {
  assertNoOverlap,
  assertNotPast,
  assertNoUpcoming,
  assertOpenDepartment,
  describeWeek,
  doctorChanges,
  minutes,
  weeklyHours,
} from './rules';
import { doctorStore, toException, toSummary } from './store';

export const doctorHandlers: DomainHandlers<typeof doctorChannels> = ({ sqlite, audit, clock, settings }) => {
  const store = doctorStore(sqlite);
  const now = (): number => clock.now().getTime();
  const today = (): string => localDate(now(), settings.get('timeZone'));
  const openDepartment = (id: number): { name: string } => assertOpenDepartment(store.department(id));

  const detail = (id: number): DoctorDetail => ({
    ...toSummary(store.require(id)),
    availability: store.availability(id),
    exceptions: store.exceptionsFrom(id, today()).map(toException),
  });

  return {
    'doctors/list': (input) => store.list(input.departmentId, input.includeInactive).map(toSummary),

    'doctors/get': (input) => detail(input.id),

    'doctors/create': (input, ctx) => {
      const session = requireSession(ctx);
      const id = sqlite.transaction(() => {
        const department = openDepartment(input.departmentId);
        const newId = store.insert(input, now());
        audit.record(actorOf(session), {
          action: 'create',
          entity: 'doctor',
          entityId: newId,
          summary: `Added ${input.fullName} to ${department.name} (${input.consultationMinutes}-minute consultations)`,
        });
        return newId;
      })();
      ctx.changed('doctors', 'departments');
      return toSummary(store.require(id));
    },

    'doctors/update': (input, ctx) => {
      const session = requireSession(ctx);
      sqlite.transaction(() => {
        const row = store.require(input.id);
        const movedTo =
          row.department_id === input.departmentId ? null : openDepartment(input.departmentId).name;
        const changes = doctorChanges(row, input, movedTo);
        if (changes.length === 0) return;
        store.update(row.id, input, now());
        audit.record(actorOf(session), {
          action: 'update',
          entity: 'doctor',
          entityId: row.id,
          summary: `Updated ${input.fullName}: ${changes.join('; ')}`,
        });
        ctx.changed('doctors', 'departments');
      })();
      return toSummary(store.require(input.id));
    },

    'doctors/setActive': (input, ctx) => {
      const session = requireSession(ctx);
      sqlite
        .transaction(() => {
          const row = store.require(input.id);
          if ((row.active === 1) === input.active) return;
          if (!input.active) assertNoUpcoming(row, store.upcomingAppointments(row.id, now()));
          store.setActive(row.id, input.active, now());
          audit.record(actorOf(session), {
            action: input.active ? 'reactivate' : 'deactivate',
            entity: 'doctor',
            entityId: row.id,
            summary: `${input.active ? 'Reactivated' : 'Deactivated'} ${row.full_name}`,
          });
          ctx.changed('doctors', 'departments');
        })
        .immediate();
      return toSummary(store.require(input.id));
    },

    'doctors/setAvailability': (input, ctx) => {
      const session = requireSession(ctx);
      sqlite.transaction(() => {
        const row = store.require(input.doctorId);
        const week = weeklyHours(input.rows);
        store.replaceAvailability(row.id, week);
        audit.record(actorOf(session), {
          action: 'set_availability',
          entity: 'doctor',
          entityId: row.id,
          summary: `Set weekly hours of ${row.full_name}: ${describeWeek(week) || 'none'}`,
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
        const row = store.require(input.doctorId);
        assertNotPast(input.date, today());
        assertNoOverlap(row.full_name, input.date, start, end, store.exceptionsOn(row.id, input.date));
        const id = store.insertException(
          {
            doctor_id: row.id,
            date: input.date,
            kind: input.kind,
            start_minute: start,
            end_minute: end,
            note: input.note,
          },
          now(),
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
        const exception = store.exception(input.id);
        if (!exception) {
          throw new UserError('not_found', 'This leave or extra-hours entry no longer exists. Reload.');
        }
        const row = store.require(exception.doctor_id);
        store.deleteException(exception.id);
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
