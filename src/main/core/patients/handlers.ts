import type { patientChannels } from '../../../shared/channels/patients';
import type { PatientDetails } from '../../../shared/dto/clinic';
import { UserError } from '../errors';
import { requireSession, type DomainHandlers } from '../handler';
import { clinicalAccess } from '../treatments/access';
import { patientHistory } from './history';
import { assertBornByToday, changedFields, PATIENT_FIELD_LABELS, patientRecords } from './records';
import { patientSearch } from './search';
import { actorOf } from '../audit/actor';

function duplicateSentence(count: number): string {
  return count === 1
    ? 'A patient with the same name and date of birth, or the same phone number, is already registered. Check that this is a different person, then confirm to register anyway.'
    : `${count} patients with the same name and date of birth, or the same phone number, are already registered. Check that this is a different person, then confirm to register anyway.`;
}

export const patientHandlers: DomainHandlers<typeof patientChannels> = ({
  sqlite,
  clock,
  settings,
  audit,
}) => {
  const search = patientSearch(sqlite);
  const records = patientRecords(sqlite);
  const history = patientHistory(sqlite);
  const access = clinicalAccess(sqlite);
  const now = () => clock.now().getTime();

  return {
    'patients/list': (input) => search(input),

    'patients/get': (input) => records.require(input.id),

    'patients/checkDuplicates': (input) => records.duplicates(input, input.excludeId),

    'patients/register': (input, ctx) => {
      const session = requireSession(ctx);
      assertBornByToday(input.dateOfBirth, now(), settings.get('timeZone'));
      const id = search.writePatients(() => {
        const duplicates = records.duplicates(input);
        if (duplicates.length > 0 && !input.confirmDuplicate) {
          throw new UserError('conflict', duplicateSentence(duplicates.length));
        }
        const newId = records.insert(input, now());
        const created = records.require(newId);
        audit.record(actorOf(session), {
          action: 'create',
          entity: 'patient',
          entityId: newId,
          summary: `Registered patient ${created.patientNumber}${duplicates.length > 0 ? ' (possible duplicate confirmed)' : ''}`,
        });
        return { value: newId, ids: [newId] };
      });
      ctx.changed('patients');
      return records.require(id);
    },

    'patients/update': (input, ctx) => {
      const session = requireSession(ctx);
      assertBornByToday(input.dateOfBirth, now(), settings.get('timeZone'));
      const { id, ...fields } = input;
      const updated = search.writePatients(() => {
        const before = records.require(id);
        records.update(id, fields, now());
        const after = records.require(id);
        const changed = changedFields<PatientDetails>(before, after, PATIENT_FIELD_LABELS);
        if (changed.length > 0) {
          audit.record(actorOf(session), {
            action: 'update',
            entity: 'patient',
            entityId: id,
            summary: `Changed ${changed.join(', ')} of patient ${after.patientNumber}`,
          });
        }
        return { value: after, ids: [id] };
      });
      ctx.changed('patients');
      return updated;
    },

    'patients/deactivate': (input, ctx) => {
      const session = requireSession(ctx);
      const result = search.writePatients(() => {
        const patient = records.require(input.id);
        if (!patient.active) throw new UserError('conflict', `${patient.fullName} is already inactive.`);
        records.setActive(input.id, false, input.reason, now());
        audit.record(actorOf(session), {
          action: 'deactivate',
          entity: 'patient',
          entityId: input.id,
          summary: `Deactivated patient ${patient.patientNumber}`,
        });
        return { value: records.require(input.id), ids: [input.id] };
      });
      ctx.changed('patients');
      return result;
    },

    'patients/reactivate': (input, ctx) => {
      const session = requireSession(ctx);
      const result = search.writePatients(() => {
        const patient = records.require(input.id);
        if (patient.active) throw new UserError('conflict', `${patient.fullName} is already active.`);
        records.setActive(input.id, true, null, now());
        audit.record(actorOf(session), {
          action: 'reactivate',
          entity: 'patient',
          entityId: input.id,
          summary: `Reactivated patient ${patient.patientNumber}`,
        });
        return { value: records.require(input.id), ids: [input.id] };
      });
      ctx.changed('patients');
      return result;
    },

    'patients/history': (input, ctx) => {
      const session = requireSession(ctx);
      records.require(input.patientId);
      const { clinical } = access.historyAccess(session, input.patientId);
      return {
        ...history(input.patientId, input, { clinical, timeZone: settings.get('timeZone') }),
        clinicalVisible: clinical,
      };
    },
  };
};
