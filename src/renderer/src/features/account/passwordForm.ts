import { changePasswordInput } from '../../../../shared/channels/auth';
import type { ChannelInput } from '../../../../shared/contract';
import type { FieldIssue } from '../../../../shared/result';
import { schemaIssues } from '../../lib/formErrors';

export type ChangePasswordValues = { currentPassword: string; newPassword: string; confirmPassword: string };

export const emptyChangePassword: ChangePasswordValues = {
  currentPassword: '',
  newPassword: '',
  confirmPassword: '',
};

export const changePasswordRequest = (values: ChangePasswordValues): ChannelInput<'auth/changePassword'> => ({
  currentPassword: values.currentPassword,
  newPassword: values.newPassword,
});

/** The typed-twice rule, shared by every form that sets a password. */
export function confirmIssues(password: string, confirm: string): FieldIssue[] {
  if (confirm === '') return [{ path: 'confirmPassword', message: 'Type the new password again.' }];
  if (confirm !== password) return [{ path: 'confirmPassword', message: 'The two passwords do not match.' }];
  return [];
}

export function validateChangePassword(values: ChangePasswordValues): FieldIssue[] {
  return [
    ...schemaIssues(changePasswordInput, changePasswordRequest(values)),
    ...confirmIssues(values.newPassword, values.confirmPassword),
  ];
}
