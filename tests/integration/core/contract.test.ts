import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  changesOf,
  channels,
  CHANNEL_NAMES,
  DATA_KINDS,
  readsOf,
  type Access,
  type ChannelName,
  type DataKind,
} from '../../../src/shared/contract';
import { ROLES, type Role } from '../../../src/shared/roles';
import { snapshotDatabase, tempCore, type TempCore } from '../../support/temp-core';

const demoUser: Record<Role, string> = { admin: 'admin', reception: 'reception', doctor: 'dr.fernandez' };

/** A valid input for each channel: the role table below must not fail on validation. */
const sampleInput: Record<ChannelName, unknown> = {
  'auth/setupStatus': {},
  'imports/stage': { chunk: 'bmFtZQ==' },
  'followUps/list': {},
  'followUps/markNotNeeded': { id: 1 },
  'imports/inspect': { uploadId: '0'.repeat(32) },
  'imports/dryRun': { uploadId: '0'.repeat(32), mapping: { fullName: 'name' } },
  'imports/run': { uploadId: '0'.repeat(32), mapping: { fullName: 'name' } },
  'auth/setup': { fullName: 'X Y', username: 'xyz', password: 'long enough pw' },
  'auth/login': { username: 'nobody', password: 'whatever pw' },
  'auth/logout': {},
  'auth/session': {},
  'patients/list': { query: '' },
  'staff/list': {},
  'backups/list': {},
  'backups/run': {},
  'backups/restore': { name: 'clinic-daily-2026-01-01.db' },
  'staff/create': {
    username: 'new.person',
    fullName: 'New Person',
    role: 'reception',
    password: 'long enough pw',
  },
  'staff/update': { id: 2, fullName: 'Robin Hale', role: 'reception' },
  'staff/setActive': { id: 2, active: true },
  'staff/resetPassword': { id: 2, password: 'another long pw' },
  'auth/changePassword': { currentPassword: 'not my password', newPassword: 'another long pw' },
  'departments/list': {},
  'departments/create': { name: 'Dermatology' },
  'departments/update': { id: 1, name: 'General Practice Renamed', description: '' },
  'departments/setActive': { id: 1, active: true },
  'doctors/list': { includeInactive: true },
  'doctors/get': { id: 1 },
  'doctors/create': {
    fullName: 'Dr New',
    departmentId: 1,
    qualifications: 'MD',
    email: null,
    phone: null,
    consultationMinutes: 20,
  },
  'doctors/update': {
    id: 1,
    fullName: 'Dr Renamed',
    departmentId: 1,
    qualifications: 'MD',
    email: null,
    phone: null,
    consultationMinutes: 20,
  },
  'doctors/setActive': { id: 1, active: true },
  'doctors/setAvailability': {
    doctorId: 1,
    rows: [{ weekday: 1, start: '09:00', end: '12:00', slotMinutes: 20 }],
  },
  'doctors/addException': { doctorId: 1, date: '2999-01-04', kind: 'leave', start: '00:00', end: '24:00' },
  'doctors/removeException': { id: 999 },
  'audit/list': { entity: 'staff_user' },
  'settings/get': {},
  'settings/public': {},
  'settings/update': {
    clinicName: 'Riverside Family Clinic',
    clinicAddress: '',
    clinicPhone: '',
    timeZone: 'Europe/London',
    idleLockMinutes: 10,
  },
  'patients/get': { id: 1 },
  'patients/checkDuplicates': { fullName: 'X Y', dateOfBirth: '1990-01-01' },
  'patients/register': {
    fullName: 'Role Table',
    dateOfBirth: '1990-01-01',
    sex: 'other',
    confirmDuplicate: true,
  },
  'patients/update': { id: 2, fullName: 'Role Table Two', dateOfBirth: '1990-01-01', sex: 'other' },
  'patients/deactivate': { id: 3, reason: 'Role table' },
  'patients/reactivate': { id: 3 },
  'patients/history': { patientId: 1 },
  'appointments/options': {},
  'appointments/freeSlots': { from: '2026-03-12', days: 1 },
  'appointments/list': { from: '2026-03-11' },
  'appointments/get': { id: 1 },
  'appointments/book': { patientId: 1, doctorId: 1, startsAt: Date.parse('2026-03-20T10:00:00Z') },
  'appointments/reschedule': { id: 1, startsAt: Date.parse('2026-03-20T10:00:00Z') },
  'appointments/cancel': { id: 1, reason: 'Role table' },
  'appointments/checkIn': { id: 1 },
  'appointments/noShow': { id: 1 },
  'appointments/complete': { id: 1, diagnosis: 'Role table' },
  'treatments/amend': { treatmentId: 1, diagnosis: 'Role table' },
  'mail/getSettings': {},
  'mail/saveSettings': {
    host: '',
    port: 587,
    security: 'starttls',
    username: '',
    fromAddress: '',
    reminderTime: '08:00',
    reportDay: 1,
    reportTime: '09:00',
  },
  'mail/sendTest': { to: 'admin@example.org' },
  'outbox/list': {},
  'outbox/retry': { id: 999_999 },
  'jobs/list': {},
  'jobs/run': { job: 'reminders', period: '2026-03-16' },
  'reports/listMine': {},
  'reports/get': { id: 999_999 },
  'reports/savePdf': { id: 999_999 },
  'exports/startHistory': { patientId: 999_999 },
  'exports/requestHistory': { patientId: 999_999 },
  'exports/approve': { id: 999_999 },
  'exports/refuse': { id: 999_999, reason: 'No consent on file.' },
  'exports/startRange': { from: '2026-01-01', to: '2026-01-31' },
  'exports/list': {},
  'exports/retry': { id: 999_999 },
  'exports/resend': { id: 999_999 },
  'exports/reveal': { id: 999_999 },
  'stats/dashboard': {},
  'stats/doctor': {},
  'network/probe': { address: '127.0.0.1:1' },
  'network/join': {
    address: '127.0.0.1:1',
    code: 'ABCD-2345',
    fingerprint: Array(32).fill('AB').join(':'),
    deviceName: 'Room 9',
  },
  'network/status': {},
  'network/configure': { enabled: false, port: 7443 },
  'network/createPairingCode': {},
  'network/devices': {},
  'network/revokeDevice': { id: 1 },
  'thisPc/dataFolder': {},
  'thisPc/moveDataFolder': {},
  'thisPc/openDataFolder': {},
};

describe('contract dispatch', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  it('answers a name outside the contract with unknown_channel', async () => {
    t = await tempCore({ demo: true });
    const window = t.core.connectAs('admin', 'test');
    for (const name of ['patients/drop', '__proto__', 'constructor', 42, null]) {
      expect(await window.callUnknown(name, {})).toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      });
    }
  });

  it('lets exactly the allowed roles through every channel, and refuses the signed-out', async () => {
    t = await tempCore({ demo: true });
    for (const name of CHANNEL_NAMES) {
      const access = channels[name].access;
      const signedOut = await t.core.connect('test').callUnknown(name, sampleInput[name]);
      if (access === 'public') {
        expect(
          signedOut.ok === false && ['unauthenticated', 'forbidden'].includes(signedOut.error.code),
        ).toBe(false);
      } else {
        expect(signedOut, name).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      }
      for (const role of ROLES) {
        const result = await t.core.connectAs(demoUser[role], 'test').callUnknown(name, sampleInput[name]);
        const allowed = access === 'public' || access === 'signed-in' || access.includes(role);
        const refused = !result.ok && ['unauthenticated', 'forbidden'].includes(result.error.code);
        expect(refused, `${name} as ${role}`).toBe(!allowed);
      }
    }
  });

  it('refuses the front desk the staff list with a sentence', async () => {
    t = await tempCore({ demo: true });
    const result = await t.core.connectAs('reception', 'test').call('staff/list', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Front desk accounts are not allowed to do this.' },
    });
  });

  it('rejects malformed input before any handler runs, and the database is unchanged', async () => {
    t = await tempCore({ demo: true });
    const before = snapshotDatabase(t.core.dbPath);
    const window = t.core.connectAs('reception', 'test');
    const bad: unknown[] = [
      { limit: 'ten' },
      { limit: 0 },
      { limit: 1000 },
      { query: 'x'.repeat(101) },
      { offset: -1 },
      { surprise: true },
      'a string',
      [1, 2],
    ];
    for (const input of bad) {
      const result = await window.callUnknown('patients/list', input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!result.ok) expect(result.error.message).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(snapshotDatabase(t.core.dbPath)).toBe(before);
  });
});

/** A digest of every table's rows, by the data kind the table belongs to (FTS and version tables count as patients). */
function kindDigests(db: Database.Database): Map<string, string> {
  const digests = new Map<string, string>();
  const tables = db
    .prepare<[], { name: string; sql: string | null }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all();
  for (const { name, sql } of tables) {
    const order = /WITHOUT\s+ROWID/i.test(sql ?? '') ? '' : ' ORDER BY rowid';
    const rows = JSON.stringify(db.prepare(`SELECT * FROM "${name}"${order}`).all());
    const kind = name.startsWith('patients_') ? 'patients' : name;
    digests.set(kind, (digests.get(kind) ?? '') + createHash('sha1').update(rows).digest('hex'));
  }
  return digests;
}

const allows = (access: Access, role: Role) =>
  access === 'public' || access === 'signed-in' || access.includes(role);

describe('data-changed events come from the contract', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  it('every call that writes the database declares each kind it wrote, and exactly those arrive as data/changed', async () => {
    t = await tempCore({ demo: true });
    const db = new Database(t.core.dbPath, { readonly: true });
    // The range export's worker writes after the call returns: walk it last.
    const order = [...CHANNEL_NAMES.filter((n) => n !== 'exports/startRange'), 'exports/startRange' as const];
    const wrote: string[] = [];
    const version = () => db.pragma('data_version', { simple: true }) as number;
    let [current, seen] = [kindDigests(db), version()];
    try {
      for (const name of order) {
        const spec = channels[name];
        const role = ROLES.find((r) => allows(spec.access, r)) ?? 'admin';
        const window = t.core.connectAs(demoUser[role], 'test');
        const heard: DataKind[][] = [];
        window.onEvent((event, payload) => {
          if (event === 'data/changed') heard.push((payload as { tables: DataKind[] }).tables);
        });
        // PRAGMA data_version moves when another connection (the core's) commits: read the
        // tables again only then.
        if (version() !== seen) [current, seen] = [kindDigests(db), version()];
        const before = current;
        const result = await window.callUnknown(name, sampleInput[name]);
        if (version() !== seen) [current, seen] = [kindDigests(db), version()];
        const after = current;
        window.close();
        const written = [...after.keys()].filter((k) => before.get(k) !== after.get(k));
        const declared = changesOf(spec);
        // audit_log is written by nearly every write and the Audit screen reads every kind;
        // kinds that background work announced meanwhile (the outbox relay) are theirs.
        const background = new Set(heard.flat());
        const undeclared = written.filter(
          (k) =>
            k !== 'audit_log' &&
            k !== '__drizzle_migrations' &&
            !declared.includes(k as DataKind) &&
            !background.has(k as DataKind),
        );
        expect(undeclared, `${name} wrote ${undeclared.join(', ')} without declaring it in changes`).toEqual(
          [],
        );
        if (result.ok && declared.length > 0) {
          expect(heard, `${name} announced its declared kinds`).toContainEqual([...declared].sort());
        }
        if (!result.ok || declared.length === 0) {
          // A refused or read-only call announces nothing of its own.
          for (const tables of heard)
            expect(
              tables.some((k) => !written.includes(k)),
              name,
            ).toBe(false);
        }
        if (written.some((k) => k !== 'audit_log')) wrote.push(name);
      }
    } finally {
      db.close();
    }
    // The walk is not vacuous: the sample inputs really write through most writing channels.
    expect(wrote.length, wrote.join(', ')).toBeGreaterThanOrEqual(20);
  }, 120_000);

  it('a sign-in and a booking reach another window as their declared kinds; a refused booking announces nothing', async () => {
    t = await tempCore({ demo: true });
    const other = t.core.connectAs('admin', 'test');
    const heard: unknown[] = [];
    other.onEvent((event, payload) => heard.push([event, payload]));

    const desk = t.core.connect('test');
    expect(
      await desk.call('auth/login', { username: 'reception', password: 'demo-reception' }),
    ).toMatchObject({ ok: true });
    expect(heard).toEqual([['data/changed', { tables: ['staff_users'] }]]);

    heard.length = 0;
    const slots = await desk.call('appointments/freeSlots', { from: '2026-03-11', days: 1 });
    if (!slots.ok) throw new Error(slots.error.message);
    const slot = slots.value.doctors.flatMap((d) => d.slots.map((s) => ({ doctorId: d.doctorId, s })))[0];
    if (!slot) throw new Error('no free slot on 2026-03-11');
    const booked = await desk.call('appointments/book', {
      patientId: 1,
      doctorId: slot.doctorId,
      startsAt: slot.s.startsAt,
    });
    if (!booked.ok) throw new Error(booked.error.message);
    // With where it changed: the doctor's local day, so other doctors' and days' views stay put.
    expect(heard).toEqual([
      [
        'data/changed',
        {
          tables: [...channels['appointments/book'].changes].sort(),
          scope: {
            appointments: [
              { doctorId: slot.doctorId, departmentId: booked.value.departmentId, date: '2026-03-11' },
            ],
          },
        },
      ],
    ]);

    heard.length = 0;
    const refused = await desk.call('appointments/book', {
      patientId: 1,
      doctorId: slot.doctorId,
      startsAt: slot.s.startsAt,
    });
    expect(refused).toMatchObject({ ok: false });
    expect(heard).toEqual([]);

    // A move names the day it left as well as the day it went to: both doctor-days refetch.
    const later = await desk.call('appointments/freeSlots', {
      doctorId: slot.doctorId,
      from: '2026-03-12',
      days: 1,
    });
    if (!later.ok) throw new Error(later.error.message);
    const next = later.value.doctors[0]?.slots[0];
    if (!next) throw new Error('no free slot on 2026-03-12');
    const moved = await desk.call('appointments/reschedule', {
      id: booked.value.id,
      startsAt: next.startsAt,
    });
    if (!moved.ok) throw new Error(moved.error.message);
    const departmentId = booked.value.departmentId;
    expect(moved.value.movedFrom).toEqual({
      doctorId: slot.doctorId,
      doctorName: booked.value.doctorName,
      departmentId,
      date: '2026-03-11',
      time: booked.value.time,
    });
    expect(heard).toEqual([
      [
        'data/changed',
        {
          tables: [...channels['appointments/reschedule'].changes].sort(),
          scope: {
            appointments: [
              { doctorId: slot.doctorId, departmentId, date: '2026-03-11' },
              { doctorId: slot.doctorId, departmentId, date: '2026-03-12' },
            ],
          },
        },
      ],
    ]);
  });

  it('names every kind a channel may declare in one list', () => {
    for (const name of CHANNEL_NAMES) {
      const spec = channels[name];
      for (const kind of [...changesOf(spec), ...readsOf(spec)]) expect(DATA_KINDS, name).toContain(kind);
    }
  });
});
