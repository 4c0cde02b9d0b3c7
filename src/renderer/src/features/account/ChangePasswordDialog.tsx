import { PasswordInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { DialogForm, FormDialog } from '../../components/FormDialog';
import { useChannelMutation } from '../../lib/api';
import { useValidatedForm } from '../../lib/useValidatedForm';
import {
  changePasswordRequest,
  emptyChangePassword,
  validateChangePassword,
  type ChangePasswordValues,
} from './passwordForm';
import { NewPasswordFields } from '../../components/NewPasswordFields';

interface Props {
  opened: boolean;
  onClose: () => void;
}

export function ChangePasswordDialog({ opened, onClose }: Props) {
  return (
    <FormDialog opened={opened} onClose={onClose} title="Change your password" centered>
      {/* Mounted only while open, so every opening starts with empty fields. */}
      {opened ? <ChangePasswordForm onDone={onClose} /> : null}
    </FormDialog>
  );
}

function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const change = useChannelMutation('auth/changePassword');
  const form = useValidatedForm<ChangePasswordValues>({
    initial: emptyChangePassword,
    validate: validateChangePassword,
  });

  const submit = form.onSubmit((values) =>
    change.mutate(changePasswordRequest(values), {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: 'Your password has been changed.' });
        onDone();
      },
      onError: form.showServerError,
    }),
  );

  return (
    <DialogForm
      label="Change your password"
      onSubmit={submit}
      dirty={form.dirty}
      error={form.formError}
      errorTitle="Password not changed"
      submitLabel="Change password"
      pending={change.isPending}
    >
      <Text size="sm" c="dimmed">
        Use at least 10 characters. You stay signed in; next time, sign in with the new password.
      </Text>
      <PasswordInput
        label="Current password"
        autoComplete="current-password"
        data-autofocus
        {...form.field('currentPassword')}
      />
      <NewPasswordFields password={form.field('newPassword')} confirm={form.field('confirmPassword')} />
    </DialogForm>
  );
}
