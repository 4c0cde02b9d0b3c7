import { describe, expect, it } from 'vitest';
import { nearestSlots } from '../../../src/renderer/src/features/appointments/nearestSlots';
import {
  byShow,
  inScope,
  NO_FILTER,
  readFilter,
  type TodayFilter,
} from '../../../src/renderer/src/features/today/todayFilter';
import type { AppointmentView, Slot } from '../../../src/shared/dto/clinic';

const slot = (time: string, minutes: number): Slot => ({
  startsAt: minutes * 60_000,
  endsAt: (minutes + 15) * 60_000,
  date: '2026-03-11',
  time,
});

describe('nearestSlots', () => {
  it('offers the free times closest to the taken one, in time order', () => {
    const slots = [
      slot('09:00', 540),
      slot('10:15', 615),
      slot('10:45', 645),
      slot('11:00', 660),
      slot('16:00', 960),
    ];
    const taken = 630; // 10:30
    expect(nearestSlots(slots, taken * 60_000, 3).map((s) => s.time)).toEqual(['10:15', '10:45', '11:00']);
  });

  it('answers nothing when the doctor has no other free time', () => {
    expect(nearestSlots([], 0)).toEqual([]);
  });
});

const appointment = (over: Partial<AppointmentView>): AppointmentView => ({
  id: 1,
  patientId: 1,
  patientNumber: 'P000001',
  patientName: 'Zoë Adams',
  doctorId: 1,
  doctorName: 'Dr One',
  departmentId: 1,
  departmentName: 'General',
  startsAt: 0,
  endsAt: 0,
  date: '2026-03-11',
  time: '09:00',
  endTime: '09:15',
  status: 'booked',
  reason: '',
  cancelReason: null,
  treatmentId: null,
  ...over,
});

describe("Today's filter", () => {
  const day = [
    appointment({ id: 1 }),
    appointment({ id: 2, patientName: 'Ben Cole', patientNumber: 'P000002', status: 'arrived' }),
    appointment({ id: 3, doctorId: 2, departmentId: 2, status: 'completed' }),
  ];

  it('narrows by doctor, department and a search by name (accents ignored) or number', () => {
    const ids = (filter: TodayFilter, search = '') => inScope(day, filter, search).map((a) => a.id);
    expect(ids(NO_FILTER)).toEqual([1, 2, 3]);
    expect(ids({ ...NO_FILTER, doctorId: '2' })).toEqual([3]);
    expect(ids({ ...NO_FILTER, departmentId: '1' })).toEqual([1, 2]);
    expect(ids(NO_FILTER, 'zoe')).toEqual([1, 3]);
    expect(ids(NO_FILTER, 'p000002')).toEqual([2]);
  });

  it('shows still expected (booked) and waiting (arrived) apart', () => {
    expect(byShow(day, 'expected').map((a) => a.id)).toEqual([1]);
    expect(byShow(day, 'waiting').map((a) => a.id)).toEqual([2]);
  });

  it('reads a remembered filter defensively', () => {
    expect(readFilter({ doctorId: '3', departmentId: null, show: 'waiting' })).toEqual({
      doctorId: '3',
      departmentId: null,
      show: 'waiting',
    });
    expect(readFilter('nonsense')).toEqual(NO_FILTER);
    expect(readFilter({ doctorId: 'x; drop', show: 'everything' })).toEqual(NO_FILTER);
  });
});
