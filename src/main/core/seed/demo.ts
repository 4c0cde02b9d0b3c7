import { hashPassword, type ScryptCost } from '../auth/password';
import type { Sqlite } from '../db/open';
import { phoneDigits, searchText } from '../patients/search-text';
import type { SettingsStore } from '../settings/store';
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES, QUALIFICATIONS } from './names';
import { seededRandom } from './random';
import { seedVisits, type SeedDoctor } from './visits';
import type { WeeklyHours } from '../appointments/slots';
import { addDays, localDate } from '../time/zone';

export interface DemoSeedOptions {
  seed?: number;
  patients?: number;
  passwordCost: ScryptCost;
  /** The clinic's "now": visits are six months back and two weeks ahead of it. */
  now: number;
  /** False for a clinic with people but no visits yet (tests that build their own diary). */
  visits?: boolean;
}

export interface DemoSeedResult {
  departments: number;
  doctors: number;
  patients: number;
  appointments: number;
  treatments: number;
  logins: { username: string; password: string }[];
}

export function isEmptyClinic(sqlite: Sqlite): boolean {
  const row = sqlite
    .prepare<[], { n: number }>(
      'SELECT (SELECT count(*) FROM staff_users) + (SELECT count(*) FROM patients) + (SELECT count(*) FROM doctors) AS n',
    )
    .get();
  return (row?.n ?? 0) === 0;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * A believable small clinic for trying the app: departments, doctors with weekly hours, staff
 * accounts whose passwords the sign-in screen lists, and patients. Deterministic per seed.
 * Refuses to touch a database that already holds a clinic.
 */
export async function seedDemoClinic(
  sqlite: Sqlite,
  settings: SettingsStore,
  options: DemoSeedOptions,
): Promise<DemoSeedResult> {
  if (!isEmptyClinic(sqlite)) {
    throw new Error('This database already holds a clinic; the demo clinic is only added to an empty one.');
  }
  const random = seededRandom(options.seed ?? 20261129);
  const patientCount = options.patients ?? 400;

  const doctorNames = Array.from({ length: 8 }, (_, i) => ({
    first: FIRST_NAMES[(i * 7 + 3) % FIRST_NAMES.length] ?? 'Alex',
    last: LAST_NAMES[(i * 11 + 5) % LAST_NAMES.length] ?? 'Smith',
  }));
  const logins = [
    { username: 'admin', fullName: 'Alex Morgan', role: 'admin' as const, doctorIndex: null },
    { username: 'reception', fullName: 'Robin Hale', role: 'reception' as const, doctorIndex: null },
    ...doctorNames.map((name, i) => ({
      username: `dr.${searchText(name.last).replace(/[^a-z]/g, '')}`,
      fullName: `Dr ${name.first} ${name.last}`,
      role: 'doctor' as const,
      doctorIndex: i,
    })),
  ].map((login) => ({ ...login, password: `demo-${login.username}` }));
  // Hashing is the slow part (scrypt); do it before the transaction, in parallel.
  const hashes = await Promise.all(logins.map((login) => hashPassword(login.password, options.passwordCost)));

  // Every timestamp comes from the injected clock, so the same seed and clock give the same rows.
  const now = options.now;
  const timeZone = 'Europe/London';
  const insertDepartment = sqlite.prepare(
    'INSERT INTO departments (name, description, created_at, updated_at) VALUES (?, ?, ?, ?)',
  );
  const insertDoctor = sqlite.prepare(
    `INSERT INTO doctors (full_name, department_id, qualifications, email, phone, consultation_minutes,
       created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertException = sqlite.prepare(
    `INSERT INTO doctor_exceptions (doctor_id, date, kind, start_minute, end_minute, note, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAvailability = sqlite.prepare(
    `INSERT INTO doctor_availability (doctor_id, weekday, start_minute, end_minute, slot_minutes)
     VALUES (?, ?, ?, ?, ?)`,
  );
  const insertUser = sqlite.prepare(
    `INSERT INTO staff_users (username, full_name, role, password_hash, doctor_id, password_changed_at,
       created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPatient = sqlite.prepare(
    `INSERT INTO patients (patient_number, full_name, search_name, date_of_birth, sex, phone, phone_digits,
       email, address, emergency_contact, notes, email_reminders, active, deactivated_reason, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  let visits = { appointments: 0, treatments: 0 };
  sqlite.transaction(() => {
    const departmentIds = DEPARTMENTS.map((d) =>
      Number(insertDepartment.run(d.name, d.description, now, now).lastInsertRowid),
    );
    const seedDoctors: SeedDoctor[] = [];
    const doctorIds = doctorNames.map((name, i) => {
      const slot = [15, 20, 30][i % 3] ?? 20;
      const id = Number(
        insertDoctor.run(
          `Dr ${name.first} ${name.last}`,
          departmentIds[i % departmentIds.length],
          QUALIFICATIONS[i % QUALIFICATIONS.length],
          `${searchText(name.first).replace(/[^a-z]/g, '')}.${searchText(name.last).replace(/[^a-z]/g, '')}@clinic.example`,
          `+44 20 7946 ${pad(100 + i, 4)}`,
          slot,
          now,
          now,
        ).lastInsertRowid,
      );
      // Monday to Friday; every other doctor also works Saturday mornings.
      const weekly: WeeklyHours[] = [];
      for (let weekday = 1; weekday <= 5; weekday++) {
        weekly.push({ weekday, startMinute: 9 * 60, endMinute: 12 * 60 + 30, slotMinutes: slot });
        weekly.push({ weekday, startMinute: 13 * 60 + 30, endMinute: 17 * 60, slotMinutes: slot });
      }
      if (i % 2 === 0)
        weekly.push({ weekday: 6, startMinute: 9 * 60, endMinute: 12 * 60, slotMinutes: slot });
      for (const w of weekly)
        insertAvailability.run(id, w.weekday, w.startMinute, w.endMinute, w.slotMinutes);
      // A few dated exceptions so leave and extra hours show in the calendar.
      const today = localDate(now, timeZone);
      const exceptions =
        i === 1
          ? [
              {
                date: addDays(today, 9),
                kind: 'leave' as const,
                startMinute: 0,
                endMinute: 1440,
                note: 'Annual leave',
              },
            ]
          : i === 2
            ? [
                {
                  date: addDays(today, 3),
                  kind: 'extra' as const,
                  startMinute: 17 * 60,
                  endMinute: 19 * 60,
                  note: 'Evening clinic',
                },
              ]
            : [];
      for (const e of exceptions)
        insertException.run(id, e.date, e.kind, e.startMinute, e.endMinute, e.note, now);
      seedDoctors.push({
        id,
        department: DEPARTMENTS[i % DEPARTMENTS.length]?.name ?? 'General Practice',
        consultationMinutes: slot,
        weekly,
        exceptions,
      });
      return id;
    });
    const userIds = logins.map((login, i) => {
      const doctorId = login.doctorIndex === null ? null : doctorIds[login.doctorIndex];
      return Number(
        insertUser.run(login.username, login.fullName, login.role, hashes[i], doctorId, now, now, now)
          .lastInsertRowid,
      );
    });
    const allPatients: number[] = [];
    for (let n = 1; n <= patientCount; n++) {
      const first = random.pick(FIRST_NAMES);
      const last = random.pick(LAST_NAMES);
      const fullName = `${first} ${last}`;
      const year = random.int(1935, 2024);
      const dob = `${year}-${pad(random.int(1, 12), 2)}-${pad(random.int(1, 28), 2)}`;
      const phone = `+44 7700 ${pad(random.int(0, 999999), 6)}`;
      const hasEmail = random.chance(0.8);
      const patientId = Number(
        insertPatient.run(
          `P${pad(n, 6)}`,
          fullName,
          searchText(fullName),
          dob,
          random.pick(['female', 'male', 'female', 'male', 'other'] as const),
          phone,
          phoneDigits(phone),
          hasEmail
            ? `${searchText(first)}.${searchText(last).replace(/[^a-z]/g, '')}${n}@mail.example`
            : null,
          `${random.int(1, 220)} ${random.pick(['High Street', 'Station Road', 'Church Lane', 'Park Avenue', 'Mill Road'])}`,
          random.chance(0.6)
            ? `${random.pick(FIRST_NAMES)} ${last}, +44 7700 ${pad(random.int(0, 999999), 6)}`
            : '',
          '',
          hasEmail && random.chance(0.85) ? 1 : 0,
          1,
          null,
          now,
          now,
        ).lastInsertRowid,
      );
      allPatients.push(patientId);
    }
    const recordedBy = new Map<number, number>();
    logins.forEach((login, i) => {
      const doctorId = login.doctorIndex === null ? undefined : doctorIds[login.doctorIndex];
      const userId = userIds[i];
      if (doctorId !== undefined && userId !== undefined) recordedBy.set(doctorId, userId);
    });
    if (options.visits !== false)
      visits = seedVisits(sqlite, random, {
        now,
        timeZone,
        doctors: seedDoctors,
        activePatients: allPatients,
        allPatients,
        createdBy: userIds[1] ?? 1,
        recordedBy,
        pastDays: 182,
        futureDays: 14,
      });
    settings.set('clinicName', 'Riverside Family Clinic');
    settings.set('clinicAddress', '12 Riverside Walk, London SE1 9XX');
    settings.set('clinicPhone', '+44 20 7946 0000');
    settings.set('timeZone', timeZone);
    settings.set('demo', true);
    settings.set(
      'demoLogins',
      logins.map(({ username, password }) => ({ username, password })),
    );
    sqlite.prepare('UPDATE settings SET updated_at = ?').run(now);
  })();

  return {
    departments: DEPARTMENTS.length,
    doctors: doctorNames.length,
    patients: patientCount,
    ...visits,
    logins: logins.map(({ username, password }) => ({ username, password })),
  };
}
