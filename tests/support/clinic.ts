import { expect } from 'vitest';
import type { Connection } from '../../src/main/core/api';
import type { ChannelName, ChannelResult } from '../../src/shared/contract';
import type { Slot } from '../../src/shared/dto/clinic';
import type { ErrorCode } from '../../src/shared/result';
import { databaseDigest } from './temp-core';

/** Wednesday 11 March 2026, 10:05 in London (GMT): a working day with the morning under way. */
export const CLINIC_NOW = '2026-03-11T10:05:00Z';
export const TODAY = '2026-03-11';

/** The value of a call that must succeed; its sentence otherwise. */
export async function value<C extends ChannelName>(
  connection: Connection,
  channel: C,
  input: unknown,
): Promise<ChannelResult<C>> {
  const result = await connection.call(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Calls a channel that must be refused with `code`, and proves that nothing was written. */
export async function expectRefused(
  dbPath: string,
  connection: Connection,
  channel: ChannelName,
  input: unknown,
  code: ErrorCode,
  message?: RegExp,
): Promise<string> {
  const before = databaseDigest(dbPath);
  const result = await connection.call(channel, input);
  expect(result.ok, `${channel} should be refused`).toBe(false);
  if (result.ok) return '';
  expect(result.error.code, result.error.message).toBe(code);
  if (message) expect(result.error.message).toMatch(message);
  expect(databaseDigest(dbPath), 'a refused call wrote nothing').toEqual(before);
  return result.error.message;
}

export async function freeSlotsOf(
  connection: Connection,
  doctorId: number,
  from: string,
  days = 1,
): Promise<Slot[]> {
  const free = await value(connection, 'appointments/freeSlots', { doctorId, from, days });
  return free.doctors.find((d) => d.doctorId === doctorId)?.slots ?? [];
}

export async function registerPatient(
  connection: Connection,
  overrides: Record<string, unknown> = {},
): Promise<ChannelResult<'patients/register'>> {
  return value(connection, 'patients/register', {
    fullName: 'Test Patient',
    dateOfBirth: '1980-05-17',
    sex: 'female',
    phone: '+44 7700 000001',
    ...overrides,
  });
}
