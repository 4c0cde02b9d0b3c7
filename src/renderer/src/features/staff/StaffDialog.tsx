import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import type { DoctorSummary } from '../../../../shared/channels/doctors';
import type { StaffSummary } from '../../../../shared/dto';
import { ROLE_LABELS, ROLES } from '../../../../shared/roles';
import { EditDialog } from '../../components/EditDialog';
import { DialogForm } from '../../components/FormDialog';
import { useChannelMutation } from '../../lib/api';
import { useSaveCallbacks } from '../../lib/useSaveCallbacks';
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
import { NewPasswordFields } from '../../components/NewPasswordFields';

interface Props {
  target: StaffSummary | 'new' | null;
  doctors: readonly DoctorSummary[];
  onClose: () => void;
}

export function StaffDialog({ target, doctors, onClose }: Props) {
  return (
    <EditDialog
      target={target}
      titles={{ new: 'New staff account', edit: 'Edit staff account' }}
      onClose={onClose}
      size="lg"
    >
      {(current, onDone) => <StaffForm target={current} doctors={doctors} onDone={onDone} />}
    </EditDialog>
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
  const create = useChannelMutation('staff/create');
  const update = useChannelMutation('staff/update');
  const form = useValidatedForm<StaffValues>({
    initial: isNew ? emptyStaff : staffValues(target),
    validate: isNew ? validateCreate : validateUpdate,
  });
  // Each doctor has at most one account: offer the doctors without one (and this account's own).
  const linkable = doctors.filter((d) => d.username === null || (!isNew && d.id === target.doctorId));
  const done = useSaveCallbacks(onDone, form.showServerError);
  const submit = form.onSubmit((values) =>
    isNew
      ? create.mutate(createRequest(values), done)
      : update.mutate(updateRequest(target.id, values), done),
  );

  return (
    <DialogForm
      label={isNew ? 'New staff account' : 'Edit staff account'}
      onSubmit={submit}
      dirty={form.dirty}
      error={form.formError}
      submitLabel={isNew ? 'Create account' : 'Save changes'}
      pending={create.isPending || update.isPending}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Full name" data-autofocus {...form.field('fullName')} />
        <TextInput
          label="Username"
          description={
            isNew ? 'Letters, digits, dots, dashes and underscores.' : 'Usernames cannot be changed.'
          }
          autoCapitalize="none"
          spellCheck={false}
          readOnly={!isNew}
          {...form.field('username')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label="Role"
          data={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
          {...form.field('role')}
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
            {...form.field('doctorId')}
          />
        ) : null}
      </SimpleGrid>
      {isNew ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NewPasswordFields
            label="Initial password"
            confirmLabel="Confirm password"
            description="At least 10 characters. Give it to the person in private."
            password={form.field('password')}
            confirm={form.field('confirmPassword')}
          />
        </SimpleGrid>
      ) : null}
    </DialogForm>
  );
}
