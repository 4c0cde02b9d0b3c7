import { Button, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { DepartmentSummary } from '../../../../shared/channels/departments';
import type { DoctorSummary } from '../../../../shared/channels/doctors';
import { FormAlert } from '../../components/FormAlert';
import { useChannelMutation } from '../../lib/api';
import { refreshData } from '../../lib/refresh';
import { useValidatedForm } from '../../lib/useValidatedForm';
import { doctorRequest, doctorValues, emptyDoctor, validateDoctor, type DoctorValues } from './doctorForm';

interface Props {
  target: DoctorSummary | 'new' | null;
  departments: readonly DepartmentSummary[];
  onClose: () => void;
}

export function DoctorDialog({ target, departments, onClose }: Props) {
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={target === 'new' ? 'New doctor' : 'Edit doctor'}
      size="lg"
      centered
    >
      {target === null ? null : (
        <DoctorForm
          key={target === 'new' ? 'new' : target.id}
          target={target}
          departments={departments}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

function DoctorForm({
  target,
  departments,
  onDone,
}: {
  target: DoctorSummary | 'new';
  departments: readonly DepartmentSummary[];
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const create = useChannelMutation('doctors/create');
  const update = useChannelMutation('doctors/update');
  const form = useValidatedForm<DoctorValues>({
    initial: target === 'new' ? emptyDoctor() : doctorValues(target),
    validate: validateDoctor,
  });
  // Retired departments take no new doctors; a doctor already in one keeps it selectable.
  const choices = departments.filter((d) => d.active || (target !== 'new' && d.id === target.departmentId));
  const done = {
    onSuccess: () => {
      void refreshData(queryClient);
      onDone();
    },
    onError: form.showServerError,
  };
  const submit = form.onSubmit((values) =>
    target === 'new'
      ? create.mutate(doctorRequest(values), done)
      : update.mutate({ id: target.id, ...doctorRequest(values) }, done),
  );

  return (
    <form onSubmit={submit} noValidate aria-label={target === 'new' ? 'New doctor' : 'Edit doctor'}>
      <Stack gap="md">
        <FormAlert title="Not saved" message={form.formError} />
        <TextInput
          label="Full name"
          data-autofocus
          value={form.values.fullName}
          onChange={(event) => form.setValue('fullName', event.currentTarget.value)}
          error={form.errors.fullName}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label="Department"
            data={[
              { value: '', label: 'Choose a department' },
              ...choices.map((d) => ({
                value: String(d.id),
                label: d.active ? d.name : `${d.name} (retired)`,
              })),
            ]}
            value={form.values.departmentId}
            onChange={(event) => form.setValue('departmentId', event.currentTarget.value)}
            error={form.errors.departmentId}
          />
          <TextInput
            label="Consultation length (minutes)"
            inputMode="numeric"
            value={form.values.consultationMinutes}
            onChange={(event) => form.setValue('consultationMinutes', event.currentTarget.value)}
            error={form.errors.consultationMinutes}
          />
        </SimpleGrid>
        <TextInput
          label="Qualifications"
          value={form.values.qualifications}
          onChange={(event) => form.setValue('qualifications', event.currentTarget.value)}
          error={form.errors.qualifications}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Email"
            type="email"
            value={form.values.email}
            onChange={(event) => form.setValue('email', event.currentTarget.value)}
            error={form.errors.email}
          />
          <TextInput
            label="Phone"
            type="tel"
            value={form.values.phone}
            onChange={(event) => form.setValue('phone', event.currentTarget.value)}
            error={form.errors.phone}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {target === 'new' ? 'Add doctor' : 'Save changes'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
