import { z } from 'zod';
import type { StaffSummary } from '../dto';
import { ROLES } from '../roles';
import { fullName, password, username } from './auth';
import { define, emptyInput as empty } from './define';

const id = z.number().int().positive();
const role = z.enum(ROLES, 'Choose a role: administrator, front desk or doctor.');

/** A doctor account must point at a doctor profile; other roles must not. */
function checkDoctorLink(
  value: { role: (typeof ROLES)[number]; doctorId?: number | null | undefined },
  ctx: z.RefinementCtx,
): void {
  if (value.role === 'doctor' && (value.doctorId === null || value.doctorId === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['doctorId'],
      message: 'Choose the doctor this account belongs to.',
    });
  }
  if (value.role !== 'doctor' && value.doctorId !== null && value.doctorId !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['doctorId'],
      message: 'Only doctor accounts are linked to a doctor.',
    });
  }
}

export const staffCreateInput = z
  .strictObject({
    username,
    fullName,
    role,
    password,
    doctorId: id.nullable().default(null),
  })
  .superRefine(checkDoctorLink);

export const staffUpdateInput = z
  .strictObject({
    id,
    fullName,
    role,
    doctorId: id.nullable().default(null),
  })
  .superRefine(checkDoctorLink);

export const staffSetActiveInput = z.strictObject({ id, active: z.boolean() });

export const staffResetPasswordInput = z.strictObject({ id, password });

export const staffChannels = {
  'staff/list': define<StaffSummary[]>()({
    input: empty,
    access: ['admin'],
    summary: 'Every staff account with its role and whether it is active.',
    reads: ['doctors', 'staff_users'],
  }),
  'staff/create': define<StaffSummary>()({
    input: staffCreateInput,
    access: ['admin'],
    summary: 'Create a staff account with an initial password; a doctor account links to a doctor.',
    changes: ['staff_users'],
  }),
  'staff/update': define<StaffSummary>()({
    input: staffUpdateInput,
    access: ['admin'],
    summary: "Change an account's name, role or doctor link.",
    changes: ['staff_users'],
  }),
  'staff/setActive': define<StaffSummary>()({
    input: staffSetActiveInput,
    access: ['admin'],
    summary: 'Deactivate or reactivate an account (never the last active administrator, never yourself).',
    changes: ['staff_users'],
  }),
  'staff/resetPassword': define<null>()({
    input: staffResetPasswordInput,
    access: ['admin'],
    summary: "Set a new password for someone's account and clear its failed sign-ins.",
    changes: ['staff_users'],
  }),
} as const;
