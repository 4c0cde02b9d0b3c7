import type { Sqlite } from '../db/open';
import { patientRecords } from '../patients/records';

/** A registered patient the registration form's rules call the same person, and why. */
export interface SamePerson {
  patientNumber: string;
  why: 'same name and date of birth' | 'same phone';
}

/** What an import asks about the patients registered before it started. */
export interface RegisteredPatients {
  /** Reads them into memory (true) or asks the database row by row (false). */
  readonly inMemory: boolean;
  /** How many there were when the import started. */
  readonly count: number;
  /** The patient already imported with this external id. */
  withExternalId(externalId: string): string | undefined;
  /**
   * The registration form's duplicate rules (`patientRecords.duplicates`): the first patient with
   * the same name and date of birth, else the first with the same phone (6 digits or more).
   * `nameKey` is `searchText(name)|dateOfBirth`; `phoneKey` the phone's digits, or null.
   */
  samePerson(
    patient: { fullName: string; dateOfBirth: string; phone: string },
    nameKey: string,
    phoneKey: string | null,
  ): SamePerson | undefined;
}

/** Below this many registered patients reading them all costs less than a few thousand lookups. */
export const IN_MEMORY_MIN = 10_000;

/**
 * The registered patients an import compares its rows with. When there are no more of them than
 * the file probably has rows (or under IN_MEMORY_MIN), they are read once, in id order, into three
 * maps (the first patient per key wins, as the indexed lookups return them), instead of three
 * indexed lookups per row; a big clinic importing a small file keeps the lookups. Either way the
 * answers are the same (tests/integration/imports/registered.test.ts).
 */
export function registeredPatients(
  sqlite: Sqlite,
  expectedRows: number,
  inMemoryMin = IN_MEMORY_MIN,
): RegisteredPatients {
  const count = sqlite.prepare<[], number>('SELECT count(*) FROM patients').pluck().get() ?? 0;
  return count <= Math.max(inMemoryMin, expectedRows) ? inMemory(sqlite, count) : byLookup(sqlite, count);
}

export function byLookup(sqlite: Sqlite, count: number): RegisteredPatients {
  const records = patientRecords(sqlite);
  const byExternalId = sqlite
    .prepare<[string], string>('SELECT patient_number FROM patients WHERE external_id = ?')
    .pluck();
  return {
    inMemory: false,
    count,
    withExternalId: (externalId) => byExternalId.get(externalId),
    samePerson(patient) {
      const first = records.duplicates(patient)[0];
      if (!first) return undefined;
      return {
        patientNumber: first.patientNumber,
        why: first.reason === 'phone' ? 'same phone' : 'same name and date of birth',
      };
    },
  };
}

export function inMemory(sqlite: Sqlite, count: number): RegisteredPatients {
  const external = new Map<string, string>();
  const nameBirth = new Map<string, string>();
  const phone = new Map<string, string>();
  const rows = sqlite
    .prepare<
      [],
      {
        number: string;
        name: string;
        born: string;
        digits: string | null;
        external: string | null;
      }
    >(
      `SELECT patient_number AS number, search_name AS name, date_of_birth AS born,
         phone_digits AS digits, external_id AS external FROM patients ORDER BY id`,
    )
    .iterate();
  for (const row of rows) {
    if (row.external !== null && !external.has(row.external)) external.set(row.external, row.number);
    if (row.name !== '' && row.born !== '') {
      const key = `${row.name}|${row.born}`;
      if (!nameBirth.has(key)) nameBirth.set(key, row.number);
    }
    if (row.digits !== null && row.digits.length >= 6 && !phone.has(row.digits))
      phone.set(row.digits, row.number);
  }
  return {
    inMemory: true,
    count,
    withExternalId: (externalId) => external.get(externalId),
    samePerson(_patient, nameKey, phoneKey) {
      const byName = nameBirth.get(nameKey);
      if (byName !== undefined) return { patientNumber: byName, why: 'same name and date of birth' };
      const byPhone = phoneKey === null ? undefined : phone.get(phoneKey);
      return byPhone === undefined ? undefined : { patientNumber: byPhone, why: 'same phone' };
    },
  };
}
