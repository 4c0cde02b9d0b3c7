import { Textarea, TextInput } from '@mantine/core';
import { departmentCreateInput, type DepartmentSummary } from '../../../../shared/channels/departments';
import { EditDialog } from '../../components/EditDialog';
import { DialogForm } from '../../components/FormDialog';
import { useChannelMutation } from '../../lib/api';
import { schemaIssues } from '../../lib/formErrors';
import { useSaveCallbacks } from '../../lib/useSaveCallbacks';
import { useValidatedForm } from '../../lib/useValidatedForm';

type Values = { name: string; description: string };
const validate = (values: Values) => schemaIssues(departmentCreateInput, values);

interface Props {
  /** null: closed; 'new': create; a department: edit it. */
  target: DepartmentSummary | 'new' | null;
  onClose: () => void;
}

export function DepartmentDialog({ target, onClose }: Props) {
  return (
    <EditDialog target={target} titles={{ new: 'New department', edit: 'Edit department' }} onClose={onClose}>
      {(current, onDone) => <DepartmentForm target={current} onDone={onDone} />}
    </EditDialog>
  );
}

function DepartmentForm({ target, onDone }: { target: DepartmentSummary | 'new'; onDone: () => void }) {
  const create = useChannelMutation('departments/create');
  const update = useChannelMutation('departments/update');
  const form = useValidatedForm<Values>({
    initial:
      target === 'new'
        ? { name: '', description: '' }
        : { name: target.name, description: target.description },
    validate,
  });
  const done = useSaveCallbacks(onDone, form.showServerError);

  const submit = form.onSubmit((values) =>
    target === 'new' ? create.mutate(values, done) : update.mutate({ id: target.id, ...values }, done),
  );

  return (
    <DialogForm
      label={target === 'new' ? 'New department' : 'Edit department'}
      onSubmit={submit}
      dirty={form.dirty}
      error={form.formError}
      submitLabel={target === 'new' ? 'Create department' : 'Save changes'}
      pending={create.isPending || update.isPending}
    >
      <TextInput label="Name" data-autofocus {...form.field('name')} />
      <Textarea label="Description" autosize minRows={2} {...form.field('description')} />
    </DialogForm>
  );
}
