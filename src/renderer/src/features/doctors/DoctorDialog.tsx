import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import type { DepartmentSummary } from '../../../../shared/channels/departments';
import type { DoctorSummary } from '../../../../shared/channels/doctors';
import { EditDialog } from '../../components/EditDialog';
import { DialogForm } from '../../components/FormDialog';
import { useChannelMutation } from '../../lib/api';
import { useSaveCallbacks } from '../../lib/useSaveCallbacks';
import { useValidatedForm } from '../../lib/useValidatedForm';
import { doctorRequest, doctorValues, emptyDoctor, validateDoctor, type DoctorValues } from './doctorForm';

interface Props {
  target: DoctorSummary | 'new' | null;
  departments: readonly DepartmentSummary[];
  onClose: () => void;
}

export function DoctorDialog({ target, departments, onClose }: Props) {
  return (
    <EditDialog
      target={target}
      titles={{ new: 'New doctor', edit: 'Edit doctor' }}
      onClose={onClose}
      size="lg"
    >
      {(current, onDone) => <DoctorForm target={current} departments={departments} onDone={onDone} />}
    </EditDialog>
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
  const create = useChannelMutation('doctors/create');
  const update = useChannelMutation('doctors/update');
  const form = useValidatedForm<DoctorValues>({
    initial: target === 'new' ? emptyDoctor() : doctorValues(target),
    validate: validateDoctor,
  });
  // Retired departments take no new doctors; a doctor already in one keeps it selectable.
  const choices = departments.filter((d) => d.active || (target !== 'new' && d.id === target.departmentId));
  const done = useSaveCallbacks(onDone, form.showServerError);
  const submit = form.onSubmit((values) =>
    target === 'new'
      ? create.mutate(doctorRequest(values), done)
      : update.mutate({ id: target.id, ...doctorRequest(values) }, done),
  );

  return (
    <DialogForm
      label={target === 'new' ? 'New doctor' : 'Edit doctor'}
      onSubmit={submit}
      dirty={form.dirty}
      error={form.formError}
      submitLabel={target === 'new' ? 'Add doctor' : 'Save changes'}
      pending={create.isPending || update.isPending}
    >
      <TextInput label="Full name" data-autofocus {...form.field('fullName')} />
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
          {...form.field('departmentId')}
        />
        <TextInput
          label="Consultation length (minutes)"
          inputMode="numeric"
          {...form.field('consultationMinutes')}
        />
      </SimpleGrid>
      <TextInput label="Qualifications" {...form.field('qualifications')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Email" type="email" {...form.field('email')} />
        <TextInput label="Phone" type="tel" {...form.field('phone')} />
      </SimpleGrid>
    </DialogForm>
  );
}
