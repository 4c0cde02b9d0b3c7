import type { followUpChannels } from '../../../shared/channels/followUps';
import type { FollowUpItem, FollowUpStatus } from '../../../shared/dto/follow-ups';
import { UserError } from '../errors';
import { actorOf } from '../audit/actor';
import { requireSession, type DomainHandlers } from '../handler';

import { addDays, localDate } from '../time/zone';

interface FollowUpRow {
  id: number;
  patient_id: number;
  patient_number: string;
  patient_name: string;
  phone: string | null;
  doctor_id: number;
  doctor_name: string;
  due_date: string;
  status: FollowUpStatus;
  recalled: number;
}

const SELECT = `SELECT f.id, f.patient_id, p.patient_number, p.full_name AS patient_name, p.phone,
    f.doctor_id, d.full_name AS doctor_name, f.due_date, f.status,
    EXISTS (SELECT 1 FROM email_outbox o WHERE o.dedupe_key = 'recall:' || f.id) AS recalled
  FROM follow_ups f JOIN patients p ON p.id = f.patient_id JOIN doctors d ON d.id = f.doctor_id`;

export const followUpHandlers: DomainHandlers<typeof followUpChannels> = ({
  sqlite,
  clock,
  settings,
  audit,
}) => {
  const today = () => localDate(clock.now().getTime(), settings.get('timeZone'));
  const toItem = (row: FollowUpRow): FollowUpItem => ({
    id: row.id,
    patientId: row.patient_id,
    patientNumber: row.patient_number,
    patientName: row.patient_name,
    phone: row.phone,
    doctorId: row.doctor_id,
    doctorName: row.doctor_name,
    dueDate: row.due_date,
    status: row.status,
    overdue: row.status === 'open' && row.due_date < today(),
    recalled: row.recalled === 1,
  });
  // Open follow-ups between two dates (inclusive), for one doctor or all; soonest first.
  const open = sqlite.prepare<
    { from: string; to: string; doctorId: number | null; patientId: number | null; limit: number },
    FollowUpRow
  >(
    `${SELECT} WHERE f.status = 'open' AND f.due_date >= @from AND f.due_date <= @to
       AND (@doctorId IS NULL OR f.doctor_id = @doctorId)
       AND (@patientId IS NULL OR f.patient_id = @patientId) AND p.active = 1
     ORDER BY f.due_date, p.full_name, f.id LIMIT @limit`,
  );
  const one = sqlite.prepare<[number], FollowUpRow>(`${SELECT} WHERE f.id = ?`);
  const close = sqlite.prepare<[number, number]>(
    `UPDATE follow_ups SET status = 'not_needed', closed_at = ? WHERE id = ? AND status = 'open'`,
  );

  return {
    'followUps/list': (input, ctx) => {
      const session = requireSession(ctx);
      // A doctor sees their own patients' follow-ups; the desk and administrators see everyone's.
      const doctorId = session.role === 'doctor' ? (session.doctorId ?? 0) : (input.doctorId ?? null);
      const day = today();
      const range =
        input.view === 'week'
          ? { from: day, to: addDays(day, 6) }
          : input.view === 'overdue'
            ? { from: '0000-01-01', to: addDays(day, -1) }
            : { from: '0000-01-01', to: '9999-12-31' };
      return open
        .all({ ...range, doctorId, patientId: input.patientId ?? null, limit: input.limit })
        .map(toItem);
    },

    'followUps/markNotNeeded': (input, ctx) => {
      const session = requireSession(ctx);
      const item = sqlite
        .transaction(() => {
          const row = one.get(input.id);
          if (!row) throw new UserError('not_found', 'That follow-up does not exist.');
          if (session.role === 'doctor' && session.doctorId !== row.doctor_id)
            throw new UserError(
              'forbidden',
              `This follow-up is ${row.doctor_name}'s; doctors close their own only.`,
            );
          if (row.status !== 'open')
            throw new UserError(
              'conflict',
              row.status === 'booked'
                ? 'This follow-up is already booked.'
                : 'This follow-up is already closed.',
            );
          close.run(clock.now().getTime(), input.id);
          audit.record(actorOf(session), {
            action: 'close',
            entity: 'follow_up',
            entityId: input.id,
            summary: `Follow-up of patient ${row.patient_number} due ${row.due_date} marked not needed`,
          });
          const after = one.get(input.id);
          if (!after) throw new Error(`follow-up ${input.id} vanished`);
          return toItem(after);
        })
        .immediate();
      ctx.changed('follow_ups');
      return item;
    },
  };
};
