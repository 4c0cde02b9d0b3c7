import {
  staffCreateInput,
  staffResetPasswordInput,
  staffUpdateInput,
} from '../../../../shared/channels/staff';
import type { ChannelInput } from '../../../../shared/contract';
import type { StaffSummary } from '../../../../shared/dto';
import type { FieldIssue } from '../../../../shared/result';
import type { Role } from '../../../../shared/roles';
import { schemaIssues } from '../../lib/formErrors';
import { confirmIssues } from '../account/passwordForm';

export type StaffValues = {
  username: string;
  fullName: string;
  role: string;
  doctorId: string;
  password: string;
  confirmPassword: string;
};

export const emptyStaff: StaffValues = {
  username: '',
  fullName: '',
  role: 'reception',
  doctorId: '',
  password: '',
  confirmPassword: '',
};

export const staffValues = (account: StaffSummary): StaffValues => ({
  ...emptyStaff,
  username: account.username,
  fullName: account.fullName,
  role: account.role,
  doctorId: account.doctorId === null ? '' : String(account.doctorId),
});

const doctorIdOf = (values: StaffValues): number | null =>
  values.role === 'doctor' && values.doctorId !== '' ? Number(values.doctorId) : null;

export const createRequest = (values: StaffValues): ChannelInput<'staff/create'> => ({
  username: values.username,
  fullName: values.fullName,
  role: values.role as Role,
  password: values.password,
  doctorId: doctorIdOf(values),
});

export const updateRequest = (id: number, values: StaffValues): ChannelInput<'staff/update'> => ({
  id,
  fullName: values.fullName,
  role: values.role as Role,
  doctorId: doctorIdOf(values),
});

export const validateCreate = (values: StaffValues): FieldIssue[] => [
  ...schemaIssues(staffCreateInput, createRequest(values)),
  ...confirmIssues(values.password, values.confirmPassword),
];

/** Editing never touches the username or password; only the fields it sends are checked. */
export const validateUpdate = (values: StaffValues): FieldIssue[] =>
  schemaIssues(staffUpdateInput, updateRequest(1, values));

export type ResetValues = { password: string; confirmPassword: string };

export const validateReset = (values: ResetValues): FieldIssue[] => [
  ...schemaIssues(staffResetPasswordInput, { id: 1, password: values.password }),
  ...confirmIssues(values.password, values.confirmPassword),
];
