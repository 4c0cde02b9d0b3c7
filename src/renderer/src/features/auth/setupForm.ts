import { setupInput, type ChannelInput } from '../../../../shared/contract';
import type { FieldIssue } from '../../../../shared/result';
import { schemaIssues } from '../../lib/formErrors';

export type SetupValues = { fullName: string; username: string; password: string; confirmPassword: string };

export const emptySetupForm: SetupValues = { fullName: '', username: '', password: '', confirmPassword: '' };

/** What `auth/setup` accepts: its schema is strict, so the confirmation must not be sent. */
export const setupRequest = ({ fullName, username, password }: SetupValues): ChannelInput<'auth/setup'> => ({
  fullName,
  username,
  password,
});

/** The contract's rules, plus the one rule only a form has: typing the password twice. */
export function validateSetup(values: SetupValues): FieldIssue[] {
  const issues = schemaIssues(setupInput, setupRequest(values));
  if (values.confirmPassword === '') {
    issues.push({ path: 'confirmPassword', message: 'Type the password again.' });
  } else if (values.confirmPassword !== values.password) {
    issues.push({ path: 'confirmPassword', message: 'The two passwords do not match.' });
  }
  return issues;
}
