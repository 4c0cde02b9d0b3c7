import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { value } from '../../support/clinic';
import { adminClinic, stageFile, useAdminClinic } from './support';

/** Every column of a patient's row but its id, number and external id. */
function rowOf(dbPath: string, where: string): Record<string, unknown> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const row = db.prepare(`SELECT * FROM patients WHERE ${where}`).get() as Record<string, unknown>;
    const { id: _id, patient_number: _number, external_id: _external, ...rest } = row;
    return rest;
  } finally {
    db.close();
  }
}

/**
 * The import writes patients with its own INSERT (src/main/core/imports/insert.ts): an imported
 * patient's row must be the row registration writes for the same details, column for column.
 */
describe('an imported patient is stored as a registered one', () => {
  const clinic = useAdminClinic();

  it.each([
    {
      fullName: 'Zoë  Núñez-Smith',
      dateOfBirth: '1980-03-25',
      sex: 'female',
      phone: '+44 7700 900123',
      email: 'zoe@example.com',
      address: 'Calle Mayor 10, 2º\nMadrid',
      notes: 'Allergic to penicillin; "severe"',
      emailReminders: true,
    },
    {
      fullName: 'Björn Lindqvist',
      dateOfBirth: '1975-11-02',
      sex: 'unknown',
      phone: '',
      email: '',
      address: '',
      notes: '',
      emailReminders: false,
    },
  ])(
    '$fullName',
    async (patient) => {
      await value(clinic.t.core.connectAs('ada', 'test'), 'patients/register', {
        ...patient,
        fullName: patient.fullName.replace(/\s+/g, ' '),
      });
      const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
      const csv = [
        'id,name,born,sex,phone,email,address,notes,reminders',
        [
          `X-${patient.dateOfBirth}`,
          patient.fullName,
          patient.dateOfBirth,
          patient.sex === 'female' ? 'F' : '',
          patient.phone,
          patient.email,
          patient.address,
          patient.notes,
          patient.emailReminders ? 'yes' : 'no',
        ]
          .map(quote)
          .join(','),
      ].join('\r\n');
      const mapping = {
        externalId: 'id',
        fullName: 'name',
        dateOfBirth: 'born',
        sex: 'sex',
        phone: 'phone',
        email: 'email',
        address: 'address',
        notes: 'notes',
        emailReminders: 'reminders',
      };
      // The registered twin would make the row a duplicate: import it into a clinic without it.
      const { t: other, admin: otherAdmin } = await adminClinic();
      try {
        const run = await value(otherAdmin, 'imports/run', {
          uploadId: await stageFile(otherAdmin, Buffer.from(csv)),
          mapping,
        });
        expect(run).toMatchObject({ added: 1, invalid: 0 });
        expect(rowOf(other.core.dbPath, `external_id = 'X-${patient.dateOfBirth}'`)).toEqual(
          rowOf(clinic.t.core.dbPath, `date_of_birth = '${patient.dateOfBirth}'`),
        );
      } finally {
        other.cleanup();
      }
    },
    60_000,
  );
});
