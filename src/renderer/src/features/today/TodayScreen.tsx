import { Alert, Anchor, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { AppointmentView } from '../../../../shared/dto/clinic';
import { errorMessage, useChannelQuery } from '../../lib/api';
import { AppointmentActions } from '../clinic/AppointmentActions';
import { CancelDialog } from '../clinic/CancelDialog';
import { StatusBadge } from '../../components/StatusBadge';

/** The front desk's day: every appointment today by time, with check-in, no-show and cancel. */
export function TodayScreen() {
  const options = useChannelQuery('appointments/options', {});
  const today = options.data?.today ?? '';
  const list = useChannelQuery('appointments/list', { from: today, days: 1 }, { enabled: today !== '' });
  const [cancelling, setCancelling] = useState<AppointmentView | null>(null);
  const items = list.data?.items ?? [];
  const waiting = items.filter((a) => a.status === 'arrived').length;
  const expected = items.filter((a) => a.status === 'booked').length;
  const now = list.data?.now ?? 0;

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Today
        </Title>
        <Text c="dimmed" size="sm">
          {today ? `${today} · ${expected} still expected · ${waiting} waiting` : 'Loading…'}
        </Text>
      </div>
      {list.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(list.error)}
        </Alert>
      ) : null}
      <Paper withBorder>
        {!list.data ? (
          <Stack p="md" aria-busy="true" aria-label="Loading today's appointments">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} height={28} />
            ))}
          </Stack>
        ) : items.length === 0 ? (
          <Text p="lg" c="dimmed">
            No appointments today.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="xs" aria-label="Today's appointments">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Time</Table.Th>
                  <Table.Th>Patient</Table.Th>
                  <Table.Th>Doctor</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {a.time}–{a.endTime}
                    </Table.Td>
                    <Table.Td>
                      <Anchor href={`#/patients/${a.patientId}`}>{a.patientName}</Anchor>{' '}
                      <Text span c="dimmed" size="xs">
                        {a.patientNumber}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {a.doctorName}
                      <Text c="dimmed" size="xs">
                        {a.departmentName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={a.status} />
                    </Table.Td>
                    <Table.Td>
                      <Group>
                        <AppointmentActions appointment={a} now={now} onCancel={setCancelling} />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <CancelDialog appointment={cancelling} onClose={() => setCancelling(null)} />
    </Stack>
  );
}
