import { beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../src/main/core/db/open';
import { byLookup, inMemory, registeredPatients } from '../../../src/main/core/imports/registered';
import { phoneDigits, searchText } from '../../../src/main/core/patients/search-text';
import { value } from '../../support/clinic';
import { stageFile, useAdminClinic } from './support';

/** The same person by the registration form's rules, asked both ways (row lookups, or maps). */
describe('registered patients: read into memory or looked up row by row, the same answers', () => {
  const clinic = useAdminClinic();
  beforeAll(async () => {
    const { t, admin } = clinic;
    const desk = t.core.connectAs('ada', 'test');
    const register = (fullName: string, dateOfBirth: string, phone = '') =>
      value(desk, 'patients/register', {
        fullName,
        dateOfBirth,
        sex: 'unknown',
        phone,
        confirmDuplicate: true,
      });
    await register('Grace Hopper', '1906-12-09', '+1 555 010 0001');
    await register('GRACE  hopper', '1906-12-09');
    await register('Alan Turing', '1912-06-23', '+1 (555) 010-0001');
    const gone = await register('Zoë Núñez', '1980-03-25', '0044 7700 900123');
    await value(desk, 'patients/deactivate', { id: gone.id, reason: 'Moved away' });
    await register('Zoe Nunez', '1980-03-25', '07700 900123');
    const csv = [
      'id,name,born,tel',
      'A-1,Ada Lovelace,1915-12-10,',
      'A-2,Björn Lindqvist,1975-11-02,+46 70 123 45 67',
    ];
    await value(admin, 'imports/run', {
      uploadId: await stageFile(admin, Buffer.from(csv.join('\r\n'))),
      mapping: { externalId: 'id', fullName: 'name', dateOfBirth: 'born', phone: 'tel' },
    });
  });

  it('for external ids, names with dates of birth and phones, found or not', () => {
    const db = openSqlite(clinic.t.core.dbPath, { readonly: true });
    try {
      const count = db.prepare<[], number>('SELECT count(*) FROM patients').pluck().get() ?? 0;
      expect(count).toBe(7);
      const lookup = byLookup(db, count);
      const memory = inMemory(db, count);
      const probes = [
        ['Grace Hopper', '1906-12-09', ''],
        ['grace hopper', '1906-12-09', '+1 555 010 0001'],
        ['Grace Hopper', '1906-12-10', '1 555 010 0001'],
        ['Someone Else', '1950-01-01', '+1 (555) 010-0001'],
        ['Zoe Nunez', '1980-03-25', ''],
        ['Zoé NÚÑEZ', '1980-03-25', '+44 7700 900123'],
        ['Nobody', '1980-03-25', '07700 900123'],
        ['Nobody', '1980-03-25', '0044 7700 900123'],
        ['Ada Lovelace', '1915-12-10', ''],
        ['Bjorn Lindqvist', '2000-01-01', '+46 (70) 123-4567'],
        ['Nobody', '2000-01-01', '12345'],
        ['Nobody', '2000-01-01', ''],
      ] as const;
      const answers = probes.map(([fullName, dateOfBirth, phone]) => {
        const nameKey = `${searchText(fullName)}|${dateOfBirth}`;
        const digits = phoneDigits(phone);
        const phoneKey = digits && digits.length >= 6 ? digits : null;
        const patient = { fullName, dateOfBirth, phone };
        const fromLookup = lookup.samePerson(patient, nameKey, phoneKey);
        expect(memory.samePerson(patient, nameKey, phoneKey), `${fullName} ${dateOfBirth} ${phone}`).toEqual(
          fromLookup,
        );
        return fromLookup;
      });
      // The first registered patient wins, whichever rule finds them; inactive patients count.
      expect(answers.map((a) => (a ? `${a.patientNumber} ${a.why}` : null))).toEqual([
        'P000001 same name and date of birth',
        'P000001 same name and date of birth',
        'P000001 same phone',
        'P000001 same phone',
        'P000004 same name and date of birth',
        'P000004 same name and date of birth',
        'P000005 same phone',
        'P000004 same phone',
        'P000006 same name and date of birth',
        'P000007 same phone',
        null,
        null,
      ]);
      for (const id of ['A-1', 'A-2', 'A-3', '']) {
        expect(memory.withExternalId(id), id).toBe(lookup.withExternalId(id));
      }
      expect(lookup.withExternalId('A-2')).toBe('P000007');
      expect([lookup.inMemory, memory.inMemory]).toEqual([false, true]);
    } finally {
      db.close();
    }
  });

  it('reads them into memory when the file may have as many rows as the clinic has patients, else looks them up', () => {
    const db = openSqlite(clinic.t.core.dbPath, { readonly: true });
    try {
      expect(registeredPatients(db, 3).inMemory).toBe(true);
      expect(registeredPatients(db, 3).count).toBe(7);
      // Past the floor, the file's size decides.
      expect(registeredPatients(db, 6, 5).inMemory).toBe(false);
      expect(registeredPatients(db, 7, 5).inMemory).toBe(true);
    } finally {
      db.close();
    }
  });
});
