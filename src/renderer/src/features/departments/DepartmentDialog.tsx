import { Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { departmentCreateInput, type DepartmentSummary } from '../../../../shared/channels/departments';
import { DialogForm, FormDialog } from '../../components/FormDialog';
import { useChannelMutation } from '../../lib/api';
import { schemaIssues } from '../../lib/formErrors';
import { refreshData } from '../../lib/refresh';
import { useValidatedForm } from '../../lib/useValidatedForm';

type Values = { name: string; description: string };
const validate = (values: Values) => schemaIssues(departmentCreateInput, values);

interface Props {
  /** null: closed; 'new': create; a department: edit it. */
  target: DepartmentSummary | 'new' | null;
  onClose: () => void;
}

export function DepartmentDialog({ target, onClose }: Props) {
  const title = target === 'new' ? 'New department' : 'Edit department';
  return (
    <FormDialog opened={target !== null} onClose={onClose} title={title} centered>
      {target === null ? null : (
        <DepartmentForm key={target === 'new' ? 'new' : target.id} target={target} onDone={onClose} />
      )}
    </FormDialog>
  );
}

function DepartmentForm({ target, onDone }: { target: DepartmentSummary | 'new'; onDone: () => void }) {
  const queryClient = useQueryClient();
  const create = useChannelMutation('departments/create');
  const update = useChannelMutation('departments/update');
  const form = useValidatedForm<Values>({
    initial:
      target === 'new'
        ? { name: '', description: '' }
        : { name: target.name, description: target.description },
    validate,
  });
  const done = {
    onSuccess: () => {
      void refreshData(queryClient);
      onDone();
    },
    onError: form.showServerError,
  };

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
