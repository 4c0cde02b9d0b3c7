import { Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { StaffSummary } from '../../../../shared/dto';
import { DialogForm, FormDialog } from '../../components/FormDialog';
import { useChannelMutation } from '../../lib/api';
import { useValidatedForm } from '../../lib/useValidatedForm';
import { validateReset, type ResetValues } from './staffForm';
import { NewPasswordFields } from '../../components/NewPasswordFields';

export function ResetPasswordDialog({
  account,
  onClose,
}: {
  account: StaffSummary | null;
  onClose: () => void;
}) {
  return (
    <FormDialog opened={account !== null} onClose={onClose} title="Set a new password" centered>
      {account ? <ResetForm key={account.id} account={account} onDone={onClose} /> : null}
    </FormDialog>
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
    <DialogForm
      label="Set a new password"
      onSubmit={submit}
      dirty={form.dirty}
      error={form.formError}
      errorTitle="Password not set"
      submitLabel="Set password"
      pending={reset.isPending}
    >
      <Text size="sm">
        Set a new password for {account.fullName} ({account.username}). Failed sign-ins are cleared, so they
        can sign in at once.
      </Text>
      <NewPasswordFields
        autoFocus
        password={form.field('password')}
        confirm={form.field('confirmPassword')}
      />
    </DialogForm>
  );
}
