import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/*
 * The whole domain, so later work extends rather than reshapes it.
 * Instants are INTEGER milliseconds since the epoch (UTC); calendar dates are 'YYYY-MM-DD' text
 * interpreted in the clinic's time zone (a setting). Booleans are 0/1 integers.
 */

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  /** JSON-encoded value. */
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull().default(now),
});

export const departments = sqliteTable(
  'departments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('departments_name_unique').on(sql`lower(${t.name})`)],
);

export const doctors = sqliteTable(
  'doctors',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fullName: text('full_name').notNull(),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    qualifications: text('qualifications').notNull().default(''),
    email: text('email'),
    phone: text('phone'),
    consultationMinutes: integer('consultation_minutes').notNull().default(20),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    index('doctors_department_idx').on(t.departmentId),
    check('doctors_consultation_minutes_check', sql`${t.consultationMinutes} BETWEEN 5 AND 240`),
  ],
);

/** Weekly pattern: on `weekday` (0 = Sunday) the doctor sees patients between the two times. */
export const doctorAvailability = sqliteTable(
  'doctor_availability',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    doctorId: integer('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    weekday: integer('weekday').notNull(),
    /** Minutes after local midnight. */
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
    slotMinutes: integer('slot_minutes').notNull(),
  },
  (t) => [
    index('doctor_availability_doctor_idx').on(t.doctorId, t.weekday),
    check('doctor_availability_weekday_check', sql`${t.weekday} BETWEEN 0 AND 6`),
    check(
      'doctor_availability_times_check',
      sql`${t.startMinute} >= 0 AND ${t.endMinute} <= 1440 AND ${t.startMinute} < ${t.endMinute}`,
    ),
    check('doctor_availability_slot_check', sql`${t.slotMinutes} BETWEEN 5 AND 240`),
  ],
);

/** Date-specific leave (no appointments) or extra hours. */
export const doctorExceptions = sqliteTable(
  'doctor_exceptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    doctorId: integer('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    kind: text('kind', { enum: ['leave', 'extra'] }).notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
    note: text('note').notNull().default(''),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [
    index('doctor_exceptions_doctor_date_idx').on(t.doctorId, t.date),
    check('doctor_exceptions_kind_check', sql`${t.kind} IN ('leave', 'extra')`),
    check(
      'doctor_exceptions_times_check',
      sql`${t.startMinute} >= 0 AND ${t.endMinute} <= 1440 AND ${t.startMinute} < ${t.endMinute}`,
    ),
  ],
);

export const staffUsers = sqliteTable(
  'staff_users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    role: text('role', { enum: ['admin', 'reception', 'doctor'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    doctorId: integer('doctor_id').references(() => doctors.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lastFailedAt: integer('last_failed_at'),
    lastLoginAt: integer('last_login_at'),
    passwordChangedAt: integer('password_changed_at').notNull().default(now),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('staff_users_username_unique').on(t.username),
    uniqueIndex('staff_users_doctor_unique')
      .on(t.doctorId)
      .where(sql`${t.doctorId} IS NOT NULL`),
    check('staff_users_role_check', sql`${t.role} IN ('admin', 'reception', 'doctor')`),
    check('staff_users_username_lower_check', sql`${t.username} = lower(${t.username})`),
    check('staff_users_doctor_link_check', sql`(${t.role} = 'doctor') = (${t.doctorId} IS NOT NULL)`),
  ],
);

export const patients = sqliteTable(
  'patients',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Human-facing number printed on cards, e.g. P000123. */
    patientNumber: text('patient_number').notNull(),
    fullName: text('full_name').notNull(),
    /** Lower-cased, accent-free name for prefix search. */
    searchName: text('search_name').notNull(),
    dateOfBirth: text('date_of_birth').notNull(),
    sex: text('sex', { enum: ['female', 'male', 'other', 'unknown'] }).notNull(),
    phone: text('phone'),
    /** Digits of the phone only, for search and duplicate warnings. */
    phoneDigits: text('phone_digits'),
    email: text('email'),
    address: text('address').notNull().default(''),
    emergencyContact: text('emergency_contact').notNull().default(''),
    notes: text('notes').notNull().default(''),
    emailReminders: integer('email_reminders', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    deactivatedReason: text('deactivated_reason'),
    /** When the email address last changed (not set at registration): exports flag a recent change. */
    emailChangedAt: integer('email_changed_at'),
    /** The id another system gave the patient (CSV import): importing it again adds nothing. */
    externalId: text('external_id'),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('patients_number_unique').on(t.patientNumber),
    uniqueIndex('patients_external_id_unique')
      .on(t.externalId)
      .where(sql`${t.externalId} IS NOT NULL`),
    index('patients_search_name_idx').on(t.searchName),
    index('patients_phone_digits_idx').on(t.phoneDigits),
    index('patients_dob_idx').on(t.dateOfBirth, t.searchName),
    // The dashboard counts active patients; over this small index instead of every patient row.
    index('patients_active_idx').on(t.active),
    check('patients_sex_check', sql`${t.sex} IN ('female', 'male', 'other', 'unknown')`),
  ],
);

export const APPOINTMENT_STATUSES = ['booked', 'arrived', 'completed', 'cancelled', 'no_show'] as const;

export const appointments = sqliteTable(
  'appointments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id),
    doctorId: integer('doctor_id')
      .notNull()
      .references(() => doctors.id),
    startsAt: integer('starts_at').notNull(),
    endsAt: integer('ends_at').notNull(),
    status: text('status', { enum: APPOINTMENT_STATUSES }).notNull().default('booked'),
    reason: text('reason').notNull().default(''),
    cancelReason: text('cancel_reason'),
    createdBy: integer('created_by').references(() => staffUsers.id),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [
    // A doctor can never hold two active appointments at one start time.
    uniqueIndex('appointments_doctor_slot_active_unique')
      .on(t.doctorId, t.startsAt)
      .where(sql`${t.status} IN ('booked', 'arrived', 'completed')`),
    index('appointments_starts_status_idx').on(t.startsAt, t.status),
    index('appointments_doctor_starts_idx').on(t.doctorId, t.startsAt, t.status),
    index('appointments_patient_starts_idx').on(t.patientId, t.startsAt),
    check(
      'appointments_status_check',
      sql`${t.status} IN ('booked', 'arrived', 'completed', 'cancelled', 'no_show')`,
    ),
    check('appointments_time_check', sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

export const treatments = sqliteTable(
  'treatments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    appointmentId: integer('appointment_id')
      .notNull()
      .references(() => appointments.id),
    diagnosis: text('diagnosis').notNull(),
    treatmentNotes: text('treatment_notes').notNull().default(''),
    prescription: text('prescription').notNull().default(''),
    nextVisitDate: text('next_visit_date'),
    recordedBy: integer('recorded_by').references(() => staffUsers.id),
    createdAt: integer('created_at').notNull().default(now),
    updatedAt: integer('updated_at').notNull().default(now),
  },
  (t) => [uniqueIndex('treatments_appointment_unique').on(t.appointmentId)],
);

export const FOLLOW_UP_STATUSES = ['open', 'booked', 'not_needed'] as const;

/**
 * A doctor's "next visit" as something to act on. Triggers in migration 0005 keep it in step:
 * a treatment with a next-visit date opens one (per treatment), booking the patient with that
 * doctor closes it as 'booked', cancelling or a no-show of that booking opens it again.
 */
export const followUps = sqliteTable(
  'follow_ups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    patientId: integer('patient_id')
      .notNull()
      .references(() => patients.id),
    doctorId: integer('doctor_id')
      .notNull()
      .references(() => doctors.id),
    treatmentId: integer('treatment_id')
      .notNull()
      .references(() => treatments.id),
    /** YYYY-MM-DD in the clinic time zone. */
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: FOLLOW_UP_STATUSES }).notNull().default('open'),
    appointmentId: integer('appointment_id').references(() => appointments.id),
    closedAt: integer('closed_at'),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [
    uniqueIndex('follow_ups_treatment_unique').on(t.treatmentId),
    index('follow_ups_status_due_idx').on(t.status, t.dueDate),
    index('follow_ups_patient_doctor_idx').on(t.patientId, t.doctorId, t.status),
    index('follow_ups_appointment_idx').on(t.appointmentId),
    check('follow_ups_status_check', sql`${t.status} IN ('open', 'booked', 'not_needed')`),
  ],
);

/** Append-only: triggers in the migration refuse UPDATE and DELETE. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    userId: integer('user_id'),
    username: text('username').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    summary: text('summary').notNull(),
  },
  // One index for every audit query (each has a time range; user and entity are read from the
  // index itself): each entry writes one index page instead of three (migration 0008).
  (t) => [index('audit_log_at_user_entity_idx').on(t.at, t.userId, t.entity)],
);

/** Each (job, period) runs at most once; this table decides, node-schedule only fires. */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    job: text('job').notNull(),
    period: text('period').notNull(),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    /** JSON counts, e.g. {"queued": 12, "skipped": 1}. */
    counts: text('counts').notNull().default('{}'),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('job_runs_job_period_unique').on(t.job, t.period),
    index('job_runs_job_started_idx').on(t.job, t.startedAt),
    check('job_runs_status_check', sql`${t.status} IN ('running', 'succeeded', 'failed')`),
  ],
);

export const emailOutbox = sqliteTable(
  'email_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** e.g. reminder:<appointment>:<date>, report:<doctor>:<YYYY-MM>, export:<id>. */
    dedupeKey: text('dedupe_key').notNull(),
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    /** Empty when `facts` is set: the message is rendered from its facts when it is sent. */
    html: text('html').notNull(),
    text: text('text').notNull(),
    /**
     * JSON {template, details}: what the message says, taken when it was queued (migration 0008);
     * NULL for a message stored rendered (every row before 0008, and kinds that store their body).
     */
    facts: text('facts'),
    /** JSON array of {filename, contentType, path | content(base64)}. */
    attachments: text('attachments').notNull().default('[]'),
    status: text('status', { enum: ['queued', 'sending', 'sent', 'failed'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull().default(0),
    lastError: text('last_error'),
    messageId: text('message_id'),
    createdAt: integer('created_at').notNull().default(now),
    sentAt: integer('sent_at'),
  },
  (t) => [
    uniqueIndex('email_outbox_dedupe_unique').on(t.dedupeKey),
    index('email_outbox_status_next_idx').on(t.status, t.nextAttemptAt),
    check('email_outbox_status_check', sql`${t.status} IN ('queued', 'sending', 'sent', 'failed')`),
  ],
);

export const monthlyReports = sqliteTable(
  'monthly_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    doctorId: integer('doctor_id')
      .notNull()
      .references(() => doctors.id),
    /** YYYY-MM in the clinic time zone. */
    month: text('month').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    /** JSON of the figures the report shows, for the in-app view. */
    data: text('data').notNull(),
    createdAt: integer('created_at').notNull().default(now),
  },
  (t) => [uniqueIndex('monthly_reports_doctor_month_unique').on(t.doctorId, t.month)],
);

export const exports = sqliteTable(
  'exports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['patient_history', 'range'] }).notNull(),
    patientId: integer('patient_id').references(() => patients.id),
    rangeFrom: text('range_from'),
    rangeTo: text('range_to'),
    /** 'requested' waits for a doctor's or the administrator's approval; 'refused' ends it unwritten. */
    status: text('status', { enum: ['requested', 'refused', 'queued', 'running', 'done', 'failed'] })
      .notNull()
      .default('queued'),
    rows: integer('rows').notNull().default(0),
    filePath: text('file_path'),
    error: text('error'),
    requestedBy: integer('requested_by').references(() => staffUsers.id),
    /** Who approved or refused a front-desk request, when, and why it was refused. */
    decidedBy: integer('decided_by').references(() => staffUsers.id),
    decidedAt: integer('decided_at'),
    refusalReason: text('refusal_reason'),
    /** The address on file when the export was authorised: the only one it is emailed to. */
    emailTo: text('email_to'),
    /** The authoriser confirmed an email address changed in the 24 hours before. */
    emailChangeConfirmed: integer('email_change_confirmed', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull().default(now),
    finishedAt: integer('finished_at'),
  },
  (t) => [
    index('exports_created_idx').on(t.createdAt),
    check('exports_kind_check', sql`${t.kind} IN ('patient_history', 'range')`),
    check(
      'exports_status_check',
      sql`${t.status} IN ('requested', 'refused', 'queued', 'running', 'done', 'failed')`,
    ),
  ],
);

/**
 * Other PCs paired with this host (issue 14). Only a SHA-256 hash of each device's secret is kept:
 * the secret is long and random, so a slow hash adds nothing. A revoked device keeps its row for
 * the record; its next call is refused.
 */
export const networkDevices = sqliteTable(
  'network_devices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    secretHash: text('secret_hash').notNull(),
    pairedAt: integer('paired_at').notNull(),
    lastSeenAt: integer('last_seen_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('network_devices_secret_unique').on(t.secretHash)],
);

/** One-time pairing codes: a hash, when it stops working, and when it was used (single use). */
export const networkPairingCodes = sqliteTable(
  'network_pairing_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    codeHash: text('code_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    deviceId: integer('device_id').references(() => networkDevices.id),
  },
  (t) => [index('network_pairing_codes_hash_idx').on(t.codeHash)],
);
