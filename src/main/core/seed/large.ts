import { hashPassword, type ScryptCost } from '../auth/password';
import type { Sqlite } from '../db/open';
import { suspendIndexes } from '../db/indexes';
import { suspendTriggers } from '../db/triggers';
import { FOLLOW_UP_INSERT_TRIGGERS, openFollowUpsFromTreatments } from '../followUps/from-treatments';
import { phoneDigits, searchText } from '../patients/search-text';
import type { SettingsStore } from '../settings/store';
import { addDays, localDate, weekday, zonedInstant } from '../time/zone';
import { isEmptyClinic } from './demo';
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES, QUALIFICATIONS } from './names';
import { seededRandom, type Random } from './random';

export interface LargeSeedOptions {
  patients: number;
  doctors: number;
  years: number;
  seed?: number;
  /** "Today" for the generated history; the same seed and day always give the same clinic. */
  now: Date;
  passwordCost: ScryptCost;
  timeZone?: string;
  /** Called often with the phase and the fraction of all work done (0…1). */
  onProgress?: (phase: LargeSeedPhase, fraction: number) => void;
}

export type LargeSeedPhase = 'accounts' | 'patients' | 'appointments' | 'indexes' | 'done';

export interface LargeSeedResult {
  departments: number;
  doctors: number;
  patients: number;
  appointments: number;
  treatments: number;
  logins: { username: string; password: string }[];
}

/** Tables bulk-loaded without their indexes; the indexes are rebuilt once at the end. */
const BULK_TABLES = ['patients', 'appointments', 'treatments'];

const EXTRA_DEPARTMENTS = [
  { name: 'Orthopaedics', description: 'Bones, joints and muscles.' },
  { name: 'Ophthalmology', description: 'Eyes and sight.' },
  { name: 'ENT', description: 'Ear, nose and throat.' },
  { name: 'Women’s Health', description: 'Gynaecology and antenatal care.' },
] as const;

const REASONS = [
  'Check-up',
  'Follow-up',
  'Persistent cough',
  'Back pain',
  'Rash',
  'Headache',
  'Vaccination',
  'Blood pressure review',
  'Test results',
  'Fatigue',
] as const;
const DIAGNOSES = [
  'Upper respiratory infection',
  'Hypertension, controlled',
  'Lumbar strain',
  'Contact dermatitis',
  'Migraine',
  'Seasonal allergy',
  'Type 2 diabetes review',
  'Healthy, no findings',
  'Iron deficiency',
  'Sprained ankle',
] as const;
const PRESCRIPTIONS = [
  '',
  '',
  'Paracetamol 500 mg as needed',
  'Ibuprofen 400 mg three times daily for 5 days',
  'Amoxicillin 500 mg three times daily for 7 days',
  'Cetirizine 10 mg daily',
  'Emollient cream twice daily',
] as const;
const STREETS = [
  'High Street',
  'Station Road',
  'Church Lane',
  'Park Avenue',
  'Mill Road',
  'Victoria Street',
  'Queens Road',
] as const;

const DAY_MS = 24 * 60 * 60 * 1000;
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const slug = (value: string) => searchText(value).replace(/[^a-z]/g, '');

/**
 * A large, believable clinic for measuring the app at year ten: departments, doctors with weekly
 * hours, staff logins, patients registering over the years and about ten appointments each, most
 * of the past ones completed with a treatment record. Deterministic per seed and day.
 *
 * Fast because it only ever writes into a NEW database: the rollback journal is kept in memory
 * and fsync is off during the load (a crash means deleting the file and starting again), foreign keys are guaranteed by
 * construction instead of checked row by row, every chunk is one transaction of prepared
 * statements, and the indexes are built once after the rows are in. WAL, FULL sync and foreign
 * keys are switched back on before returning.
 */
export async function seedLargeClinic(
  sqlite: Sqlite,
  settings: SettingsStore,
  options: LargeSeedOptions,
): Promise<LargeSeedResult> {
  const appointmentCount = sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM appointments').get();
  if (!isEmptyClinic(sqlite) || (appointmentCount?.n ?? 0) > 0) {
    throw new Error(
      'This database already holds a clinic; the large clinic is only generated into an empty one.',
    );
  }
  const progress = options.onProgress ?? (() => undefined);
  const timeZone = options.timeZone ?? 'Europe/London';
  const random = seededRandom(options.seed ?? 20261129);
  progress('accounts', 0);

  const logins = [
    { username: 'admin', fullName: 'Alex Morgan', role: 'admin' as const, password: 'large-admin' },
    {
      username: 'reception',
      fullName: 'Robin Hale',
      role: 'reception' as const,
      password: 'large-reception',
    },
  ];
  const doctorPassword = 'large-doctor';
  // scrypt at full cost takes a third of a second each: hash the doctors' shared password once.
  const [adminHash, receptionHash, doctorHash] = await Promise.all(
    [...logins.map((l) => l.password), doctorPassword].map((p) => hashPassword(p, options.passwordCost)),
  );

  const restore = bulkLoadMode(sqlite);
  try {
    const { indexes } = suspendIndexes(sqlite, BULK_TABLES);
    const followUpTriggers = suspendTriggers(sqlite, FOLLOW_UP_INSERT_TRIGGERS);
    const plan = new LoadPlan(options, random, timeZone);
    const clinic = plan.insertClinic(
      sqlite,
      [adminHash ?? '', receptionHash ?? '', doctorHash ?? ''],
      logins,
    );
    // Building an index costs about a fifth of inserting its rows (measured on the 2M clinic).
    const rowsOf = (table: string) =>
      table === 'patients'
        ? options.patients
        : table === 'treatments'
          ? plan.expectedAppointments * 0.8
          : plan.expectedAppointments;
    const indexWork = indexes.map((index) => rowsOf(index.table) * 0.2);
    const work = options.patients + plan.expectedAppointments + indexWork.reduce((a, b) => a + b, 0);
    let done = 0;
    const step = (phase: LargeSeedPhase, units: number) => {
      done += units;
      progress(phase, Math.min(1, done / work));
    };
    plan.insertPatients(sqlite, (n) => step('patients', n));
    const counts = plan.insertAppointments(sqlite, clinic, (n) => step('appointments', n));
    done = options.patients + plan.expectedAppointments;
    indexes.forEach((index, i) => {
      sqlite.exec(index.sql);
      step('indexes', indexWork[i] ?? 0);
    });
    openFollowUpsFromTreatments(sqlite);
    followUpTriggers.recreate();
    settings.set('clinicName', 'Riverside Family Clinic');
    settings.set('clinicAddress', '12 Riverside Walk, London SE1 9XX');
    settings.set('clinicPhone', '+44 20 7946 0000');
    settings.set('timeZone', timeZone);
    settings.set('demo', true);
    settings.set('demoLogins', [
      ...logins.map(({ username, password }) => ({ username, password })),
      { username: clinic.doctorUsernames[0] ?? '', password: doctorPassword },
    ]);
    progress('done', 1);
    return {
      departments: clinic.departmentIds.length,
      doctors: clinic.doctorIds.length,
      patients: options.patients,
      appointments: counts.appointments,
      treatments: counts.treatments,
      logins: [
        ...logins.map(({ username, password }) => ({ username, password })),
        ...clinic.doctorUsernames.map((username) => ({ username, password: doctorPassword })),
      ],
    };
  } finally {
    restore();
  }
}

/** Pragmas for loading a new database; the returned function puts the safe ones back. */
function bulkLoadMode(sqlite: Sqlite): () => void {
  sqlite.pragma('foreign_keys = OFF');
  // OFF would be faster still, but better-sqlite3 runs SQLite in defensive mode, which refuses it.
  const mode = String(sqlite.pragma('journal_mode = MEMORY', { simple: true }));
  if (mode !== 'memory') throw new Error(`Could not switch the journal for bulk loading (still ${mode}).`);
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('temp_store = MEMORY');
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('cache_size = -131072');
  return () => {
    sqlite.pragma(`cache_size = ${cacheSize}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
  };
}

interface ClinicIds {
  departmentIds: number[];
  doctorIds: number[];
  doctorSlots: number[];
  doctorUsernames: string[];
  receptionId: number;
  doctorUserIds: number[];
}

const CHUNK_ROWS = 50_000;

class LoadPlan {
  readonly today: string;
  readonly firstDay: string;
  readonly lastDay: string;
  readonly days: number;
  readonly expectedAppointments: number;
  private readonly nowMs: number;
  /** Instant each patient registered, ascending with the patient number. */
  private readonly registered: Float64Array;

  constructor(
    private readonly options: LargeSeedOptions,
    private readonly random: Random,
    private readonly timeZone: string,
  ) {
    this.nowMs = options.now.getTime();
    this.today = localDate(this.nowMs, timeZone);
    const [year = '2026', rest = '01-01'] = [this.today.slice(0, 4), this.today.slice(5)];
    this.firstDay = `${Number(year) - options.years}-${rest === '02-29' ? '02-28' : rest}`;
    // Two weeks of the future are booked already.
    this.lastDay = addDays(this.today, 14);
    this.days = Math.round((Date.parse(this.lastDay) - Date.parse(this.firstDay)) / DAY_MS) + 1;
    this.expectedAppointments = options.patients * 10;
    this.registered = new Float64Array(options.patients);
  }

  insertClinic(
    sqlite: Sqlite,
    hashes: string[],
    logins: { username: string; fullName: string; role: 'admin' | 'reception' }[],
  ): ClinicIds {
    const { random, options } = this;
    const insertDepartment = sqlite.prepare(
      'INSERT INTO departments (name, description, created_at, updated_at) VALUES (?, ?, ?, ?)',
    );
    const insertDoctor = sqlite.prepare(
      `INSERT INTO doctors (full_name, department_id, qualifications, email, phone, consultation_minutes, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertAvailability = sqlite.prepare(
      'INSERT INTO doctor_availability (doctor_id, weekday, start_minute, end_minute, slot_minutes) VALUES (?, ?, ?, ?, ?)',
    );
    const insertUser = sqlite.prepare(
      `INSERT INTO staff_users (username, full_name, role, password_hash, doctor_id, created_at, updated_at, password_changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const opened = zonedInstant(this.firstDay, 8 * 60, this.timeZone);
    const ids: ClinicIds = {
      departmentIds: [],
      doctorIds: [],
      doctorSlots: [],
      doctorUsernames: [],
      receptionId: 0,
      doctorUserIds: [],
    };
    sqlite.transaction(() => {
      for (const d of [...DEPARTMENTS, ...EXTRA_DEPARTMENTS]) {
        ids.departmentIds.push(
          Number(insertDepartment.run(d.name, d.description, opened, opened).lastInsertRowid),
        );
      }
      logins.forEach((login, i) => {
        const id = Number(
          insertUser.run(login.username, login.fullName, login.role, hashes[i], null, opened, opened, opened)
            .lastInsertRowid,
        );
        if (login.role === 'reception') ids.receptionId = id;
      });
      const usernames = new Set<string>();
      for (let i = 0; i < options.doctors; i++) {
        const first = random.pick(FIRST_NAMES);
        const last = random.pick(LAST_NAMES);
        const slot = random.pick([15, 20, 20, 30] as const);
        // General practice is the busiest department: a third of the doctors.
        const departmentId = (i % 3 === 0 ? ids.departmentIds[0] : random.pick(ids.departmentIds)) ?? 1;
        const email = `${slug(first)}.${slug(last)}${i + 1}@clinic.example`;
        const id = Number(
          insertDoctor.run(
            `Dr ${first} ${last}`,
            departmentId,
            random.pick(QUALIFICATIONS),
            email,
            `+44 20 7946 ${pad(1000 + i, 4)}`,
            slot,
            opened,
            opened,
          ).lastInsertRowid,
        );
        for (let day = 1; day <= 5; day++) {
          insertAvailability.run(id, day, 9 * 60, 12 * 60 + 30, slot);
          insertAvailability.run(id, day, 13 * 60 + 30, 17 * 60, slot);
        }
        let username = `dr.${slug(last)}`;
        for (let n = 2; usernames.has(username); n++) username = `dr.${slug(last)}${n}`;
        usernames.add(username);
        ids.doctorUserIds.push(
          Number(
            insertUser.run(username, `Dr ${first} ${last}`, 'doctor', hashes[2], id, opened, opened, opened)
              .lastInsertRowid,
          ),
        );
        ids.doctorIds.push(id);
        ids.doctorSlots.push(slot);
        ids.doctorUsernames.push(username);
      }
    })();
    return ids;
  }

  insertPatients(sqlite: Sqlite, advance: (rows: number) => void): void {
    const { random, options } = this;
    const insert = sqlite.prepare(
      `INSERT INTO patients (id, patient_number, full_name, search_name, date_of_birth, sex, phone, phone_digits,
         email, address, emergency_contact, notes, email_reminders, active, deactivated_reason, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // A third were on the books when the history starts; the rest register steadily over the years.
    const start = zonedInstant(this.firstDay, 9 * 60, this.timeZone);
    const span = this.nowMs - start;
    const width = Math.max(6, String(options.patients).length);
    const chunk = sqlite.transaction((from: number, to: number) => {
      for (let n = from; n < to; n++) {
        const share = n / options.patients;
        const at = share < 1 / 3 ? start : start + Math.floor((share - 1 / 3) * 1.5 * span);
        this.registered[n] = at;
        const first = random.pick(FIRST_NAMES);
        const last = random.pick(LAST_NAMES);
        const fullName = `${first} ${last}`;
        const dob = `${random.int(1930, 2024)}-${pad(random.int(1, 12), 2)}-${pad(random.int(1, 28), 2)}`;
        const phone = `+44 7${pad(random.int(0, 999_999_999), 9)}`;
        const email = random.chance(0.8) ? `${slug(first)}.${slug(last)}${n + 1}@mail.example` : null;
        const active = random.chance(0.97);
        insert.run(
          n + 1,
          `P${pad(n + 1, width)}`,
          fullName,
          searchText(fullName),
          dob,
          random.pick(['female', 'male', 'female', 'male', 'other', 'unknown'] as const),
          phone,
          phoneDigits(phone),
          email,
          `${random.int(1, 220)} ${random.pick(STREETS)}`,
          random.chance(0.6)
            ? `${random.pick(FIRST_NAMES)} ${last}, +44 7700 ${pad(random.int(0, 999_999), 6)}`
            : '',
          '',
          email !== null && random.chance(0.85) ? 1 : 0,
          active ? 1 : 0,
          active ? null : random.pick(['Moved away', 'Registered elsewhere', 'Duplicate record']),
          at,
          at,
        );
      }
    });
    for (let from = 0; from < options.patients; from += CHUNK_ROWS) {
      const to = Math.min(options.patients, from + CHUNK_ROWS);
      chunk(from, to);
      advance(to - from);
    }
  }

  /** Patients registered by `instant`: registration times ascend with the patient number. */
  private registeredBy(instant: number): number {
    let lo = 0;
    let hi = this.registered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.registered[mid] ?? 0) <= instant) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(1, lo);
  }

  insertAppointments(
    sqlite: Sqlite,
    clinic: ClinicIds,
    advance: (rows: number) => void,
  ): { appointments: number; treatments: number } {
    const { random, timeZone } = this;
    const insertAppointment = sqlite.prepare(
      `INSERT INTO appointments (id, patient_id, doctor_id, starts_at, ends_at, status, reason, cancel_reason, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertTreatment = sqlite.prepare(
      `INSERT INTO treatments (appointment_id, diagnosis, treatment_notes, prescription, next_visit_date, recorded_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Working slots over the whole period, to aim at ten appointments per patient.
    let capacity = 0;
    const slotsPerDay = clinic.doctorSlots.map((slot) => Math.floor(210 / slot) * 2);
    const perDay = slotsPerDay.reduce((a, b) => a + b, 0);
    for (let d = 0; d < this.days; d++) {
      const wd = weekday(addDays(this.firstDay, d));
      if (wd >= 1 && wd <= 5) capacity += perDay;
    }
    const fill = Math.min(0.97, this.expectedAppointments / Math.max(1, capacity * 0.96));

    let id = 0;
    let treatments = 0;
    let pending = 0;
    const day = sqlite.transaction((date: string) => {
      const opens = zonedInstant(date, 9 * 60, timeZone);
      // Clinics in zones with DST change clocks at night, so the afternoon is the morning + 4.5 h.
      const afternoon = opens + 270 * 60_000;
      for (let doc = 0; doc < clinic.doctorIds.length; doc++) {
        if (random.chance(0.04)) continue; // leave, training, illness
        const doctorId = clinic.doctorIds[doc] ?? 1;
        const slot = clinic.doctorSlots[doc] ?? 20;
        const perSession = Math.floor(210 / slot);
        for (let s = 0; s < perSession * 2; s++) {
          if (!random.chance(fill)) continue;
          const startsAt = (s < perSession ? opens : afternoon) + (s % perSession) * slot * 60_000;
          const endsAt = startsAt + slot * 60_000;
          const patientId = 1 + Math.floor(random.next() * this.registeredBy(startsAt));
          const createdAt = Math.max(startsAt - random.int(1, 40) * DAY_MS, 0);
          const reason = random.pick(REASONS);
          const roll = random.next();
          let status: 'booked' | 'arrived' | 'completed' | 'cancelled' | 'no_show';
          if (endsAt <= this.nowMs)
            status = roll < 0.84 ? 'completed' : roll < 0.94 ? 'cancelled' : 'no_show';
          else if (startsAt <= this.nowMs) status = roll < 0.9 ? 'arrived' : 'cancelled';
          else status = roll < 0.95 ? 'booked' : 'cancelled';
          id += 1;
          insertAppointment.run(
            id,
            patientId,
            doctorId,
            startsAt,
            endsAt,
            status,
            reason,
            status === 'cancelled'
              ? random.pick(['Patient request', 'Doctor unavailable', 'Feeling better'])
              : null,
            clinic.receptionId,
            createdAt,
            status === 'booked' ? createdAt : Math.min(endsAt, this.nowMs),
          );
          if (status === 'completed' && random.chance(0.93)) {
            treatments += 1;
            insertTreatment.run(
              id,
              random.pick(DIAGNOSES),
              random.chance(0.5) ? 'Advised rest and fluids; review if not improving.' : '',
              random.pick(PRESCRIPTIONS),
              random.chance(0.2) ? localDate(startsAt + random.int(14, 90) * DAY_MS, timeZone) : null,
              clinic.doctorUserIds[doc] ?? null,
              endsAt,
              endsAt,
            );
          }
          pending += 1;
        }
      }
    });
    for (let d = 0; d < this.days; d++) {
      const date = addDays(this.firstDay, d);
      const wd = weekday(date);
      if (wd >= 1 && wd <= 5) day(date);
      if (pending >= 10_000 || d === this.days - 1) {
        advance(pending);
        pending = 0;
      }
    }
    return { appointments: id, treatments };
  }
}
