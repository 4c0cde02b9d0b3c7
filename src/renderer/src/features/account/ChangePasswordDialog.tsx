import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { FormAlert } from '../../components/FormAlert';
import { useChannelMutation } from '../../lib/api';
import { useValidatedForm } from '../../lib/useValidatedForm';
import {
  changePasswordRequest,
  emptyChangePassword,
  validateChangePassword,
  type ChangePasswordValues,
} from './passwordForm';

interface Props {
  opened: boolean;
  onClose: () => void;
}

export function ChangePasswordDialog({ opened, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title="Change your password" centered>
      {/* Mounted only while open, so every opening starts with empty fields. */}
      {opened ? <ChangePasswordForm onDone={onClose} /> : null}
    </Modal>
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
    <form onSubmit={submit} noValidate aria-label="Change your password">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Use at least 10 characters. You stay signed in; next time, sign in with the new password.
        </Text>
        <FormAlert title="Password not changed" message={form.formError} />
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          data-autofocus
          value={form.values.currentPassword}
          onChange={(event) => form.setValue('currentPassword', event.currentTarget.value)}
          error={form.errors.currentPassword}
        />
        <PasswordInput
          label="New password"
          autoComplete="new-password"
          value={form.values.newPassword}
          onChange={(event) => form.setValue('newPassword', event.currentTarget.value)}
          error={form.errors.newPassword}
        />
        <PasswordInput
          label="Confirm new password"
          autoComplete="new-password"
          value={form.values.confirmPassword}
          onChange={(event) => form.setValue('confirmPassword', event.currentTarget.value)}
          error={form.errors.confirmPassword}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
