import {
  Button,
  Group,
  Modal,
  NativeSelect,
  PasswordInput,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { DoctorSummary } from '../../../../shared/channels/doctors';
import type { StaffSummary } from '../../../../shared/dto';
import { ROLE_LABELS, ROLES } from '../../../../shared/roles';
import { FormAlert } from '../../components/FormAlert';
import { useChannelMutation } from '../../lib/api';
import { refreshData } from '../../lib/refresh';
import { useValidatedForm } from '../../lib/useValidatedForm';
import {
  createRequest,
  emptyStaff,
  staffValues,
  updateRequest,
  validateCreate,
  validateUpdate,
  type StaffValues,
} from './staffForm';

interface Props {
  target: StaffSummary | 'new' | null;
  doctors: readonly DoctorSummary[];
  onClose: () => void;
}

export function StaffDialog({ target, doctors, onClose }: Props) {
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={target === 'new' ? 'New staff account' : 'Edit staff account'}
      size="lg"
      centered
    >
      {target === null ? null : (
        <StaffForm
          key={target === 'new' ? 'new' : target.id}
          target={target}
          doctors={doctors}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

function StaffForm({
  target,
  doctors,
  onDone,
}: {
  target: StaffSummary | 'new';
  doctors: readonly DoctorSummary[];
  onDone: () => void;
}) {
  const isNew = target === 'new';
  const queryClient = useQueryClient();
  const create = useChannelMutation('staff/create');
  const update = useChannelMutation('staff/update');
  const form = useValidatedForm<StaffValues>({
    initial: isNew ? emptyStaff : staffValues(target),
    validate: isNew ? validateCreate : validateUpdate,
  });
  // Each doctor has at most one account: offer the doctors without one (and this account's own).
  const linkable = doctors.filter((d) => d.username === null || (!isNew && d.id === target.doctorId));
  const done = {
    onSuccess: () => {
      void refreshData(queryClient);
      onDone();
    },
    onError: form.showServerError,
  };
  const submit = form.onSubmit((values) =>
    isNew
      ? create.mutate(createRequest(values), done)
      : update.mutate(updateRequest(target.id, values), done),
  );

  return (
    <form onSubmit={submit} noValidate aria-label={isNew ? 'New staff account' : 'Edit staff account'}>
      <Stack gap="md">
        <FormAlert title="Not saved" message={form.formError} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Full name"
            data-autofocus
            value={form.values.fullName}
            onChange={(event) => form.setValue('fullName', event.currentTarget.value)}
            error={form.errors.fullName}
          />
          <TextInput
            label="Username"
            description={
              isNew ? 'Letters, digits, dots, dashes and underscores.' : 'Usernames cannot be changed.'
            }
            autoCapitalize="none"
            spellCheck={false}
            readOnly={!isNew}
            value={form.values.username}
            onChange={(event) => form.setValue('username', event.currentTarget.value)}
            error={form.errors.username}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label="Role"
            data={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
            value={form.values.role}
            onChange={(event) => form.setValue('role', event.currentTarget.value)}
            error={form.errors.role}
          />
          {form.values.role === 'doctor' ? (
            <NativeSelect
              label="Doctor"
              description="The doctor profile this account belongs to."
              data={[
                { value: '', label: linkable.length ? 'Choose a doctor' : 'Every doctor has an account' },
                ...linkable.map((d) => ({
                  value: String(d.id),
                  label: `${d.fullName} — ${d.departmentName}`,
                })),
              ]}
              value={form.values.doctorId}
              onChange={(event) => form.setValue('doctorId', event.currentTarget.value)}
              error={form.errors.doctorId}
            />
          ) : null}
        </SimpleGrid>
        {isNew ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <PasswordInput
              label="Initial password"
              description="At least 10 characters. Give it to the person in private."
              autoComplete="new-password"
              value={form.values.password}
              onChange={(event) => form.setValue('password', event.currentTarget.value)}
              error={form.errors.password}
            />
            <PasswordInput
              label="Confirm password"
              autoComplete="new-password"
              value={form.values.confirmPassword}
              onChange={(event) => form.setValue('confirmPassword', event.currentTarget.value)}
              error={form.errors.confirmPassword}
            />
          </SimpleGrid>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {isNew ? 'Create account' : 'Save changes'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
