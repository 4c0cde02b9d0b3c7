import type { appointmentChannels } from '../../../shared/channels/appointments';
import type { SessionInfo } from '../../../shared/dto';
import type { AppointmentStatus, AppointmentView } from '../../../shared/dto/clinic';
import { UserError } from '../errors';
import type { DomainHandlers } from '../handler';
import { requireSession } from '../handler';
import { patientRecords, type BookablePatient } from '../patients/records';
import { addDays, dayRange, localDate, localTime } from '../time/zone';
import { bookingRules } from './booking';
import { bookingConfirmations } from './confirmations';
import { scheduleQueries, type DoctorRow } from './schedule';
import type { CandidateSlot } from './slots';
import { assertTransition } from './status';
import { appointmentViews } from './views';
import { actorOf } from '../audit/actor';

/** Doctors act on their own appointments only; the front desk and administrators on any. */
function assertMayAct(session: SessionInfo, appointment: AppointmentView): void {
  if (session.role === 'doctor' && session.doctorId !== appointment.doctorId) {
    throw new UserError(
      'forbidden',
      `This appointment is with ${appointment.doctorName}; doctors can act on their own appointments only.`,
    );
  }
}

type Scope = { doctorId?: number | undefined; departmentId?: number | undefined };

/**
 * "Own list only" (docs/clinic-workflows.md): a doctor's calendar and free slots are their own;
 * asking for another doctor or a department is refused with `refusal`. Other roles keep `input`.
 */
function ownScope(session: SessionInfo, input: Scope, refusal: string): Scope {
  if (session.role !== 'doctor') return input;
  if (
    (input.doctorId !== undefined && input.doctorId !== session.doctorId) ||
    input.departmentId !== undefined
  )
    throw new UserError('forbidden', refusal);
  return { doctorId: session.doctorId ?? -1 };
}

export const appointmentHandlers: DomainHandlers<typeof appointmentChannels> = (services) => {
  const { sqlite, settings, clock, audit } = services;
  // Read lazily: the outbox belongs to the background, which is wired next to the handlers.
  const confirmations = bookingConfirmations(sqlite, settings, () => services.background.outbox);
  const schedule = scheduleQueries(sqlite);
  const views = appointmentViews(sqlite);
  const patients = patientRecords(sqlite);
  const rules = bookingRules(sqlite, schedule, patients);
  const zone = () => settings.get('timeZone');
  const now = () => clock.now().getTime();

  const departments = sqlite.prepare<[], { id: number; name: string }>(
    'SELECT id, name FROM departments WHERE active = 1 ORDER BY name',
  );
  const setStatus = sqlite.prepare<{
    id: number;
    status: AppointmentStatus;
    reason: string | null;
    now: number;
  }>(
    `UPDATE appointments SET status = @status, cancel_reason = coalesce(@reason, cancel_reason), updated_at = @now
     WHERE id = @id`,
  );
  const insertTreatment = sqlite.prepare(
    `INSERT INTO treatments (appointment_id, diagnosis, treatment_notes, prescription, next_visit_date, recorded_by,
       created_at, updated_at) VALUES (@appointmentId, @diagnosis, @treatmentNotes, @prescription, @nextVisitDate,
       @recordedBy, @now, @now)`,
  );

  const load = (id: number): AppointmentView => {
    const found = views.get(id, zone());
    if (!found) throw new UserError('not_found', 'That appointment does not exist.');
    return found;
  };

  /** The view of an appointment this booking just inserted, as `views.get` would read it. */
  const bookedView = (
    id: number,
    patient: BookablePatient,
    doctor: DoctorRow,
    slot: CandidateSlot,
    reason: string,
    timeZone: string,
  ): AppointmentView => ({
    id,
    patientId: patient.id,
    patientNumber: patient.patientNumber,
    patientName: patient.fullName,
    doctorId: doctor.id,
    doctorName: doctor.full_name,
    departmentId: doctor.department_id,
    departmentName: doctor.department_name,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    date: slot.date,
    time: slot.time,
    endTime: localTime(slot.endsAt, timeZone),
    status: 'booked',
    reason,
    cancelReason: null,
    treatmentId: null,
  });

  /** Reads the appointment, checks who may act and the status change, then writes it with its audit row. */
  const changeStatus = (
    session: SessionInfo,
    id: number,
    to: AppointmentStatus,
    extra: {
      reason?: string;
      check?: (a: AppointmentView) => void;
      write?: (a: AppointmentView) => void;
      /** Runs after the audit row, still inside the transaction (e.g. to queue an email). */
      after?: (a: AppointmentView) => void;
      summary: string;
    },
  ): AppointmentView =>
    sqlite
      .transaction(() => {
        const appointment = load(id);
        assertMayAct(session, appointment);
        assertTransition(appointment.status, to);
        extra.check?.(appointment);
        setStatus.run({ id, status: to, reason: extra.reason ?? null, now: now() });
        extra.write?.(appointment);
        audit.record(actorOf(session), {
          action: to === 'arrived' ? 'check_in' : to,
          entity: 'appointment',
          entityId: id,
          summary: `${extra.summary} (${appointment.patientNumber}, ${appointment.date} ${appointment.time}, ${appointment.doctorName})`,
        });
        const updated = load(id);
        extra.after?.(updated);
        return updated;
      })
      .immediate();

  return {
    'appointments/options': () => ({
      departments: departments.all(),
      doctors: schedule.activeDoctors({}).map((d) => ({
        id: d.id,
        fullName: d.full_name,
        departmentId: d.department_id,
        departmentName: d.department_name,
        consultationMinutes: d.consultation_minutes,
      })),
      timeZone: zone(),
      today: localDate(now(), zone()),
    }),

    'appointments/freeSlots': (input, ctx) => {
      const session = requireSession(ctx);
      const timeZone = zone();
      const filter = ownScope(session, input, 'Doctors can see their own free slots only.');
      return {
        timeZone,
        from: input.from,
        days: input.days,
        doctors: schedule.activeDoctors(filter).map((d) => ({
          doctorId: d.id,
          doctorName: d.full_name,
          departmentName: d.department_name,
          slots: schedule
            .free(d, input.from, input.days, timeZone, now())
            .map(({ startsAt, endsAt, date, time }) => ({ startsAt, endsAt, date, time })),
        })),
      };
    },

    'appointments/list': (input, ctx) => {
      const session = requireSession(ctx);
      const timeZone = zone();
      const filter = ownScope(session, input, 'Doctors can list their own appointments only.');
      const start = dayRange(input.from, timeZone).start;
      const end = dayRange(addDays(input.from, input.days - 1), timeZone).end;
      return {
        timeZone,
        today: localDate(now(), timeZone),
        now: now(),
        from: input.from,
        days: input.days,
        items: views.range({ start, end, ...filter }, timeZone),
      };
    },

    'appointments/get': (input, ctx) => {
      const session = requireSession(ctx);
      const appointment = load(input.id);
      assertMayAct(session, appointment);
      const clinical = session.role !== 'reception';
      return { ...appointment, treatment: clinical ? views.treatmentOf(appointment.id) : null };
    },

    'appointments/book': (input, ctx) => {
      const session = requireSession(ctx);
      // The answer is built from what this transaction read and wrote (the checked patient and
      // doctor, the slot, the new row's id): the same view a read of the new row gives
      // (appointments.test.ts compares them), without reading it back. The clinic's zone is read
      // inside too: one snapshot, and a read in a transaction is a tenth of one outside.
      const booked = rules.withSlotConflict(() =>
        sqlite
          .transaction(() => {
            const at = now();
            const timeZone = zone();
            const { patient, doctor, slot } = rules.checkBookable({ ...input, now: at, timeZone });
            const newId = rules.insert({
              patientId: patient.id,
              doctorId: doctor.id,
              startsAt: slot.startsAt,
              endsAt: slot.endsAt,
              reason: input.reason,
              createdBy: session.userId,
              now: at,
            });
            audit.record(actorOf(session), {
              action: 'book',
              entity: 'appointment',
              entityId: newId,
              summary: `Booked ${patient.patientNumber} with ${doctor.full_name} on ${slot.date} at ${slot.time}`,
            });
            const view = bookedView(newId, patient, doctor, slot, input.reason, timeZone);
            confirmations.queueTo(patient, at, 'booked', view);
            return view;
          })
          .immediate(),
      );
      return booked;
    },

    'appointments/reschedule': (input, ctx) => {
      const session = requireSession(ctx);
      // The answer is the appointment as this transaction left it, with where it was, so the change
      // names both doctor-days and the screen can say what moved.
      return rules.withSlotConflict(() =>
        sqlite
          .transaction(() => {
            const current = load(input.id);
            if (current.status !== 'booked') {
              throw new UserError(
                'conflict',
                `Only a booked appointment can be moved; this one is “${current.status.replace('_', '-')}”.`,
              );
            }
            const { doctor, slot } = rules.checkBookable({
              patientId: current.patientId,
              doctorId: input.doctorId ?? current.doctorId,
              startsAt: input.startsAt,
              now: now(),
              timeZone: zone(),
              exceptAppointmentId: current.id,
            });
            rules.move(current.id, doctor.id, slot.startsAt, slot.endsAt, now());
            audit.record(actorOf(session), {
              action: 'reschedule',
              entity: 'appointment',
              entityId: current.id,
              summary: `Moved ${current.patientNumber} from ${current.date} ${current.time} (${current.doctorName}) to ${slot.date} ${slot.time} (${doctor.full_name})`,
            });
            const moved = load(current.id);
            confirmations.queue('rescheduled', moved, {
              date: current.date,
              time: current.time,
              doctorName: current.doctorName,
            });
            const { doctorId, doctorName, departmentId, date, time } = current;
            return { ...moved, movedFrom: { doctorId, doctorName, departmentId, date, time } };
          })
          .immediate(),
      );
    },

    'appointments/cancel': (input, ctx) => {
      const result = changeStatus(requireSession(ctx), input.id, 'cancelled', {
        reason: input.reason,
        summary: 'Cancelled',
        after: (a) => confirmations.queue('cancelled', a),
      });
      return result;
    },

    'appointments/checkIn': (input, ctx) => {
      const today = localDate(now(), zone());
      const result = changeStatus(requireSession(ctx), input.id, 'arrived', {
        summary: 'Checked in',
        check: (a) => {
          if (a.date !== today) {
            throw new UserError(
              'conflict',
              `Patients can be checked in on the day of their appointment only; this one is on ${a.date}.`,
            );
          }
        },
      });
      return result;
    },

    'appointments/noShow': (input, ctx) => {
      const result = changeStatus(requireSession(ctx), input.id, 'no_show', {
        summary: 'Marked as no-show',
        check: (a) => {
          if (a.startsAt > now()) {
            throw new UserError(
              'conflict',
              `The appointment at ${a.time} on ${a.date} has not started yet, so it cannot be a no-show.`,
            );
          }
        },
      });
      return result;
    },

    'appointments/complete': (input, ctx) => {
      const session = requireSession(ctx);
      const result = changeStatus(session, input.id, 'completed', {
        summary: 'Completed with treatment recorded',
        check: (a) => {
          if (input.nextVisitDate !== null && input.nextVisitDate <= a.date) {
            throw new UserError('invalid_input', `The next visit must be after this visit (${a.date}).`);
          }
        },
        write: (a) => {
          insertTreatment.run({
            appointmentId: a.id,
            diagnosis: input.diagnosis,
            treatmentNotes: input.treatmentNotes,
            prescription: input.prescription,
            nextVisitDate: input.nextVisitDate,
            recordedBy: session.userId,
            now: now(),
          });
        },
      });
      return { ...result, treatment: views.treatmentOf(result.id) };
    },
  };
};
