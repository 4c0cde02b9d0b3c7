import {
  Alert,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { FollowUpItem } from '../../../../shared/dto/follow-ups';
import { errorMessage, useChannelMutation, useChannelQuery } from '../../lib/api';
import { useSession } from '../../lib/session';
import { BookDialog, type BookingTarget } from '../appointments/BookDialog';

type View = 'week' | 'overdue' | 'open';

const VIEWS: { value: View; label: string }[] = [
  { value: 'week', label: 'Due this week' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'open', label: 'All open' },
];

/**
 * Reception's follow-ups: the doctors' next-visit dates still to book. "Book" opens the booking
 * dialog for that patient and doctor; booking closes the follow-up (the database does it).
 */
export function FollowUpsScreen() {
  const session = useSession().data;
  const [view, setView] = useState<View>('week');
  const [doctorId, setDoctorId] = useState<string | null>(null);
  const [booking, setBooking] = useState<BookingTarget | null>(null);
  const options = useChannelQuery('appointments/options', {});
  const list = useChannelQuery('followUps/list', {
    view,
    ...(doctorId ? { doctorId: Number(doctorId) } : {}),
  });
  const notNeeded = useChannelMutation('followUps/markNotNeeded');
  const canClose = session?.role === 'doctor' || session?.role === 'admin';
  const canBook = session?.role === 'reception' || session?.role === 'admin';

  const book = (item: FollowUpItem) =>
    setBooking({
      patient: {
        id: item.patientId,
        patientNumber: item.patientNumber,
        fullName: item.patientName,
        phone: item.phone,
        // Only the id, number and name are used by the booking dialog.
        dateOfBirth: '',
        sex: 'unknown',
        email: null,
        active: true,
      },
      doctorId: item.doctorId,
      doctorName: item.doctorName,
    });

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Follow-ups
        </Title>
        <Text c="dimmed" size="sm">
          Next visits the doctors asked for that are not booked yet. Booking the patient with that doctor
          closes the follow-up.
        </Text>
      </div>
      <Group>
        <SegmentedControl
          aria-label="Which follow-ups"
          value={view}
          onChange={(value) => setView(value)}
          data={VIEWS}
        />
        {session?.role === 'doctor' ? null : (
          <Select
            aria-label="Doctor"
            placeholder="Every doctor"
            clearable
            value={doctorId}
            onChange={setDoctorId}
            data={(options.data?.doctors ?? []).map((d) => ({ value: String(d.id), label: d.fullName }))}
          />
        )}
      </Group>
      {list.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(list.error)}
        </Alert>
      ) : null}
      {notNeeded.isError ? (
        <Alert color="red" role="alert" title="Not changed">
          {errorMessage(notNeeded.error)}
        </Alert>
      ) : null}
      {list.data && list.data.length === 0 ? <Text>No follow-ups here.</Text> : null}
      {list.data && list.data.length > 0 ? (
        <Table striped aria-label="Follow-ups">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Due</Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Phone</Table.Th>
              <Table.Th>Doctor</Table.Th>
              <Table.Th>Recall email</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  {item.dueDate}{' '}
                  {item.overdue ? (
                    <Badge color="red" variant="light">
                      Overdue
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <a href={`#/patients/${item.patientId}`}>{item.patientName}</a> ({item.patientNumber})
                </Table.Td>
                <Table.Td>{item.phone ?? '—'}</Table.Td>
                <Table.Td>{item.doctorName}</Table.Td>
                <Table.Td>{item.recalled ? 'Sent' : '—'}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {canBook ? (
                      <Button size="xs" onClick={() => book(item)} aria-label={`Book ${item.patientName}`}>
                        Book
                      </Button>
                    ) : null}
                    {canClose ? (
                      <Button
                        size="xs"
                        variant="light"
                        loading={notNeeded.isPending && notNeeded.variables.id === item.id}
                        onClick={() => notNeeded.mutate({ id: item.id })}
                      >
                        Not needed
                      </Button>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <BookDialog target={booking} onClose={() => setBooking(null)} />
    </Stack>
  );
}
