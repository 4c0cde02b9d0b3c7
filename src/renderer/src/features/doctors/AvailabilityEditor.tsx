import {
  Button,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState, type FormEvent } from 'react';
import type { DoctorDetail } from '../../../../shared/channels/doctors';
import { WEEKDAY_NAMES } from '../../../../shared/time-of-day';
import { FormAlert } from '../../components/FormAlert';
import { errorMessage, useChannelMutation } from '../../lib/api';
import {
  availabilityRequest,
  hasHoursErrors,
  toHoursRows,
  validateHours,
  type HoursRow,
  type RowField,
} from './availabilityForm';

/** Monday first, as a clinic's week reads; stored weekday numbers stay 0 = Sunday. */
const DAY_OPTIONS = [1, 2, 3, 4, 5, 6, 0].map((day) => ({
  value: String(day),
  label: WEEKDAY_NAMES[day] ?? '',
}));

export function AvailabilityEditor({ doctor }: { doctor: DoctorDetail }) {
  const save = useChannelMutation('doctors/setAvailability');
  const [rows, setRows] = useState<HoursRow[]>(() => toHoursRows(doctor.availability));
  const [nextKey, setNextKey] = useState(doctor.availability.length);
  const [touched, setTouched] = useState<ReadonlySet<number>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);

  const errors = useMemo(() => validateHours(doctor.id, rows), [doctor.id, rows]);
  const shown = (row: HoursRow, index: number, field: RowField): string | undefined =>
    submitted || touched.has(row.key) ? errors.rows[index]?.[field] : undefined;

  const edit = (key: number, changes: Partial<HoursRow>): void => {
    save.reset();
    setRows((previous) => previous.map((row) => (row.key === key ? { ...row, ...changes } : row)));
    setTouched((previous) => new Set([...previous, key]));
  };

  const addRow = (): void => {
    const last = rows.at(-1);
    // A new row continues the week: the day after the last row, same hours, the doctor's slot.
    const weekday = last ? String((Number(last.weekday) + 1) % 7) : '1';
    setRows([
      ...rows,
      {
        key: nextKey,
        weekday,
        start: last?.start ?? '09:00',
        end: last?.end ?? '17:00',
        slotMinutes: String(doctor.consultationMinutes),
      },
    ]);
    setNextKey(nextKey + 1);
  };

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setSubmitted(true);
    if (hasHoursErrors(errors)) return;
    save.mutate(availabilityRequest(doctor.id, rows), {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: `Weekly hours of ${doctor.fullName} saved.` });
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Weekly hours">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Weekly hours
        </Title>
        <Text size="sm" c="dimmed">
          The days and times {doctor.fullName} sees patients, each with its slot length. Times are 24-hour
          HH:MM in the clinic&apos;s time zone; 24:00 means midnight at the end of the day.
        </Text>
        <FormAlert
          title="Weekly hours not saved"
          message={save.isError ? errorMessage(save.error) : submitted ? errors.form : undefined}
        />
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            No weekly hours: this doctor cannot be booked until hours are added.
          </Text>
        ) : (
          <Table verticalSpacing={4} aria-label="Weekly hours">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Day</Table.Th>
                <Table.Th>Start</Table.Th>
                <Table.Th>End</Table.Th>
                <Table.Th>Slot (minutes)</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Remove</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, index) => {
                const n = index + 1;
                return (
                  <Table.Tr key={row.key}>
                    <Table.Td>
                      <NativeSelect
                        aria-label={`Day, row ${n}`}
                        data={DAY_OPTIONS}
                        value={row.weekday}
                        onChange={(event) => edit(row.key, { weekday: event.currentTarget.value })}
                        error={shown(row, index, 'weekday')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Start, row ${n}`}
                        placeholder="09:00"
                        value={row.start}
                        onChange={(event) => edit(row.key, { start: event.currentTarget.value })}
                        error={shown(row, index, 'start')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`End, row ${n}`}
                        placeholder="17:00"
                        value={row.end}
                        onChange={(event) => edit(row.key, { end: event.currentTarget.value })}
                        error={shown(row, index, 'end')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Slot minutes, row ${n}`}
                        inputMode="numeric"
                        value={row.slotMinutes}
                        onChange={(event) => edit(row.key, { slotMinutes: event.currentTarget.value })}
                        error={shown(row, index, 'slotMinutes')}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Button
                        variant="subtle"
                        color="red"
                        size="xs"
                        aria-label={`Remove row ${n}`}
                        onClick={() => {
                          save.reset();
                          setRows(rows.filter((r) => r.key !== row.key));
                        }}
                      >
                        Remove
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={addRow}>
            Add hours
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save weekly hours
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
