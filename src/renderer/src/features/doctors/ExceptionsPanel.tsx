import { Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { doctorAddExceptionInput, type DoctorDetail } from '../../../../shared/channels/doctors';
import type { ChannelInput } from '../../../../shared/contract';
import { FormAlert } from '../../components/FormAlert';
import { errorMessage, useChannelMutation } from '../../lib/api';
import { schemaIssues } from '../../lib/formErrors';
import { useValidatedForm } from '../../lib/useValidatedForm';

type Values = { date: string; kind: string; start: string; end: string; note: string };

const KIND_LABELS = { leave: 'Leave', extra: 'Extra hours' } as const;

const request = (doctorId: number, values: Values): ChannelInput<'doctors/addException'> => ({
  doctorId,
  date: values.date,
  kind: values.kind as 'leave' | 'extra',
  start: values.start,
  end: values.end,
  note: values.note,
});

/** Date-specific leave (nobody can book) and extra hours (bookable beyond the weekly pattern). */
export function ExceptionsPanel({ doctor }: { doctor: DoctorDetail }) {
  const add = useChannelMutation('doctors/addException');
  const remove = useChannelMutation('doctors/removeException');
  const form = useValidatedForm<Values>({
    initial: { date: '', kind: 'leave', start: '00:00', end: '24:00', note: '' },
    validate: (values) =>
      schemaIssues(doctorAddExceptionInput, request(doctor.id, values)).filter((i) => i.path !== 'doctorId'),
  });

  const submit = form.onSubmit((values) =>
    add.mutate(request(doctor.id, values), {
      onSuccess: () => {
        notifications.show({
          color: 'teal',
          message: `${KIND_LABELS[values.kind as 'leave' | 'extra']} on ${values.date} recorded.`,
        });
        form.setValues({ date: '', note: '' });
      },
      onError: form.showServerError,
    }),
  );

  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        Leave and extra hours
      </Title>
      {remove.isError ? <FormAlert title="Not removed" message={errorMessage(remove.error)} /> : null}
      {doctor.exceptions.length === 0 ? (
        <Text size="sm" c="dimmed">
          No leave or extra hours from today on.
        </Text>
      ) : (
        <Table verticalSpacing={4} aria-label="Leave and extra hours">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>From</Table.Th>
              <Table.Th>To</Table.Th>
              <Table.Th>Note</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {doctor.exceptions.map((exception) => (
              <Table.Tr key={exception.id}>
                <Table.Td>{exception.date}</Table.Td>
                <Table.Td>{KIND_LABELS[exception.kind]}</Table.Td>
                <Table.Td>{exception.start}</Table.Td>
                <Table.Td>{exception.end}</Table.Td>
                <Table.Td c="dimmed">{exception.note}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${KIND_LABELS[exception.kind].toLowerCase()} on ${exception.date} from ${exception.start}`}
                    loading={remove.isPending && remove.variables.id === exception.id}
                    onClick={() => remove.mutate({ id: exception.id })}
                  >
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form onSubmit={submit} noValidate aria-label="Add leave or extra hours">
        <Stack gap="sm">
          <FormAlert title="Not added" message={form.formError} />
          <SimpleGrid cols={{ base: 1, sm: 4 }}>
            <DatePickerInput
              label="Date"
              placeholder="Pick a date"
              valueFormat="YYYY-MM-DD"
              minDate={new Date()}
              value={form.values.date || null}
              onChange={(value) => form.setValue('date', value ?? '')}
              error={form.errors.date}
            />
            <NativeSelect
              label="Kind"
              data={[
                { value: 'leave', label: 'Leave' },
                { value: 'extra', label: 'Extra hours' },
              ]}
              value={form.values.kind}
              onChange={(event) => {
                const kind = event.currentTarget.value;
                // Leave is usually the whole day; extra hours usually an evening.
                form.setValues(
                  kind === 'leave'
                    ? { kind, start: '00:00', end: '24:00' }
                    : { kind, start: '17:00', end: '19:00' },
                );
              }}
              error={form.errors.kind}
            />
            <TextInput
              label="From"
              placeholder="HH:MM"
              value={form.values.start}
              onChange={(event) => form.setValue('start', event.currentTarget.value)}
              error={form.errors.start}
            />
            <TextInput
              label="To"
              placeholder="HH:MM"
              value={form.values.end}
              onChange={(event) => form.setValue('end', event.currentTarget.value)}
              error={form.errors.end}
            />
          </SimpleGrid>
          <Group align="flex-end">
            <TextInput
              label="Note"
              flex={1}
              value={form.values.note}
              onChange={(event) => form.setValue('note', event.currentTarget.value)}
              error={form.errors.note}
            />
            <Button type="submit" variant="light" loading={add.isPending}>
              Add
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
