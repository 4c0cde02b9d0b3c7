import { describe, expect, it } from 'vitest';
import {
  describeAuditRange,
  formatInstant,
  humanize,
} from '../../../src/renderer/src/features/audit/auditFormat';
import {
  availabilityRequest,
  validateHours,
  type HoursRow,
} from '../../../src/renderer/src/features/doctors/availabilityForm';
import {
  doctorRequest,
  emptyDoctor,
  validateDoctor,
} from '../../../src/renderer/src/features/doctors/doctorForm';
import { validateSettings } from '../../../src/renderer/src/features/settings/settingsForm';
import {
  emptyStaff,
  validateCreate,
  validateUpdate,
} from '../../../src/renderer/src/features/staff/staffForm';

const row = (key: number, weekday: string, start: string, end: string, slotMinutes = '20'): HoursRow => ({
  key,
  weekday,
  start,
  end,
  slotMinutes,
});

describe('admin forms use the contract rules', () => {
  it('puts weekly-hours problems under the row and field they belong to', () => {
    const errors = validateHours(1, [
      row(0, '1', '09:00', '12:00'),
      row(1, '1', '11:00', '13:00'),
      row(2, '2', '14:00', '13:00'),
      row(3, '3', '9', '10:00', 'x'),
    ]);
    expect(errors.form).toBeUndefined();
    expect(errors.rows).toEqual([
      {},
      { start: 'Overlaps Monday 09:00–12:00.' },
      { end: 'The end must be after the start.' },
      {
        start: 'Enter a time as HH:MM, for example 09:30.',
        slotMinutes: 'Enter the slot length in minutes.',
      },
    ]);
    expect(availabilityRequest(4, [row(0, '6', '09:00', '24:00', '30')])).toEqual({
      doctorId: 4,
      rows: [{ weekday: 6, start: '09:00', end: '24:00', slotMinutes: 30 }],
    });
  });

  it('turns the doctor form into the request, empty contact fields as null', () => {
    const values = { ...emptyDoctor('2'), fullName: 'Dr A', consultationMinutes: '25' };
    expect(doctorRequest(values)).toEqual({
      fullName: 'Dr A',
      departmentId: 2,
      qualifications: '',
      email: null,
      phone: null,
      consultationMinutes: 25,
    });
    expect(validateDoctor(values)).toEqual([]);
    const paths = validateDoctor({ ...emptyDoctor(''), consultationMinutes: '2x' }).map((i) => i.path);
    expect(paths.sort()).toEqual(['consultationMinutes', 'departmentId', 'fullName']);
  });

  it('asks a doctor account for its doctor and a new account for matching passwords', () => {
    const issues = validateCreate({
      ...emptyStaff,
      username: 'dr.new',
      fullName: 'Dr New',
      role: 'doctor',
      password: 'long enough pw',
      confirmPassword: 'long enough px',
    });
    expect(issues).toEqual([
      { path: 'doctorId', message: 'Choose the doctor this account belongs to.' },
      { path: 'confirmPassword', message: 'The two passwords do not match.' },
    ]);
    // Editing checks only what it sends: no password fields.
    expect(validateUpdate({ ...emptyStaff, fullName: 'Sam', role: 'reception' })).toEqual([]);
  });

  it('checks settings: time zone from the list, idle lock 1–240 whole minutes', () => {
    const good = {
      clinicName: 'X',
      clinicAddress: '',
      clinicPhone: '',
      timeZone: 'Europe/Paris',
      idleLockMinutes: '10',
    };
    expect(validateSettings(good)).toEqual([]);
    expect(validateSettings({ ...good, timeZone: 'Nowhere/City' }).map((i) => i.path)).toEqual(['timeZone']);
    expect(validateSettings({ ...good, idleLockMinutes: '0' }).map((i) => i.message)).toEqual([
      'Lock after at least 1 minute.',
    ]);
    expect(validateSettings({ ...good, idleLockMinutes: 'ten' }).map((i) => i.message)).toEqual([
      'Enter the number of minutes.',
    ]);
  });
});

describe('audit log formatting', () => {
  it("shows instants on the clinic's wall clock, across a DST change", () => {
    expect(formatInstant('2026-03-29T00:30:00.000Z', 'Europe/London')).toBe('2026-03-29 00:30');
    expect(formatInstant('2026-03-29T01:30:00.000Z', 'Europe/London')).toBe('2026-03-29 02:30');
    expect(formatInstant('2026-03-03T03:00:00.000Z', 'America/New_York')).toBe('2026-03-02 22:00');
  });

  it('names codes and ranges in words', () => {
    expect(humanize('set_availability')).toBe('Set availability');
    expect(humanize('staff_user')).toBe('Staff user');
    expect(describeAuditRange(50, 50, 120)).toBe('Showing 51–100 of 120 entries');
    expect(describeAuditRange(0, 0, 0)).toBe('No entries');
  });
});
