import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { StaffSummary } from '../../../../shared/dto';
import { FormAlert } from '../../components/FormAlert';
import { useChannelMutation } from '../../lib/api';
import { useValidatedForm } from '../../lib/useValidatedForm';
import { validateReset, type ResetValues } from './staffForm';

export function ResetPasswordDialog({
  account,
  onClose,
}: {
  account: StaffSummary | null;
  onClose: () => void;
}) {
  return (
    <Modal opened={account !== null} onClose={onClose} title="Set a new password" centered>
      {account ? <ResetForm key={account.id} account={account} onDone={onClose} /> : null}
    </Modal>
  );
}

function ResetForm({ account, onDone }: { account: StaffSummary; onDone: () => void }) {
  const reset = useChannelMutation('staff/resetPassword');
  const form = useValidatedForm<ResetValues>({
    initial: { password: '', confirmPassword: '' },
    validate: validateReset,
  });
  const submit = form.onSubmit((values) =>
    reset.mutate(
      { id: account.id, password: values.password },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: `New password set for ${account.fullName}.` });
          onDone();
        },
        onError: form.showServerError,
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Set a new password">
      <Stack gap="md">
        <Text size="sm">
          Set a new password for {account.fullName} ({account.username}). Failed sign-ins are cleared, so they
          can sign in at once.
        </Text>
        <FormAlert title="Password not set" message={form.formError} />
        <PasswordInput
          label="New password"
          autoComplete="new-password"
          data-autofocus
          value={form.values.password}
          onChange={(event) => form.setValue('password', event.currentTarget.value)}
          error={form.errors.password}
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
          <Button type="submit" loading={reset.isPending}>
            Set password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
