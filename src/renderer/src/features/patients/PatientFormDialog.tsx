import { Alert, Checkbox, List, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState } from 'react';
import type { DuplicateCandidate, PatientDetails } from '../../../../shared/dto/clinic';
import { DialogForm, FormDialog } from '../../components/FormDialog';
import { call, useChannelMutation } from '../../lib/api';
import { useValidatedForm } from '../../lib/useValidatedForm';
import {
  emptyPatientForm,
  patientFormOf,
  patientRequest,
  validatePatientForm,
  type PatientFormValues,
} from './patientForm';

interface Props {
  opened: boolean;
  /** Edit this patient; register a new one when absent. */
  patient?: PatientDetails;
  onClose: () => void;
  onSaved: (patient: PatientDetails) => void;
}

export function PatientFormDialog({ opened, patient, onClose, onSaved }: Props) {
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={patient ? 'Edit patient' : 'Register patient'}
      size="xl"
    >
      {opened ? <PatientForm patient={patient} onSaved={onSaved} /> : null}
    </FormDialog>
  );
}

function PatientForm({ patient, onSaved }: Omit<Props, 'opened' | 'onClose'>) {
  const form = useValidatedForm<PatientFormValues>({
    initial: patient ? patientFormOf(patient) : emptyPatientForm,
    validate: validatePatientForm,
  });
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[] | null>(null);
  const register = useChannelMutation('patients/register');
  const update = useChannelMutation('patients/update');
  const saving = register.isPending || update.isPending;

  const save = (values: PatientFormValues, confirmDuplicate: boolean) => {
    const request = patientRequest(values);
    if (patient) {
      update.mutate({ ...request, id: patient.id }, { onSuccess: onSaved, onError: form.showServerError });
      return;
    }
    register.mutate({ ...request, confirmDuplicate }, { onSuccess: onSaved, onError: form.showServerError });
  };

  const submit = form.onSubmit((values) => {
    if (patient || duplicates !== null) {
      save(values, duplicates !== null);
      return;
    }
    // Warn before saving: main refuses a likely duplicate unless the user confirms it.
    void call('patients/checkDuplicates', {
      fullName: values.fullName,
      dateOfBirth: values.dateOfBirth,
      phone: values.phone,
    }).then((found) => (found.length > 0 ? setDuplicates(found) : save(values, false)), form.showServerError);
  });

  const field = (name: keyof PatientFormValues & string) => ({
    value: form.values[name],
    onChange: (event: { currentTarget: { value: string } }) => {
      form.setValue(name, event.currentTarget.value);
      if (name === 'fullName' || name === 'phone' || name === 'dateOfBirth') setDuplicates(null);
    },
    error: form.errors[name],
  });

  return (
    <DialogForm
      label={patient ? 'Edit patient' : 'Register patient'}
      onSubmit={submit}
      dirty={form.dirty}
      error={form.formError}
      submitLabel={patient ? 'Save changes' : duplicates ? 'Register anyway' : 'Register patient'}
      submitColor={duplicates ? 'yellow' : undefined}
      pending={saving}
      closeLabel="Close"
    >
      {duplicates ? (
        <Alert color="yellow" role="alert" title="This may be a patient who is already registered">
          <List size="sm" mb="xs">
            {duplicates.map((d) => (
              <List.Item key={d.id}>
                {d.fullName} · {d.patientNumber} · born {d.dateOfBirth} · {d.phone ?? 'no phone'} (
                {d.reason === 'phone' ? 'same phone' : 'same name and date of birth'})
              </List.Item>
            ))}
          </List>
          Check that this is a different person. Press “Register anyway” to register them.
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Full name"
          autoComplete="off"
          data-autofocus
          maxLength={120}
          {...field('fullName')}
        />
        <DateInput
          label="Date of birth"
          placeholder="YYYY-MM-DD"
          valueFormat="YYYY-MM-DD"
          value={form.values.dateOfBirth || null}
          onChange={(value) => {
            form.setValue('dateOfBirth', value ?? '');
            setDuplicates(null);
          }}
          error={form.errors.dateOfBirth}
          maxDate={new Date()}
        />
        <Select
          label="Sex"
          data={[
            { value: 'female', label: 'Female' },
            { value: 'male', label: 'Male' },
            { value: 'other', label: 'Other' },
            { value: 'unknown', label: 'Not recorded' },
          ]}
          value={form.values.sex || null}
          onChange={(value) => form.setValue('sex', value ?? '')}
          error={form.errors.sex}
        />
        <TextInput label="Phone" type="tel" maxLength={40} {...field('phone')} />
        <TextInput label="Email" type="email" maxLength={200} {...field('email')} />
        <TextInput label="Emergency contact" maxLength={200} {...field('emergencyContact')} />
      </SimpleGrid>
      <Textarea label="Address" autosize minRows={2} maxLength={500} {...field('address')} />
      <Textarea label="Notes" autosize minRows={2} maxLength={2000} {...field('notes')} />
      <Checkbox
        label="Send email reminders (the patient agreed)"
        checked={form.values.emailReminders === 'yes'}
        onChange={(event) => form.setValue('emailReminders', event.currentTarget.checked ? 'yes' : 'no')}
        error={form.errors.emailReminders}
      />
    </DialogForm>
  );
}
