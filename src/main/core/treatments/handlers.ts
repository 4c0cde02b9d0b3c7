import type { treatmentChannels } from '../../../shared/channels/treatments';
import type { TreatmentRecord } from '../../../shared/dto/clinic';
import { appointmentViews } from '../appointments/views';
import { UserError } from '../errors';
import { requireSession, type DomainHandlers } from '../handler';
import { changedFields } from '../patients/records';
import { actorOf } from '../audit/actor';

const TREATMENT_FIELD_LABELS: Partial<Record<keyof TreatmentRecord, string>> = {
  diagnosis: 'diagnosis',
  treatmentNotes: 'treatment notes',
  prescription: 'prescription',
  nextVisitDate: 'next visit date',
};

export const treatmentHandlers: DomainHandlers<typeof treatmentChannels> = ({
  sqlite,
  clock,
  audit,
  settings,
}) => {
  const views = appointmentViews(sqlite);
  const update = sqlite.prepare(
    `UPDATE treatments SET diagnosis = @diagnosis, treatment_notes = @treatmentNotes, prescription = @prescription,
       next_visit_date = @nextVisitDate, updated_at = @now WHERE id = @id`,
  );

  return {
    'treatments/amend': (input, ctx) => {
      const session = requireSession(ctx);
      const { treatmentId, ...fields } = input;
      const result = sqlite
        .transaction(() => {
          const before = views.treatment(treatmentId);
          if (!before) throw new UserError('not_found', 'That treatment record does not exist.');
          if (session.role !== 'admin' && before.recordedBy !== session.userId) {
            throw new UserError(
              'forbidden',
              'Only the doctor who recorded this treatment, or an administrator, can amend it.',
            );
          }
          const visit = views.get(before.appointmentId, settings.get('timeZone'));
          if (visit && fields.nextVisitDate !== null && fields.nextVisitDate <= visit.date) {
            throw new UserError('invalid_input', `The next visit must be after this visit (${visit.date}).`);
          }
          const after = { ...before, ...fields };
          const changed = changedFields<TreatmentRecord>(before, after, TREATMENT_FIELD_LABELS);
          if (changed.length === 0) return before;
          update.run({ id: treatmentId, ...fields, now: clock.now().getTime() });
          audit.record(actorOf(session), {
            action: 'amend',
            entity: 'treatment',
            entityId: treatmentId,
            summary: `Amended ${changed.join(', ')} of the treatment for appointment ${before.appointmentId}`,
          });
          return views.treatment(treatmentId) ?? before;
        })
        .immediate();
      ctx.changed('treatments');
      const { appointmentId: _appointmentId, ...record } = result;
      return record;
    },
  };
};
