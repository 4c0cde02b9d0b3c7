import { ROLE_LABELS, type Role } from '../../../shared/roles';
import { isUniqueViolation } from '../db/constraint';
import { UserError } from '../errors';
import type { StaffRow, StaffStore } from './store';

/** The doctor a doctor account will point at: exists, active, and not someone else's. */
export function linkableDoctor(
  store: StaffStore,
  doctorId: number,
  accountId: number | null,
): { full_name: string } {
  const doctor = store.doctor(doctorId);
  if (!doctor) throw new UserError('not_found', 'That doctor no longer exists. Reload and choose again.');
  const owner = store.accountOfDoctor(doctorId);
  if (owner && owner.id !== accountId) {
    throw new UserError(
      'conflict',
      `${doctor.full_name} already has an account (${owner.username}). Each doctor has one account.`,
    );
  }
  if (!doctor.active && owner?.id !== accountId) {
    throw new UserError('conflict', `${doctor.full_name} is inactive. Reactivate the doctor first.`);
  }
  return doctor;
}

/** The clinic always keeps one active administrator. */
export function refuseLosingLastAdmin(row: StaffRow, activeAdmins: number, what: string): void {
  if (row.role === 'admin' && row.active === 1 && activeAdmins <= 1) {
    throw new UserError(
      'conflict',
      `${row.full_name} is the only active administrator, so you cannot ${what}. Make another account an administrator first.`,
    );
  }
}

export function usernameTakenError(username: string): UserError {
  return new UserError('conflict', `The username "${username}" is already taken. Choose another.`);
}

/** A race with another window can still break a unique index; say what happened. */
export function explainConflict(error: unknown, username: string): never {
  if (isUniqueViolation(error, 'staff_users.username')) throw usernameTakenError(username);
  if (isUniqueViolation(error, 'staff_users.doctor_id')) {
    throw new UserError('conflict', 'That doctor already has an account. Each doctor has one account.');
  }
  throw error;
}

/** The audit's list of what an update changes; empty when nothing does. */
export function staffChanges(
  row: StaffRow,
  input: { fullName: string; role: Role; doctorId: number | null },
  doctor: { full_name: string } | null,
): string[] {
  const changes: string[] = [];
  if (row.full_name !== input.fullName) changes.push(`name ${row.full_name} → ${input.fullName}`);
  if (row.role !== input.role) changes.push(`role ${ROLE_LABELS[row.role]} → ${ROLE_LABELS[input.role]}`);
  if (row.doctor_id !== input.doctorId) {
    changes.push(doctor ? `linked to ${doctor.full_name}` : 'no longer linked to a doctor');
  }
  return changes;
}
