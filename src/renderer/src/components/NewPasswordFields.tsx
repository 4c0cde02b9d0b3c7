import { PasswordInput } from '@mantine/core';
import type { TextFieldProps } from '../lib/useValidatedForm';

interface Props {
  /** `form.field(...)` of the new password and of its confirmation. */
  password: TextFieldProps;
  confirm: TextFieldProps;
  label?: string;
  confirmLabel?: string;
  description?: string;
  /** The dialog's first field: focused when it opens. */
  autoFocus?: boolean;
}

/** A new password typed twice (first run, a new account, a reset, a change): one pair everywhere. */
export function NewPasswordFields({
  password,
  confirm,
  label = 'New password',
  confirmLabel = 'Confirm new password',
  description,
  autoFocus = false,
}: Props) {
  return (
    <>
      <PasswordInput
        label={label}
        description={description}
        autoComplete="new-password"
        data-autofocus={autoFocus || undefined}
        {...password}
      />
      <PasswordInput label={confirmLabel} autoComplete="new-password" {...confirm} />
    </>
  );
}
